//! Claim matching measured on the two dev sets of ../shared/eval (see its README):
//!
//! - ECB+ sentence pairs (tuned on train topics, reported on dev): ROC-AUC, average precision,
//!   precision/recall at the default threshold;
//! - the same-story set `claims_judged` (NewsWCL50 events 0–4, three outlets each, every
//!   same-claim pair listed by two readers): precision of the default links against the pairs
//!   either reader listed, recall of the pairs both call clearly the same claim ("strong"), and
//!   average precision of the `--min-score 0` scores over every cross-article sentence pair.
//!   Anything fitted or any threshold chosen is cross-validated by event;
//!
//! each next to baselines computed here: token Jaccard, TF-IDF cosine within the topic or story,
//! and (with `--minilm FILE`, written by scripts/minilm_baseline.py) all-MiniLM-L6-v2 sentence
//! cosine and MiniLM token alignment. Last, the links shown on the bundled seeds, scored against
//! the hand judgements in tests/data/seed_links.toml.
//!
//!     cargo run --release --example eval_claims                            # report
//!     cargo run --release --example eval_claims -- --minilm /tmp/minilm.tsv  # with the MiniLM baselines
//!     cargo run --release --example eval_claims -- --fit                   # also refit assets/claims/weights.json
//!
//! Each topic's or story's documents go into one analysis run, exactly as the README scores the
//! binary. The article texts are read at run time and never copied anywhere.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use parallax::claims::model::TARGET_PRECISION;
use parallax::claims::signals::{COUNT, NAMES, REFINED};
use parallax::claims::{DEFAULT_THRESHOLD, Model, RefinedSignals, Scoring, SentenceRef, Signals, model};
use parallax::document::Document;
use parallax::load::{self, Format};
use serde::Deserialize;

#[path = "support/gold_align.rs"]
mod gold_align;
#[path = "support/metrics.rs"]
mod metrics;
#[path = "support/seed_links.rs"]
mod seed_links;

use metrics::{average_precision, pick_threshold, prf, roc_auc, score_at_rank};

/// Precision the baselines' thresholds are chosen for on the ECB+ train topics.
const ECB_TARGET_PRECISION: f64 = 0.88;
const L2: f64 = 1e-3;

#[derive(Deserialize)]
struct GoldDoc {
    doc_id: String,
    topic: u32,
    url: Option<String>,
    sentences: Vec<GoldSentence>,
}

#[derive(Deserialize)]
struct GoldSentence {
    sent_idx: usize,
    text: String,
}

#[derive(Deserialize)]
struct Pair {
    topic: u32,
    split: String,
    label: u8,
    a: PairSide,
    b: PairSide,
}

#[derive(Deserialize)]
struct PairSide {
    doc_id: String,
    sent_idx: usize,
    text: String,
}

