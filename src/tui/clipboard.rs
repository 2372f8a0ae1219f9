//! Copying to the clipboard of the terminal the user sits at, also over SSH and
//! inside tmux: OSC 52, which tmux (with `set-clipboard on`), kitty, WezTerm,
//! iTerm2, foot, Alacritty and xterm (when allowed) accept.

use base64::Engine;

/// Longest text sent: many terminals drop an OSC 52 sequence much over 100 kB.
pub const MAX_BYTES: usize = 74_000;

/// The escape sequence that puts `text` on the clipboard: `ESC ] 52 ; c ; <base64> BEL`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(osc52("Talks stall."), "\x1b]52;c;VGFsa3Mgc3RhbGwu\x07");
        assert_eq!(osc52("“é”"), "\x1b]52;c;4oCcw6nigJ0=\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }
}
