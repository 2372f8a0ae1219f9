//! Snapshots of the drawn screen (text, colours and modifiers), and drawing at
//! sizes and with texts that could break the layout.

mod tui_support;

use parallax::document::Document;
use parallax::framing::{Category, ContrastUse, Explanation, Layer};
use parallax::tui::modes::explain::Explain;
use parallax::tui::{Action, App, Keymap, Theme, update};
use tui_support::*;

/// The seeds with a hand-made analysis: highlights, gutter counts and the legend.
#[test]
fn seeds_at_80x24() {
    insta::assert_snapshot!(draw(&seeds_app(80, 24)));
}

#[test]
fn seeds_at_200x50() {
    insta::assert_snapshot!(draw(&seeds_app(200, 50)));
}

/// The first frame, drawn before the analysis arrives.
#[test]
fn seeds_first_frame_before_the_analysis() {
    insta::assert_snapshot!(draw(&seeds_text_app(80, 24)));
}

#[test]
fn highlights_and_cursor() {
    let mut app = sample_app(80, 24);
    app.feed("]f");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn highlights_without_colour_keep_their_cues() {
    let docs = sample_docs();
    let analysis = sample_analysis(&docs);
    let mut app = App::new(docs, Keymap::default_keymap(), Theme::default_theme(true));
    update(&mut app, Action::Resize(80, 24));
    app.set_analysis(analysis);
    // Both layers, so every category's cue is on screen.
    app.feed("fs2]f");
    let screen = draw(&app);
    let coloured = screen.lines().filter(|l| l.contains("fg: ") && !l.contains("fg: Reset, bg: Reset")).count();
    assert_eq!(coloured, 0, "NO_COLOR: no colour at all");
    insta::assert_snapshot!(screen);
}

#[test]
fn gutter_marks_and_source_only() {
    let mut app = sample_app(120, 20);
    app.feed("]mu");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn jump_flash() {
    let mut app = sample_app(120, 20);
    app.feed("]m<Enter>");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn explanation_overlay_with_label_contrast() {
    let mut app = sample_app(80, 24);
    app.feed("2]f");
    app.open(Explain::new(
        Explanation {
            category: Category::Label,
            category_description: "How an actor, group or act is named where outlets choose between competing names."
                .into(),
            rule: "label:industrial-action".into(),
            matched: "strike".into(),
            note: Some("“Strike” and “walkout” name the same act with different weight.".into()),
            contrast: vec![ContrastUse { doc: 0, terms: vec!["strike".into()] }, ContrastUse { doc: 2, terms: vec![] }],
            layer: Layer::Wording,
            confidence: 1.0,
            confident: true,
            quoted: None,
            referent: None,
        },
        1,
    ));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn explanation_overlay_from_the_analysis() {
    let mut app = sample_app(80, 24);
    app.feed("]f<Enter>");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn counterpart_panel() {
    let mut app = sample_app(100, 30);
    app.feed("]mc");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn help_overlay() {
    let mut app = seeds_app(80, 24);
    app.feed("H");
    insta::assert_snapshot!(draw(&app));
}

fn all_states(app: &mut App) -> Vec<String> {
    let mut screens = vec![draw(app)];
    for keys in
        ["j", "]f", "]m<Enter>", "H", "q", "c", "]mK", "q", "z", "G", "u", "s", "]m", "/the", "<Enter>", "n", "y"]
    {
        app.feed(keys);
        screens.push(draw(app));
    }
    screens
}

#[test]
fn tiny_terminals_never_panic() {
    for (w, h) in [(1, 1), (2, 3), (10, 5), (1, 40), (200, 1), (0, 0), (31, 4)] {
        let mut app = sample_app(w, h);
        all_states(&mut app);
        let mut seeds = seeds_app(w, h);
        all_states(&mut seeds);
    }
}

#[test]
fn tiny_sizes_snapshot() {
    let mut out = String::new();
    for (w, h) in [(1, 1), (2, 3), (10, 5)] {
        out.push_str(&draw(&seeds_app(w, h)));
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

#[test]
fn empty_document_shows_an_empty_pane() {
    let docs = vec![doc("Nothing here", None, "empty.txt", ""), doc("Something", None, "s.txt", "Some text.")];
    let mut app = app_with(docs, 80, 10);
    let rows = screen_text(&app);
    assert!(rows[1].contains("(this document is empty)"), "{:?}", rows[1]);
    assert!(rows[0].contains("empty"));
    app.feed("jGk<C-d>]f]m<Enter>cuszK");
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn hebrew_only_document_keeps_the_layout() {
    let hebrew =
        "הממשלה הודיעה היום על הפסקת אש זמנית ברצועה. שָׁלוֹם עֲלֵיכֶם חֲבֵרִים יְקָרִים.\n\nהמשא ומתן יימשך בשבוע הבא בקהיר.";
    let docs = vec![doc("הפסקת אש", None, "he.txt", hebrew), doc("English", None, "en.txt", "A short English text.")];
    let app = app_with(docs, 70, 8);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(70, 8)).unwrap();
    terminal.draw(|f| parallax::tui::render(&app, f)).unwrap();
    let buf = terminal.backend().buffer();
    for y in 1..6 {
        let separator = (0..70).find(|&x| buf[(x, y)].symbol() == "│");
        assert_eq!(separator, Some(35), "row {y}: the pane border stays in its column");
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn wide_characters_keep_the_layout() {
    let text = "日本語の記事です。停戦交渉は続いています。\n\nEmoji 👩‍👩‍👧 family and café with e\u{301} combining.";
    let docs: Vec<Document> = vec![doc("日本語", None, "ja.txt", text), doc("Other", None, "o.txt", "Other text.")];
    let app = app_with(docs, 50, 8);
    let rows = screen_text(&app);
    assert!(rows[1].replace(' ', "").contains("日本語の記事です。停戦交渉は続いています。"), "{:?}", rows[1]);
    insta::assert_snapshot!(draw(&app));
}

/// Search highlights in every pane as the query is typed, the current match stronger, the prompt on the bottom row.
#[test]
fn search_prompt_while_typing() {
    let mut app = sample_app(100, 20);
    app.feed("/");
    app.type_text("talks");
    settle(&mut app);
    insta::assert_snapshot!(draw(&app));
}

/// After Enter: the cursor on the match, counts in the headers and the status line.
#[test]
fn search_confirmed() {
    let mut app = sample_app(100, 20);
    app.feed("/");
    app.type_text("offer");
    app.feed("<Enter>n");
    settle(&mut app);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn search_without_colour_keeps_its_cues() {
    let docs = sample_docs();
    let analysis = sample_analysis(&docs);
    let mut app = App::new(docs, Keymap::default_keymap(), Theme::default_theme(true));
    update(&mut app, Action::Resize(100, 20));
    app.set_analysis(analysis);
    app.feed("/");
    app.type_text("talks");
    app.feed("<Enter>");
    let screen = draw(&app);
    let coloured = screen.lines().filter(|l| l.contains("fg: ") && !l.contains("fg: Reset, bg: Reset")).count();
    assert_eq!(coloured, 0, "NO_COLOR: no colour at all");
    insta::assert_snapshot!(screen);
}

/// A hidden category is marked × besides being crossed out.
#[test]
fn legend_with_hidden_categories() {
    let mut app = sample_app(100, 13);
    app.feed("fs<F1>f3");
    insta::assert_snapshot!(draw(&app));
}

/// At 80×24 the panel leaves the cursor sentence in sight.
#[test]
fn counterpart_panel_at_80x24_keeps_the_cursor_sentence() {
    let mut app = seeds_app(80, 24);
    app.feed("4]mc");
    insta::assert_snapshot!(draw(&app));
}

/// Counterparts that do not fit: the title says so, and `}` scrolls.
#[test]
fn counterpart_panel_scrolls() {
    let mut app = sample_app(80, 20);
    app.feed("]mc");
    let before = draw(&app);
    assert!(before.contains("↓ more: }"), "{before}");
    app.feed("}");
    insta::assert_snapshot!(format!("{before}\n{}", draw(&app)));
}

/// Source and date in the headers when the documents name them.
#[test]
fn headers_show_source_and_date() {
    let dated = |title: &str, source: &str, date: &str, text: &str| {
        parallax::document::Document::new(
            parallax::document::Meta {
                path: "x.md".into(),
                title: Some(title.into()),
                source: Some(source.into()),
                date: Some(date.into()),
                ..parallax::document::Meta::default()
            },
            text.into(),
        )
    };
    let docs = vec![
        dated("Talks stall", "Example Wire", "2025-07-25", "Talks stall over the night shift."),
        dated("Dockers walk out", "Port Weekly", "2025-07-26", "The dockers walked out."),
    ];
    let app = app_with(docs, 100, 6);
    let rows = screen_text(&app);
    assert!(rows[0].contains("Example Wire · 2025-07-25"), "{}", rows[0]);
    insta::assert_snapshot!(draw(&app));
}

/// An app drawn before any resize (the terminal's size is only known then) still shows its text.
#[test]
fn drawn_before_the_first_resize() {
    let app = App::new(sample_docs(), Keymap::default_keymap(), Theme::default_theme(false));
    let rows = screen_text(&app);
    assert!(rows[1].contains("Harbour talks stall"), "{rows:#?}");
}

/// The status line while the links are refined: the fast analysis shown, progress as a flag.
#[test]
fn status_line_while_refining_links() {
    use parallax::tui::Arrival;
    let docs = sample_docs();
    let analysis = sample_analysis(&docs);
    let mut app = app_with(docs, 80, 8);
    update(&mut app, Action::AnalysisArrived(Arrival::refining(analysis)));
    update(&mut app, Action::Refining { done: 40, total: 100 });
    app.feed("]m");
    insta::assert_snapshot!(draw(&app));
}

/// The default view: the wording layer at or above the threshold; quoted words marked `“` in
/// the gutter and counted apart in the legend; the sourcing layer's line says it is off.
#[test]
fn layers_quotes_and_confidence_at_80x24() {
    let mut app = quoted_app(80, 24, false);
    app.feed("]f");
    insta::assert_snapshot!(draw(&app));
}

/// Everything: the sourcing layer on (`fs`), the highlights below the threshold dimmed and
/// marked `?` (`fc`), the cursor on a quoted one.
#[test]
fn layers_quotes_and_confidence_at_200x50() {
    let mut app = quoted_app(200, 50, false);
    app.feed("fsfc2]f");
    let status = status_row(&app);
    assert!(status.contains("booster, quoted: Jon Berg, low confidence: Enter explains"), "{status}");
    insta::assert_snapshot!(draw(&app));
}

/// Without colour, a dimmed highlight, a quoted one and the outlet's own confident wording
/// still differ: dim, and the gutter's `?` and `“`.
#[test]
fn layers_quotes_and_confidence_without_colour() {
    let mut app = quoted_app(100, 20, true);
    app.feed("fsfc");
    let screen = draw(&app);
    let coloured = screen.lines().filter(|l| l.contains("fg: ") && !l.contains("fg: Reset, bg: Reset")).count();
    assert_eq!(coloured, 0, "NO_COLOR: no colour at all");
    let buf = buffer(&app);
    let rows = screen_text(&app);
    let cell = |needle: &str| {
        let y = rows.iter().position(|r| r.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not on screen"));
        let x = rows[y].find(needle).unwrap();
        let x = rows[y][..x].chars().count() as u16;
        (buf[(x, y as u16)].modifier, rows[y].chars().next().unwrap())
    };
    use ratatui::style::Modifier;
    let (own, own_mark) = cell("reportedly");
    let (unsure, unsure_mark) = cell("bitter");
    let (quoted, quoted_mark) = cell("shameful");
    assert!(!own.contains(Modifier::DIM) && own_mark == ' ', "the outlet's own, confident: {own:?} {own_mark:?}");
    assert!(unsure.contains(Modifier::DIM) && unsure_mark == '?', "below the threshold: {unsure:?} {unsure_mark:?}");
    assert!(!quoted.contains(Modifier::DIM) && quoted_mark == '“', "quoted: {quoted:?} {quoted_mark:?}");
    insta::assert_snapshot!(screen);
}

/// The explanation of a quoted highlight below the threshold: whose words, the layer, the confidence.
#[test]
fn explanation_of_a_quoted_low_confidence_highlight() {
    let mut app = quoted_app(80, 24, false);
    app.feed("fc2]fK");
    let text = screen_text(&app).join("\n");
    assert!(text.contains("quoted: Jon Berg"), "{text}");
    assert!(
        text.contains("confidence 0.25,") && text.contains("below the threshold 0.30: shown dimmed with fc"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&app));
}
