//! Matching claims across sources: which sentences of different documents
//! report the same thing, and how they group into claims.
//!
//! Every sentence is reduced to its content-word stems, names (with surname
//! aliases), figures with units, quotations and a static embedding
//! ([`corpus`]); an inverted index proposes candidate pairs ([`index`]); each
//! pair gets one number per signal ([`signals`]), combined by a logistic
//! model fitted on annotated news ([`model`]); links then group into claims
//! ([`cluster`]).

pub mod clauses;
mod cluster;
pub mod corpus;
mod diff;
pub mod embed;
pub mod entities;
pub mod index;
pub mod model;
pub mod numbers;
pub mod quotes;
pub mod signals;
pub mod tokens;

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;

pub use cluster::cluster;
pub use diff::word_diff;
pub use model::Model;
pub use signals::Signals;

/// A sentence of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SentenceRef {
    pub doc: usize,
    pub sentence: usize,
}

/// Two sentences of different documents that report the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Link {
    pub a: SentenceRef,
    pub b: SentenceRef,
    pub score: f32,
}

/// A claim: sentences from two or more sources that report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    pub id: usize,
    pub members: Vec<SentenceRef>,
}

/// Links scoring below this are not shown by default. Chosen on the ECB+
/// train topics as the lowest score at which linked pairs are right at least
/// 88% of the time (see notes/claims.md).
pub const DEFAULT_THRESHOLD: f32 = 0.710;

/// Every candidate pair with its signals, `a.doc < b.doc`, each pair once.
pub fn candidate_signals(docs: &[Document]) -> Vec<(SentenceRef, SentenceRef, Signals)> {
    let corpus = corpus::Corpus::build(docs);
    index::candidates(&corpus)
        .into_iter()
        .map(|(i, j)| {
            let (x, y) = (corpus.refs[i as usize], corpus.refs[j as usize]);
            let (a, b) = if x < y { (x, y) } else { (y, x) };
            (a, b, signals::signals(&corpus, i as usize, j as usize))
        })
        .collect()
}

/// Every scored candidate pair, each cross-document pair once, `a.doc < b.doc`.
pub fn score_pairs(docs: &[Document]) -> Vec<Link> {
    score_pairs_with(docs, Model::shipped())
}

/// [`score_pairs`] with another combination of the signals.
pub fn score_pairs_with(docs: &[Document], model: &Model) -> Vec<Link> {
    score_pairs_with_spans(docs, model).into_iter().map(|(link, _)| link).collect()
}

/// Where a link's shared evidence lies when a linked sentence carries more than one claim:
/// the clause of each side (a byte range into its document's text), `None` for a whole sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseSpans {
    pub a: Option<Range<usize>>,
    pub b: Option<Range<usize>>,
}

/// [`score_pairs_with`], with the clauses that carry each link's evidence.
///
/// The score is the model's on the whole sentences, but when either sentence splits into
/// clauses, the evidence gate counts the pieces one clause shares with the other sentence (or
/// one of its clauses), not the whole sentence's: two rare words in two different claims of a
/// long sentence are not two facts in common.
pub fn score_pairs_with_spans(docs: &[Document], model: &Model) -> Vec<(Link, ClauseSpans)> {
    let corpus = corpus::Corpus::build(docs);
    index::candidates(&corpus)
        .into_iter()
        .map(|(i, j)| {
            let (i, j) = (i as usize, j as usize);
            let (i, j) = if corpus.refs[i] < corpus.refs[j] { (i, j) } else { (j, i) };
            let (a, b) = (corpus.refs[i], corpus.refs[j]);
            let mut whole = signals::signals(&corpus, i, j);
            let mut spans = ClauseSpans::default();
            // Clauses can only thin the evidence, so a pair the gate already holds back needs no more work.
            let passes_gate = whole.evidence >= model::MIN_EVIDENCE;
            if let Some((evidence, x, y)) = clause_evidence(&corpus, model, i, j).filter(|_| passes_gate) {
                whole.evidence = whole.evidence.min(evidence);
                let in_doc = |r: SentenceRef, c: Option<&corpus::Clause>| {
                    let start = docs[r.doc].sentences[r.sentence].start;
                    c.map(|c| start + c.range.start..start + c.range.end)
                };
                spans = ClauseSpans { a: in_doc(a, x), b: in_doc(b, y) };
            }
            (Link { a, b, score: model.score(&whole) }, spans)
        })
        .collect()
}

/// When sentence `i` or `j` splits into clauses: the most evidence one pairing of a clause with the
/// other sentence or one of its clauses shares, and that pairing (`None` standing for a whole
/// sentence). Ties go to the pairing the model scores higher.
fn clause_evidence<'c>(
    corpus: &'c corpus::Corpus,
    model: &Model,
    i: usize,
    j: usize,
) -> Option<(f32, Option<&'c corpus::Clause>, Option<&'c corpus::Clause>)> {
    let (ci, cj) = (corpus.clauses_of(i), corpus.clauses_of(j));
    if ci.is_empty() && cj.is_empty() {
        return None;
    }
    let sides = |k: usize, clauses: &'c [corpus::Clause]| {
        std::iter::once((None, &corpus.sentences[k])).chain(clauses.iter().map(|c| (Some(c), &c.features)))
    };
    let mut best: Option<(f32, f32, Option<&corpus::Clause>, Option<&corpus::Clause>)> = None;
    for (x, fx) in sides(i, ci) {
        for (y, fy) in sides(j, cj).filter(|(y, _)| x.is_some() || y.is_some()) {
            let s = signals::signals_between(corpus, fx, fy);
            let p = model.probability(&s);
            if best.is_none_or(|(e, q, _, _)| (s.evidence, p) > (e, q)) {
                best = Some((s.evidence, p, x, y));
            }
        }
    }
    best.map(|(e, _, x, y)| (e, x, y))
}
