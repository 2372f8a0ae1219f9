//! Claim matching on 1,000 news-length documents (about 16,000 sentences: 19 source sentences each,
//! assembled from ../shared/eval at run time), for timing and peak memory:
//!
//!     cargo build --release --example claims_large
//!     /usr/bin/time -v target/release/examples/claims_large

#[path = "support/large_corpus.rs"]
mod large_corpus;

use std::time::Instant;

use parallax::claims;

fn main() {
    let docs = large_corpus::build(1000, 19).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    });
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let start = Instant::now();
    let links = claims::score_pairs(&docs);
    let scored = start.elapsed();
    let shown: Vec<_> = links.iter().filter(|l| l.score >= claims::DEFAULT_THRESHOLD).copied().collect();
    let clusters = claims::cluster(&docs, &shown);
    let total = start.elapsed();
    println!(
        "{} documents, {sentences} sentences: {} scored candidate pairs in {:.3} s; {} links at the default threshold, {} claims; total {:.3} s",
        docs.len(),
        links.len(),
        scored.as_secs_f64(),
        shown.len(),
        clusters.len(),
        total.as_secs_f64()
    );
}
