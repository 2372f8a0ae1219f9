//! Writes the two corpora that BENCHMARKS.md times `analyze` and `compare` on, as text files,
//! from ../shared/eval at run time (never stored in the repository):
//!
//! - `DIR/ecb/<doc_id>.txt`: the 772 ECB+ documents (train and dev), fed as eval_claims and
//!   eval_quotes feed them: sentences joined by spaces, one paragraph, without the URL
//!   sentence of `*ecbplus` documents;
//! - `DIR/large/NNN.txt`: the 982 news-length articles of `support/large_corpus.rs` (19
//!   sentences each), numbered so that a shell glob lists them in corpus order.
//!
//! Then time them as BENCHMARKS.md does:
//!
//!     cargo run --release --example bench_corpora -- /tmp/bench
//!     target/release/parallax analyze --fast --format json /tmp/bench/ecb/*.txt > /dev/null

// The benches parse the corpus with `build`; this example writes its texts only.
#[allow(dead_code)]
#[path = "support/large_corpus.rs"]
mod large_corpus;

use std::path::Path;
use std::process::ExitCode;

/// Articles in the generated corpus, and sentences in each (as the benches build it).
const LARGE_DOCS: usize = 982;
const LARGE_PER_DOC: usize = 19;

fn ecb_texts(eval: &Path) -> Result<Vec<(String, String)>, String> {
    let path = eval.join("ecbplus/ecbplus_docs.jsonl");
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in raw.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let id = v["doc_id"].as_str().ok_or_else(|| format!("{}: a document without doc_id", path.display()))?;
        let skip_url = !v["url"].is_null();
        let kept: Vec<&str> = v["sentences"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| !(skip_url && s["sent_idx"] == 0))
            .filter_map(|s| s["text"].as_str())
            .collect();
        out.push((format!("{id}.txt"), kept.join(" ") + "\n"));
    }
    Ok(out)
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn run(out: &Path) -> Result<(), String> {
    let ecb = ecb_texts(&large_corpus::eval_dir())?;
    let large: Vec<(String, String)> = large_corpus::texts(LARGE_DOCS, LARGE_PER_DOC)?
        .into_iter()
        .enumerate()
        .map(|(d, text)| (format!("{d:03}.txt"), text))
        .collect();
    write_all(&out.join("ecb"), &ecb)?;
    write_all(&out.join("large"), &large)?;
    let (dir, ecb, large) = (out.display(), ecb.len(), large.len());
    println!("{ecb} ECB+ documents in {dir}/ecb, {large} articles in {dir}/large");
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(out), None) = (args.next(), args.next()) else {
        eprintln!("usage: bench_corpora DIR   (writes DIR/ecb/*.txt and DIR/large/*.txt)");
        return ExitCode::from(2);
    };
    match run(Path::new(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
