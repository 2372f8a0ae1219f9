//! Scores parallax's framing highlights against the two annotated dev sets in
//! ../shared/eval, as ../shared/eval/README.md describes:
//!
//! - NewsWCL50 events 0–4: PROPERTY phrases; each article is one document (one
//!   paragraph, sentences joined by single spaces), one analysis per event;
//! - BABE dev: expert-marked biased words, one sentence per document, one
//!   analysis per topic; its non-biased sentences count false alarms.
//!
//! Each document goes through the same path as `parallax analyze` (`load::parse`,
//! `Analysis::run`). Word tokens are runs of letters or digits with inner ' or -;
//! a token is gold if it overlaps a gold phrase, predicted if it overlaps a span.
//!
//!     cargo run --release --example eval_framing -- [--vader FILE] [--lexicon FILE]...
//!         [--corpus newswcl50|babe] [--groups] [--errors CATEGORY]
//!
//! `--vader` adds the README's valence-word baseline: every word of the
//! (MIT-licensed) VADER lexicon with |valence| >= 1.5, read at run time and
//! scored the same way. `--groups` prints span precision per rule and lexicon
//! group on each corpus. `--errors` lists one category's spans with whether
//! each hit gold (terminal only: the texts are never written anywhere).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::framing::{Category, FramingSpan, Lexicon};
use parallax::load::{self, Format};
use serde::Deserialize;

const NEWSWCL50: &str = "newswcl50/newswcl50_events.jsonl";
const BABE: &str = "babe/babe_dev.jsonl";
const VADER_MIN_VALENCE: f64 = 1.5;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_framing: {e}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    eval: PathBuf,
    vader: Option<PathBuf>,
    lexicons: Vec<PathBuf>,
    corpora: Vec<String>,
    groups: bool,
    errors: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut out = Args {
        eval: std::env::var_os("PARALLAX_EVAL_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")),
        vader: None,
        lexicons: Vec::new(),
        corpora: Vec::new(),
        groups: false,
        errors: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--eval" => out.eval = PathBuf::from(value()?),
            "--vader" => out.vader = Some(PathBuf::from(value()?)),
            "--lexicon" => out.lexicons.push(PathBuf::from(value()?)),
            "--corpus" => out.corpora.push(value()?),
            "--groups" => out.groups = true,
            "--errors" => out.errors = Some(value()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if out.corpora.is_empty() {
        out.corpora = vec!["newswcl50".into(), "babe".into()];
    }
    Ok(out)
}

/// Documents analysed together (one event, one topic), with gold phrases per document.
struct Run {
    docs: Vec<Document>,
    gold: Vec<Vec<Range<usize>>>,
    /// Every annotated phrase, of any code type (NewsWCL50's concept mentions too).
    annotated: Vec<Vec<Range<usize>>>,
}

struct Corpus {
    name: &'static str,
    runs: Vec<Run>,
    unaligned: usize,
}

/// One scored document: word tokens, gold phrases and predicted spans, as byte ranges into its text.
struct Scored {
    text: String,
    tokens: Vec<Range<usize>>,
    gold: Vec<Range<usize>>,
    annotated: Vec<Range<usize>>,
    spans: Vec<Pred>,
}

/// A predicted span with what the evaluation groups it by.
#[derive(Clone)]
struct Pred {
    range: Range<usize>,
    category: Category,
    layer: &'static str,
    /// The rule, or the lexicon group ("loaded#3 massacre…").
    group: String,
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let lexicon = Arc::new(Lexicon::with_files(&args.lexicons).map_err(|e| e.to_string())?);
    let options = Options { lexicon: Arc::clone(&lexicon), ..Options::default() };
    let groups = group_names(&lexicon);
    let vader = args.vader.as_deref().map(vader_words).transpose()?;

