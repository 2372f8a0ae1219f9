//! Search in the reader, driven key by key: the prompt, highlights in every
//! pane, Enter, n / N across panes, wrapping, Esc, history, and bad queries.

mod tui_support;

use parallax::tui::modes::prompt::Prompt;
use parallax::tui::{Action, update};
use tui_support::*;

/// Matches drawn in each pane, as text.
fn visible(app: &parallax::tui::App) -> Vec<Vec<String>> {
    (0..app.shared.docs.len())
        .map(|d| {
            let text = &app.shared.docs[d].text;
            app.reader.search.visible(d).iter().map(|r| text[r.clone()].to_string()).collect()
        })
        .collect()
}

fn prompt_text(app: &parallax::tui::App) -> Option<String> {
    app.mode::<Prompt>().map(|p| p.text().to_string())
}

#[test]
fn typing_highlights_every_pane_key_by_key() {
    let mut app = sample_app(120, 30);
    app.feed("/");
    assert_eq!(prompt_text(&app).as_deref(), Some(""));
    assert!(status_row(&app).starts_with("/"), "{}", status_row(&app));
    app.feed("o");
    let after_o: usize = visible(&app).iter().map(Vec::len).sum();
    app.feed("f");
    let after_of: usize = visible(&app).iter().map(Vec::len).sum();
    app.feed("f");
    assert!(after_o > after_of, "{after_o} > {after_of}");
    app.type_text("er");
    assert_eq!(prompt_text(&app).as_deref(), Some("offer"));
    assert_eq!(visible(&app), vec![vec!["offer"], vec!["offer", "offer"], vec!["offer"]]);
    assert!(status_row(&app).starts_with("/offer"), "{}", status_row(&app));
    let (buf, y) = (buffer(&app), app.shared.height - 1);
    assert_ne!(buf[(6, y)].style(), buf[(1, y)].style(), "the cursor after the text shows");
    assert!(status_row(&app).contains("4 found"), "{}", status_row(&app));
    assert_eq!(app.reader.focus, 0, "typing previews; the cursor moves on Enter");
    assert_eq!(app.reader.panes[0].cursor, 0);
    app.feed("<Backspace><Backspace>");
    assert_eq!(prompt_text(&app).as_deref(), Some("off"));
}

#[test]
fn enter_goes_to_the_first_match_and_ctrl_o_comes_back() {
    let mut app = sample_app(120, 30);
    let docs = sample_docs();
    app.feed("/");
    app.type_text("insult");
    app.feed("<Enter>");
    assert!(app.mode::<Prompt>().is_none());
    let at = docs[0].text.find("insult").unwrap();
    assert_eq!(app.reader.panes[0].cursor, at);
    assert_eq!(app.reader.cursor_sentence(&app.shared, 0), Some(sref(&docs, 0, "Mara Lind said")));
    assert!(status_row(&app).contains("[1/1] · 2 in all"), "{}", status_row(&app));
    app.feed("<C-o>");
    assert_eq!(app.reader.panes[0].cursor, 0, "the search was a jump");
}

#[test]
fn n_and_shift_n_go_on_into_the_other_panes_and_say_when_they_wrap() {
    let mut app = sample_app(120, 30);
    let docs = sample_docs();
    let offer = |d: usize, nth: usize| docs[d].text.match_indices("offer").nth(nth).unwrap().0;
    app.feed("/");
    app.type_text("offer");
    app.feed("<Enter>");
    assert_eq!((app.reader.focus, app.reader.panes[0].cursor), (0, offer(0, 0)));
    app.feed("n");
    assert_eq!((app.reader.focus, app.reader.panes[1].cursor), (1, offer(1, 0)), "focus follows");
    assert!(app.reader.panes[1].cursor < docs[1].sentences[1].start, "the headline's offer");
    app.feed("n");
    assert_eq!((app.reader.focus, app.reader.panes[1].cursor), (1, offer(1, 1)));
    assert!(status_row(&app).contains("[2/2]"), "{}", status_row(&app));
    app.feed("n");
    assert_eq!((app.reader.focus, app.reader.panes[2].cursor), (2, offer(2, 0)));
    assert_eq!(app.shared.message, None);
    app.feed("n");
    assert_eq!(app.reader.focus, 0);
    assert_eq!(app.shared.message.as_deref(), Some("wrapped round to pane 1"));
    app.feed("N");
    assert_eq!((app.reader.focus, app.reader.panes[2].cursor), (2, offer(2, 0)));
    assert_eq!(app.shared.message.as_deref(), Some("wrapped round to pane 3"));
    app.feed("NN");
    assert_eq!((app.reader.focus, app.reader.panes[1].cursor), (1, offer(1, 0)));
    assert!(!app.reader.search.visible(1).is_empty());
}

