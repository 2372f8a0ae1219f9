//! How a lexicon term's words match the words of a text (`crate::words`): by
//! their stems, or, for terms marked `exact`, by their form.

use crate::words::{Word, key, lower, spans};

/// How far a word may run past what it shares with a lexicon term ("claimed", "conceding", "accusation"
/// for "claim", "concede", "accuse").
const WORD_TAIL: usize = 5;
/// How much of a lexicon term a word may leave out: an inflectional ending, not a derivational one
/// ("Pacific" shares a stem with "pacification" but is not a form of it).
const TERM_TAIL: usize = 3;

/// How one word of a lexicon term matches a word of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// This form only (lower case).
    Exact(String),
    /// Any inflection: compares matching keys, and the forms must share all but an ending.
    Stem { key: String, form: String },
}

impl Key {
    pub fn word(&self) -> &str {
        match self {
            Key::Exact(w) | Key::Stem { key: w, .. } => w,
        }
    }

    pub fn matches(&self, word: &Word) -> bool {
        match self {
            Key::Exact(w) => *word.lower == **w,
            Key::Stem { key, form } => *word.key == **key && (key == "be" || same_word(form, &word.lower)),
        }
    }
}

/// Whether `word` is a form of the lexicon term word `term` they share a stem with: they differ only in
/// their endings, and the term loses at most a short one.
fn same_word(term: &str, word: &str) -> bool {
    let common = term.bytes().zip(word.bytes()).take_while(|(a, b)| a == b).count();
    term.len() - common <= TERM_TAIL && word.len() - common <= WORD_TAIL
}

/// The keys of a lexicon term's words; `exact` keeps each word's form.
/// Forms of "be" always match each other, so "it is believed" finds "it was believed".
pub fn term_keys(term: &str, exact: bool) -> Vec<Key> {
    spans(term)
        .into_iter()
        .map(|r| {
            let lower = lower(&term[r]);
            let key = key(&lower);
            if exact && key != "be" { Key::Exact(lower) } else { Key::Stem { key, form: lower } }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    #[test]
    fn exact_terms_keep_their_form_except_be() {
        assert_eq!(
            term_keys("It is clearly", true),
            [Key::Exact("it".into()), Key::Stem { key: "be".into(), form: "is".into() }, Key::Exact("clearly".into())]
        );
    }

    #[test]
    fn stems_match_inflections_but_not_other_words_sharing_the_stem() {
        let matches = |term: &str, text: &str| term_keys(term, false)[0].matches(&words(text)[0]);
        for (term, text) in
            [("claim", "claimed"), ("slam", "slamming"), ("concede", "conceding"), ("accuse", "accusation")]
        {
            assert!(matches(term, text), "{term} / {text}");
        }
        assert!(!matches("pacification", "Pacific"));
        assert!(matches("pacification", "pacifications"));
    }
}
