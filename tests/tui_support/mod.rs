//! Shared by the reader's tests: apps over the seeds and over short sample
//! stories written for these tests, with hand-built analyses, and drawing to a TestBackend.
#![allow(dead_code)]

use parallax::analysis::{Analysis, Options};
use parallax::claims::{Link, SentenceRef};
use parallax::document::{Document, Meta};
use parallax::framing::{Category, FramingSpan};
use parallax::tui::{Action, App, Keymap, Theme, render, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn app_with(docs: Vec<Document>, width: u16, height: u16) -> App {
    let mut app = App::new(docs, Keymap::default_keymap(), Theme::default_theme(false));
    update(&mut app, Action::Resize(width, height));
    app
}

/// The seeds, analysed by the library as it stands.
pub fn seeds_app(width: u16, height: u16) -> App {
    let docs = parallax::seeds::documents();
    let analysis = Analysis::run(&docs, &Options::default());
    let mut app = app_with(docs, width, height);
    app.set_analysis(analysis);
    app
}

pub fn doc(title: &str, source: Option<&str>, path: &str, text: &str) -> Document {
    Document::new(
        Meta { path: path.into(), title: Some(title.into()), source: source.map(Into::into), ..Meta::default() },
        parallax::clean::clean_plain(text),
    )
}

/// Three short tellings of one invented story.
pub fn sample_docs() -> Vec<Document> {
    vec![
        doc(
            "Harbour talks stall",
            Some("Coastal Herald"),
            "a.md",
            "Harbour talks stall over the night shift.\n\nNegotiators walked out of the harbour talks on Tuesday after the port authority rejected a 12% pay rise. Union leader Mara Lind said the offer was an insult to the dockers. Officials said the night shift would continue.\n\nThe strike has reportedly cost the port millions.",
        ),
        doc(
            "Dockers reject final offer",
            Some("Port Weekly"),
            "b.md",
            "Dockers reject the “final” offer.\n\nThe union of dockers walked away from talks on Tuesday when the authority refused a 12% raise. Mara Lind claimed the offer was a disgrace. Cargo was stranded at the quay.\n\nNo date has been set for new talks.",
        ),
        doc(
            "Port dispute enters second week",
            None,
            "notes/c.txt",
            "Port dispute enters second week.\n\nTalks between the union and the port authority collapsed on Tuesday over a 12 percent raise. Lind called the offer an insult. Ships were diverted to other ports.",
        ),
    ]
}

/// The sentence of `docs[d]` containing `needle`.
pub fn sref(docs: &[Document], d: usize, needle: &str) -> SentenceRef {
    let at = docs[d].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in doc {d}"));
    SentenceRef { doc: d, sentence: docs[d].sentence_at(at).unwrap() }
}

pub fn start_of(docs: &[Document], s: SentenceRef) -> usize {
    docs[s.doc].sentences[s.sentence].start
}

fn span(docs: &[Document], d: usize, needle: &str, category: Category) -> FramingSpan {
    let start = docs[d].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in doc {d}"));
    FramingSpan::new(start..start + needle.len(), category, &needle.to_lowercase())
}

/// Framing spans and links for [`sample_docs`], built by hand.
pub fn sample_analysis(docs: &[Document]) -> Analysis {
    let mut framing = vec![
        vec![
            span(docs, 0, "insult", Category::Loaded),
            span(docs, 0, "Officials said", Category::Attribution),
            span(docs, 0, "reportedly", Category::Hedge),
        ],
        vec![
            span(docs, 1, "“final”", Category::ScareQuote),
            span(docs, 1, "claimed", Category::Attribution),
            span(docs, 1, "disgrace", Category::Loaded),
            span(docs, 1, "was stranded", Category::Passive),
        ],
        vec![span(docs, 2, "collapsed", Category::Loaded), span(docs, 2, "were diverted", Category::Passive)],
    ];
    for spans in &mut framing {
        spans.sort_by_key(|s| s.range.start);
    }
    let link = |a, b, score| Link { a, b, score };
    let walked_a = sref(docs, 0, "Negotiators walked");
    let walked_b = sref(docs, 1, "walked away");
    let walked_c = sref(docs, 2, "collapsed");
    let lind_a = sref(docs, 0, "Mara Lind said");
    let lind_b = sref(docs, 1, "Mara Lind claimed");
    let lind_c = sref(docs, 2, "Lind called");
    let links = vec![
        link(walked_a, walked_b, 0.82),
        link(walked_a, walked_c, 0.74),
        link(walked_b, walked_c, 0.7),
        link(lind_a, lind_b, 0.7),
        link(lind_a, lind_c, 0.77),
    ];
    Analysis::from_parts(framing, links, Vec::new())
}

pub fn sample_app(width: u16, height: u16) -> App {
    let docs = sample_docs();
    let analysis = sample_analysis(&docs);
    let mut app = app_with(docs, width, height);
    app.set_analysis(analysis);
    app
}

/// The screen in debug form: text, then colours and modifiers.
pub fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    format!("{:?}", terminal.backend().buffer())
}

/// The screen's text alone, one string per row.
pub fn screen_text(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect()
}