#[test]
fn n_and_shift_n_stay_apart_from_the_structure_jumps() {
    let mut app = sample_app(120, 30);
    app.feed("/");
    app.type_text("talks");
    app.feed("<Enter>");
    let at = app.reader.panes[0];
    app.feed("]m");
    assert_ne!(app.reader.panes[0].cursor, at.cursor, "]m moves by claims");
    app.feed("]f");
    assert!(app.reader.panes[0].highlight.is_some(), "]f moves by highlights");
    app.feed("n");
    assert!(app.reader.search.current_in(app.reader.focus).is_some(), "n moves by matches");
}

#[test]
fn one_pane_wraps_to_the_top_and_bottom() {
    let docs = vec![doc("One", None, "one.txt", "A harbour. A quay. Another harbour.")];
    let mut app = app_with(docs, 60, 10);
    app.feed("/harbour<Enter>");
    let first = app.reader.panes[0].cursor;
    app.feed("n");
    let second = app.reader.panes[0].cursor;
    assert!(second > first);
    app.feed("n");
    assert_eq!(app.reader.panes[0].cursor, first);
    assert_eq!(app.shared.message.as_deref(), Some("wrapped round to the top"));
    app.feed("N");
    assert_eq!(app.reader.panes[0].cursor, second);
    assert_eq!(app.shared.message.as_deref(), Some("wrapped round to the bottom"));
}

#[test]
fn question_mark_searches_backward() {
    let docs = vec![doc("One", None, "one.txt", "A harbour. A quay. Another harbour. The end.")];
    let mut app = app_with(docs, 60, 10);
    app.feed("G");
    let end = app.reader.panes[0].cursor;
    app.feed("?");
    assert!(status_row(&app).starts_with("?"), "{}", status_row(&app));
    app.type_text("harbour");
    app.feed("<Enter>");
    let text = &app.shared.docs[0].text;
    assert_eq!(app.reader.panes[0].cursor, text.rfind("harbour").unwrap());
    assert!(app.reader.panes[0].cursor < end);
}

#[test]
fn esc_while_typing_goes_back_and_esc_after_clears_the_highlights() {
    let mut app = sample_app(40, 8);
    let before = app.reader.panes.clone();
    app.feed("/");
    app.type_text("diverted");
    assert_eq!(app.reader.focus, 2, "the preview brings the first match into view");
    app.feed("<Esc>");
    assert!(app.mode::<Prompt>().is_none());
    assert_eq!((app.reader.focus, &app.reader.panes), (0, &before), "back where the search started");
    assert!(visible(&app).iter().all(Vec::is_empty), "no highlights after a cancelled first search");

    app.feed("/");
    app.type_text("talks");
    app.feed("<Enter>");
    assert!(app.reader.search.highlights_shown());
    app.feed("<Esc>");
    assert!(!app.reader.search.highlights_shown());
    assert!(visible(&app).iter().all(Vec::is_empty));
    assert!(app.shared.message.as_deref().unwrap().starts_with("highlights cleared"));
    app.feed("n");
    assert!(app.reader.search.highlights_shown(), "n finds again");

    // Esc while typing a second search goes back to the first one.
    app.feed("/");
    app.type_text("quay");
    app.feed("<Esc>");
    assert_eq!(app.reader.search.query().map(|q| q.text()), Some("talks"));
    // Backspace on an empty prompt leaves it, as in vim.
    app.feed("/<Backspace>");
    assert!(app.mode::<Prompt>().is_none());
}

