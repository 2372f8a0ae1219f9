//! Scare quotes: a short quoted word or phrase that no speaker is given for,
//! used to keep a distance from the words ('rebrand this moment as a
//! “strategic pause”'). Quotations handed to a speaker and titles are not.

use std::ops::Range;

use super::cues::{self, INTRODUCES_QUOTE, TAGS_QUOTE};
use crate::words::{Word, spans};

pub const RULE: &str = "scare_quote";
pub const NOTE: &str = "A short phrase in quotation marks with no speaker named. The marks keep the writer's \
distance from the words, hinting they are dubious, ironic or someone else's spin, without saying so or by whom.";

const MAX_WORDS: usize = 4;
/// How many words after the closing mark a speech tag ("he said") may come.
const TAG_REACH: usize = 4;
/// A quote right after an attributed one ("as “unacceptable” and “disappointing”") shares its speaker.
const CHAIN_REACH: usize = 3;

/// Small words a title keeps in lower case.
const TITLE_SMALL: [&str; 12] = ["of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "with"];

/// Scare quotes in `text`, quote marks paired within each paragraph; a reporting
/// verb earlier in the quote's sentence (`sentences`) hands it to a speaker.
pub fn find(text: &str, paragraphs: &[Range<usize>], sentences: &[Range<usize>], tokens: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Where the quote-introducing words are, so that asking whether one precedes a quote in its
    // sentence is a lookup, not a scan of the sentence (a sentence can hold thousands of quotes).
    let cues: Vec<usize> = (0..tokens.len()).filter(|&i| cues::is_in(&INTRODUCES_QUOTE, &tokens[i])).collect();
    for p in paragraphs {
        let mut last_attributed: Option<usize> = None;
        for quote in quote_pairs(&text[p.clone()]) {
            let quote = quote.start + p.start..quote.end + p.start;
            let inner = inner(text, &quote);
            let n = spans(inner).len();
            if n == 0
                || n > MAX_WORDS
                || is_title(inner)
                || inner.trim_end_matches(['.', ',', '!', '?']).contains(['.', '!', '?'])
            {
                continue;
            }
            let first = tokens.partition_point(|t| t.range.end <= quote.start);
            let after = tokens.partition_point(|t| t.range.start < quote.end);
            let chained = last_attributed.is_some_and(|end| first >= end && first - end <= CHAIN_REACH);
            if chained
                || introduced(text, sentences, tokens, &cues, first, quote.start)
                || tagged(text, tokens, after, quote.end)
            {
                last_attributed = Some(after);
                continue;
            }
            out.push(quote);
        }
    }
    out
}

/// Byte ranges (marks included) of double-quoted passages and ‘…’ passages.
fn quote_pairs(para: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '“' => open_double = Some(i),
            '”' => {
                if let Some(s) = open_double.take() {
                    out.push(s..i + c.len_utf8());
                }
            }
            // A straight mark after a space and before a word opens a quote even when one is already open: the
            // earlier mark was stray, and pairing across it would quote the text between two quotations.
            '"' if opens(prev, next) => open_double = Some(i),
            '"' => match open_double.take() {
                Some(s) => out.push(s..i + 1),
                None => open_double = Some(i),
            },
            '‘' if !prev.is_some_and(char::is_alphanumeric) => open_single = Some(i),
            '’' if !next.is_some_and(char::is_alphanumeric) => {
                if let Some(s) = open_single.take() {
                    out.push(s..i + c.len_utf8());
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out.sort_by_key(|r| r.start);
    out
}

/// A straight quote mark at the start of a passage or after a space or an opening bracket or dash, with a word
/// (not a space) after it.
fn opens(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–".contains(p)) && next.is_some_and(|n| !n.is_whitespace())
}

fn inner<'a>(text: &'a str, quote: &Range<usize>) -> &'a str {
    let s = &text[quote.clone()];
    let open = s.chars().next().map_or(0, char::len_utf8);
    let close = s.chars().next_back().map_or(0, char::len_utf8);
    &s[open..s.len() - close]
}

/// "Art of the Deal": two or more words, all capitalised but the small ones.
fn is_title(inner: &str) -> bool {
    let ws: Vec<&str> = spans(inner).into_iter().map(|r| &inner[r]).collect();
    ws.len() >= 2
        && ws.iter().enumerate().all(|(k, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || (k > 0 && TITLE_SMALL.contains(&w.to_lowercase().as_str()))
        })
}

/// A reporting verb (or "assertion", "words"…) earlier in the quote's sentence, or a colon right
/// before the opening mark: "Netanyahu said that … was part of “total victory”".
fn introduced(
    text: &str,
    sentences: &[Range<usize>],
    tokens: &[Word],
    cues: &[usize],
    first: usize,
    open: usize,
) -> bool {
    if text[..open].trim_end().ends_with(':') {
        return true;
    }
    let sentence = sentences.partition_point(|s| s.start <= open);
    let sentence_start = sentence.checked_sub(1).map_or(0, |i| sentences[i].start);
    let from = tokens.partition_point(|t| t.range.start < sentence_start);
    let cue = cues.partition_point(|&c| c < from);
    cues.get(cue).is_some_and(|&c| c < first)
}

/// A speech tag right after the closing mark: "“…,” he said", "“…” in the words of".
fn tagged(text: &str, tokens: &[Word], after: usize, close: usize) -> bool {
    let reach = &tokens[after..(after + TAG_REACH).min(tokens.len())];
    // The tag must come before the clause ends; only the stretch the reach covers is searched.
    let horizon = reach.last().map_or(close, |t| t.range.end);
    let until = text[close..horizon].find(['.', '!', '?', ';', '“', '"']).map_or(horizon, |i| i + close);
    reach.iter().any(|t| t.range.end <= until && cues::is_in(&TAGS_QUOTE, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn found(text: &str) -> Vec<&str> {
        let whole = 0..text.len();
        let sentences = crate::sentences::split(text);
        find(text, std::slice::from_ref(&whole), &sentences, &words(text)).into_iter().map(|r| &text[r]).collect()
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
    fn a_stray_straight_mark_does_not_pair_across_two_quotations() {
        let text = "One stray\" mark. He wanted \"to prove it was a lie.\" Jones wrote that \"it was up to him.\"";
        assert!(found(text).is_empty(), "{:?}", found(text));
        assert_eq!(found("A stray \"mark. Then the \"reform\" passed."), ["\"reform\""]);
    }
}
