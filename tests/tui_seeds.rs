//! End-to-end checks of the reader on the seeds with the analysis as it stands.
//! They assert specific things a reader relies on; screen snapshots are built
//! from hand-made analyses instead (tests/tui_render.rs).

mod tui_support;

use parallax::framing::Category;
use parallax::tui::Theme;
use tui_support::*;

/// The style of the first cell showing `needle` on screen.
fn style_of(app: &parallax::tui::App, needle: &str) -> Option<ratatui::style::Style> {
    let buf = buffer(app);
    let rows = screen_text(app);
    let (y, row) = rows.iter().enumerate().find(|(_, r)| r.contains(needle))?;
    let x = row[..row.find(needle)?].chars().count() as u16;
    Some(buf[(x, y as u16)].style())
}

#[test]
fn labels_and_scare_quotes_of_the_seeds_are_highlighted_in_their_styles() {
    let app = seeds_live_app(200, 50);
    let theme = Theme::default_theme(false);
    let label = style_of(&app, "terror group").expect("“terror group” is on the first screen of pane 2");
    assert_eq!(label.add_modifier, theme.category(Category::Label).add_modifier);
    let quote = style_of(&app, "“strategic").expect("the scare quote is on screen");
    assert_eq!(quote.add_modifier, theme.category(Category::ScareQuote).add_modifier);
}

#[test]
fn some_seed_sentence_is_reported_by_other_sources_and_enter_jumps_there_and_back() {
    let mut app = seeds_live_app(200, 50);
    let linked = (0..5).find(|&d| {
        app.feed(&format!("{}g]m", d + 1));
        app.shared.message.is_none()
    });
    let Some(doc) = linked else { panic!("no seed sentence is linked to another source") };
    let from = app.reader.panes[doc];
    app.feed("<Enter>");
    assert_ne!(app.reader.focus, doc, "Enter jumps to another source");
    assert!(app.shared.message.as_deref().unwrap().starts_with("counterpart 1 of"));
    app.feed("<C-o>");
    assert_eq!((app.reader.focus, app.reader.panes[doc]), (doc, from));
}

#[test]
fn a_search_for_hostages_finds_them_in_most_seeds() {
    let mut app = seeds_live_app(200, 50);
    app.feed("/hostage<Enter>");
    settle(&mut app);
    let headers = &screen_text(&app)[0];
    let panes_with = headers.matches(" found").count() - headers.matches(" 0 found").count();
    assert!(panes_with >= 4, "{headers}");
    assert!(status_row(&app).contains("[1/"), "{}", status_row(&app));
}
