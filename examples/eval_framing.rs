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
//!         [--corpus newswcl50|babe] [--groups] [--errors CATEGORY] [--fit newswcl50|babe]
//!
//! `--vader` adds the README's valence-word baseline: every word of the
//! (MIT-licensed) VADER lexicon with |valence| >= 1.5, read at run time and
//! scored the same way. `--groups` prints span precision per rule and lexicon
//! group on each corpus. `--errors` lists one category's spans with whether
//! each hit gold (terminal only: the texts are never written anywhere).
//!
//! The confidence check is always printed: span precision by confidence band
//! and above/below the shipped threshold on each corpus, and how well the
//! confidence ranks the spans (ROC-AUC of confidence against "hits gold").
//!
//! `--fit CORPUS` estimates the confidences on that corpus only and writes them
//! into the assets: each lexicon group's `confidence` in assets/lexicons/, and
//! the rules' figures, the context shifts and the threshold of the default view
//! in assets/framing/confidence.toml. Rebuild and run again to check them on
//! the other corpus.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use parallax::analysis::{Analysis, Options};
use parallax::config::Source;
use parallax::framing::{Category, FramingSpan, Layer, Lexicon, Model, View};

#[path = "support/framing_gold.rs"]
mod framing_gold;

use framing_gold::{BABE, NEWSWCL50, Run, babe, newswcl50, overlaps_any, read, word_tokens};

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
    fit: Option<String>,
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
        fit: None,
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
            "--fit" => out.fit = Some(value()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if out.corpora.is_empty() {
        out.corpora = vec!["newswcl50".into(), "babe".into()];
    }
    Ok(out)
}

/// Documents analysed together (one event, one topic), with gold phrases per document.
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
    layer: Layer,
    confidence: f32,
    /// In the default view (wording layer, at or above the shipped threshold).
    shown: bool,
    quoted: bool,
    /// Extended over the phrase its word judges.
    phrase: bool,
    /// The rule, or the lexicon group: (category, ordinal) or a rule id.
    group: Group,
}

/// What a span's confidence is estimated for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Group {
    Lexicon(Category, u32),
    Rule(&'static str),
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let sources =
        args.lexicons.iter().map(|p| Source::read(p)).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    let (lexicon, warnings) = Lexicon::with_sources(&sources).map_err(|e| e.to_string())?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let lexicon = Arc::new(lexicon);
    let options = Options { lexicon: Arc::clone(&lexicon), ..Options::default() };
    let vader = args.vader.as_deref().map(vader_words).transpose()?;
    println!("confidence model: fitted on {}, threshold {:.2}", Model::shipped().fitted_on, Model::shipped().threshold);

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
        let docs = analyse(corpus.runs, &options, &lexicon);
        print_corpus(corpus.name, &docs, vader.as_ref());
        if let Some(category) = &args.errors {
            print_errors(&docs, category);
        }
        scored.push((corpus.name, docs));
    }
    print_confidence_check(&scored);
    if args.groups {
        print_groups(&scored, &lexicon);
    }
    if let Some(fit_on) = &args.fit {
        let docs = &scored.iter().find(|(n, _)| n == fit_on).ok_or(format!("--fit {fit_on}: corpus not loaded"))?.1;
        fit::fit(fit_on, docs, &lexicon)?;
    }
    Ok(())
}

fn analyse(runs: Vec<Run>, options: &Options, lexicon: &Lexicon) -> Vec<Scored> {
    let standard = View::standard();
    let mut out = Vec::new();
    for run in runs {
        let analysis = Analysis::run(&run.docs, options);
        for (((doc, gold), annotated), spans) in
            run.docs.into_iter().zip(run.gold).zip(run.annotated).zip(analysis.framing)
        {
            let spans = spans.iter().map(|s| pred(s, &doc.text, lexicon, &standard)).collect();
            out.push(Scored { tokens: word_tokens(&doc.text), text: doc.text, gold, annotated, spans });
        }
    }
    out
}