#[derive(Deserialize)]
struct Event {
    event_id: u32,
    articles: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    article_id: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct Judged {
    event_id: u32,
    articles: Vec<String>,
    pairs: Vec<JudgedPair>,
}

#[derive(Deserialize)]
struct JudgedPair {
    a: JudgedSide,
    b: JudgedSide,
    judge_1: u8,
    judge_2: u8,
}

#[derive(Deserialize)]
struct JudgedSide {
    article_id: String,
    sent_idx: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Set {
    EcbTrain,
    EcbDev,
    Story,
}

/// One gold pair as the tool sees it: the tool sentence pairs it corresponds to, with their signals.
struct Case {
    set: Set,
    /// The ECB+ topic or the story's event.
    group: u32,
    /// ECB+: shares an event; story: listed by either reader.
    label: bool,
    /// Story: both readers call it clearly the same claim.
    strong: bool,
    /// Signals of every corresponding tool pair that was a candidate.
    candidates: Vec<Candidate>,
    /// Score of the shipped analysis (`analyze --min-score 0`), 0 when never linked.
    shipped: f64,
    jaccard: f64,
    tfidf: f64,
    /// TF-IDF cosine over the tool's sentences (the best of the corresponding tool pairs).
    tool_tfidf: f64,
    /// MiniLM sentence cosine and token alignment, when a scores file was given.
    minilm: Option<[f64; 2]>,
}

struct Args {
    fit: bool,
    minilm: Option<PathBuf>,
    /// Writes the same-story cases with their signals as tab-separated values, for exploring combiners.
    dump: Option<PathBuf>,
    /// Keeps the transformer's signals of each pair here between runs (outside the repository).
    cache: Option<PathBuf>,
    /// Also refit without each signal in turn.
    ablation: bool,
    /// How much more the same-story rows weigh in the fit than all of ECB+ train together.
    story_weight: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = Args {
        fit: args.iter().any(|a| a == "--fit"),
        minilm: args.iter().position(|a| a == "--minilm").and_then(|i| args.get(i + 1)).map(PathBuf::from),
        dump: args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1)).map(PathBuf::from),
        cache: args.iter().position(|a| a == "--cache").and_then(|i| args.get(i + 1)).map(PathBuf::from),
        ablation: args.iter().any(|a| a == "--ablation"),
        story_weight: args
            .iter()
            .position(|a| a == "--story-weight")
            .and_then(|i| args.get(i + 1)?.parse().ok())
            .unwrap_or(1.0),
    };
    let eval = std::env::var_os("PARALLAX_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
    let minilm = args.minilm.as_deref().map(read_minilm).unwrap_or_default();
    let mut analysis_secs = 0f64;
    let mut cache = RefineCache::open(args.cache.clone());
    let mut cases = ecb_cases(&eval, &minilm, &mut cache, &mut analysis_secs);
    cases.extend(story_cases(&eval, &minilm, &mut cache, &mut analysis_secs));
    cache.save();
    note_clause_counts(&parallax::seeds::documents());
    println!("scoring time over all topics and stories: {analysis_secs:.2} s");
    println!(
        "sentences split into clauses: {}; the most clauses in one sentence: {}\n",
        SPLIT_SENTENCES.load(Ordering::Relaxed),
        MOST_CLAUSES.load(Ordering::Relaxed)
    );

    let train: Vec<&Case> = cases.iter().filter(|c| c.set == Set::EcbTrain).collect();
    let dev: Vec<&Case> = cases.iter().filter(|c| c.set == Set::EcbDev).collect();
    let story: Vec<&Case> = cases.iter().filter(|c| c.set == Set::Story).collect();
    let have_minilm = cases.iter().any(|c| c.minilm.is_some());

    println!("== ECB+ dev ({} pairs, {} positive) ==", dev.len(), dev.iter().filter(|c| c.label).count());
    println!(
        "candidate coverage (pairs the index proposes): train {:.3}, dev {:.3}; positives covered: dev {:.3}",
        coverage(&train, false),
        coverage(&dev, false),
        coverage(&dev, true)
    );
    println!("{:<46} {:>7} {:>7} {:>9} {:>7} {:>7} {:>7}", "", "ROC-AUC", "AP", "threshold", "P", "R", "F1");
    let ecb_row = |name: &str, f: &dyn Fn(&Case) -> f64, threshold: Option<f64>| {
        let s = scored(&dev, f);
        let (auc, ap) = (roc_auc(&s), average_precision(&s));
        match threshold {
            Some(t) if t.is_finite() => {
                let (p, r, f) = prf(&s, t);
                println!("{name:<46} {auc:>7.3} {ap:>7.3} {t:>9.3} {p:>7.3} {r:>7.3} {f:>7.3}");
            }
            Some(_) => println!("{name:<46} {auc:>7.3} {ap:>7.3} {:>9}", "none"),
            None => println!("{name:<46} {auc:>7.3} {ap:>7.3}"),
        }
    };
    let ecb_threshold = |f: &dyn Fn(&Case) -> f64| Some(pick_threshold(&scored(&train, f), ECB_TARGET_PRECISION));
    ecb_row("token Jaccard (train P 0.88)", &|c| c.jaccard, ecb_threshold(&|c| c.jaccard));
    ecb_row("TF-IDF cosine within the topic (train P 0.88)", &|c| c.tfidf, ecb_threshold(&|c| c.tfidf));
    ecb_row("  the same over the tool's sentences", &|c| c.tool_tfidf, ecb_threshold(&|c| c.tool_tfidf));
    if have_minilm {
        ecb_row("MiniLM sentence cosine (train P 0.88)", &|c| minilm_of(c, 0), ecb_threshold(&|c| minilm_of(c, 0)));
        ecb_row("MiniLM token alignment (train P 0.88)", &|c| minilm_of(c, 1), ecb_threshold(&|c| minilm_of(c, 1)));
    }
    ecb_row("parallax as shipped, DEFAULT_THRESHOLD", &|c| c.shipped, Some(f64::from(DEFAULT_THRESHOLD)));
    ecb_row(
        "parallax as shipped, fast links only",
        &|c| Models::shipped().fast_score(c),
        Some(f64::from(DEFAULT_THRESHOLD)),
    );
    let all = [true; COUNT];
    let mut weights = RowWeights::balanced(&train, &story);
    weights.story *= args.story_weight;
    let full = fit_models(&train, &story, &all, weights);
    ecb_row("refit on ECB+ train + all stories", &|c| full.score(c), Some(f64::from(DEFAULT_THRESHOLD)));
    let ungated = |c: &Case| {
        c.candidates
            .iter()
            .map(|(s, r)| f64::from(if *r { full.refined.probability(s) } else { full.fast.probability(s) }))
            .fold(0.0, f64::max)
    };
    ecb_row("same, without the gate", &ungated, None);
    let old_gate = |c: &Case| {
        c.candidates
            .iter()
            .map(|(s, r)| {
                let p = f64::from(if *r { full.refined.probability(s) } else { full.fast.probability(s) });
                if s.evidence >= 2.0 { p } else { f64::from(model::THIN_EVIDENCE) * p }
            })
            .fold(0.0, f64::max)
    };
    ecb_row("same, with the rare-evidence gate instead", &old_gate, None);
    let proposed = |c: &Case| if c.candidates.is_empty() { 0.0 } else { 1.0 };
    ecb_row("index alone (proposed = 1)", &proposed, None);

    println!(
        "\n== same-story set ({} cross-article pairs, {} listed by either reader, {} strong) ==",
        story.len(),
        story.iter().filter(|c| c.label).count(),
        story.iter().filter(|c| c.strong).count()
    );
    println!(
        "candidate coverage: listed pairs {:.3}, strong pairs {:.3}",
        coverage(&story.iter().copied().filter(|c| c.label).collect::<Vec<_>>(), false),
        coverage(&story.iter().copied().filter(|c| c.strong).collect::<Vec<_>>(), false)
    );
    println!("{:<46} {:>7} {:>9} {:>6} {:>7} {:>8}", "", "AP", "threshold", "links", "P", "strong R");
    let shipped_links = story.iter().filter(|c| c.shipped >= f64::from(DEFAULT_THRESHOLD)).count();
    let story_row = |name: &str, f: &dyn Fn(&Case) -> f64, threshold: f64| {
        let s = scored(&story, f);
        let linked: Vec<&&Case> = story.iter().filter(|c| f(c) >= threshold && f(c) > 0.0).collect();
        let p = linked.iter().filter(|c| c.label).count() as f64 / linked.len().max(1) as f64;
        let r =
            linked.iter().filter(|c| c.strong).count() as f64 / story.iter().filter(|c| c.strong).count().max(1) as f64;
        println!("{name:<46} {:>7.3} {threshold:>9.3} {:>6} {p:>7.3} {r:>8.3}", average_precision(&s), linked.len());
    };
    // Baselines are shown at the number of links parallax shows by default.
    let at_shipped_count =
        |f: &dyn Fn(&Case) -> f64| score_at_rank(&story.iter().map(|c| f(c)).collect::<Vec<_>>(), shipped_links);
    story_row("token Jaccard (as many links as shipped)", &|c| c.jaccard, at_shipped_count(&|c| c.jaccard));
    story_row("TF-IDF cosine within the story (same count)", &|c| c.tfidf, at_shipped_count(&|c| c.tfidf));
    // The baselines score the gold sentences; parallax and this row the tool's own, so this row
    // shows what the tool's segmentation costs a plain cosine.
    story_row("  the same over the tool's sentences", &|c| c.tool_tfidf, at_shipped_count(&|c| c.tool_tfidf));
    if have_minilm {
        story_row("MiniLM sentence cosine (same count)", &|c| minilm_of(c, 0), at_shipped_count(&|c| minilm_of(c, 0)));
        story_row("MiniLM token alignment (same count)", &|c| minilm_of(c, 1), at_shipped_count(&|c| minilm_of(c, 1)));
    }
    story_row("parallax as shipped, DEFAULT_THRESHOLD", &|c| c.shipped, f64::from(DEFAULT_THRESHOLD));
    story_row(
        "parallax as shipped, fast links only",
        &|c| Models::shipped().fast_score(c),
        f64::from(DEFAULT_THRESHOLD),
    );
    let cv = cross_validate(&train, &story, &all, weights);
    let (links, p, r) = cv.links(&story);
    println!(
        "{:<46} {:>7.3} {:>9} {links:>6} {p:>7.3} {r:>8.3}",
        "refit, cross-validated by event",
        average_precision(&scored(&story, &|c| cv.score(c))),
        "by fold"
    );
    for target in [0.7, 0.75, 0.8, 0.85, 0.88, 0.9] {
        let cv = cross_validate_for(&train, &story, &all, weights, target);
        let (links, p, r) = cv.links(&story);
        println!("{:<46} {:>7} {:>9} {links:>6} {p:>7.3} {r:>8.3}", format!("  target precision {target}"), "", "");
    }
    if let Some(path) = &args.dump {
        dump(path, &story);
        let ecb: Vec<&Case> = cases.iter().filter(|c| c.set != Set::Story).collect();
        dump(&path.with_extension("ecb.tsv"), &ecb);
    }

    println!(
        "\nwhat each signal adds (refit; story cross-validated by event; ECB+ dev fitted on train + all stories):"
    );
    println!("{:<20} {:>9} {:>9} {:>6} {:>7} {:>8}", "", "ECB+ AUC", "story AP", "links", "P", "strong R");
    let ablation = |name: String, mask: [bool; COUNT]| {
        let m = fit_models(&train, &story, &mask, weights);
        let auc = roc_auc(&scored(&dev, &|c| m.score(c)));
        let cv = cross_validate(&train, &story, &mask, weights);
        let (links, p, r) = cv.links(&story);
        let ap = average_precision(&scored(&story, &|c| cv.score(c)));
        println!("{name:<20} {auc:>9.3} {ap:>9.3} {links:>6} {p:>7.3} {r:>8.3}");
    };
    ablation("all signals".to_string(), all);
    for (i, name) in NAMES.iter().enumerate().filter(|_| args.ablation) {
        let mut without = all;
        without[i] = false;
        ablation(format!("all but {name}"), without);
    }

    let seeds = SeedJudgements::load();
    println!("\nseed links (judged by hand in tests/data/seed_links.toml):");
    seeds.report("shipped models", &Models::shipped());
    seeds.report("refit on ECB+ train + all stories", &full);
    println!("\nfast weights: {}refined weights: {}", full.fast.to_json(), full.refined.to_json());
    if args.fit {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/claims");
        std::fs::write(dir.join("weights.json"), full.fast.to_json()).expect("write weights");
        std::fs::write(dir.join("weights_refined.json"), full.refined.to_json()).expect("write weights");
        println!("wrote {}/weights.json and weights_refined.json", dir.display());
    }
}

/// One line per case: event, labels, baselines, shipped score, then the signals of its candidate
/// sharing most words (empty when none). Derived from the article texts: keep it outside the repository.
fn dump(path: &Path, cases: &[&Case]) {
    let mut out = format!(
        "group\tlabel\tstrong\tjaccard\ttfidf\ttool_tfidf\tminilm\talign\tshipped\t{}\tevidence\twhat\trefined\tsame_quotation\n",
        NAMES.join("\t")
    );
    for c in cases {
        let signals = best_candidate(&c.candidates).map_or(vec![String::new(); COUNT + 4], |(s, refined)| {
            let refined = f32::from(u8::from(*refined));
            let same_quotation = f32::from(u8::from(s.same_quotation));
            s.values()
                .iter()
                .chain([&s.evidence, &s.what, &refined, &same_quotation])
                .map(|v| format!("{v:.4}"))
                .collect()
        });
        out += &format!(
            "{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\n",
            if c.set == Set::EcbTrain { 1000 + c.group } else { c.group },
            u8::from(c.label),
            u8::from(c.strong),
            c.jaccard,
            c.tfidf,
            c.tool_tfidf,
            minilm_of(c, 0),
            minilm_of(c, 1),
            c.shipped,
            signals.join("\t")
        );
    }
    std::fs::write(path, out).expect("write the dump");
}

fn scored(cases: &[&Case], f: &dyn Fn(&Case) -> f64) -> Vec<(f64, bool)> {
    cases.iter().map(|c| (f(c), c.label)).collect()
}

fn minilm_of(c: &Case, i: usize) -> f64 {
    c.minilm.map_or(0.0, |m| m[i])
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
        eprintln!("error: cannot read {}: {e}", dir.join(name).display());
        std::process::exit(2)
    })
}

