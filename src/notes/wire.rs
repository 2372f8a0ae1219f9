//! Annotations as W3C Web Annotation JSON: what the notes files hold (one
//! annotation a line) and what `notes export --format jsonld` writes (an
//! AnnotationCollection). Reading accepts what other tools write too: a single
//! body or selector instead of a list, a creator as a name or an object, no
//! position selector.
//!
//! A note is `motivation: commenting` with a commenting body (its text) and
//! tagging bodies; a mark is `motivation: classifying` with a classifying body
//! (its category id) and, for its neutral rewording, an editing body. The text
//! the selectors were taken from is named by its SHA-256 in
//! `target["parallax:textSha256"]`, defined in the extra context below.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::{Annotation, Kind, Target, TextPosition, TextQuote, category_from_id};

/// The Web Annotation context.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The namespace of parallax's one extra property. `.invalid` is reserved
/// (RFC 2606): it names the vocabulary without pretending to be a web page.
pub const PARALLAX_NS: &str = "https://parallax.invalid/ns#";

/// The `@context` of exported annotations.
pub fn context() -> Value {
    serde_json::json!([ANNO_CONTEXT, { "parallax": PARALLAX_NS }])
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WireError {
    #[error("{0}")]
    Json(String),
    #[error("type is `{0}`, not `Annotation`")]
    NotAnAnnotation(String),
    #[error("target has no TextQuoteSelector")]
    NoQuote,
    #[error("mark has no category (a body with purpose `classifying`)")]
    NoCategory,
    #[error("unknown category `{0}` (one of loaded, label, hedge, booster, attribution, passive, scare_quote)")]
    UnknownCategory(String),
}

#[derive(Serialize, Deserialize)]
pub struct WireAnnotation {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    motivation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "creator")]
    creator: Option<Creator>,
    #[serde(default)]
    created: String,
    #[serde(default)]
    modified: String,
    #[serde(default, deserialize_with = "one_or_many")]
    body: Vec<Body>,
    target: WireTarget,
}

#[derive(Serialize, Deserialize)]
struct Creator {
    #[serde(rename = "type")]
    kind: String,
    name: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    #[serde(rename = "type", default = "textual_body")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    purpose: Option<String>,
    #[serde(default)]
    value: String,
}

fn textual_body() -> String {
    "TextualBody".into()
}

#[derive(Serialize, Deserialize)]
struct WireTarget {
    source: String,
    #[serde(rename = "parallax:textSha256", default, skip_serializing_if = "String::is_empty")]
    text_sha256: String,
    #[serde(default, deserialize_with = "one_or_many")]
    selector: Vec<Selector>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type")]
enum Selector {
    #[serde(rename = "TextQuoteSelector")]
    Quote {
        exact: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        suffix: String,
    },
    #[serde(rename = "TextPositionSelector")]
    Position { start: usize, end: usize },
    /// Selectors of other kinds (CSS, XPath, …) are kept out of the way.
    #[serde(other, skip_serializing)]
    Other,
}

fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::Many(v) => v,
        OneOrMany::One(x) => vec![x],
    })
}

/// A creator as an object with a name, a bare name, or an IRI.
fn creator<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Creator>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(name) => Some(Creator { kind: "Person".into(), name }),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("nickname"))
            .and_then(Value::as_str)
            .map(|n| Creator { kind: "Person".into(), name: n.to_string() }),
        _ => None,
    })
}

impl WireAnnotation {
    pub fn from_annotation(a: &Annotation) -> WireAnnotation {
        let body_of = |purpose: &str, value: &str| Body {
            kind: textual_body(),
            purpose: Some(purpose.to_string()),
            value: value.to_string(),
        };
        let mut body = Vec::new();
        if !a.text.is_empty() {
            body.push(body_of("commenting", &a.text));
        }
        body.extend(a.tags.iter().map(|t| body_of("tagging", t)));
        let motivation = match &a.kind {
            Kind::Note => "commenting",
            Kind::Mark { category, rewording } => {
                body.push(body_of("classifying", category.id()));
                if let Some(r) = rewording {
                    body.push(body_of("editing", r));
                }
                "classifying"
            }
        };
        let t = &a.target;
        WireAnnotation {
            context: None,
            id: a.id.clone(),
            kind: "Annotation".into(),
            motivation: Some(motivation.into()),
            creator: a.creator.as_ref().map(|name| Creator { kind: "Person".into(), name: name.clone() }),
            created: a.created.clone(),
            modified: a.modified.clone(),
            body,
            target: WireTarget {
                source: t.source.clone(),
                text_sha256: t.text_sha256.clone(),
                selector: vec![
                    Selector::Quote {
                        exact: t.quote.exact.clone(),
                        prefix: t.quote.prefix.clone(),
                        suffix: t.quote.suffix.clone(),
                    },
                    Selector::Position { start: t.position.start, end: t.position.end },
                ],
            },
        }
    }

