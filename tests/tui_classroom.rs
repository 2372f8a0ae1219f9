//! Notes and blind marking in the reader, driven by keys: notes added, moved
//! between, listed, jumped to and back, edited, deleted and brought back; the
//! selection mode's extents and marks; blind mode, reveal and the agreement
//! overlay (against the tool and against a teacher's key); the session kept
//! and restored. Every directory is a temporary one; analyses are hand-made.

mod tui_support;

use std::path::Path;

use parallax::document::Document;
use parallax::framing::Category;
use parallax::notes::{Kind, Store};
use parallax::session::Sessions;
use parallax::tui::modes::agreement::{AgreementView, Line};
use parallax::tui::modes::note_prompt::NotePrompt;
use parallax::tui::modes::notes::NotesList;
use parallax::tui::modes::select::Select;
use parallax::tui::{App, ClassroomSettings};
use tempfile::TempDir;
use tui_support::*;

/// The sample stories saved as files in `dir` (notes need a file to anchor to).
fn saved_docs(dir: &Path) -> Vec<Document> {
    sample_docs()
        .into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            let path = dir.join(format!("story{i}.txt"));
            std::fs::write(&path, &d.text).unwrap();
            d.path = path.to_string_lossy().into_owned();
            d
        })
        .collect()
}

fn store(dir: &Path) -> Store {
    Store::new(dir.join("data"))
}

/// The sample stories with their hand-made analysis and notebooks in `dir`.
fn class_app(dir: &Path, width: u16, height: u16, settings: &ClassroomSettings) -> App {
    let docs = saved_docs(dir);
    let analysis = sample_analysis(&docs);
    let mut app = app_with(docs, width, height);
    let messages = app.open_class(Ok(store(dir)), settings);
    assert!(messages.is_empty(), "{messages:?}");
    app.set_analysis(analysis);
    app
}

fn notes_of(app: &App, doc: usize) -> Vec<(String, Vec<String>, Option<String>)> {
    app.shared
        .classroom
        .entries(doc)
        .map(|e| {
            let quote = e.anchor.map(|a| app.shared.docs[doc].text[a.range.clone()].to_string());
            (e.annotation.text.clone(), e.annotation.tags.clone(), quote)
        })
        .collect()
}

fn cursor_text(app: &App) -> String {
    let doc = app.reader.focus;
    let at = app.reader.panes[doc].cursor;
    app.shared.docs[doc].text[at..].chars().take(20).collect()
}

fn message(app: &App) -> String {
    app.shared.message.clone().unwrap_or_default()
}

#[test]
fn notes_are_added_moved_between_listed_edited_deleted_and_brought_back() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    // The cursor is on the first sentence.
    app.feed("a");
    assert!(app.mode::<NotePrompt>().is_some(), "a opens the note prompt");
    app.type_text("check the night shift #follow-up");
    app.feed("<Enter>");
    assert_eq!(message(&app), "note saved");
    assert_eq!(
        notes_of(&app, 0),
        vec![(
            "check the night shift".into(),
            vec!["follow-up".into()],
            Some("Harbour talks stall over the night shift.".into())
        )]
    );
    assert!(screen_text(&app)[1].starts_with('✎'), "the gutter marks the noted line: {:?}", screen_text(&app)[1]);

    // A second note, on the last sentence.
    app.feed("G");
    app.feed("a");
    app.type_text("how many millions?");
    app.feed("<Enter>");
    app.feed("g");
    app.feed("]n");
    assert!(cursor_text(&app).starts_with("The strike"), "{}", cursor_text(&app));
    assert_eq!(message(&app), "✎ how many millions?");
    app.feed("]n");
    assert_eq!(message(&app), "no note below");
    app.feed("[n");
    assert!(cursor_text(&app).starts_with("Harbour talks"), "{}", cursor_text(&app));

    // A note in the third pane, then the list of all of them.
    app.feed("3a");
    app.type_text("a third telling");
    app.feed("<Enter>");
    app.feed("1");
    app.feed("A");
    assert!(app.mode::<NotesList>().is_some());
    let shown = screen_text(&app).join("\n");
    assert!(shown.contains("pane 1 · Harbour talks stall") && shown.contains("pane 3 · Port dispute"), "{shown}");
    assert!(shown.contains("#follow-up") && shown.contains("a third telling"), "{shown}");
    // Down to the third pane's note, and Enter jumps there; Ctrl-o comes back.
    app.feed("jj<Enter>");
    assert!(app.mode::<NotesList>().is_none(), "Enter closes the list");
    assert_eq!(app.reader.focus, 2);
    assert!(cursor_text(&app).starts_with("Port dispute"), "{}", cursor_text(&app));
    app.feed("<C-o>");
    assert_eq!(app.reader.focus, 0);
    assert!(cursor_text(&app).starts_with("Harbour talks"), "{}", cursor_text(&app));

    // Edit the first note from the list.
    app.feed("Ae");
    let prompt = app.mode::<NotePrompt>().expect("e opens the prompt over the list");
    assert_eq!(prompt.text(), "check the night shift #follow-up");
    app.type_text(" #pay");
    app.feed("<Enter>");
    assert_eq!(notes_of(&app, 0)[0].1, vec!["follow-up".to_string(), "pay".into()]);
    assert!(app.mode::<NotesList>().is_some(), "the list stays open after the edit");

    // Delete it, then bring it back.
    app.feed("d");
    assert_eq!(notes_of(&app, 0).len(), 1);
    assert!(message(&app).starts_with("deleted"), "{}", message(&app));
    app.feed("u");
    assert_eq!(notes_of(&app, 0).len(), 2);
    assert_eq!(message(&app), "brought back");
    app.feed("q");
    assert!(app.mode::<NotesList>().is_none());

    // Everything was saved as it happened: a fresh notebook reads the same notes.
    let docs = saved_docs(dir.path());
    let reopened = store(dir.path()).open(&docs[0]).unwrap();
    assert_eq!(reopened.len(), 2);
    assert!(reopened.entries().any(|e| e.annotation.tags == ["follow-up", "pay"]));
}

