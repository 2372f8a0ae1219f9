//! Word wrapping that keeps byte offsets: each wrapped line is the byte range of
//! the text it shows, so highlights and jumps land on the same characters; and
//! the widths it wraps by, which are those of the graphemes as drawn.
//!
//! Terminals disagree on how wide some emoji sequences are: one joined by ZWJ
//! (a family, a rainbow flag) is one cluster two columns wide in kitty or
//! WezTerm and its emoji side by side in xterm, VTE or tmux; an emoji with a
//! variation selector or a skin tone is two columns in some and one or four in
//! others. Whatever the reader assumed, some terminal drew the rest of the row
//! shifted (the pane separator with it). So such a grapheme is drawn as its
//! parts ([`drawable`]), which every terminal draws the same width, and widths
//! are computed from what is drawn.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Display width of a grapheme, as it is drawn.
pub fn grapheme_width(g: &str) -> usize {
    if let [byte] = g.as_bytes() {
        usize::from(!byte.is_ascii_control())
    } else if g.contains(char::is_control) {
        0
    } else if ambiguous(g) {
        drawn_form(g).graphemes(true).map(|p| usize::from(p.cell_width())).sum()
    } else {
        usize::from(g.cell_width())
    }
}

/// `s` as the reader draws it: each grapheme whose width terminals disagree on replaced by its parts.
pub fn drawable(s: &str) -> Cow<'_, str> {
    // Latin script and general punctuation (curly quotes, dashes) never join into a cluster.
    let simple = |c: char| c < '\u{300}' || ('\u{2010}'..='\u{205e}').contains(&c);
    if s.chars().all(simple) || !s.graphemes(true).any(ambiguous) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.graphemes(true).map(drawn_form).collect())
}

/// Whether terminals disagree on the width of grapheme `g`: it has a variation selector, or its
/// characters' widths (as a terminal that draws character by character counts) do not add up to
/// its width as one cluster.
fn ambiguous(g: &str) -> bool {
    let mut chars = g.chars();
    if chars.next().is_none() || chars.next().is_none() {
        return false;
    }
    g.contains(['\u{fe0e}', '\u{fe0f}'])
        || g.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() != usize::from(g.cell_width())
}

/// Grapheme `g` as it is drawn: an ambiguous one without its joiners, variation selectors, skin
/// tones and tags (a family becomes its people, a rainbow flag a flag and a rainbow); a part that is
/// still ambiguous keeps its first character.
fn drawn_form(g: &str) -> Cow<'_, str> {
    if !ambiguous(g) {
        return Cow::Borrowed(g);
    }
    let joiner = |c: char| matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}');
    let parts: String = g.chars().filter(|&c| !joiner(c)).collect();
    let mut out = String::with_capacity(parts.len());
    for p in parts.graphemes(true) {
        if ambiguous(p) {
            out.extend(p.chars().next());
        } else {
            out.push_str(p);
        }
    }
    if out.is_empty() {
        out.extend(g.chars().next());
    }
    Cow::Owned(out)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Wraps `text[range]` to `width` columns: breaks after whitespace, breaks a word
/// longer than a line between graphemes (never inside one), drops whitespace at
/// line ends, and breaks at `\n`. Every returned line is non-empty.
pub fn wrap(text: &str, range: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let base = range.start;
    let s = &text[range];
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Where the current line could end (start of a whitespace run) and where the next would begin.
    let mut brk: Option<(usize, usize)> = None;
    let mut in_space = false;
    for (i, g) in s.grapheme_indices(true) {
        if g == "\n" {
            if i > start {
                lines.push(base + start..base + trim_end(s, start, i));
            }
            start = i + 1;
            used = 0;
            brk = None;
            in_space = false;
            continue;
        }
        if g.chars().all(char::is_whitespace) {
            if i == start {
                start = i + g.len();
                continue;
            }
            match (&mut brk, in_space) {
                (Some((_, next)), true) => *next = i + g.len(),
                _ => brk = Some((i, i + g.len())),
            }
            in_space = true;
            used += grapheme_width(g);
            continue;
        }
        in_space = false;
        let w = grapheme_width(g);
        if used + w > width && i > start {
            match brk.take() {
                Some((end, next)) => {
                    lines.push(base + start..base + end);
                    start = next;
                    used = str_width(&s[next..i]);
                }
                None => {
                    lines.push(base + start..base + i);
                    start = i;
                    used = 0;
                }
            }
            // The word carried to the new line may itself fill it: break inside it.
            if used + w > width && i > start {
                lines.push(base + start..base + i);
                start = i;
                used = 0;
            }
        }
        used += w;
    }
    if start < s.len() {
        let end = trim_end(s, start, s.len());
        if end > start {
            lines.push(base + start..base + end);
        }
    }
    lines
}

