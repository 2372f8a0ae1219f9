//! Framing language: where and how a source's wording frames the story.
//!
//! Lexicon terms (data in `assets/lexicons/`) are found by [`matcher`]; what a
//! word list cannot catch is found by rules: [`passive`] (agentless passives),
//! [`scare_quote`] and [`sourcing`] (anonymous sources). Spans never overlap:
//! where two findings overlap, the more specific one is kept.

mod cues;
pub mod lexicon;
mod matcher;
mod passive;
mod scare_quote;
mod sourcing;
pub mod tokens;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::document::Document;
pub use lexicon::Lexicon;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Loaded,
    Label,
    Hedge,
    Booster,
    Attribution,
    Passive,
    ScareQuote,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Loaded,
        Category::Label,
        Category::Hedge,
        Category::Booster,
        Category::Attribution,
        Category::Passive,
        Category::ScareQuote,
    ];
}

/// One highlighted span of framing language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FramingSpan {
    pub range: Range<usize>,
    pub category: Category,
    /// The lexicon entry (as written in the lexicon) or rule id that matched.
    pub rule: String,
}

/// Rule ids with their category and what the reader is told about them.
pub const RULES: [(&str, Category, &str); 3] = [
    (passive::RULE, Category::Passive, passive::NOTE),
    (scare_quote::RULE, Category::ScareQuote, scare_quote::NOTE),
    (sourcing::RULE, Category::Attribution, sourcing::NOTE),
];

/// What the reader calls a rule (`None` for a lexicon entry, which is named by its term).
pub fn rule_name(rule: &str) -> Option<&'static str> {
    match rule {
        passive::RULE => Some("an agentless passive: a passive verb with no \"by …\""),
        scare_quote::RULE => Some("a short quotation with no speaker"),
        sourcing::RULE => Some("a claim handed to unnamed or vague sources"),
        _ => None,
    }
}

/// For each label contrast set a document names, the lexicon terms it uses, in order of first use.
pub type Contrasts = HashMap<Arc<str>, Vec<String>>;

/// Framing spans of `doc`, sorted by start and never overlapping.
pub fn detect(doc: &Document, lexicon: &Lexicon) -> Vec<FramingSpan> {
    detect_with_contrasts(doc, lexicon).0
}

/// [`detect`], and for each label contrast set the document names, the terms it uses.
pub fn detect_with_contrasts(doc: &Document, lexicon: &Lexicon) -> (Vec<FramingSpan>, Contrasts) {
    let text = &doc.text;
    let tokens = crate::words::words(text);
    let matches = matcher::find(text, &tokens, lexicon);
    let contrasts = contrasts(&matches, lexicon);
    let rule_span = |range: Range<usize>, (rule, category, _): (&str, Category, &str)| FramingSpan {
        range,
        category,
        rule: rule.to_string(),
    };
    // Passive verbs only count inside an agentless passive, found by the rule.
    let found: Vec<FramingSpan> = matches
        .into_iter()
        .filter_map(|f| {
            let e = &lexicon.entries()[f.entry];
            if e.neutral || e.category == Category::Passive {
                return None;
            }
            let range = if e.extend { extend_to_next_word(text, &tokens, f.range) } else { f.range };
            Some(FramingSpan { range, category: e.category, rule: e.term.clone() })
        })
        .collect();
    let (attribution, others): (Vec<_>, Vec<_>) = found.into_iter().partition(|s| s.category == Category::Attribution);

    // Candidates in order of precedence: the first of two overlapping ones is kept.
    let mut candidates: Vec<FramingSpan> = Vec::new();
    candidates.extend(sourcing::find(text, &tokens).into_iter().map(|r| rule_span(r, RULES[2])));
    candidates.extend(
        scare_quote::find(text, &doc.paragraphs, &doc.sentences, &tokens).into_iter().map(|r| rule_span(r, RULES[1])),
    );
    candidates.extend(attribution);
    candidates.extend(passive::find(text, &tokens, lexicon).into_iter().map(|(r, _)| rule_span(r, RULES[0])));
    candidates.extend(others);

    let mut kept: BTreeMap<usize, FramingSpan> = BTreeMap::new();
    for span in candidates {
        let overlaps = kept.range(..span.range.end).next_back().is_some_and(|(_, k)| k.range.end > span.range.start);
        if !overlaps {
            kept.insert(span.range.start, span);
        }
    }
    (kept.into_values().collect(), contrasts)
}