#[test]
fn up_and_down_recall_earlier_searches() {
    let mut app = sample_app(120, 30);
    app.feed("/talks<Enter>/offer<Enter>/quay<Enter>");
    app.feed("/<Up>");
    assert_eq!(prompt_text(&app).as_deref(), Some("quay"));
    app.feed("<Up><Up>");
    assert_eq!(prompt_text(&app).as_deref(), Some("talks"));
    app.feed("<Up>");
    assert_eq!(prompt_text(&app).as_deref(), Some("talks"), "the oldest stays");
    app.feed("<Down>");
    assert_eq!(prompt_text(&app).as_deref(), Some("offer"));
    app.feed("<Down><Down>");
    assert_eq!(prompt_text(&app).as_deref(), Some(""), "past the newest: what was typed");
    app.feed("<Esc>/t<Up>");
    assert_eq!(prompt_text(&app).as_deref(), Some("talks"), "only entries starting with what is typed");
    app.feed("<Esc>/offer<Enter>/<Up>");
    assert_eq!(prompt_text(&app).as_deref(), Some("offer"), "a repeated search moves to the end");
    // An empty Enter repeats the last search.
    app.feed("<Esc>g/<Enter>");
    assert_eq!(app.reader.search.query().map(|q| q.text()), Some("offer"));
}

#[test]
fn smart_case_inflections_and_the_exact_toggle() {
    let docs = vec![doc("P", None, "p.txt", "Two policies. A policy. Policy matters. The Policies.")];
    let mut app = app_with(docs, 80, 10);
    app.feed("/policy");
    assert_eq!(visible(&app)[0], ["policies", "policy", "Policy", "Policies"]);
    assert!(status_row(&app).contains("with inflections · Tab: exact"), "{}", status_row(&app));
    app.feed("<Tab>");
    assert_eq!(visible(&app)[0], ["policy", "Policy"]);
    assert!(status_row(&app).contains("exact · Tab: inflections"), "{}", status_row(&app));
    app.feed("<Tab><C-u>Policy");
    assert_eq!(visible(&app)[0], ["Policy", "Policies"], "a capital: case counts");
    app.feed("<Enter>/<Tab>");
    // The exact setting carries to the next prompt.
    app.feed("<Esc>/policy<Tab><Enter>/");
    assert!(status_row(&app).contains("search"), "{}", status_row(&app));
    app.feed("x");
    assert!(status_row(&app).contains("exact"), "{}", status_row(&app));
}

#[test]
fn a_match_split_across_wrapped_lines_is_one_match_and_survives_resizing() {
    let docs = vec![doc("W", None, "w.txt", "The negotiators said the harbour talks stall again tonight.")];
    let mut app = app_with(docs, 22, 10);
    app.feed("/harbour talks stall<Enter>");
    let text = app.shared.docs[0].text.clone();
    let at = text.find("harbour").unwrap();
    let whole = at..at + "harbour talks stall".len();
    assert_eq!(app.reader.search.visible(0), std::slice::from_ref(&whole));
    let rows = screen_text(&app);
    assert!(!rows.iter().any(|r| r.contains("harbour talks stall")), "the match is wrapped: {rows:#?}");
    update(&mut app, Action::Resize(100, 10));
    assert!(screen_text(&app)[1].contains("harbour talks stall"));
    assert_eq!(app.reader.search.visible(0), std::slice::from_ref(&whole));
    assert_eq!(app.reader.search.current_in(0), Some(whole));
}

#[test]
fn bad_queries_never_panic() {
    let mut app = sample_app(80, 24);
    app.feed("/<Enter>");
    assert_eq!(app.shared.message.as_deref(), Some("nothing to search for"));
    app.feed("/a.c<Enter>");
    assert_eq!(app.shared.message.as_deref(), Some("not found: a.c"), "taken literally");
    app.feed("/(<Enter>/[x<Enter>/\\<Enter>");
    let long = "harbour ".repeat(20);
    app.feed("/");
    app.type_text(&long);
    app.feed("<Enter>");
    assert!(app.shared.message.as_deref().unwrap().starts_with("not found"));
    app.feed("/");
    app.type_text(&"x".repeat(1200));
    assert_eq!(prompt_text(&app).map(|t| t.chars().count()), Some(1000), "the prompt stops at 1000 characters");
    app.feed("<Esc>/");
    app.type_text("ᚠᛇᚻ 👩‍👩‍👧 עברית");
    app.feed("<Enter>");
    assert!(app.shared.message.as_deref().unwrap().starts_with("not found"));
    app.feed("n");
    for (w, h) in [(1, 1), (10, 3), (30, 5)] {
        update(&mut app, Action::Resize(w, h));
        app.feed("/o");
        screen_text(&app);
        app.feed("<Enter>");
        screen_text(&app);
    }
}

