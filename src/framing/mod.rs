//! Framing language: where and how a source's wording frames the story.
//!
//! Lexicon terms (data in `assets/lexicons/`) are found by [`matcher`]; what a
//! word list cannot catch is found by rules: [`passive`] (agentless passives),
//! [`scare_quote`] and [`sourcing`] (anonymous sources). [`guards`] drop uses
//! in another sense (legal charges, jobs, plain predictions), [`labels`]
//! decides which names are framing by comparing the sources. Spans never
//! overlap: where two findings overlap, the more specific one is kept.
//!
//! Every span has a layer (wording: how the outlet chooses its words;
//! sourcing: how it backs its claims), a confidence ([`confidence`]), and, when
//! it lies inside a quotation, the quotation it belongs to: those words are
//! the quoted speaker's, not the outlet's ([`crate::quotes`]).

pub mod confidence;
mod cues;
mod guards;
pub mod labels;
pub mod lexicon;
mod matcher;
mod passive;
mod phrase;
mod scare_quote;
mod sourcing;
pub mod tokens;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::quotes::{self, Quotation};
use crate::words::Word;
pub use confidence::{Model, View};
pub use labels::Mention;
pub use lexicon::Lexicon;
/// The rule id of anonymous sourcing ("officials say").
pub use sourcing::RULE as ANONYMOUS_SOURCE;

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

    /// The layer the category belongs to.
    pub fn layer(self) -> Layer {
        match self {
            Category::Loaded | Category::Label | Category::Booster | Category::ScareQuote => Layer::Wording,
            Category::Hedge | Category::Attribution | Category::Passive => Layer::Sourcing,
        }
    }
}

/// Two questions a reader asks of framing: how the outlet chooses its words (wording: loaded words,
/// labels, boosters, scare quotes), and how it backs its claims (sourcing: attribution, anonymous and
/// vague sources, hedges, agentless passives).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Wording,
    Sourcing,
}

impl Layer {
    pub const ALL: [Layer; 2] = [Layer::Wording, Layer::Sourcing];

    /// Stable id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Layer::Wording => "wording",
            Layer::Sourcing => "sourcing",
        }
    }

    /// The categories of the layer, in [`Category::ALL`] order.
    pub fn categories(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| c.layer() == self)
    }
}

/// One highlighted span of framing language.
#[derive(Clone, Debug, PartialEq)]
pub struct FramingSpan {
    pub range: Range<usize>,
    pub category: Category,
    /// The lexicon entry (as written in the lexicon) or rule id that matched.
    pub rule: String,
    /// Estimated share of such highlights annotators agree with (0 to 1), context included.
    pub confidence: f32,
    /// When the span lies inside a quotation: its index among the document's quotations. Those words are
    /// the quoted speaker's, not the outlet's. A scare quote is the outlet's own: `None`.
    pub quote: Option<usize>,
}

impl FramingSpan {
    /// A span with full confidence outside any quotation (hand-made analyses).
    pub fn new(range: Range<usize>, category: Category, rule: &str) -> FramingSpan {
        FramingSpan { range, category, rule: rule.to_string(), confidence: 1.0, quote: None }
    }

    pub fn layer(&self) -> Layer {
        self.category.layer()
    }

    /// Inside a quotation: the speaker's words, not the outlet's.
    pub fn is_quoted(&self) -> bool {
        self.quote.is_some()
    }
}

/// Rule ids with their category and what the reader is told about them.
pub const RULES: [(&str, Category, &str); 4] = [
    (passive::RULE, Category::Passive, passive::NOTE),
    (scare_quote::RULE, Category::ScareQuote, scare_quote::NOTE),
    (sourcing::RULE, Category::Attribution, sourcing::NOTE),
    (LABEL_CONTRAST, Category::Label, LABEL_CONTRAST_NOTE),
];

/// An unmarked name highlighted because another source names the same referent differently.
pub const LABEL_CONTRAST: &str = "label_contrast";
const LABEL_CONTRAST_NOTE: &str = "A plain name, highlighted because another source names the same \
referent with other words: compare the sources' choices.";

