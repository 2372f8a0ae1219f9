//! Properties of links and claims on generated documents.

use std::collections::HashSet;

use parallax::analysis::{Analysis, Options};
use parallax::claims::{self, SentenceRef};
use parallax::document::Document;
use proptest::prelude::*;

const WORDS: [&str; 24] = [
    "envoy",
    "Witkoff",
    "Hamas",
    "truce",
    "hostages",
    "released",
    "Cairo",
    "talks",
    "collapsed",
    "60-day",
    "59",
    "captives",
    "army",
    "withdrew",
    "Rafah",
    "Sunday",
    "mediators",
    "proposal",
    "rejected",
    "“red",
    "line”",
    "the",
    "of",
    "said",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 3..12).prop_map(|ws| {
        let mut s = ws.join(" ");
        s.push('.');
        let mut c = s.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    })
}

fn corpus() -> impl Strategy<Value = Vec<Document>> {
    prop::collection::vec(prop::collection::vec(sentence(), 1..8), 1..5).prop_map(|docs| {
        docs.iter().enumerate().map(|(i, ss)| Document::from_plain(&format!("d{i}.txt"), &ss.join(" "))).collect()
    })
}

fn words_of(d: &Document, s: usize) -> Vec<String> {
    d.sentence(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Sentence text with the marks clauses are cut at, quotation marks and multi-byte letters.
fn clause_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "the",
        "envoy",
        "Witkoff",
        "said",
        "hostages",
        "were",
        "freed",
        "in",
        "Rafah",
        "on",
        "Sunday",
        "and",
        ",",
        ";",
        "—",
        "–",
        ":",
        "but",
        "while",
        "whereas",
        "describing",
        "stating",
        "“red",
        "line”",
        "\"",
        "Zürich",
        "שלום",
        "é",
        "59",
        "60-day",
        ", and",
        ", but",
        " — ",
        "; ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|ps| ps.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn clauses_lie_inside_their_sentence_in_order_on_char_boundaries(text in clause_text()) {
        let doc = Document::from_plain("d.txt", &text);
        for (s, range) in doc.sentences.iter().enumerate() {
            let sentence = doc.sentence(s);
            let clauses = claims::clauses::clauses(sentence);
            prop_assert!(clauses.len() != 1, "one clause is reported as none");
            let mut end = 0;
            for c in clauses {
                prop_assert!(end <= c.start && c.start < c.end && c.end <= sentence.len(), "{c:?} in {sentence:?}");
                prop_assert!(sentence.is_char_boundary(c.start) && sentence.is_char_boundary(c.end));
                prop_assert!(doc.text.is_char_boundary(range.start + c.start));
                end = c.end;
            }
        }
    }

    #[test]
    fn clause_spans_of_links_lie_inside_the_linked_sentences(a in clause_text(), b in clause_text(), c in clause_text()) {
        let docs: Vec<Document> =
            [a, b, c].iter().enumerate().map(|(i, t)| Document::from_plain(&format!("d{i}.txt"), t)).collect();
        let analysis = Analysis::run(&docs, &Options { min_score: 0.0, refine: false, ..Options::default() });
        for l in &analysis.links {
            let Some(spans) = analysis.clause_spans(l) else { continue };
            for (r, span) in [(l.a, &spans.a), (l.b, &spans.b)] {
                if let Some(span) = span {
                    let doc = &docs[r.doc];
                    let sentence = &doc.sentences[r.sentence];
                    prop_assert!(sentence.start <= span.start && span.start < span.end && span.end <= sentence.end);
                    prop_assert!(doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
                }
            }
        }
    }


    #[test]
    fn links_are_cross_document_ordered_unique_and_in_range(docs in corpus()) {
        let links = claims::score_pairs(&docs);
        let mut seen = HashSet::new();
        for l in &links {
            prop_assert!(l.a.doc < l.b.doc, "{l:?}");
            prop_assert!(l.a.sentence < docs[l.a.doc].sentences.len() && l.b.sentence < docs[l.b.doc].sentences.len());
            prop_assert!((0.0..=1.0).contains(&l.score), "{l:?}");
            prop_assert!(seen.insert((l.a, l.b)) && !seen.contains(&(l.b, l.a)), "pair twice: {l:?}");
        }
    }

    #[test]
    fn scores_do_not_depend_on_document_order(docs in corpus()) {
        let forward = claims::score_pairs(&docs);
        let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
        let n = docs.len();
        let back = claims::score_pairs(&reversed);
        let flip = |r: SentenceRef| SentenceRef { doc: n - 1 - r.doc, sentence: r.sentence };
        let mut a: Vec<_> = forward.iter().map(|l| (l.a, l.b, l.score)).collect();
        let mut b: Vec<_> = back.iter().map(|l| {
            let (x, y) = (flip(l.a), flip(l.b));
            if x < y { (x, y, l.score) } else { (y, x, l.score) }
        }).collect();
        a.sort_by_key(|x| (x.0, x.1));
        b.sort_by_key(|x| (x.0, x.1));
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            prop_assert_eq!((x.0, x.1), (y.0, y.1));
            prop_assert!((x.2 - y.2).abs() < 1e-5);
        }
    }

    #[test]
    fn claims_span_sources_once_each(docs in corpus(), min_score in 0.0f32..0.9) {
        let links: Vec<_> = claims::score_pairs(&docs).into_iter().filter(|l| l.score >= min_score).collect();
        let clusters = claims::cluster(&docs, &links);
        let mut placed = HashSet::new();
        for c in &clusters {
            let sources: HashSet<usize> = c.members.iter().map(|m| m.doc).collect();
            prop_assert!(sources.len() >= 2, "{c:?}");
            for m in &c.members {
                prop_assert!(placed.insert(*m), "{m:?} in two claims");
                for o in c.members.iter().filter(|o| o.doc == m.doc && *o != m) {
                    prop_assert_eq!(words_of(&docs[m.doc], m.sentence), words_of(&docs[o.doc], o.sentence));
                }
            }
        }
    }
}

