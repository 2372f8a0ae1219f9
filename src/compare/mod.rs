//! The compare tables: what each source reports and leaves out (`coverage`),
//! how each names the same referents (`labels`), how much of each is its own
//! wording and whom it lets speak (`sources`), and every quotation grouped
//! across sources (`quotes`). Built from the documents and their analysis once
//! per analysis, for the compare screen, `analyze --format json` and
//! `parallax compare`. Every cell that refers to text carries its [`Place`]
//! (document and byte range), so a screen can open the sentence it comes from.

mod coverage;
mod labels;
mod quotes;
mod sources;
pub mod text;

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;
use crate::framing::ANONYMOUS_SOURCE;
use crate::quotes::{Quotation, SpeakerKind};

pub use coverage::{Claim, Coverage, SourceCoverage};
pub use labels::{LabelName, LabelRow};
pub use quotes::{QuoteFlags, QuoteGroup, QuoteItem};
pub use sources::{CategoryDensity, LayerDensity, SourceRow, SpeakerCount, SpeakerKinds};

/// A stretch of one document's text: byte offsets into its `text`, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Place {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
}

impl Place {
    pub fn new(doc: usize, range: &std::ops::Range<usize>) -> Place {
        Place { doc, start: range.start, end: range.end }
    }

    /// Sentence `s` as a place.
    pub fn sentence(docs: &[Document], s: SentenceRef) -> Place {
        Place::new(s.doc, &docs[s.doc].sentences[s.sentence])
    }

    /// The text it covers.
    pub fn text<'a>(&self, docs: &'a [Document]) -> &'a str {
        docs[self.doc].text.get(self.start..self.end).unwrap_or_default()
    }
}

/// The four tables of a set of documents.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tables {
    pub coverage: Coverage,
    pub labels: Vec<LabelRow>,
    pub sources: Vec<SourceRow>,
    pub quotes: Vec<QuoteGroup>,
}

/// The tables by name, as `--table` takes them.
pub const TABLES: [&str; 4] = ["coverage", "labels", "sources", "quotes"];

impl Tables {
    pub fn build(docs: &[Document], analysis: &Analysis) -> Tables {
        let sourcing = Sourcing::new(docs, analysis);
        // Only `sources` needs another table (coverage): two threads build them (ECB+'s took
        // 30–40 ms on one in a profile, at the end of `analyze`, with nothing else left to run).
        let ((coverage, sources), (labels, quotes)) = crate::parallel::join(
            || {
                let coverage = coverage::build(docs, analysis, &sourcing);
                let sources = sources::build(docs, analysis, &coverage);
                (coverage, sources)
            },
            || (labels::build(docs, analysis), quotes::build(docs, analysis, &sourcing)),
        );
        Tables { coverage, labels, sources, quotes }
    }
}

/// A source's short name for a column: its outlet, else its title, else its file name.
pub fn source_name(doc: &Document) -> &str {
    doc.source
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| if doc.title.trim().is_empty() { doc.file_name() } else { doc.title.as_str() })
}

/// How a speaker is given, as the tables write it.
pub fn kind_id(kind: Option<SpeakerKind>) -> &'static str {
    match kind {
        Some(SpeakerKind::Name) => "name",
        Some(SpeakerKind::Role) => "role",
        Some(SpeakerKind::Pronoun) => "pronoun",
        None => "none",
    }
}

/// Whether a quotation's speaker is named: a name, or a pronoun standing for one.
fn is_named(q: &Quotation) -> bool {
    q.speaker.as_ref().is_some_and(|s| s.kind == SpeakerKind::Name || s.antecedent.is_some())
}

/// Whether a quotation is handed to an unnamed speaker given by a role ("a senior official").
fn is_anonymous(q: &Quotation) -> bool {
    q.speaker.as_ref().is_some_and(|s| s.kind == SpeakerKind::Role)
}

/// A key under which two ways of giving one speaker meet: "Donald Trump", "Trump" and "trump" are one.
fn speaker_key(q: &Quotation, text: &str) -> Option<String> {
    let name = q.speaker_name(text)?;
    let lower = crate::words::lower(name.trim());
    if is_named(q) { lower.split_whitespace().last().map(str::to_string) } else { Some(lower) }
}

/// Per sentence of each document: whether it names a source and whether it gives one anonymously
/// (a quotation's role speaker, or an anonymous-source phrase), for "rests on anonymous sourcing only".
struct Sourcing {
    /// By sentence: (named, anonymous).
    sentences: HashMap<SentenceRef, (bool, bool)>,
    /// The claim cluster each sentence belongs to (index into `analysis.clusters`).
    cluster_of: HashMap<SentenceRef, usize>,
}

impl Sourcing {
    fn new(docs: &[Document], analysis: &Analysis) -> Sourcing {
        let mut sentences: HashMap<SentenceRef, (bool, bool)> = HashMap::new();
        for (d, doc) in docs.iter().enumerate() {
            for q in analysis.quotes(d) {
                if let Some(sentence) = doc.sentence_at(q.range.start) {
                    let e = sentences.entry(SentenceRef { doc: d, sentence }).or_default();
                    e.0 |= is_named(q);
                    e.1 |= is_anonymous(q);
                }
            }
            for span in analysis.framing.get(d).into_iter().flatten().filter(|s| s.rule == ANONYMOUS_SOURCE) {
                if let Some(sentence) = doc.sentence_at(span.range.start) {
                    sentences.entry(SentenceRef { doc: d, sentence }).or_default().1 = true;
                }
            }
        }
        let mut cluster_of = HashMap::new();
        for (i, c) in analysis.clusters.iter().enumerate() {
            for &m in &c.members {
                cluster_of.entry(m).or_insert(i);
            }
        }
        Sourcing { sentences, cluster_of }
    }

    /// Every sentence is sourced anonymously and none names a source.
    fn anonymous_only(&self, members: &[SentenceRef]) -> bool {
        !members.is_empty()
            && members.iter().all(|m| self.sentences.get(m).is_some_and(|&(named, anonymous)| anonymous && !named))
    }
}

#[cfg(test)]
pub(crate) mod fixture;