    let mut scored: Vec<(&'static str, Vec<Scored>)> = Vec::new();
    for name in &args.corpora {
        let corpus = match name.as_str() {
            "newswcl50" => newswcl50(&args.eval.join(NEWSWCL50))?,
            "babe" => babe(&args.eval.join(BABE))?,
            _ => return Err(format!("unknown corpus {name} (newswcl50, babe)")),
        };
        if corpus.unaligned > 0 {
            eprintln!("warning: {}: {} gold sentences not found in the text; skipped", corpus.name, corpus.unaligned);
        }
        let docs = analyse(corpus.runs, &options, &groups);
        print_corpus(corpus.name, &docs, vader.as_ref());
        if let Some(category) = &args.errors {
            print_errors(&docs, category);
        }
        scored.push((corpus.name, docs));
    }
    if args.groups {
        print_groups(&scored);
    }
    Ok(())
}

fn analyse(runs: Vec<Run>, options: &Options, groups: &HashMap<(Category, String), String>) -> Vec<Scored> {
    let mut out = Vec::new();
    for run in runs {
        let analysis = Analysis::run(&run.docs, options);
        for (((doc, gold), annotated), spans) in
            run.docs.into_iter().zip(run.gold).zip(run.annotated).zip(analysis.framing)
        {
            let spans = spans.iter().map(|s| pred(s, groups)).collect();
            out.push(Scored { tokens: word_tokens(&doc.text), text: doc.text, gold, annotated, spans });
        }
    }
    out
}

fn pred(s: &FramingSpan, groups: &HashMap<(Category, String), String>) -> Pred {
    let layer = match s.category {
        Category::Loaded | Category::Label | Category::Booster | Category::ScareQuote => "wording",
        _ => "sourcing",
    };
    let group = groups.get(&(s.category, s.rule.clone())).cloned().unwrap_or_else(|| s.rule.clone());
    Pred { range: s.range.clone(), category: s.category, layer, group }
}

/// For each lexicon term, the name of its group: category, group number within the category, first term.
fn group_names(lexicon: &Lexicon) -> HashMap<(Category, String), String> {
    let mut out = HashMap::new();
    let mut seen: Vec<(Category, Option<Arc<str>>, Option<Arc<str>>, bool)> = Vec::new();
    let mut first: HashMap<usize, String> = HashMap::new();
    for e in lexicon.entries() {
        let key = (e.category, e.note.clone(), e.contrast.clone(), e.neutral);
        let i = seen.iter().position(|k| *k == key).unwrap_or_else(|| {
            seen.push(key);
            seen.len() - 1
        });
        let head = first.entry(i).or_insert_with(|| e.term.clone()).clone();
        let n = seen[..=i].iter().filter(|k| k.0 == e.category).count();
        out.insert((e.category, e.term.clone()), format!("{}#{n} {head}", e.category.id()));
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Counts {
    predicted: usize,
    true_positive: usize,
    spans: usize,
    spans_hitting_gold: usize,
    phrases_hit: usize,
}

fn count(docs: &[Scored], keep: &dyn Fn(&Pred) -> bool) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        let p: Vec<Range<usize>> = d.spans.iter().filter(|s| keep(s)).map(|s| s.range.clone()).collect();
        count_ranges(d, &p, &mut c);
    }
    c
}

fn count_ranges(d: &Scored, p: &[Range<usize>], c: &mut Counts) {
    for t in &d.tokens {
        if overlaps_any(t, p) {
            c.predicted += 1;
            if overlaps_any(t, &d.gold) {
                c.true_positive += 1;
            }
        }
    }
    c.spans += p.len();
    c.spans_hitting_gold += p.iter().filter(|s| overlaps_any(s, &d.gold)).count();
    c.phrases_hit += d.gold.iter().filter(|g| overlaps_any(g, p)).count();
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn print_corpus(name: &str, docs: &[Scored], vader: Option<&HashMap<String, f64>>) {
    let gold_tokens: usize = docs.iter().map(|a| a.tokens.iter().filter(|t| overlaps_any(t, &a.gold)).count()).sum();
    let all_tokens: usize = docs.iter().map(|a| a.tokens.len()).sum();
    let gold_phrases: usize = docs.iter().map(|a| a.gold.len()).sum();
    println!(
        "== {name}: {} documents, {all_tokens} tokens, {gold_tokens} gold tokens, {gold_phrases} gold phrases",
        docs.len()
    );
    println!(
        "{:<24} {:>6} {:>6} {:>6} {:>7} {:>7} {:>8} {:>6}",
        "system", "tok P", "tok R", "tok F1", "span P", "span R", "density", "spans"
    );
    let line = |label: &str, c: Counts| {
        let precision = ratio(c.true_positive, c.predicted);
        let recall = ratio(c.true_positive, gold_tokens);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        println!(
            "{label:<24} {precision:>6.3} {recall:>6.3} {f1:>6.3} {:>7.3} {:>7.3} {:>8.2} {:>6}",
            ratio(c.spans_hitting_gold, c.spans),
            ratio(c.phrases_hit, gold_phrases),
            100.0 * ratio(c.predicted, all_tokens),
            c.spans
        );
    };
    line("all (--framing all)", count(docs, &|_| true));
    for layer in ["wording", "sourcing"] {
        line(&format!(" layer {layer}"), count(docs, &|s| s.layer == layer));
    }
    for c in Category::ALL {
        line(&format!("  {}", c.id()), count(docs, &|s| s.category == c));
    }
    if let Some(words) = vader {
        let mut c = Counts::default();
        for d in docs {
            let p: Vec<Range<usize>> =
                d.tokens.iter().filter(|t| words.contains_key(&d.text[(*t).clone()].to_lowercase())).cloned().collect();
            count_ranges(d, &p, &mut c);
        }
        line("VADER |v|>=1.5", c);
    }
    if name == "newswcl50" {
        print_newswcl50_notes(docs, gold_tokens);
    }
    println!();
}

fn print_newswcl50_notes(docs: &[Scored], gold_tokens: usize) {
    // Labels name actors; NewsWCL50 marks those names as concept mentions rather than PROPERTY phrases.
    let (labels, in_mentions) = docs.iter().fold((0, 0), |(n, hit), a| {
        let label: Vec<&Pred> = a.spans.iter().filter(|s| s.category == Category::Label).collect();
        (n + label.len(), hit + label.iter().filter(|s| overlaps_any(&s.range, &a.annotated)).count())
    });
    println!(
        "label spans overlapping any annotated phrase (concept mentions included): {in_mentions}/{labels} = {:.3}",
        ratio(in_mentions, labels)
    );
    // How far word-level highlights can go: the recall if every phrase some span touches were covered whole.
    let whole: usize = docs
        .iter()
        .map(|a| {
            let p: Vec<Range<usize>> = a.spans.iter().map(|s| s.range.clone()).collect();
            let touched: Vec<Range<usize>> = a.gold.iter().filter(|g| overlaps_any(g, &p)).cloned().collect();
            a.tokens.iter().filter(|t| overlaps_any(t, &touched)).count()
        })
        .sum();
    println!(
        "gold tokens in the phrases the spans touch (tok R if each were highlighted whole): {whole}/{gold_tokens} = {:.3}",
        ratio(whole, gold_tokens)
    );
}

/// Span precision per rule and lexicon group, on each corpus side by side.
fn print_groups(scored: &[(&'static str, Vec<Scored>)]) {
    let mut table: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (k, (_, docs)) in scored.iter().enumerate() {
        for d in docs {
            for s in &d.spans {
                let row = table.entry(s.group.clone()).or_insert_with(|| vec![(0, 0); scored.len()]);
                row[k].0 += 1;
                row[k].1 += usize::from(overlaps_any(&s.range, &d.gold));
            }
        }
    }
    print!("{:<40}", "group");
    for (name, _) in scored {
        print!(" {:>16}", format!("{name} n/P"));
    }
    println!();
    for (group, row) in &table {
        print!("{:<40}", group.chars().take(40).collect::<String>());
        for (n, hit) in row {
            print!(" {:>16}", format!("{n} {:.2}", ratio(*hit, *n)));
        }
        println!();
    }
}

fn print_errors(docs: &[Scored], category: &str) {
    for d in docs {
        for s in d.spans.iter().filter(|s| s.category.id() == category) {
            let hit = overlaps_any(&s.range, &d.gold);
            let from = d.text[..s.range.start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            let to = d.text[s.range.end..].char_indices().nth(40).map_or(d.text.len(), |(i, _)| i + s.range.end);
            println!(
                "{} {:<30} …{}[{}]{}…",
                if hit { "+" } else { "-" },
                s.group.chars().take(30).collect::<String>(),
                d.text[from..s.range.start].replace('\n', " "),
                &d.text[s.range.clone()],
                d.text[s.range.end..to].replace('\n', " ")
            );
        }
    }
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

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// NewsWCL50: one run per event, one document per article (gold offsets are bytes of ASCII-normalised sentences).
fn newswcl50(path: &Path) -> Result<Corpus, String> {
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
fn babe(path: &Path) -> Result<Corpus, String> {
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
fn vader_words(path: &Path) -> Result<HashMap<String, f64>, String> {
    let mut out = HashMap::new();
    for line in read(path)?.lines() {
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
