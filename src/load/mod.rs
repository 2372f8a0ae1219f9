//! Turning the user's inputs (files, directories, standard input, the bundled
//! seeds) into documents.

mod decode;
mod frontmatter;
mod html;
mod markdown;
mod read;

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::clean;
use crate::document::{Document, Meta};
use decode::{Decoded, decode};
pub use read::{DEFAULT_MAX_BYTES, Refusal, parse_size};

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    #[error("{path}: cannot read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: directory has no readable documents (.txt, .md, .html)")]
    EmptyDirectory { path: String },
    #[error("{path}: binary file, not a document")]
    Binary { path: String },
    #[error("{path}: refused: {refusal}")]
    Refused { path: String, refusal: Refusal },
    #[error("standard input was named more than once")]
    StdinTwice,
}

/// Documents loaded, with warnings for inputs that were skipped or repaired.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }

    /// Extensions a directory is searched for.
    fn is_document(path: &Path) -> bool {
        matches!(
            path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
            Some("txt" | "text" | "md" | "markdown" | "mdown" | "mkd" | "html" | "htm" | "xhtml")
        )
    }
}

/// [`load_paths_limited`] with the default limit of [`DEFAULT_MAX_BYTES`] per input.
pub fn load_paths(inputs: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_paths_limited(inputs, DEFAULT_MAX_BYTES)
}

/// Loads every input in order, reading at most `max_bytes` from each. A path
/// that does not exist, cannot be read, is not a regular file or directory, or
/// is larger than the limit is an error, and so is standard input beyond the
/// limit. In a directory, such files, and links to files outside it, are
/// skipped with a warning; so are binary files anywhere, unless nothing else is left.
pub fn load_paths_limited(inputs: &[PathBuf], max_bytes: u64) -> Result<Loaded, LoadError> {
    // Reading is quick and may fail early; decoding, cleaning and splitting into sentences is most
    // of the work, and each file's is independent: files are read in order, then parsed on two
    // threads, then taken in order again.
    let mut read_in: Vec<Read> = Vec::new();
    let mut stdin_used = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            if stdin_used {
                return Err(LoadError::StdinTwice);
            }
            stdin_used = true;
            read_in.push(("-".to_string(), Ok((read_input(input, max_bytes)?, Format::Plain))));
            continue;
        }
        let shown = input.display().to_string();
        let meta = fs::metadata(input).map_err(|e| io_error(&shown, e))?;
        if meta.is_dir() {
            let (files, skipped) = directory_documents(input).map_err(|e| io_error(&shown, e))?;
            if files.is_empty() && skipped.is_empty() {
                return Err(LoadError::EmptyDirectory { path: shown });
            }
            read_in.extend(skipped.into_iter().map(|(name, refusal)| (name, Err(refusal))));
            for (file, follow) in files {
                let name = file.display().to_string();
                let read = match read::file(&follow, max_bytes, false) {
                    Ok(bytes) => Ok((bytes, Format::from_path(&file))),
                    Err(read::ReadError::Refused(refusal)) => Err(refusal),
                    Err(read::ReadError::Io(e)) => return Err(io_error(&name, e)),
                };
                read_in.push((name, read));
            }
        } else {
            let bytes = read_input(input, max_bytes)?;
            read_in.push((shown, Ok((bytes, Format::from_path(input)))));
        }
    }
    let parsed = crate::parallel::map(&read_in, |(name, read)| {
        read.as_ref().map_err(Refusal::clone).map(|(bytes, format)| {
            let mut warnings = Vec::new();
            (from_bytes(name, bytes, *format, &mut warnings), warnings)
        })
    });
    let mut loaded = Loaded::default();
    // Reported when nothing at all could be loaded.
    let mut first_skipped = None;
    for ((name, _), parsed) in read_in.into_iter().zip(parsed) {
        match parsed {
            Ok((Ok(document), warnings)) => {
                loaded.warnings.extend(warnings);
                loaded.documents.push(document);
            }
            Ok((Err(e), warnings)) => {
                loaded.warnings.extend(warnings);
                loaded.warnings.push(format!("{name}: skipped, binary file"));
                first_skipped.get_or_insert(e);
            }
            Err(refusal) => {
                loaded.warnings.push(format!("{name}: skipped: {refusal}"));
                first_skipped.get_or_insert(LoadError::Refused { path: name, refusal });
            }
        }
    }
    if let (true, Some(error)) = (loaded.documents.is_empty(), first_skipped) {
        return Err(error);
    }
    Ok(loaded)
}

/// An input as read, with the name it is shown by: its bytes and format, or why it is skipped.
type Read = (String, Result<(Vec<u8>, Format), Refusal>);

/// The bytes of one input named by the user: a regular file (followed through
/// links), or standard input for `-`; at most `max_bytes` of it.
pub fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, LoadError> {
    if path.as_os_str() == "-" {
        return read::stdin(max_bytes).map_err(|e| read_error("-", e));
    }
    read::file(path, max_bytes, true).map_err(|e| read_error(&path.display().to_string(), e))
}

/// A document from a file's bytes: decoded (UTF-8, or UTF-16/UTF-32 with a byte
/// order mark), parsed as `format` and cleaned. Repairs and bounded work are
/// noted in `warnings`; a binary file is an error.
pub fn from_bytes(path: &str, bytes: &[u8], format: Format, warnings: &mut Vec<String>) -> Result<Document, LoadError> {
    match decode(bytes) {
        Decoded::Binary => Err(LoadError::Binary { path: path.to_string() }),
        Decoded::Text { text, replaced } => {
            if let Some(encoding) = replaced {
                warnings.push(format!("{path}: not valid {encoding}, undecodable bytes replaced"));
            }
            Ok(parse_reporting(path, &text, format, warnings))
        }
    }
}

