//! Opening articles from the web: each address is fetched (in parallel, with
//! a progress line per page), its article extracted by the library, and kept
//! in the cache with the time it was fetched. This is start-up work of the
//! binary; the analysis library only ever sees the text.

mod cache;
mod charset;
mod client;
mod progress;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use parallax::document::Document;
use parallax::load::{self, Format};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use client::parse_url;
use client::{Client, Failure};
use progress::{Progress, State};

/// Pages fetched at once; more would be rude to a site and gain little.
const PARALLEL: usize = 6;
pub const DEFAULT_TIMEOUT_SECS: f64 = 20.0;

#[derive(Clone, Debug)]
pub struct Options {
    /// Use only the cache, never the network.
    pub offline: bool,
    /// Fetch again even when the cache has the page.
    pub refresh: bool,
    /// The time budget of one page, redirects and body included.
    pub timeout: Duration,
    /// The largest body accepted, in bytes after decompression.
    pub max_size: u64,
}

/// `--timeout`: seconds, more than 0 and at most a day.
pub fn parse_timeout(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if v > 0.0 && v <= 24.0 * 3600.0 { Ok(v) } else { Err(format!("{v} is not between 0 and a day")) }
}

/// `--max-size`: bytes, or with a k or M suffix (powers of 1000, as the progress lines count).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (digits, unit) = (&t[..split], t[split..].trim());
    let scale = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        _ => return Err(format!("`{s}`: use bytes, or a k or M suffix (e.g. 500k, 10M)")),
    };
    let v: f64 = digits.parse().map_err(|_| format!("`{s}` is not a size"))?;
    let bytes = (v * scale).round();
    if (1.0..1e15).contains(&bytes) { Ok(bytes as u64) } else { Err(format!("`{s}` is not a usable size")) }
}

/// What came of opening the addresses, in their order: an article, or one
/// plain line saying why not; and warnings about the cache.
pub struct Opened {
    pub outcomes: Vec<Result<Document, String>>,
    pub warnings: Vec<String>,
}

/// Opens each of `urls` (checked by [`parse_url`]); an address given twice is fetched once.
pub fn open(urls: &[String], options: &Options) -> Opened {
    let cache = cache::Cache::new();
    let mut warnings = Vec::new();
    let mut unique: Vec<&str> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for url in urls {
        slot.entry(url).or_insert_with(|| {
            unique.push(url);
            unique.len() - 1
        });
    }
    let mut outcomes: Vec<Option<Result<Document, String>>> = vec![None; unique.len()];
    let mut cached: Vec<Option<Document>> = vec![None; unique.len()];
    let mut to_fetch = Vec::new();
    for (i, url) in unique.iter().enumerate() {
        match cache.get(url) {
            Ok(doc) => cached[i] = doc,
            Err(e) => warnings.push(e),
        }
        if options.offline {
            outcomes[i] = Some(cached[i].take().ok_or_else(|| format!("{url}: not in the cache (--offline)")));
        } else if !options.refresh && cached[i].is_some() {
            outcomes[i] = cached[i].take().map(Ok);
        } else {
            to_fetch.push(i);
        }
    }
    let jobs: Vec<&str> = to_fetch.iter().map(|&i| unique[i]).collect();
    for (&i, fetched) in to_fetch.iter().zip(fetch_all(&jobs, options)) {
        let url = unique[i];
        outcomes[i] = Some(match fetched {
            Ok(Fetched { doc, final_url, .. }) => {
                if let Err(e) = cache.put(url, &final_url, &doc) {
                    warnings.push(e);
                }
                Ok(doc)
            }
            // With --refresh, a page that cannot be fetched now is still the one kept before.
            Err(why) => match cached[i].take() {
                Some(doc) => {
                    let when = doc.fetched.as_deref().unwrap_or("earlier");
                    warnings.push(format!("{}; opening the copy fetched {when}", why.message(url)));
                    Ok(doc)
                }
                None => Err(why.message(url)),
            },
        });
    }
    let outcomes: Vec<_> = outcomes.into_iter().map(|o| o.expect("every address has an outcome")).collect();
    Opened { outcomes: urls.iter().map(|u| outcomes[slot[u.as_str()]].clone()).collect(), warnings }
}

/// A page fetched and its article extracted.
struct Fetched {
    doc: Document,
    /// Where the page was found after redirects.
    final_url: String,
    /// The body's size as received, decompressed.
    bytes: u64,
}

