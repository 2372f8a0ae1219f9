//! A static word embedding distilled offline from all-MiniLM-L6-v2 (see
//! `scripts/distill_embeddings.py`): one int8 row per word piece of the
//! model's vocabulary. A word's vector is the mean of its pieces' rows, found
//! by the model's own greedy longest-match split, so words outside the
//! vocabulary ("redeployment") still get a meaningful vector.

use std::sync::LazyLock;

use crate::words::FastMap;

pub const DIMS: usize = 64;
/// Longest word split into pieces; longer tokens are debris (URLs, hashes).
const MAX_WORD_CHARS: usize = 40;

static PIECES: &str = include_str!("../../assets/claims/wordpieces.txt");
static ROWS: &[u8] = include_bytes!("../../assets/claims/embeddings.bin");

/// all-MiniLM-L6-v2's word pieces, shared by the static embedding and the transformer.
pub struct Vocabulary {
    /// Pieces that start a word, and continuation pieces keyed without their "##".
    starts: FastMap<&'static str, u32>,
    continuations: FastMap<&'static str, u32>,
    len: usize,
}

impl Vocabulary {
    pub fn parse(pieces: &'static str) -> Vocabulary {
        let mut starts: FastMap<&'static str, u32> = FastMap::default();
        let mut continuations: FastMap<&'static str, u32> = FastMap::default();
        let mut len = 0;
        for (i, w) in pieces.lines().enumerate() {
            match w.strip_prefix("##") {
                Some(rest) => continuations.insert(rest, i as u32),
                None => starts.insert(w, i as u32),
            };
            len = i + 1;
        }
        Vocabulary { starts, continuations, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The id of a whole piece ("[CLS]", "the").
    pub fn id(&self, piece: &str) -> Option<u32> {
        self.starts.get(piece).copied()
    }

    /// BERT's WordPiece split of one word without punctuation: greedy longest match,
    /// continuation pieces prefixed "##"; `None` when some part matches no piece.
    pub fn split(&self, part: &str, out: &mut Vec<u32>) -> Option<()> {
        let mut start = 0;
        while start < part.len() {
            let mut end = part.len();
            let found = loop {
                let piece = &part[start..end];
                let hit = if start == 0 { self.starts.get(piece) } else { self.continuations.get(piece) };
                if let Some(&id) = hit {
                    break id;
                }
                end = part[..end].char_indices().next_back().map(|(i, _)| i).filter(|&i| i > start)?;
            };
            out.push(found);
            start = end;
        }
        Some(())
    }
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::parse(PIECES));

pub fn vocabulary() -> &'static Vocabulary {
    &VOCABULARY
}

pub struct Model {
    vocabulary: &'static Vocabulary,
    rows: Vec<[f32; DIMS]>,
}

static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::parse(vocabulary(), ROWS).expect("embedded model is well-formed"));

pub fn model() -> &'static Model {
    &MODEL
}

impl Model {
    /// Parses the vocabulary and the rows written by the distillation script.
    pub fn parse(vocabulary: &'static Vocabulary, bin: &[u8]) -> Result<Model, String> {
        let magic = b"PXEMB1";
        let header = bin.get(..magic.len() + 8).ok_or("embedding file too short")?;
        if &header[..magic.len()] != magic {
            return Err("embedding file has no PXEMB1 header".into());
        }
        let u32_at =
            |at: usize| u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]) as usize;
        let (count, dims) = (u32_at(magic.len()), u32_at(magic.len() + 4));
        if dims != DIMS {
            return Err(format!("embedding has {dims} dimensions, expected {DIMS}"));
        }
        let row_len = 4 + dims;
        let body = &bin[header.len()..];
        if body.len() != count * row_len {
            return Err("embedding file size does not match its header".into());
        }
        if vocabulary.len != count {
            return Err(format!("{} word pieces for {count} rows", vocabulary.len));
        }
        let rows = body
            .chunks_exact(row_len)
            .map(|r| {
                let scale = f32::from_le_bytes([r[0], r[1], r[2], r[3]]);
                let mut v = [0f32; DIMS];
                for (x, &q) in v.iter_mut().zip(&r[4..]) {
                    *x = f32::from(q as i8) * scale;
                }
                v
            })
            .collect();
        Ok(Model { vocabulary, rows })
    }

    /// The vector of a lower-case word, or `None` when it cannot be split into known pieces.
    pub fn word(&self, lower: &str) -> Option<[f32; DIMS]> {
        if lower.chars().count() > MAX_WORD_CHARS {
            return None;
        }
        let pieces = if lower.is_ascii() { self.pieces(lower)? } else { self.pieces(&fold_accents(lower))? };
        let mut v = [0f32; DIMS];
        for p in &pieces {
            for (x, y) in v.iter_mut().zip(&self.rows[*p as usize]) {
                *x += y;
            }
        }
        let n = pieces.len() as f32;
        v.iter_mut().for_each(|x| *x /= n);
        Some(v)
    }

    /// BERT's WordPiece split: greedy longest match, continuation pieces prefixed "##".
    /// Punctuation inside the word ("60-day") splits it as BERT's pre-tokeniser would.
    fn pieces(&self, word: &str) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        for part in word.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            self.vocabulary.split(part, &mut out)?;
        }
        (!out.is_empty()).then_some(out)
    }
}

/// The model is uncased with accents stripped; fold the common Latin ones.
fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
        if na == 0.0 || nb == 0.0 { 0.0 } else { dot / (na * nb) }
    }

    #[test]
    fn related_words_are_closer_than_unrelated_ones() {
        let m = model();
        let v = |w: &str| m.word(w).unwrap();
        assert!(cosine(&v("withdrawal"), &v("pullout")) > cosine(&v("withdrawal"), &v("banana")));
        assert!(cosine(&v("hostages"), &v("captives")) > cosine(&v("hostages"), &v("weather")));
        assert!(cosine(&v("earthquake"), &v("quake")) > cosine(&v("earthquake"), &v("election")));
    }

    #[test]
    fn unknown_words_split_into_pieces() {
        let m = model();
        assert!(m.word("redeployment").is_some());
        assert!(m.word("60-day").is_some());
        assert!(m.word("").is_none());
        assert!(m.word(&"x".repeat(50)).is_none());
    }

    #[test]
    fn bad_files_are_rejected() {
        let one = Box::leak(Box::new(Vocabulary::parse("a\n")));
        assert!(Model::parse(one, b"PXEMB1").is_err());
        assert!(Model::parse(one, b"NOPE00\x01\0\0\0\x40\0\0\0").is_err());
    }
}
