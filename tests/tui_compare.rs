//! The compare screen: key sequences (open, move, switch tables, filter, Enter jumps and Ctrl-o
//! returns, Esc and `=` come back) and snapshots of each table at 80×24 and 200×50, all from an
//! analysis made by hand for a story written for these tests.

mod tui_support;

use std::ops::Range;
use std::sync::Arc;

use parallax::analysis::Analysis;
use parallax::claims::{Cluster, Link, SentenceRef};
use parallax::document::Document;
use parallax::framing::{ANONYMOUS_SOURCE, Category, FramingSpan, Lexicon, Mention};
use parallax::quotes::{Quotation, Speaker, SpeakerKind};
use parallax::tui::compare::{Filter, Tab};
use parallax::tui::{App, ViewId};
use tui_support::*;

fn story() -> Vec<Document> {
    vec![
        doc(
            "Talks collapse at the port",
            Some("Harbour Herald"),
            "herald.md",
            "Talks on the port strike collapsed on Tuesday after the authority refused a raise. \
             “We will not accept this insult to the dockers,” union leader Mara Lind said. \
             “The strike has cost us two million dollars,” a port official said.\n\n\
             The terror group Harbour Front blocked the gates, helped by the Dock Guard militia.",
        ),
        doc(
            "Union walks away",
            Some("Port Weekly"),
            "weekly.md",
            "The union walked away from the talks on Tuesday when the authority refused a raise. \
             Lind called the offer “an insult to the dockers.” \
             “It has cost us two million dollars,” a senior port official said.\n\n\
             The militant group Harbour Front blocked the gates at dawn with the Dock Guard militia. \
             Ships waited for three days outside the harbour. “The gates stay shut,” Lind said.",
        ),
        doc(
            "Dockers walk out",
            None,
            "voice.txt",
            "Dockers walked out of the talks on Tuesday. “We will not accept this insult,” said Mara Lind. \
             Officials put the cost of the strike at two million dollars.\n\n\
             “The resistance movement Harbour Front stood with us at the gates,” a docker said. \
             “The gates stay shut,” said Tom Berg.",
        ),
    ]
}

fn find(docs: &[Document], d: usize, needle: &str) -> Range<usize> {
    let at = docs[d].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {d}"));
    at..at + needle.len()
}

/// A quotation by hand: the quoted words (marks around them in the text) and the speaker's words.
fn quote(docs: &[Document], d: usize, words: &str, speaker: Option<(&str, SpeakerKind)>) -> Quotation {
    let inner = find(docs, d, words);
    let open = docs[d].text[..inner.start].char_indices().next_back().unwrap().0;
    let close = inner.end + docs[d].text[inner.end..].chars().next().unwrap().len_utf8();
    Quotation {
        range: open..close,
        inner,
        speaker: speaker.map(|(s, kind)| Speaker { range: find(docs, d, s), kind, antecedent: None }),
        attributed: speaker.is_some(),
    }
}

fn mention(docs: &[Document], d: usize, term: &str, referent: &str) -> Mention {
    let lexicon = Lexicon::embedded();
    let entry = lexicon.entries().iter().position(|e| e.term == term).unwrap();
    let set = lexicon.entries()[entry].contrast.clone().unwrap();
    Mention { range: find(docs, d, term), entry, set, referent: Some(Arc::from(referent)), shown: true }
}

