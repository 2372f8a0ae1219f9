//! Finding text in a document: what the reader's `/` and `?` search for.
//!
//! A query is literal text (a regex-like query is taken as written), matched
//! without regard to case unless it has a capital letter (smart case), with any
//! run of whitespace in it matching any run of whitespace in the text. A
//! one-word query also finds the word's inflections, by the stemmer the framing
//! analysis uses ("kill" finds "killed" and "killing"), unless the search is
//! exact. Words are read by [`crate::words`], as every analysis reads them.
//!
//! Matches are byte ranges into the text, on grapheme boundaries, sorted by
//! start. Every search runs over a *window* of the text and reports
//! the matches that start in it, so a caller can search lazily: what is on
//! screen at once, the rest a slice at a time, and a match is found once
//! whichever way the text is cut.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use unicode_segmentation::GraphemeCursor;

use crate::words::{key as word_key, lower, spans};

/// Longest query accepted, in characters (a longer one is a paste gone wrong).
pub const MAX_QUERY_CHARS: usize = 1000;

/// The first slice [`Query::next_in`] and [`Query::prev_in`] search; each further
/// slice is four times larger, up to [`MAX_SLICE`], so a near match is found at
/// once, a far one in a few passes, and memory stays flat.
const FIRST_SLICE: usize = 64 * 1024;
const MAX_SLICE: usize = 4 << 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("nothing to search for")]
    Empty,
    #[error("the search is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
}

/// A compiled search.
#[derive(Clone, Debug)]
pub struct Query {
    text: String,
    literal: Regex,
    word: Option<WordQuery>,
    /// The most bytes one match of the literal can take (case folding can change a character's length).
    reach: usize,
}

/// A one-word query: the matching key of the word, and what a candidate word must share with it.
#[derive(Clone, Debug)]
struct WordQuery {
    key: String,
    /// Lower-case first character: an inflection starts as the query does.
    first: char,
    /// Where candidate words may start: the query's first letters, which the stemmer
    /// never changes, so only words starting with them are read and stemmed.
    starts: Regex,
    /// The query's characters when it has a capital (smart case).
    case: Option<Vec<char>>,
}

impl Query {
    /// `exact` searches the literal text only, without inflections.
    pub fn new(text: &str, exact: bool) -> Result<Query, QueryError> {
        if text.is_empty() {
            return Err(QueryError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong);
        }
        let case_sensitive = text.chars().any(char::is_uppercase);
        let pattern: Vec<String> = text.split_whitespace().map(regex::escape).collect();
        let mut pattern = pattern.join(r"\s+");
        if text.starts_with(char::is_whitespace) {
            pattern.insert_str(0, r"\s+");
        }
        if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
            pattern.push_str(r"\s+");
        }
        let literal = RegexBuilder::new(&pattern)
            .case_insensitive(!case_sensitive)
            .size_limit(64 << 20)
            .build()
            .map_err(|_| QueryError::TooLong)?;
        let word = if exact { None } else { WordQuery::new(text, case_sensitive) };
        Ok(Query { text: text.to_string(), literal, word, reach: chars * 4 + 4 })
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the query also finds inflections (a one-word query, not exact).
    pub fn finds_inflections(&self) -> bool {
        self.word.is_some()
    }

