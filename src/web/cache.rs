//! Fetched articles kept in `$XDG_CACHE_HOME/parallax/pages/` (else
//! `~/.cache/parallax/pages/`), one JSON file per address, named by the
//! SHA-256 of the address. The file holds the extracted article (title, source,
//! date, text) with the time it was fetched, so opening a cached page reads one
//! small file and does no HTML work.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use parallax::document::{Document, Meta};
use serde::{Deserialize, Serialize};

/// Bumped when the entry's meaning changes; other versions are fetched again.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Entry {
    parallax_cache: u32,
    url: String,
    /// Where the page was after redirects.
    final_url: String,
    fetched: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    text: String,
}

pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// The user's cache directory; `None` when there is no home to put it in.
    pub fn new() -> Cache {
        Cache { dir: parallax::paths::cache_dir().map(|d| d.join("pages")) }
    }

    /// The article cached for `url`. `Ok(None)` when there is none (or it was
    /// written by another version of the format); an unreadable entry is an error.
    pub fn get(&self, url: &str) -> Result<Option<Document>, String> {
        let Some(file) = self.file(url) else { return Ok(None) };
        let bytes = match fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read: {e}", file.display())),
        };
        let entry: Entry =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: broken cache entry: {e}", file.display()))?;
        if entry.parallax_cache != VERSION || entry.url != url {
            return Ok(None);
        }
        let meta = Meta {
            path: entry.url.clone(),
            title: Some(entry.title),
            source: entry.source,
            date: entry.date,
            url: Some(entry.url),
            fetched: Some(entry.fetched),
        };
        Ok(Some(Document::new(meta, entry.text)))
    }

    /// Keeps `doc`, fetched from `url` (ending at `final_url`). Written to a
    /// temporary file and renamed, so a reader never sees half an entry.
    pub fn put(&self, url: &str, final_url: &str, doc: &Document) -> Result<(), String> {
        let Some(file) = self.file(url) else {
            return Err("no cache directory (neither XDG_CACHE_HOME nor HOME is set)".to_string());
        };
        let entry = Entry {
            parallax_cache: VERSION,
            url: url.to_string(),
            final_url: final_url.to_string(),
            fetched: doc.fetched.clone().unwrap_or_default(),
            title: doc.title.clone(),
            source: doc.source.clone(),
            date: doc.date.clone(),
            text: doc.text.clone(),
        };
        let json = serde_json::to_vec(&entry).expect("an entry serialises");
        write_atomically(&file, &json).map_err(|e| format!("{}: cannot write the cache: {e}", file.display()))
    }

    fn file(&self, url: &str) -> Option<PathBuf> {
        let digest = ring::digest::digest(&ring::digest::SHA256, url.as_bytes());
        let name: String = digest.as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect();
        Some(self.dir.as_ref()?.join(format!("{name}.json")))
    }
}

fn write_atomically(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = file.parent().expect("an entry lives in a directory");
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("entry"),
        std::process::id()
    ));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, file).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache_in(dir: &Path) -> Cache {
        Cache { dir: Some(dir.join("pages")) }
    }

    fn article(url: &str) -> Document {
        let meta = Meta {
            path: url.into(),
            title: Some("Harbour talks stall".into()),
            source: Some("Coastal Herald".into()),
            date: Some("2025-07-25".into()),
            url: Some(url.into()),
            fetched: Some("2026-11-21T10:04:05Z".into()),
        };
        Document::new(meta, "By Mara Quill\n\nNegotiators walked out. The talks stalled.".into())
    }

    #[test]
    fn an_article_comes_back_as_it_was_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = cache_in(tmp.path());
        let url = "https://example.org/harbour?x=1#top";
        assert_eq!(cache.get(url).unwrap(), None);
        let doc = article(url);
        cache.put(url, "https://example.org/harbour", &doc).unwrap();
        assert_eq!(cache.get(url).unwrap(), Some(doc));
        assert_eq!(cache.get("https://example.org/other").unwrap(), None);
        let files: Vec<_> = fs::read_dir(tmp.path().join("pages")).unwrap().collect();
        assert_eq!(files.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_broken_entry_is_an_error_and_another_format_a_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = cache_in(tmp.path());
        let url = "https://example.org/a";
        let file = cache.file(url).unwrap();
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, "{not json").unwrap();
        assert!(cache.get(url).unwrap_err().contains("broken cache entry"));
        cache.put(url, url, &article(url)).unwrap();
        let text = fs::read_to_string(&file).unwrap().replace("\"parallax_cache\":1", "\"parallax_cache\":99");
        fs::write(&file, text).unwrap();
        assert_eq!(cache.get(url).unwrap(), None);
    }

    #[test]
    fn no_cache_directory_means_nothing_cached() {
        let cache = Cache { dir: None };
        assert_eq!(cache.get("https://example.org/a").unwrap(), None);
        assert!(
            cache.put("https://example.org/a", "https://example.org/a", &article("https://example.org/a")).is_err()
        );
    }
}
