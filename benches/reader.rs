//! The reader's speed: opening the seeds to the first drawn frame, one redraw
//! (also with about 1,000 search matches on screen), scrolling deep inside a
//! large generated text (no wrapping of the whole), and typing a search into a
//! 50 MB text with 100,000+ matches.
//!
//! Run: `cargo bench --bench reader`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::tui::{Action, App, Keymap, Theme, render, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open_and_draw(width: u16, height: u16) -> Terminal<TestBackend> {
    let docs = parallax::seeds::documents();
    let mut app = App::new(docs, Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(&app, f)).unwrap();
    terminal
}

/// Paragraphs of invented prose, about `bytes` long.
fn large_text(bytes: usize) -> String {
    let sentences = [
        "The committee met again on Thursday to review the harbour budget.",
        "Officials said the figures would be published next week.",
        "Dockers gathered at the gate before dawn, some carrying banners.",
        "A spokesperson declined to comment on the timing of the vote.",
    ];
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(sentences[i % sentences.len()]);
        i += 1;
        text.push_str(if i % 7 == 0 { "\n\n" } else { " " });
    }
    text
}

fn bench(c: &mut Criterion) {
    for (w, h) in [(80, 24), (200, 50)] {
        c.bench_function(&format!("open seeds to first frame {w}x{h}"), |b| b.iter(|| black_box(open_and_draw(w, h))));
    }

    let docs = parallax::seeds::documents();
    let analysis = Analysis::run(&docs, &Options::default());
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = App::new(docs.clone(), Keymap::default_keymap(), Theme::default_theme(false));
        update(&mut app, Action::Resize(w, h));
        app.set_analysis(analysis.clone());
        app.feed("3<Space>");
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(&format!("redraw seeds {w}x{h}"), |b| {
            b.iter(|| {
                terminal.draw(|f| render(&app, f)).unwrap();
            })
        });
    }

    // Every highlight drawn: both layers and those below the threshold (dimmed, gutter marks).
    let mut app = App::new(docs.clone(), Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(200, 50));
    app.set_analysis(analysis.clone());
    app.feed("3<Space>fsfc");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("redraw seeds 200x50 with every highlight shown", |b| {
        b.iter(|| {
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });

    // About 1,000 matches on a 200×50 screen of the seeds: a search for a space (a
    // letter puts at most ~630 there: "e" 633, "a" 557).
    let mut app = App::new(docs.clone(), Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(200, 50));
    app.set_analysis(analysis.clone());
    app.feed("/<Space><Enter>");
    let on_screen: usize = (0..docs.len()).map(|d| app.reader.search.visible(d).len()).sum();
    assert!((1000..1200).contains(&on_screen), "{on_screen} matches on screen");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function(&format!("redraw seeds 200x50 with {on_screen} search matches on screen"), |b| {
        b.iter(|| {
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });

    let big = Document::from_plain("big.txt", &large_text(20 << 20));
    c.bench_function("20 MB text: open to first frame (document already parsed)", |b| {
        b.iter(|| {
            let mut app = App::new(vec![big.clone()], Keymap::default_keymap(), Theme::default_theme(false));
            update(&mut app, Action::Resize(200, 50));
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
            terminal.draw(|f| render(&app, f)).unwrap();
            black_box(terminal);
        })
    });
    let mut app = App::new(vec![big], Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("20 MB text: jump to the end, page up, redraw", |b| {
        b.iter(|| {
            app.feed("G<PageUp>");
            terminal.draw(|f| render(&app, f)).unwrap();
        })
    });
}

/// Typing a one-letter search into 50 MB with well over 100,000 matches: what the
/// reader does before it can take the next key (the matches on screen, the first
/// match from the cursor; counting waits for idle ticks); and counting all of 50 MB
/// for a query that never matches, tick by tick, as the idle event loop does.
fn search_large(c: &mut Criterion) {
    let big = Document::from_plain("big.txt", &large_text(50 << 20));
    let mut app = App::new(vec![big], Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(200, 50));
    let mut group = c.benchmark_group("50 MB text");
    group.sample_size(20);
    group.bench_function("type a search with 100,000+ matches (one key)", |b| {
        b.iter(|| {
            app.feed("/");
            app.type_text("a");
            app.feed("<Esc>");
        })
    });
    group.sample_size(10);
    group.bench_function("count a query that never matches, all ticks", |b| {
        b.iter(|| {
            app.feed("/");
            app.type_text("zebra");
            app.feed("<Enter>");
            let mut ticks = 0;
            while app.busy() {
                update(&mut app, Action::Tick);
                ticks += 1;
            }
            app.feed("<Esc>");
            black_box(ticks)
        });
    });
    group.finish();
}

criterion_group!(benches, bench, search_large);
criterion_main!(benches);