    /// The matches that start in `window` of `text`, sorted by start. A match may
    /// end past the window. `window`'s ends must be character boundaries.
    ///
    /// Every place the query occurs is a match, as in vim (so "aa" occurs twice in
    /// "aaa" and the two overlap); at one place the longer of the literal and the
    /// inflected match counts. A match starts and ends on grapheme boundaries: its end
    /// is widened to take in the accents that follow a letter, and an occurrence
    /// that starts inside a grapheme (an accent alone) is no match.
    pub fn find_in(&self, text: &str, window: Range<usize>) -> Vec<Range<usize>> {
        let Range { start, end } = window;
        if start >= end || end > text.len() {
            return Vec::new();
        }
        let reach_end = ceil_char(text, (end + self.reach).min(text.len()));
        let haystack = &text[..reach_end];
        let mut found: Vec<Range<usize>> = Vec::new();
        let mut at = start;
        while at < end {
            let Some(m) = self.literal.find_at(haystack, at) else { break };
            if m.start() >= end {
                break;
            }
            if !m.is_empty() {
                found.push(m.range());
            }
            at = m.start() + haystack[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        if let Some(word) = &self.word {
            let candidates =
                word.starts.find_iter(&text[start..reach_end]).map(|m| start + m.start()).take_while(|&at| at < end);
            for range in candidates.filter_map(|at| word_at(text, at)) {
                if word.matches(&text[range.clone()]) {
                    found.push(range);
                }
            }
        }
        // One match per start, the longest.
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        found.dedup_by_key(|r| r.start);
        found.retain(|r| is_grapheme_boundary(text, r.start));
        for m in &mut found {
            m.end = grapheme_boundary_at_or_after(text, m.end);
        }
        found
    }

    /// The matches that overlap `range` of `text`, one that starts before it and runs into it included.
    pub fn find_overlapping(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let from = floor_char(text, range.start.saturating_sub(self.reach));
        let mut found = self.find_in(text, from..range.end.min(text.len()));
        found.retain(|m| m.end > range.start || m.start == range.start);
        found
    }

    /// The first match starting in `window`, searched a slice at a time.
    pub fn next_in(&self, text: &str, window: Range<usize>) -> Option<Range<usize>> {
        let end = ceil_char(text, window.end.min(text.len()));
        let mut start = ceil_char(text, window.start.min(end));
        let mut size = FIRST_SLICE;
        while start < end {
            let slice_end = ceil_char(text, start.saturating_add(size).min(end));
            if let Some(m) = self.find_in(text, start..slice_end).into_iter().next() {
                return Some(m);
            }
            start = slice_end;
            size = (size * 4).min(MAX_SLICE);
        }
        None
    }

    /// The last match starting in `window`, searched a slice at a time from its end.
    pub fn prev_in(&self, text: &str, window: Range<usize>) -> Option<Range<usize>> {
        let start = floor_char(text, window.start.min(text.len()));
        let mut end = floor_char(text, window.end.min(text.len()).max(start));
        let mut size = FIRST_SLICE;
        while end > start {
            let slice_start = floor_char(text, end.saturating_sub(size).max(start));
            if let Some(m) = self.find_in(text, slice_start..end).pop() {
                return Some(m);
            }
            end = slice_start;
            size = (size * 4).min(MAX_SLICE);
        }
        None
    }
}

impl WordQuery {
    fn new(text: &str, case_sensitive: bool) -> Option<WordQuery> {
        let trimmed = text.trim();
        let ws = spans(trimmed);
        // One word, and nothing but that word.
        if ws.len() != 1 || ws[0] != (0..trimmed.len()) {
            return None;
        }
        let lower = lower(trimmed);
        let first = lower.chars().next()?;
        let key = word_key(&lower);
        // The stemmer keeps a word's first two letters, but for "dying", "lying" and "tying"
        // (die, lie, tie); forms of "be" share no letters at all, so they are matched by the first.
        let two: String = lower.chars().take(2).collect();
        let keeps_two = key.starts_with(&two)
            && two.chars().count() == 2
            && two.chars().all(char::is_alphanumeric)
            && !["die", "lie", "tie", "be"].contains(&key.as_str());
        let prefix = if keeps_two { two } else { first.to_string() };
        let starts = RegexBuilder::new(&regex::escape(&prefix)).case_insensitive(true).build().ok()?;
        Some(WordQuery { key, first, starts, case: case_sensitive.then(|| trimmed.chars().collect()) })
    }

    fn matches(&self, word: &str) -> bool {
        let mut chars = word.chars();
        if chars.next().and_then(|c| c.to_lowercase().next()) != Some(self.first) {
            return false;
        }
        if let Some(case) = &self.case {
            // Smart case: where the word spells the query's letters, it spells them in the query's case.
            for (q, w) in case.iter().zip(word.chars()) {
                if q.to_lowercase().eq(w.to_lowercase()) {
                    if q != &w {
                        return false;
                    }
                } else {
                    break;
                }
            }
        }
        word_key(&lower(word)) == self.key
    }
}

/// Characters a word may run across ("so-called", "it's", "1,200", "U.S"): a word
/// never runs across any other character that is not a letter or digit.
fn may_join(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '‐' | ',' | '.')
}

/// How far around a candidate a word is looked for; a longer run of letters and
/// joiners (text without spaces or punctuation) is no word to inflect.
const WORD_REACH: usize = 256;

/// The word (as [`crate::words`] reads words) that starts at byte `at`, if one does:
/// the stretch around it that no word runs across is read as the tokeniser reads it.
fn word_at(text: &str, at: usize) -> Option<Range<usize>> {
    if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut from = at;
    for (i, c) in text[..at].char_indices().rev().take(WORD_REACH) {
        if !may_join(c) {
            break;
        }
        from = i;
    }
    if text[..from].chars().next_back().is_some_and(may_join) {
        return None;
    }
    let rest = &text[at..];
    let to = match rest.char_indices().take(WORD_REACH + 1).find(|(_, c)| !may_join(*c)) {
        Some((i, _)) => at + i,
        None if rest.chars().count() <= WORD_REACH => text.len(),
        None => return None,
    };
    spans(&text[from..to]).into_iter().map(|r| from + r.start..from + r.end).find(|r| r.start == at)
}

fn ceil_char(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

fn floor_char(text: &str, mut pos: usize) -> usize {
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn is_grapheme_boundary(text: &str, pos: usize) -> bool {
    GraphemeCursor::new(pos, text.len(), true).is_boundary(text, 0).unwrap_or(true)
}

/// The first grapheme boundary at or after `pos`, so a match ending on a letter
/// takes in the accents written after it (a search for "e" in "é" written as e + ◌́).
fn grapheme_boundary_at_or_after(text: &str, pos: usize) -> usize {
    let mut cursor = GraphemeCursor::new(pos, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(false) => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(pos),
        _ => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all<'a>(query: &str, exact: bool, text: &'a str) -> Vec<&'a str> {
        let q = Query::new(query, exact).unwrap();
        q.find_in(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn literal_without_case_unless_the_query_has_a_capital() {
        assert_eq!(all("talk", true, "Talks, talk. TALK"), ["Talk", "talk", "TALK"]);
        assert_eq!(all("Talk", true, "Talks, talk. TALK"), ["Talk"]);
    }

    #[test]
    fn a_regex_like_query_is_taken_literally() {
        assert_eq!(all("a.c", true, "abc a.c"), ["a.c"]);
        assert_eq!(all("(x", true, "f(x) ((x"), ["(x", "(x"]);
        assert_eq!(all("[", false, "a [b] [["), ["[", "[", "["]);
    }

    #[test]
    fn whitespace_in_the_query_matches_any_whitespace() {
        assert_eq!(all("talks stall", true, "the talks\nstall; talks  stall"), ["talks\nstall", "talks  stall"]);
    }

    #[test]
    fn one_word_finds_its_inflections() {
        let text = "They kill. He killed two; killing goes on. Skill. The kills.";
        assert_eq!(all("kill", false, text), ["kill", "killed", "killing", "kill", "kills"]);
        assert_eq!(all("policy", false, "Two policies and a policy."), ["policies", "policy"]);
        assert_eq!(all("policy", true, "Two policies and a policy."), ["policy"], "exact: no inflections");
        assert_eq!(all("talks stall", false, "talk stalled"), Vec::<&str>::new(), "several words: literal only");
    }

    #[test]
    fn a_capital_keeps_its_case_in_inflections() {
        let text = "Kills. kills. KILLED. Killing";
        assert_eq!(all("Kill", false, text), ["Kills", "Killing"]);
        assert_eq!(all("NATO", false, "NATO's Nato nato"), ["NATO"], "the possessive is no part of the word");
    }

    #[test]
    fn words_are_read_as_the_tokeniser_reads_them() {
        let text = "so-called it's O’Neill's end- -start x'y 3-day the U.S. envoy, 1,200 people, 3.5 end.Next";
        let found: Vec<Range<usize>> =
            (0..text.len()).filter(|&i| text.is_char_boundary(i)).filter_map(|i| word_at(text, i)).collect();
        assert_eq!(found, spans(text));
        let run = "x".repeat(WORD_REACH * 2);
        assert_eq!(word_at(&run, 0), None, "no word in a run longer than the reach");
    }

    #[test]
    fn inflections_with_changed_first_letters_are_found() {
        assert_eq!(all("die", false, "They die. One died; one is dying."), ["die", "died", "dying"]);
        assert_eq!(all("skies", false, "The sky, the skies."), ["sky", "skies"]);
    }

    #[test]
    fn a_window_reports_the_matches_starting_in_it() {
        let text = "one killed two killed three";
        let q = Query::new("kill", false).unwrap();
        // A window that starts inside a word does not report it: the window before it does.
        let at = text.find("illed").unwrap();
        assert!(q.find_in(text, at..text.len()).iter().all(|m| m.start >= at));
        let whole = q.find_in(text, 0..text.len());
        for cut in 0..=text.len() {
            let mut pieces = q.find_in(text, 0..cut);
            pieces.extend(q.find_in(text, cut..text.len()));
            assert_eq!(pieces, whole, "cut at {cut}");
        }
    }

    #[test]
    fn overlapping_finds_a_match_running_into_the_range() {
        let text = "the harbour talks stall";
        let q = Query::new("talks stall", false).unwrap();
        let at = text.find("stall").unwrap();
        assert_eq!(q.find_overlapping(text, at..text.len()), vec![12..23]);
        assert!(q.find_overlapping(text, 0..5).is_empty());
    }

    #[test]
    fn next_and_previous_cross_slices() {
        let mut text = "filler ".repeat(30_000);
        let first = text.len();
        text.push_str("needle ");
        text.push_str(&"filler ".repeat(30_000));
        let q = Query::new("needle", false).unwrap();
        assert_eq!(q.next_in(&text, 0..text.len()), Some(first..first + 6));
        assert_eq!(q.next_in(&text, first + 1..text.len()), None);
        assert_eq!(q.prev_in(&text, 0..text.len()), Some(first..first + 6));
        assert_eq!(q.prev_in(&text, 0..first), None);
        assert_eq!(q.next_in(&text, 0..first), None, "the window's end bounds the search");
        assert_eq!(q.prev_in(&text, first + 1..text.len()), None);
        assert_eq!(q.next_in(&text, first..first + 1), Some(first..first + 6), "a match may end past it");
    }

    #[test]
    fn bad_queries_are_refused_or_find_nothing() {
        assert_eq!(Query::new("", false).unwrap_err(), QueryError::Empty);
        assert_eq!(Query::new(&"x".repeat(MAX_QUERY_CHARS + 1), false).unwrap_err(), QueryError::TooLong);
        let long = "y".repeat(MAX_QUERY_CHARS);
        assert!(Query::new(&long, false).unwrap().find_in("short", 0..5).is_empty());
        assert_eq!(all("ᚠᛇᚻ", false, "ᚠᛇᚻ᛫ᛒᛦᚦ"), ["ᚠᛇᚻ"], "a script the font may lack");
        assert_eq!(all(" ", true, "a b"), [" "]);
    }

    #[test]
    fn matches_keep_whole_graphemes() {
        let text = "cafe\u{301} e";
        assert_eq!(all("e", true, text), ["e\u{301}", "e"]);
        assert_eq!(all("\u{301}", true, text), Vec::<&str>::new(), "an accent alone starts inside a grapheme");
    }

    #[test]
    fn every_occurrence_is_a_match_as_in_vim() {
        assert_eq!(all("aa", true, "aaa"), ["aa", "aa"]);
    }

    proptest::proptest! {
        #[test]
        fn windows_never_split_or_repeat_a_match(
            words in proptest::collection::vec("[a-cA-C]{1,4}", 1..40),
            query in "[a-cA-C]{1,3}",
            cuts in proptest::collection::vec(0usize..200, 0..5),
            exact in proptest::bool::ANY,
        ) {
            let text = words.join(" ");
            let q = Query::new(&query, exact).unwrap();
            let whole = q.find_in(&text, 0..text.len());
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.push(0);
            cuts.push(text.len());
            cuts.sort_unstable();
            let mut pieces = Vec::new();
            for w in cuts.windows(2) {
                pieces.extend(q.find_in(&text, w[0]..w[1]));
            }
            proptest::prop_assert_eq!(pieces, whole);
        }
    }
}
