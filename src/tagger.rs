//! Part-of-speech tags for the words of a sentence ([`crate::words`]), from
//! a small averaged perceptron trained offline on Universal Dependencies
//! English EWT (CC BY-SA 4.0) by `examples/train_tagger.rs`
//! (`scripts/train_tagger.sh`). Framing uses the tags to extend a judging
//! modifier to the phrase it judges (an adjective to its noun phrase, an
//! adverb to its verb).
//!
//! The model sees the same words as the rest of parallax (punctuation is not
//! a word; what lies between two words is a feature of its own), reads a
//! sentence left to right and uses the two tags before each word. Features
//! are hashed with FNV-1a (stable across platforms and Rust releases) to 32
//! bits; the weights are quantised to one byte per tag
//! (`assets/tagger/ewt-upos.bin`).

use std::hash::Hasher;
use std::ops::Range;
use std::sync::LazyLock;

use fnv::FnvHasher;

use crate::words::{FastMap, Word};

/// Universal POS tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Pos {
    pub const ALL: [Pos; 17] = [
        Pos::Adj,
        Pos::Adp,
        Pos::Adv,
        Pos::Aux,
        Pos::Cconj,
        Pos::Det,
        Pos::Intj,
        Pos::Noun,
        Pos::Num,
        Pos::Part,
        Pos::Pron,
        Pos::Propn,
        Pos::Punct,
        Pos::Sconj,
        Pos::Sym,
        Pos::Verb,
        Pos::X,
    ];

    /// The Universal Dependencies name ("ADJ").
    pub fn ud(self) -> &'static str {
        [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
            "SCONJ", "SYM", "VERB", "X",
        ][self as usize]
    }

    pub fn from_ud(name: &str) -> Option<Pos> {
        Pos::ALL.into_iter().find(|p| p.ud() == name)
    }

    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn)
    }
}

const MAGIC: &[u8; 8] = b"PXTAG1\0\0";
const WEIGHTS: &[u8] = include_bytes!("../assets/tagger/ewt-upos.bin");

static MODEL: LazyLock<Model> = LazyLock::new(|| Model::read(WEIGHTS).expect("embedded tagger weights are valid"));

/// Quantised perceptron weights: for each feature hash, one byte per tag.
pub struct Model {
    rows: FastMap<u32, u32>,
    weights: Vec<i8>,
}

impl Model {
    /// The model shipped with parallax.
    pub fn shipped() -> &'static Model {
        &MODEL
    }

    /// Reads the format `write` produces.
    pub fn read(bytes: &[u8]) -> Result<Model, String> {
        let bad = || "not a parallax tagger model".to_string();
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(bad)?;
        let u32_at = |b: &[u8], at: usize| -> Result<u32, String> {
            b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok_or_else(bad)
        };
        let tags = u32_at(rest, 0)? as usize;
        let n = u32_at(rest, 4)? as usize;
        if tags != Pos::ALL.len() {
            return Err(bad());
        }
        let keys = rest.get(8..8 + 4 * n).ok_or_else(bad)?;
        let weights = rest.get(8 + 4 * n..8 + 4 * n + n * tags).ok_or_else(bad)?;
        let mut rows = FastMap::default();
        rows.reserve(n);
        for (i, k) in keys.chunks_exact(4).enumerate() {
            rows.insert(u32::from_le_bytes([k[0], k[1], k[2], k[3]]), i as u32);
        }
        Ok(Model { rows, weights: weights.iter().map(|&b| b as i8).collect() })
    }

    /// The model file for `features` (hash, one weight per tag), weights scaled to bytes.
    pub fn write(features: &[(u32, [f32; 17])]) -> Vec<u8> {
        let max = features.iter().flat_map(|(_, w)| w.iter()).fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max == 0.0 { 1.0 } else { 127.0 / max };
        let mut sorted: Vec<&(u32, [f32; 17])> = features.iter().collect();
        sorted.sort_by_key(|(k, _)| *k);
        let mut out = MAGIC.to_vec();
        out.extend((Pos::ALL.len() as u32).to_le_bytes());
        out.extend((sorted.len() as u32).to_le_bytes());
        for (k, _) in &sorted {
            out.extend(k.to_le_bytes());
        }
        for (_, w) in &sorted {
            out.extend(w.iter().map(|x| (x * scale).round().clamp(-127.0, 127.0) as i8 as u8));
        }
        out
    }

    /// Tags of the words `words` of one sentence of `text`.
    pub fn tag(&self, text: &str, words: &[Word]) -> Vec<Pos> {
        let mut tags = Vec::with_capacity(words.len());
        self.tag_until(text, words, &mut tags, words.len());
        tags
    }

    /// Carries the tagging of one sentence's `words` on from where `tags` ends up to word `until` (excluded):
    /// a word's tag depends on the words around it and on the tags before it, never on the tags after it.
    pub fn tag_until(&self, text: &str, words: &[Word], tags: &mut Vec<Pos>, until: usize) {
        let mut features = Vec::with_capacity(24);
        let mut scores = [0i32; 17];
        for i in tags.len()..until.min(words.len()) {
            features.clear();
            extract(text, words, i, previous(tags, 1), previous(tags, 2), &mut features);
            scores.fill(0);
            for f in &features {
                if let Some(&row) = self.rows.get(f) {
                    let w = &self.weights[row as usize * 17..row as usize * 17 + 17];
                    for (s, &x) in scores.iter_mut().zip(w) {
                        *s += i32::from(x);
                    }
                }
            }
            let best = (0..17).max_by_key(|&t| (scores[t], std::cmp::Reverse(t))).unwrap_or(7);
            tags.push(Pos::ALL[best]);
        }
    }
}

