//! What the reader derives from an analysis once, when it arrives: how many
//! sources report each sentence (the gutter, `]m`, the status hint) and how many
//! highlights of each category a document has, the outlet's own and quoted words
//! apart (the legend); and, each time what is shown changes, which spans show
//! (drawing, `]f`, `K`). Never per frame.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;
use crate::framing::confidence::{Model, is_confident};
use crate::framing::{Category, Count, FramingSpan, Layer, View};

use super::theme::category_index;

#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Per document, per sentence: how many sources report its claim, itself included; 0 when no other does.
    reporting: Vec<Vec<u16>>,
    /// Per document: highlights per category, in [`Category::ALL`] order, own and quoted apart.
    category_counts: Vec<[Count; Category::ALL.len()]>,
}

impl Derived {
    pub fn new(docs: &[Document], analysis: Option<&Analysis>) -> Derived {
        let Some(analysis) = analysis else { return Derived::default() };
        let mut others: HashMap<SentenceRef, Vec<usize>> = HashMap::new();
        for link in &analysis.links {
            others.entry(link.a).or_default().push(link.b.doc);
            others.entry(link.b).or_default().push(link.a.doc);
        }
        let mut reporting: Vec<Vec<u16>> = docs.iter().map(|d| vec![0; d.sentences.len()]).collect();
        for (s, mut docs) in others {
            docs.retain(|&d| d != s.doc);
            docs.sort_unstable();
            docs.dedup();
            if let Some(slot) = reporting.get_mut(s.doc).and_then(|v| v.get_mut(s.sentence))
                && !docs.is_empty()
            {
                *slot = u16::try_from(docs.len() + 1).unwrap_or(u16::MAX);
            }
        }
        let category_counts = (0..analysis.framing.len())
            .map(|doc| {
                let mut counts = [Count::default(); Category::ALL.len()];
                for (c, n) in analysis.counts(doc) {
                    counts[category_index(c)] = n;
                }
                counts
            })
            .collect();
        Derived { reporting, category_counts }
    }

    /// How many sources report the claim of `s` (its own included), if another does.
    pub fn sources_reporting(&self, s: SentenceRef) -> Option<usize> {
        let n = *self.reporting.get(s.doc)?.get(s.sentence)?;
        (n > 0).then_some(usize::from(n))
    }

    /// Highlights per category in document `doc`, in [`Category::ALL`] order, own and quoted apart.
    pub fn category_counts(&self, doc: usize) -> Option<&[Count; Category::ALL.len()]> {
        self.category_counts.get(doc)
    }
}

/// Which framing highlights the reader shows: the layers and the confidence floor
/// (a [`framing::View`](View), as `analyze` uses), and each category's own switch.
/// A category shows when its layer is on *and* its own switch is; a span shows
/// when its category does and it is at or above the floor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Filter {
    pub view: View,
    /// Per category (in [`Category::ALL`] order), its own switch.
    pub categories: [bool; Category::ALL.len()],
}

impl Default for Filter {
    /// What the reader shows at start: [`View::standard`] (the wording layer at or above the threshold).
    fn default() -> Filter {
        Filter { view: View::standard(), categories: [true; Category::ALL.len()] }
    }
}

impl Filter {
    pub fn layer_on(&self, layer: Layer) -> bool {
        match layer {
            Layer::Wording => self.view.wording,
            Layer::Sourcing => self.view.sourcing,
        }
    }

    pub fn set_layer(&mut self, layer: Layer, on: bool) {
        match layer {
            Layer::Wording => self.view.wording = on,
            Layer::Sourcing => self.view.sourcing = on,
        }
    }

    /// Whether highlights of `category` show: its layer is on and its own switch too.
    pub fn category_shown(&self, category: Category) -> bool {
        self.layer_on(category.layer()) && self.categories[category_index(category)]
    }

    /// Whether highlights below the shipped threshold show (dimmed).
    pub fn low_confidence(&self) -> bool {
        self.view.min_confidence < Model::shipped().threshold
    }

    pub fn set_low_confidence(&mut self, on: bool) {
        self.view.min_confidence = if on { 0.0 } else { Model::shipped().threshold };
    }

    pub fn shows(&self, span: &FramingSpan) -> bool {
        self.categories[category_index(span.category)] && self.view.shows(span)
    }