fn jsonl<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Vec<T> {
    read(dir, name).lines().map(|l| serde_json::from_str(l).expect("well-formed line")).collect()
}

/// MiniLM scores keyed by "set\tA\tSA\tB\tSB" (see scripts/minilm_baseline.py).
fn read_minilm(path: &Path) -> HashMap<String, [f64; 2]> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("error: cannot read {}: {e}", path.display());
        std::process::exit(2)
    });
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (cos, align) = (f.get(5)?.parse().ok()?, f.get(6)?.parse().ok()?);
            Some((f[..5].join("\t"), [cos, align]))
        })
        .collect()
}

fn minilm_key(set: &str, a: (&str, usize), b: (&str, usize)) -> String {
    format!("{set}\t{}\t{}\t{}\t{}", a.0, a.1, b.0, b.1)
}

/// A candidate pair's signals, and whether the transformer refined them.
type Candidate = (Signals, bool);

/// The candidate sharing most words: the one a fit sees for a gold pair with several tool pairs.
fn best_candidate(candidates: &[Candidate]) -> Option<&Candidate> {
    candidates.iter().max_by(|x, y| x.0.words.total_cmp(&y.0.words))
}

/// What the transformer gave each pair of sentence texts of a topic or story in earlier runs,
/// kept in a file outside the repository so that refitting does not encode everything again.
struct RefineCache {
    path: Option<PathBuf>,
    known: HashMap<(u64, u64, u64), RefinedSignals>,
    added: usize,
}