/// The tag `back` places before the end of `tags`, as a feature value.
pub fn previous(tags: &[Pos], back: usize) -> Option<Pos> {
    tags.len().checked_sub(back).map(|i| tags[i])
}

/// Tags the sentences of a text on demand, each only as far as a word is asked for: framing needs tags only
/// around the few words it extends.
pub struct Tags<'a> {
    text: &'a str,
    words: &'a [Word],
    sentences: &'a [Range<usize>],
    /// By sentence: its words and the tags of the first of them so far.
    tagged: FastMap<usize, (Range<usize>, Vec<Pos>)>,
}

impl<'a> Tags<'a> {
    pub fn new(text: &'a str, words: &'a [Word], sentences: &'a [Range<usize>]) -> Tags<'a> {
        Tags { text, words, sentences, tagged: FastMap::default() }
    }

    /// The tag of word `i`, tagging its sentence up to it if it was not yet.
    pub fn at(&mut self, i: usize) -> Pos {
        let start = self.words[i].range.start;
        let s = self.sentences.partition_point(|s| s.start <= start).saturating_sub(1);
        let (words, tags) = self.tagged.entry(s).or_insert_with(|| {
            let span = match self.sentences.get(s) {
                Some(r) if r.start <= start => {
                    self.words.partition_point(|w| w.range.start < r.start)
                        ..self.words.partition_point(|w| w.range.start < r.end)
                }
                _ => 0..self.words.len(),
            };
            (span, Vec::new())
        });
        Model::shipped().tag_until(self.text, &self.words[words.clone()], tags, i - words.start + 1);
        tags.get(i - words.start).copied().unwrap_or(Pos::X)
    }
}

/// Feature templates: each is hashed with its number first.
#[derive(Clone, Copy)]
enum T {
    Bias,
    Word,
    Suffix3,
    Suffix2,
    Prefix1,
    Shape,
    Prev,
    Prev2,
    PrevAndWord,
    PrevWord,
    PrevSuffix3,
    NextWord,
    NextSuffix3,
    Prev2Word,
    Next2Word,
    GapBefore,
    GapAfter,
    First,
}

/// The hashed features of word `i` of a sentence's `words`, given the tags of the two words before it.
pub fn extract(text: &str, words: &[Word], i: usize, prev: Option<Pos>, prev2: Option<Pos>, out: &mut Vec<u32>) {
    let w = form(&words[i]);
    let tag = |p: Option<Pos>| p.map_or("<s>", Pos::ud);
    let word_at = |j: Option<usize>| j.and_then(|j| words.get(j)).map_or("<edge>", form);
    let before = i.checked_sub(1);
    let after = Some(i + 1);
    out.push(hash(T::Bias, &[]));
    out.push(hash(T::Word, &[w]));
    out.push(hash(T::Suffix3, &[suffix(w, 3)]));
    out.push(hash(T::Suffix2, &[suffix(w, 2)]));
    out.push(hash(T::Prefix1, &[prefix(w, 1)]));
    out.push(hash(T::Shape, &[shape(text, &words[i])]));
    out.push(hash(T::Prev, &[tag(prev)]));
    out.push(hash(T::Prev2, &[tag(prev2), tag(prev)]));
    out.push(hash(T::PrevAndWord, &[tag(prev), w]));
    out.push(hash(T::PrevWord, &[word_at(before)]));
    out.push(hash(T::PrevSuffix3, &[suffix(word_at(before), 3)]));
    out.push(hash(T::NextWord, &[word_at(after)]));
    out.push(hash(T::NextSuffix3, &[suffix(word_at(after), 3)]));
    out.push(hash(T::Prev2Word, &[word_at(i.checked_sub(2))]));
    out.push(hash(T::Next2Word, &[word_at(Some(i + 2))]));
    let gap = |a: Option<&Word>, b: Option<&Word>| match (a, b) {
        (Some(a), Some(b)) => gap_class(&text[a.range.end..b.range.start]),
        _ => "edge",
    };
    out.push(hash(T::GapBefore, &[gap(before.map(|j| &words[j]), Some(&words[i]))]));
    out.push(hash(T::GapAfter, &[gap(Some(&words[i]), words.get(i + 1))]));
    if i == 0 {
        out.push(hash(T::First, &[]));
    }
}

/// The word as the model sees it: lower case, numbers as one form.
fn form(w: &Word) -> &str {
    if w.is_number() { "<num>" } else { &w.lower }
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

fn shape(text: &str, w: &Word) -> &'static str {
    let s = &text[w.range.clone()];
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    if s.chars().any(|c| c.is_ascii_digit()) {
        "digit"
    } else if s.contains('-') {
        if upper > 0 { "Hyphen" } else { "hyphen" }
    } else if upper == 0 {
        "lower"
    } else if upper == letters && letters > 1 {
        "UPPER"
    } else if upper == 1 && s.starts_with(char::is_uppercase) {
        "Title"
    } else {
        "MiXed"
    }
}

/// What stands between two words, as a class: the tagger's view of punctuation.
fn gap_class(gap: &str) -> &'static str {
    let g = gap.trim();
    if g.is_empty() {
        return "space";
    }
    if matches!(g, "'s" | "’s" | "'" | "’") {
        return "possessive";
    }
    let first = g.chars().next().unwrap_or(' ');
    match first {
        ',' => "comma",
        '.' | '!' | '?' => "stop",
        ':' | ';' => "colon",
        '"' | '“' | '”' | '‘' | '’' | '\'' => "quote",
        '(' | '[' | ')' | ']' => "paren",
        '-' | '–' | '—' => "dash",
        _ => "other",
    }
}

