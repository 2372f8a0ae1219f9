//! Scare quotes: a short quoted word or phrase that no speaker is given for,
//! used to keep a distance from the words ('rebrand this moment as a
//! “strategic pause”'). Quotations handed to a speaker ([`crate::quotes`]),
//! titles and quoted single letters are not.

use std::ops::Range;

use crate::quotes::Quotation;
use crate::words::spans;

pub const RULE: &str = "scare_quote";
pub const NOTE: &str = "A short phrase in quotation marks with no speaker named. The marks keep the writer's \
distance from the words, hinting they are dubious, ironic or someone else's spin, without saying so or by whom.";

const MAX_WORDS: usize = 4;

/// Small words a title keeps in lower case.
const TITLE_SMALL: [&str; 12] = ["of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "with"];

/// The scare quotes among `quotes` (marks included).
pub fn find(text: &str, quotes: &[Quotation]) -> Vec<Range<usize>> {
    quotes.iter().filter(|q| !q.attributed && is_scare_quote(&text[q.inner.clone()])).map(|q| q.range.clone()).collect()
}

/// Short enough to be a scare quote: at most four words.
pub fn is_short(text: &str, q: &Quotation) -> bool {
    spans(&text[q.inner.clone()]).len() <= MAX_WORDS
}

/// A short phrase that is not a title, not a quoted sentence and not a single letter ("‘c’").
fn is_scare_quote(inner: &str) -> bool {
    let words: Vec<&str> = spans(inner).into_iter().map(|r| &inner[r]).collect();
    !words.is_empty()
        && words.len() <= MAX_WORDS
        && words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && !is_title(&words)
        && !inner.trim_end_matches(['.', ',', '!', '?']).contains(['.', '!', '?'])
}

/// "Art of the Deal": two or more words, all capitalised but the small ones.
fn is_title(words: &[&str]) -> bool {
    words.len() >= 2
        && words.iter().enumerate().all(|(k, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || (k > 0 && TITLE_SMALL.contains(&w.to_lowercase().as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn found(text: &str) -> Vec<String> {
        let doc = Document::from_plain("t.txt", text);
        let quotes = crate::quotes::of_document(&doc);
        find(&doc.text, &quotes).into_iter().map(|r| doc.text[r].to_string()).collect()
    }

    #[test]
    fn a_sentence_of_thousands_of_quotes_is_read_once() {
        // Regression: each quote scanned its sentence back to the start for a reporting verb (quadratic).
        let text = "the “pause” and ".repeat(20_000);
        assert_eq!(found(&text).len(), 20_000);
        let said = format!("He said {}", text);
        assert!(found(&said).is_empty());
    }

    #[test]
    fn unattributed_short_quotes_are_found() {
        assert_eq!(found("They tried to rebrand it as a “strategic pause” this week."), ["“strategic pause”"]);
        assert_eq!(found("The \"peace plan\" was never published."), ["\"peace plan\""]);
        assert_eq!(found("It was a ‘temporary’ measure, the firm’s third."), ["‘temporary’"]);
    }

    #[test]
    fn attributed_quotes_titles_and_long_quotes_are_not() {
        assert!(found("He called it a “witch hunt” again.").is_empty());
        assert!(found("“It is over,” she said.").is_empty());
        assert!(found("The deal was “great,” the president told reporters.").is_empty());
        assert!(found("He wrote the book “Art of the Deal” long ago.").is_empty());
        assert!(found("A “long quoted phrase of many words here” appeared.").is_empty());
        assert!(found("He dismissed it as “unacceptable” and “disappointing” today.").is_empty());
        assert!(found("The answer: “no deal” for now.").is_empty());
        assert!(found("He said that “we will win” and that this was part of “total victory” then.").is_empty());
        assert!(found("Her assertion that they “did not want a deal” and wanted “to die” is odd.").is_empty());
        assert_eq!(found("He spoke. The so-called “pause” ended."), ["“pause”"]);
        // The stem of "added" is not the stem of "add".
        assert!(found("He added that, “unfortunately,” it failed.").is_empty());
        assert!(found("It was “late,” he added.").is_empty());
        assert!(found("She spoke of a “pause” in the talks.").is_empty());
    }

    #[test]
    fn quoted_single_letters_are_not_scare_quotes() {
        // Regression (issue 7): a letter in quotes ("the letter ‘c’") was marked as a scare quote.
        assert!(found("Her name is spelled with a ‘c’ and a \"k\" in the records.").is_empty());
    }

    #[test]
    fn a_stray_straight_mark_does_not_pair_across_two_quotations() {
        let text = "One stray\" mark. He wanted \"to prove it was a lie.\" Jones wrote that \"it was up to him.\"";
        assert!(found(text).is_empty(), "{:?}", found(text));
        assert_eq!(found("A stray \"mark. Then the \"reform\" passed."), ["\"reform\""]);
    }
}