fn pred(s: &FramingSpan, text: &str, lexicon: &Lexicon, standard: &View) -> Pred {
    let entry = lexicon.entry(s.category, &s.rule);
    let group = match entry {
        Some(e) => Group::Lexicon(e.category, e.group),
        None if s.rule == "agentless_passive" => {
            let verb = parallax::words::words(&text[s.range.clone()]).pop().and_then(|w| lexicon.passive_verb(&w));
            match verb {
                Some(v) => Group::Lexicon(Category::Passive, lexicon.entries()[v].group),
                None => Group::Rule("agentless_passive"),
            }
        }
        None => Group::Rule(
            ["anonymous_source", "scare_quote", "label_contrast"].into_iter().find(|r| *r == s.rule).unwrap_or("other"),
        ),
    };
    let phrase = entry.is_some_and(|e| parallax::words::spans(&text[s.range.clone()]).len() > e.keys.len());
    Pred {
        range: s.range.clone(),
        category: s.category,
        layer: s.layer(),
        confidence: s.confidence,
        shown: standard.shows(s),
        quoted: s.is_quoted(),
        phrase,
        group,
    }
}

/// A readable name of a group: its category, its place in its file and its first term.
fn group_name(group: &Group, lexicon: &Lexicon) -> String {
    match group {
        Group::Rule(r) => r.to_string(),
        Group::Lexicon(c, n) => {
            let first = lexicon.entries().iter().find(|e| e.category == *c && e.group == *n).map_or("?", |e| &e.term);
            format!("{}#{n} {first}", c.id())
        }
    }
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
    line("default view", count(docs, &|s| s.shown));
    line(" own wording", count(docs, &|s| s.shown && !s.quoted));
    line(" quoted", count(docs, &|s| s.shown && s.quoted));
    for c in Category::ALL.into_iter().filter(|c| c.layer() == Layer::Wording) {
        line(&format!("  {}", c.id()), count(docs, &|s| s.shown && s.category == c));
    }
    line("all (--framing all)", count(docs, &|_| true));
    for layer in Layer::ALL {
        line(&format!(" layer {}", layer.id()), count(docs, &|s| s.layer == layer));
        line(
            &format!(" layer {} >= t", layer.id()),
            count(docs, &|s| s.layer == layer && s.confidence >= Model::shipped().threshold),
        );
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
        // Counted, for the floor tests/framing_bar.rs holds the default view to.
        println!("  (VADER: {} gold tokens among {} highlighted)", c.true_positive, c.predicted);
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

/// Span precision per rule and lexicon group, on each corpus side by side, with the shipped confidence.
fn print_groups(scored: &[(&'static str, Vec<Scored>)], lexicon: &Lexicon) {
    let mut table: BTreeMap<Group, Vec<(usize, usize)>> = BTreeMap::new();
    for (k, (_, docs)) in scored.iter().enumerate() {
        for d in docs {
            for s in &d.spans {
                let row = table.entry(s.group.clone()).or_insert_with(|| vec![(0, 0); scored.len()]);
                row[k].0 += 1;
                row[k].1 += usize::from(overlaps_any(&s.range, &d.gold));
            }
        }
    }
    print!("{:<34} {:>6}", "group", "conf");
    for (name, _) in scored {
        print!(" {:>16}", format!("{name} n/P"));
    }
    println!();
    for (group, row) in &table {
        let conf = match group {
            Group::Lexicon(c, n) => {
                lexicon.entries().iter().find(|e| e.category == *c && e.group == *n).and_then(|e| e.confidence)
            }
            Group::Rule(r) => Some(Model::shipped().rule(r)),
        };
        let name: String = group_name(group, lexicon).chars().take(34).collect();
        print!("{name:<34} {:>6}", conf.map_or("-".to_string(), |c| format!("{c:.2}")));
        for (n, hit) in row {
            print!(" {:>16}", format!("{n} {:.2}", ratio(*hit, *n)));
        }
        println!();
    }
    if scored.len() == 2 {
        // Do groups that are precise on one corpus tend to be precise on the other?
        let both: Vec<(f64, f64)> = table
            .values()
            .filter(|row| row.iter().all(|(n, _)| *n >= 5))
            .map(|row| (ratio(row[0].1, row[0].0), ratio(row[1].1, row[1].0)))
            .collect();
        println!(
            "Spearman correlation of group precision between {} and {} (groups with >= 5 spans on both, n = {}): {:.3}",
            scored[0].0,
            scored[1].0,
            both.len(),
            spearman(&both)
        );
    }
}

fn spearman(pairs: &[(f64, f64)]) -> f64 {
    let ranks = |xs: Vec<f64>| {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
        let mut r = vec![0.0; xs.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
                j += 1;
            }
            for k in i..=j {
                r[idx[k]] = (i + j) as f64 / 2.0;
            }
            i = j + 1;
        }
        r
    };
    let a = ranks(pairs.iter().map(|p| p.0).collect());
    let b = ranks(pairs.iter().map(|p| p.1).collect());
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 { 0.0 } else { cov / (va * vb).sqrt() }
}

/// Whether the confidences hold on each corpus: span precision per confidence band and on either side of the
/// threshold, and the ROC-AUC of confidence for telling spans that hit gold from those that do not.
fn print_confidence_check(scored: &[(&'static str, Vec<Scored>)]) {
    let threshold = Model::shipped().threshold;
    println!("== confidence check (shipped model, threshold {threshold:.2}): span precision by confidence");
    let bands: [(f32, f32); 5] = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)];
    print!("{:<12}", "corpus");
    for (lo, hi) in bands {
        print!(" {:>13}", format!("[{lo:.1},{:.1})", hi.min(1.0)));
    }
    println!(" {:>13} {:>13} {:>6}", "below t", "at/above t", "AUC");
    for (name, docs) in scored {
        let spans: Vec<(f32, bool)> =
            docs.iter().flat_map(|d| d.spans.iter().map(|s| (s.confidence, overlaps_any(&s.range, &d.gold)))).collect();
        print!("{name:<12}");
        let cell = |keep: &dyn Fn(f32) -> bool| {
            let (n, hit) =
                spans.iter().filter(|(c, _)| keep(*c)).fold((0, 0), |(n, h), (_, g)| (n + 1, h + usize::from(*g)));
            format!("{n} {:.2}", ratio(hit, n))
        };
        for (lo, hi) in bands {
            print!(" {:>13}", cell(&|c| c >= lo && c < hi));
        }
        print!(" {:>13} {:>13}", cell(&|c| c < threshold), cell(&|c| c >= threshold));
        println!(" {:>6.3}", auc(&spans));
    }
    println!();
}

/// ROC-AUC of scores for positives: the chance that a random span hitting gold outranks one that does not.
fn auc(spans: &[(f32, bool)]) -> f64 {
    let mut sorted: Vec<(f32, bool)> = spans.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut positives) = (0.0, 0usize);
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let mid = (i + j + 1) as f64 / 2.0;
        for s in &sorted[i..j] {
            if s.1 {
                rank_sum += mid;
                positives += 1;
            }
        }
        i = j;
    }
    let negatives = sorted.len() - positives;
    if positives == 0 || negatives == 0 {
        return 0.5;
    }
    (rank_sum - (positives * (positives + 1)) as f64 / 2.0) / (positives * negatives) as f64
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
                format!("{:?} {:.2}", s.group, s.confidence).chars().take(30).collect::<String>(),
                d.text[from..s.range.start].replace('\n', " "),
                &d.text[s.range.clone()],
                d.text[s.range.end..to].replace('\n', " ")
            );
        }
    }
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

