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
//! - Technical and plain senses found by the audit of unseen news
//!   (notes/framing-audit.md): "rated critical", "malicious software",
//!   "extreme heat", "highly contagious", "a skin rash", "free radical",
//!   "offensive line", "assault rifles", "serious injuries", "a great number",
//!   "the disaster agency", "toxic side effects", "feared dead";
//!   "no one was injured" (a fact, not an absolute); an armed-group label
//!   someone is reported to designate ("groups it deems terrorist
//!   organizations"); "eliminate" or "neutralize" a capability, a tax or a
//!   need, or a team from the playoffs (no one killed); "its ability to
//!   threaten" (a capability).

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
const LEGAL_BEFORE: [&str; 29] = [
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
    "prosecutor",
    "prosecutors",
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

/// Next words that give a term another sense: technical, legal, medical or a measure.
const OTHER_SENSES: [(&str, &[&str]); 15] = [
    (
        "critical",
        &[
            "of",
            "condition",
            "care",
            "infrastructure",
            "list",
            "mass",
            "vulnerability",
            "vulnerabilities",
            "flaw",
            "flaws",
            "bug",
            "bugs",
            "patch",
            "patches",
            "update",
            "updates",
            "temperature",
        ],
    ),
    ("retreat", &["center", "centre", "house", "facility"]),
    (
        "serious",
        &[
            "injury",
            "injuries",
            "condition",
            "count",
            "counts",
            "charge",
            "charges",
            "crime",
            "crimes",
            "offence",
            "offense",
            "offences",
            "offenses",
            "illness",
            "accident",
            "accidents",
            "felony",
            "felonies",
        ],
    ),
    ("great", &["amount", "number", "extent", "detail", "distance"]),
    (
        "aggressive",
        &[
            "plan",
            "plans",
            "expansion",
            "growth",
            "pricing",
            "treatment",
            "cancer",
            "tumor",
            "tumour",
            "marketing",
            "investment",
            "investing",
        ],
    ),
    (
        "offensive",
        &[
            "effort",
            "line",
            "lineman",
            "linemen",
            "coordinator",
            "play",
            "plays",
            "rebound",
            "rebounds",
            "foul",
            "fouls",
            "tackle",
            "end",
            "output",
            "production",
            "operation",
            "operations",
            "weapons",
            "capability",
            "capabilities",
        ],
    ),
    (
        "malicious",
        &[
            "software",
            "code",
            "document",
            "documents",
            "file",
            "files",
            "link",
            "links",
            "email",
            "emails",
            "attachment",
            "attachments",
            "program",
            "programs",
            "website",
            "websites",
            "actor",
            "actors",
            "app",
            "apps",
            "traffic",
            "prosecution",
            "wounding",
            "damage",
            "mischief",
        ],
    ),
    (
        "extreme",
        &[
            "heat",
            "cold",
            "weather",
            "temperature",
            "temperatures",
            "caution",
            "poverty",
            "rainfall",
            "drought",
            "winds",
        ],
    ),
    (
        "highly",
        &[
            "contagious",
            "infectious",
            "transmissible",
            "toxic",
            "radioactive",
            "flammable",
            "explosive",
            "classified",
            "enriched",
        ],
    ),
    ("reckless", &["driving", "endangerment", "homicide", "manslaughter"]),
    (
        "failing",
        &[
            "test", "tests", "grade", "grades", "exam", "exams", "health", "kidney", "kidneys", "heart", "liver",
            "eyesight", "sobriety",
        ],
    ),
    ("assault", &["rifle", "rifles", "weapon", "weapons", "vehicle", "vehicles", "ship", "ships", "course"]),
    // Not "disaster zone" or "disaster area": often a figure of speech.
    (
        "disaster",
        &[
            "agency",
            "relief",
            "management",
            "declaration",
            "response",
            "recovery",
            "preparedness",
            "assistance",
            "fund",
            "insurance",
        ],
    ),
    ("feared", &["dead", "killed", "drowned", "missing", "lost", "trapped"]),
    (
        "toxic",
        &[
            "side",
            "effects",
            "chemical",
            "chemicals",
            "waste",
            "substance",
            "substances",
            "gas",
            "gases",
            "fumes",
            "metals",
            "spill",
            "algae",
            "dose",
            "doses",
            "levels",
            "shock",
        ],
    ),
];

/// Previous words that give a term another sense: "rated critical", "free radical", "statistically significant".
const OTHER_SENSES_BEFORE: [(&str, &[&str]); 3] =
    [("critical", &["rated"]), ("radical", &["free"]), ("significant", &["statistically"])];

/// "Rash" the noun: "a skin rash", "a rash on his arm", "a rash of thefts" (a judgement is "a rash decision").
const RASH_BEFORE: [&str; 6] = ["skin", "itchy", "red", "heat", "diaper", "nappy"];
const RASH_NOUN_NEXT: [&str; 9] = ["of", "on", "and", "or", "that", "which", "in", "from", "spread"];

/// Words before an armed-group label that make it someone's designation, reported: "groups it deems to be
/// terrorist organizations", "designated a terrorist group by".
const DESIGNATION: [&str; 19] = [
    "designate",
    "designates",
    "designated",
    "designating",
    "designation",
    "deem",
    "deems",
    "deemed",
    "list",
    "lists",
    "listed",
    "classify",
    "classifies",
    "classified",
    "brand",
    "brands",
    "branded",
    "labeled",
    "labelled",
];
/// How far back a designating word is looked for.
const DESIGNATION_REACH: usize = 4;

/// Objects that make "eliminate", "neutralize", "take out" plain words rather than a killing: a capability, a tax, a
/// need, a risk. "eliminate the group" or "neutralized the gunman" stay.
const NOT_KILLED: &[&str] = &[
    "ability",
    "abilities",
    "capability",
    "capabilities",
    "capacity",
    "threat",
    "threats",
    "need",
    "needs",
    "risk",
    "risks",
    "tax",
    "taxes",
    "tariff",
    "tariffs",
    "debt",
    "debts",
    "fee",
    "fees",
    "mandate",
    "requirement",
    "requirements",
    "program",
    "programs",
    "programme",
    "jobs",
    "funding",
    "subsidies",
    "loophole",
    "loopholes",
    "barriers",
    "waste",
    "costs",
    "emissions",
    "penalty",
    "penalties",
    "tuition",
    "insurance",
    "coverage",
    "layers",
    "loan",
    "loans",
    "mortgage",
    "playoffs",
    "playoff",
    "tournament",
    "round",
    "competition",
    "race",
    "cup",
    "contention",
];
/// How far after the verb its object is looked for ("neutralize Hamas' remaining capabilities").
const OBJECT_REACH: usize = 4;

/// Words before "to threaten" that make it a capability, not a threat made: "its ability to threaten Israel".
const CAPABILITY: [&str; 5] = ["ability", "capacity", "capability", "power", "means"];

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
    let prev_adjacent = if at > 0 && adjacent(text, &words[at - 1], &words[at]) { prev(1) } else { None };
    if let Some((_, senses)) = OTHER_SENSES_BEFORE.iter().find(|(w, _)| *w == first)
        && prev_adjacent.is_some_and(|p| senses.contains(&p))
    {
        return true;
    }
    if first == "rash"
        && end - at == 1
        && prev_adjacent.is_some_and(|p| {
            RASH_BEFORE.contains(&p) || (["a", "the"].contains(&p) && next.is_none_or(|n| RASH_NOUN_NEXT.contains(&n)))
        })
    {
        return true;
    }
    // "No one was injured", "nobody was arrested": a fact about an event, not an absolute.
    let term: Vec<&str> = words[at..end].iter().map(|w| &*w.lower).collect();
    if matches!(term[..], ["no", "one"] | ["nobody"]) {
        let after = words[end..].iter().map(|w| &*w.lower).find(|w| *w != "else");
        if matches!(after, Some("was" | "were")) {
            return true;
        }
    }
    if e.category == Category::Label
        && e.contrast.as_deref() == Some("armed-group")
        && (1..=DESIGNATION_REACH).filter_map(prev).any(|w| DESIGNATION.contains(&w))
    {
        return true;
    }
    if e.category == Category::Label && e.contrast.as_deref() == Some("killing") {
        // The verb's object, within its clause: "eliminate its ability", "neutralize Hamas' remaining capabilities".
        let object = (end..(end + OBJECT_REACH).min(words.len()))
            .take_while(|&k| {
                text[words[k - 1].range.end..words[k].range.start]
                    .chars()
                    .all(|c| c.is_whitespace() || "'’".contains(c))
            })
            .any(|k| NOT_KILLED.contains(&&*words[k].lower));
        if object {
            return true;
        }
    }
    // "Its ability to threaten Israel": a capability, not a threat made.
    if first.starts_with("threaten") && prev(1) == Some("to") && prev(2).is_some_and(|p| CAPABILITY.contains(&p)) {
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
