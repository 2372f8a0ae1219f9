//! What differs between two tellings of one claim, word by word.

use std::collections::HashSet;
use std::ops::Range;

use super::tokens::is_function_word;
use crate::words::{Word, words};

/// The words of `a` absent from `b` and of `b` absent from `a`, as byte ranges
/// into each. Words count as present when their stems match ("hostage" /
/// "hostages"); function words are never reported, so what stands out is
/// "withdrawal" against "redeployment", not "the" against "a".
pub fn word_diff(a: &str, b: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (wa, wb) = (words(a), words(b));
    let stems = |ws: &[Word]| ws.iter().map(|w: &Word| w.key.to_string()).collect::<HashSet<String>>();
    let (sa, sb) = (stems(&wa), stems(&wb));
    let only = |ws: &[Word], other: &HashSet<String>| {
        ws.iter().filter(|w| !is_function_word(w) && !other.contains(&*w.key)).map(|w| w.range.clone()).collect()
    };
    (only(&wa, &sb), only(&wb, &sa))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'a>(t: &'a str, rs: &[Range<usize>]) -> Vec<&'a str> {
        rs.iter().map(|r| &t[r.clone()]).collect()
    }

    #[test]
    fn reports_the_differing_content_words() {
        let a = "Israel announced the withdrawal of its troops.";
        let b = "Israel confirmed a redeployment of troops.";
        let (da, db) = word_diff(a, b);
        assert_eq!(shown(a, &da), ["announced", "withdrawal"]);
        assert_eq!(shown(b, &db), ["confirmed", "redeployment"]);
    }

    #[test]
    fn inflections_are_not_differences() {
        let (a, b) = ("Hamas freed 10 hostages.", "Hamas released 10 hostage");
        let (da, db) = word_diff(a, b);
        assert_eq!(shown(a, &da), ["freed"]);
        assert_eq!(shown(b, &db), ["released"]);
    }

    #[test]
    fn identical_tellings_have_no_differences() {
        assert_eq!(word_diff("Same words here.", "same words, here"), (vec![], vec![]));
    }
}