/// Estimating the confidences on one corpus and writing them into the assets.
mod fit {
    use super::*;

    /// Pseudo-counts of the category prior in a group's estimate: a group seen on few spans stays near its
    /// category's precision.
    const PRIOR_WEIGHT: f64 = 4.0;
    /// L2 penalty on the context shifts (log-odds), so a shift needs evidence to move away from 0.
    const SHIFT_PENALTY: f64 = 1.0;
    /// F0.5 differences smaller than this are ties (a few tokens on NewsWCL50).
    const TIE: f64 = 0.002;
    /// Thresholds tried for the default view.
    const THRESHOLDS: [f32; 12] = [0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85];

    pub fn fit(corpus: &str, docs: &[Scored], lexicon: &Lexicon) -> Result<(), String> {
        let spans: Vec<(&Pred, bool)> =
            docs.iter().flat_map(|d| d.spans.iter().map(move |s| (s, overlaps_any(&s.range, &d.gold)))).collect();
        // Category precision: the prior of its groups and rules.
        let mut prior: HashMap<Category, f64> = HashMap::new();
        for c in Category::ALL {
            let (n, hit) = tally(spans.iter().filter(|(s, _)| s.category == c));
            prior.insert(c, (hit as f64 + 1.0) / (n as f64 + 2.0));
        }
        let mut groups: BTreeMap<Group, (Category, usize, usize)> = BTreeMap::new();
        for (s, hit) in &spans {
            let g = groups.entry(s.group.clone()).or_insert((s.category, 0, 0));
            g.1 += 1;
            g.2 += usize::from(*hit);
        }
        let estimate = |c: Category, n: usize, hit: usize| {
            ((hit as f64 + PRIOR_WEIGHT * prior[&c]) / (n as f64 + PRIOR_WEIGHT)) as f32
        };
        let mut base: HashMap<Group, f32> =
            groups.iter().map(|(g, (c, n, hit))| (g.clone(), estimate(*c, *n, *hit))).collect();
        // Groups the corpus never fires take their category's prior.
        for e in lexicon.entries() {
            base.entry(Group::Lexicon(e.category, e.group)).or_insert(prior[&e.category] as f32);
        }
        for r in ["anonymous_source", "scare_quote", "agentless_passive", "label_contrast"] {
            let c = if r == "label_contrast" {
                Category::Label
            } else if r == "agentless_passive" {
                Category::Passive
            } else if r == "scare_quote" {
                Category::ScareQuote
            } else {
                Category::Attribution
            };
            base.entry(Group::Rule(r)).or_insert(prior[&c] as f32);
        }
        let (quoted, phrase) = context_shifts(&spans, &base);
        let adjust = |s: &Pred| {
            let mut logit = logit(base[&s.group] as f64);
            if s.quoted {
                logit += quoted;
            }
            if s.phrase {
                logit += phrase;
            }
            sigmoid(logit) as f32
        };
        // The threshold of the default view: the best F0.5 (precision weighted twice) on this corpus's tokens;
        // where the curve is flat (within TIE), the lowest such threshold, so nothing is hidden on noise.
        let gold_tokens: usize =
            docs.iter().map(|d| d.tokens.iter().filter(|t| overlaps_any(t, &d.gold)).count()).sum();
        let mut curve = Vec::new();
        for t in THRESHOLDS {
            let c = count(docs, &|s| s.layer == Layer::Wording && adjust(s) >= t);
            let (p, r) = (ratio(c.true_positive, c.predicted), ratio(c.true_positive, gold_tokens));
            let f = if p + r == 0.0 { 0.0 } else { 1.25 * p * r / (0.25 * p + r) };
            println!("fit: threshold {t:.2}: default view tok P {p:.3} R {r:.3} F0.5 {f:.3}");
            curve.push((f, t, p, r));
        }
        let top = curve.iter().map(|c| c.0).fold(f64::MIN, f64::max);
        let best = *curve.iter().find(|c| c.0 >= top - TIE).expect("thresholds");
        println!(
            "fit on {corpus}: priors {:?}; context shifts quoted {quoted:+.3}, phrase {phrase:+.3}; threshold {:.2} (P {:.3} R {:.3})",
            prior.iter().map(|(c, p)| format!("{} {p:.2}", c.id())).collect::<Vec<_>>(),
            best.1,
            best.2,
            best.3
        );
        write_lexicons(&base)?;
        write_model(corpus, &base, &prior, quoted, phrase, best.1)
    }

