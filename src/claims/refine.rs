//! The refinement stage: meaning beyond shared words, from the transformer ([`super::minilm`]).
//!
//! The sentences of every candidate pair are encoded, and each such pair gets the token
//! alignment of its two sentences (every word piece of one matched to its closest in the other
//! by contextual vectors, weighted by the piece's rarity in the loaded documents, as BERTScore
//! does) and the cosine of their sentence vectors. Encoding is the cost (about 20 sentences per
//! second per core on this project's machine); it runs on two threads, reports its progress, and
//! is skipped when more sentences would need encoding than a limit.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::{Array1, Array2, Axis};

use super::minilm::{Encoded, Encoder, encoder};
use super::tokens::is_stopword;
use crate::document::Document;
use crate::words::FastMap;

/// Sentences encoded per batch: the position-wise layers run over a batch at once, and progress
/// is reported between batches.
const BATCH: usize = 16;
/// Threads the encoding runs on.
const THREADS: usize = 2;

/// One encoded sentence, reduced to what the pair signals need.
pub struct Encoding {
    /// The contextual vectors of its content pieces (not function words or punctuation), unit
    /// length, one per row.
    vectors: Array2<f32>,
    /// Each content piece's id, for its weight.
    pieces: Vec<u32>,
    sentence: Array1<f32>,
}

/// The content pieces of an encoded sentence: pieces of words that are neither function words
/// nor punctuation.
fn content(text: &str, e: Encoded) -> Encoding {
    let words = Encoder::words(text);
    let keep: Vec<usize> = (0..e.pieces.len())
        .filter(|&p| {
            let w = &words[e.word_of_piece[p]];
            w.chars().any(char::is_alphanumeric) && !is_stopword(w)
        })
        .collect();
    Encoding {
        vectors: e.vectors.select(Axis(0), &keep),
        pieces: keep.iter().map(|&p| e.pieces[p]).collect(),
        sentence: e.sentence,
    }
}

/// Encodes `texts` on [`THREADS`] threads, calling `progress(done, total)` after each batch.
pub fn encode_all(texts: &[&str], progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<Encoding> {
    let encoder = encoder();
    let batches: Vec<&[&str]> = texts.chunks(BATCH).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Vec<Encoding>>>> = Mutex::new((0..batches.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..THREADS.min(batches.len()) {
            scope.spawn(|| {
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(b) else { break };
                    let encoded: Vec<Encoding> =
                        batch.iter().zip(encoder.encode(batch)).map(|(t, e)| content(t, e)).collect();
                    results.lock().unwrap_or_else(|p| p.into_inner())[b] = Some(encoded);
                    let finished = done.fetch_add(batch.len(), Ordering::Relaxed) + batch.len();
                    progress(finished, texts.len());
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|p| p.into_inner()).into_iter().flatten().flatten().collect()
}

/// The weight of each word piece among the given sentences: the smoothed IDF
/// ln((1 + N) / (1 + df)) + 1, as BERTScore weighs tokens.
pub fn piece_weights(docs: &[Document]) -> FastMap<u32, f32> {
    let encoder = encoder();
    let mut df: FastMap<u32, u32> = FastMap::default();
    let mut n = 0usize;
    for d in docs {
        for s in 0..d.sentences.len() {
            n += 1;
            let mut pieces = encoder.pieces(d.sentence(s)).0;
            pieces.sort_unstable();
            pieces.dedup();
            for p in pieces {
                *df.entry(p).or_default() += 1;
            }
        }
    }
    df.into_iter().map(|(p, d)| (p, ((1 + n) as f32 / (1 + d) as f32).ln() + 1.0)).collect()
}

/// Token alignment of two encoded sentences, each direction: the weighted share of `a`'s
/// pieces that `b` covers (each piece counting its best cosine in `b`), and the reverse.
pub fn token_alignment(a: &Encoding, b: &Encoding, weights: &FastMap<u32, f32>) -> (f32, f32) {
    if a.pieces.is_empty() || b.pieces.is_empty() {
        return (0.0, 0.0);
    }
    // Every piece of one against every piece of the other in one matrix product.
    let sims = a.vectors.dot(&b.vectors.t());
    let coverage = |best: Vec<f32>, pieces: &[u32]| {
        let (mut covered, mut total) = (0f32, 0f32);
        for (best, p) in best.into_iter().zip(pieces) {
            let w = weights.get(p).copied().unwrap_or(1.0);
            covered += w * best;
            total += w;
        }
        covered / total
    };
    let best = |lane: ndarray::ArrayView1<f32>| lane.fold(f32::NEG_INFINITY, |m, &x| m.max(x));
    let r = coverage(sims.rows().into_iter().map(best).collect(), &a.pieces);
    let p = coverage(sims.columns().into_iter().map(best).collect(), &b.pieces);
    (r, p)
}

pub fn sentence_cosine(a: &Encoding, b: &Encoding) -> f32 {
    a.sentence.dot(&b.sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_claim_aligns_better_than_the_same_scene() {
        let texts = [
            "The Democratic Party sued Russia and the Trump campaign on Friday.",
            "On Friday the Democrats filed a lawsuit against Russia and the Trump campaign.",
            "On Friday the Trump campaign held a rally far from Russia.",
        ];
        let docs: Vec<Document> = texts.iter().map(|t| Document::from_plain("t.txt", t)).collect();
        let weights = piece_weights(&docs);
        let calls = AtomicUsize::new(0);
        let e = encode_all(&texts, &|done, total| {
            assert!(done <= total);
            calls.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(e.len(), 3);
        assert!(calls.load(Ordering::Relaxed) >= 1);
        let f1 = |(r, p): (f32, f32)| 2.0 * r * p / (r + p);
        let same = f1(token_alignment(&e[0], &e[1], &weights));
        let scene = f1(token_alignment(&e[0], &e[2], &weights));
        assert!(same > scene, "same claim {same}, same scene {scene}");
        let (r, p) = token_alignment(&e[0], &e[0], &weights);
        assert!(r > 0.999 && p > 0.999, "a sentence covers itself: {r} {p}");
        assert!(sentence_cosine(&e[0], &e[1]) > sentence_cosine(&e[0], &e[2]));
    }

    #[test]
    fn function_words_and_punctuation_are_not_aligned() {
        let e = encode_all(&["It was, as they said, the end."], &|_, _| {});
        assert_eq!(e[0].pieces.len(), 1, "only “end” is content");
        assert!(encode_all(&[], &|_, _| {}).is_empty());
    }
}
