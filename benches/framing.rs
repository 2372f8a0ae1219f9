//! Framing detection on the five bundled seeds (about 52 KB of text), as
//! `Analysis::run` does it (spans and label contrast sets in one pass), and
//! parsing the embedded lexicon. Target: framing on all seeds well under 10 ms.
//!
//!     CARGO_TARGET_DIR=/work/target-release cargo bench --bench framing

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::framing::{self, Lexicon};
use parallax::seeds;

fn bench(c: &mut Criterion) {
    let docs = seeds::documents();
    let lexicon = Lexicon::embedded();
    c.bench_function("framing/detect all five seeds", |b| {
        b.iter(|| docs.iter().map(|d| framing::detect_with_contrasts(black_box(d), &lexicon).1.len()).sum::<usize>())
    });
    c.bench_function("framing/parse and merge the embedded lexicon", |b| {
        b.iter(|| Lexicon::parse_defaults().map(|l| l.entries().len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
