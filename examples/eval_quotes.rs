//! Quote speaker attribution against a gold set made by reading.
//!
//! The quotations of the seeds, of NewsWCL50 dev events 0–4, of the ECB+ train and dev
//! documents and of the BABE dev sentences (all three read at run time from ../shared/eval and fed
//! as its README says: sentences joined by spaces, one paragraph, without the URL line of
//! `*ecbplus` documents; each BABE sentence a document of its own, `babe/<id>`, fed last so that
//! the earlier ids and offsets stay put) are found by `parallax::quotes`; a gold file (by default
//! `examples/support/quote_speakers.tsv`; the others beside it are later samples,
//! `quote_speakers_ecbplus*.tsv` the ECB+ ones, `quote_speakers_babe*.tsv` the BABE ones) gives, for
//! each quotation judged, its speaker as the text gives it. The gold stores only where a quotation
//! is (document, byte offset of its opening mark, a hash of its words) and the speaker's name or
//! role, never the articles' text.
//!
//!     cargo run --release --example eval_quotes              # accuracy per kind, precision of the speakers shown, the errors
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_heldout.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus2.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus3.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus4.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus5.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_ecbplus6.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_babe.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_babe2.tsv
//!     cargo run --release --example eval_quotes -- --gold examples/support/quote_speakers_babe3.tsv
//!     cargo run --release --example eval_quotes -- --dump    # every quotation in context, to judge
//!
//! Gold columns (tab-separated): doc, offset, hash, kind (name | role | anonymous | none), where
//! (same | adjacent | far | none: where the text names the speaker), speaker (empty for none).
//! `role` is a description that identifies someone ("the Israeli prime minister"); `anonymous` one
//! that does not ("a senior official", "sources"). A pronoun's speaker is the person it stands for.
//! Several people speaking together are listed with `|` between them; finding any of them is right.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use parallax::document::Document;
use parallax::load::{self, Format};
use parallax::quotes::{self, Quotation, SpeakerKind};
use serde::Deserialize;
use serde::de::DeserializeOwned;

const GOLD: &str = "examples/support/quote_speakers.tsv";
const NEWSWCL50: &str = "newswcl50/newswcl50_events.jsonl";
const ECBPLUS: &str = "ecbplus/ecbplus_docs.jsonl";
const BABE: &str = "babe/babe_dev.jsonl";

#[derive(Deserialize)]
struct Event {
    articles: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    article_id: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct EcbDoc {
    doc_id: String,
    /// Set for `*ecbplus` documents, whose sentence 0 is this URL and is left out.
    url: Option<String>,
    sentences: Vec<EcbSentence>,
}

#[derive(Deserialize)]
struct EcbSentence {
    sent_idx: usize,
    text: String,
}

/// A BABE sentence; it stands alone, so only a speaker in the same sentence can be found.
#[derive(Deserialize)]
struct BabeSentence {
    id: String,
    text: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_quotes: {e}");
            ExitCode::from(2)
        }
    }
}

fn eval_dir() -> PathBuf {
    std::env::var_os("PARALLAX_EVAL").map_or_else(|| PathBuf::from("../shared/eval"), PathBuf::from)
}

/// Every document judged: the seeds, then the NewsWCL50 articles, the ECB+ documents and the BABE sentences,
/// each with its id.
fn documents(eval: &Path) -> Result<Vec<(String, Document)>, String> {
    let mut docs: Vec<(String, Document)> =
        parallax::seeds::documents().into_iter().map(|d| (format!("seeds/{}", d.file_name()), d)).collect();
    for event in jsonl::<Event>(eval, NEWSWCL50)? {
        for a in event.articles {
            let raw = format!("{}\n", a.sentences.join(" "));
            let doc = load::parse(&format!("{}.txt", a.article_id), &raw, Format::Plain);
            docs.push((format!("newswcl50/{}", a.article_id), doc));
        }
    }
    for d in jsonl::<EcbDoc>(eval, ECBPLUS)? {
        let kept: Vec<&str> =
            d.sentences.iter().filter(|s| !(d.url.is_some() && s.sent_idx == 0)).map(|s| s.text.as_str()).collect();
        let doc = load::parse(&format!("{}.txt", d.doc_id), &format!("{}\n", kept.join(" ")), Format::Plain);
        docs.push((format!("ecbplus/{}", d.doc_id), doc));
    }
    for b in jsonl::<BabeSentence>(eval, BABE)? {
        let doc = load::parse(&format!("{}.txt", b.id), &format!("{}\n", b.text), Format::Plain);
        docs.push((format!("babe/{}", b.id), doc));
    }
    Ok(docs)
}

