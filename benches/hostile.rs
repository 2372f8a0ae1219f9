//! Growth on pathological input (issue 13): for each generator, the stage it
//! stresses runs at n and 2n; doubling the input should cost at most about
//! 2.5 times the time. Figures and ratios are in BENCHMARKS.md ("Hostile input").
//!
//!     cargo bench --bench hostile                 # all generators
//!     cargo bench --bench hostile -- sentences    # one group
//!
//! Input stages (loader, cleaner, sentence splitter, HTML and Markdown) run
//! through `load::parse`, as a file would; analysis stages through `Analysis::run`.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::load::{self, Format};

/// A generator: name, format, base repetition count, and the text for `n` repetitions.
type Generator = (&'static str, Format, usize, fn(usize) -> String);

const INPUT: &[Generator] = &[
    // The reproduction of the sentence splitter (24 s at n = 20,000).
    ("sentences/backtick quotes", Format::Plain, 20_000, |n| "``a é ".repeat(n)),
    ("sentences/unclosed curly quotes", Format::Plain, 20_000, |n| "“a ".repeat(n)),
    ("sentences/initialisms", Format::Plain, 20_000, |n| "U.S. ".repeat(n)),
    ("sentences/long line without an end", Format::Plain, 50_000, |n| "word ".repeat(n)),
    ("clean/unterminated escapes", Format::Plain, 20_000, |n| "text \x1b]0 more\n".repeat(n)),
    // The reproduction of HTML extraction (over 60 s at n = 20,000).
    ("html/unclosed div", Format::Html, 20_000, |n| format!("<html><body>{}text</body></html>", "<div>".repeat(n))),
    // Just under the depth limit, many times over: Readability's n × depth stays linear in n.
    ("html/chains 250 deep", Format::Html, 20, |n| {
        let chain = format!("{}<p>A sentence deep down.</p>{}", "<div>".repeat(250), "</div>".repeat(250));
        format!("<html><body>{}</body></html>", chain.repeat(n))
    }),
    ("html/flat paragraphs", Format::Html, 2_000, |n| {
        let p: String = (0..n).map(|i| format!("<p>Paragraph {i} has a sentence. And a second one.</p>")).collect();
        format!("<html><body><article>{p}</article></body></html>")
    }),
    ("markdown/nested quotes", Format::Markdown, 20_000, |n| format!("{}text\n", "> ".repeat(n))),
];

fn input(c: &mut Criterion) {
    for (name, format, base, make) in INPUT {
        let mut group = c.benchmark_group(format!("growth/{name}"));
        group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
        for n in [*base, 2 * base] {
            let text = make(n);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
                b.iter(|| load::parse("bench", text, *format).sentences.len())
            });
        }
        group.finish();
    }
}

/// Analysis stages: documents built once, then analysed. Sizes are smaller: on
/// main these stages were quadratic (see BENCHMARKS.md for who fixes which).
type AnalysisGenerator = (&'static str, usize, fn(usize) -> Vec<String>);

const ANALYSIS: &[AnalysisGenerator] = &[
    // Scare-quote detection (10.6 s at n = 32,000 on main).
    ("analysis/scare quotes", 4_000, |n| vec!["\"c\" ".repeat(n)]),
    // Claims words / initialisms (70 s at n = 50,000 plus a second document on main).
    ("analysis/initialisms", 2_000, |n| vec!["U.S.".repeat(n), "The U.S. envoy met officials.".to_string()]),
    // Clause splitting (5.9 s at n = 4,000, two copies, on main).
    ("analysis/repeated clauses", 500, |n| vec!["Officials reported soldiers attacked villages; ".repeat(n); 2]),
    // Clause pairs in the evidence gate (5.6 s at n = 4,000 before claims::MAX_CLAUSES): the
    // splitter's bounded pieces leave sentences of over a thousand clauses each.
    ("analysis/repeated clauses, long", 2_000, |n| {
        vec!["Officials reported soldiers attacked villages; ".repeat(n); 2]
    }),
    ("analysis/many short sentences", 5_000, |n| vec!["Officials said talks resumed. ".repeat(n); 2]),
];

fn analysis(c: &mut Criterion) {
    let options = Options::default();
    for (name, base, make) in ANALYSIS {
        let mut group = c.benchmark_group(format!("growth/{name}"));
        group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
        for n in [*base, 2 * base] {
            let docs: Vec<Document> =
                make(n).iter().enumerate().map(|(i, t)| Document::from_plain(&format!("d{i}.txt"), t)).collect();
            group.throughput(Throughput::Bytes(docs.iter().map(|d| d.text.len() as u64).sum()));
            group.bench_with_input(BenchmarkId::from_parameter(n), &docs, |b, docs| {
                b.iter(|| Analysis::run(docs, &options).links.len())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, input, analysis);
criterion_main!(benches);
