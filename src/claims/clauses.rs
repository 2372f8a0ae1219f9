//! Clauses of a sentence that carries more than one claim: "Abu Zuhri rejected
//! the condition, stating that “…” and describing disarmament as “…”" reports
//! two statements, and each may be all another source reports.
//!
//! A sentence is cut at a semicolon, a spaced dash, a colon before a full
//! clause, a comma before "and", "but", "while", "whereas", "yet", "although"
//! or "though", and before "and" with a participle that opens a second statement
//! ("and describing"), never inside a quotation. A cut is kept only when both
//! sides are full clauses: short fragments stay attached to their neighbour.

use std::ops::Range;

use super::quotes::quotations;
use super::tokens::is_function_word;
use crate::words::{Word, words};

/// A clause needs this many words, and this many content words, to stand alone
/// (the same bar as a sentence that may be linked at all).
const MIN_WORDS: usize = 5;
const MIN_CONTENT_WORDS: usize = 3;

/// A run of at most this many words between two commas is a list item.
const LIST_ITEM_WORDS: usize = 3;
/// Cuts after the mark: the mark ends the clause before.
const AFTER: [&str; 5] = ["; ", " — ", " – ", " -- ", ": "];
/// Cuts before the word: it opens the next clause.
const CONJUNCTIONS: [&str; 7] = ["and", "but", "while", "whereas", "yet", "although", "though"];
/// Words in "-ing" that do not open a statement of their own.
const NOT_PARTICIPLES: [&str; 12] = [
    "including",
    "according",
    "following",
    "regarding",
    "concerning",
    "during",
    "nothing",
    "something",
    "anything",
    "everything",
    "notwithstanding",
    "pending",
];

/// The clauses of `text` (one sentence) as byte ranges into it, in order, without the
/// punctuation between them; empty when the sentence is one clause.
pub fn clauses(text: &str) -> Vec<Range<usize>> {
    let quoted = quotations(text);
    let inside = |at: usize| {
        let q = quoted.partition_point(|q| q.end <= at);
        quoted.get(q).is_some_and(|q| q.start < at)
    };
    let ws = words(text);
    let test = ClauseTest::new(&ws);
    let mut cuts: Vec<(usize, usize)> =
        candidate_cuts(text, &ws).into_iter().filter(|&(end, _)| !inside(end)).collect();
    cuts.sort_unstable();
    cuts.dedup_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut start = 0;
    for &(end, next) in &cuts {
        // The clause before must stand alone, and so must the rest: a later cut is kept only if its
        // own two sides stand alone too, so the last clause is always a full one.
        if end >= start && next > start && test.stands_alone(start..end) && test.stands_alone(next..text.len()) {
            out.push(trimmed(text, start..end));
            start = next;
        }
    }
    if out.is_empty() {
        return out;
    }
    out.push(trimmed(text, start..text.len()));
    out
}

/// (end of the clause before, start of the next) for every place a sentence might be cut.
fn candidate_cuts(text: &str, ws: &[Word]) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    for mark in AFTER {
        for (at, _) in text.match_indices(mark) {
            cuts.push((at, at + mark.len()));
        }
    }
    for (i, pair) in ws.windows(2).enumerate() {
        let (before, word) = (&pair[0], &pair[1]);
        let gap = &text[before.range.end..word.range.start];
        if gap.trim_end() == "," && CONJUNCTIONS.contains(&&*word.lower) && !ends_list_item(text, &ws[..=i]) {
            cuts.push((word.range.start, word.range.start));
        }
        // "..., stating that “…” and describing …": a participle after "and" is a second statement.
        // One straight after a comma is not cut: "rejected it, saying …" keeps the speaker with the words.
        let next = ws.get(i + 2).filter(|n| text[n.range.clone()].starts_with(char::is_lowercase));
        let and_gap = text[word.range.end..next.map_or(word.range.end, |n| n.range.start)].trim();
        if &*word.lower == "and" && and_gap.is_empty() && next.is_some_and(|n| is_participle(&n.lower)) {
            cuts.push((word.range.start, word.range.start));
        }
    }
    cuts
}

/// The words up to a comma are a short item after another comma, as in "Spain, Ireland, and …":
/// a list goes on, no new clause starts.
fn ends_list_item(text: &str, upto: &[Word]) -> bool {
    for (n, w) in upto.iter().rev().take(LIST_ITEM_WORDS).enumerate() {
        if text[..w.range.start].trim_end().ends_with(',') {
            return n < LIST_ITEM_WORDS;
        }
    }
    false
}

fn is_participle(lower: &str) -> bool {
    lower.len() > 5 && lower.ends_with("ing") && !NOT_PARTICIPLES.contains(&lower)
}

