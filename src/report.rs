//! The `analyze --format json` contract (schema 1). Later additions extend
//! these objects; existing fields keep their names and meaning.

use std::ops::Range;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::claims::{Cluster, Link, Refinement};
use crate::compare::Tables;
use crate::document::Document;
use crate::framing::{Category, Layer, View};

pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
pub struct Report<'a> {
    pub schema: u32,
    pub documents: Vec<DocumentOut<'a>>,
    pub framing: Vec<FramingOut<'a>>,
    pub links: Vec<LinkOut<'a>>,
    pub clusters: &'a [Cluster],
    /// Whether the link scores rest on the transformer's signals too.
    pub refinement: Refinement,
    /// The compare tables: `coverage`, `labels`, `sources`, `quotes` (see [`crate::compare`]).
    #[serde(flatten)]
    pub tables: Tables,
}

#[derive(Serialize)]
pub struct DocumentOut<'a> {
    pub index: usize,
    pub path: &'a str,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    /// When the page at `url` was fetched (RFC 3339, UTC); null for local files.
    pub fetched: Option<&'a str>,
    pub text: &'a str,
    pub sentences: Vec<SpanOut>,
    /// Quotations (marks included) and whose words they are.
    pub quotes: Vec<QuoteOut<'a>>,
}

#[derive(Serialize)]
pub struct QuoteOut<'a> {
    pub start: usize,
    pub end: usize,
    /// The sentence hands the quotation to someone, named or not.
    pub attributed: bool,
    pub speaker: Option<SpeakerOut<'a>>,
}

#[derive(Serialize)]
pub struct SpeakerOut<'a> {
    /// Where the sentence names the speaker.
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    /// The name, role or (for a pronoun) the earlier speaker's name it stands for.
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
}

/// A link; `a_span` / `b_span` name the clause of a sentence that carries more than one
/// claim when the link's evidence lies in it (absent for a whole sentence).
#[derive(Serialize)]
pub struct LinkOut<'a> {
    #[serde(flatten)]
    pub link: &'a Link,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_span: Option<SpanOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b_span: Option<SpanOut>,
}

#[derive(Serialize)]
pub struct FramingOut<'a> {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub rule: &'a str,
    pub term: &'a str,
    pub layer: Layer,
    /// Estimated share of such highlights annotators agree with, 0 to 1.
    pub confidence: f32,
    /// Inside a quotation: the quoted speaker's words, not the outlet's.
    pub quoted: bool,
    /// The quoted speaker, where the sentence names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<&'a str>,
}

/// The report of `analysis`, with the framing spans `view` shows.
pub fn build<'a>(docs: &'a [Document], analysis: &'a Analysis, view: &View) -> Report<'a> {
    Report {
        schema: SCHEMA,
        documents: docs
            .iter()
            .enumerate()
            .map(|(index, d)| DocumentOut {
                index,
                path: &d.path,
                title: &d.title,
                source: d.source.as_deref(),
                date: d.date.as_deref(),
                url: d.url.as_deref(),
                fetched: d.fetched.as_deref(),
                text: &d.text,
                sentences: d.sentences.iter().map(|r| SpanOut { start: r.start, end: r.end }).collect(),
                quotes: analysis
                    .quotes(index)
                    .iter()
                    .map(|q| QuoteOut {
                        start: q.range.start,
                        end: q.range.end,
                        attributed: q.attributed,
                        speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                            start: s.range.start,
                            end: s.range.end,
                            kind: crate::compare::kind_id(Some(s.kind)),
                            name: q.speaker_name(&d.text).unwrap_or_default(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
        framing: analysis
            .framing
            .iter()
            .enumerate()
            .flat_map(|(doc, spans)| {
                spans.iter().filter(|s| view.shows(s)).map(move |s| FramingOut {
                    doc,
                    start: s.range.start,
                    end: s.range.end,
                    category: s.category,
                    rule: &s.rule,
                    term: &docs[doc].text[s.range.clone()],
                    layer: s.layer(),
                    // Three decimals: the estimate is not more precise than that.
                    confidence: (s.confidence * 1000.0).round() / 1000.0,
                    quoted: s.is_quoted(),
                    speaker: analysis.quote_of(doc, s).and_then(|q| q.speaker_name(&docs[doc].text)),
                })
            })
            .collect(),
        links: analysis
            .links
            .iter()
            .map(|link| {
                let spans = analysis.clause_spans(link);
                let span = |r: Option<&Range<usize>>| r.map(|r| SpanOut { start: r.start, end: r.end });
                LinkOut {
                    link,
                    a_span: span(spans.and_then(|s| s.a.as_ref())),
                    b_span: span(spans.and_then(|s| s.b.as_ref())),
                }
            })
            .collect(),
        clusters: &analysis.clusters,
        refinement: analysis.refinement,
        tables: Tables::build(docs, analysis),
    }
}

/// The report as `analyze` prints it by default: framing as the reader first shows it ([`View::standard`]).
pub fn to_json(docs: &[Document], analysis: &Analysis) -> String {
    to_json_with(docs, analysis, &View::standard())
}

/// The report with the framing spans `view` shows.
pub fn to_json_with(docs: &[Document], analysis: &Analysis, view: &View) -> String {
    serde_json::to_string_pretty(&build(docs, analysis, view)).expect("report serialises")
}