fn read_error(path: &str, e: read::ReadError) -> LoadError {
    match e {
        read::ReadError::Refused(refusal) => LoadError::Refused { path: path.to_string(), refusal },
        read::ReadError::Io(e) => io_error(path, e),
    }
}

fn io_error(path: &str, e: std::io::Error) -> LoadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing { path: path.to_string() },
        _ => LoadError::Unreadable { path: path.to_string(), reason: e.to_string() },
    }
}

/// A directory's documents in name order, each as (name, path to open: a link's
/// target inside the directory).
type Listed = Vec<(PathBuf, PathBuf)>;

/// The documents of a directory and the entries refused, by name. Hidden files
/// and subdirectories are passed over.
fn directory_documents(dir: &Path) -> std::io::Result<(Listed, Vec<(String, Refusal)>)> {
    let canonical = fs::canonicalize(dir)?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if !Format::is_document(&path) || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            continue;
        }
        if kind.is_symlink() {
            match read::link_inside(&path, &canonical) {
                Ok(target) if target.is_dir() => {}
                Ok(target) => files.push((path, target)),
                Err(refusal) => skipped.push((path.display().to_string(), refusal)),
            }
        } else {
            files.push((path.clone(), path));
        }
    }
    files.sort();
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((files, skipped))
}

/// Parses decoded text of the given format into a document named `path`.
pub fn parse(path: &str, raw: &str, format: Format) -> Document {
    parse_reporting(path, raw, format, &mut Vec::new())
}

/// [`parse`], noting in `warnings` where the work was bounded or a fallback taken.
pub fn parse_reporting(path: &str, raw: &str, format: Format, warnings: &mut Vec<String>) -> Document {
    parse_as(path, raw, format, html::Require::AnyText, warnings)
}

/// A page fetched from `url` (the address the user gave, which names the
/// document): its article as [`parse`] extracts it, with the site's name as the
/// source, else the host. `None` when the page holds no article: a web page with
/// too little paragraph text (a paywall stub, a page of links), one nested too
/// deep to search for it, or an empty text.
pub fn parse_page(url: &str, body: &str, format: Format) -> Option<Document> {
    let mut doc = parse_as(url, body, format, html::Require::Article, &mut Vec::new());
    if doc.is_empty() {
        return None;
    }
    doc.url = Some(url.to_string());
    doc.source = doc.source.or_else(|| host(url));
    Some(doc)
}

/// The host of an http(s) URL without a leading `www.`, e.g. `example.org`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    // A port follows the last colon, except inside an IPv6 literal.
    let host = match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => &host[..i],
        _ => host,
    };
    let host = host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn parse_as(path: &str, raw: &str, format: Format, require: html::Require, warnings: &mut Vec<String>) -> Document {
    let mut meta = Meta { path: path.to_string(), ..Meta::default() };
    let raw = clean::normalise_newlines(raw.strip_prefix('\u{FEFF}').unwrap_or(raw));
    let text = match format {
        Format::Plain => clean::clean_plain(frontmatter::split(&raw, &mut meta)),
        Format::Markdown => {
            let (paragraphs, _) = markdown::render(frontmatter::split(&raw, &mut meta));
            clean::clean_plain(&paragraphs.join("\n\n"))
        }
        Format::Html => match html::extract(path, &raw, &mut meta, require, warnings) {
            Some(paragraphs) => clean::clean_plain(&paragraphs.join("\n\n")),
            None => String::new(),
        },
    };
    for field in [&mut meta.title, &mut meta.source, &mut meta.date, &mut meta.url] {
        // A value of nothing but controls or spaces is no value.
        *field = field
            .take()
            .map(|v| clean::strip_controls(&v).split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|v| !v.is_empty());
    }
    Document::new_reporting(meta, text, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_front_matter_names_the_pane() {
        let d = parse("a.md", "---\ntitle: Talks\nsource: Wire\n---\n# Heading\n\nBody *text*.\n", Format::Markdown);
        assert_eq!(d.title, "Talks");
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.text, "Heading\n\nBody text.");
    }

    #[test]
    fn html_article_is_extracted_without_scripts_or_nav() {
        let html = r#"<html><head><title>Envoy meets leaders</title><script>alert("x")</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoy meets leaders</h1><p class="byline">By A. Writer</p>
<p>The envoy met regional leaders on Tuesday to discuss a ceasefire proposal that would pause the fighting for sixty days.</p>
<p>Officials said the talks would continue next week in the capital, according to a statement released after the meeting.</p>
<p>Neither side commented on the prisoner exchange, which remains the main sticking point in the negotiations so far.</p></article>
<footer>Subscribe now</footer></body></html>"#;
        let d = parse("page.html", html, Format::Html);
        assert_eq!(d.title, "Envoy meets leaders");
        assert!(d.text.contains("The envoy met regional leaders"), "{}", d.text);
        assert!(!d.text.contains("alert"));
        assert!(!d.text.contains("Subscribe"));
    }

    #[test]
    fn a_fetched_page_is_named_by_its_site_else_its_host() {
        let body = "Negotiators walked out of the harbour talks on Tuesday. ".repeat(12);
        let d = parse_page("https://www.Example.org:8443/a/b?c#d", &body, Format::Plain).unwrap();
        assert_eq!(d.path, "https://www.Example.org:8443/a/b?c#d");
        assert_eq!(d.url.as_deref(), Some("https://www.Example.org:8443/a/b?c#d"));
        assert_eq!(d.source.as_deref(), Some("example.org"));
        assert_eq!(host("http://user:pw@[::1]:80/x").as_deref(), Some("[::1]"));
        assert_eq!(host("http:///x"), None);
        assert!(parse_page("https://example.org/", "  \n", Format::Plain).is_none());
    }
}
