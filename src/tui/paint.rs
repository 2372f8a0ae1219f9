//! Drawing text into the buffer within bounds, with styled byte ranges.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Writes `s` at the start of row `area` (one row), clipped to it, in the form every terminal draws
/// the same width ([`super::wrap::drawable`]); returns the next column.
pub fn put(buf: &mut Buffer, area: Rect, x: u16, s: &str, style: Style) -> u16 {
    let area = area.intersection(buf.area);
    if area.is_empty() || x >= area.right() {
        return x;
    }
    let x = x.max(area.x);
    buf.set_stringn(x, area.y, super::wrap::drawable(s), usize::from(area.right() - x), style).0
}

/// Draws `text[line]` on row `area`, each byte patched with the styles of the
/// `marks` covering it (later marks win).
pub fn styled_line(buf: &mut Buffer, area: Rect, text: &str, line: Range<usize>, marks: &[(Range<usize>, Style)]) {
    let mut cuts: Vec<usize> = vec![line.start, line.end];
    for (r, _) in marks {
        for p in [r.start, r.end] {
            if p > line.start && p < line.end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut x = area.x;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let style =
            marks.iter().filter(|(r, _)| r.start < b && r.end > a).fold(Style::default(), |s, (_, m)| s.patch(*m));
        x = put(buf, area, x, &text[a..b], style);
    }
}

/// Shortens `s` to `width` columns, ending in "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if super::wrap::str_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = super::wrap::grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