#[test]
fn n_without_a_search_says_so() {
    let mut app = sample_app(80, 24);
    app.feed("n");
    assert_eq!(app.shared.message.as_deref(), Some("no search yet (/ searches)"));
    app.feed("N");
    assert_eq!(app.reader.panes[0].cursor, 0);
}

#[test]
fn keys_that_are_not_for_editing_fall_through_to_the_keymap() {
    let mut app = seeds_app(80, 24);
    app.feed("/");
    app.type_text("hamas");
    let top = app.reader.panes[app.reader.focus].top;
    app.feed("<C-d>");
    assert!(app.reader.panes[app.reader.focus].top > top, "Ctrl-d scrolls while typing");
    app.feed("<F1>");
    assert!(!app.reader.is_shown(parallax::framing::Category::Loaded), "F1 toggles while typing");
    assert_eq!(prompt_text(&app).as_deref(), Some("hamas"), "and the prompt stays");
    app.feed("q");
    assert_eq!(prompt_text(&app).as_deref(), Some("hamasq"), "a character is typed, never a command");
    assert!(!app.shared.quit);
}

#[test]
fn a_query_matching_everywhere_in_a_large_text_is_capped_at_10000() {
    let text = "a harbour at a quay and a ship at a dock.\n\n".repeat(20_000);
    let docs = vec![doc("Big", None, "big.txt", &text), doc("Small", None, "s.txt", "A ship at a quay.")];
    let mut app = app_with(docs, 120, 30);
    app.feed("/a");
    assert!(!visible(&app)[0].is_empty(), "the matches on screen show at once");
    settle(&mut app);
    assert!(status_row(&app).contains("10000+ found"), "{}", status_row(&app));
    app.feed("<Enter>");
    assert!(status_row(&app).contains("10000+"), "{}", status_row(&app));
    assert!(screen_text(&app)[0].contains("10000+ found"), "{}", screen_text(&app)[0]);
    // n / N still walk matches past the counted ones.
    app.feed("G");
    let before = app.reader.panes[0].cursor;
    app.feed("N");
    assert!(app.reader.panes[0].cursor < before && app.reader.panes[0].cursor > text.len() / 2);
}

#[test]
fn a_long_text_is_counted_in_ticks_after_the_key() {
    let mut text = "a harbour at a quay and a ship at a dock.\n\n".repeat(40_000);
    text.push_str(&"a zebra at the gate.\n\n".repeat(30));
    let docs = vec![doc("Big", None, "big.txt", &text)];
    let mut app = app_with(docs, 120, 30);
    app.feed("/zebra");
    assert!(app.busy(), "typing does not wait for the whole count");
    assert!(status_row(&app).contains("0… found"), "{}", status_row(&app));
    let mut ticks = 0;
    while app.busy() {
        update(&mut app, Action::Tick);
        ticks += 1;
    }
    assert!(ticks >= 2, "{ticks} ticks");
    assert!(status_row(&app).contains(" 30 found"), "{}", status_row(&app));
    app.feed("<Enter>");
    assert!(app.reader.panes[0].cursor > text.len() - 30 * 25, "Enter finds a match far down");
}

#[test]
fn an_analysis_arriving_while_typing_keeps_the_highlight_esc_returns_to() {
    let docs = sample_docs();
    let mut app = sample_app(120, 30);
    app.feed("]f]f");
    let range = |app: &parallax::tui::App| {
        let h = app.reader.panes[0].highlight.expect("a highlight cursor");
        app.shared.analysis.as_ref().unwrap().framing[0][h].range.clone()
    };
    let before = range(&app);
    app.feed("/");
    app.type_text("ins");
    let mut refined = sample_analysis(&docs);
    refined.framing[0].insert(0, span(&docs, 0, "Harbour", parallax::framing::Category::Label));
    app.set_analysis(refined);
    app.feed("<Esc>");
    assert_eq!(range(&app), before, "the same words, though their index moved");
}

#[test]
fn the_wrap_message_fits_at_80_columns() {
    // Regression: the message was cut to "search wrappe…" behind the long "where" part.
    let mut app = seeds_app(80, 24);
    app.feed("/hostage<Enter>N");
    assert_eq!(app.shared.message.as_deref(), Some("wrapped round to pane 5"));
    assert!(status_row(&app).contains("wrapped round to pane 5"), "{}", status_row(&app));
    app.feed("<Esc>");
    assert!(status_row(&app).contains("highlights cleared (n finds again)"), "{}", status_row(&app));
}
