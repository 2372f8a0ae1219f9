//! Claim links on short stories written for these tests (never publishers' text), one per bug
//! found on real stories: the same claim told two ways must link, and its best counterpart must
//! be the sentence that reports it, not one that shares the scene.

use std::sync::LazyLock;

use parallax::analysis::{Analysis, Options};
use parallax::claims::{Refinement, SentenceRef};
use parallax::document::Document;

/// Three outlets on one invented story: parcel bombs, an arrest, a suspect named by two of them.
const ARREST: [&str; 3] = [
    "Police arrested a man in Florida on Friday over the parcel bombs sent to critics of the mayor. \
     Multiple sources identified the suspect to Channel Nine as Darnell Okafor of Sunrise, Florida. \
     The parcels were found at offices in three cities this week. \
     None of the devices exploded, and nobody was hurt. \
     The mayor thanked the investigators in a short statement.",
    "A law enforcement official identified the suspect as Darnell Okafor Jr., 48, of Sunrise, Fla. \
     Investigators traced one of the parcels through a fingerprint, officials said. \
     He was taken into custody outside an auto parts store on Friday morning. \
     The mayor called the bombs an attack on public life. \
     Federal agents searched a van parked near the store.",
    "The arrest came after a week of searches in several states. \
     Agents said the parcels carried crude devices that did not go off. \
     The mayor's office declined to comment on the investigation. \
     A neighbour said the man had lived in the area for years.",
];

/// Three outlets on an invented war: the prime minister's "total victory" reported twice, and a
/// sentence that shares his name and a quotation but reports something else.
const VICTORY: [&str; 3] = [
    "The talks in the capital collapsed on Tuesday without a date for the next round. \
     The only option, as Prime Minister Arvid Lunde has repeatedly pledged, is to crush the movement – his oft-vaunted “total victory.” \
     Mediators said the two sides still disagree on prisoners and on aid. \
     The movement has said it will not disarm before a political settlement.",
    "Prime Minister Arvid Lunde is talking about “alternative” means of achieving the government's goals in the province. \
     Aid groups warned that food is running out in the besieged towns. \
     Speaking to soldiers last year, Lunde said that fighting in every district was part of the “total victory” needed before operations would end. \
     The army says it controls most of the border crossings.",
    "Relatives of the prisoners gathered outside parliament on Wednesday. \
     Lunde's coalition partners oppose any pause in the fighting. \
     Diplomats said the mediators would try again next month.",
];

fn documents(texts: &[&str]) -> Vec<Document> {
    texts.iter().enumerate().map(|(i, t)| Document::from_plain(&format!("outlet{i}.txt"), t)).collect()
}

fn find(docs: &[Document], doc: usize, needle: &str) -> SentenceRef {
    let sentence = (0..docs[doc].sentences.len())
        .find(|&s| docs[doc].sentence(s).contains(needle))
        .unwrap_or_else(|| panic!("no sentence of document {doc} contains {needle:?}"));
    SentenceRef { doc, sentence }
}

static ARREST_DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| documents(&ARREST));
static ARREST_ANALYSIS: LazyLock<Analysis> =
    LazyLock::new(|| Analysis::run(&ARREST_DOCS, &Options { min_score: 0.0, ..Options::default() }));
static VICTORY_DOCS: LazyLock<Vec<Document>> = LazyLock::new(|| documents(&VICTORY));
static VICTORY_ANALYSIS: LazyLock<Analysis> =
    LazyLock::new(|| Analysis::run(&VICTORY_DOCS, &Options { min_score: 0.0, ..Options::default() }));

#[test]
fn a_suspect_named_by_two_outlets_is_the_best_match() {
    // Regression: "identified the suspect as <name> of <town>" in two outlets scored 0.40–0.50
    // among other pairs; "Jr." after the name hid the shared surname.
    let (docs, analysis) = (&*ARREST_DOCS, &*ARREST_ANALYSIS);
    assert!(matches!(analysis.refinement, Refinement::Refined { .. }), "{:?}", analysis.refinement);
    let a = find(docs, 0, "identified the suspect");
    let b = find(docs, 1, "identified the suspect");
    assert_eq!(analysis.counterparts(a).first().map(|c| c.sentence), Some(b), "{:?}", analysis.counterparts(a));
    let best_other = analysis.links.iter().filter(|l| (l.a, l.b) != (a, b)).map(|l| l.score).fold(0.0, f32::max);
    let pair = analysis.links.iter().find(|l| (l.a, l.b) == (a, b)).expect("the pair is scored").score;
    assert!(pair > best_other + 0.2, "{pair} against {best_other}");
}