/// Why `span` of `text` is marked: the lexicon entry's note and contrast set,
/// or the rule's explanation (for a passive, the note of its verb's group).
pub fn note_and_contrast(lexicon: &Lexicon, text: &str, span: &FramingSpan) -> (Option<String>, Option<Arc<str>>) {
    if let Some((rule, _, note)) = RULES.iter().find(|(id, category, _)| *id == span.rule && *category == span.category)
    {
        let verb_note = (*rule == passive::RULE)
            .then(|| crate::words::words(&text[span.range.clone()]).pop())
            .flatten()
            .and_then(|last| lexicon.passive_verb(&last))
            .and_then(|i| lexicon.entries()[i].note.as_deref().map(str::to_string));
        return (verb_note.or_else(|| Some(note.to_string())), None);
    }
    match lexicon.entry(span.category, &span.rule) {
        Some(e) => (e.note.as_deref().map(str::to_string), e.contrast.clone()),
        None => (None, None),
    }
}

/// Words an intensifier or a judging adjective is not extended over: it modifies what comes after them
/// ("great for him", "important that").
const FUNCTION_WORDS: [&str; 87] = [
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "by", "for", "with", "from", "that", "this", "it",
    "as", "be", "is", "was", "are", "were", "than", "about", "against", "into", "over", "under", "after", "before",
    "but", "if", "when", "while", "so", "not", "because", "he", "she", "they", "we", "you", "i", "his", "her", "their",
    "its", "our", "my", "your", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might",
    "must", "do", "does", "did", "been", "being", "who", "which", "what", "there", "then", "also", "these", "those",
    "all", "any", "some", "no", "up", "out", "off", "enough", "too", "yet", "now", "here",
];

/// `range` plus the word right after it, when that word is what an intensifier or an adjective modifies.
fn extend_to_next_word(text: &str, tokens: &[crate::words::Word], range: Range<usize>) -> Range<usize> {
    let next = tokens.partition_point(|t| t.range.start < range.end);
    match tokens.get(next) {
        Some(t)
            if text[range.end..t.range.start].chars().all(char::is_whitespace)
                && !FUNCTION_WORDS.contains(&&*t.lower) =>
        {
            range.start..t.range.end
        }
        _ => range,
    }
}

fn contrasts(matches: &[matcher::Found], lexicon: &Lexicon) -> Contrasts {
    let mut out = Contrasts::new();
    for f in matches {
        let e = &lexicon.entries()[f.entry];
        if let Some(id) = &e.contrast {
            let terms = out.entry(Arc::clone(id)).or_default();
            if !terms.contains(&e.term) {
                terms.push(e.term.clone());
            }
        }
    }
    out
}

/// Spans per category per 1,000 words of a document of `words` words, in [`Category::ALL`] order.
pub fn density(spans: &[FramingSpan], words: usize) -> Vec<(Category, f64)> {
    Category::ALL
        .iter()
        .map(|&c| {
            let n = spans.iter().filter(|s| s.category == c).count();
            (c, if words == 0 { 0.0 } else { n as f64 * 1000.0 / words as f64 })
        })
        .collect()
}

impl Category {
    /// Stable id used in JSON, lexicon files and the keymap.
    pub fn id(self) -> &'static str {
        match self {
            Category::Loaded => "loaded",
            Category::Label => "label",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Attribution => "attribution",
            Category::Passive => "passive",
            Category::ScareQuote => "scare_quote",
        }
    }

    /// Name shown to the reader.
    pub fn name(self) -> &'static str {
        match self {
            Category::Loaded => "loaded language",
            Category::Label => "label",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Attribution => "attribution",
            Category::Passive => "agentless passive",
            Category::ScareQuote => "scare quotes",
        }
    }
}

/// Why a span is marked: what the reader sees after pressing Enter on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub category: Category,
    pub category_description: String,
    /// The lexicon entry or rule that matched.
    pub rule: String,
    /// The text that matched.
    pub matched: String,
    pub note: Option<String>,
    /// For labels: how each other source names the same thing.
    pub contrast: Vec<ContrastUse>,
}

