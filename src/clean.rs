//! Text cleaning: whatever the input, the result is safe to print (no control
//! characters or escape sequences), uses `\n` line endings, has paragraphs
//! separated by exactly one blank line, and has the web debris removed that
//! would otherwise break sentences. Real article text is never dropped.

use std::sync::LazyLock;

use regex::Regex;

/// Longest line (in characters) that can be part of a hard-wrapped paragraph.
const HARD_WRAP_MAX: usize = 100;

/// Cleans plain text. Without blank lines, each line is a paragraph (text
/// copied from a web page). With them, blank lines separate blocks, and inside
/// a block single line breaks are hard wraps (joined with a space) when every
/// line but the last is short, as in text wrapped at 72 or 80 columns;
/// otherwise each line is still a paragraph.
pub fn clean_plain(raw: &str) -> String {
    let text = strip_controls(&normalise_newlines(raw));
    let has_blank = text.lines().any(|l| l.trim().is_empty());
    let mut paragraphs: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let hard_wrapped =
            has_blank && lines.len() > 1 && lines[..lines.len() - 1].iter().all(|l| l.chars().count() <= HARD_WRAP_MAX);
        if hard_wrapped {
            paragraphs.push(lines.join(" "));
        } else {
            paragraphs.extend(lines.iter().map(|l| l.to_string()));
        }
    }
    join_paragraphs(paragraphs.iter().flat_map(|p| clean_paragraph(p)))
}

/// Joins cleaned paragraphs with single blank lines, dropping empty ones.
pub fn join_paragraphs<I: IntoIterator<Item = String>>(paragraphs: I) -> String {
    paragraphs.into_iter().map(|p| collapse_spaces(&p)).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

pub fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    // CSI, OSC (BEL- or ST-terminated) and other two-byte escape sequences.
    Regex::new(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b[@-_]?").unwrap()
});

/// Removes terminal escape sequences and control characters (keeping newlines;
/// tabs become spaces), so no document can drive the terminal.
pub fn strip_controls(s: &str) -> String {
    let no_esc = ESCAPE.replace_all(s, "");
    no_esc
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => None,
            c if c.is_control() => None,
            // Bidi embedding/override controls can reorder what the terminal shows.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

fn collapse_spaces(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| {
    // A citation number glued to the end of a word or closing quote
    // ("stages1.", "“disappointing”1.") — not "F16", "G7" or "COVID19", which are
    // upper-case, and not figures, which stand apart.
    Regex::new(r"([a-z]{3,}[.,;:!?]?|[.,;:!?]?[”’\)])([1-9][0-9]?)([.,;:!?]?)(\s|$)").unwrap()
});

static RELATED_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(^|[.!?”])\s*-\s[^\n]*›\s*$").unwrap());

/// Mojibake seen in the wild: an em dash decoded as a Thai letter (Windows-874).
static MOJIBAKE_DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{Latin})โ(\p{Latin})").unwrap());

/// Cleans one paragraph; may yield zero paragraphs (pure debris) or the
/// paragraph with debris cut off.
fn clean_paragraph(p: &str) -> Vec<String> {
    let t = p.trim();
    if is_debris_line(t) {
        return Vec::new();
    }
    let mut s = t.to_string();
    if let Some(rest) = s.strip_prefix("Toggle").filter(|r| r.starts_with(char::is_uppercase)) {
        s = rest.to_string();
    }
    if let Some(m) = RELATED_LINK.find(&s) {
        // Keep the sentence end the link list was glued to.
        let keep = m.start()
            + m.as_str()
                .find(|c: char| ".!?”".contains(c))
                .map_or(0, |i| i + m.as_str()[i..].chars().next().map_or(0, char::len_utf8));
        s.truncate(keep);
    }
    s = MOJIBAKE_DASH.replace_all(&s, "$1—$2").into_owned();
    s = FOOTNOTE.replace_all(&s, "$1$3$4").into_owned();
    vec![s]
}

fn is_debris_line(t: &str) -> bool {
    matches!(t, "Table of Contents" | "Table of Contents Toggle" | "Toggle")
        || (t.starts_with("- ") && t.ends_with('›'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_removed() {
        let s = clean_plain("Safe \x1b[31mred\x1b[0m text\x07 and \x1b]0;title\x07 bell\u{202E}.");
        assert_eq!(s, "Safe red text and bell.");
    }

    #[test]
    fn crlf_and_lines_become_paragraphs() {
        assert_eq!(clean_plain("One.\r\nTwo.\r\n"), "One.\n\nTwo.");
    }

    #[test]
    fn blank_lines_separate_and_hard_wraps_join() {
        assert_eq!(clean_plain("First line\nwraps here.\n\n\n\nSecond."), "First line wraps here.\n\nSecond.");
    }

    #[test]
    fn long_lines_stay_paragraphs_after_a_blank_line() {
        // Seed 003's shape: a headline, a blank line, then one paragraph per long line.
        let long_a = "For most of the past 17 months, the idea of a political settlement to the war has appeared far from reality.";
        let long_b =
            "Hamas members are “sick and twisted,” in the words of the president, who spoke at length on Tuesday.";
        let s = clean_plain(&format!("Headline here?\n\n{long_a}\n{long_b}\nShort last line.\n"));
        assert_eq!(s, format!("Headline here?\n\n{long_a}\n\n{long_b}\n\nShort last line."));
    }

    #[test]
    fn glued_footnotes_are_removed() {
        let s = clean_plain(
            "It came in two stages1. However, officials called it “disappointing”1. The F16 and G7 stay, and 59 hostages too.",
        );
        assert_eq!(
            s,
            "It came in two stages. However, officials called it “disappointing”. The F16 and G7 stay, and 59 hostages too."
        );
    }

    #[test]
    fn footnote_after_closing_quote_at_end() {
        assert_eq!(
            clean_plain("We don't want to hear the word ‘resistance’ anymore.”1"),
            "We don't want to hear the word ‘resistance’ anymore.”"
        );
    }

    #[test]
    fn table_of_contents_toggle_is_dropped() {
        let s = clean_plain("Intro.\nTable of Contents\nToggleThe Latest Breakdown\nBody.");
        assert_eq!(s, "Intro.\n\nThe Latest Breakdown\n\nBody.");
    }

    #[test]
    fn related_links_are_cut_but_text_kept() {
        let s = clean_plain("Last sentence.- Israeli ethnic cleansing nears completion ›\n- Another link ›\n");
        assert_eq!(s, "Last sentence.");
    }

    #[test]
    fn mojibake_dash_between_latin_letters() {
        assert_eq!(clean_plain("at any costโeven rejecting"), "at any cost—even rejecting");
        assert_eq!(clean_plain("ไทย โดย"), "ไทย โดย");
    }

    #[test]
    fn hebrew_is_kept() {
        let h = "“.מהמחסות לכיכרות ובפנים גלויות” Ynet News.";
        assert_eq!(clean_plain(h), h);
    }
}