fn story_analysis(docs: &[Document]) -> Analysis {
    use SpeakerKind::*;
    let claims: [&[(usize, &str)]; 4] = [
        &[(0, "Talks on the port"), (1, "The union walked"), (2, "Dockers walked")],
        &[(0, "We will not accept this insult to"), (1, "Lind called"), (2, "said Mara Lind")],
        &[(0, "The strike has cost"), (1, "It has cost"), (2, "Officials put")],
        &[(0, "The terror group"), (1, "The militant group")],
    ];
    let mut clusters = Vec::new();
    let mut links = Vec::new();
    for (id, members) in claims.iter().enumerate() {
        let members: Vec<SentenceRef> = members.iter().map(|(d, n)| sref(docs, *d, n)).collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                links.push(Link { a, b, score: 0.9, held_back: false });
            }
        }
        clusters.push(Cluster { id, members });
    }
    let quotes = vec![
        vec![
            quote(docs, 0, "We will not accept this insult to the dockers,", Some(("Mara Lind", Name))),
            quote(docs, 0, "The strike has cost us two million dollars,", Some(("a port official", Role))),
        ],
        vec![
            quote(docs, 1, "an insult to the dockers.", Some(("Lind", Name))),
            quote(docs, 1, "It has cost us two million dollars,", Some(("a senior port official", Role))),
            quote(docs, 1, "The gates stay shut,", Some(("Lind said", Name))),
        ],
        vec![
            quote(docs, 2, "We will not accept this insult,", Some(("Mara Lind", Name))),
            quote(
                docs,
                2,
                "The resistance movement Harbour Front stood with us at the gates,",
                Some(("a docker", Role)),
            ),
            quote(docs, 2, "The gates stay shut,", Some(("Tom Berg", Name))),
        ],
    ];
    // "Lind said": the speaker is the name before "said".
    let mut quotes = quotes;
    let lind = find(docs, 1, "Lind said");
    quotes[1][2].speaker.as_mut().unwrap().range = lind.start..lind.start + "Lind".len();
    let mentions = vec![
        vec![mention(docs, 0, "terror group", "Harbour Front"), mention(docs, 0, "militia", "Dock Guard")],
        vec![mention(docs, 1, "militant group", "Harbour Front"), mention(docs, 1, "militia", "Dock Guard")],
        vec![mention(docs, 2, "resistance movement", "Harbour Front")],
    ];
    let mut insult = span(docs, 0, "insult", Category::Loaded);
    insult.quote = Some(0);
    let framing = vec![
        vec![insult, span(docs, 0, "terror group", Category::Label)],
        vec![span(docs, 1, "militant group", Category::Label)],
        vec![FramingSpan::new(find(docs, 2, "Officials"), Category::Attribution, ANONYMOUS_SOURCE)],
    ];
    let details = quotes.into_iter().zip(mentions).zip(docs).map(|((q, m), d)| (q, m, d.word_count())).collect();
    Analysis::from_parts(framing, links, clusters).with_details(details)
}

fn story_app(width: u16, height: u16) -> App {
    let docs = story();
    let analysis = story_analysis(&docs);
    let mut app = app_with(docs, width, height);
    app.set_analysis(analysis);
    app
}

fn cursor(app: &App) -> SentenceRef {
    app.reader.cursor_sentence(&app.shared, app.reader.focus).unwrap()
}

#[test]
fn equals_opens_the_compare_screen_and_esc_or_equals_returns_to_the_same_place() {
    let mut app = story_app(80, 24);
    app.feed("2jj");
    let (focus, pane) = (app.reader.focus, app.reader.panes[1]);
    app.feed("=");
    assert_eq!(app.showing, ViewId::Compare);
    assert_eq!(app.compare.tab, Tab::Coverage);
    assert!(screen_text(&app)[0].contains("[Coverage]"));
    app.feed("<Esc>");
    assert_eq!(app.showing, ViewId::Reader);
    assert_eq!((app.reader.focus, app.reader.panes[1]), (focus, pane));
    app.feed("==");
    assert_eq!(app.showing, ViewId::Reader);
    assert_eq!((app.reader.focus, app.reader.panes[1]), (focus, pane));
}

#[test]
fn moving_switching_tables_and_choosing_a_source() {
    let mut app = story_app(80, 24);
    app.feed("=jj");
    assert_eq!(app.compare.selected(), 2);
    assert!(status_row(&app).contains("claim 3/"), "{}", status_row(&app));
    app.feed("G");
    let claims = app.compare.tables().unwrap().coverage.claims.len();
    assert_eq!(app.compare.selected(), claims - 1);
    app.feed("<Tab>");
    assert_eq!(app.compare.tab, Tab::Labels);
    assert_eq!(app.compare.selected(), 0, "each table keeps its own selection");
    app.feed("<Tab><Tab>");
    assert_eq!(app.compare.tab, Tab::Quotes);
    app.feed("<S-Tab><S-Tab><S-Tab>");
    assert_eq!(app.compare.tab, Tab::Coverage);
    assert_eq!(app.compare.selected(), claims - 1, "and finds it again");
    app.feed("3");
    assert_eq!(app.compare.source, 2);
    assert!(screen_text(&app)[1].contains("[3]"));
    app.feed("7");
    assert!(status_row(&app).contains("there is no source 7"));
}

#[test]
fn the_filter_shows_claims_a_source_leaves_out_then_only_its_own() {
    let mut app = story_app(80, 24);
    app.feed("=3F");
    assert_eq!(app.compare.filter, Filter::LeftOutBy(2));
    let text = screen_text(&app);
    assert!(text[0].contains("filter: left out by 3 Dockers walk out"), "{}", text[0]);
    // Dock Voice leaves out only the claim about the blockade.
    assert!(text[2].contains("The terror group Harbour Front"), "{}", text[2]);
    assert!(text[3].trim().is_empty() || text[3].starts_with("──"), "{}", text[3]);
    app.feed("F");
    assert_eq!(app.compare.filter, Filter::OnlyIn(2));
    let text = screen_text(&app);
    assert!(text[2].contains("The resistance movement"), "{}", text[2]);
    assert!(text[3].contains("The gates stay shut"), "{}", text[3]);
    // Choosing another source moves the filter with it.
    app.feed("2");
    assert_eq!(app.compare.filter, Filter::OnlyIn(1));
    assert!(screen_text(&app)[2].contains("Ships waited"));
    app.feed("F");
    assert_eq!(app.compare.filter, Filter::All);
}

