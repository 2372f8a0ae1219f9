//! A document laid out as screen lines, lazily: the text is cut once into units
//! (paragraphs, and pieces of very long ones), and only the units around the
//! viewport are wrapped. A position is a byte offset, so a reflow at another
//! width finds the same text again.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::wrap::wrap;

/// Longest stretch wrapped at once; a longer paragraph is cut (at whitespace where
/// possible) so scrolling through a huge one-paragraph file stays cheap.
const MAX_UNIT: usize = 16 * 1024;

/// A piece of text wrapped on its own; `gap_after` when a blank line follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub range: Range<usize>,
    pub gap_after: bool,
}

/// The units of a text whose paragraphs are `paragraphs`.
pub fn units(text: &str, paragraphs: &[Range<usize>]) -> Vec<Unit> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        let mut pos = p.start;
        while p.end - pos > MAX_UNIT {
            let cut = cut_point(text, pos, pos + MAX_UNIT);
            out.push(Unit { range: pos..cut, gap_after: false });
            pos = cut;
        }
        out.push(Unit { range: pos..p.end, gap_after: i + 1 < paragraphs.len() });
    }
    out
}

/// A place to cut `text[from..limit]`: after its last whitespace, else before its last grapheme.
fn cut_point(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[from..limit];
    if let Some(ws) = window.rfind(char::is_whitespace).filter(|&i| i > 0) {
        return from + ws + window[ws..].chars().next().map_or(1, char::len_utf8);
    }
    let last = window.grapheme_indices(true).next_back().map_or(0, |(i, _)| i);
    if last > 0 { from + last } else { limit }
}

/// One screen line: the text it shows, or a blank line between paragraphs
/// (then `range` is the empty range at the end of the paragraph above it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
    pub blank: bool,
}

/// A text laid out at a width.
pub struct Flow<'a> {
    pub text: &'a str,
    pub units: &'a [Unit],
    pub width: usize,
}

