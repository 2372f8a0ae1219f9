//! `parallax notes export`: notes and marks as Web Annotation JSON-LD (for
//! other tools, and for handing marks in), Markdown (for reading) and CSV (for
//! a spreadsheet).

use serde::Serialize;
use serde_json::Value;

use super::wire::{self, WireAnnotation};
use super::{Annotation, Kind, Placement};
use crate::markup;

/// Where an exported annotation stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// Exported as stored (the document was not given, so not placed).
    Stored,
    /// Placed in the current text; the selectors describe it there.
    Placed(Placement),
    /// Its passage is no longer in the text; the selectors are the stored ones.
    Orphaned,
}

impl Status {
    fn describe(self) -> String {
        match self {
            Status::Stored => "stored".into(),
            Status::Placed(Placement::Position | Placement::Quote) => "placed".into(),
            Status::Placed(Placement::Fuzzy { similarity }) => format!("approximate ({:.0} %)", similarity * 100.0),
            Status::Orphaned => "orphaned".into(),
        }
    }
}

/// The annotations of one document.
#[derive(Clone, Debug)]
pub struct Group {
    /// The document's IRI.
    pub source: String,
    /// Its title, when the document was loaded.
    pub title: Option<String>,
    pub items: Vec<(Annotation, Status)>,
}

impl Group {
    fn heading(&self) -> String {
        let name = super::source_name(&self.source);
        match &self.title {
            Some(t) if *t != name => format!("{t} ({name})"),
            _ => name,
        }
    }
}

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: Value,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    first: Page,
}

#[derive(Serialize)]
struct Page {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<WireAnnotation>,
}

/// An AnnotationCollection with every annotation on its first page.
/// `creator` (a student's name) is set on every annotation when given.
pub fn jsonld(groups: &[Group], creator: Option<&str>) -> String {
    let items: Vec<WireAnnotation> = groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|(a, _)| {
            let mut a = a.clone();
            if let Some(name) = creator {
                a.creator = Some(name.to_string());
            }
            WireAnnotation::from_annotation(&a)
        })
        .collect();
    let collection = Collection {
        context: wire::context(),
        id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        kind: "AnnotationCollection",
        label: "parallax notes",
        total: items.len(),
        first: Page { kind: "AnnotationPage", start_index: 0, items },
    };
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

/// A readable list: per document, each note with the words it is on.
pub fn markdown(groups: &[Group]) -> String {
    let mut out = String::from("# Notes\n");
    for g in groups.iter().filter(|g| !g.items.is_empty()) {
        out.push_str(&format!("\n## {}\n\n", markup::markdown(&g.heading())));
        for (a, status) in &g.items {
            let what = match &a.kind {
                Kind::Note => "Note".to_string(),
                Kind::Mark { category, .. } => format!("Mark: {}", category.name()),
            };
            let orphan =
                if *status == Status::Orphaned { " (orphaned: the passage is no longer in the text)" } else { "" };
            out.push_str(&format!("- **{what}** on “{}”{orphan}\n", markup::markdown(&a.target.quote.exact)));
            if !a.text.is_empty() {
                for para in a.text.split("\n\n") {
                    out.push_str(&format!("\n  {}\n", markup::markdown(para)));
                }
            }
            if let Kind::Mark { rewording: Some(r), .. } = &a.kind {
                out.push_str(&format!("\n  Neutral wording: “{}”\n", markup::markdown(r)));
            }
            if !a.tags.is_empty() {
                let tags: Vec<String> = a.tags.iter().map(|t| format!("`{}`", t.replace('`', "'"))).collect();
                out.push_str(&format!("\n  Tags: {}\n", tags.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}

const CSV_HEADER: [&str; 17] = [
    "document",
    "source",
    "id",
    "kind",
    "category",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "text",
    "tags",
    "rewording",
    "creator",
    "created",
    "modified",
    "status",
];

/// One row per annotation; positions in code points; tags joined by `;`.
pub fn csv(groups: &[Group]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    for g in groups {
        let document = g.heading();
        for (a, status) in &g.items {
            let (kind, category, rewording) = match &a.kind {
                Kind::Note => ("note", "", ""),
                Kind::Mark { category, rewording } => ("mark", category.id(), rewording.as_deref().unwrap_or("")),
            };
            let t = &a.target;
            let row = [
                document.as_str(),
                &t.source,
                &a.id,
                kind,
                category,
                &t.quote.exact,
                &t.quote.prefix,
                &t.quote.suffix,
                &t.position.start.to_string(),
                &t.position.end.to_string(),
                &a.text,
                &a.tags.join(";"),
                rewording,
                a.creator.as_deref().unwrap_or(""),
                &a.created,
                &a.modified,
                &status.describe(),
            ]
            .map(markup::csv_cell);
            let _ = w.write_record(&row);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::Category;
    use crate::notes::{Target, TextPosition, TextQuote};

    fn annotation(kind: Kind, text: &str, exact: &str) -> Annotation {
        Annotation {
            id: format!("urn:uuid:{exact}"),
            kind,
            text: text.into(),
            tags: vec!["a".into(), "b".into()],
            creator: None,
            created: "2026-11-21T10:00:00.000Z".into(),
            modified: "2026-11-21T10:00:00.000Z".into(),
            target: Target {
                source: "file:///class/story%20one.txt".into(),
                text_sha256: String::new(),
                quote: TextQuote { exact: exact.into(), prefix: "p".into(), suffix: "s".into() },
                position: TextPosition { start: 3, end: 3 + exact.chars().count() },
            },
        }
    }

    fn groups() -> Vec<Group> {
        vec![Group {
            source: "file:///class/story%20one.txt".into(),
            title: Some("Story <one>".into()),
            items: vec![
                (annotation(Kind::Note, "=cmd|' /C calc'!A0", "officials said"), Status::Placed(Placement::Quote)),
                (
                    annotation(
                        Kind::Mark { category: Category::Loaded, rewording: Some("bad".into()) },
                        "",
                        "*a disaster*",
                    ),
                    Status::Orphaned,
                ),
            ],
        }]
    }

    #[test]
    fn jsonld_is_a_collection_that_reads_back() {
        let out = jsonld(&groups(), Some("Ana"));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["@context"][0], wire::ANNO_CONTEXT);
        assert_eq!(v["type"], "AnnotationCollection");
        assert_eq!(v["total"], 2);
        let back = wire::parse_any(&out).unwrap();
        assert_eq!(back.len(), 2);
        assert!(back.iter().all(|a| a.creator.as_deref() == Some("Ana")));
        assert_eq!(back[1].category(), Some(Category::Loaded));
    }

    #[test]
    fn markdown_lists_notes_escaped() {
        let out = markdown(&groups());
        assert!(out.contains("## Story \\<one\\> (story one.txt)"), "{out}");
        assert!(out.contains("- **Mark: loaded language** on “\\*a disaster\\*” (orphaned"), "{out}");
        assert!(out.contains("Neutral wording: “bad”"));
        assert!(out.contains("Tags: `a`, `b`"));
    }

    #[test]
    fn csv_has_one_row_per_annotation_and_no_formulas() {
        let out = csv(&groups());
        let mut r = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][10], "'=cmd|' /C calc'!A0");
        assert_eq!((&rows[1][3], &rows[1][4], &rows[1][16]), ("mark", "loaded", "orphaned"));
        assert_eq!(&rows[0][11], "a;b");
    }
}