    fn tally<'a>(spans: impl Iterator<Item = &'a (&'a Pred, bool)>) -> (usize, usize) {
        spans.fold((0, 0), |(n, h), (_, hit)| (n + 1, h + usize::from(*hit)))
    }

    fn logit(p: f64) -> f64 {
        let p = p.clamp(0.001, 0.999);
        (p / (1.0 - p)).ln()
    }

    fn sigmoid(x: f64) -> f64 {
        1.0 / (1.0 + (-x).exp())
    }

    /// Log-odds shifts for quoted and phrase spans, by logistic regression with each span's group estimate as
    /// an offset (Newton's method, L2-penalised).
    fn context_shifts(spans: &[(&Pred, bool)], base: &HashMap<Group, f32>) -> (f64, f64) {
        let mut w = [0.0f64; 2];
        for _ in 0..25 {
            let mut grad = [-SHIFT_PENALTY * w[0], -SHIFT_PENALTY * w[1]];
            let mut hess = [[SHIFT_PENALTY, 0.0], [0.0, SHIFT_PENALTY]];
            for (s, hit) in spans {
                let x = [f64::from(u8::from(s.quoted)), f64::from(u8::from(s.phrase))];
                let p = sigmoid(logit(base[&s.group] as f64) + w[0] * x[0] + w[1] * x[1]);
                let y = f64::from(u8::from(*hit));
                for i in 0..2 {
                    grad[i] += (y - p) * x[i];
                    for j in 0..2 {
                        hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                    }
                }
            }
            let det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
            w[0] += (hess[1][1] * grad[0] - hess[0][1] * grad[1]) / det;
            w[1] += (hess[0][0] * grad[1] - hess[1][0] * grad[0]) / det;
        }
        (w[0], w[1])
    }

