//! Everything parallax finds in a set of documents: framing spans per
//! document, links between sentences of different documents, and claims.

use std::collections::HashMap;
use std::sync::Arc;

use crate::claims::{self, ClauseSpans, Cluster, Link, SentenceRef};
use crate::document::Document;
use crate::framing::{self, Category, ContrastUse, FramingSpan, Lexicon};

#[derive(Clone, Debug)]
pub struct Options {
    /// Links scoring below this are dropped; `0` keeps every scored candidate.
    pub min_score: f32,
    /// The framing lexicon: the embedded defaults unless the user merged files over them.
    pub lexicon: Arc<Lexicon>,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_score: claims::DEFAULT_THRESHOLD, lexicon: Lexicon::embedded() }
    }
}

/// A sentence of another document reporting the same thing, with its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counterpart {
    pub sentence: SentenceRef,
    pub score: f32,
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Per document, sorted by start.
    pub framing: Vec<Vec<FramingSpan>>,
    /// Each cross-document pair once, at or above the threshold.
    pub links: Vec<Link>,
    pub clusters: Vec<Cluster>,
    counterparts: HashMap<SentenceRef, Vec<Counterpart>>,
    /// By link (`a`, `b`): the clauses that carry it, for links between sentences that split.
    clause_spans: HashMap<(SentenceRef, SentenceRef), ClauseSpans>,
    lexicon: Arc<Lexicon>,
    /// Per document: for each label contrast set it names, the terms it uses.
    contrasts: Vec<framing::Contrasts>,
    word_counts: Vec<usize>,
}

impl Analysis {
    pub fn run(docs: &[Document], options: &Options) -> Analysis {
        let lexicon = Arc::clone(&options.lexicon);
        // Framing and claims are independent: on two cores they run side by side.
        let ((framing, contrasts), candidates): ((Vec<_>, Vec<_>), _) = std::thread::scope(|scope| {
            let framing = scope.spawn(|| docs.iter().map(|d| framing::detect_with_contrasts(d, &lexicon)).unzip());
            // Links join different documents: one document has none, however long it is.
            let candidates = if docs.len() > 1 {
                claims::score_pairs_with_spans(docs, claims::Model::shipped())
            } else {
                Vec::new()
            };
            (framing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), candidates)
        });
        let word_counts = docs.iter().map(Document::word_count).collect();
        let mut clause_spans = HashMap::new();
        let mut links = Vec::new();
        for (link, spans) in candidates.into_iter().filter(|(l, _)| l.score >= options.min_score) {
            if spans != ClauseSpans::default() {
                clause_spans.insert((link.a, link.b), spans);
            }
            links.push(link);
        }
        links.sort_by_key(|x| (x.a, x.b));
        let clusters = claims::cluster(docs, &links);
        Analysis { lexicon, contrasts, word_counts, clause_spans, ..Analysis::from_parts(framing, links, clusters) }
    }

    /// Assembles an analysis from its parts, deriving each sentence's counterparts
    /// from the links (also how the reader's tests build analyses of their own).
    /// Label contrasts and densities need the documents, so they stay empty here.
    pub fn from_parts(framing: Vec<Vec<FramingSpan>>, links: Vec<Link>, clusters: Vec<Cluster>) -> Analysis {
        let mut counterparts: HashMap<SentenceRef, Vec<Counterpart>> = HashMap::new();
        for l in &links {
            counterparts.entry(l.a).or_default().push(Counterpart { sentence: l.b, score: l.score });
            counterparts.entry(l.b).or_default().push(Counterpart { sentence: l.a, score: l.score });
        }
        for list in counterparts.values_mut() {
            list.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.sentence.cmp(&y.sentence)));
        }
        Analysis {
            framing,
            links,
            clusters,
            counterparts,
            clause_spans: HashMap::new(),
            lexicon: Lexicon::embedded(),
            contrasts: Vec::new(),
            word_counts: Vec::new(),
        }
    }

    /// Counterparts of a sentence, best first.
    pub fn counterparts(&self, s: SentenceRef) -> &[Counterpart] {
        self.counterparts.get(&s).map_or(&[], Vec::as_slice)
    }

    /// The clauses that carry `link`, when a linked sentence carries more than one claim.
    pub fn clause_spans(&self, link: &Link) -> Option<&ClauseSpans> {
        self.clause_spans.get(&(link.a, link.b))
    }
}

impl Analysis {
    /// The explanation of framing span `span` of document `doc`: what the
    /// category marks, the entry or rule and its note, and for a label, the
    /// names each other document gives the same thing (empty when it uses none of the set).
    pub fn explain(&self, docs: &[Document], doc: usize, span: usize) -> framing::Explanation {
        let s = &self.framing[doc][span];
        let (note, contrast_set) = framing::note_and_contrast(&self.lexicon, &docs[doc].text, s);
        let contrast = match &contrast_set {
            Some(id) => (0..docs.len().min(self.contrasts.len()))
                .filter(|&d| d != doc)
                .map(|d| ContrastUse { doc: d, terms: self.contrasts[d].get(id).cloned().unwrap_or_default() })
                .collect(),
            None => Vec::new(),
        };
        framing::Explanation {
            category: s.category,
            category_description: self.lexicon.description(s.category).to_string(),
            rule: s.rule.clone(),
            matched: docs[doc].text[s.range.clone()].to_string(),
            note,
            contrast,
        }
    }

    /// Framing spans per category per 1,000 words of document `doc`, in [`Category::ALL`] order.
    pub fn density(&self, doc: usize) -> Vec<(Category, f64)> {
        framing::density(&self.framing[doc], self.word_counts.get(doc).copied().unwrap_or(0))
    }
}