fn trim_end(s: &str, start: usize, end: usize) -> usize {
    start + s[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, 0..text.len(), width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_between_words_and_drops_the_spaces() {
        assert_eq!(shown("the quick brown fox", 10), vec!["the quick", "brown fox"]);
        assert_eq!(shown("a  b", 1), vec!["a", "b"]);
    }

    #[test]
    fn long_words_break_between_graphemes() {
        assert_eq!(shown("abcdefgh", 3), vec!["abc", "def", "gh"]);
        // "é" as e + combining acute stays one grapheme.
        let text = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(shown(text, 2), vec!["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(shown("日本語のテキスト", 6), vec!["日本語", "のテキ", "スト"]);
        // A wide character alone on a line too narrow for it still makes progress.
        assert_eq!(shown("日本", 1), vec!["日", "本"]);
    }

    #[test]
    fn hebrew_wraps_by_words_with_its_marks() {
        let text = "שָׁלוֹם עֲלֵיכֶם חֲבֵרִים";
        let lines = shown(text, 8);
        assert_eq!(lines, vec!["שָׁלוֹם", "עֲלֵיכֶם", "חֲבֵרִים"]);
        assert!(lines.iter().all(|l| str_width(l) <= 8));
    }

    #[test]
    fn offsets_are_absolute_within_the_range() {
        let text = "xx hello world";
        assert_eq!(wrap(text, 3..14, 5), vec![3..8, 9..14]);
    }

    #[test]
    fn a_carried_word_wider_than_the_line_is_broken() {
        // Found by the property test below: the word after a break overflowed the new line.
        assert_eq!(shown("\u{301} 日本", 3), vec!["\u{301}", "日", "本"]);
    }

    #[test]
    fn emoji_sequences_are_drawn_as_parts_every_terminal_agrees_on() {
        let cases = [
            ("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}", "\u{1f468}\u{1f469}\u{1f467}", 6),
            ("\u{2764}\u{fe0f}", "\u{2764}", 1),
            ("\u{263a}\u{fe0e}", "\u{263a}", 1),
            ("\u{1f44d}\u{1f3fd}", "\u{1f44d}", 2),
            ("\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}", "\u{1f3f3}\u{1f308}", 3),
            ("1\u{fe0f}\u{20e3}", "1\u{20e3}", 1),
        ];
        for (g, drawn, width) in cases {
            assert_eq!(g.graphemes(true).count(), 1, "{g:?} is one grapheme");
            assert_eq!(drawable(g), drawn, "{g:?}");
            assert_eq!(grapheme_width(g), width, "{g:?}");
            // Drawn character by character or cluster by cluster, the width is the same.
            let per_char: usize = drawn.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(per_char, width, "{g:?}");
        }
    }

    #[test]
    fn other_scripts_and_flags_are_drawn_as_they_are() {
        // A subdivision flag's tags are zero-width everywhere.
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        for s in ["שָׁלוֹם", "日本語", "e\u{301}", "\u{1f1eb}\u{1f1f7}", "क्ष", "മലയാളം\u{200d}", scotland, "plain"]
        {
            assert!(matches!(drawable(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn newline_forces_a_break_and_zero_width_never_loops() {
        assert_eq!(shown("ab\ncd", 10), vec!["ab", "cd"]);
        assert_eq!(shown("abc", 0), vec!["a", "b", "c"]);
        assert!(shown("   ", 4).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn lines_fit_cover_the_words_and_respect_graphemes(
            text in "[a-z \u{301}\u{5d0}-\u{5ea}\u{65e5}\u{672c}\n\u{200d}\u{fe0f}\u{2764}\u{1f468}\u{1f3fd}]{0,80}",
            width in 1usize..12,
        ) {
            let lines = wrap(&text, 0..text.len(), width);
            let mut words_seen = String::new();
            let mut last_end = 0;
            for r in &lines {
                let line = &text[r.clone()];
                proptest::prop_assert!(!line.is_empty());
                proptest::prop_assert!(r.start >= last_end, "lines in order");
                last_end = r.end;
                let graphemes = line.graphemes(true).count();
                proptest::prop_assert!(str_width(line) <= width || graphemes == 1, "{line:?} wider than {width}");
                // Both ends are grapheme boundaries of the whole text.
                let bounds: Vec<usize> =
                    text.grapheme_indices(true).map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
                proptest::prop_assert!(bounds.contains(&r.start) && bounds.contains(&r.end));
                words_seen.push_str(&line.split_whitespace().collect::<String>());
            }
            proptest::prop_assert_eq!(words_seen, text.split_whitespace().collect::<String>());
        }
    }
}