#[test]
fn enter_opens_the_cell_in_the_reader_and_ctrl_o_comes_back() {
    let mut app = story_app(80, 24);
    let before = cursor(&app);
    // Coverage, the second claim, Port Weekly's telling.
    app.feed("=j2<Enter>");
    assert_eq!(app.showing, ViewId::Reader);
    assert_eq!(cursor(&app), sref(&app.shared.docs, 1, "Lind called"));
    assert_eq!(app.reader.focus, 1);
    app.feed("<C-o>");
    assert_eq!(cursor(&app), before);
    // Quotes: the group of "The gates stay shut", Tom Berg's.
    app.feed("=<S-Tab>");
    assert_eq!(app.compare.tab, Tab::Quotes);
    let rows = screen_text(&app);
    let row = rows.iter().position(|r| r.contains("Tom Berg")).unwrap();
    for _ in 2..row {
        app.feed("j");
    }
    app.feed("<Enter>");
    assert_eq!(cursor(&app), sref(&app.shared.docs, 2, "said Tom Berg"));
    // Labels (the screen reopens on the table it showed): the chosen source's name for the referent.
    app.feed("=<S-Tab><S-Tab>3<Enter>");
    assert_eq!(app.showing, ViewId::Reader);
    assert_eq!(cursor(&app), sref(&app.shared.docs, 2, "The resistance movement"));
    app.feed("=1<Enter>");
    assert_eq!(cursor(&app), sref(&app.shared.docs, 0, "The terror group"));
    app.feed("<C-o>");
    assert_eq!(cursor(&app), sref(&app.shared.docs, 2, "The resistance movement"));
}

#[test]
fn a_claim_the_chosen_source_does_not_report_opens_the_first_telling() {
    let mut app = story_app(80, 24);
    app.feed("=jjj3<Enter>");
    assert_eq!(cursor(&app), sref(&app.shared.docs, 0, "The terror group"));
    assert_eq!(
        app.shared.message.as_deref(),
        Some("source 3 (Dockers walk out) does not report this claim; showing source 1 (Harbour Herald)")
    );
    assert!(status_row(&app).contains("source 3 (Dockers walk out) does not report"), "{}", status_row(&app));
}

#[test]
fn before_the_analysis_the_screen_says_so() {
    let mut app = app_with(story(), 80, 24);
    app.feed("=");
    assert_eq!(app.showing, ViewId::Compare);
    assert!(screen_text(&app)[2].contains("still analysing"));
    app.feed("<Enter>");
    assert!(status_row(&app).contains("still analysing"));
    // The analysis arriving while the screen is open builds the tables.
    let analysis = story_analysis(&app.shared.docs);
    app.set_analysis(analysis);
    assert!(app.compare.tables().is_some());
    assert!(screen_text(&app)[2].contains("Talks on the port strike"));
}

fn snapshot_of(tab_keys: &str, width: u16, height: u16) -> String {
    let mut app = story_app(width, height);
    app.feed(&format!("={tab_keys}"));
    draw(&app)
}

#[test]
fn coverage_at_80x24() {
    insta::assert_snapshot!(snapshot_of("j", 80, 24));
}

#[test]
fn coverage_at_200x50() {
    insta::assert_snapshot!(snapshot_of("3F", 200, 50));
}

#[test]
fn labels_at_80x24() {
    insta::assert_snapshot!(snapshot_of("<Tab>", 80, 24));
}

#[test]
fn labels_at_200x50() {
    insta::assert_snapshot!(snapshot_of("<Tab>3", 200, 50));
}

#[test]
fn sources_at_80x24() {
    insta::assert_snapshot!(snapshot_of("<Tab><Tab>j", 80, 24));
}

#[test]
fn sources_at_200x50() {
    insta::assert_snapshot!(snapshot_of("<Tab><Tab>", 200, 50));
}

#[test]
fn quotes_at_80x24() {
    insta::assert_snapshot!(snapshot_of("<S-Tab>", 80, 24));
}

#[test]
fn quotes_at_200x50() {
    insta::assert_snapshot!(snapshot_of("<S-Tab>jjj", 200, 50));
}