fn text_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl RefineCache {
    fn open(path: Option<PathBuf>) -> RefineCache {
        let text = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
        let known = text
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let n = |i: usize| f.get(i)?.parse::<u64>().ok();
                let x = |i: usize| f.get(i)?.parse::<f32>().ok();
                let r = RefinedSignals { token_aligned: x(3)?, token_covered: x(4)?, sentence_cosine: x(5)? };
                Some(((n(0)?, n(1)?, n(2)?), r))
            })
            .collect();
        RefineCache { path, known, added: 0 }
    }

    fn save(&self) {
        let Some(path) = &self.path else { return };
        if self.added == 0 {
            return;
        }
        let out: String = self
            .known
            .iter()
            .map(|((g, a, b), r)| {
                format!("{g}\t{a}\t{b}\t{}\t{}\t{}\n", r.token_aligned, r.token_covered, r.sentence_cosine)
            })
            .collect();
        std::fs::write(path, out).expect("write the refinement cache");
    }
}

/// The most clauses any one sentence of the dev sets splits into (claims::MAX_CLAUSES bounds
/// them; no real sentence should reach it), and how many sentences split at all.
static MOST_CLAUSES: AtomicUsize = AtomicUsize::new(0);
static SPLIT_SENTENCES: AtomicUsize = AtomicUsize::new(0);

fn note_clause_counts(docs: &[Document]) {
    for d in docs {
        for s in 0..d.sentences.len() {
            let n = parallax::claims::clauses::clauses(d.sentence(s)).len();
            MOST_CLAUSES.fetch_max(n, Ordering::Relaxed);
            SPLIT_SENTENCES.fetch_add(usize::from(n > 0), Ordering::Relaxed);
        }
    }
}

/// One scoring per set of documents, as `analyze --min-score 0` scores it: every candidate's
/// signals (refined as the shipped models refine them) and the shipped score.
struct Scored {
    shipped: HashMap<(SentenceRef, SentenceRef), f32>,
    signals: HashMap<(SentenceRef, SentenceRef), Candidate>,
}