/// Regression: every line of a noted sentence carried the glyph, so one note
/// looked like several; only the line where the note starts does now.
#[test]
fn the_gutter_glyph_marks_where_a_note_starts_once() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("]m");
    app.feed("a");
    app.type_text("which talks?");
    app.feed("<Enter>");
    let rows = screen_text(&app);
    let marked: Vec<&String> = rows.iter().filter(|r| r.starts_with('✎')).collect();
    assert_eq!(marked.len(), 1, "{rows:#?}");
    assert!(marked[0].contains("Negotiators"), "{marked:?}");
}

/// Regression: at 80 columns the note prompt showed no hint at all (its full
/// description did not fit); a shorter one does.
#[test]
fn the_note_prompt_says_how_to_save_at_80_columns() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("]ma");
    assert!(status_row(&app).contains("note, #tags · Enter saves · Esc cancels"), "{}", status_row(&app));
    app.feed("<Esc>]fv1");
    assert!(status_row(&app).contains("neutral rewording (optional) · Enter saves"), "{}", status_row(&app));
    let mut wide = class_app(dir.path(), 200, 50, &ClassroomSettings::default());
    wide.feed("]ma");
    assert!(status_row(&wide).contains("note on “Negotiators walke…” · #tags · Enter saves"), "{}", status_row(&wide));
}

#[test]
fn a_note_goes_on_the_highlight_under_the_cursor() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("]fa");
    app.type_text("strong word");
    app.feed("<Enter>");
    assert_eq!(notes_of(&app, 0)[0].2.as_deref(), Some("insult"));
}

#[test]
fn empty_notes_and_escape_save_nothing() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("a<Enter>");
    assert_eq!(message(&app), "an empty note is not saved");
    app.feed("a");
    app.type_text("never mind");
    app.feed("<Esc>");
    assert!(notes_of(&app, 0).is_empty());
    assert!(app.mode::<NotePrompt>().is_none());
    // An edit that empties a note keeps it as it was.
    app.feed("a");
    app.type_text("keep me");
    app.feed("<Enter>Ae<C-u><Enter>");
    assert!(message(&app).starts_with("a note cannot be emptied"), "{}", message(&app));
    assert_eq!(notes_of(&app, 0)[0].0, "keep me");
}

#[test]
fn standard_input_and_an_unwritable_data_directory_say_why_without_failing() {
    let dir = TempDir::new().unwrap();
    let piped = Document::from_plain("-", "Piped text has no file. It cannot carry notes.");
    let mut app = app_with(vec![piped], 80, 24);
    let messages = app.open_class(Ok(store(dir.path())), &ClassroomSettings::default());
    assert!(messages.is_empty(), "standard input is only refused when a note is taken: {messages:?}");
    app.feed("a");
    assert!(app.mode::<NotePrompt>().is_none());
    assert!(message(&app).contains("standard input") && message(&app).contains("save the text"), "{}", message(&app));

    // A file where the data directory should be: notes are read-only, with the reason.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "not a directory").unwrap();
    let docs = saved_docs(dir.path());
    let mut app = app_with(docs, 80, 24);
    let messages = app.open_class(Ok(Store::new(&blocked)), &ClassroomSettings::default());
    assert!(messages.iter().any(|m| m.contains("read-only")), "{messages:?}");
    app.feed("a");
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    app.feed("v");
    assert!(app.mode::<Select>().is_none(), "no marking where nothing can be saved");
}