/// Whether a stretch of a sentence is a full clause, answered from prefix counts: a sentence
/// may have thousands of candidate cuts, and counting its words afresh for each was quadratic.
struct ClauseTest<'a> {
    ws: &'a [Word],
    /// `content[i]`: content words among the first `i` words.
    content: Vec<usize>,
}

impl<'a> ClauseTest<'a> {
    fn new(ws: &'a [Word]) -> Self {
        let mut content = Vec::with_capacity(ws.len() + 1);
        content.push(0);
        for w in ws {
            content.push(content.last().copied().unwrap_or(0) + usize::from(!is_function_word(w)));
        }
        ClauseTest { ws, content }
    }

    /// The words of `range` (byte offsets into the sentence) make a full clause.
    fn stands_alone(&self, range: Range<usize>) -> bool {
        let first = self.ws.partition_point(|w| w.range.start < range.start);
        let end = self.ws.partition_point(|w| w.range.end <= range.end).max(first);
        end - first >= MIN_WORDS && self.content[end] - self.content[first] >= MIN_CONTENT_WORDS
    }
}

/// The range without the spaces and joining punctuation at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let joins = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-');
    let start = range.start + (s.len() - s.trim_start_matches(joins).len());
    let end = range.end - (s.len() - s.trim_end_matches(joins).len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        clauses(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn semicolons_and_dashes_divide_full_clauses() {
        assert_eq!(
            parts("The envoy flew to Cairo on Sunday; the delegation stayed behind in Doha for more talks."),
            ["The envoy flew to Cairo on Sunday", "the delegation stayed behind in Doha for more talks."]
        );
        assert_eq!(
            parts("Prices of bread doubled across the north — farmers blamed the closed border crossings."),
            ["Prices of bread doubled across the north", "farmers blamed the closed border crossings."]
        );
    }

    #[test]
    fn conjunctions_after_a_comma_open_a_clause() {
        assert_eq!(
            parts("The army withdrew two brigades from the city, but officials denied any change in the plan."),
            ["The army withdrew two brigades from the city", "but officials denied any change in the plan."]
        );
    }

    #[test]
    fn short_fragments_stay_attached() {
        assert!(parts("Talks resumed, and quickly stalled again over the prisoner list.").is_empty());
        assert!(parts("He said: the plan is dead.").is_empty());
        assert!(parts("Bread, milk and fuel ran short in the besieged northern towns.").is_empty());
    }

    #[test]
    fn quotations_are_never_cut() {
        assert!(
            parts("She said the deal was “finished; nobody in the cabinet will sign it now” on Monday.").is_empty()
        );
    }

    #[test]
    fn a_two_statement_seed_sentence_splits_between_its_statements() {
        let seed = "Senior Hamas official Sami Abu Zuhri rejected this condition categorically, stating that “as \
                    long as there is an occupation, the resistance will continue” and describing disarmament \
                    demands as “not just a red line, it is a million red lines”.";
        let p = parts(seed);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("the resistance will continue”"), "{p:?}");
        assert!(p[1].starts_with("and describing disarmament"), "{p:?}");
    }

    #[test]
    fn seed_sentences_split_only_between_claims() {
        let one = "The idea that Hamas would lay down its arms is “a red line and is not up for discussion or \
                   negotiation,” Sami Abu Zuhri, a Hamas spokesperson, said in a recent interview.";
        assert!(parts(one).is_empty());
        let two = "Hamas draws hope from mounting symbolic international pressure on Israel, such as diplomatic \
                   boycotts by Spain, Ireland, and Latin American countries, and preliminary proposals from \
                   France, Saudi Arabia, and the UK to recognize a Palestinian state.";
        assert_eq!(
            parts(two),
            [
                "Hamas draws hope from mounting symbolic international pressure on Israel, such as diplomatic \
                 boycotts by Spain, Ireland, and Latin American countries",
                "and preliminary proposals from France, Saudi Arabia, and the UK to recognize a Palestinian state."
            ]
        );
    }

    #[test]
    fn overlapping_marks_do_not_cut_backwards() {
        // Found by proptest: a mark inside the span of the previous one ("; , and") once sliced end before start.
        let text = "hostages hostages : Sunday , and line” hostages said line” ; – on Zürich 60-day stating \
                    describing but line” : said ; , and line”";
        let mut end = 0;
        for c in clauses(text) {
            assert!(end <= c.start && c.start < c.end, "{c:?}");
            end = c.end;
        }
    }

    #[test]
    fn a_sentence_of_thousands_of_clauses_is_cut_at_each() {
        // Regression: each candidate cut counted the sentence's words afresh (quadratic: 5.9 s for this in release).
        let text = "Officials reported soldiers attacked villages; ".repeat(4000);
        let cut = clauses(&text);
        assert_eq!(cut.len(), 4000);
        assert!(cut.iter().all(|c| &text[c.clone()] == "Officials reported soldiers attacked villages"));
    }
}