/// Why a page did not open.
#[derive(Debug)]
enum Why {
    /// Fetched, but holds no article (with the type when that is why).
    NoArticle(Option<String>),
    Failed(String),
}

impl Why {
    /// The line the user reads about `url`.
    fn message(&self, url: &str) -> String {
        match self {
            Why::NoArticle(None) => format!("no article text found at {url}"),
            Why::NoArticle(Some(what)) => format!("no article text found at {url} ({what})"),
            Why::Failed(why) => format!("{url}: {why}"),
        }
    }

    /// The same, on the address's own progress line.
    fn short(&self) -> String {
        match self {
            Why::NoArticle(None) => "no article text found".to_string(),
            Why::NoArticle(Some(what)) => format!("no article text found ({what})"),
            Why::Failed(why) => why.clone(),
        }
    }
}

enum Event {
    Progress { job: usize, received: u64, total: Option<u64> },
    Done { job: usize, outcome: Box<Result<Fetched, Why>> },
}

/// Fetches `urls` on up to [`PARALLEL`] threads while this one draws the progress lines.
fn fetch_all(urls: &[&str], options: &Options) -> Vec<Result<Fetched, Why>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let client = Client::new(options);
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<Result<Fetched, Why>>> = (0..urls.len()).map(|_| None).collect();
    let mut progress = Progress::new(urls.iter().map(|u| u.to_string()).collect());
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..PARALLEL.min(urls.len()) {
            let (tx, client, next) = (tx.clone(), &client, &next);
            scope.spawn(move || {
                loop {
                    let job = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(job) else { break };
                    let mut report = |received, total| {
                        let _ = tx.send(Event::Progress { job, received, total });
                    };
                    let outcome = fetch(client, url, &mut report);
                    let _ = tx.send(Event::Done { job, outcome: Box::new(outcome) });
                }
            });
        }
        drop(tx);
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(Event::Progress { job, received, total }) => progress.set(job, State::Receiving { received, total }),
                Ok(Event::Done { job, outcome }) => {
                    let state = match &*outcome {
                        Ok(f) => State::Done { bytes: f.bytes },
                        Err(why) => State::Failed(why.short()),
                    };
                    progress.set(job, state);
                    outcomes[job] = Some(*outcome);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            progress.tick();
        }
    });
    progress.finish();
    outcomes.into_iter().map(|o| o.expect("every fetch reports")).collect()
}

/// One page: fetched, decoded, its article extracted.
fn fetch(client: &Client, url: &str, report: &mut dyn FnMut(u64, Option<u64>)) -> Result<Fetched, Why> {
    let uri = parse_url(url).map_err(Why::Failed)?;
    let page = client.get(&uri, report).map_err(|f| match f {
        Failure::NotText(mime) => Why::NoArticle(Some(mime)),
        Failure::Failed(why) => Why::Failed(why),
    })?;
    let format = match page.mime.as_deref() {
        Some("text/plain") => Format::Plain,
        Some("text/markdown" | "text/x-markdown") => Format::Markdown,
        Some(_) => Format::Html,
        // No declared type: HTML starts with markup; NUL bytes mean no text at all.
        None if page.body.contains(&0) => return Err(Why::NoArticle(Some("a binary file".to_string()))),
        None if page.body.trim_ascii_start().starts_with(b"<") => Format::Html,
        None => Format::Plain,
    };
    let text = charset::decode(&page.body, page.charset.as_deref(), format == Format::Html);
    let mut doc = load::parse_page(url, &text, format).ok_or(Why::NoArticle(None))?;
    doc.fetched = Some(now());
    Ok(Fetched { doc, final_url: page.final_url, bytes: page.body.len() as u64 })
}

/// The current time in RFC 3339, UTC, to the second: `2026-11-21T10:04:05Z`.
fn now() -> String {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now).format(&Rfc3339).expect("a UTC time formats as RFC 3339")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_timeouts_from_the_command_line() {
        assert_eq!(parse_size("10M"), Ok(10_000_000));
        assert_eq!(parse_size("1.5 kB"), Ok(1_500));
        assert_eq!(parse_size("2048"), Ok(2_048));
        assert!(parse_size("ten").is_err() && parse_size("0").is_err() && parse_size("5G").is_err());
        assert_eq!(parse_timeout("0.5"), Ok(0.5));
        assert!(parse_timeout("0").is_err() && parse_timeout("-3").is_err() && parse_timeout("soon").is_err());
    }
}