fn hash(template: T, parts: &[&str]) -> u32 {
    let mut h = FnvHasher::default();
    h.write(&[template as u8]);
    for p in parts {
        h.write(p.as_bytes());
        h.write(&[0xff]);
    }
    let x = h.finish();
    (x ^ (x >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn tags(text: &str) -> Vec<(String, &'static str)> {
        let ws = words(text);
        Model::shipped()
            .tag(text, &ws)
            .into_iter()
            .zip(&ws)
            .map(|(t, w)| (text[w.range.clone()].to_string(), t.ud()))
            .collect()
    }

    #[test]
    fn the_shipped_model_tags_plain_news_prose() {
        let t = tags("The brutal regime quickly seized the old port on Monday.");
        let only: Vec<&str> = t.iter().map(|(_, p)| *p).collect();
        assert_eq!(only, ["DET", "ADJ", "NOUN", "ADV", "VERB", "DET", "ADJ", "NOUN", "ADP", "PROPN"]);
    }

    #[test]
    fn tags_are_computed_per_sentence_on_demand() {
        let text = "He lied. Officials blatantly lied again.";
        let ws = words(text);
        let sentences = crate::sentences::split(text);
        let mut t = Tags::new(text, &ws, &sentences);
        assert_eq!(t.at(3), Pos::Adv);
        assert_eq!(t.tagged.values().map(|(_, tags)| tags.len()).sum::<usize>(), 2, "tagged up to the word asked");
        assert_eq!(t.at(4), Pos::Verb);
        assert_eq!(t.tagged.len(), 1, "only the second sentence was tagged");
        // Tagging a sentence in steps gives the tags of tagging it at once.
        let whole = Model::shipped().tag(text, &ws[2..]);
        assert_eq!((2..ws.len()).map(|i| t.at(i)).collect::<Vec<_>>(), whole);
    }

    #[test]
    fn a_model_survives_writing_and_reading() {
        let mut w = [0.0f32; 17];
        w[Pos::Noun as usize] = 2.0;
        w[Pos::Verb as usize] = -1.0;
        let bytes = Model::write(&[(hash(T::Bias, &[]), w)]);
        let m = Model::read(&bytes).unwrap();
        let text = "word";
        assert_eq!(m.tag(text, &words(text)), [Pos::Noun]);
        assert!(Model::read(b"nonsense").is_err());
    }

    #[test]
    fn hashes_are_stable() {
        // The weights file depends on these values: a change of hasher or template order needs a retrained model.
        assert_eq!(hash(T::Bias, &[]), 0x2962_0a93);
        assert_eq!(hash(T::Word, &["the"]), 0x78a0_eadf);
        assert_ne!(hash(T::Word, &["the"]), hash(T::PrevWord, &["the"]));
    }
}
