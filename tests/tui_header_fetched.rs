//! A pane's header for a page fetched from the web: its source, then its
//! address and when it was fetched, as much as the pane has room for.

mod tui_support;

use tui_support::{app_with, doc, screen_text};

fn fetched_doc() -> parallax::document::Document {
    let mut d = doc(
        "Harbour talks stall",
        Some("Coastal Herald"),
        "https://news.example.org/port/talks",
        "Negotiators walked out of the harbour talks on Tuesday.",
    );
    d.url = Some("https://news.example.org/port/talks".into());
    d.fetched = Some("2026-11-21T10:04:05Z".into());
    d
}

#[test]
fn a_wide_pane_shows_the_address_and_the_fetch_time() {
    let app = app_with(vec![fetched_doc()], 120, 6);
    let header = &screen_text(&app)[0];
    assert!(
        header.contains(
            "Harbour talks stall  Coastal Herald · news.example.org/port/talks · fetched 2026-11-21 10:04 UTC"
        ),
        "{header:?}"
    );
}

#[test]
fn a_narrower_pane_drops_the_address_first_then_the_time() {
    let app = app_with(vec![fetched_doc()], 80, 6);
    let header = &screen_text(&app)[0];
    assert!(header.contains("Coastal Herald · fetched 2026-11-21 10:04 UTC"), "{header:?}");
    assert!(!header.contains("news.example.org"), "{header:?}");
    let app = app_with(vec![fetched_doc(), fetched_doc()], 80, 6);
    let header = &screen_text(&app)[0];
    assert!(header.contains("Coastal") && !header.contains("fetched"), "{header:?}");
}

#[test]
fn a_local_file_with_an_address_in_its_front_matter_shows_its_source_alone() {
    let mut d = fetched_doc();
    d.fetched = None;
    let app = app_with(vec![d], 120, 6);
    let header = &screen_text(&app)[0];
    assert!(header.contains("Harbour talks stall  Coastal Herald ") && !header.contains("example.org"), "{header:?}");
}
