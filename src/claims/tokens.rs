//! Words of a sentence as byte ranges, with the lower-case form, the stem and
//! whether the word is a function word.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../assets/claims/stopwords.txt")).collect());

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Non-empty, non-comment lines of an embedded data file.
pub fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub lower: String,
}

impl Word {
    pub fn is_stopword(&self) -> bool {
        is_stopword(&self.lower)
    }

    pub fn is_number(&self) -> bool {
        self.lower.starts_with(|c: char| c.is_ascii_digit())
    }

    pub fn stem(&self) -> String {
        stem(&self.lower)
    }

    /// Starts with an upper-case letter in `text`.
    pub fn is_capitalised(&self, text: &str) -> bool {
        text[self.range.clone()].starts_with(char::is_uppercase)
    }
}

pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

pub fn stem(lower: &str) -> String {
    STEMMER.stem(lower).into_owned()
}

/// Words are runs of letters and digits, with inner apostrophes, hyphens,
/// periods and commas kept when a letter or digit follows ("Abu-Zuhri",
/// "1,200", "3.5", "U.S"). A possessive "'s" is dropped from the word.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
                continue;
            }
            let joiner = matches!(c, '\'' | '’' | '-' | '‐' | '.' | ',');
            let next_is_word = text[i + c.len_utf8()..].starts_with(char::is_alphanumeric);
            let digits_only = matches!(c, '.' | ',');
            let prev_digit = text[..i].ends_with(|p: char| p.is_ascii_digit());
            let next_digit = text[i + c.len_utf8()..].starts_with(|p: char| p.is_ascii_digit());
            if joiner
                && next_is_word
                && (!digits_only || (prev_digit && next_digit) || c == '.' && is_initialism(&text[start..i]))
            {
                chars.next();
                continue;
            }
            break;
        }
        let mut range = start..end;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if text[range.clone()].ends_with(suffix) && range.len() > suffix.len() {
                range.end -= suffix.len();
            }
        }
        let mut lower = text[range.clone()].to_lowercase();
        if lower.contains(['’', '‐', ',']) {
            lower = lower.replace('’', "'").replace('‐', "-").replace(',', "");
        }
        out.push(Word { range, lower });
    }
    out
}

/// "U" or "U.S": single letters separated by periods.
fn is_initialism(s: &str) -> bool {
    s.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(t: &str) -> Vec<String> {
        words(t).into_iter().map(|w| w.lower).collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_inner_joiners() {
        assert_eq!(lowers("Abu-Zuhri's “red line,” 1,200 people."), ["abu-zuhri", "red", "line", "1200", "people"]);
        assert_eq!(lowers("a 60-day truce; 3.5 percent"), ["a", "60-day", "truce", "3.5", "percent"]);
        assert_eq!(lowers("the U.S. envoy"), ["the", "u.s", "envoy"]);
    }

    #[test]
    fn ranges_point_into_the_text() {
        let t = "Witkoff’s plan";
        let ws = words(t);
        assert_eq!(&t[ws[0].range.clone()], "Witkoff");
        assert_eq!(&t[ws[1].range.clone()], "plan");
    }

    #[test]
    fn stopwords_and_stems() {
        assert!(is_stopword("the") && !is_stopword("hostage"));
        assert_eq!(stem("hostages"), stem("hostage"));
        assert_eq!(stem("negotiations"), stem("negotiating"));
    }
}