/// The records of a JSON-lines file under the eval directory, in file order.
fn jsonl<T: DeserializeOwned>(eval: &Path, name: &str) -> Result<Vec<T>, String> {
    let path = eval.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{}: {e}", path.display())))
        .collect()
}

/// A short hash of a quotation's words (whitespace collapsed), so the gold survives small shifts.
fn hash(text: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(text.split_whitespace().collect::<Vec<_>>().join(" ").as_bytes());
    format!("{:08x}", h.finish() as u32)
}

fn kind(q: &Quotation) -> &'static str {
    match q.speaker.as_ref().map(|s| (s.kind, s.antecedent.is_some())) {
        None => "none",
        Some((SpeakerKind::Name, _)) => "name",
        Some((SpeakerKind::Role, _)) => "role",
        Some((SpeakerKind::Pronoun, true)) => "pronoun→name",
        Some((SpeakerKind::Pronoun, false)) => "pronoun",
    }
}

fn run() -> Result<(), String> {
    let dump = std::env::args().any(|a| a == "--dump");
    let docs = documents(&eval_dir())?;
    if dump {
        for (id, doc) in &docs {
            for q in quotes::of_document(doc) {
                let s = doc.sentence_at(q.range.start).unwrap_or(0);
                let from = doc.sentences[s.saturating_sub(1)].start;
                let to = doc.sentences.get(s + 1).map_or(doc.text.len(), |r| r.end);
                println!(
                    "{id}\t{}\t{}\t{}\t{}\n    {}\n",
                    q.range.start,
                    hash(&doc.text[q.inner.clone()]),
                    kind(&q),
                    q.speaker_name(&doc.text).unwrap_or("-"),
                    format!(
                        "{}⟦{}⟧{}",
                        &doc.text[from..q.range.start],
                        &doc.text[q.range.clone()],
                        &doc.text[q.range.end..to.max(q.range.end)]
                    )
                    .replace('\n', " ")
                );
            }
        }
        return Ok(());
    }
    let args: Vec<String> = std::env::args().collect();
    let gold_path = args.iter().position(|a| a == "--gold").and_then(|i| args.get(i + 1)).map_or(GOLD, String::as_str);
    let gold = std::fs::read_to_string(gold_path).map_err(|e| format!("{gold_path}: {e}"))?;
    let found: BTreeMap<&str, Vec<Quotation>> =
        docs.iter().map(|(id, d)| (id.as_str(), quotes::of_document(d))).collect();
    let texts: BTreeMap<&str, &str> = docs.iter().map(|(id, d)| (id.as_str(), d.text.as_str())).collect();
    // kind → (judged, right); named speakers in the same or adjacent sentence apart.
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // The other way round, what a reader is shown: kind found → (shown, right).
    let mut shown: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut errors: Vec<String> = Vec::new();
    let mut missing = 0;
    for (n, line) in gold.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [doc, offset, h, gold_kind, place, speaker] = f[..] else {
            return Err(format!("{gold_path}:{}: six tab-separated fields expected", n + 1));
        };
        let offset: usize = offset.parse().map_err(|_| format!("{gold_path}:{}: bad offset", n + 1))?;
        let (Some(qs), Some(text)) = (found.get(doc), texts.get(doc)) else {
            return Err(format!("{gold_path}:{}: unknown document {doc}", n + 1));
        };
        // The quotation with these words nearest the offset (the words decide; the offset breaks ties).
        let q = qs.iter().filter(|q| hash(&text[q.inner.clone()]) == h).min_by_key(|q| q.range.start.abs_diff(offset));
        // A quotation the tool does not find (its marks paired otherwise) cannot have its speaker found:
        // it counts as wrong, so that finding fewer quotations never raises the accuracy.
        let right = q.is_some_and(|q| {
            let got = q.speaker_name(text);
            // Several people speaking together ("Goodlatte, Gowdy and Nunes said") are listed with `|`: any of them is right.
            speaker.split('|').any(|one| matches(gold_kind, one, got, q))
        });
        let mut keys = vec![gold_kind.to_string()];
        if gold_kind == "name" && matches!(place, "same" | "adjacent") {
            keys.push("name, same or adjacent sentence".into());
        }
        for k in keys {
            let e = tally.entry(k).or_default();
            e.0 += 1;
            e.1 += usize::from(right);
        }
        if let Some(q) = q.filter(|q| q.speaker.is_some()) {
            let e = shown.entry(kind(q)).or_default();
            e.0 += 1;
            e.1 += usize::from(right);
        }
        match q {
            None => {
                missing += 1;
                errors.push(format!("{doc}@{offset}: quotation not found any more"));
            }
            Some(q) if !right => errors.push(format!(
                "{doc}@{offset}: gold {gold_kind} {speaker:?} ({place}), found {} {:?}",
                kind(q),
                q.speaker_name(text).unwrap_or("-")
            )),
            Some(_) => {}
        }
    }
    println!("| gold kind | judged | right | accuracy |\n|---|---|---|---|");
    let (mut all, mut all_right) = (0, 0);
    for (k, (n, r)) in &tally {
        println!("| {k} | {n} | {r} | {:.3} |", *r as f64 / (*n).max(1) as f64);
        if !k.contains(',') {
            all += n;
            all_right += r;
        }
    }
    println!("| all | {all} | {all_right} | {:.3} |", all_right as f64 / all.max(1) as f64);
    println!("\n| speaker shown as | shown | right | precision |\n|---|---|---|---|");
    let (mut all, mut all_right) = (0, 0);
    for (k, (n, r)) in &shown {
        println!("| {k} | {n} | {r} | {:.3} |", *r as f64 / (*n).max(1) as f64);
        all += n;
        all_right += r;
    }
    println!("| any | {all} | {all_right} | {:.3} |", all_right as f64 / all.max(1) as f64);
    if missing > 0 {
        println!("\n{missing} gold quotations are no longer found as quotations (counted as wrong above).");
    }
    println!("\nErrors:");
    for e in &errors {
        println!("- {e}");
    }
    Ok(())
}

/// The last word of a name or role, lower case, without a possessive.
fn head(s: &str) -> String {
    let last = s.split_whitespace().last().unwrap_or("").to_lowercase();
    last.trim_end_matches("'s").trim_end_matches("’s").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Whether the speaker found is the gold one: nothing for none; for a name, the same last name (a pronoun
/// through its antecedent); for a role, a description with the same head noun.
fn matches(gold_kind: &str, gold: &str, got: Option<&str>, q: &Quotation) -> bool {
    let found_kind = q.speaker.as_ref().map(|s| s.kind);
    match (gold_kind, got) {
        ("none", None) => true,
        ("none", Some(_)) | (_, None) => false,
        ("name", Some(g)) => {
            let named =
                found_kind == Some(SpeakerKind::Name) || q.speaker.as_ref().is_some_and(|s| s.antecedent.is_some());
            named && head(g) == head(gold)
        }
        (_, Some(g)) => found_kind == Some(SpeakerKind::Role) && head(g) == head(gold),
    }
}
