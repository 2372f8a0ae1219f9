//! The framing dev sets as ../shared/eval/README.md feeds them (NewsWCL50 events 0–4 and BABE dev,
//! read at run time, never copied), their gold phrases as byte ranges into the loaded documents,
//! and the README's word tokens: shared by `eval_framing` and the test of issue 7's bar.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use parallax::document::Document;
use parallax::load::{self, Format};
use serde::Deserialize;

pub const NEWSWCL50: &str = "newswcl50/newswcl50_events.jsonl";
pub const BABE: &str = "babe/babe_dev.jsonl";

pub struct Run {
    pub docs: Vec<Document>,
    pub gold: Vec<Vec<Range<usize>>>,
    /// Every annotated phrase, of any code type (NewsWCL50's concept mentions too).
    pub annotated: Vec<Vec<Range<usize>>>,
}

pub struct Corpus {
    pub name: &'static str,
    pub runs: Vec<Run>,
    pub unaligned: usize,
}

#[derive(Deserialize)]
struct Event {
    articles: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    article_id: String,
    sentences: Vec<String>,
    annotations: Vec<Annotation>,
}

#[derive(Deserialize)]
struct Annotation {
    code_type: String,
    sent_idx: usize,
    start: usize,
    end: usize,
}

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// NewsWCL50: one run per event, one document per article (gold offsets are bytes of ASCII-normalised sentences).
pub fn newswcl50(path: &Path) -> Result<Corpus, String> {
    let mut corpus = Corpus { name: "newswcl50", runs: Vec::new(), unaligned: 0 };
    for line in read(path)?.lines().filter(|l| !l.trim().is_empty()) {
        let event: Event = serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut run = Run { docs: Vec::new(), gold: Vec::new(), annotated: Vec::new() };
        for a in &event.articles {
            let raw = format!("{}\n", a.sentences.join(" "));
            let doc = load::parse(&format!("{}.txt", a.article_id), &raw, Format::Plain);
            let offsets = align(&doc.text, &a.sentences, &mut corpus.unaligned);
            let at = |g: &Annotation| offsets[g.sent_idx].as_ref().map(|m| m[g.start]..m[g.end]);
            run.gold.push(a.annotations.iter().filter(|g| g.code_type == "PROPERTY").filter_map(at).collect());
            run.annotated.push(a.annotations.iter().filter_map(at).collect());
            run.docs.push(doc);
        }
        corpus.runs.push(run);
    }
    Ok(corpus)
}

#[derive(Deserialize)]
struct BabeSentence {
    id: String,
    text: String,
    spans: Vec<BabeSpan>,
    topic: String,
}

#[derive(Deserialize)]
struct BabeSpan {
    start: usize,
    end: usize,
}

/// BABE: one run per topic, one document per sentence (gold offsets are characters).
pub fn babe(path: &Path) -> Result<Corpus, String> {
    let mut corpus = Corpus { name: "babe", runs: Vec::new(), unaligned: 0 };
    let mut by_topic: BTreeMap<String, Run> = BTreeMap::new();
    for line in read(path)?.lines().filter(|l| !l.trim().is_empty()) {
        let s: BabeSentence = serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = load::parse(&format!("{}.txt", s.id), &format!("{}\n", s.text), Format::Plain);
        let offsets = align(&doc.text, std::slice::from_ref(&s.text), &mut corpus.unaligned);
        let byte = |c: usize| s.text.char_indices().nth(c).map_or(s.text.len(), |(b, _)| b);
        let gold: Vec<Range<usize>> = match &offsets[0] {
            Some(m) => s.spans.iter().map(|g| m[byte(g.start)]..m[byte(g.end)]).collect(),
            None => Vec::new(),
        };
        let run = by_topic.entry(s.topic).or_insert_with(|| Run {
            docs: Vec::new(),
            gold: Vec::new(),
            annotated: Vec::new(),
        });
        run.annotated.push(gold.clone());
        run.gold.push(gold);
        run.docs.push(doc);
    }
    corpus.runs = by_topic.into_values().collect();
    Ok(corpus)
}

/// Where each byte of each sentence lies in `text`, found in order. The
/// loader collapses runs of spaces, so sentences are matched with their
/// whitespace runs collapsed and trimmed.
fn align(text: &str, sentences: &[String], unaligned: &mut usize) -> Vec<Option<Vec<usize>>> {
    let mut cursor = 0;
    sentences
        .iter()
        .map(|s| {
            let (collapsed, map) = collapse(s);
            match text[cursor..].find(collapsed.as_str()) {
                Some(i) => {
                    let at = cursor + i;
                    cursor = at + collapsed.len();
                    Some(map.into_iter().map(|m| at + m).collect())
                }
                None => {
                    *unaligned += 1;
                    None
                }
            }
        })
        .collect()
}

/// `s` with whitespace runs as single spaces and no outer whitespace, and for
/// each byte offset of `s` (and its end) the corresponding offset in the result.
fn collapse(s: &str) -> (String, Vec<usize>) {
    let trimmed_start = s.len() - s.trim_start().len();
    let mut out = String::new();
    let mut map = vec![0; s.len() + 1];
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        if i < trimmed_start || c.is_whitespace() {
            pending_space = i >= trimmed_start;
            for k in 0..c.len_utf8() {
                map[i + k] = out.len();
            }
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for k in 0..c.len_utf8() {
            map[i + k] = out.len();
        }
        out.push(c);
    }
    map[s.len()] = out.len();
    (out, map)
}

/// Runs of letters or digits, with inner ' or - (the README's word tokens).
pub fn word_tokens(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let inner = matches!(c, '\'' | '-') && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        out.push(start..end);
        i = j;
    }
    out
}

pub fn overlaps_any(r: &Range<usize>, spans: &[Range<usize>]) -> bool {
    spans.iter().any(|s| s.start < r.end && r.start < s.end)
}
