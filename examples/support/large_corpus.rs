//! A news-sized corpus for speed and memory measurements, assembled at run
//! time from ../shared/eval (never stored in the repository): the ECB+ and
//! NewsWCL50 sentences in file order, dealt into `docs` documents of
//! `per_doc` sentences each, one paragraph per document. The stream restarts
//! when it runs out, so some sentences recur in two documents, as wire copy does.

use std::path::{Path, PathBuf};

use parallax::document::Document;
use parallax::load::{self, Format};

pub fn eval_dir() -> PathBuf {
    std::env::var_os("PARALLAX_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"))
}

fn sentences(dir: &Path) -> Result<Vec<String>, String> {
    let read = |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let mut out = Vec::new();
    for line in read(dir.join("ecbplus/ecbplus_docs.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let skip_url = !v["url"].is_null();
        for s in v["sentences"].as_array().into_iter().flatten() {
            if !(skip_url && s["sent_idx"] == 0) {
                out.extend(s["text"].as_str().map(str::to_string));
            }
        }
    }
    for line in read(dir.join("newswcl50/newswcl50_events.jsonl"))?.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        for a in v["articles"].as_array().into_iter().flatten() {
            out.extend(a["sentences"].as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)));
        }
    }
    Ok(out)
}

/// The texts of `docs` documents of `per_doc` sentences each, as `build` parses them.
pub fn texts(docs: usize, per_doc: usize) -> Result<Vec<String>, String> {
    let all = sentences(&eval_dir())?;
    if all.is_empty() {
        return Err("no sentences in the eval data".into());
    }
    Ok((0..docs)
        .map(|d| {
            let text: Vec<&str> = (0..per_doc).map(|i| all[(d * per_doc + i) % all.len()].as_str()).collect();
            text.join(" ") + "\n"
        })
        .collect())
}

pub fn build(docs: usize, per_doc: usize) -> Result<Vec<Document>, String> {
    Ok(texts(docs, per_doc)?
        .iter()
        .enumerate()
        .map(|(d, text)| load::parse(&format!("large/{d}.txt"), text, Format::Plain))
        .collect())
}