/// What the reader calls a rule (`None` for a lexicon entry, which is named by its term).
pub fn rule_name(rule: &str) -> Option<&'static str> {
    match rule {
        passive::RULE => Some("an agentless passive: a passive verb with no \"by …\""),
        scare_quote::RULE => Some("a short quotation with no speaker"),
        sourcing::RULE => Some("a claim handed to unnamed or vague sources"),
        LABEL_CONTRAST => Some("a plain name that other sources replace with their own"),
        _ => None,
    }
}

/// The framing of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentFraming {
    /// Sorted by start, never overlapping: every span, both layers, every confidence.
    pub spans: Vec<FramingSpan>,
    pub quotes: Vec<Quotation>,
    /// Every use of a label contrast-set term, shown or not, with its referent.
    pub mentions: Vec<Mention>,
}

/// Framing spans of `doc` on its own (labels compared with no other source), sorted, never overlapping.
pub fn detect(doc: &Document, lexicon: &Lexicon) -> Vec<FramingSpan> {
    detect_corpus(std::slice::from_ref(doc), lexicon).pop().map(|f| f.spans).unwrap_or_default()
}

/// The framing of each document of a corpus: labels are compared across the documents.
pub fn detect_corpus(docs: &[Document], lexicon: &Lexicon) -> Vec<DocumentFraming> {
    let mut forms = crate::words::Forms::default();
    let words: Vec<Vec<Word>> = docs.iter().map(|d| crate::words::words_with(&d.text, &mut forms)).collect();
    // Names are words some source capitalises mid-sentence: one outlet's "Hamas" tells that another's
    // sentence-initial "Hamas" is a name.
    let mut names = crate::words::WordSet::default();
    for (d, w) in docs.iter().zip(&words) {
        names.extend(crate::words::name_forms(&d.text, &d.sentences, w));
    }
    let found: Vec<Found> = docs.iter().zip(&words).map(|(d, w)| find(d, w, &names, lexicon)).collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let pending = found.iter().map(|f| f.mentions.clone()).collect();
    let mentions = labels::decide(&texts, pending, lexicon);
    let model = Model::shipped();
    found
        .into_iter()
        .zip(mentions)
        .zip(docs)
        .map(|((f, mentions), doc)| {
            let mut candidates = f.candidates;
            // Unmarked names another source contradicts join the other lexicon terms, in text order.
            let contrasted = mentions.iter().filter(|m| m.shown && !lexicon.entries()[m.entry].marked);
            candidates.extend(contrasted.map(|m| Candidate {
                span: FramingSpan::new(m.range.clone(), Category::Label, LABEL_CONTRAST),
                base: model.rule(LABEL_CONTRAST),
                phrase: false,
            }));
            let spans = resolve(candidates, &doc.text, &f.quotes, model);
            DocumentFraming { spans, quotes: f.quotes, mentions }
        })
        .collect()
}

/// A finding before overlaps are resolved: its span, its confidence before context, and whether it was
/// extended to a phrase.
struct Candidate {
    span: FramingSpan,
    base: f32,
    phrase: bool,
}

/// What one document yields before the corpus stage.
struct Found {
    /// In order of precedence: the first of two overlapping ones is kept.
    candidates: Vec<Candidate>,
    quotes: Vec<Quotation>,
    mentions: Vec<labels::Pending>,
}

