//! Matching claims across sources: which sentences of different documents
//! report the same thing, and how they group into claims.
//!
//! Every sentence is reduced to its content-word stems, names (with surname
//! aliases), figures with units, quotations and a static embedding
//! ([`corpus`]); an inverted index proposes candidate pairs ([`index`]); each
//! pair gets one number per signal ([`signals`]), combined by a logistic
//! model fitted on annotated news ([`model`]); links then group into claims
//! ([`cluster`]).

mod cluster;
pub mod corpus;
mod diff;
pub mod embed;
pub mod entities;
mod fasthash;
pub mod index;
pub mod model;
pub mod numbers;
pub mod quotes;
pub mod signals;
pub mod tokens;

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
    candidate_signals(docs).into_iter().map(|(a, b, s)| Link { a, b, score: model.score(&s) }).collect()
}