impl Flow<'_> {
    fn unit_lines(&self, u: usize) -> Vec<Line> {
        let unit = &self.units[u];
        let mut lines: Vec<Line> = wrap(self.text, unit.range.clone(), self.width)
            .into_iter()
            .map(|range| Line { range, blank: false })
            .collect();
        if lines.is_empty() {
            lines.push(Line { range: unit.range.start..unit.range.start, blank: true });
        }
        if unit.gap_after {
            lines.push(Line { range: unit.range.end..unit.range.end, blank: true });
        }
        lines
    }

    /// The unit and line index showing byte `pos`.
    fn locate(&self, pos: usize) -> Option<(usize, usize, Vec<Line>)> {
        if self.units.is_empty() {
            return None;
        }
        let u = self.units.partition_point(|x| x.range.start <= pos).saturating_sub(1);
        let lines = self.unit_lines(u);
        let li = lines.partition_point(|l| l.range.start <= pos).saturating_sub(1);
        Some((u, li, lines))
    }

    /// Up to `n` lines starting with the one showing `top`.
    pub fn lines_from(&self, top: usize, n: usize) -> Vec<Line> {
        let mut out = Vec::with_capacity(n.min(256));
        let Some((mut u, li, lines)) = self.locate(top) else { return out };
        out.extend(lines.into_iter().skip(li).take(n));
        while out.len() < n && u + 1 < self.units.len() {
            u += 1;
            out.extend(self.unit_lines(u).into_iter().take(n - out.len()));
        }
        out
    }

    /// The start of the line `delta` lines below (or above, when negative) the line
    /// showing `pos`, stopping at the first and last lines.
    pub fn step(&self, pos: usize, delta: isize) -> usize {
        let Some((mut u, mut li, mut lines)) = self.locate(pos) else { return 0 };
        let mut left = delta.unsigned_abs();
        if delta >= 0 {
            while left > 0 {
                if li + 1 < lines.len() {
                    let take = left.min(lines.len() - 1 - li);
                    li += take;
                    left -= take;
                } else if u + 1 < self.units.len() {
                    u += 1;
                    lines = self.unit_lines(u);
                    li = 0;
                    left -= 1;
                } else {
                    break;
                }
            }
        } else {
            while left > 0 {
                if li > 0 {
                    let take = left.min(li);
                    li -= take;
                    left -= take;
                } else if u > 0 {
                    u -= 1;
                    lines = self.unit_lines(u);
                    li = lines.len() - 1;
                    left -= 1;
                } else {
                    break;
                }
            }
        }
        lines[li].range.start
    }

    /// The start of the line showing `pos`.
    pub fn line_start(&self, pos: usize) -> usize {
        self.step(pos, 0)
    }

    /// The top position that shows the last line at the bottom of `height` rows.
    pub fn last_top(&self, height: usize) -> usize {
        let Some(last) = self.units.last() else { return 0 };
        self.step(last.range.end, -(height.saturating_sub(1) as isize))
    }

    /// Scrolls `top` by `delta` lines, not past the point where the last line reaches the bottom.
    pub fn scroll(&self, top: usize, delta: isize, height: usize) -> usize {
        let moved = self.step(top, delta);
        if delta > 0 {
            let last = self.last_top(height);
            if moved > last {
                return last.max(self.line_start(top)).min(moved);
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow_of<'a>(text: &'a str, units: &'a [Unit], width: usize) -> Flow<'a> {
        Flow { text, units, width }
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line() {
        let text = "one two three\n\nfour";
        let units = units(text, &[0..13, 15..19]);
        let f = flow_of(text, &units, 8);
        let lines: Vec<_> = f.lines_from(0, 10).iter().map(|l| (&text[l.range.clone()], l.blank)).collect();
        assert_eq!(lines, vec![("one two", false), ("three", false), ("", true), ("four", false)]);
    }

    #[test]
    fn stepping_crosses_units_both_ways_and_stops_at_the_ends() {
        let text = "aa bb\n\ncc dd";
        let units = units(text, &[0..5, 7..12]);
        let f = flow_of(text, &units, 2);
        // lines: aa(0) bb(3) blank(5) cc(7) dd(10)
        assert_eq!(f.step(0, 1), 3);
        assert_eq!(f.step(0, 2), 5);
        assert_eq!(f.step(0, 4), 10);
        assert_eq!(f.step(0, 99), 10);
        assert_eq!(f.step(10, -3), 3);
        assert_eq!(f.step(10, -99), 0);
        assert_eq!(f.step(4, 0), 3);
        assert_eq!(f.last_top(2), 7);
        assert_eq!(f.scroll(0, 99, 2), 7);
    }

    #[test]
    fn a_long_paragraph_is_cut_into_units_at_whitespace() {
        let text = "word ".repeat(10_000);
        let text = text.trim_end();
        let units = units(text, std::slice::from_ref(&(0..text.len())));
        assert!(units.len() > 2);
        assert!(units.iter().all(|u| u.range.len() <= MAX_UNIT));
        assert!(units.windows(2).all(|w| w[0].range.end == w[1].range.start));
        assert!(units[1..].iter().all(|u| text[u.range.clone()].starts_with("word")));
        assert_eq!(units.last().unwrap().range.end, text.len());
    }

    #[test]
    fn empty_text_has_no_lines() {
        let f = flow_of("", &[], 10);
        assert!(f.lines_from(0, 5).is_empty());
        assert_eq!(f.step(0, 3), 0);
    }

    proptest::proptest! {
        #[test]
        fn stepping_down_then_up_returns_to_the_same_line(
            paragraphs in proptest::collection::vec("[a-z]{1,9}( [a-z]{1,9}){0,12}", 1..6),
            width in 1usize..20,
            at in 0usize..400,
            delta in 0isize..30,
        ) {
            let text = paragraphs.join("\n\n");
            let mut ranges = Vec::new();
            let mut start = 0;
            for p in &paragraphs {
                ranges.push(start..start + p.len());
                start += p.len() + 2;
            }
            let units = units(&text, &ranges);
            let f = flow_of(&text, &units, width);
            let from = f.line_start(at.min(text.len()));
            let total = f.lines_from(0, 100_000).len();
            let index = f.lines_from(0, total).iter().position(|l| l.range.start == from).unwrap();
            let down = f.step(from, delta);
            if index + (delta as usize) < total {
                proptest::prop_assert_eq!(f.step(down, -delta), from);
            } else {
                proptest::prop_assert_eq!(down, f.lines_from(0, total).last().unwrap().range.start);
            }
        }
    }
}