#[test]
fn the_same_scene_without_the_same_claim_is_not_linked() {
    // Both name the mayor and the bombs; one reports thanks, the other a judgement.
    let (docs, analysis) = (&*ARREST_DOCS, &*ARREST_ANALYSIS);
    let thanks = find(docs, 0, "thanked the investigators");
    let attack = find(docs, 1, "called the bombs an attack");
    let score = analysis.counterparts(thanks).iter().find(|c| c.sentence == attack).map_or(0.0, |c| c.score);
    assert!(score < parallax::claims::DEFAULT_THRESHOLD, "{score}");
}

#[test]
fn total_victory_points_at_total_victory_first() {
    // Regression: the sentence on "alternative" means outranked the one that speaks of "total
    // victory" as the counterpart of the "total victory" sentence, so Enter and aligned
    // scrolling went to the wrong place.
    let (docs, analysis) = (&*VICTORY_DOCS, &*VICTORY_ANALYSIS);
    let pledge = find(docs, 0, "oft-vaunted “total victory.”");
    let speech = find(docs, 1, "part of the “total victory”");
    let other = find(docs, 1, "“alternative” means");
    let in_1: Vec<_> = analysis.counterparts(pledge).iter().filter(|c| c.sentence.doc == 1).collect();
    assert_eq!(in_1.first().map(|c| c.sentence), Some(speech), "{in_1:?}");
    assert!(in_1.iter().any(|c| c.sentence == other), "both are scored: {in_1:?}");
}

#[test]
fn fast_links_come_first_and_refined_ones_replace_them() {
    use parallax::analysis::Progress;
    let docs = &*VICTORY_DOCS;
    let mut events = Vec::new();
    let options = Options { min_score: 0.0, ..Options::default() };
    let last = Analysis::run_with_progress(docs, &options, &mut |p| {
        events.push(match p {
            Progress::First { analysis, refining } => {
                format!("first {} {refining}", analysis.refinement == Refinement::Fast)
            }
            Progress::Refining { done, total } => {
                assert!(done <= total && total > 0);
                format!("refining {}", done == total)
            }
        })
    });
    assert_eq!(events.first().map(String::as_str), Some("first true true"), "{events:?}");
    assert_eq!(events.last().map(String::as_str), Some("refining true"), "{events:?}");
    assert!(matches!(last.refinement, Refinement::Refined { sentences } if sentences > 0));
    // `run` is the same final analysis.
    assert_eq!(last.links, VICTORY_ANALYSIS.links);
}

#[test]
fn too_large_an_input_skips_refinement_and_says_so() {
    use parallax::analysis::Progress;
    let docs = &*VICTORY_DOCS;
    let options = Options { refine_limit: 1, ..Options::default() };
    let mut first = None;
    let analysis = Analysis::run_with_progress(docs, &options, &mut |p| match p {
        Progress::First { analysis, refining } => first = Some((analysis.links.len(), refining)),
        Progress::Refining { .. } => panic!("no refinement over the limit"),
    });
    assert!(matches!(analysis.refinement, Refinement::Skipped { sentences, limit: 1 } if sentences > 1));
    assert_eq!(first, Some((analysis.links.len(), false)));
    let fast = Analysis::run(docs, &Options { refine: false, ..Options::default() });
    assert_eq!(fast.refinement, Refinement::Fast);
    assert_eq!(fast.links, analysis.links, "skipping refinement leaves the fast links");
}

/// Found by the property test of document order: a quotation sharing exactly half its weight with
/// the other's was shared evidence in one order of the documents and not in the other (the share
/// is a sum whose order follows the documents'), so one pair scored 0.27 or 0.33.
#[test]
fn a_quotation_shared_by_half_scores_the_same_in_either_order() {
    let texts = [
        "Envoy captives talks. Talks “red envoy. 59 truce collapsed. Talks “red hostages. Envoy “red truce talks 59.",
        "59 truce envoy. Envoy envoy envoy. Truce 59 envoy. 59 envoy envoy. Envoy “red envoy. Envoy envoy envoy.",
        "Envoy envoy envoy. Rafah “red truce collapsed envoy Witkoff. Truce said Sunday of rejected envoy “red Cairo talks rejected.",
    ];
    let docs: Vec<Document> =
        texts.iter().enumerate().map(|(i, t)| Document::from_plain(&format!("d{i}.txt"), t)).collect();
    let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
    let score = |docs: &[Document], a: SentenceRef, b: SentenceRef| {
        parallax::claims::score_pairs(docs)
            .into_iter()
            .find(|l| (l.a, l.b) == (a, b) || (l.a, l.b) == (b, a))
            .map(|l| l.score)
            .expect("the pair is a candidate")
    };
    let (a, b) = (SentenceRef { doc: 0, sentence: 4 }, SentenceRef { doc: 2, sentence: 2 });
    let flipped = (SentenceRef { doc: 2, sentence: 4 }, SentenceRef { doc: 0, sentence: 2 });
    let (forward, back) = (score(&docs, a, b), score(&reversed, flipped.0, flipped.1));
    assert!((forward - back).abs() < 1e-5, "{forward} in one order, {back} in the other");
}
