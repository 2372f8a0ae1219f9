//! Turning the user's inputs (files, directories, standard input, the bundled
//! seeds) into documents.

mod frontmatter;
mod html;
mod markdown;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::clean;
use crate::document::{Document, Meta};

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

/// Loads every input in order. A path that does not exist or cannot be read is
/// an error; binary files are skipped with a warning unless nothing else is left.
pub fn load_paths(inputs: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    let mut binaries = Vec::new();
    let mut stdin_used = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            if stdin_used {
                return Err(LoadError::StdinTwice);
            }
            stdin_used = true;
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| LoadError::Unreadable { path: "-".into(), reason: e.to_string() })?;
            push(&mut loaded, &mut binaries, "-", &bytes, Format::Plain);
            continue;
        }
        let shown = input.display().to_string();
        let meta = fs::metadata(input).map_err(|e| io_error(&shown, e))?;
        if meta.is_dir() {
            let files = directory_documents(input).map_err(|e| io_error(&shown, e))?;
            if files.is_empty() {
                return Err(LoadError::EmptyDirectory { path: shown });
            }
            for file in files {
                let name = file.display().to_string();
                let bytes = fs::read(&file).map_err(|e| io_error(&name, e))?;
                push(&mut loaded, &mut binaries, &name, &bytes, Format::from_path(&file));
            }
        } else {
            let bytes = fs::read(input).map_err(|e| io_error(&shown, e))?;
            push(&mut loaded, &mut binaries, &shown, &bytes, Format::from_path(input));
        }
    }
    if let (true, Some(path)) = (loaded.documents.is_empty(), binaries.into_iter().next()) {
        return Err(LoadError::Binary { path });
    }
    Ok(loaded)
}

fn push(loaded: &mut Loaded, binaries: &mut Vec<String>, path: &str, bytes: &[u8], format: Format) {
    if is_binary(bytes) {
        loaded.warnings.push(format!("{path}: skipped, binary file"));
        binaries.push(path.to_string());
        return;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            loaded.warnings.push(format!("{path}: not valid UTF-8, undecodable bytes replaced"));
            String::from_utf8_lossy(bytes)
        }
    };
    loaded.documents.push(parse(path, &text, format));
}

fn io_error(path: &str, e: std::io::Error) -> LoadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing { path: path.to_string() },
        _ => LoadError::Unreadable { path: path.to_string(), reason: e.to_string() },
    }
}

fn directory_documents(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && Format::is_document(p))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    files.sort();
    Ok(files)
}

/// NUL bytes do not occur in text; look at the start, as `git` and `grep` do.
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Parses decoded text of the given format into a document named `path`.
pub fn parse(path: &str, raw: &str, format: Format) -> Document {
    parse_as(path, raw, format, html::Require::AnyText)
}

/// A page fetched from `url` (the address the user gave, which names the
/// document): its article as [`parse`] extracts it, with the site's name as the
/// source, else the host. `None` when the page holds no article: a web page with
/// too little paragraph text (a paywall stub, a page of links), or an empty text.
pub fn parse_page(url: &str, body: &str, format: Format) -> Option<Document> {
    let mut doc = parse_as(url, body, format, html::Require::Article);
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

fn parse_as(path: &str, raw: &str, format: Format, require: html::Require) -> Document {
    let mut meta = Meta { path: path.to_string(), ..Meta::default() };
    let raw = clean::normalise_newlines(raw.strip_prefix('\u{FEFF}').unwrap_or(raw));
    let text = match format {
        Format::Plain => clean::clean_plain(frontmatter::split(&raw, &mut meta)),
        Format::Markdown => {
            let (paragraphs, _) = markdown::render(frontmatter::split(&raw, &mut meta));
            clean::clean_plain(&paragraphs.join("\n\n"))
        }
        Format::Html => match html::extract(&raw, &mut meta, require) {
            Some(paragraphs) => clean::clean_plain(&paragraphs.join("\n\n")),
            None => String::new(),
        },
    };
    for field in [&mut meta.title, &mut meta.source, &mut meta.date, &mut meta.url] {
        *field = field.take().map(|v| clean::strip_controls(&v).split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Document::new(meta, text)
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

    #[test]
    fn binary_detection() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary("plain text é".as_bytes()));
    }
}
