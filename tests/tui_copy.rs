//! `y`, `Y` and `C`: what goes to the clipboard (the OSC 52 bytes written to the
//! terminal) and what the status line says.

mod tui_support;

use parallax::document::{Document, Meta};
use parallax::tui::osc52;
use tui_support::*;

fn decoded(output: &str) -> String {
    use base64::Engine;
    let payload = output.strip_prefix("\x1b]52;c;").and_then(|s| s.strip_suffix('\x07')).expect("one OSC 52 sequence");
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(payload).unwrap()).unwrap()
}

#[test]
fn y_copies_the_cursor_sentence_as_plain_text() {
    let mut app = sample_app(80, 24);
    app.feed("]m");
    app.feed("y");
    let sentence =
        "Negotiators walked out of the harbour talks on Tuesday after the port authority rejected a 12% pay rise.";
    assert_eq!(app.take_output(), osc52(sentence));
    assert_eq!(app.shared.message.as_deref(), Some("copied 1 sentence, 104 characters"));
    assert_eq!(app.take_output(), "", "written once");
}

#[test]
fn shift_y_adds_a_citation_line() {
    let meta = Meta {
        path: "wire/story.md".into(),
        title: Some("Talks stall".into()),
        source: Some("Example Wire".into()),
        date: Some("2025-07-25".into()),
        url: Some("https://example.org/story".into()),
        ..Meta::default()
    };
    let docs = vec![Document::new(meta, "The talks stalled on Friday. Ships waited.".into())];
    let mut app = app_with(docs, 80, 10);
    app.feed("Y");
    let copied = decoded(&app.take_output());
    assert_eq!(
        copied,
        "The talks stalled on Friday.\n— “Talks stall”, Example Wire, 2025-07-25, https://example.org/story"
    );
    let n = copied.chars().count();
    assert_eq!(app.shared.message, Some(format!("copied 1 sentence with its citation, {n} characters")));
    assert!(status_row(&app).contains(&format!("{n} characters")), "the message fits: {}", status_row(&app));
    // Without a URL, the path says where the text came from.
    let mut bare = app_with(vec![doc("Port notes", None, "notes/port.txt", "Cargo waits.")], 80, 10);
    bare.feed("Y");
    assert_eq!(decoded(&bare.take_output()), "Cargo waits.\n— “Port notes”, notes/port.txt");
}

#[test]
fn shift_c_copies_every_telling_under_its_source() {
    let mut app = sample_app(80, 24);
    app.feed("]mC");
    let copied = decoded(&app.take_output());
    assert_eq!(
        copied,
        "Negotiators walked out of the harbour talks on Tuesday after the port authority rejected a 12% pay rise.\n\
         — Coastal Herald\n\n\
         The union of dockers walked away from talks on Tuesday when the authority refused a 12% raise.\n\
         — Port Weekly\n\n\
         Talks between the union and the port authority collapsed on Tuesday over a 12 percent raise.\n\
         — Port dispute enters second week"
    );
    let n = copied.chars().count();
    assert_eq!(app.shared.message, Some(format!("copied 3 tellings from 3 sources, {n} characters")));
    app.feed("gC");
    assert_eq!(decoded(&app.take_output()), "Harbour talks stall over the night shift.\n— Coastal Herald");
    assert!(app.shared.message.as_deref().unwrap().contains("no other source reports it"));
}

#[test]
fn copying_works_before_the_analysis_and_counterparts_wait_for_it() {
    let mut app = app_with(sample_docs(), 80, 24);
    app.feed("y");
    assert_eq!(decoded(&app.take_output()), "Harbour talks stall over the night shift.");
    app.feed("C");
    assert_eq!(app.take_output(), "");
    assert_eq!(app.shared.message.as_deref(), Some("still analysing…"));
}

#[test]
fn an_empty_document_has_nothing_to_copy() {
    let mut app = app_with(vec![doc("Nothing", None, "e.txt", "")], 80, 10);
    app.feed("yYC");
    assert_eq!(app.take_output(), "");
    assert_eq!(app.shared.message.as_deref(), Some("no sentence under the cursor to copy"));
}

#[test]
fn tellings_too_long_for_osc52_are_refused_with_a_message() {
    // The splitter keeps every sentence under 64 KB, which OSC 52 takes; two
    // linked tellings of 40 KB each do not fit.
    let long_a = format!("Harbour {}.", "word ".repeat(8_000));
    let long_b = format!("Dock {}.", "word ".repeat(8_000));
    let docs = vec![doc("A", None, "a.txt", &long_a), doc("B", None, "b.txt", &long_b)];
    let analysis = analysis_of(&docs, &[], &[((0, "Harbour"), (1, "Dock"), 0.9)]);
    let mut app = app_with(docs, 80, 10);
    app.set_analysis(analysis);
    app.feed("y");
    assert!(app.take_output().starts_with("\x1b]52;c;"), "one sentence still fits");
    app.feed("C");
    assert_eq!(app.take_output(), "");
    assert!(app.shared.message.as_deref().unwrap().starts_with("not copied: "), "{:?}", app.shared.message);
}
