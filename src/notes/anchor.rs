//! Anchoring: describing a passage so it can be found again (W3C
//! TextQuoteSelector and TextPositionSelector), and finding it again after the
//! document changed.
//!
//! Selectors count Unicode code points, as the Web Annotation model says; the
//! rest of parallax counts bytes. [`Text`] converts between the two at this
//! edge, in time logarithmic in the text's length.
//!
//! Re-anchoring tries, in order: the stored position, if the quote is still
//! there; the exact quote, where its context (the characters before and after)
//! agrees best, nearest the old position among equals; an approximate match,
//! scored the same way. A short quote whose context is gone is not placed at a
//! chance occurrence elsewhere: a misplaced note teaches the wrong thing, an
//! orphan (kept with its quote) does not.

use std::ops::Range;
use std::sync::Arc;

use super::fuzzy;
use super::{TextPosition, TextQuote};

/// Characters of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;
/// Every this many characters the byte offset is recorded.
const STRIDE: usize = 64;
/// An approximate match must keep at least this share of the quote.
const MIN_QUOTE_SIMILARITY: f32 = 0.75;
/// The context on one side must be at least this similar for a quote to be
/// placed on the strength of its context.
const MIN_CONTEXT_SIMILARITY: f32 = 0.5;
/// A quote this long (in characters) is distinctive by itself: placed exactly
/// even where its context changed on both sides.
const DISTINCT_QUOTE_CHARS: usize = 20;
/// An approximate match without context must be at least this long.
const DISTINCT_FUZZY_CHARS: usize = 40;
/// At most this many exact occurrences (the nearest to the old position) are scored.
const MAX_OCCURRENCES: usize = 2000;

/// How a note was placed in the current text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    /// At its stored position: the text there is unchanged.
    Position,
    /// Its exact quote, found elsewhere (the text before it changed).
    Quote,
    /// An approximate match of its quote (the quote itself was edited);
    /// `similarity` is 1 minus the share of characters edited.
    Fuzzy { similarity: f32 },
}

/// Where a note stands in the current text.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Byte range into the text.
    pub range: Range<usize>,
    pub placement: Placement,
}

/// A text prepared for converting offsets and anchoring.
#[derive(Clone, Debug)]
pub struct Text {
    text: Arc<str>,
    /// Byte offset of every `STRIDE`-th character.
    marks: Vec<usize>,
    chars: usize,
}

impl Text {
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                marks.push(byte);
            }
            chars = i + 1;
        }
        Text { text, marks, chars }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The code-point index of byte offset `byte` (a character boundary, at most the length).
    pub fn char_of(&self, byte: usize) -> usize {
        let block = self.marks.partition_point(|&b| b <= byte).saturating_sub(1);
        let from = self.marks.get(block).copied().unwrap_or(0);
        block * STRIDE + self.text[from..byte.min(self.text.len())].chars().count()
    }

    /// The byte offset of code point `index`; the length for `index == chars()`.
    pub fn byte_of(&self, index: usize) -> Option<usize> {
        if index > self.chars {
            return None;
        }
        if index == self.chars {
            return Some(self.text.len());
        }
        let from = self.marks[index / STRIDE];
        self.text[from..].char_indices().nth(index % STRIDE).map(|(b, _)| from + b)
    }

    /// The selectors describing byte range `range` (on character boundaries).
    pub fn describe(&self, range: Range<usize>) -> (TextQuote, TextPosition) {
        let (start, end) = (self.char_of(range.start), self.char_of(range.end));
        let before = self.byte_of(start.saturating_sub(CONTEXT_CHARS)).unwrap_or(0);
        let after = self.byte_of((end + CONTEXT_CHARS).min(self.chars)).unwrap_or(self.text.len());
        let quote = TextQuote {
            exact: self.text[range.clone()].to_string(),
            prefix: self.text[before..range.start].to_string(),
            suffix: self.text[range.end..after].to_string(),
        };
        (quote, TextPosition { start, end })
    }

    /// Finds the passage the selectors describe; `None` when it cannot be placed (an orphan).
    pub fn anchor(&self, quote: &TextQuote, position: &TextPosition) -> Option<Anchor> {
        if quote.exact.is_empty() {
            return None;
        }
        if let (Some(start), Some(end)) = (self.byte_of(position.start), self.byte_of(position.end))
            && self.text.get(start..end) == Some(quote.exact.as_str())
        {
            return Some(Anchor { range: start..end, placement: Placement::Position });
        }
        let wanted = Wanted::new(quote, position);
        let near = self.byte_of(position.start.min(self.chars)).unwrap_or(self.text.len());
        let exact_len = quote.exact.len();
        let mut occurrences = occurrences(&self.text, &quote.exact);
        if occurrences.len() > MAX_OCCURRENCES {
            occurrences.sort_by_key(|&i| i.abs_diff(near));
            occurrences.truncate(MAX_OCCURRENCES);
        }
        let exact = occurrences.into_iter().map(|s| self.score(&wanted, s..s + exact_len, 1.0));
        if let Some(best) = best_accepted(exact, &wanted) {
            return Some(Anchor { range: best.range, placement: Placement::Quote });
        }
        let max_edits = ((1.0 - MIN_QUOTE_SIMILARITY) * wanted.exact.len() as f32) as usize;
        let approximate = fuzzy::find(&self.text, &quote.exact, max_edits, Some(near)).into_iter().map(|f| {
            let similarity = 1.0 - f.edits as f32 / wanted.exact.len() as f32;
            self.score(&wanted, f.range, similarity)
        });
        best_accepted(approximate, &wanted)
            .map(|best| Anchor { range: best.range, placement: Placement::Fuzzy { similarity: best.quote } })
    }

    /// How well a candidate at byte range `range` fits what is wanted.
    fn score(&self, wanted: &Wanted, range: Range<usize>, quote: f32) -> Candidate {
        let start = self.char_of(range.start);
        let end = self.char_of(range.end);
        // A stored context shorter than usual was cut by the document's start or
        // end; compared with the full width, it only fits a candidate there too.
        let before_from = self.byte_of(start.saturating_sub(wanted.prefix.len().max(CONTEXT_CHARS))).unwrap_or(0);
        let after_to =
            self.byte_of((end + wanted.suffix.len().max(CONTEXT_CHARS)).min(self.chars)).unwrap_or(self.text.len());
        let before: Vec<char> = self.text[before_from..range.start].chars().collect();
        let after: Vec<char> = self.text[range.end..after_to].chars().collect();
        let closeness = 1.0 - start.abs_diff(wanted.start) as f32 / self.chars.max(1) as f32;
        Candidate {
            range,
            quote,
            prefix: fuzzy::similarity(&wanted.prefix, &before),
            suffix: fuzzy::similarity(&wanted.suffix, &after),
            closeness,
        }
    }
}