impl Scored {
    fn run(docs: &[Document], group: u64, cache: &mut RefineCache, secs: &mut f64) -> Scored {
        note_clause_counts(docs);
        let start = Instant::now();
        let mut scoring = Scoring::new(docs);
        scoring.refine_reusing(docs, usize::MAX, &|_, _| {}, &|a, b| {
            cache.known.get(&(group, text_hash(a), text_hash(b))).copied()
        });
        *secs += start.elapsed().as_secs_f64();
        for c in scoring.candidates().iter().filter(|c| c.refined) {
            let key = (
                group,
                text_hash(docs[c.a.doc].sentence(c.a.sentence)),
                text_hash(docs[c.b.doc].sentence(c.b.sentence)),
            );
            if cache.known.insert(key, RefinedSignals::of(&c.signals)).is_none() {
                cache.added += 1;
            }
        }
        Scored {
            shipped: scoring.candidates().iter().map(|c| ((c.a, c.b), scoring.score(c))).collect(),
            signals: scoring.candidates().iter().map(|c| ((c.a, c.b), (c.signals, c.refined))).collect(),
        }
    }

    /// The signals of every candidate among the tool pairs `xs` × `ys`, and their best shipped score.
    fn between(&self, xs: &[SentenceRef], ys: &[SentenceRef]) -> (Vec<Candidate>, f64) {
        let (mut candidates, mut best) = (Vec::new(), 0f32);
        for &x in xs {
            for &y in ys {
                let key = if x < y { (x, y) } else { (y, x) };
                if let Some(s) = self.signals.get(&key) {
                    candidates.push(*s);
                }
                best = best.max(self.shipped.get(&key).copied().unwrap_or(0.0));
            }
        }
        (candidates, f64::from(best))
    }
}

/// The sentences of an ECB+ document as the README feeds them: the URL line of *ecbplus documents left out.
fn kept(d: &GoldDoc) -> Vec<&GoldSentence> {
    let skip_url = d.url.is_some();
    d.sentences.iter().filter(|s| !(skip_url && s.sent_idx == 0)).collect()
}

fn ecb_cases(eval: &Path, minilm: &HashMap<String, [f64; 2]>, cache: &mut RefineCache, secs: &mut f64) -> Vec<Case> {
    let dir = eval.join("ecbplus");
    let docs: Vec<GoldDoc> = jsonl(&dir, "ecbplus_docs.jsonl");
    let pairs: Vec<Pair> = jsonl(&dir, "ecbplus_sentence_pairs.jsonl");
    let mut by_topic: BTreeMap<u32, Vec<&GoldDoc>> = BTreeMap::new();
    for d in &docs {
        by_topic.entry(d.topic).or_default().push(d);
    }
    let mut pairs_by_topic: HashMap<u32, Vec<&Pair>> = HashMap::new();
    for p in &pairs {
        pairs_by_topic.entry(p.topic).or_default().push(p);
    }
    let mut cases = Vec::new();
    let mut unmapped = 0usize;
    for (topic, gold_docs) in &by_topic {
        let tool_docs: Vec<Document> = gold_docs
            .iter()
            .map(|d| {
                let text = kept(d).iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ") + "\n";
                load::parse(&d.doc_id, &text, Format::Plain)
            })
            .collect();
        let doc_index: HashMap<&str, usize> =
            gold_docs.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
        let mapping: Vec<HashMap<usize, Vec<usize>>> = gold_docs
            .iter()
            .zip(&tool_docs)
            .map(|(g, t)| {
                gold_align::map_sentences(kept(g).iter().map(|s| (s.sent_idx, s.text.as_str())), t, &mut unmapped)
            })
            .collect();
        let tfidf = Tfidf::new(gold_docs.iter().flat_map(|d| kept(d)).map(|s| s.text.as_str()));
        let scored = Scored::run(&tool_docs, u64::from(*topic), cache, secs);
        let tool_tfidf = ToolTfidf::new(&tool_docs);
        for p in pairs_by_topic.get(topic).map(Vec::as_slice).unwrap_or(&[]) {
            let side = |s: &PairSide| -> Vec<SentenceRef> {
                let d = doc_index[s.doc_id.as_str()];
                mapping[d]
                    .get(&s.sent_idx)
                    .into_iter()
                    .flatten()
                    .map(|&i| SentenceRef { doc: d, sentence: i })
                    .collect()
            };
            let (candidates, shipped) = scored.between(&side(&p.a), &side(&p.b));
            let tool = tool_tfidf.best(&side(&p.a), &side(&p.b));
            let key = minilm_key("ecb", (&p.a.doc_id, p.a.sent_idx), (&p.b.doc_id, p.b.sent_idx));
            cases.push(Case {
                set: if p.split == "train" { Set::EcbTrain } else { Set::EcbDev },
                group: *topic,
                label: p.label == 1,
                strong: p.label == 1,
                candidates,
                shipped,
                jaccard: jaccard(&p.a.text, &p.b.text),
                tfidf: tfidf.cosine(&p.a.text, &p.b.text),
                tool_tfidf: tool,
                minilm: minilm.get(&key).copied(),
            });
        }
    }
    println!(
        "ECB+: {} train pairs ({} positive), {} dev pairs; gold sentences not found in tool text: {unmapped}",
        cases.iter().filter(|c| c.set == Set::EcbTrain).count(),
        cases.iter().filter(|c| c.set == Set::EcbTrain && c.label).count(),
        cases.iter().filter(|c| c.set == Set::EcbDev).count(),
    );
    cases
}

/// An article's id and a sentence index in it.
type GoldRef<'a> = (&'a str, usize);