fn find(doc: &Document, words: &[Word], names: &crate::words::WordSet, lexicon: &Lexicon) -> Found {
    let text = &doc.text;
    let quotes = quotes::find(text, &doc.paragraphs, &doc.sentences, words);
    let model = Model::shipped();
    let resolver = labels::Resolver { text, words, names };
    let mut tags = crate::tagger::Tags::new(text, words, &doc.sentences);

    let mut mentions = Vec::new();
    let mut attribution = Vec::new();
    let mut others = Vec::new();
    for f in matcher::find(text, words, lexicon) {
        let e = &lexicon.entries()[f.entry];
        let at = words.partition_point(|w| w.range.start < f.range.start);
        let end = words.partition_point(|w| w.range.start < f.range.end);
        // Passive verbs only count inside an agentless passive, found by the rule.
        if e.category == Category::Passive || guards::excluded(text, words, &doc.sentences, at, end, e) {
            continue;
        }
        if let Some(set) = &e.contrast {
            let resolution = resolver.resolve(at, end, e.national);
            mentions.push(labels::Pending { range: f.range.clone(), entry: f.entry, set: set.clone(), resolution });
            // Unmarked and neutral names wait for the comparison of the sources.
            if e.neutral || !e.marked {
                continue;
            }
        }
        let range = if e.extend { phrase::extend(text, words, &mut tags, at, end) } else { f.range.clone() };
        let phrase = range != f.range;
        let base = e.confidence.unwrap_or_else(|| model.category(e.category));
        let c = Candidate { span: FramingSpan::new(range, e.category, &e.term), base, phrase };
        if e.category == Category::Attribution { attribution.push(c) } else { others.push(c) }
    }

    let rule = |range: Range<usize>, (id, category, _): (&str, Category, &str), base: f32| Candidate {
        span: FramingSpan::new(range, category, id),
        base,
        phrase: false,
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    candidates.extend(sourcing::find(text, words).into_iter().map(|r| rule(r, RULES[2], model.rule(sourcing::RULE))));
    candidates
        .extend(scare_quote::find(text, &quotes).into_iter().map(|r| rule(r, RULES[1], model.rule(scare_quote::RULE))));
    candidates.extend(attribution);
    candidates.extend(passive::find(text, words, lexicon).into_iter().map(|(r, verb)| {
        let base = lexicon.entries()[verb].confidence.unwrap_or_else(|| model.rule(passive::RULE));
        rule(r, RULES[0], base)
    }));
    candidates.extend(others);
    Found { candidates, quotes, mentions }
}

/// Keeps the first of overlapping candidates, in precedence order; sets each span's quotation and confidence.
fn resolve(candidates: Vec<Candidate>, text: &str, quotes: &[Quotation], model: &Model) -> Vec<FramingSpan> {
    let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in candidates {
        let r = &c.span.range;
        let overlaps = kept.range(..r.end).next_back().is_some_and(|(_, k)| k.span.range.end > r.start);
        if !overlaps {
            kept.insert(r.start, c);
        }
    }
    kept.into_values()
        .map(|c| {
            let mut span = c.span;
            if span.category != Category::ScareQuote {
                let q = quotes.partition_point(|q| q.range.start <= span.range.start);
                span.quote = q.checked_sub(1).filter(|&q| quotes[q].contains(&span.range) && owned(text, &quotes[q]));
            }
            let cues = confidence::Cues { quoted: span.quote.is_some(), phrase: c.phrase };
            span.confidence = model.adjust(c.base, cues);
            span
        })
        .collect()
}

/// Whether a quotation's words are someone else's: it is handed to a speaker, or too long to be a scare quote.
fn owned(text: &str, q: &Quotation) -> bool {
    q.attributed || !scare_quote::is_short(text, q)
}

/// Why `span` of `text` is marked: the lexicon entry's note and contrast set,
/// or the rule's explanation (for a passive, the note of its verb's group).
pub fn note_and_contrast(
    lexicon: &Lexicon,
    text: &str,
    span: &FramingSpan,
) -> (Option<String>, Option<std::sync::Arc<str>>) {
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

/// How many spans of one category a document has: the outlet's own, and inside quotations; and of each,
/// how many are at or above the default threshold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub own: usize,
    pub quoted: usize,
    pub own_confident: usize,
    pub quoted_confident: usize,
}

/// Spans per category, in [`Category::ALL`] order, the outlet's own wording counted apart from quoted words.
pub fn counts(spans: &[FramingSpan]) -> Vec<(Category, Count)> {
    let threshold = Model::shipped().threshold;
    Category::ALL
        .iter()
        .map(|&c| {
            let mut n = Count::default();
            for s in spans.iter().filter(|s| s.category == c) {
                let confident = s.confidence >= threshold;
                if s.is_quoted() {
                    n.quoted += 1;
                    n.quoted_confident += usize::from(confident);
                } else {
                    n.own += 1;
                    n.own_confident += usize::from(confident);
                }
            }
            (c, n)
        })
        .collect()
}

/// Spans per 1,000 words of one category in a document: the outlet's own and the quoted apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Density {
    pub category: Category,
    pub own: f64,
    pub quoted: f64,
}

