//! The compare screen's speed: opening it (the tables built from the analysis, then the first
//! frame drawn) on the five seeds and on 200 news-length articles assembled from ../shared/eval at
//! bench time, and the tables alone; and the four tables of 982 articles written as CSV, as
//! `parallax compare --format csv` does after its analysis. The analysis is done before timing starts.
//!
//! Run: `cargo bench --bench compare`

#[path = "../examples/support/large_corpus.rs"]
mod large_corpus;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use parallax::analysis::{Analysis, Options};
use parallax::compare::Tables;
use parallax::document::Document;
use parallax::tui::{Action, App, Arrival, Keymap, Theme, render, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_with(docs: &[Document], analysis: &Arc<Analysis>) -> App {
    let mut app = App::new(docs.to_vec(), Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(200, 50));
    update(&mut app, Action::AnalysisArrived(Arrival { analysis: Arc::clone(analysis), still_running: None }));
    app
}

fn open(c: &mut Criterion, name: &str, docs: &[Document]) {
    let analysis = Arc::new(Analysis::run(docs, &Options::default()));
    c.bench_function(&format!("compare/{name}: tables"), |b| b.iter(|| black_box(Tables::build(docs, &analysis))));
    c.bench_function(&format!("compare/{name}: open the screen and draw it, 200x50"), |b| {
        b.iter_batched(
            || (app_with(docs, &analysis), Terminal::new(TestBackend::new(200, 50)).unwrap()),
            |(mut app, mut terminal)| {
                app.feed("=");
                terminal.draw(|f| render(&app, f)).unwrap();
                (app, terminal)
            },
            BatchSize::LargeInput,
        )
    });
}

fn bench(c: &mut Criterion) {
    open(c, "seeds", &parallax::seeds::documents());
    match large_corpus::build(200, 19) {
        Ok(docs) => open(c, "200 articles", &docs),
        Err(e) => eprintln!("skipping 200 articles: {e}"),
    }
    match large_corpus::build(982, 19) {
        Ok(docs) => {
            let analysis = Analysis::run(&docs, &Options::default());
            c.bench_function("compare/982 articles: tables and the four CSV files", |b| {
                b.iter(|| {
                    let tables = Tables::build(&docs, &analysis);
                    let csv: Vec<String> = parallax::compare::TABLES
                        .iter()
                        .filter_map(|t| parallax::compare::text::csv(&docs, &tables, t))
                        .collect();
                    black_box(csv)
                })
            });
        }
        Err(e) => eprintln!("skipping 982 articles: {e}"),
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
