//! Word lists the rule detectors share: verbs that report speech and the
//! unnamed sources reporting leans on. Held as matching keys.

use std::sync::LazyLock;

use crate::words::{Word, WordSet, key};

/// Matching keys of space-separated words.
fn keys(words: &str) -> WordSet {
    words.split_whitespace().map(key).collect()
}

/// Verbs (and nouns) that hand a quotation to a speaker when they come just
/// before it: "called it a “witch hunt”", "vowed that … “a reward”".
pub static INTRODUCES_QUOTE: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "say said tell told call describe dub term label brand pledge vow warn assert insist claim write \
         wrote tweet post declare announce state add added ask reply note argue explain according words quote \
         dismiss talk mention urge promise threaten accuse deride characterize characterise praise slam \
         condemn assertion statement remark phrase vaunt oft-vaunted speak spoke reiterate repeat",
    )
});

/// Speech tags that follow a quotation: "“…,” he said".
pub static TAGS_QUOTE: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "say said tell told add added write wrote ask explain state note declare reply continue tweet post \
         according words insist argue warn recall",
    )
});

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
