//! Word lists the sourcing rule uses: the unnamed sources reporting leans on
//! and the verbs they speak through. Held as matching keys.

use std::sync::LazyLock;

use crate::words::{Word, WordSet, key};

/// Matching keys of space-separated words.
fn keys(words: &str) -> WordSet {
    words.split_whitespace().map(key).collect()
}

/// Who unnamed-source reporting cites.
pub static VAGUE_SOURCES: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "source official diplomat analyst expert observer insider aide person people report critic \
         intelligence assessment",
    )
});

/// Verbs through which an unnamed source is made to speak or know.
pub static SOURCE_VERBS: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "say said tell told indicate claim believe suggest confirm warn acknowledge insist argue contend note \
         fear estimate characterize characterise describe expect think assert maintain allege",
    )
});

pub fn is_in(set: &WordSet, token: &Word) -> bool {
    set.contains(&*token.key)
}

/// Only spaces (no punctuation) between two tokens.
pub fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start].chars().all(char::is_whitespace)
}
