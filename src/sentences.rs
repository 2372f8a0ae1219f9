//! Sentence splitting for news prose.
//!
//! `sentencex` (Wikimedia's rule-based segmenter) does the boundary detection;
//! it knows English abbreviations such as "U.S.", "Dr." and "p.m.". This module
//! keeps its byte offsets, trims whitespace and repairs the few boundaries
//! news text still gets wrong.

use std::ops::Range;

/// Sentences of one paragraph, as byte ranges into `paragraph`, trimmed, in order,
/// never overlapping and never empty.
pub fn split(paragraph: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for b in sentencex::get_sentence_boundaries("en", paragraph) {
        let Some(r) = trim(paragraph, b.start_byte..b.end_byte) else { continue };
        match out.last_mut() {
            Some(prev) if should_join(&paragraph[prev.clone()], &paragraph[r.clone()]) => prev.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

fn trim(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
}

/// A boundary is wrong when what follows cannot start a sentence: it opens
/// lower-case (an abbreviation the segmenter did not know, such as "approx."),
/// or it is only punctuation (a closing quote or bracket split off).
fn should_join(prev: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else { return false };
    if !next.chars().any(char::is_alphanumeric) {
        return true;
    }
    first.is_lowercase() && !prev.ends_with(['?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(p: &str) -> Vec<&str> {
        split(p).into_iter().map(|r| &p[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let p = "According to senior Israeli security officials, the organization is rejecting proposals made by U.S. envoy Steven Wiktkoff. Hamas condemned the U.S. veto of a June 4 UN Security Council ceasefire resolution.";
        assert_eq!(sents(p).len(), 2);
    }

    #[test]
    fn un_and_titles_and_times() {
        let p = "Dr. Ahmed met U.N. officials at 3 p.m. on Monday. They talked.";
        assert_eq!(sents(p), vec!["Dr. Ahmed met U.N. officials at 3 p.m. on Monday.", "They talked."]);
    }

    #[test]
    fn money_and_decimals() {
        let p = "Gaza faces near-total devastation, with an estimated $40 billion required for reconstruction. The plan cost $3.5 billion.";
        assert_eq!(sents(p).len(), 2);
    }

    #[test]
    fn quote_ending_in_question_mark() {
        let p = "Hamas has wanted a ceasefire for some time, and why shouldn’t it? Much of its leadership has indeed been killed.";
        assert_eq!(sents(p).len(), 2);
        let q = "He asked, \"Who decides?\" Nobody answered.";
        assert_eq!(sents(q), vec!["He asked, \"Who decides?\"", "Nobody answered."]);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let p = "Trump’s assertion that Hamas “didn’t really want to make a deal” and instead wanted “to die” is nonsense. The talks in Qatar ended.";
        assert_eq!(sents(p).len(), 2);
        assert!(sents(p)[0].ends_with("nonsense."));
    }

    #[test]
    fn initials_in_names() {
        let p = "The report was written by J. R. Smith of the agency. It was published Monday.";
        assert_eq!(sents(p).len(), 2);
    }

    #[test]
    fn seed_sentence_with_us_based() {
        let p = "Israel has begun building buffer zones, providing aid through the U.S.-based GHF, and supporting the rise of local alternative Palestinian groups. Despite Hamas publicly floating the idea of a local governing committee, Israeli officials see this as a ploy.";
        assert_eq!(sents(p).len(), 2);
    }

    #[test]
    fn ranges_are_trimmed_and_ordered() {
        let p = "  One.   Two!  Three?  ";
        let r = split(p);
        assert_eq!(sents(p), vec!["One.", "Two!", "Three?"]);
        assert!(r.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
