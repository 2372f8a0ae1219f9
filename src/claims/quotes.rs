//! Quotations: the spans of a sentence between quotation marks, in any of the
//! styles news text uses (“…”, "…", ``…'', ‘…’).

use std::ops::Range;

const PAIRS: [(&str, &str); 4] = [("“", "”"), ("``", "''"), ("\"", "\""), ("‘", "’")];

/// Byte ranges of the quoted text (without the marks). A quotation left open
/// at the end of the sentence runs to its end, as when a quote spans sentences.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some((open, close)) = PAIRS.iter().find(|(o, _)| rest.starts_with(o)) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let start = i + open.len();
        let end = find_close(text, start, close).unwrap_or(text.len());
        if text[start..end].chars().any(char::is_alphanumeric) {
            out.push(start..end);
        }
        i = (end + close.len()).min(text.len()).max(start);
    }
    out
}

fn find_close(text: &str, from: usize, close: &str) -> Option<usize> {
    let mut at = from;
    while let Some(pos) = text[at..].find(close) {
        let end = at + pos;
        // ’ is also the apostrophe: it closes a quotation only when no letter follows.
        let after = &text[end + close.len()..];
        if close == "’" && after.starts_with(char::is_alphabetic) {
            at = end + close.len();
            continue;
        }
        return Some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(t: &str) -> Vec<&str> {
        quotations(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn curly_straight_and_latex_styles() {
        assert_eq!(quoted("his oft-vaunted “total victory.”"), ["total victory."]);
        assert_eq!(quoted(r#"a "red line" and "no deal""#), ["red line", "no deal"]);
        assert_eq!(quoted("starred in ``American Pie'' and more"), ["American Pie"]);
    }

    #[test]
    fn apostrophes_do_not_close_single_quotes() {
        assert_eq!(quoted("he called it ‘Hamas’s last card’ today"), ["Hamas’s last card"]);
    }

    #[test]
    fn open_quote_runs_to_the_end() {
        assert_eq!(quoted("“We will not disarm, he said"), ["We will not disarm, he said"]);
        assert!(quoted("no quotes here").is_empty());
    }
}
