//! Words of a text and the keys they are matched by: lower case, apostrophes
//! unified, possessive `'s` dropped, forms of "be" folded together, and the
//! rest stemmed (Snowball English), so "claim" matches "claimed" and "claims".

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::rc::Rc;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

const BE_FORMS: [&str; 8] = ["be", "is", "are", "was", "were", "been", "being", "am"];

/// A fast hasher for short word keys (FxHash's multiply-rotate): SipHash's
/// resistance to crafted collisions buys nothing for word lookups and was a
/// sixth of the detection time.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// Lower case, with `’` written `'`.
    pub lower: Rc<str>,
    /// The matching key (see [`word_key`]).
    pub key: Rc<str>,
}

/// How one word of a lexicon term matches a word of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// This form only (lower case).
    Exact(String),
    /// Any inflection: compares matching keys.
    Stem(String),
}

impl Key {
    pub fn word(&self) -> &str {
        match self {
            Key::Exact(w) | Key::Stem(w) => w,
        }
    }

    pub fn matches(&self, token: &Token) -> bool {
        match self {
            Key::Exact(w) => *token.lower == **w,
            Key::Stem(k) => *token.key == **k,
        }
    }
}

/// Words: runs of letters or digits, with inner `'`, `’` or `-` ("so-called", "Hamas’s").
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        } else if start.is_some()
            && matches!(c, '\'' | '’' | '-')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
            continue;
        } else if let Some(s) = start.take() {
            out.push(s..end);
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

pub fn tokens(text: &str) -> Vec<Token> {
    // Stemming and allocation are most of the cost and articles repeat their
    // words: each distinct form is normalised and stemmed once, then shared.
    let mut seen: HashMap<&str, (Rc<str>, Rc<str>), BuildHasherDefault<WordHasher>> = HashMap::default();
    words(text)
        .into_iter()
        .map(|range| {
            let word = &text[range.clone()];
            let (lower, key) = seen
                .entry(word)
                .or_insert_with(|| {
                    let lower = normalise(word);
                    let key = word_key(&lower);
                    (Rc::from(lower), Rc::from(key))
                })
                .clone();
            Token { range, lower, key }
        })
        .collect()
}

fn normalise(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains('’') { lower.replace('’', "'") } else { lower }
}

/// The matching key of a lower-case word.
pub fn word_key(lower: &str) -> String {
    let lower = normalise(lower);
    let base = lower.strip_suffix("'s").unwrap_or(&lower);
    if BE_FORMS.contains(&base) {
        return "be".to_string();
    }
    // Stemming an adverb would also match its adjective or verb (reportedly → report).
    if base.len() > 4 && base.ends_with("ly") {
        return base.to_string();
    }
    STEMMER.stem(base).into_owned()
}

/// The keys of a lexicon term's words; `exact` keeps each word's form.
/// Forms of "be" always match each other, so "it is believed" finds "it was believed".
pub fn term_keys(term: &str, exact: bool) -> Vec<Key> {
    words(term)
        .into_iter()
        .map(|r| {
            let lower = normalise(&term[r]);
            let key = word_key(&lower);
            if exact && key != "be" { Key::Exact(lower) } else { Key::Stem(key) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            texts("Hamas’s so-called “pause” - 23-day-old, it's"),
            ["Hamas’s", "so-called", "pause", "23-day-old", "it's"]
        );
        assert_eq!(texts("end- 'quoted' x"), ["end", "quoted", "x"]);
    }

    #[test]
    fn keys_fold_inflections_but_not_adverbs() {
        assert_eq!(word_key("claimed"), word_key("claim"));
        assert_eq!(word_key("claims"), word_key("claiming"));
        assert_ne!(word_key("reportedly"), word_key("reported"));
        assert_eq!(word_key("was"), "be");
        assert_eq!(word_key("hamas's"), word_key("hamas"));
    }

    #[test]
    fn exact_terms_keep_their_form_except_be() {
        assert_eq!(
            term_keys("It is clearly", true),
            [Key::Exact("it".into()), Key::Stem("be".into()), Key::Exact("clearly".into())]
        );
    }
}
