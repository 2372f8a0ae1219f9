//! Claim matching speed: the five seed articles (analysed in full, as the
//! reader does at start-up: the fast links, then the links refined by the
//! transformer) and 1,000 news-length documents assembled from
//! ../shared/eval at bench time (fast signals: too large to refine).

#[path = "../examples/support/large_corpus.rs"]
mod large_corpus;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::analysis::{Analysis, Options};
use parallax::claims;

fn seeds(c: &mut Criterion) {
    let docs = parallax::seeds::documents();
    c.bench_function("claims/seeds score+cluster", |b| {
        b.iter(|| {
            let links = claims::score_pairs(&docs);
            claims::cluster(&docs, &links)
        })
    });
    let fast = Options { refine: false, ..Options::default() };
    c.bench_function("analysis/seeds first links (fast signals)", |b| b.iter(|| Analysis::run(&docs, &fast)));
    let mut group = c.benchmark_group("analysis/seeds");
    group.sample_size(10);
    group.bench_function("final links (refined by the transformer)", |b| {
        b.iter(|| Analysis::run(&docs, &Options::default()))
    });
    group.finish();
}

fn large(c: &mut Criterion) {
    let docs = match large_corpus::build(1000, 19) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping the large corpus: {e}");
            return;
        }
    };
    let mut group = c.benchmark_group("claims/1000 docs");
    group.sample_size(10);
    group.bench_function("score+cluster", |b| {
        b.iter(|| {
            let links: Vec<_> =
                claims::score_pairs(&docs).into_iter().filter(|l| l.score >= claims::DEFAULT_THRESHOLD).collect();
            claims::cluster(&docs, &links)
        })
    });
    group.finish();
}

criterion_group!(benches, seeds, large);
criterion_main!(benches);
