//! Finding lexicon terms in a text: longest match first, left to right, on
//! whole words, with the words of a phrase separated by spaces only.

use std::ops::Range;

use super::Category;
use super::lexicon::{Entry, Lexicon};
use crate::words::Word;

/// How many words after a term its `unless_next` words are looked for ("withdraw from the nuclear deal").
const UNLESS_REACH: usize = 4;
/// How many words after a term its `if_next` words are looked for ("blasted Senator Ana Ruiz for").
const IF_REACH: usize = 6;
/// How many words before a term its `unless_prev` words are looked for ("weapons inspection regime").
const UNLESS_PREV_REACH: usize = 2;

/// A lexicon term found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
}

pub fn find(text: &str, tokens: &[Word], lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Passive verbs are a list of their own, read by the passive rule: matched here, "pressure" would hide a
        // user's loaded "pressure" written later.
        let best = lexicon
            .candidates(tokens, i)
            .filter(|&e| lexicon.entries()[e].category != Category::Passive)
            .filter(|&e| matches_at(text, tokens, i, &lexicon.entries()[e]))
            .max_by_key(|&e| (lexicon.entries()[e].keys.len(), std::cmp::Reverse(e)));
        match best {
            Some(e) => {
                let len = lexicon.entries()[e].keys.len();
                out.push(Found { range: tokens[i].range.start..tokens[i + len - 1].range.end, entry: e });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn matches_at(text: &str, tokens: &[Word], at: usize, entry: &Entry) -> bool {
    let Some(span) = tokens.get(at..at + entry.keys.len()) else { return false };
    let words_match = entry.keys.iter().zip(span).all(|(k, t)| k.matches(t));
    let adjacent = span.windows(2).all(|w| text[w[0].range.end..w[1].range.start].chars().all(char::is_whitespace));
    let case_ok = !entry.lowercase_only || span.iter().all(|t| !text[t.range.clone()].chars().any(char::is_uppercase));
    let not_cancelled = tokens
        .iter()
        .skip(at + entry.keys.len())
        .take(UNLESS_REACH)
        .all(|next| !entry.unless_next.iter().any(|k| *k == *next.key));
    let not_cancelled_before = tokens[at.saturating_sub(UNLESS_PREV_REACH)..at]
        .iter()
        .all(|prev| !entry.unless_prev.iter().any(|k| *k == *prev.key));
    let required = entry.if_next.is_empty()
        || tokens
            .iter()
            .skip(at + entry.keys.len())
            .take(IF_REACH)
            .any(|next| entry.if_next.iter().any(|k| *k == *next.key));
    words_match && adjacent && case_ok && not_cancelled && not_cancelled_before && required
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn lexicon(toml: &str) -> Lexicon {
        let mut l = Lexicon::empty();
        l.merge_str("t.toml", toml).unwrap();
        l
    }

    fn found<'a>(text: &'a str, lex: &Lexicon) -> Vec<&'a str> {
        find(text, &words(text), lex).into_iter().map(|f| &text[f.range]).collect()
    }

    #[test]
    fn inflections_and_word_boundaries() {
        let lex = lexicon("[[attribution.group]]\nterms = [\"claim\"]\n");
        assert_eq!(found("He claimed it; claims abound. Claimants, reclaim!", &lex), ["claimed", "claims"]);
    }

    #[test]
    fn longest_phrase_wins_and_phrases_do_not_cross_punctuation() {
        let lex = lexicon("[[label.group]]\nterms = [\"group\", \"terror group\"]\n");
        assert_eq!(found("the terror groups, terror. group", &lex), ["terror groups", "group"]);
    }

    #[test]
    fn a_passive_verb_does_not_hide_the_same_word_in_another_category() {
        let mut lex = lexicon("[[passive.group]]\nterms = [\"pressure\"]\n");
        lex.merge_str("user.toml", "[[loaded.group]]\nterms = [\"pressure\"]\n").unwrap();
        assert_eq!(found("They pressured him.", &lex), ["pressured"]);
        assert_eq!(lex.entries()[find("pressured", &words("pressured"), &lex)[0].entry].category, Category::Loaded);
    }

    #[test]
    fn lowercase_only_and_unless_next() {
        let lex = lexicon(
            "[[hedge.group]]\nterms = [\"may\"]\nexact = true\nlowercase = true\n\
             [[attribution.group]]\nterms = [\"claim\"]\nunless_next = [\"responsibility\"]\n",
        );
        assert_eq!(
            found("In May it may rain. They claimed responsibility and claimed victory.", &lex),
            ["may", "claimed"]
        );
        let lex = lexicon("[[loaded.group]]\nterms = [\"blasted\"]\nexact = true\nif_next = [\"as\", \"for\"]\n");
        assert_eq!(found("Jets blasted a hole in the wall. She blasted the plan as reckless.", &lex), ["blasted"]);
        let lex = lexicon("[[label.group]]\nterms = [\"regime\"]\nunless_prev = [\"inspection\"]\n");
        assert_eq!(
            found("The inspection regime held; the weapons inspection regime too; the regime fell.", &lex),
            ["regime"]
        );
    }
}
