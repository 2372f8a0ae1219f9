//! Sense and context guards: uses of a lexicon term that are not framing.
//!
//! - Legal facts: an offence named in a legal context ("pleaded guilty to
//!   lying", "fraud charges", "arrests for terroristic threats") reports a
//!   charge, not the outlet's judgement.
//! - Adjectival uses of an armed-group label: "terrorist attacks" reports an
//!   act as such; it does not name a group.
//! - Other senses: "his occupation" (a job), "critical of" (criticising),
//!   "critical condition".
//! - Modals of plain prediction: "could reach the coast", "may rise" say
//!   what can happen; "could be hiding", "may have known" hedge a claim.

use std::ops::Range;

use super::Category;
use super::lexicon::Entry;
use crate::words::Word;

/// Beginnings of words that name an offence.
const OFFENCES: [&str; 26] = [
    "lie",
    "lied",
    "lying",
    "fraud",
    "murder",
    "terror",
    "threat",
    "assault",
    "kidnap",
    "abduct",
    "obstruct",
    "brib",
    "treason",
    "corrupt",
    "theft",
    "steal",
    "stole",
    "rape",
    "abus",
    "crim",
    "perjur",
    "extort",
    "harass",
    "manslaughter",
    "conspir",
    "illegal",
];

/// Words before an offence that make it a charge: "pleaded guilty to", "convicted of", "arrests for".
const LEGAL_BEFORE: [&str; 27] = [
    "plead",
    "pleaded",
    "pleads",
    "pleading",
    "guilty",
    "convicted",
    "conviction",
    "convictions",
    "charged",
    "charges",
    "charge",
    "indicted",
    "indictment",
    "sentenced",
    "acquitted",
    "counts",
    "count",
    "arrested",
    "arrests",
    "arrest",
    "prosecuted",
    "prosecution",
    "trial",
    "jury",
    "court",
    "sued",
    "lawsuit",
];
/// How far back a legal word is looked for, within the sentence.
const LEGAL_REACH: usize = 6;

/// Nouns after an offence that make it a legal matter: "fraud charges", "murder trial".
const LEGAL_AFTER: [&str; 16] = [
    "charge",
    "charges",
    "case",
    "cases",
    "conviction",
    "convictions",
    "trial",
    "count",
    "counts",
    "statute",
    "statutes",
    "indictment",
    "suspect",
    "suspects",
    "investigation",
    "probe",
];

/// Kinds of offence the law names: "wire fraud", "securities fraud".
const LEGAL_KINDS: [&str; 8] = ["wire", "bank", "mail", "securities", "tax", "insurance", "healthcare", "bankruptcy"];

/// Acts an armed-group adjective describes rather than names a group: "terrorist attacks".
const ACTS: [&str; 24] = [
    "attack",
    "attacks",
    "threat",
    "threats",
    "act",
    "acts",
    "plot",
    "plots",
    "bombing",
    "bombings",
    "incident",
    "incidents",
    "activity",
    "activities",
    "financing",
    "offence",
    "offense",
    "offenses",
    "offences",
    "violence",
    "tactics",
    "designation",
    "ideology",
    "propaganda",
];

/// Words that make "occupation" a job: "his occupation", "Mr. Sayoc's occupation".
const POSSESSIVE_PRONOUNS: [&str; 6] = ["his", "her", "their", "my", "your", "whose"];

/// Next words that give a term another sense.
const OTHER_SENSES: [(&str, &[&str]); 2] = [
    ("critical", &["of", "condition", "care", "infrastructure", "list", "mass"]),
    ("retreat", &["center", "centre", "house", "facility"]),
];

/// Between a modal and the verb it governs.
const MODAL_SKIP: [&str; 8] = ["not", "also", "well", "still", "even", "already", "never", "easily"];

/// Whether the lexicon term found at words `at..end` of `text` is used in a sense that is not framing.
pub(super) fn excluded(
    text: &str,
    words: &[Word],
    sentences: &[Range<usize>],
    at: usize,
    end: usize,
    e: &Entry,
) -> bool {
    let sentence_start = {
        let s = sentences.partition_point(|s| s.start <= words[at].range.start);
        s.checked_sub(1).map_or(0, |s| sentences[s].start)
    };
    let prev = |k: usize| (at >= k && words[at - k].range.start >= sentence_start).then(|| &*words[at - k].lower);
    let next = words.get(end).filter(|n| adjacent(text, &words[end - 1], n)).map(|n| &*n.lower);
    let first = &*words[at].lower;
    let last = &*words[end - 1].lower;

    if words[at..end].iter().any(|w| OFFENCES.iter().any(|o| w.lower.starts_with(o))) {
        let legal_before = (1..=LEGAL_REACH).filter_map(prev).any(|w| LEGAL_BEFORE.contains(&w));
        let legal_after = next.is_some_and(|n| LEGAL_AFTER.contains(&n));
        let legal_kind = prev(1).is_some_and(|p| LEGAL_KINDS.contains(&p));
        if legal_before || legal_after || legal_kind {
            return true;
        }
    }
    if e.category == Category::Label
        && e.contrast.as_deref() == Some("armed-group")
        && end - at == 1
        && !last.ends_with('s')
        && next.is_some_and(|n| ACTS.contains(&n))
    {
        return true;
    }
    if first == "occupation" && next != Some("of") {
        let possessed = prev(1).is_some_and(|p| POSSESSIVE_PRONOUNS.contains(&p))
            || (at > 0
                && matches!(text[words[at - 1].range.end..words[at].range.start].trim(), "'s" | "’s" | "'" | "’"));
        if possessed || prev(1) == Some("by") || text[words[at].range.end..].starts_with(':') {
            return true;
        }
    }
    if let Some((_, senses)) = OTHER_SENSES.iter().find(|(w, _)| *w == last)
        && next.is_some_and(|n| senses.contains(&n))
    {
        return true;
    }
    if e.category == Category::Hedge && end - at == 1 {
        match first {
            // Epistemic only before "be" or "have": "could be hiding", "may have known".
            "could" | "may" | "might" => {
                let governed = words[end..].iter().map(|w| &*w.lower).find(|w| !MODAL_SKIP.contains(w));
                return !matches!(governed, Some("be" | "have" | "been" | "had"));
            }
            // "likely to win", "will likely rise": a forecast.
            "likely" | "unlikely" => {
                return next == Some("to") || prev(1).is_some_and(|p| ["will", "would", "most", "more"].contains(&p));
            }
            _ => {}
        }
    }
    false
}

fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start].chars().all(char::is_whitespace)
}
