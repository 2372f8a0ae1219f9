//! Framing detection as `Analysis::run` does it (spans, quotations, label
//! contrasts across the documents): on the five bundled seeds (about 52 KB),
//! and on 982 news-length documents assembled from ../shared/eval at bench
//! time (19 sentences each, about the size of an ECB+ article); and parsing
//! the embedded lexicon. Targets (issue 7): seeds under 10 ms, 982 articles
//! under 0.5 s.
//!
//!     cargo bench --bench framing

#[path = "../examples/support/large_corpus.rs"]
mod large_corpus;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::framing::{self, Lexicon};
use parallax::seeds;

fn bench(c: &mut Criterion) {
    let docs = seeds::documents();
    let lexicon = Lexicon::embedded();
    c.bench_function("framing/detect all five seeds", |b| {
        b.iter(|| framing::detect_corpus(black_box(&docs), &lexicon).iter().map(|f| f.spans.len()).sum::<usize>())
    });
    c.bench_function("framing/parse and merge the embedded lexicon", |b| {
        b.iter(|| Lexicon::parse_defaults().map(|l| l.entries().len()))
    });
}

fn large(c: &mut Criterion) {
    let docs = match large_corpus::build(982, 19) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping the large corpus: {e}");
            return;
        }
    };
    let lexicon = Lexicon::embedded();
    let mut group = c.benchmark_group("framing/982 news articles");
    group.sample_size(10);
    group.bench_function("detect", |b| {
        b.iter(|| framing::detect_corpus(black_box(&docs), &lexicon).iter().map(|f| f.spans.len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench, large);
criterion_main!(benches);
