//! Scores parallax's framing highlights against the PROPERTY phrases of
//! NewsWCL50 (events 0–4, in ../shared/eval), as ../shared/eval/README.md
//! describes: each article is fed as one paragraph (sentences joined by
//! single spaces) through the same path as `parallax analyze`, word tokens
//! are runs of letters or digits with inner ' or -, a token is gold if it
//! overlaps a PROPERTY phrase and predicted if it overlaps a framing span.
//!
//!     cargo run --release --example eval_framing -- [--data FILE] [--vader FILE] [--lexicon FILE]...
//!
//! `--vader` adds the README's plain valence-word baseline: every word of
//! the (MIT-licensed) VADER lexicon with |valence| >= 1.5, read at run time.
//! The article texts are never copied anywhere; only figures are printed.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use parallax::analysis::{Analysis, Options};
use parallax::config::Source;
use parallax::document::Document;
use parallax::framing::{Category, Lexicon};
use parallax::load::{self, Format};
use serde::Deserialize;

const DEFAULT_DATA: &str = "../shared/eval/newswcl50/newswcl50_events.jsonl";
const VADER_MIN_VALENCE: f64 = 1.5;

#[derive(Deserialize)]
struct Event {
    event_id: u32,
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

/// One article as scored: its document, gold phrases and word tokens (byte ranges into `doc.text`).
struct Scored {
    doc: Document,
    gold: Vec<Range<usize>>,
    /// Every annotated phrase, of any code type: concept mentions (how an outlet names an actor) and properties.
    annotated: Vec<Range<usize>>,
    tokens: Vec<Range<usize>>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: usize,
    true_positive: usize,
    spans: usize,
    spans_hitting_gold: usize,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_framing: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DATA);
    let mut vader: Option<PathBuf> = None;
    let mut lexicons: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().map(PathBuf::from).ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = value()?,
            "--vader" => vader = Some(value()?),
            "--lexicon" => lexicons.push(value()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let text = std::fs::read_to_string(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let sources = lexicons.iter().map(|p| Source::read(p)).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    let (lexicon, warnings) = Lexicon::with_sources(&sources).map_err(|e| e.to_string())?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let options = Options { lexicon: Arc::new(lexicon), ..Options::default() };

    let mut articles: Vec<Scored> = Vec::new();
    let mut spans: Vec<Vec<(Range<usize>, Category)>> = Vec::new();
    let mut unaligned = 0;
    let mut events = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let event: Event = serde_json::from_str(line).map_err(|e| format!("{}: {e}", data.display()))?;
        let mut docs = Vec::new();
        let mut golds = Vec::new();
        let mut annotated = Vec::new();
        for a in &event.articles {
            let raw = format!("{}\n", a.sentences.join(" "));
            let doc = load::parse(&format!("{}.txt", a.article_id), &raw, Format::Plain);
            let offsets = align(&doc.text, &a.sentences, &mut unaligned);
            let gold = a
                .annotations
                .iter()
                .filter(|g| g.code_type == "PROPERTY")
                .filter_map(|g| offsets[g.sent_idx].as_ref().map(|m| m[g.start]..m[g.end]))
                .collect();
            golds.push(gold);
            annotated.push(
                a.annotations
                    .iter()
                    .filter_map(|g| offsets[g.sent_idx].as_ref().map(|m| m[g.start]..m[g.end]))
                    .collect::<Vec<_>>(),
            );
            docs.push(doc);
        }
        let analysis = Analysis::run(&docs, &options);
        for (((doc, gold), annotated), found) in docs.into_iter().zip(golds).zip(annotated).zip(analysis.framing) {
            spans.push(found.into_iter().map(|s| (s.range, s.category)).collect());
            let tokens = word_tokens(&doc.text);
            articles.push(Scored { doc, gold, annotated, tokens });
        }
        events.push(event.event_id);
    }
    if unaligned > 0 {
        eprintln!("warning: {unaligned} sentences could not be found in the document text; their phrases are skipped");
    }

    let gold_tokens: usize =
        articles.iter().map(|a| a.tokens.iter().filter(|t| overlaps_any(t, &a.gold)).count()).sum();
    let all_tokens: usize = articles.iter().map(|a| a.tokens.len()).sum();
    let gold_phrases: usize = articles.iter().map(|a| a.gold.len()).sum();
    println!(
        "NewsWCL50 events {events:?}: {} articles, {all_tokens} tokens, {gold_tokens} gold tokens, {gold_phrases} PROPERTY phrases",
        articles.len()
    );
    println!();
    println!(
        "{:<22} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8} {:>7}",
        "system", "tok P", "tok R", "tok F1", "span P", "span R", "density", "spans"
    );

    let all: Vec<Vec<Range<usize>>> = spans.iter().map(|s| s.iter().map(|(r, _)| r.clone()).collect()).collect();
    report("parallax (all)", &articles, &all, gold_tokens, gold_phrases, all_tokens);
    for c in Category::ALL {
        let only: Vec<Vec<Range<usize>>> =
            spans.iter().map(|s| s.iter().filter(|(_, k)| *k == c).map(|(r, _)| r.clone()).collect()).collect();
        report(&format!("  {}", c.id()), &articles, &only, gold_tokens, gold_phrases, all_tokens);
    }
    if let Some(path) = vader {
        let words = vader_words(&path)?;
        let predicted: Vec<Vec<Range<usize>>> = articles
            .iter()
            .map(|a| {
                a.tokens
                    .iter()
                    .filter(|t| words.contains_key(&a.doc.text[(*t).clone()].to_lowercase()))
                    .cloned()
                    .collect()
            })
            .collect();
        report("VADER |v|>=1.5", &articles, &predicted, gold_tokens, gold_phrases, all_tokens);
    }
    println!();
    println!("Per category: tok R is the share of all gold tokens that category's spans cover.");
    // Labels name actors; NewsWCL50 marks those names as concept mentions rather than PROPERTY phrases.
    let (labels, in_mentions) = articles.iter().zip(&spans).fold((0, 0), |(n, hit), (a, s)| {
        let label: Vec<&Range<usize>> = s.iter().filter(|(_, c)| *c == Category::Label).map(|(r, _)| r).collect();
        (n + label.len(), hit + label.iter().filter(|r| overlaps_any(r, &a.annotated)).count())
    });
    println!(
        "Label spans overlapping any annotated phrase (concept mentions included): {in_mentions}/{labels} = {:.3}",
        if labels == 0 { 0.0 } else { in_mentions as f64 / labels as f64 }
    );
    // How far word-level highlights can go: the phrases are multi-word judgements, so even a highlight that finds
    // a phrase covers only part of it. This is the recall if every phrase some span touches were covered whole.
    let whole: usize = articles
        .iter()
        .zip(&all)
        .map(|(a, p)| {
            let touched: Vec<Range<usize>> = a.gold.iter().filter(|g| overlaps_any(g, p)).cloned().collect();
            a.tokens.iter().filter(|t| overlaps_any(t, &touched)).count()
        })
        .sum();
    println!(
        "Gold tokens in the phrases parallax touches (tok R if each were highlighted whole): {whole}/{gold_tokens} = {:.3}",
        whole as f64 / gold_tokens.max(1) as f64
    );
    Ok(())
}

fn report(
    name: &str,
    articles: &[Scored],
    predicted: &[Vec<Range<usize>>],
    gold_tokens: usize,
    gold_phrases: usize,
    all_tokens: usize,
) {
    let mut c = Counts::default();
    let mut phrases_hit = 0;
    for (a, p) in articles.iter().zip(predicted) {
        for t in &a.tokens {
            if overlaps_any(t, p) {
                c.predicted += 1;
                if overlaps_any(t, &a.gold) {
                    c.true_positive += 1;
                }
            }
        }
        c.spans += p.len();
        c.spans_hitting_gold += p.iter().filter(|s| overlaps_any(s, &a.gold)).count();
        phrases_hit += a.gold.iter().filter(|g| overlaps_any(g, p)).count();
    }
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let precision = ratio(c.true_positive, c.predicted);
    let recall = ratio(c.true_positive, gold_tokens);
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    println!(
        "{name:<22} {precision:>7.3} {recall:>7.3} {f1:>7.3} {:>8.3} {:>8.3} {:>8.2} {:>7}",
        ratio(c.spans_hitting_gold, c.spans),
        ratio(phrases_hit, gold_phrases),
        100.0 * ratio(c.predicted, all_tokens),
        c.spans
    );
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
fn word_tokens(text: &str) -> Vec<Range<usize>> {
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

fn overlaps_any(r: &Range<usize>, spans: &[Range<usize>]) -> bool {
    spans.iter().any(|s| s.start < r.end && r.start < s.end)
}

/// VADER lexicon words with |mean valence| at least the README's threshold.
fn vader_words(path: &PathBuf) -> Result<HashMap<String, f64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = HashMap::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (Some(word), Some(value)) = (fields.next(), fields.next()) else { continue };
        if let Ok(v) = value.trim().parse::<f64>()
            && v.abs() >= VADER_MIN_VALENCE
        {
            out.insert(word.to_string(), v);
        }
    }
    Ok(out)
}