/// The terms of a label contrast set that one document uses (empty: it names the thing none of these ways).
#[derive(Clone, Debug, PartialEq)]
pub struct ContrastUse {
    pub doc: usize,
    pub terms: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(String, Category)> {
        let doc = Document::from_plain("t.txt", text);
        detect(&doc, &Lexicon::embedded()).into_iter().map(|s| (doc.text[s.range].to_string(), s.category)).collect()
    }

    #[test]
    fn the_adjective_illegal_is_not_the_label_illegals() {
        assert_eq!(marked("The port authority had called the strike illegal on Monday."), []);
        let found = marked("Police detained three illegals near the border.");
        assert_eq!(found, [("illegals".to_string(), Category::Label)]);
    }

    #[test]
    fn plain_words_sharing_a_stem_with_an_entry_are_not_marked() {
        let text = "At this moment the group is dictating a political settlement. His remarks were unrelated \
                    to the prisons; he stayed neutral and kept his posture.";
        assert_eq!(marked(text), []);
    }

    #[test]
    fn overlapping_findings_keep_the_more_specific_one() {
        let m = marked("Officials said it was a massacre. It is believed that civilians were killed.");
        assert_eq!(
            m,
            [
                ("Officials said".to_string(), Category::Attribution),
                ("massacre".to_string(), Category::Loaded),
                ("It is believed".to_string(), Category::Attribution),
                ("were killed".to_string(), Category::Passive),
            ]
        );
    }

    #[test]
    fn intensifiers_take_in_the_word_they_modify() {
        assert_eq!(
            marked("It was a very good meeting, very much so."),
            [("very good".to_string(), Category::Booster), ("very much".to_string(), Category::Booster)]
        );
    }

    #[test]
    fn hosting_pleas_in_court_and_legal_nouns_are_not_attribution() {
        let text = "He welcomed the prime minister to his estate. The aide pleaded guilty. The bribery case was heard \
                    on a motion to dismiss, and the president would not disclose the sites.";
        assert_eq!(marked(text), []);
    }

    #[test]
    fn stance_verbs_and_loaded_nouns_of_accusation_are_attribution() {
        let m = marked("She claimed the vote was stolen and warned of unrest; he dismissed the accusations.");
        let terms: Vec<&str> = m.iter().filter(|(_, c)| *c == Category::Attribution).map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["claimed", "warned", "dismissed", "accusations"]);
    }

    #[test]
    fn judging_words_are_loaded_but_their_plain_neighbours_are_not() {
        let m = marked("The scheming envoy gave a scathing, hysterical speech; critics called the plan a quagmire.");
        let terms: Vec<&str> = m.iter().filter(|(_, c)| *c == Category::Loaded).map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["scheming", "scathing", "hysterical", "quagmire"]);
        assert_eq!(marked("The decision was printed in boldface; the rashes faded and the plan was approved."), []);
    }

    #[test]
    fn great_in_idioms_is_not_praise() {
        assert_eq!(marked("She went to great lengths during the Great Depression."), []);
        assert_eq!(marked("It will be a great day."), [("great day".to_string(), Category::Loaded)]);
    }

    #[test]
    fn editorializing_and_euphemism_are_loaded() {
        let m = marked("Notably, the mere presence of troops was called friendly fire.");
        let terms: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["Notably", "mere", "friendly fire"]);
    }

    #[test]
    fn a_verdict_adjective_takes_in_the_word_it_judges_but_not_a_preposition() {
        let m = marked("He is a great ally. The deal was terrible for them, and it is important that we talk.");
        let terms: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["great ally", "terrible", "important"]);
    }

    #[test]
    fn proportions_are_not_hedges() {
        assert_eq!(marked("The dead were mostly civilians, largely women, roughly 150 a day, partly children."), []);
        assert_eq!(marked("The plan is somewhat vague."), [("somewhat".to_string(), Category::Hedge)]);
    }

    #[test]
    fn density_is_per_thousand_words() {
        let spans = vec![FramingSpan { range: 0..1, category: Category::Hedge, rule: "may".into() }];
        let d = density(&spans, 500);
        assert_eq!(d[Category::ALL.iter().position(|&c| c == Category::Hedge).unwrap()], (Category::Hedge, 2.0));
        assert!(density(&spans, 0).iter().all(|(_, v)| *v == 0.0));
    }
}
