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

/// Line endings to `\n`: CRLF and CR, and the other characters that end a line
/// (vertical tab, NEL, LINE SEPARATOR). A form feed (a page break) and a
/// PARAGRAPH SEPARATOR end a paragraph. Deleting them would glue words together.
pub fn normalise_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{0B}' | '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{0C}' | '\u{2029}' => out.push_str("\n\n"),
            c => out.push(c),
        }
    }
    out
}

static ESCAPE: LazyLock<Regex> = LazyLock::new(|| {
    // CSI (7- or 8-bit); the string sequences OSC, DCS, SOS, PM and APC, which end
    // at BEL or ST, or where unterminated at the end of the line (never later: the
    // text after a stray introducer is article text); other two-byte sequences.
    Regex::new(concat!(
        r"(?:\x1b\[|\u{9b})[0-?]*[ -/]*[@-~]",
        r"|(?:\x1b[\]PX^_]|[\u{90}\u{98}\u{9d}\u{9e}\u{9f}])[^\x07\x1b\u{9c}\n]*(?:\x07|\x1b\\|\u{9c})?",
        r"|\x1b[@-_]?",
    ))
    .unwrap()
});

/// Removes terminal escape sequences, control characters and invisible format
/// characters (keeping newlines; tabs and other line or page breaks become
/// spaces), so no document can drive the terminal or hide text from its reader.
pub fn strip_controls(s: &str) -> String {
    let no_esc = ESCAPE.replace_all(s, "");
    let mut out = String::with_capacity(no_esc.len());
    let mut after_selector = false;
    let mut rest = no_esc.as_ref();
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let selector = is_variation_selector(c);
        match c {
            '\n' => out.push('\n'),
            '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_control() => {}
            // Bidi marks, embeddings, overrides and isolates can reorder what the terminal shows.
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            // Word joiner, invisible operators, deprecated format controls, Mongolian
            // vowel separator, interlinear annotation: invisible, and can hide text.
            '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}' | '\u{180E}' | '\u{FFF9}'..='\u{FFFB}' => {}
            // Tag characters are invisible and can carry a hidden message; the one
            // legitimate use, a subdivision flag (🏴 + tags + cancel tag), is kept.
            '\u{E0000}'..='\u{E007F}' => {}
            '\u{1F3F4}' => {
                out.push(c);
                let tags = subdivision_flag_tags(rest);
                out.push_str(&rest[..tags]);
                rest = &rest[tags..];
            }
            // One variation selector picks a glyph; a run of them is a hidden payload.
            _ if selector && after_selector => {}
            c => out.push(c),
        }
        after_selector = selector;
    }
    out
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Byte length of the tag sequence of a subdivision flag at the start of `rest`
/// (two to six tag letters or digits and a cancel tag), else 0.
fn subdivision_flag_tags(rest: &str) -> usize {
    let mut len = 0;
    for (n, c) in rest.chars().enumerate() {
        match c {
            '\u{E0030}'..='\u{E0039}' | '\u{E0061}'..='\u{E007A}' if n < 6 => len += c.len_utf8(),
            '\u{E007F}' if n >= 2 => return len + c.len_utf8(),
            _ => return 0,
        }
    }
    0
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

    #[test]
    fn an_unterminated_osc_ends_at_the_line_end() {
        // Issue 13: everything after a stray OSC introducer was deleted.
        let s = clean_plain("First.\n\nA stray \x1b]0 here and more.\n\nSecond paragraph.\n");
        assert_eq!(s, "First.\n\nA stray\n\nSecond paragraph.");
        let t = clean_plain("Keep \x1b]0;title\x07this and \x1b]8;;http://x.test\x1b\\link\x1b]8;;\x1b\\ text.");
        assert_eq!(t, "Keep this and link text.");
        // Other string sequences and the 8-bit forms end the same way.
        assert_eq!(clean_plain("A \x1bPq#0 junk\nB.\n\nC \u{9b}31mred."), "A B.\n\nC red.");
    }

    #[test]
    fn page_and_line_breaks_become_whitespace() {
        // Issue 13: form feed, vertical tab and NEL were deleted, gluing words.
        assert_eq!(clean_plain("page one.\x0cpage two."), "page one.\n\npage two.");
        assert_eq!(clean_plain("line one.\x0bline two.\u{85}line three."), "line one.\n\nline two.\n\nline three.");
        assert_eq!(strip_controls("a\x0cb\x0bc\u{85}d\u{2028}e"), "a b c d e");
    }

    #[test]
    fn invisible_format_characters_are_removed() {
        // Issue 13: directional marks and tag characters were kept.
        let s = clean_plain(
            "Hidden\u{200E} marks\u{200F} and\u{061C} tags\u{E0049}\u{E0047}\u{E004E}\u{E004F}\u{E0052}\u{E0045} here.",
        );
        assert_eq!(s, "Hidden marks and tags here.");
        assert_eq!(clean_plain("a\u{2060}b\u{FFF9}c\u{FFFB}"), "abc");
        // A subdivision flag keeps its tags; a tag run elsewhere does not.
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(clean_plain(&format!("Flag {england} shown.")), format!("Flag {england} shown."));
        assert_eq!(clean_plain("\u{1F3F4}\u{E0041}\u{E007F} x"), "\u{1F3F4} x");
        // One variation selector is kept, a run of them is not.
        assert_eq!(
            clean_plain("ok\u{FE0F} smuggled\u{FE0F}\u{E0100}\u{E0101}\u{FE01}."),
            "ok\u{FE0F} smuggled\u{FE0F}."
        );
        // Joiners that scripts and emoji need stay.
        assert_eq!(clean_plain("می\u{200C}خواهم 👩\u{200D}💻"), "می\u{200C}خواهم 👩\u{200D}💻");
    }
}