proptest! {
    // The transformer makes a case cost a good part of a second: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn refined_links_are_cross_document_in_range_and_order_free(docs in corpus()) {
        let refined = |docs: &[Document]| {
            let mut scoring = claims::Scoring::new(docs);
            scoring.refine(docs, usize::MAX, &|done, total| assert!(done <= total));
            scoring.links().into_iter().map(|(l, _)| l).collect::<Vec<_>>()
        };
        let links = refined(&docs);
        let fast = claims::score_pairs(&docs);
        prop_assert_eq!(links.len(), fast.len(), "refinement rescores the candidates, it adds none");
        for l in &links {
            prop_assert!(l.a.doc < l.b.doc, "{l:?}");
            prop_assert!((0.0..=1.0).contains(&l.score), "{l:?}");
        }
        let n = docs.len();
        let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
        let flip = |r: SentenceRef| SentenceRef { doc: n - 1 - r.doc, sentence: r.sentence };
        let mut a: Vec<_> = links.iter().map(|l| (l.a, l.b, l.score)).collect();
        let mut b: Vec<_> = refined(&reversed).iter().map(|l| {
            let (x, y) = (flip(l.a), flip(l.b));
            if x < y { (x, y, l.score) } else { (y, x, l.score) }
        }).collect();
        a.sort_by_key(|x| (x.0, x.1));
        b.sort_by_key(|x| (x.0, x.1));
        for (x, y) in a.iter().zip(&b) {
            prop_assert_eq!((x.0, x.1), (y.0, y.1));
            prop_assert!((x.2 - y.2).abs() < 1e-4, "{x:?} {y:?}");
        }
    }
}

#[test]
fn no_links_without_two_documents_with_something_to_say() {
    assert!(claims::score_pairs(&[]).is_empty());
    let one =
        [Document::from_plain("a.txt", "The envoy met the mediators in Doha on Sunday. The envoy met them again.")];
    assert!(claims::score_pairs(&one).is_empty());
    let short = [
        Document::from_plain("a.txt", "Gaza talks. Truce holds."),
        Document::from_plain("b.txt", "Gaza talks. Truce holds."),
    ];
    assert!(claims::score_pairs(&short).is_empty());
    assert!(claims::cluster(&short, &[]).is_empty());
}

#[test]
fn any_script_is_handled() {
    let docs = [
        Document::from_plain("a.txt", "השיחות בקהיר נמשכו עד הלילה והמתווכים הציעו הפסקת אש של שישים יום."),
        Document::from_plain("b.txt", "השיחות בקהיר נמשכו עד הלילה והמתווכים הציעו הפסקת אש של שישים יום."),
    ];
    let links = claims::score_pairs(&docs);
    assert_eq!(links.len(), 1);
    assert!(links[0].score > 0.5, "{links:?}");
}
