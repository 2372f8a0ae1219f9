//! Shared by the reader's tests: apps over the seeds and over short sample
//! stories written for these tests, with analyses built by hand (so a change in
//! the analysis never changes what these tests see), and drawing to a TestBackend.
#![allow(dead_code)]

use parallax::analysis::{Analysis, Options};
use parallax::claims::{Link, SentenceRef};
use parallax::document::{Document, Meta};
use parallax::framing::{Category, FramingSpan};
use parallax::tui::{Action, App, Keymap, Theme, render, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn app_with(docs: Vec<Document>, width: u16, height: u16) -> App {
    app_with_theme(docs, width, height, false)
}

/// An app over `docs` with the default theme, without colour when `no_color` (NO_COLOR).
pub fn app_with_theme(docs: Vec<Document>, width: u16, height: u16, no_color: bool) -> App {
    let mut app = App::new(docs, Keymap::default_keymap(), Theme::default_theme(no_color));
    update(&mut app, Action::Resize(width, height));
    app
}

/// The seeds, before any analysis has arrived.
pub fn seeds_text_app(width: u16, height: u16) -> App {
    app_with(parallax::seeds::documents(), width, height)
}

/// The seeds with the analysis built by hand in [`seeds_analysis`].
pub fn seeds_app(width: u16, height: u16) -> App {
    let docs = parallax::seeds::documents();
    let analysis = seeds_analysis(&docs);
    let mut app = app_with(docs, width, height);
    app.set_analysis(analysis);
    app
}

/// The seeds analysed by the library as it stands: only for end-to-end checks that
/// assert specific things, never for screen snapshots.
pub fn seeds_live_app(width: u16, height: u16) -> App {
    // Analysed once per test binary: the refinement takes seconds in a debug build.
    static LIVE: std::sync::LazyLock<Analysis> =
        std::sync::LazyLock::new(|| Analysis::run(&parallax::seeds::documents(), &Options::default()));
    let mut app = app_with(parallax::seeds::documents(), width, height);
    app.set_analysis(LIVE.clone());
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

pub fn span(docs: &[Document], d: usize, needle: &str, category: Category) -> FramingSpan {
    let start = docs[d].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in doc {d}"));
    FramingSpan::new(start..start + needle.len(), category, &needle.to_lowercase())
}

/// A link by hand: a needle in one document, a needle in another, the score.
pub type LinkSpec<'a> = ((usize, &'a str), (usize, &'a str), f32);

/// Spans (`(doc, needle, category)`) and links as an analysis.
pub fn analysis_of(docs: &[Document], spans: &[(usize, &str, Category)], links: &[LinkSpec]) -> Analysis {
    let mut framing: Vec<Vec<FramingSpan>> = vec![Vec::new(); docs.len()];
    for (d, needle, category) in spans {
        framing[*d].push(span(docs, *d, needle, *category));
    }
    for spans in &mut framing {
        spans.sort_by_key(|s| s.range.start);
    }
    let links = links
        .iter()
        .map(|((da, na), (db, nb), score)| Link {
            a: sref(docs, *da, na),
            b: sref(docs, *db, nb),
            score: *score,
            held_back: false,
        })
        .collect();
    Analysis::from_parts(framing, links, Vec::new())
}

/// Framing spans and links for [`sample_docs`], built by hand.
pub fn sample_analysis(docs: &[Document]) -> Analysis {
    use Category::*;
    analysis_of(
        docs,
        &[
            (0, "insult", Loaded),
            (0, "Officials said", Attribution),
            (0, "reportedly", Hedge),
            (1, "“final”", ScareQuote),
            (1, "claimed", Attribution),
            (1, "disgrace", Loaded),
            (1, "was stranded", Passive),
            (2, "collapsed", Loaded),
            (2, "were diverted", Passive),
        ],
        &[
            ((0, "Negotiators walked"), (1, "walked away"), 0.82),
            ((0, "Negotiators walked"), (2, "collapsed"), 0.74),
            ((1, "walked away"), (2, "collapsed"), 0.7),
            ((0, "Mara Lind said"), (1, "Mara Lind claimed"), 0.7),
            ((0, "Mara Lind said"), (2, "Lind called"), 0.77),
        ],
    )
}

/// Framing spans and links for the seeds, chosen by hand from their opening paragraphs.
pub fn seeds_analysis(docs: &[Document]) -> Analysis {
    use Category::*;
    analysis_of(
        docs,
        &[
            (0, "According to senior Israeli security officials", Attribution),
            (0, "clinging", Loaded),
            (0, "chaos", Loaded),
            (0, "Officials say", Attribution),
            (0, "jihadist-linked regime", Label),
            (1, "admitted", Attribution),
            (1, "terror group", Label),
            (1, "“strategic pause”", ScareQuote),
            (1, "devastating", Loaded),
            (1, "boasting", Attribution),
            (1, "relentless", Booster),
            (2, "resistance movement", Label),
            (2, "fundamentally flawed", Loaded),
            (2, "According to sources", Attribution),
            (2, "appeared", Hedge),
            (3, "militant group", Label),
            (3, "devastating", Loaded),
            (3, "sick and twisted", Loaded),
            (3, "may be willing", Hedge),
            (4, "humanitarian disaster", Loaded),
            (4, "asserted", Attribution),
            (4, "evidently", Hedge),
            (4, "unilateral assault", Loaded),
        ],
        &[
            ((3, "oft-vaunted"), (4, "“alternative”"), 0.78),
            ((2, "dismissed Hamas’s position"), (4, "Hamas didn’t really want"), 0.74),
            ((4, "walked out of talks"), (2, "The breakdown in talks"), 0.76),
            ((1, "Hamas agreed to release"), (3, "release of 59 hostages"), 0.72),
            ((0, "Hamas condemned the U.S. veto"), (2, "fundamentally flawed"), 0.71),
        ],
    )
}

pub fn sample_app(width: u16, height: u16) -> App {
    let docs = sample_docs();
    let analysis = sample_analysis(&docs);
    let mut app = app_with(docs, width, height);
    app.set_analysis(analysis);
    app
}

/// Runs the background work (counting search matches) to the end, as the idle event loop would.
pub fn settle(app: &mut App) {
    while app.busy() {
        update(app, Action::Tick);
    }
}

/// The screen in debug form: text, then colours and modifiers.
pub fn draw(app: &App) -> String {
    format!("{:?}", buffer(app))
}

pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.shared.width, app.shared.height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen's text alone, one string per row.
pub fn screen_text(app: &App) -> Vec<String> {
    let buf = buffer(app);
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect()
}

/// The last row: the status line or the prompt.
pub fn status_row(app: &App) -> String {
    screen_text(app).pop().unwrap_or_default()
}

/// Sets the confidence of the span on `needle` in document `d` of a hand-made analysis.
pub fn with_confidence(mut analysis: Analysis, docs: &[Document], d: usize, needle: &str, confidence: f32) -> Analysis {
    let at = span(docs, d, needle, Category::Loaded).range;
    let s = analysis.framing[d].iter_mut().find(|s| s.range == at).unwrap_or_else(|| panic!("no span on {needle:?}"));
    s.confidence = confidence;
    analysis
}

/// Quotations by hand, `(doc, the quotation with its marks, the speaker's words)`, put into a
/// hand-made analysis; the spans inside them become the quoted speaker's.
pub fn with_quotations(analysis: Analysis, docs: &[Document], quotes: &[(usize, &str, Option<&str>)]) -> Analysis {
    use parallax::quotes::{Quotation, Speaker, SpeakerKind};
    let find = |d: usize, needle: &str| {
        let start = docs[d].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in doc {d}"));
        start..start + needle.len()
    };
    let mut per_doc: Vec<Vec<Quotation>> = vec![Vec::new(); docs.len()];
    for &(d, marked, speaker) in quotes {
        let range = find(d, marked);
        let open = marked.chars().next().map_or(0, char::len_utf8);
        let close = marked.chars().next_back().map_or(0, char::len_utf8);
        per_doc[d].push(Quotation {
            inner: range.start + open..range.end - close,
            range,
            speaker: speaker.map(|s| Speaker { range: find(d, s), kind: SpeakerKind::Name, antecedent: None }),
            attributed: true,
        });
    }
    let mut framing = analysis.framing.clone();
    for (d, spans) in framing.iter_mut().enumerate() {
        per_doc[d].sort_by_key(|q| q.range.start);
        for s in spans {
            s.quote = per_doc[d].iter().position(|q| q.contains(&s.range));
        }
    }
    let links = analysis.links.clone();
    Analysis::from_parts(framing, links, analysis.clusters.clone()).with_quotes(per_doc)
}

/// Two short tellings with quotations, written for these tests.
pub fn quoted_docs() -> Vec<Document> {
    vec![
        doc(
            "Dock workers vote",
            Some("Coastal Herald"),
            "a.md",
            "Dock workers vote on the new offer.\n\nUnion leader Mara Lind called the offer “a shameful insult to every docker” on Tuesday. The port authority reportedly plans to raise its fees. Officials said the vote could be close.\n\nThe “final” offer ends a bitter dispute.",
        ),
        doc(
            "Dockers weigh the offer",
            Some("Port Weekly"),
            "b.md",
            "Dockers weigh the offer.\n\nThe authority's chief, Jon Berg, said the deal was “absolutely fair to the workers”. The union militants have blocked the quay for a week. Cargo was stranded at the quay.\n\nA vote is due on Friday.",
        ),
    ]
}

/// Both layers, quoted words and spans below the confidence threshold (0.1–0.25), by hand.
pub fn quoted_analysis(docs: &[Document]) -> Analysis {
    use Category::*;
    let a = analysis_of(
        docs,
        &[
            (0, "shameful insult", Loaded),
            (0, "reportedly", Hedge),
            (0, "Officials said", Attribution),
            (0, "could", Hedge),
            (0, "“final”", ScareQuote),
            (0, "bitter", Loaded),
            (1, "absolutely fair", Booster),
            (1, "union militants", Label),
            (1, "blocked", Loaded),
            (1, "was stranded", Passive),
        ],
        &[((0, "Dock workers vote on"), (1, "A vote is due"), 0.8)],
    );
    let a = with_confidence(a, docs, 0, "shameful insult", 0.9);
    let a = with_confidence(a, docs, 0, "could", 0.1);
    let a = with_confidence(a, docs, 0, "bitter", 0.2);
    let a = with_confidence(a, docs, 1, "absolutely fair", 0.25);
    let a = with_confidence(a, docs, 1, "blocked", 0.15);
    with_quotations(
        a,
        docs,
        &[
            (0, "“a shameful insult to every docker”", Some("Mara Lind")),
            (1, "“absolutely fair to the workers”", Some("Jon Berg")),
        ],
    )
}

pub fn quoted_app(width: u16, height: u16, no_color: bool) -> App {
    let docs = quoted_docs();
    let analysis = quoted_analysis(&docs);
    let mut app = app_with_theme(docs, width, height, no_color);
    app.set_analysis(analysis);
    app
}
