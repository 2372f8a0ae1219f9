//! How a lexicon term's words match the words of a text (`crate::words`): by
//! their stems, or, for terms marked `exact`, by their form.

use crate::words::{Word, key, lower, spans};

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

    pub fn matches(&self, word: &Word) -> bool {
        match self {
            Key::Exact(w) => *word.lower == **w,
            Key::Stem(k) => *word.key == **k,
        }
    }
}

/// The keys of a lexicon term's words; `exact` keeps each word's form.
/// Forms of "be" always match each other, so "it is believed" finds "it was believed".
pub fn term_keys(term: &str, exact: bool) -> Vec<Key> {
    spans(term)
        .into_iter()
        .map(|r| {
            let lower = lower(&term[r]);
            let key = key(&lower);
            if exact && key != "be" { Key::Exact(lower) } else { Key::Stem(key) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_terms_keep_their_form_except_be() {
        assert_eq!(
            term_keys("It is clearly", true),
            [Key::Exact("it".into()), Key::Stem("be".into()), Key::Exact("clearly".into())]
        );
    }
}
