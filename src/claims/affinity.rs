//! How far apart two documents are, next to how alike each is to its nearest among those loaded.
//!
//! Two sentences can share every word of a scene and still report different events: a second
//! earthquake of the same size, an earlier round of the same talks. What tells them apart is
//! the rest of each article (its places, names and dates), so a pair of sentences carries how
//! alike their whole documents are. The measure is relative: articles that all tell one story
//! are all near each other, whatever their stance, and only a document much less alike than
//! the nearest other one counts as apart.

use super::corpus::Corpus;
use crate::words::FastMap;

/// A document at least this share as alike as its nearest is not apart at all.
const NEAR_SHARE: f32 = 0.5;

/// [`super::Signals::apart`] for the document pairs of a set of candidate sentence pairs.
pub struct Affinity {
    /// (first document, second document, apart), sorted, first < second.
    pairs: Vec<(u32, u32, f32)>,
}

impl Affinity {
    /// The documents of `candidates` (sentence indices into `corpus`), each pair of them once.
    pub fn new(corpus: &Corpus, candidates: &[(u32, u32)]) -> Affinity {
        let docs = corpus.refs.iter().map(|r| r.doc + 1).max().unwrap_or(0);
        let mut keys: Vec<u64> = candidates
            .iter()
            .map(|&(i, j)| {
                let (a, b) = (corpus.refs[i as usize].doc, corpus.refs[j as usize].doc);
                ((a.min(b) as u64) << 32) | a.max(b) as u64
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let vectors = document_vectors(corpus, docs);
        // Each first document's vector spread into a dense row once, then read along each partner's
        // (hundreds of thousands of document pairs on a large corpus: a merge of two sparse vectors
        // per pair cost a tenth of the fast analysis).
        let groups: Vec<&[u64]> = keys.chunk_by(|x, y| x >> 32 == y >> 32).collect();
        let cosines = crate::parallel::map_concat(&groups, keys.len(), |group| {
            let mut row = vec![0f32; corpus.idf.len()];
            for &(k, w) in &vectors[(group[0] >> 32) as usize] {
                row[k as usize] = w;
            }
            group.iter().map(|&k| vectors[k as u32 as usize].iter().map(|&(t, w)| row[t as usize] * w).sum()).collect()
        });
        let mut nearest = vec![0f32; docs];
        for (&k, &c) in keys.iter().zip(&cosines) {
            for d in [(k >> 32) as usize, k as u32 as usize] {
                nearest[d] = nearest[d].max(c);
            }
        }
        let pairs = keys
            .iter()
            .zip(&cosines)
            .map(|(&k, &c)| {
                let (a, b) = ((k >> 32) as u32, k as u32);
                (a, b, apart(c, nearest[a as usize], nearest[b as usize]))
            })
            .collect();
        Affinity { pairs }
    }

    /// How far apart documents `a` and `b` are (0 when they were never compared).
    pub fn apart(&self, a: usize, b: usize) -> f32 {
        let key = (a.min(b) as u32, a.max(b) as u32);
        self.pairs.binary_search_by(|p| (p.0, p.1).cmp(&key)).map_or(0.0, |i| self.pairs[i].2)
    }
}

/// 0 when the cosine `c` of two documents is at least [`NEAR_SHARE`] of each one's nearest
/// (`na`, `nb`), rising to 1 as it falls to nothing. Documents that share no weighted word with
/// anything (two documents alone: every word both hold is in all of them) are not apart.
fn apart(c: f32, na: f32, nb: f32) -> f32 {
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    let relative = (c / na).min(c / nb);
    (1.0 - relative / NEAR_SHARE).clamp(0.0, 1.0)
}

/// Each document's words and names, each counted by the sentences holding it and weighted by
/// its rarity among the loaded sentences (not documents: with three articles on one story, a
/// rarity among documents weighs nothing that all three hold and the two-of-three words by chance),
/// unit length.
fn document_vectors(corpus: &Corpus, docs: usize) -> Vec<Vec<(u32, f32)>> {
    let mut counts: Vec<FastMap<u32, f32>> = vec![FastMap::default(); docs];
    for (s, r) in corpus.sentences.iter().zip(&corpus.refs) {
        for &k in s.terms.iter().chain(&s.entities) {
            *counts[r.doc].entry(k).or_default() += 1.0;
        }
    }
    counts
        .into_iter()
        .map(|c| {
            let mut v: Vec<(u32, f32)> = c.into_iter().map(|(k, tf)| (k, tf * corpus.idf[k as usize])).collect();
            let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn affinity(texts: &[&str]) -> (Corpus, Affinity) {
        let docs: Vec<Document> =
            texts.iter().enumerate().map(|(i, t)| Document::from_plain(&format!("{i}.txt"), t)).collect();
        let corpus = Corpus::build(&docs);
        let n = corpus.sentences.len() as u32;
        let all: Vec<(u32, u32)> = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter(|&(i, j)| corpus.refs[i as usize].doc != corpus.refs[j as usize].doc)
            .collect();
        let affinity = Affinity::new(&corpus, &all);
        (corpus, affinity)
    }

    #[test]
    fn an_article_on_another_event_is_apart_from_those_on_this_one() {
        let (_, a) = affinity(&[
            "A strong earthquake struck Valdora on Monday. Rescuers in Valdora searched the rubble of the old market.",
            "Rescuers searched the rubble in Valdora after Monday's earthquake. The old market of Valdora collapsed.",
            "An earthquake struck Penmarrow on Friday. Rescuers in Penmarrow searched the rubble of a school.",
            "Rescuers searched the rubble of a Penmarrow school after Friday's earthquake. Penmarrow mourned.",
        ]);
        assert_eq!(a.apart(0, 1), 0.0);
        assert_eq!(a.apart(2, 3), 0.0);
        // Short texts share much of the scene's wording, so the other event is apart, not far apart.
        for (x, y) in [(0, 2), (0, 3), (1, 2), (1, 3)] {
            assert!(a.apart(x, y) > 0.25, "{x}-{y}: {}", a.apart(x, y));
        }
        assert_eq!(a.apart(1, 3), a.apart(3, 1));
    }

    #[test]
    fn articles_on_one_story_are_never_apart() {
        // Two documents alone: every word both hold is in all of them, so nothing sets them apart.
        let (_, two) = affinity(&["The truce held on Sunday in Lorvik.", "In Lorvik the truce held on Sunday."]);
        assert_eq!(two.apart(0, 1), 0.0);
        // Three tellings of one event, from different angles: the least alike is still near.
        let (_, three) = affinity(&[
            "Mediators in Lorvik said the truce held on Sunday. Aid lorries crossed at dawn.",
            "The truce in Lorvik held on Sunday, officials said. Aid lorries crossed at dawn.",
            "Critics called the Lorvik truce fragile. It held on Sunday, officials said.",
        ]);
        for (x, y) in [(0, 1), (0, 2), (1, 2)] {
            assert!(three.apart(x, y) < 0.5, "{x}-{y}: {}", three.apart(x, y));
        }
        assert_eq!(three.apart(0, 7), 0.0, "an unknown pair is not apart");
    }

    #[test]
    fn apart_is_relative_to_the_nearest() {
        assert_eq!(apart(0.3, 0.6, 0.4), 0.0);
        assert_eq!(apart(0.0, 0.6, 0.4), 1.0);
        assert!((apart(0.15, 0.6, 0.3) - 0.5).abs() < 1e-6);
        assert_eq!(apart(0.0, 0.0, 0.4), 0.0);
    }
}