    /// What a legend shows for `category`: how many of its spans the floor lets through, own and quoted.
    pub fn counted(&self, n: &Count) -> (usize, usize) {
        if self.low_confidence() { (n.own, n.quoted) } else { (n.own_confident, n.quoted_confident) }
    }
}

/// Per document, the indices of the spans `filter` shows, in text order: rebuilt when an
/// analysis arrives or a switch changes, so drawing and `]f` only look them up.
pub fn shown_spans(analysis: Option<&Analysis>, filter: &Filter) -> Vec<Vec<usize>> {
    let Some(analysis) = analysis else { return Vec::new() };
    analysis
        .framing
        .iter()
        .map(|spans| spans.iter().enumerate().filter(|(_, s)| filter.shows(s)).map(|(i, _)| i).collect())
        .collect()
}

/// Spans below the shipped threshold in `counts` (the dimmed ones, when shown).
pub fn below_threshold(n: &Count) -> usize {
    n.own + n.quoted - n.own_confident - n.quoted_confident
}

/// Whether `span` is drawn dimmed (below the shipped threshold).
pub fn dimmed(span: &FramingSpan) -> bool {
    !is_confident(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Link;

    #[test]
    fn counts_distinct_other_sources_and_categories() {
        let docs: Vec<Document> =
            ["One. Two.", "Uno. Dos.", "Eins. Zwei."].iter().map(|t| Document::from_plain("t.txt", t)).collect();
        let s = |doc, sentence| SentenceRef { doc, sentence };
        let links = vec![
            Link { a: s(0, 0), b: s(1, 0), score: 0.9, held_back: false },
            Link { a: s(0, 0), b: s(1, 1), score: 0.8, held_back: false },
            Link { a: s(0, 0), b: s(2, 1), score: 0.8, held_back: false },
        ];
        let span = |category| FramingSpan::new(0..1, category, "");
        let quoted = FramingSpan { quote: Some(0), ..span(Category::Hedge) };
        let framing = vec![vec![span(Category::Hedge), quoted], vec![], vec![span(Category::Label)]];
        let d = Derived::new(&docs, Some(&Analysis::from_parts(framing, links, Vec::new())));
        assert_eq!(d.sources_reporting(s(0, 0)), Some(3), "two other documents, one of them twice");
        assert_eq!(d.sources_reporting(s(1, 1)), Some(2));
        assert_eq!(d.sources_reporting(s(0, 1)), None);
        assert_eq!(d.sources_reporting(s(9, 9)), None);
        let hedges = d.category_counts(0).unwrap()[category_index(Category::Hedge)];
        assert_eq!((hedges.own, hedges.quoted), (1, 1), "the quoted hedge is counted apart");
        assert_eq!(d.category_counts(2).unwrap()[category_index(Category::Label)].own, 1);
    }

    #[test]
    fn a_span_shows_when_its_layer_its_category_and_its_confidence_allow() {
        let threshold = Model::shipped().threshold;
        let span = |category, confidence| FramingSpan { confidence, ..FramingSpan::new(0..1, category, "") };
        let loaded = span(Category::Loaded, 1.0);
        let unsure = span(Category::Loaded, threshold / 2.0);
        let hedge = span(Category::Hedge, 1.0);
        let mut f = Filter::default();
        assert!(f.shows(&loaded) && !f.shows(&unsure) && !f.shows(&hedge), "the standard view");
        f.set_layer(Layer::Sourcing, true);
        assert!(f.shows(&hedge));
        f.categories[category_index(Category::Hedge)] = false;
        assert!(!f.shows(&hedge) && !f.category_shown(Category::Hedge), "its own switch still hides it");
        f.set_low_confidence(true);
        assert!(f.shows(&unsure) && f.low_confidence() && dimmed(&unsure) && !dimmed(&loaded));
        f.set_low_confidence(false);
        assert_eq!(f.view, View { sourcing: true, ..View::standard() });
        let docs = vec![Document::from_plain("t.txt", "One.")];
        let a = Analysis::from_parts(vec![vec![loaded, unsure, hedge]], Vec::new(), Vec::new());
        assert_eq!(shown_spans(Some(&a), &Filter::default()), vec![vec![0]]);
        let d = Derived::new(&docs, Some(&a));
        let n = d.category_counts(0).unwrap()[category_index(Category::Loaded)];
        assert_eq!(below_threshold(&n), 1);
        assert_eq!(Filter::default().counted(&n), (1, 0));
    }
}
