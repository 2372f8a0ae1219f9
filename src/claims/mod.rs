//! Matching claims across sources.

use serde::Serialize;

use crate::document::Document;

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

pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// Every scored candidate pair, each cross-document pair once.
pub fn score_pairs(_docs: &[Document]) -> Vec<Link> {
    Vec::new()
}

pub fn cluster(_docs: &[Document], _links: &[Link]) -> Vec<Cluster> {
    Vec::new()
}