fn story_cases(eval: &Path, minilm: &HashMap<String, [f64; 2]>, cache: &mut RefineCache, secs: &mut f64) -> Vec<Case> {
    let events: Vec<Event> = jsonl(&eval.join("newswcl50"), "newswcl50_events.jsonl");
    let judged: Vec<Judged> = jsonl(&eval.join("claims_judged"), "newswcl50_same_claim_pairs.jsonl");
    let mut cases = Vec::new();
    let mut unmapped = 0usize;
    for story in &judged {
        let event = events.iter().find(|e| e.event_id == story.event_id).expect("judged event exists");
        let articles: Vec<&Article> = story
            .articles
            .iter()
            .map(|id| event.articles.iter().find(|a| &a.article_id == id).expect("judged article exists"))
            .collect();
        // One paragraph per article, sentences joined by spaces, as the README feeds NewsWCL50.
        let tool_docs: Vec<Document> = articles
            .iter()
            .map(|a| load::parse(&a.article_id, &(a.sentences.join(" ") + "\n"), Format::Plain))
            .collect();
        let mapping: Vec<HashMap<usize, Vec<usize>>> = articles
            .iter()
            .zip(&tool_docs)
            .map(|(a, t)| {
                gold_align::map_sentences(a.sentences.iter().map(String::as_str).enumerate(), t, &mut unmapped)
            })
            .collect();
        let mut listed: HashMap<(GoldRef, GoldRef), (u8, u8)> = HashMap::new();
        for p in &story.pairs {
            let (a, b) = ((p.a.article_id.as_str(), p.a.sent_idx), (p.b.article_id.as_str(), p.b.sent_idx));
            listed.insert((a, b), (p.judge_1, p.judge_2));
            listed.insert((b, a), (p.judge_1, p.judge_2));
        }
        let tfidf = Tfidf::new(articles.iter().flat_map(|a| a.sentences.iter().map(String::as_str)));
        let scored = Scored::run(&tool_docs, 1000 + u64::from(story.event_id), cache, secs);
        let tool_tfidf = ToolTfidf::new(&tool_docs);
        let refs = |d: usize, s: usize| -> Vec<SentenceRef> {
            mapping[d].get(&s).into_iter().flatten().map(|&i| SentenceRef { doc: d, sentence: i }).collect()
        };
        for x in 0..articles.len() {
            for y in x + 1..articles.len() {
                for (sa, ta) in articles[x].sentences.iter().enumerate() {
                    for (sb, tb) in articles[y].sentences.iter().enumerate() {
                        let (ia, ib) = ((articles[x].article_id.as_str(), sa), (articles[y].article_id.as_str(), sb));
                        let (j1, j2) = listed.get(&(ia, ib)).copied().unwrap_or((0, 0));
                        let (candidates, shipped) = scored.between(&refs(x, sa), &refs(y, sb));
                        let tool = tool_tfidf.best(&refs(x, sa), &refs(y, sb));
                        cases.push(Case {
                            set: Set::Story,
                            group: story.event_id,
                            label: j1 > 0 || j2 > 0,
                            strong: j1 == 2 && j2 == 2,
                            candidates,
                            shipped,
                            jaccard: jaccard(ta, tb),
                            tfidf: tfidf.cosine(ta, tb),
                            tool_tfidf: tool,
                            minilm: minilm.get(&minilm_key("story", ia, ib)).copied(),
                        });
                    }
                }
            }
        }
    }
    println!("same-story set: {} events; gold sentences not found in tool text: {unmapped}", judged.len());
    cases
}

fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn jaccard(a: &str, b: &str) -> f64 {
    let (x, y): (HashSet<String>, HashSet<String>) = (tokens(a).collect(), tokens(b).collect());
    let union = x.union(&y).count();
    if union == 0 { 0.0 } else { x.intersection(&y).count() as f64 / union as f64 }
}

/// TF-IDF over the sentences of one topic or story (scikit-learn's defaults: raw counts,
/// smoothed IDF ln((1 + N) / (1 + df)) + 1, cosine of the vectors).
struct Tfidf {
    idf: HashMap<String, f64>,
    unseen: f64,
}

impl Tfidf {
    fn new<'a>(sentences: impl Iterator<Item = &'a str>) -> Tfidf {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for s in sentences {
            n += 1;
            for t in tokens(s).collect::<HashSet<_>>() {
                *df.entry(t).or_default() += 1;
            }
        }
        let idf_of = |d: usize| ((1 + n) as f64 / (1 + d) as f64).ln() + 1.0;
        Tfidf { idf: df.into_iter().map(|(t, d)| (t, idf_of(d))).collect(), unseen: idf_of(0) }
    }

    fn vector(&self, s: &str) -> HashMap<String, f64> {
        let mut v: HashMap<String, f64> = HashMap::new();
        for t in tokens(s) {
            let w = self.idf.get(&t).copied().unwrap_or(self.unseen);
            *v.entry(t).or_default() += w;
        }
        v
    }

    fn cosine(&self, a: &str, b: &str) -> f64 {
        let (x, y) = (self.vector(a), self.vector(b));
        let dot: f64 = x.iter().filter_map(|(t, w)| y.get(t).map(|v| w * v)).sum();
        let norm = |v: &HashMap<String, f64>| v.values().map(|w| w * w).sum::<f64>().sqrt();
        let d = norm(&x) * norm(&y);
        if d == 0.0 { 0.0 } else { dot / d }
    }
}

/// TF-IDF over the tool's own sentences of one topic or story.
struct ToolTfidf {
    tfidf: Tfidf,
    texts: Vec<Vec<String>>,
}

