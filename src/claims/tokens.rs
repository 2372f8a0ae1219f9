//! Function words and embedded word lists of claim matching; the words
//! themselves come from `crate::words`, shared with framing.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::words::Word;

static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../assets/claims/stopwords.txt")).collect());

/// Non-empty, non-comment lines of an embedded data file.
pub fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

/// A function word, never evidence of a shared claim.
pub fn is_function_word(word: &Word) -> bool {
    is_stopword(&word.lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords() {
        assert!(is_stopword("the") && !is_stopword("hostage"));
    }
}
