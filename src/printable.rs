//! Text made safe to show on a terminal. File names, settings files and web
//! page metadata come from people parallax has no reason to trust: an escape
//! sequence in a file name can set the window title or, through OSC 52, the
//! clipboard, and a bidi override can make a message read backwards. Every
//! message that reaches the terminal (errors, warnings, the reader's headers
//! and status line) goes through [`escape`], at the edge where it is written.

use std::borrow::Cow;
use std::fmt::Write;

/// `s` with every control character (C0, DEL, C1), bidi control and line or
/// paragraph separator written as a visible escape (`\e`, `\n`, `\x07`,
/// `\u{202e}`), so that printing it can neither drive the terminal nor
/// reorder what follows. Text without such characters is returned as it is.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if u32::from(c) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// Characters that act on the terminal or on the direction of the text around them.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Arabic letter mark, left-to-right and right-to-left marks.
            '\u{61c}' | '\u{200e}' | '\u{200f}'
            // Embeddings, overrides and their pop.
            | '\u{202a}'..='\u{202e}'
            // Isolates and their pop.
            | '\u{2066}'..='\u{2069}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Talks stall — שָׁלוֹם 日本 👍🏽 e\u{301}";
        assert!(matches!(escape(s), Cow::Borrowed(x) if x == s));
    }

    #[test]
    fn an_osc_title_sequence_is_shown_not_run() {
        assert_eq!(escape("d/\u{1b}]0;PWNED\u{7}.txt"), "d/\\e]0;PWNED\\x07.txt");
        assert_eq!(escape("\u{1b}]52;c;aGk=\u{1b}\\"), "\\e]52;c;aGk=\\e\\");
    }

    #[test]
    fn line_breaks_c1_controls_and_bidi_controls_are_visible() {
        assert_eq!(escape("a\nb\r\tc\u{7f}"), "a\\nb\\r\\tc\\x7f");
        assert_eq!(escape("x\u{9b}31m"), "x\\u{9b}31m", "C1 CSI");
        assert_eq!(escape("file\u{202e}txt.exe"), "file\\u{202e}txt.exe");
        assert_eq!(escape("\u{2066}a\u{2069}\u{200f}\u{61c}\u{2028}"), "\\u{2066}a\\u{2069}\\u{200f}\\u{61c}\\u{2028}");
    }

    proptest::proptest! {
        #[test]
        fn nothing_that_drives_a_terminal_survives(s in "\\PC*|[\u{0}-\u{a0}\u{202a}-\u{202e}\u{2066}-\u{2069} a-z]*") {
            let e = escape(&s);
            proptest::prop_assert!(!e.chars().any(needs_escape), "{e:?}");
            proptest::prop_assert_eq!(e == s, !s.chars().any(needs_escape));
        }
    }
}