    pub fn into_annotation(self) -> Result<Annotation, WireError> {
        if self.kind != "Annotation" {
            return Err(WireError::NotAnAnnotation(self.kind));
        }
        let mut quote = None;
        let mut position = TextPosition::default();
        for s in self.target.selector {
            match s {
                Selector::Quote { exact, prefix, suffix } => quote = Some(TextQuote { exact, prefix, suffix }),
                Selector::Position { start, end } => position = TextPosition { start, end },
                Selector::Other => {}
            }
        }
        let quote = quote.ok_or(WireError::NoQuote)?;
        let (mut text, mut tags, mut category, mut rewording) = (Vec::new(), Vec::new(), None, None);
        for b in self.body {
            match b.purpose.as_deref() {
                Some("tagging") => tags.push(b.value),
                Some("classifying") => category = Some(b.value),
                Some("editing") => rewording = Some(b.value),
                // Bodies without text (a link to a resource) carry nothing parallax shows.
                _ if b.value.is_empty() => {}
                _ => text.push(b.value),
            }
        }
        let kind = match (self.motivation.as_deref(), category) {
            (_, Some(c)) => {
                Kind::Mark { category: category_from_id(&c).ok_or(WireError::UnknownCategory(c))?, rewording }
            }
            (Some("classifying"), None) => return Err(WireError::NoCategory),
            _ => Kind::Note,
        };
        Ok(Annotation {
            id: self.id,
            kind,
            text: text.join("\n\n"),
            tags,
            creator: self.creator.map(|c| c.name),
            created: self.created,
            modified: self.modified,
            target: Target { source: self.target.source, text_sha256: self.target.text_sha256, quote, position },
        })
    }
}

/// One annotation from JSON text.
pub fn parse(json: &str) -> Result<Annotation, WireError> {
    serde_json::from_str::<WireAnnotation>(json)
        .map_err(|e| WireError::Json(e.to_string()))
        .and_then(WireAnnotation::into_annotation)
}

/// The annotations in an exported file: an AnnotationCollection (its first
/// page's items, as `notes export --format jsonld` writes), an AnnotationPage,
/// a list, a single annotation, or a notes file (one annotation a line, after a
/// header line). Errors name the line (for line-based files) or the item.
pub fn parse_any(text: &str) -> Result<Vec<Annotation>, String> {
    let trimmed = text.trim_start();
    match serde_json::from_str::<Value>(trimmed) {
        Ok(value) => annotations_in(value),
        // Not one JSON value: a file of one annotation a line.
        Err(_) if trimmed.lines().filter(|l| !l.trim().is_empty()).count() > 1 => {
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                let value: Value = match serde_json::from_str(line) {
                    Ok(v) => v,
                    Err(_) if line.trim().is_empty() => continue,
                    Err(e) => return Err(format!("line {}: {e}", i + 1)),
                };
                if value.get("type").and_then(Value::as_str) == Some(super::store::HEADER_TYPE) {
                    continue;
                }
                out.push(from_value(value).map_err(|e| format!("line {}: {e}", i + 1))?);
            }
            Ok(out)
        }
        Err(e) => Err(e.to_string()),
    }
}

fn annotations_in(value: Value) -> Result<Vec<Annotation>, String> {
    let items = match value.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => value.get("first").and_then(|p| p.get("items")).cloned(),
        Some("AnnotationPage") => value.get("items").cloned(),
        _ => None,
    };
    let list = match (items, value) {
        (Some(Value::Array(items)), _) => items,
        (_, Value::Array(items)) => items,
        (_, single @ Value::Object(_)) => vec![single],
        _ => return Err("expected annotations (an AnnotationCollection, a list or an annotation)".into()),
    };
    list.into_iter().enumerate().map(|(i, v)| from_value(v).map_err(|e| format!("annotation {}: {e}", i + 1))).collect()
}

