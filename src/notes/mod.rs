//! Notes and marks on documents, kept safe across edits, crashes and a second
//! parallax.
//!
//! A note (a reader's comment, with tags) and a mark (a student's span of
//! framing language, with its category and an optional neutral rewording) are
//! both [`Annotation`]s in the W3C Web Annotation model: the passage is
//! described by a TextQuoteSelector (the exact words with about 32 characters
//! of context each side) and a TextPositionSelector (code points), so it can be
//! found again when the document changes ([`anchor`]). The document is named by
//! an IRI ([`source_of`]) and its text's SHA-256; notes live one file per
//! document in the data directory ([`store`]).

pub mod anchor;
pub mod export;
mod fuzzy;
pub mod store;
pub mod wire;

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::document::Document;
use crate::framing::Category;
pub use anchor::{Anchor, Placement, Text};
pub use store::{ChangeError, Draft, Entry, Notebook, SaveError, Store, StoreError};

/// The exact words of a passage with the characters just before and after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// A passage's start and end, in Unicode code points (end exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextPosition {
    pub start: usize,
    pub end: usize,
}

/// The passage an annotation is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The document's IRI (see [`source_of`]).
    pub source: String,
    /// SHA-256 (hex) of the text the selectors were taken from; empty when unknown.
    pub text_sha256: String,
    pub quote: TextQuote,
    pub position: TextPosition,
}

/// A note or a mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A comment on a passage.
    Note,
    /// A span the reader marks as framing language, with an optional neutral rewording of it.
    Mark { category: Category, rewording: Option<String> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// `urn:uuid:…`, unique across machines.
    pub id: String,
    pub kind: Kind,
    /// The note's text (for a mark: an optional comment).
    pub text: String,
    pub tags: Vec<String>,
    /// Who made it, when known (a student's name in exported marks).
    pub creator: Option<String>,
    /// RFC 3339, UTC.
    pub created: String,
    pub modified: String,
    pub target: Target,
}

impl Annotation {
    pub fn is_mark(&self) -> bool {
        matches!(self.kind, Kind::Mark { .. })
    }

    pub fn category(&self) -> Option<Category> {
        match self.kind {
            Kind::Mark { category, .. } => Some(category),
            Kind::Note => None,
        }
    }
}

/// The current time as RFC 3339 in UTC with milliseconds, always the same
/// width, so such strings sort in time order.
pub fn now() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// SHA-256 of a document's text, in lower-case hex.
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a document cannot carry notes.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SourceError {
    #[error("notes on standard input are refused: there is no file to anchor them to; save the text to a file first")]
    Stdin,
    #[error("{0}: cannot be found on disk, so notes could not be anchored to it")]
    NotAFile(String),
}

/// Characters left as they are in a file IRI's path.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The IRI naming a document in annotations: `file:///absolute/path` for a
/// file, the address itself for a page fetched from the web, and
/// `urn:x-parallax:seed:NAME` for a bundled article when no such file exists.
/// Standard input has no name: notes on it are refused.
pub fn source_of(doc: &Document) -> Result<String, SourceError> {
    let path = doc.path.as_str();
    if path == "-" {
        return Err(SourceError::Stdin);
    }
    if path.starts_with("http://") || path.starts_with("https://") {
        return Ok(path.to_string());
    }
    match std::fs::canonicalize(path) {
        Ok(absolute) => Ok(file_iri(&absolute)),
        Err(_) if crate::seeds::SEEDS.iter().any(|(p, _)| *p == path) => {
            Ok(format!("urn:x-parallax:seed:{}", doc.file_name()))
        }
        Err(_) => Err(SourceError::NotAFile(path.to_string())),
    }
}

fn file_iri(absolute: &Path) -> String {
    let path = absolute.to_string_lossy();
    format!("file://{}", utf8_percent_encode(&path, PATH_KEEP))
}

/// A short readable name for a source IRI: its last path segment, decoded.
pub fn source_name(source: &str) -> String {
    let last = source.trim_end_matches('/').rsplit(['/', ':']).next().unwrap_or(source);
    percent_encoding::percent_decode_str(last).decode_utf8_lossy().into_owned()
}

/// The category a mark names, by its id (`loaded`, `scare_quote`, …).
pub fn category_from_id(id: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| c.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_refused_with_a_reason() {
        let mut doc = Document::from_plain("-", "Some piped text.");
        assert_eq!(source_of(&doc), Err(SourceError::Stdin));
        assert!(SourceError::Stdin.to_string().contains("save the text"));
        doc.path = "/definitely/not/here.txt".into();
        assert!(matches!(source_of(&doc), Err(SourceError::NotAFile(_))));
    }

    #[test]
    fn files_are_named_by_absolute_percent_encoded_iris() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("my story #1.txt");
        std::fs::write(&path, "x").unwrap();
        let doc = Document::from_plain(path.to_str().unwrap(), "x");
        let iri = source_of(&doc).unwrap();
        assert!(iri.starts_with("file:///"), "{iri}");
        assert!(iri.ends_with("/my%20story%20%231.txt"), "{iri}");
        assert_eq!(source_name(&iri), "my story #1.txt");
    }

    #[test]
    fn web_pages_keep_their_address_and_seeds_a_stable_name() {
        let doc = Document::from_plain("https://example.org/a", "x");
        assert_eq!(source_of(&doc).unwrap(), "https://example.org/a");
        let seed = &crate::seeds::documents()[0];
        let iri = source_of(seed).unwrap();
        // From the repository root the seed is also a file; elsewhere it has a URN.
        assert!(iri.starts_with("file:///") || iri == "urn:x-parallax:seed:000_41da83b0a29dd146.txt", "{iri}");
    }

    #[test]
    fn times_have_a_fixed_width_and_sort() {
        let (a, b) = (now(), now());
        assert_eq!(a.len(), "2026-11-21T10:00:00.000Z".len(), "{a}");
        assert!(a.ends_with('Z') && a <= b);
    }

    #[test]
    fn text_hash_is_sha256_hex() {
        assert_eq!(text_sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn categories_parse_by_id() {
        assert_eq!(category_from_id("scare_quote"), Some(Category::ScareQuote));
        assert_eq!(category_from_id("Loaded"), None);
    }
}
