//! Framing on the bundled seeds: every category fires, spans are sound, and
//! explanations of labels compare the sources.

use parallax::analysis::{Analysis, Options};
use parallax::framing::Category;
use parallax::seeds;

fn run() -> (Vec<parallax::document::Document>, Analysis) {
    let docs = seeds::documents();
    // Framing does not depend on the links: no refinement by the transformer (slow in debug builds).
    let analysis = Analysis::run(&docs, &Options { refine: false, ..Options::default() });
    (docs, analysis)
}

#[test]
fn every_category_fires_in_some_seed() {
    let (_, analysis) = run();
    for c in Category::ALL {
        let n: usize = analysis.framing.iter().map(|spans| spans.iter().filter(|s| s.category == c).count()).sum();
        assert!(n > 0, "{} never fires on the seeds", c.id());
    }
}

#[test]
fn spans_are_sorted_disjoint_and_on_char_boundaries() {
    let (docs, analysis) = run();
    for (doc, spans) in docs.iter().zip(&analysis.framing) {
        let mut prev_end = 0;
        for s in spans {
            assert!(prev_end <= s.range.start && s.range.start < s.range.end && s.range.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(s.range.start) && doc.text.is_char_boundary(s.range.end));
            prev_end = s.range.end;
        }
    }
}

fn find(docs: &[parallax::document::Document], analysis: &Analysis, doc: usize, term: &str) -> usize {
    analysis.framing[doc]
        .iter()
        .position(|s| &docs[doc].text[s.range.clone()] == term)
        .unwrap_or_else(|| panic!("`{term}` is not marked in seed {doc}"))
}

#[test]
fn known_framing_in_the_seeds_is_marked() {
    let (docs, analysis) = run();
    let cases = [
        (1, "“strategic pause”", Category::ScareQuote),
        (1, "admitted", Category::Attribution),
        (0, "Officials say", Category::Attribution),
        (3, "sick and twisted", Category::Loaded),
        (4, "getting shot", Category::Passive),
        (2, "reportedly", Category::Hedge),
        (0, "massive destruction", Category::Booster),
        (0, "serious international plan", Category::Booster),
        (0, "clinging to", Category::Loaded),
        (3, "lip service", Category::Loaded),
        (2, "crucial modifications", Category::Booster),
    ];
    for (doc, term, category) in cases {
        let i = find(&docs, &analysis, doc, term);
        assert_eq!(analysis.framing[doc][i].category, category, "{term}");
    }
}

#[test]
fn proportions_in_seed_004_are_not_marked_as_hedges() {
    let (docs, analysis) = run();
    let marked: Vec<&str> = analysis.framing[4].iter().map(|s| &docs[4].text[s.range.clone()]).collect();
    assert!(!marked.iter().any(|t| ["mostly", "largely"].contains(t)), "{marked:?}");
}

#[test]
fn a_label_explanation_shows_how_the_other_sources_name_the_group() {
    let (docs, analysis) = run();
    let i = find(&docs, &analysis, 1, "terror group");
    let e = analysis.explain(&docs, 1, i);
    assert_eq!(e.category, Category::Label);
    assert_eq!(e.rule, "terror group");
    assert!(!e.category_description.is_empty());
    assert!(e.note.as_deref().is_some_and(|n| n.contains("militant group")));
    let others: Vec<usize> = e.contrast.iter().map(|c| c.doc).collect();
    assert_eq!(others, [0, 2, 3, 4]);
    let seed2 = &e.contrast.iter().find(|c| c.doc == 2).unwrap().terms;
    assert!(seed2.iter().any(|t| t == "resistance movement"), "{seed2:?}");
    let seed3 = &e.contrast.iter().find(|c| c.doc == 3).unwrap().terms;
    assert!(seed3.iter().any(|t| t == "militant group"), "{seed3:?}");
}

#[test]
fn rule_explanations_say_why() {
    let (docs, analysis) = run();
    let i = find(&docs, &analysis, 4, "getting shot");
    let e = analysis.explain(&docs, 4, i);
    assert_eq!(e.rule, "agentless_passive");
    assert!(e.note.unwrap().contains("Violence"));
    assert!(e.contrast.is_empty());
    let i = find(&docs, &analysis, 1, "“strategic pause”");
    assert!(analysis.explain(&docs, 1, i).note.unwrap().contains("quotation marks"));
}

#[test]
fn density_counts_spans_per_thousand_words() {
    let (docs, analysis) = run();
    let density = analysis.density(1);
    assert_eq!(density.len(), Category::ALL.len());
    let words = docs[1].word_count() as f64;
    for d in density {
        let of = |quoted: bool| {
            analysis.framing[1].iter().filter(|s| s.category == d.category && s.is_quoted() == quoted).count() as f64
        };
        assert!((d.own - of(false) * 1000.0 / words).abs() < 1e-9);
        assert!((d.quoted - of(true) * 1000.0 / words).abs() < 1e-9);
    }
}
