//! Escaping text for the formats parallax writes: HTML, Markdown and CSV cells.
//! Everything that comes from a document or a user passes through here.

/// Text for HTML element content and double-quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than whitespace are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Text for inline Markdown (CommonMark, with GitHub's tables and
/// strikethrough): characters that make inline markup are backslash-escaped
/// everywhere, those that make blocks (`#`, `-`, `1.`) at the start, and line
/// breaks become spaces, so a document's words never turn into a heading, a
/// list, a link or HTML, while "U.S." and "well-known" stay readable.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if text.starts_with(['#', '+', '-', '=']) {
        out.push('\\');
    }
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell that a spreadsheet will not run as a formula: a leading `=`,
/// `+`, `-`, `@`, tab or carriage return gets a `'` before it (OWASP's advice);
/// control characters other than line breaks and tabs (an escape sequence in a
/// hand-edited note) become U+FFFD. Quoting is the CSV writer's job.
pub fn csv_cell(text: &str) -> String {
    let clean: String =
        text.chars().map(|c| if c.is_control() && !matches!(c, '\n' | '\r' | '\t') { '\u{FFFD}' } else { c }).collect();
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{clean}") } else { clean }
}

/// Words in curly quotation marks, on one line; words that already open with
/// a quotation mark (a scare quote) keep their own.
pub fn quoted(s: &str) -> String {
    let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.starts_with(['“', '"', '‘', '\'', '«']) { words } else { format!("“{words}”") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(html("bell\u{7}"), "bell\u{FFFD}");
    }

    #[test]
    fn markdown_cannot_start_markup() {
        assert_eq!(markdown("# [link](x) *em* <b> U.S. well-known"), r"\# \[link\](x) \*em\* \<b\> U.S. well-known");
        assert_eq!(markdown("1. first"), r"1\. first");
        assert_eq!(markdown("- item"), r"\- item");
        assert_eq!(markdown("two\nlines"), "two lines");
    }

    #[test]
    fn quoting_does_not_double_quotation_marks() {
        assert_eq!(quoted("a\n  disaster"), "“a disaster”");
        assert_eq!(quoted("“strategic pause”"), "“strategic pause”");
    }

    #[test]
    fn csv_cells_are_never_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-3 dead"), "'-3 dead");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a\u{1b}]52;c;x\u{7}\nb"), "a\u{FFFD}]52;c;x\u{FFFD}\nb");
    }
}
