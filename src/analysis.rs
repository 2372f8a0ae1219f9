//! Everything parallax finds in a set of documents: framing spans per
//! document, links between sentences of different documents, and claims.

use std::collections::HashMap;

use crate::claims::{self, Cluster, Link, SentenceRef};
use crate::document::Document;
use crate::framing::{self, FramingSpan};

#[derive(Clone, Debug)]
pub struct Options {
    /// Links scoring below this are dropped; `0` keeps every scored candidate.
    pub min_score: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_score: claims::DEFAULT_THRESHOLD }
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
}

impl Analysis {
    pub fn run(docs: &[Document], options: &Options) -> Analysis {
        let framing = docs.iter().map(framing::detect).collect();
        let mut links: Vec<Link> =
            claims::score_pairs(docs).into_iter().filter(|l| l.score >= options.min_score).collect();
        links.sort_by_key(|x| (x.a, x.b));
        let clusters = claims::cluster(docs, &links);
        Analysis::from_parts(framing, links, clusters)
    }

    /// Assembles an analysis from its parts, deriving each sentence's counterparts
    /// from the links (also how the reader's tests build analyses of their own).
    pub fn from_parts(framing: Vec<Vec<FramingSpan>>, links: Vec<Link>, clusters: Vec<Cluster>) -> Analysis {
        let mut counterparts: HashMap<SentenceRef, Vec<Counterpart>> = HashMap::new();
        for l in &links {
            counterparts.entry(l.a).or_default().push(Counterpart { sentence: l.b, score: l.score });
            counterparts.entry(l.b).or_default().push(Counterpart { sentence: l.a, score: l.score });
        }
        for list in counterparts.values_mut() {
            list.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.sentence.cmp(&y.sentence)));
        }
        Analysis { framing, links, clusters, counterparts }
    }

    /// Counterparts of a sentence, best first.
    pub fn counterparts(&self, s: SentenceRef) -> &[Counterpart] {
        self.counterparts.get(&s).map_or(&[], Vec::as_slice)
    }
}

impl Analysis {
    /// The explanation of framing span `span` of document `doc`.
    pub fn explain(&self, docs: &[Document], doc: usize, span: usize) -> framing::Explanation {
        let s = &self.framing[doc][span];
        framing::Explanation {
            category: s.category,
            category_description: String::new(),
            rule: s.rule.clone(),
            matched: docs[doc].text[s.range.clone()].to_string(),
            note: None,
            contrast: Vec::new(),
        }
    }
}
