//! The reader draws names that come from files (titles, sources, file names,
//! lexicon notes) escaped, so a hostile file cannot drive the terminal or turn
//! the text around it backwards.

mod tui_support;

use tui_support::{app_with, doc, screen_text};

fn inert(rows: &[String]) -> bool {
    rows.iter().all(|r| !r.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
}

#[test]
fn headers_show_titles_sources_and_file_names_escaped() {
    let docs = vec![
        doc("Talks \u{1b}]0;PWNED\u{7}resume", Some("Wire\u{202e}gnp.exe"), "a.txt", "First story."),
        doc("", None, "d/\u{1b}]52;c;aGk=\u{7}.txt", "Second story."),
    ];
    // With an empty title the header names the pane by its text and shows the file name beside it.
    let app = app_with(docs, 120, 6);
    let rows = screen_text(&app);
    assert!(inert(&rows), "{rows:?}");
    assert!(rows[0].contains("Talks \\e]0;PWNED\\x07resume"), "{:?}", rows[0]);
    assert!(rows[0].contains("Wire\\u{202e}gnp.exe"), "{:?}", rows[0]);
    assert!(rows[0].contains("\\e]52;c;aGk=\\x07.txt"), "{:?}", rows[0]);
}
