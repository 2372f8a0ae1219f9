//! Coverage: rows are claims, columns are sources. A claim is a claim cluster
//! (reported by two sources or more) or a sentence no other source reports.

use serde::Serialize;

use super::{Place, Sourcing};
use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;

/// A sentence shorter than this many words is not counted as a claim of its own (a dateline, a
/// caption), as the claims module does not link such sentences either; nor is page furniture.
const MIN_CLAIM_WORDS: usize = 5;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    /// Most sources first, then in the order of the first source's text.
    pub claims: Vec<Claim>,
    /// One per source.
    pub summary: Vec<SourceCoverage>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The claim cluster's id; `None` for a sentence only one source reports.
    pub cluster: Option<usize>,
    /// How many sources report it.
    pub sources: usize,
    /// The sentences telling it, one per source that does (its first, when a source tells it twice), in
    /// source order. Sparse: a set of 1,000 sources has mostly claims one or two of them tell.
    pub tellings: Vec<Place>,
    /// Every telling rests on an unnamed source (a role speaker or "officials say") and none names one.
    pub anonymous_only: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceCoverage {
    pub doc: usize,
    /// Claims it reports that other sources report too.
    pub shared: usize,
    /// Claims only it reports.
    pub only_here: usize,
    /// Claims other sources report and it does not.
    pub left_out: usize,
}

impl Claim {
    pub fn reported_by(&self, doc: usize) -> bool {
        self.telling(doc).is_some()
    }

    /// Source `doc`'s telling.
    pub fn telling(&self, doc: usize) -> Option<Place> {
        self.tellings.binary_search_by_key(&doc, |p| p.doc).ok().map(|i| self.tellings[i])
    }

    /// The first telling, in source order.
    pub fn first(&self) -> Option<Place> {
        self.tellings.first().copied()
    }
}

pub(super) fn build(docs: &[Document], analysis: &Analysis, sourcing: &Sourcing) -> Coverage {
    let mut claims = Vec::new();
    for c in &analysis.clusters {
        let mut members: Vec<SentenceRef> = c.members.iter().copied().filter(|m| m.doc < docs.len()).collect();
        members.sort();
        let mut tellings: Vec<Place> = Vec::new();
        for m in &members {
            if m.sentence < docs[m.doc].sentences.len() && tellings.last().is_none_or(|p| p.doc != m.doc) {
                tellings.push(Place::sentence(docs, *m));
            }
        }
        let sources = tellings.len();
        if sources > 1 {
            claims.push(Claim {
                cluster: Some(c.id),
                sources,
                tellings,
                anonymous_only: sourcing.anonymous_only(&members),
            });
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        for (i, range) in doc.sentences.iter().enumerate() {
            let s = SentenceRef { doc: d, sentence: i };
            if sourcing.cluster_of.contains_key(&s) || !analysis.counterparts(s).is_empty() {
                continue;
            }
            let text = &doc.text[range.clone()];
            let words = crate::words::spans(text).len();
            if words < MIN_CLAIM_WORDS || crate::claims::corpus::is_boilerplate(text, words) {
                continue;
            }
            let tellings = vec![Place::new(d, range)];
            claims.push(Claim { cluster: None, sources: 1, tellings, anonymous_only: sourcing.anonymous_only(&[s]) });
        }
    }
    claims.sort_by(|a, b| b.sources.cmp(&a.sources).then_with(|| a.first().cmp(&b.first())));
    let summary = (0..docs.len())
        .map(|d| {
            let mut row = SourceCoverage { doc: d, ..SourceCoverage::default() };
            for c in &claims {
                match (c.reported_by(d), c.sources) {
                    (true, 1) => row.only_here += 1,
                    (true, _) => row.shared += 1,
                    (false, 1) => {}
                    (false, _) => row.left_out += 1,
                }
            }
            row
        })
        .collect();
    Coverage { claims, summary }
}

#[cfg(test)]
mod tests {
    use super::super::{Tables, fixture};

    #[test]
    fn rows_are_claims_sorted_by_sources_with_a_summary_per_source() {
        let (docs, analysis) = fixture::story();
        let t = Tables::build(&docs, &analysis).coverage;
        let shared: Vec<usize> = t.claims.iter().filter(|c| c.cluster.is_some()).map(|c| c.sources).collect();
        assert_eq!(shared, [3, 3, 3, 2]);
        // The first claim: the talks collapsing, told by every source, each cell its sentence.
        let first = &t.claims[0];
        assert!(first.telling(0).unwrap().text(&docs).starts_with("Talks on the port strike collapsed"));
        assert!(first.telling(2).unwrap().text(&docs).contains("walked out"));
        // Sorted: every claim after the shared ones is told by one source only.
        assert!(t.claims[4..].iter().all(|c| c.sources == 1 && c.cluster.is_none()));
        // Short sentences ("Read more.") are not claims.
        assert!(!t.claims.iter().any(|c| c.first().unwrap().text(&docs) == "Read more."));
        let s: Vec<(usize, usize, usize)> = t.summary.iter().map(|s| (s.shared, s.only_here, s.left_out)).collect();
        assert_eq!(s, [(4, 0, 0), (4, 2, 0), (3, 2, 1)]);
    }

    #[test]
    fn page_furniture_is_no_claim() {
        // Regression: a plea for donations kept at the end of an article showed as a claim only it reports.
        use crate::analysis::Analysis;
        use crate::document::Document;
        let docs = [
            Document::from_plain(
                "a.txt",
                "The ferry service to the island resumed on Monday morning. Please consider supporting our \
                 mission with a small gift today.",
            ),
            Document::from_plain("b.txt", "Repairs to the harbour wall will take three more weeks."),
        ];
        let analysis = Analysis::from_parts(vec![Vec::new(); 2], Vec::new(), Vec::new());
        let t = Tables::build(&docs, &analysis).coverage;
        let rows: Vec<&str> = t.claims.iter().map(|c| c.first().unwrap().text(&docs)).collect();
        assert_eq!(
            rows,
            [
                "The ferry service to the island resumed on Monday morning.",
                "Repairs to the harbour wall will take three more weeks."
            ]
        );
    }

    #[test]
    fn a_claim_told_only_by_unnamed_officials_is_flagged() {
        let (docs, analysis) = fixture::story();
        let t = Tables::build(&docs, &analysis).coverage;
        let cost = &t.claims[2];
        assert!(cost.first().unwrap().text(&docs).contains("two million"));
        assert!(cost.anonymous_only, "every telling of the cost rests on unnamed officials");
        assert!(!t.claims[0].anonymous_only, "Lind is named");
    }
}