    /// Sets `confidence = …` in every group of the default lexicon files, in file order.
    fn write_lexicons(base: &HashMap<Group, f32>) -> Result<(), String> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/lexicons");
        for c in Category::ALL.into_iter().filter(|c| *c != Category::ScareQuote) {
            let path = dir.join(format!("{}.toml", c.id()));
            let text = read(&path)?;
            let header = format!("[[{}.group]]", c.id());
            let mut out = String::new();
            let mut ordinal = 0u32;
            let mut in_group = false;
            for line in text.lines() {
                if line.trim() == header {
                    ordinal += 1;
                    in_group = true;
                    out.push_str(line);
                    out.push('\n');
                    if let Some(conf) = base.get(&Group::Lexicon(c, ordinal)) {
                        out.push_str(&format!("confidence = {conf:.2}\n"));
                    }
                    continue;
                }
                if line.trim_start().starts_with('[') {
                    in_group = false;
                }
                if in_group && line.trim_start().starts_with("confidence =") {
                    continue;
                }
                out.push_str(line);
                out.push('\n');
            }
            std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }

    fn write_model(
        corpus: &str,
        base: &HashMap<Group, f32>,
        prior: &HashMap<Category, f64>,
        quoted: f64,
        phrase: f64,
        threshold: f32,
    ) -> Result<(), String> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/framing/confidence.toml");
        let described = match corpus {
            "newswcl50" => "NewsWCL50 events 0-4 (dev); checked on BABE dev",
            _ => "BABE dev; checked on NewsWCL50 events 0-4 (dev)",
        };
        let mut out = String::from(
            "# Confidence of framing highlights: for each rule, the estimated share of its highlights that\n\
             # annotators of framing agree with; how context moves it; and the threshold of the default view.\n\
             # Lexicon groups carry their own estimate (`confidence = …` in assets/lexicons/*.toml); a group\n\
             # without one (a user's) takes its category's prior below.\n\
             #\n\
             # Written by `cargo run --release --example eval_framing -- --fit <corpus>`: a group's estimate is\n\
             # its span precision on the fit corpus shrunk towards its category's (4 pseudo-spans); the context\n\
             # shifts are a logistic regression with the group estimate as offset; the threshold maximises the\n\
             # default view's token F0.5 on the fit corpus. Do not edit by hand; see notes/framing.md.\n",
        );
        out.push_str(&format!("fitted_on = \"{described}\"\nthreshold = {threshold:.2}\n\n[rules]\n"));
        for r in ["anonymous_source", "scare_quote", "agentless_passive", "label_contrast"] {
            out.push_str(&format!("{r} = {:.2}\n", base[&Group::Rule(r)]));
        }
        out.push_str("\n# Prior of a lexicon group with no estimate of its own.\n[categories]\n");
        for c in Category::ALL {
            out.push_str(&format!("{} = {:.2}\n", c.id(), prior[&c]));
        }
        out.push_str(&format!(
            "\n# Added to the log-odds of a span's confidence when the context applies.\n[context]\nquoted = {quoted:.2}\nphrase = {phrase:.2}\n"
        ));
        std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
    }
}