/// The stored selectors, as characters.
struct Wanted {
    exact: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    start: usize,
}

impl Wanted {
    fn new(quote: &TextQuote, position: &TextPosition) -> Self {
        Wanted {
            exact: quote.exact.chars().collect(),
            prefix: quote.prefix.chars().collect(),
            suffix: quote.suffix.chars().collect(),
            start: position.start,
        }
    }
}

struct Candidate {
    range: Range<usize>,
    quote: f32,
    prefix: f32,
    suffix: f32,
    closeness: f32,
}

impl Candidate {
    /// The quote counts most, then its context, then the distance to the old position.
    fn total(&self) -> f32 {
        0.5 * self.quote + 0.2 * self.prefix + 0.2 * self.suffix + 0.1 * self.closeness
    }

    fn accepted(&self, wanted: &Wanted) -> bool {
        let context = self.prefix.max(self.suffix) >= MIN_CONTEXT_SIMILARITY;
        let distinct = if self.quote >= 1.0 { DISTINCT_QUOTE_CHARS } else { DISTINCT_FUZZY_CHARS };
        self.quote >= MIN_QUOTE_SIMILARITY && (context || wanted.exact.len() >= distinct)
    }
}

/// Where `exact` starts in `text`, overlapping occurrences included: in "no more, no more, no more"
/// the passage "no more, no more" starts twice, and `match_indices` would give only the first.
fn occurrences(text: &str, exact: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(exact) {
        let at = from + i;
        out.push(at);
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn best_accepted(candidates: impl Iterator<Item = Candidate>, wanted: &Wanted) -> Option<Candidate> {
    candidates
        .filter(|c| c.accepted(wanted))
        .max_by(|a, b| a.total().total_cmp(&b.total()).then(b.range.start.cmp(&a.range.start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(text: &str, quote: &str) -> (TextQuote, TextPosition) {
        let start = text.find(quote).expect("quote in text");
        Text::new(text).describe(start..start + quote.len())
    }

    fn placed<'t>(text: &'t str, selectors: &(TextQuote, TextPosition)) -> Option<(&'t str, Placement, usize)> {
        Text::new(text).anchor(&selectors.0, &selectors.1).map(|a| (&text[a.range.clone()], a.placement, a.range.start))
    }

    const STORY: &str = "The council met on Tuesday. Officials said the bridge would close for repairs. \
                         Residents called the decision a disaster for local shops. The mayor promised a review.";

    #[test]
    fn a_passage_overlapping_an_earlier_copy_of_itself_is_found() {
        // Found by notes_props: the second "no more, no more" overlaps the first, and only the first
        // was looked at, so the note moved onto other words.
        let text = "At the gate the crowd chanted no more, no more, no more until dusk.";
        let start = text.find("no more, no more, no more").unwrap() + "no more, ".len();
        let selectors = Text::new(text).describe(start..start + "no more, no more".len());
        let edited = format!("Updated at noon. {text}");
        assert_eq!(placed(&edited, &selectors), Some(("no more, no more", Placement::Quote, start + 17)));
    }

    #[test]
    fn offsets_convert_between_bytes_and_code_points() {
        let text = "é".repeat(150) + "abc";
        let t = Text::new(text.as_str());
        assert_eq!(t.chars(), 153);
        assert_eq!(t.char_of(300), 150);
        assert_eq!(t.byte_of(150), Some(300));
        assert_eq!(t.byte_of(153), Some(text.len()));
        assert_eq!(t.byte_of(154), None);
        for i in 0..=153 {
            assert_eq!(t.char_of(t.byte_of(i).unwrap()), i);
        }
    }

    #[test]
    fn selectors_keep_32_characters_of_context_in_code_points() {
        let text = "«Ça» — ".repeat(10) + "the quote" + &" — «là»".repeat(10);
        let (q, p) = describe(&text, "the quote");
        assert_eq!(q.exact, "the quote");
        assert_eq!(q.prefix.chars().count(), 32);
        assert_eq!(q.suffix.chars().count(), 32);
        assert_eq!(p.start, 70);
        assert_eq!(p.end, 79);
    }

    #[test]
    fn an_unchanged_text_places_by_position() {
        let s = describe(STORY, "a disaster");
        assert_eq!(placed(STORY, &s), Some(("a disaster", Placement::Position, STORY.find("a disaster").unwrap())));
    }

    #[test]
    fn a_shortened_text_places_by_quote() {
        let s = describe(STORY, "a disaster");
        let shorter = STORY.replace("The council met on Tuesday. ", "");
        assert_eq!(placed(&shorter, &s).map(|(t, p, _)| (t, p)), Some(("a disaster", Placement::Quote)));
    }

    #[test]
    fn a_reordered_text_places_by_quote() {
        let s = describe(STORY, "Officials said");
        let reordered = "The mayor promised a review. Residents called the decision a disaster for local shops. \
                         The council met on Tuesday. Officials said the bridge would close for repairs.";
        let (t, p, start) = placed(reordered, &s).unwrap();
        assert_eq!((t, p), ("Officials said", Placement::Quote));
        assert_eq!(start, reordered.find("Officials said").unwrap());
    }

    #[test]
    fn an_edited_quote_places_approximately() {
        let s = describe(STORY, "Residents called the decision a disaster for local shops.");
        let edited =
            STORY.replace("called the decision a disaster for local", "branded the decision a disaster for the local");
        let (t, p, _) = placed(&edited, &s).unwrap();
        assert_eq!(t, "Residents branded the decision a disaster for the local shops.");
        assert!(matches!(p, Placement::Fuzzy { similarity } if similarity > 0.75 && similarity < 1.0), "{p:?}");
    }

    #[test]
    fn a_quote_occurring_twice_goes_where_its_context_is() {
        let text = "The first vote failed. The motion was rejected by the board. Weeks later the second vote came. \
                    The motion was rejected by the board again, to nobody's surprise.";
        let second = text.rfind("The motion was rejected").unwrap();
        let s = Text::new(text).describe(second..second + "The motion was rejected".len());
        // Text inserted before both occurrences: the stored position no longer holds.
        let edited = format!("A short update. {text}");
        let (_, p, start) = placed(&edited, &s).unwrap();
        assert_eq!(p, Placement::Quote);
        assert_eq!(start, edited.rfind("The motion was rejected").unwrap());
    }

    #[test]
    fn equal_contexts_are_settled_by_the_old_position() {
        let para = "Repeat this line. ";
        let text = para.repeat(6);
        let at = para.len() * 4;
        let s = Text::new(text.as_str()).describe(at..at + 6);
        let edited = format!("x{text}");
        let (_, p, start) = placed(&edited, &s).unwrap();
        assert_eq!((p, start), (Placement::Quote, at + 1));
    }

    #[test]
    fn a_short_quote_whose_context_is_gone_is_an_orphan() {
        let s = describe(STORY, "disaster");
        let rewritten = "The council met on Tuesday. A disaster was averted when the storm turned away from the coast.";
        assert_eq!(placed(rewritten, &s), None);
    }

    #[test]
    fn a_removed_passage_is_an_orphan() {
        let s = describe(STORY, "Residents called the decision a disaster for local shops.");
        let removed = STORY.replace("Residents called the decision a disaster for local shops. ", "");
        assert_eq!(placed(&removed, &s), None);
    }

    #[test]
    fn a_long_quote_is_placed_even_where_both_contexts_changed() {
        let s = describe(STORY, "Officials said the bridge would close");
        let text = "Entirely new opening words here! Officials said the bridge would close, and then nothing else.";
        assert_eq!(
            placed(text, &s).map(|(t, p, _)| (t, p)),
            Some(("Officials said the bridge would close", Placement::Quote))
        );
    }

    #[test]
    fn a_position_beyond_the_text_falls_back_to_the_quote() {
        let s = (
            TextQuote { exact: "review".into(), prefix: "promised a ".into(), suffix: ".".into() },
            TextPosition { start: 5000, end: 5006 },
        );
        assert_eq!(placed(STORY, &s).map(|(t, p, _)| (t, p)), Some(("review", Placement::Quote)));
    }
}