fn selected(app: &App) -> String {
    let (doc, range) = app.shared.classroom.selection.clone().expect("a selection");
    app.shared.docs[doc].text[range].to_string()
}

#[test]
fn an_orphaned_note_is_listed_with_its_quote_and_cannot_be_jumped_to() {
    let dir = TempDir::new().unwrap();
    let docs = saved_docs(dir.path());
    let mut nb = store(dir.path()).open(&docs[0]).unwrap();
    let at = docs[0].text.find("Officials said").unwrap();
    let draft = parallax::notes::Draft { kind: Kind::Note, text: "who?".into(), tags: Vec::new() };
    nb.add(at..at + "Officials said the night shift would continue.".len(), draft).unwrap();
    // The story is rewritten without that sentence (same file, new text).
    let text = docs[0].text.replace("Officials said the night shift would continue.", "");
    let changed = vec![Document::from_plain(&docs[0].path, &text)];
    let mut app = app_with(changed, 80, 24);
    assert!(app.open_class(Ok(store(dir.path())), &ClassroomSettings::default()).is_empty());
    app.feed("A");
    let shown = screen_text(&app).join("\n");
    assert!(shown.contains("✎ orphan “Officials said the night sh") && shown.contains("who?"), "{shown}");
    app.feed("<Enter>");
    assert!(message(&app).starts_with("orphaned: its passage is no longer in the text"), "{}", message(&app));
    assert!(app.reader.jumps.list.is_empty(), "no jump recorded for an orphan");
}

#[test]
fn selection_extends_by_words_and_sentences_and_a_category_key_marks_it() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("]f");
    // The cursor is on "insult".
    app.feed("v");
    assert_eq!(selected(&app), "insult");
    assert!(status_row(&app).contains("MARK 1 word: 1 loaded"), "{}", status_row(&app));
    app.feed("w");
    assert_eq!(selected(&app), "insult to");
    app.feed("w");
    assert_eq!(selected(&app), "insult to the");
    app.feed("e");
    assert_eq!(selected(&app), "insult to the", "e: to the end of the word it is on");
    app.feed(")");
    assert_eq!(selected(&app), "insult to the dockers", "to the end of the sentence, without its full stop");
    app.feed("(");
    assert_eq!(selected(&app), "Union leader Mara Lind said the offer was an insult", "back to the sentence's start");
    app.feed("b");
    assert_eq!(selected(&app), "rise. Union leader Mara Lind said the offer was an insult");
    app.feed("w");
    app.feed("1");
    assert!(app.mode::<Select>().is_none(), "a category key ends the selection");
    assert!(app.shared.classroom.selection.is_none());
    let prompt = app.mode::<NotePrompt>().expect("the rewording prompt follows the mark");
    assert_eq!(prompt.text(), "");
    app.type_text("a neutral word");
    app.feed("<Enter>");
    let marks: Vec<_> = app.shared.classroom.entries(0).map(|e| e.annotation.clone()).collect();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].kind, Kind::Mark { category: Category::Loaded, rewording: Some("a neutral word".into()) });
    assert_eq!(marks[0].target.quote.exact, "Union leader Mara Lind said the offer was an insult");
    assert!(message(&app).starts_with("saved"), "{}", message(&app));

    // Esc leaves without marking; the digits were not taken as pane numbers meanwhile.
    app.feed("v3<Esc>");
    assert_eq!(app.reader.focus, 0);
    assert_eq!(app.shared.classroom.mark_count(), 2, "3 marked a hedge before Esc");
    app.feed("<Esc>");
    app.feed("vw<Esc>");
    assert_eq!(app.shared.classroom.mark_count(), 2);
    assert!(app.mode::<Select>().is_none());
}

