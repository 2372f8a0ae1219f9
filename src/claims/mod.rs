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

/// The words of `a` absent from `b` and of `b` absent from `a` (case-insensitive),
/// as byte ranges into each: what differs between two tellings of one claim.
pub fn word_diff(a: &str, b: &str) -> (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>) {
    fn words(s: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(st), false) => {
                    out.push((st..i, s[st..i].to_lowercase()));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }
    let (wa, wb) = (words(a), words(b));
    let set_a: std::collections::HashSet<&str> = wa.iter().map(|w| w.1.as_str()).collect();
    let set_b: std::collections::HashSet<&str> = wb.iter().map(|w| w.1.as_str()).collect();
    let only = |ws: &[(std::ops::Range<usize>, String)], other: &std::collections::HashSet<&str>| {
        ws.iter().filter(|w| !other.contains(w.1.as_str())).map(|w| w.0.clone()).collect()
    };
    (only(&wa, &set_b), only(&wb, &set_a))
}