/// Spans per category per 1,000 words of a document of `words` words, in [`Category::ALL`] order.
pub fn density(spans: &[FramingSpan], words: usize) -> Vec<Density> {
    let per_thousand = |n: usize| if words == 0 { 0.0 } else { n as f64 * 1000.0 / words as f64 };
    counts(spans)
        .into_iter()
        .map(|(category, n)| Density { category, own: per_thousand(n.own), quoted: per_thousand(n.quoted) })
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
    /// For labels: how each other source names the same referent (only names of that referent).
    pub contrast: Vec<ContrastUse>,
    pub layer: Layer,
    /// The span's confidence, and whether it is at or above the default threshold.
    pub confidence: f32,
    pub confident: bool,
    /// Inside a quotation: the words are the quoted speaker's.
    pub quoted: Option<Quoted>,
    /// For labels: what the name refers to, where the text says ("Hamas").
    pub referent: Option<String>,
}

/// Whose words a quoted span is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// The speaker as the sentence names them ("Donald Trump", "a senior official"); `None` when it does not.
    pub speaker: Option<String>,
}

impl Quoted {
    /// "quoted: Donald Trump", or "quoted (the speaker is not named in the sentence)".
    pub fn describe(&self) -> String {
        match &self.speaker {
            Some(s) => format!("quoted: {s}"),
            None => "quoted (the speaker is not named in the sentence)".to_string(),
        }
    }
}

/// The terms of a label contrast set that one document uses for the same referent (empty: none of them).
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
    fn intensifiers_take_in_the_phrase_they_modify() {
        assert_eq!(
            marked("It was a very good meeting, very much so."),
            [("very good meeting".to_string(), Category::Booster), ("very much".to_string(), Category::Booster)]
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
        assert_eq!(terms, ["scheming", "scathing", "hysterical speech", "quagmire"]);
        assert_eq!(marked("The decision was printed in boldface; the rashes faded and the plan was approved."), []);
    }

    #[test]
    fn great_in_idioms_is_not_praise() {
        assert_eq!(marked("She went to great lengths during the Great Depression."), []);
        assert_eq!(marked("It will be a great day for the town."), [("great day".to_string(), Category::Loaded)]);
    }

    #[test]
    fn editorializing_and_euphemism_are_loaded() {
        let m = marked("Notably, the mere presence of troops was called friendly fire.");
        let terms: Vec<&str> = m.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["Notably", "mere presence", "friendly fire"]);
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
    fn layers_split_the_categories() {
        let wording: Vec<Category> = Layer::Wording.categories().collect();
        assert_eq!(wording, [Category::Loaded, Category::Label, Category::Booster, Category::ScareQuote]);
        let sourcing: Vec<Category> = Layer::Sourcing.categories().collect();
        assert_eq!(sourcing, [Category::Hedge, Category::Attribution, Category::Passive]);
    }

    #[test]
    fn counts_and_density_keep_quoted_words_apart() {
        let mut quoted = FramingSpan::new(5..9, Category::Loaded, "evil");
        quoted.quote = Some(0);
        let spans = vec![FramingSpan::new(0..1, Category::Hedge, "may"), quoted];
        let d = density(&spans, 500);
        let hedge = d.iter().find(|d| d.category == Category::Hedge).unwrap();
        assert_eq!((hedge.own, hedge.quoted), (2.0, 0.0));
        let loaded = d.iter().find(|d| d.category == Category::Loaded).unwrap();
        assert_eq!((loaded.own, loaded.quoted), (0.0, 2.0));
        assert!(density(&spans, 0).iter().all(|d| d.own == 0.0 && d.quoted == 0.0));
        let c = counts(&spans);
        assert_eq!(c[0].1, Count { own: 0, quoted: 1, own_confident: 0, quoted_confident: 1 });
    }
}