#[test]
fn blind_mode_hides_the_analysis_until_reveal() {
    let dir = TempDir::new().unwrap();
    let settings = ClassroomSettings { blind: true, ..ClassroomSettings::default() };
    let mut app = class_app(dir.path(), 80, 24, &settings);
    assert!(app.shared.analysis.is_none(), "the analysis is withheld from the views");
    assert!(status_row(&app).contains("[BLIND]"), "{}", status_row(&app));
    app.feed("]f");
    assert!(message(&app).contains("blind marking"), "{}", message(&app));
    app.feed("]m");
    assert!(message(&app).contains("blind marking"), "{}", message(&app));
    // Mark "insult" (loaded: the tool agrees) and "night shift" (not in the tool's marks).
    let text = app.shared.docs[0].text.clone();
    let at = |needle: &str| text.find(needle).unwrap();
    app.reader.panes[0].cursor = at("insult");
    app.feed("v1<Enter>");
    app.reader.panes[0].cursor = at("night shift would");
    app.feed("vw1<Esc>");
    app.reader.panes[0].cursor = at("Officials said");
    app.feed("v3<Enter>");
    assert_eq!(app.shared.classroom.mark_count(), 3);
    assert!(app.shared.analysis.is_none());
    app.feed("R");
    assert!(app.shared.analysis.is_some(), "reveal shows the tool's marks");
    assert!(!status_row(&app).contains("[BLIND]"));
    let view = app.mode::<AgreementView>().expect("the agreement overlay opens");
    let text: Vec<String> = view
        .lines()
        .iter()
        .map(|l| match l {
            Line::Heading(t) | Line::Text(t) => t.clone(),
            Line::Gap => String::new(),
        })
        .collect();
    let joined = text.join("\n");
    assert!(joined.contains("spans, any category       2/3"), "two of the tool's three marks found:\n{joined}");
    assert!(joined.contains("Found by you, not by the tool (for discussion)"), "{joined}");
    assert!(joined.contains("“night shift” · loaded language"), "{joined}");
    assert!(joined.contains("“Officials” · yours: hedge · the tool: attribution"), "{joined}");
    assert!(joined.contains("“reportedly” · hedge"), "missed, listed: {joined}");
    app.feed("q");
    assert!(app.mode::<AgreementView>().is_none());
    // B hides again.
    app.feed("B");
    assert!(app.shared.analysis.is_none());
    app.feed("B");
    assert!(app.shared.analysis.is_some());
}

#[test]
fn reveal_comes_by_itself_after_the_teachers_number_of_marks() {
    let dir = TempDir::new().unwrap();
    let settings = ClassroomSettings { blind: true, reveal_after: Some(2), ..ClassroomSettings::default() };
    let mut app = class_app(dir.path(), 80, 24, &settings);
    app.feed("v1<Enter>");
    assert!(app.mode::<AgreementView>().is_none());
    app.feed("Gv2");
    assert!(app.mode::<AgreementView>().is_some(), "the second mark reveals");
    assert!(app.mode::<NotePrompt>().is_none(), "no rewording prompt under the overlay");
    assert!(app.shared.analysis.is_some());
}

#[test]
fn a_teachers_key_replaces_the_tool() {
    let dir = TempDir::new().unwrap();
    // The teacher marks "insult" as loaded language in a notebook of their own, and exports it.
    let teacher = TempDir::new().unwrap();
    let docs = saved_docs(dir.path());
    let mut nb = Store::new(teacher.path()).open(&docs[0]).unwrap();
    let at = docs[0].text.find("the offer").unwrap();
    let draft = parallax::notes::Draft {
        kind: Kind::Mark { category: Category::Loaded, rewording: None },
        text: String::new(),
        tags: Vec::new(),
    };
    nb.add(at..at + "the offer".len(), draft).unwrap();
    let key = std::fs::read_to_string(nb.file()).unwrap();
    let marks = parallax::notes::wire::parse_any(&key).unwrap();
    let settings = ClassroomSettings { blind: true, key: Some(("key.jsonl".into(), marks)), ..Default::default() };
    let mut app = class_app(dir.path(), 80, 24, &settings);
    let text = app.shared.docs[0].text.clone();
    app.reader.panes[0].cursor = text.find("offer was").unwrap();
    app.feed("v1<Enter>R");
    let view = app.mode::<AgreementView>().expect("the overlay");
    let joined: String = view.lines().iter().map(|l| format!("{l:?}\n")).collect();
    assert!(joined.contains("spans, any category       1/1     0.5       1/1     1.0"), "{joined}");
    assert!(!joined.contains("Marked by the key, not by you"), "{joined}");
    assert!(joined.contains("the key agrees"), "{joined}");
}