fn from_value(value: Value) -> Result<Annotation, WireError> {
    serde_json::from_value::<WireAnnotation>(value)
        .map_err(|e| WireError::Json(e.to_string()))
        .and_then(WireAnnotation::into_annotation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::Category;

    fn sample(kind: Kind) -> Annotation {
        Annotation {
            id: "urn:uuid:00000000-0000-4000-8000-000000000001".into(),
            kind,
            text: "Who says so?".into(),
            tags: vec!["sources".into()],
            creator: Some("Ana".into()),
            created: "2026-11-21T10:00:00.000Z".into(),
            modified: "2026-11-21T10:05:00.000Z".into(),
            target: Target {
                source: "file:///class/a.txt".into(),
                text_sha256: "ab".repeat(32),
                quote: TextQuote {
                    exact: "officials said".into(),
                    prefix: "Senior ".into(),
                    suffix: " on Monday".into(),
                },
                position: TextPosition { start: 7, end: 21 },
            },
        }
    }

    #[test]
    fn notes_and_marks_round_trip() {
        for kind in [Kind::Note, Kind::Mark { category: Category::Attribution, rewording: Some("they said".into()) }] {
            let a = sample(kind);
            let json = serde_json::to_string(&WireAnnotation::from_annotation(&a)).unwrap();
            assert_eq!(parse(&json).unwrap(), a);
        }
    }

    #[test]
    fn the_json_follows_the_web_annotation_model() {
        let a = sample(Kind::Mark { category: Category::Loaded, rewording: None });
        let v = serde_json::to_value(WireAnnotation::from_annotation(&a)).unwrap();
        assert_eq!(v["type"], "Annotation");
        assert_eq!(v["motivation"], "classifying");
        assert_eq!(v["creator"], serde_json::json!({"type": "Person", "name": "Ana"}));
        assert_eq!(
            v["body"][0],
            serde_json::json!({"type": "TextualBody", "purpose": "commenting", "value": "Who says so?"})
        );
        assert_eq!(v["body"][2]["purpose"], "classifying");
        assert_eq!(v["body"][2]["value"], "loaded");
        let sel = &v["target"]["selector"];
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1], serde_json::json!({"type": "TextPositionSelector", "start": 7, "end": 21}));
    }

    #[test]
    fn other_tools_annotations_are_read() {
        // A single body and selector, a creator IRI, no position, no hash.
        let json = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "x", "type": "Annotation",
            "body": {"type": "TextualBody", "value": "hm"}, "creator": "Bea",
            "target": {"source": "https://example.org/a", "selector": {"type": "TextQuoteSelector", "exact": "w"}}}"#;
        let a = parse(json).unwrap();
        assert_eq!((a.text.as_str(), a.kind, a.creator.as_deref()), ("hm", Kind::Note, Some("Bea")));
        assert_eq!(a.target.quote.exact, "w");
    }

    #[test]
    fn invalid_annotations_say_why() {
        let no_quote = r#"{"id": "x", "type": "Annotation", "target": {"source": "s", "selector": []}}"#;
        assert_eq!(parse(no_quote), Err(WireError::NoQuote));
        let bad_category = r#"{"id": "x", "type": "Annotation", "body": {"purpose": "classifying", "value": "spin"},
            "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "w"}}}"#;
        assert!(parse(bad_category).unwrap_err().to_string().contains("unknown category `spin`"));
        assert!(matches!(parse("{"), Err(WireError::Json(_))));
    }

    #[test]
    fn collections_lists_and_lines_are_all_read() {
        let one = serde_json::to_value(WireAnnotation::from_annotation(&sample(Kind::Note))).unwrap();
        let collection = serde_json::json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [one.clone(), one.clone()]}});
        assert_eq!(parse_any(&collection.to_string()).unwrap().len(), 2);
        assert_eq!(parse_any(&serde_json::json!([one.clone()]).to_string()).unwrap().len(), 1);
        let lines = format!("{{\"type\": \"{}\"}}\n{one}\n\n{one}\n", super::super::store::HEADER_TYPE);
        assert_eq!(parse_any(&lines).unwrap().len(), 2);
        let broken = format!("{one}\n{{\"id\": 1\n");
        assert!(parse_any(&broken).unwrap_err().starts_with("line 2:"), "{:?}", parse_any(&broken));
    }
}