impl ToolTfidf {
    fn new(docs: &[Document]) -> ToolTfidf {
        let texts: Vec<Vec<String>> =
            docs.iter().map(|d| (0..d.sentences.len()).map(|s| d.sentence(s).to_string()).collect()).collect();
        ToolTfidf { tfidf: Tfidf::new(texts.iter().flatten().map(String::as_str)), texts }
    }

    fn best(&self, a: &[SentenceRef], b: &[SentenceRef]) -> f64 {
        let text = |r: &SentenceRef| self.texts[r.doc][r.sentence].as_str();
        a.iter()
            .flat_map(|x| b.iter().map(move |y| (x, y)))
            .map(|(x, y)| self.tfidf.cosine(text(x), text(y)))
            .fold(0.0, f64::max)
    }
}

fn coverage(cases: &[&Case], positives_only: bool) -> f64 {
    let pool: Vec<&&Case> = cases.iter().filter(|c| !positives_only || c.label).collect();
    pool.iter().filter(|c| !c.candidates.is_empty()).count() as f64 / pool.len().max(1) as f64
}

fn masked(s: &Signals, mask: &[bool; COUNT]) -> [f64; COUNT] {
    let v = s.values();
    std::array::from_fn(|i| if mask[i] { f64::from(v[i]) } else { 0.0 })
}

/// The two models as the library combines them: the refined one for pairs the transformer
/// refined, the fast one for the others.
#[derive(Clone)]
struct Models {
    fast: Model,
    refined: Model,
}

impl Models {
    fn shipped() -> Models {
        Models { fast: Model::fast().clone(), refined: Model::refined().clone() }
    }

    fn score_one(&self, (s, refined): &Candidate) -> f64 {
        f64::from(if *refined { self.refined.score(s) } else { self.fast.score(s) })
    }

    fn score(&self, c: &Case) -> f64 {
        c.candidates.iter().map(|x| self.score_one(x)).fold(0.0, f64::max)
    }

    /// The links shown before refinement.
    fn fast_score(&self, c: &Case) -> f64 {
        c.candidates.iter().map(|(s, _)| f64::from(self.fast.score(s))).fold(0.0, f64::max)
    }
}

/// For choosing a threshold: the model's probability for pairs the gate lets through, 0 for the
/// others (they stay below the default threshold whatever it is).
fn gate_passing(m: &Models, c: &Case, fast_only: bool) -> f64 {
    c.candidates
        .iter()
        .filter(|(s, _)| model::passes(s))
        .map(|(s, refined)| {
            f64::from(if *refined && !fast_only { m.refined.probability(s) } else { m.fast.probability(s) })
        })
        .fold(0.0, f64::max)
}

/// Shifts a model's bias so that probability `t` becomes [`DEFAULT_THRESHOLD`].
fn calibrate(m: &mut Model, t: f64) {
    let logit = |p: f64| (p / (1.0 - p)).ln();
    if t.is_finite() && t > 0.0 && t < 1.0 {
        m.bias += (logit(f64::from(DEFAULT_THRESHOLD)) - logit(t)) as f32;
    }
}

/// Both models fitted on ECB+ train and `story`, each calibrated so that the default threshold
/// is where `story`'s links reach the target precision: the fast model on its own links, the
/// refined one on the links after refinement.
fn fit_models(train: &[&Case], story: &[&Case], mask: &[bool; COUNT], weights: RowWeights) -> Models {
    fit_models_for(train, story, mask, weights, TARGET_PRECISION)
}

fn fit_models_for(train: &[&Case], story: &[&Case], mask: &[bool; COUNT], weights: RowWeights, target: f64) -> Models {
    let fast_mask: [bool; COUNT] = std::array::from_fn(|i| mask[i] && !REFINED.contains(&NAMES[i]));
    let mut models = Models {
        fast: fit_model(train, story, &fast_mask, weights, false),
        refined: fit_model(train, story, mask, weights, true),
    };
    let t = pick_threshold(&scored(story, &|c| gate_passing(&models, c, true)), target);
    calibrate(&mut models.fast, t);
    let t = pick_threshold(&scored(story, &|c| gate_passing(&models, c, false)), target);
    calibrate(&mut models.refined, t);
    models
}

/// How much a row of each set weighs in the fit: ECB+ train and the stories count equally in all.
#[derive(Clone, Copy)]
struct RowWeights {
    ecb: f64,
    story: f64,
}

impl RowWeights {
    fn balanced(train: &[&Case], story: &[&Case]) -> RowWeights {
        let n = |cs: &[&Case]| cs.iter().filter(|c| !c.candidates.is_empty()).count().max(1) as f64;
        RowWeights { ecb: 1.0, story: n(train) / n(story) }
    }
}

/// Held-out scores of the same-story set, each event scored by models fitted and calibrated
/// without it.
struct CrossValidated {
    folds: HashMap<u32, Models>,
}

impl CrossValidated {
    fn score(&self, c: &Case) -> f64 {
        self.folds[&c.group].score(c)
    }

    /// Links at the default threshold, precision against "listed by either", recall of strong pairs.
    fn links(&self, story: &[&Case]) -> (usize, f64, f64) {
        let linked: Vec<&&Case> = story.iter().filter(|c| self.score(c) >= f64::from(DEFAULT_THRESHOLD)).collect();
        let p = linked.iter().filter(|c| c.label).count() as f64 / linked.len().max(1) as f64;
        let r =
            linked.iter().filter(|c| c.strong).count() as f64 / story.iter().filter(|c| c.strong).count().max(1) as f64;
        (linked.len(), p, r)
    }
}