#[test]
fn the_session_comes_back_and_fresh_starts_anew() {
    let dir = TempDir::new().unwrap();
    let sessions = Sessions::new(dir.path().join("state"));
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("2]f");
    app.feed("/night<Enter>");
    app.feed("Lf1s");
    let (focus, pane) = (app.reader.focus, app.reader.panes[app.reader.focus]);
    app.save_session(&sessions).unwrap();

    let mut again = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    assert_eq!(again.resume(&sessions), None);
    assert_eq!(again.reader.focus, focus);
    assert_eq!((again.reader.panes[focus].top, again.reader.panes[focus].cursor), (pane.top, pane.cursor));
    assert!(!again.reader.show.legend);
    assert!(!again.reader.is_shown(Category::Loaded));
    assert!(again.reader.aligned);
    assert_eq!(again.reader.search.history, vec!["night".to_string()]);
    again.feed("n");
    assert!(cursor_text(&again).starts_with("night"), "n goes on with the restored search: {}", cursor_text(&again));

    // Not resuming (what --fresh does) leaves the start as it is; the file is replaced on the next save.
    let fresh = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    assert_eq!(fresh.reader.focus, 0);
    assert!(fresh.reader.show.legend);
}

#[test]
fn the_session_keeps_the_framing_layers_and_each_category_switch() {
    // Regression (merge of layers with sessions): the session stored whether a category
    // showed, so a hedge hidden only because its layer was off came back switched off.
    let dir = TempDir::new().unwrap();
    let sessions = Sessions::new(dir.path().join("state"));
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("fsfcf1");
    assert!(app.reader.is_shown(Category::Hedge) && !app.reader.is_shown(Category::Loaded));
    app.save_session(&sessions).unwrap();

    let mut again = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    assert!(!again.reader.is_shown(Category::Hedge), "the sourcing layer starts off");
    assert_eq!(again.resume(&sessions), None);
    assert!(again.reader.is_shown(Category::Hedge), "the sourcing layer comes back on");
    assert!(!again.reader.is_shown(Category::Loaded), "loaded stays switched off");
    assert!(again.reader.show.framing.low_confidence(), "low-confidence highlights come back dimmed");
    again.feed("fs");
    assert!(!again.reader.is_shown(Category::Hedge));
    again.feed("fs");
    assert!(again.reader.is_shown(Category::Hedge), "its own switch was kept on");
}

#[test]
fn a_corrupt_session_is_ignored_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let sessions = Sessions::new(dir.path().join("state"));
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    let file = sessions.file(&app.shared.docs);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{\"version\": 1, \"session\": [").unwrap();
    let warning = app.resume(&sessions).expect("a warning");
    assert!(warning.starts_with("session not restored:") && warning.contains(":1:"), "{warning}");
    assert_eq!(app.reader.focus, 0);
    app.save_session(&sessions).unwrap();
    assert!(sessions.load(&app.shared.docs).unwrap().is_some(), "the broken file is replaced by the next save");
}

#[test]
fn help_lists_the_notes_list_and_selection_keys() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 120, 50, &ClassroomSettings::default());
    app.feed("H");
    let mut shown = String::new();
    for _ in 0..8 {
        shown.push_str(&screen_text(&app).join("\n"));
        app.feed("<PageDown>");
    }
    for expected in ["In the notes list", "In selection mode", "add a note", "]n", "undo the last deletion", "1 … 7"]
    {
        assert!(shown.contains(expected), "{expected:?} missing from the help:\n{shown}");
    }
}

#[test]
fn snapshot_notes_list_at_80x24() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings::default());
    app.feed("a");
    app.type_text("who set the night shift? #sources");
    app.feed("<Enter>]fa");
    app.type_text("strong word");
    app.feed("<Enter>]fv1");
    app.type_text("they said");
    app.feed("<Enter>2Gv)5<Enter>A");
    insta::assert_snapshot!(screen_text(&app).join("\n"));
}

#[test]
fn snapshot_marking_mode_status_line_at_80x24() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings { blind: true, ..Default::default() });
    app.feed("jvww");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn snapshot_agreement_overlay_at_80x24() {
    let dir = TempDir::new().unwrap();
    let mut app = class_app(dir.path(), 80, 24, &ClassroomSettings { blind: true, ..Default::default() });
    let text = app.shared.docs[0].text.clone();
    for (needle, key) in [("insult", "1"), ("Officials", "w3"), ("millions", "2")] {
        app.reader.panes[0].cursor = text.find(needle).unwrap();
        app.feed(&format!("v{key}<Enter>"));
    }
    app.feed("2v)1<Enter>R");
    insta::assert_snapshot!(screen_text(&app).join("\n"));
}
