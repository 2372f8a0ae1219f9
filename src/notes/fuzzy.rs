//! Approximate matching: where a quote still stands after the text around and
//! inside it was edited.
//!
//! Filter, then verify. A quote found with at most `k` edits keeps at least one
//! of any `k + 1` disjoint pieces of it intact (pigeonhole), so the pieces are
//! searched exactly (Aho-Corasick, one pass over the text), each hit votes for
//! where the quote would start, and only the best-voted places are aligned
//! character by character (Sellers' edit distance with a free start and end).
//! The cost therefore grows with the text's length only through one linear
//! scan, which keeps re-anchoring usable on very long documents.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

/// Quotes longer than this are not searched approximately (the alignment is
/// quadratic in the quote's length); such a note, when its text is gone, is an orphan.
const MAX_PATTERN_CHARS: usize = 2000;
/// How many voted places are aligned.
const MAX_CANDIDATES: usize = 32;
/// Pieces shorter than this hit too often to vote usefully.
const MIN_PIECE_CHARS: usize = 3;

/// A place where the pattern was found approximately.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub range: Range<usize>,
    pub edits: usize,
}

/// Places in `text` matching `pattern` with at most `max_edits` edits
/// (insertions, deletions, substitutions of characters), best first.
/// `near` (a byte offset) is always examined, even when no piece voted for it.
pub fn find(text: &str, pattern: &str, max_edits: usize, near: Option<usize>) -> Vec<Found> {
    let pattern: Vec<char> = pattern.chars().collect();
    let m = pattern.len();
    if m == 0 || m > MAX_PATTERN_CHARS || max_edits >= m {
        return Vec::new();
    }
    let pattern_bytes: usize = pattern.iter().map(|c| c.len_utf8()).sum();
    let bucket = (pattern_bytes / 4).max(16);
    let mut votes: HashMap<usize, u32> = HashMap::new();
    if let Some((pieces, offsets)) = pieces(&pattern, max_edits + 1)
        && let Ok(ac) = AhoCorasick::new(&pieces)
    {
        for hit in ac.find_overlapping_iter(text) {
            let start = hit.start().saturating_sub(offsets[hit.pattern().as_usize()]);
            *votes.entry(start / bucket).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, u32)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut starts: Vec<usize> = ranked.into_iter().take(MAX_CANDIDATES).map(|(b, _)| b * bucket).collect();
    starts.extend(near);

    // Each window reaches far enough on both sides to hold the pattern with all its edits.
    let slack = bucket + max_edits * 4 + 8;
    let mut found: Vec<Found> = Vec::new();
    for start in starts {
        let from = floor_boundary(text, start.saturating_sub(slack));
        let to = floor_boundary(text, (start + pattern_bytes + slack).min(text.len()));
        let window: Vec<(usize, char)> = text[from..to].char_indices().map(|(i, c)| (i + from, c)).collect();
        let chars: Vec<char> = window.iter().map(|&(_, c)| c).collect();
        let Some((edits, s, e)) = align(&chars, &pattern) else { continue };
        if edits > max_edits || s == e {
            continue;
        }
        let byte = |i: usize| window.get(i).map_or(to, |&(b, _)| b);
        let range = trim(text, byte(s)..byte(e));
        if range.is_empty() || found.iter().any(|f| f.range == range) {
            continue;
        }
        found.push(Found { range, edits });
    }
    found.sort_by_key(|f| (f.edits, f.range.start));
    found
}

/// `count` consecutive pieces of the pattern with their byte offsets in it, or
/// `None` when the pieces would be too short to search for.
fn pieces(pattern: &[char], count: usize) -> Option<(Vec<String>, Vec<usize>)> {
    let len = pattern.len() / count;
    if len < MIN_PIECE_CHARS {
        return None;
    }
    let mut pieces = Vec::with_capacity(count);
    let mut offsets = Vec::with_capacity(count);
    let mut byte = 0;
    for i in 0..count {
        let end = if i + 1 == count { pattern.len() } else { (i + 1) * len };
        let piece: String = pattern[i * len..end].iter().collect();
        offsets.push(byte);
        byte += piece.len();
        pieces.push(piece);
    }
    Some((pieces, offsets))
}

/// The best alignment of the whole `pattern` against any stretch of `text`:
/// (edits, start, end) in characters of `text`; the earliest of equally good ones.
fn align(text: &[char], pattern: &[char]) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    // Column over the pattern for the text read so far: the cost of the best
    // alignment of pattern[..i] ending here, and where in the text it starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    for (j, &c) in text.iter().enumerate() {
        let (mut diag_cost, mut diag_start) = (cost[0], start[0]);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let substitute = (diag_cost + usize::from(pattern[i - 1] != c), diag_start);
            let skip_text = (cost[i] + 1, start[i]);
            let skip_pattern = (cost[i - 1] + 1, start[i - 1]);
            let chosen =
                [substitute, skip_text, skip_pattern].into_iter().min_by_key(|&(k, _)| k).unwrap_or(substitute);
            diag_cost = cost[i];
            diag_start = start[i];
            (cost[i], start[i]) = chosen;
        }
        if best.is_none_or(|(b, _, _)| cost[m] < b) {
            best = Some((cost[m], start[m], j + 1));
        }
    }
    best
}

/// Edit distance between two short strings (the context around a quote).
pub fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// 1 for equal strings, 0 for nothing in common: one minus the edit distance
/// over the longer length.
pub fn similarity(a: &[char], b: &[char]) -> f32 {
    let longer = a.len().max(b.len());
    if longer == 0 { 1.0 } else { 1.0 - distance(a, b) as f32 / longer as f32 }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(distance(&chars(""), &chars("abc")), 3);
        assert_eq!(similarity(&chars("same"), &chars("same")), 1.0);
        assert_eq!(similarity(&chars(""), &chars("")), 1.0);
    }

    #[test]
    fn finds_an_edited_quote_in_a_long_text() {
        let filler = "Nothing of interest happens in this sentence at all. ".repeat(200);
        let text = format!("{filler}The envoy said the soldiers were slain near the crossing on Monday. {filler}");
        let found = find(&text, "the soldiers were killed near the crossing", 10, None);
        let best = &found[0];
        assert_eq!(&text[best.range.clone()], "the soldiers were slain near the crossing");
        assert_eq!(best.edits, 5);
    }

    #[test]
    fn nothing_close_enough_is_nothing() {
        let text = "A plain sentence about the weather. Another about the harvest.";
        assert!(find(text, "the ministers were dismissed", 6, None).is_empty());
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        let text = "Çà et là — «les négociations» reprennent à Doha, selon l’émissaire.";
        let found = find(text, "les négociation reprennent", 4, Some(3));
        assert_eq!(&text[found[0].range.clone()], "les négociations» reprennent");
    }

    #[test]
    fn the_near_position_is_examined_without_votes() {
        // Pieces of length < 3 cannot vote; only the hint finds it.
        let found = find("xx abcd yy", "abXd", 1, Some(3));
        assert_eq!(found, vec![Found { range: 3..7, edits: 1 }]);
    }
}
