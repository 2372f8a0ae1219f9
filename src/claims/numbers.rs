//! Numbers with their units: "60-day" → (60, day), "10 Israeli captives" →
//! (10, captive), "59 hostages" → (59, hostage), "three weeks" → (3, week).

use super::tokens::is_stopword;
use crate::words::{Word, key};

/// A figure as written in a sentence: its value in canonical form, and the
/// stems of the words that may name what it counts ("10 Israeli captives":
/// israel, captiv), none when a function word follows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quantity {
    pub value: String,
    pub units: Vec<String>,
}

const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [(&str, u32); 8] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const SCALES: [(&str, f64); 4] = [("hundred", 1e2), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9)];

/// How many words after a figure may still name what it counts ("10 Israeli captives").
const UNIT_REACH: usize = 2;

fn word_value(w: &str) -> Option<String> {
    if let Some(i) = NUMBER_WORDS.iter().position(|n| *n == w) {
        // "one" is mostly a pronoun ("the one who…"); it only counts with a unit, see `quantities`.
        return Some(i.to_string());
    }
    TENS.iter().find(|(n, _)| *n == w).map(|(_, v)| v.to_string())
}

/// Splits "60-day" into ("60", Some("day")); "1200" into ("1200", None).
fn split_digits(lower: &str) -> Option<(String, Option<&str>)> {
    let digits_end = lower.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(lower.len());
    if digits_end == 0 {
        return None;
    }
    let value = lower[..digits_end].trim_end_matches('.').to_string();
    let rest = lower[digits_end..].trim_start_matches('-');
    // Ordinal and plural suffixes ("3rd", "1990s") are part of the figure, not a unit.
    let unit = match rest {
        "" | "st" | "nd" | "rd" | "th" | "s" => None,
        u => Some(u),
    };
    Some((value, unit))
}

/// The quantities of a sentence's words.
pub fn quantities(words: &[Word]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let lower = &*words[i].lower;
        let (mut value, unit) = if let Some((v, u)) = split_digits(lower) {
            (v, u.map(key))
        } else if let Some((head, tail)) = lower.split_once('-').filter(|(h, _)| word_value(h).is_some()) {
            (word_value(head).unwrap_or_default(), Some(key(tail)))
        } else if let Some(v) = word_value(lower) {
            (v, None)
        } else {
            i += 1;
            continue;
        };
        let mut next = i + 1;
        while let Some((_, scale)) = words.get(next).and_then(|w| SCALES.iter().find(|(s, _)| *s == &*w.lower)) {
            if let Ok(v) = value.parse::<f64>() {
                value = format!("{}", v * scale);
            }
            next += 1;
        }
        let mut units: Vec<String> = unit.into_iter().collect();
        if units.is_empty() && words.get(next).is_some_and(|w| !is_stopword(&w.lower)) {
            units = words[next..]
                .iter()
                .take(UNIT_REACH)
                .take_while(|w| !is_stopword(&w.lower) && split_digits(&w.lower).is_none())
                .map(|w| key(&w.lower))
                .collect();
        }
        if lower != "one" || !units.is_empty() {
            out.push(Quantity { value, units });
        }
        i = next;
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn q(t: &str) -> Vec<(String, Vec<String>)> {
        quantities(&words(t)).into_iter().map(|q| (q.value, q.units)).collect()
    }

    fn qty(v: &str, units: &[&str]) -> (String, Vec<String>) {
        (v.to_string(), units.iter().map(|u| key(u)).collect())
    }

    #[test]
    fn hyphenated_units() {
        assert_eq!(q("a 60-day truce"), [qty("60", &["day"])]);
        assert_eq!(q("a sixty-day truce"), [qty("60", &["day"])]);
    }

    #[test]
    fn unit_may_follow_an_adjective() {
        assert_eq!(q("the release of 10 Israeli captives"), [qty("10", &["israeli", "captives"])]);
        assert_eq!(q("59 hostages it still holds"), [qty("59", &["hostages"])]);
        assert_eq!(q("59 hostages remain"), [qty("59", &["hostages", "remain"])]);
    }

    #[test]
    fn words_and_scales() {
        assert_eq!(q("three weeks of talks"), [qty("3", &["weeks"])]);
        assert_eq!(q("1.2 million people"), [qty("1200000", &["people"])]);
        assert_eq!(q("40 thousand troops"), [qty("40000", &["troops"])]);
    }

    #[test]
    fn pronoun_one_is_not_a_figure() {
        assert!(q("the one who spoke").is_empty());
        assert_eq!(q("in 2025 the talks"), [qty("2025", &[])]);
    }
}
