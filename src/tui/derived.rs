//! What the reader derives from an analysis once, when it arrives: how many
//! sources report each sentence (the gutter, `]m`, the status hint) and how many
//! highlights of each category a document has (the legend). Never per frame.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;
use crate::framing::Category;

use super::theme::category_index;

#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Per document, per sentence: how many sources report its claim, itself included; 0 when no other does.
    reporting: Vec<Vec<u16>>,
    /// Per document: highlights per category, in [`Category::ALL`] order.
    category_counts: Vec<[usize; Category::ALL.len()]>,
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
        let category_counts = analysis
            .framing
            .iter()
            .map(|spans| {
                let mut counts = [0; Category::ALL.len()];
                for s in spans {
                    counts[category_index(s.category)] += 1;
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

    /// Highlights per category in document `doc`, in [`Category::ALL`] order.
    pub fn category_counts(&self, doc: usize) -> Option<&[usize; Category::ALL.len()]> {
        self.category_counts.get(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Link;
    use crate::framing::FramingSpan;

    #[test]
    fn counts_distinct_other_sources_and_categories() {
        let docs: Vec<Document> =
            ["One. Two.", "Uno. Dos.", "Eins. Zwei."].iter().map(|t| Document::from_plain("t.txt", t)).collect();
        let s = |doc, sentence| SentenceRef { doc, sentence };
        let links = vec![
            Link { a: s(0, 0), b: s(1, 0), score: 0.9 },
            Link { a: s(0, 0), b: s(1, 1), score: 0.8 },
            Link { a: s(0, 0), b: s(2, 1), score: 0.8 },
        ];
        let span = |category| FramingSpan::new(0..1, category, "");
        let framing = vec![vec![span(Category::Hedge), span(Category::Hedge)], vec![], vec![span(Category::Label)]];
        let d = Derived::new(&docs, Some(&Analysis::from_parts(framing, links, Vec::new())));
        assert_eq!(d.sources_reporting(s(0, 0)), Some(3), "two other documents, one of them twice");
        assert_eq!(d.sources_reporting(s(1, 1)), Some(2));
        assert_eq!(d.sources_reporting(s(0, 1)), None);
        assert_eq!(d.sources_reporting(s(9, 9)), None);
        assert_eq!(d.category_counts(0).unwrap()[category_index(Category::Hedge)], 2);
        assert_eq!(d.category_counts(2).unwrap()[category_index(Category::Label)], 1);
    }
}