fn cross_validate(train: &[&Case], story: &[&Case], mask: &[bool; COUNT], weights: RowWeights) -> CrossValidated {
    cross_validate_for(train, story, mask, weights, TARGET_PRECISION)
}

fn cross_validate_for(
    train: &[&Case],
    story: &[&Case],
    mask: &[bool; COUNT],
    weights: RowWeights,
    target: f64,
) -> CrossValidated {
    let events: Vec<u32> =
        story.iter().map(|c| c.group).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let folds = events
        .iter()
        .map(|&e| {
            let rest: Vec<&Case> = story.iter().copied().filter(|c| c.group != e).collect();
            (e, fit_models_for(train, &rest, mask, weights, target))
        })
        .collect();
    CrossValidated { folds }
}

/// The bundled seeds with the hand judgements of their links, and their candidates as the
/// shipped models refine them.
struct SeedJudgements {
    docs: Vec<Document>,
    judged: HashMap<(SentenceRef, SentenceRef), bool>,
    candidates: Vec<(SentenceRef, SentenceRef, Candidate)>,
}

impl SeedJudgements {
    fn load() -> SeedJudgements {
        let docs = parallax::seeds::documents();
        let judged = seed_links::judgements(&docs);
        let mut scoring = Scoring::new(&docs);
        scoring.refine(&docs, usize::MAX, &|_, _| {});
        let candidates = scoring.candidates().iter().map(|c| (c.a, c.b, (c.signals, c.refined))).collect();
        SeedJudgements { docs, judged, candidates }
    }

    /// Links at the default threshold, how many are judged the same claim, and how many are not judged.
    fn report(&self, name: &str, models: &Models) {
        let links: Vec<(SentenceRef, SentenceRef, f64)> = self
            .candidates
            .iter()
            .map(|(a, b, c)| (*a, *b, models.score_one(c)))
            .filter(|l| l.2 >= f64::from(DEFAULT_THRESHOLD))
            .collect();
        let same = links.iter().filter(|l| self.judged.get(&(l.0, l.1)) == Some(&true)).count();
        let unjudged = links.iter().filter(|l| !self.judged.contains_key(&(l.0, l.1))).count();
        let precision = same as f64 / (links.len() - unjudged).max(1) as f64;
        println!(
            "{name:<34} {:>3} links, {same} same claim, {unjudged} not judged: precision {precision:.2}",
            links.len()
        );
        for (a, b, score) in links.iter().filter(|l| !self.judged.contains_key(&(l.0, l.1))) {
            println!(
                "    not judged ({score:.3}): {} {:?}\n                   {} {:?}",
                a.doc,
                truncate(self.docs[a.doc].sentence(a.sentence)),
                b.doc,
                truncate(self.docs[b.doc].sentence(b.sentence))
            );
        }
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(100).collect()
}

/// Logistic regression by Newton's method on the pairs the index proposes (the others score 0
/// whatever the weights), ECB+ train and story rows weighted as `weights` says. A pair with
/// several corresponding tool pairs is represented by the one sharing most words.
/// `refined`: the fit sees only the pairs the transformer refined (the refined model scores no others).
fn fit_model(train: &[&Case], story: &[&Case], mask: &[bool; COUNT], weights: RowWeights, refined: bool) -> Model {
    let rows: Vec<([f64; COUNT], f64, f64)> = train
        .iter()
        .map(|c| (c, weights.ecb))
        .chain(story.iter().map(|c| (c, weights.story)))
        .filter_map(|(c, weight)| {
            let pool: Vec<Candidate> = c.candidates.iter().copied().filter(|x| x.1 || !refined).collect();
            let (best, _) = best_candidate(&pool)?;
            Some((masked(best, mask), if c.label { 1.0 } else { 0.0 }, weight))
        })
        .collect();
    const K: usize = COUNT + 1;
    let total: f64 = rows.iter().map(|r| r.2).sum();
    let mut w = [0f64; K];
    for _ in 0..25 {
        let mut grad = [0f64; K];
        let mut hess = [[0f64; K]; K];
        for (x, y, weight) in &rows {
            let xs: [f64; K] = std::array::from_fn(|i| if i == COUNT { 1.0 } else { x[i] });
            let z: f64 = xs.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for i in 0..K {
                grad[i] += weight * (p - y) * xs[i];
                for j in 0..K {
                    hess[i][j] += weight * p * (1.0 - p) * xs[i] * xs[j];
                }
            }
        }
        for i in 0..K {
            grad[i] += L2 * w[i] * total;
            hess[i][i] += L2 * total;
        }
        let step = solve(hess, grad);
        for i in 0..K {
            w[i] -= step[i];
        }
    }
    Model { bias: w[COUNT] as f32, weights: std::array::from_fn(|i| w[i] as f32) }
}

/// Gaussian elimination with partial pivoting.
fn solve<const K: usize>(mut a: [[f64; K]; K], mut b: [f64; K]) -> [f64; K] {
    for col in 0..K {
        let pivot = (col..K).max_by(|x, y| a[*x][col].abs().total_cmp(&a[*y][col].abs())).unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..K {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; K];
    for row in (0..K).rev() {
        let rest: f64 = (row + 1..K).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    x
}
