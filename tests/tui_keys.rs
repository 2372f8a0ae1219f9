//! Key-sequence tests: the reader driven through the default keymap.

mod tui_support;

use parallax::framing::Category;
use parallax::tui::modes::explain::Explain;
use parallax::tui::modes::help::Help;
use parallax::tui::{Action, update};
use tui_support::*;

#[test]
fn j_k_and_arrows_move_one_line() {
    let mut app = seeds_text_app(80, 24);
    let start = app.reader.panes[0].top;
    app.feed("j");
    let one = app.reader.panes[0].top;
    assert!(one > start);
    app.feed("k");
    assert_eq!(app.reader.panes[0].top, start);
    app.feed("<Down>");
    assert_eq!(app.reader.panes[0].top, one);
    app.feed("<Up>");
    assert_eq!(app.reader.panes[0].top, start);
    app.feed("k");
    assert_eq!(app.reader.panes[0].top, start, "no scrolling above the top");
}

#[test]
fn half_pages_pages_top_and_bottom() {
    let mut app = seeds_text_app(80, 24);
    app.feed("3");
    let doc = 2;
    app.feed("j");
    let line = app.reader.panes[doc].top;
    app.feed("g");
    assert_eq!(app.reader.panes[doc].top, 0);
    app.feed("<C-d>");
    let half = app.reader.panes[doc].top;
    app.feed("<C-u>");
    assert_eq!(app.reader.panes[doc].top, 0);
    app.feed("<Space>");
    let page = app.reader.panes[doc].top;
    assert!(line < half && half < page, "{line} < {half} < {page}");
    app.feed("<C-d><C-d>");
    assert!(app.reader.panes[doc].top > page);
    app.feed("b<C-u><C-u>");
    assert_eq!(app.reader.panes[doc].top, 0);
    app.feed("<PageDown>");
    assert_eq!(app.reader.panes[doc].top, page);
    app.feed("<PageUp>");
    assert_eq!(app.reader.panes[doc].top, 0);
    app.feed("G");
    let bottom = app.reader.panes[doc].top;
    assert!(bottom > page);
    app.feed("j<Space>");
    assert_eq!(app.reader.panes[doc].top, bottom, "the last page stays put");
    app.feed("g");
    assert_eq!(app.reader.panes[doc].top, 0);
    app.feed("<End>");
    assert_eq!(app.reader.panes[doc].top, bottom);
    app.feed("<Home>");
    assert_eq!(app.reader.panes[doc].top, 0);
    assert_eq!(app.reader.focus, doc, "only the focused pane moved");
    assert_eq!(app.reader.panes[0].top, 0);
}

#[test]
fn bottom_shows_the_end_of_the_text() {
    let mut app = seeds_text_app(80, 24);
    app.feed("3G");
    let rows = screen_text(&app);
    let end = &app.shared.docs[2].text[app.shared.docs[2].text.len() - 30..];
    assert!(rows.iter().any(|r| r.contains(end.split_whitespace().last().unwrap())), "{rows:#?}");
    assert!(rows[0].contains("100%"), "{}", rows[0]);
}

#[test]
fn tab_shift_tab_and_digits_focus_panes() {
    let mut app = seeds_text_app(80, 24);
    app.feed("<Tab>");
    assert_eq!(app.reader.focus, 1);
    app.feed("<S-Tab><S-Tab>");
    assert_eq!(app.reader.focus, 4, "Shift-Tab wraps around");
    app.feed("<Tab>");
    assert_eq!(app.reader.focus, 0);
    app.feed("3");
    assert_eq!(app.reader.focus, 2);
    app.feed("9");
    assert_eq!(app.reader.focus, 2);
    assert!(app.shared.message.as_deref().unwrap().contains("no pane 9"));
    app.feed("l<Right>");
    assert_eq!(app.reader.focus, 4);
    app.feed("h<Left>h");
    assert_eq!(app.reader.focus, 1);
}

#[test]
fn window_of_panes_follows_focus() {
    let mut app = seeds_text_app(80, 24);
    let rows = screen_text(&app);
    assert!(rows[23].contains("1–2 of 5"), "{}", rows[23]);
    app.feed("5");
    assert_eq!(app.reader.screen().first, 3);
    let rows = screen_text(&app);
    assert!(rows[23].contains("4–5 of 5"), "{}", rows[23]);
    assert!(rows[0].contains("▶5"), "{}", rows[0]);
    app.feed("4");
    assert_eq!(app.reader.screen().first, 3, "the window moves only when focus leaves it");
    app.feed("1");
    assert_eq!(app.reader.screen().first, 0);
    let wide = seeds_text_app(200, 50);
    assert!(!screen_text(&wide)[49].contains(" of 5"), "all five fit at 200 columns");
}

#[test]
fn focused_pane_is_marked_without_colour() {
    let mut app = seeds_text_app(200, 50);
    app.feed("2");
    let header = &screen_text(&app)[0];
    assert!(header.contains("▶2 "), "{header}");
    assert!(!header.contains("▶1 "), "{header}");
}

#[test]
fn z_zooms_the_focused_pane_and_back() {
    let mut app = seeds_text_app(200, 50);
    app.feed("2z");
    assert!(app.reader.zoomed);
    let rows = screen_text(&app);
    assert!(!rows[1].contains('│'), "one pane, no separators: {}", rows[1]);
    assert!(rows[0].starts_with("▶2 "), "{}", rows[0]);
    assert!(rows[49].contains("zoomed (2 of 5)"), "{}", rows[49]);
    app.feed("z");
    assert!(!app.reader.zoomed);
    assert!(screen_text(&app)[1].contains('│'));
}

#[test]
fn resizing_keeps_the_reading_position() {
    let mut app = seeds_text_app(80, 24);
    app.feed("3<Space><Space>jj");
    let top = app.reader.panes[2].top;
    let word: String = app.shared.docs[2].text[top..].split_whitespace().next().unwrap().to_string();
    update(&mut app, Action::Resize(200, 50));
    assert_eq!(app.reader.panes[2].top, top);
    let first_text_row = &screen_text(&app)[1];
    assert!(first_text_row.contains(&word), "{word:?} not in {first_text_row:?}");
    update(&mut app, Action::Resize(50, 10));
    update(&mut app, Action::Resize(80, 24));
    assert_eq!(app.reader.panes[2].top, top, "a round trip through other sizes returns to the same place");
}

#[test]
fn help_overlay_opens_scrolls_and_closes() {
    let mut app = seeds_text_app(80, 24);
    let help_scroll = |app: &parallax::tui::App| app.mode::<Help>().map(Help::scroll);
    app.feed("H");
    assert_eq!(help_scroll(&app), Some(0));
    app.feed("jj");
    assert_eq!(help_scroll(&app), Some(2));
    assert_eq!(app.reader.panes[0].top, 0, "keys scroll the help, not the pane");
    app.feed("q");
    assert_eq!(help_scroll(&app), None);
    assert!(!app.shared.quit, "q closes the overlay first");
    app.feed("H<Esc>");
    assert_eq!(help_scroll(&app), None);
    app.feed("HH");
    assert_eq!(help_scroll(&app), None);
    app.feed("HG");
    let scroll = help_scroll(&app).unwrap();
    assert!(scroll > 0 && scroll < 200);
    app.feed("j");
    assert_eq!(help_scroll(&app), Some(scroll), "no scrolling past the end");
}

/// Every page of the help, as text.
fn help_pages(app: &mut parallax::tui::App) -> String {
    app.feed("H");
    let mut text = screen_text(app).join("\n");
    for _ in 0..10 {
        app.feed("<PageDown>");
        text.push_str(&screen_text(app).join("\n"));
    }
    app.feed("q");
    text
}

#[test]
fn help_lists_the_keymap() {
    let mut app = seeds_text_app(200, 50);
    let text = help_pages(&mut app);
    for expected in ["j, ↓", "Ctrl-d", "Shift-Tab", "]f", "[m", "Ctrl-o", "F1, f 1", "F7, f 7", "f 0", "down one line"]
    {
        assert!(text.contains(expected), "help lacks {expected:?}");
    }
    for expected in ["/", "?", "n", "N", "y", "Y", "C", "}", "{"] {
        assert!(text.contains(&format!("│ {expected:<19} ")), "help lacks the key {expected:?}");
    }
}

#[test]
fn help_says_what_the_keys_do_on_the_compare_screen() {
    let mut app = seeds_text_app(200, 50);
    let text = help_pages(&mut app);
    for expected in [
        "On the compare screen",
        "= / Esc",
        "next / previous table",
        "1 … 9",
        "open the selected cell's sentence in the reading view (Ctrl-o comes back)",
    ] {
        assert!(text.contains(expected), "help lacks {expected:?}");
    }
}

#[test]
fn q_quits_and_esc_cancels_pending_keys() {
    let mut app = seeds_text_app(80, 24);
    app.feed("]");
    assert_eq!(app.shared.pending.len(), 1);
    assert!(screen_text(&app)[23].contains("]…"));
    app.feed("<Esc>");
    assert!(app.shared.pending.is_empty());
    app.feed("j");
    assert!(app.reader.panes[0].top > 0, "keys work again after Esc");
    app.feed("x");
    assert!(app.shared.message.as_deref().unwrap().contains("x is not bound"));
    app.feed("]x");
    assert!(app.shared.pending.is_empty());
    app.feed("q");
    assert!(app.shared.quit);
    let mut app = seeds_text_app(80, 24);
    app.feed("H<C-c>");
    assert!(!app.shared.quit, "Ctrl-c closes the overlay first");
    app.feed("<C-c>");
    assert!(app.shared.quit);
}

#[test]
fn next_and_previous_highlight_move_a_visible_cursor() {
    let mut app = sample_app(80, 24);
    // The sample's first pane has one span of the wording layer and two of the sourcing layer.
    app.feed("fs]f");
    let first = app.shared.analysis.as_deref().unwrap().framing[0][0].range.clone();
    assert_eq!(app.reader.panes[0].highlight, Some(0));
    assert_eq!(app.reader.panes[0].cursor, first.start);
    app.feed("]f]f");
    assert_eq!(app.reader.panes[0].highlight, Some(2));
    app.feed("]f");
    assert_eq!(app.reader.panes[0].highlight, Some(2));
    assert_eq!(app.shared.message.as_deref(), Some("no highlight below"));
    app.feed("[f");
    assert_eq!(app.reader.panes[0].highlight, Some(1));
    app.feed("[f[f");
    assert_eq!(app.reader.panes[0].highlight, Some(0));
    assert_eq!(app.shared.message.as_deref(), Some("no highlight above"));
}

#[test]
fn highlight_navigation_scrolls_the_target_into_view() {
    let mut app = sample_app(40, 8);
    app.feed("fs2]f]f]f]f");
    let doc = 1;
    let span = app.shared.analysis.as_deref().unwrap().framing[doc][3].range.clone();
    assert_eq!(app.reader.panes[doc].highlight, Some(3));
    assert!(app.reader.panes[doc].top > 0);
    let word = &app.shared.docs[doc].text[span];
    assert!(screen_text(&app).join("\n").contains(word.split(' ').next().unwrap()));
}

#[test]
fn category_toggles_hide_highlights_and_skip_them() {
    let mut app = sample_app(80, 24);
    app.feed("fsf1");
    assert!(!app.reader.is_shown(Category::Loaded));
    assert_eq!(app.shared.message.as_deref(), Some("loaded language: hidden"));
    app.feed("]f");
    let a = app.shared.analysis.as_deref().unwrap();
    let h = app.reader.panes[0].highlight.unwrap();
    assert_eq!(a.framing[0][h].category, Category::Attribution, "loaded spans are skipped");
    app.feed("f5");
    assert_eq!(app.reader.panes[0].highlight, None, "a hidden highlight is no cursor");
    app.feed("f0");
    assert!(Category::ALL.iter().all(|c| !app.reader.is_shown(*c)), "some shown: f0 hides all");
    assert_eq!(app.shared.message.as_deref(), Some("all highlights hidden"));
    app.feed("f0");
    assert!(Category::ALL.iter().all(|c| app.reader.is_shown(*c)), "none shown: f0 shows all");
    assert_eq!(app.shared.message.as_deref(), Some("all highlights of the wording and sourcing layer shown"));
    for (i, c) in Category::ALL.iter().enumerate() {
        app.feed(&format!("f{}", i + 1));
        assert!(!app.reader.is_shown(*c));
    }
}

#[test]
fn legend_toggles() {
    let mut app = sample_app(80, 24);
    assert!(screen_text(&app)[21].contains("F1 loaded"));
    assert!(screen_text(&app)[22].contains("F5 attribution"));
    app.feed("L");
    assert!(!app.reader.show.legend);
    assert!(!screen_text(&app)[21].contains("F1 loaded"));
    assert!(!screen_text(&app)[22].contains("F5 attribution"));
}

#[test]
fn enter_on_a_highlight_explains_it_and_q_closes() {
    let mut app = sample_app(80, 24);
    app.feed("]f<Enter>");
    let explain = app.mode::<Explain>().expect("an explanation");
    assert_eq!(explain.doc, 0);
    assert_eq!(explain.explanation.category, Category::Loaded);
    assert_eq!(explain.explanation.matched, "insult");
    app.feed("q");
    assert!(app.mode::<Explain>().is_none());
    assert!(!app.shared.quit);
    app.feed("K");
    assert!(app.mode::<Explain>().is_some());
    app.feed("<Esc>");
    assert!(app.mode::<Explain>().is_none());
}

#[test]
fn k_explains_the_highlight_in_the_cursor_sentence() {
    let mut app = sample_app(80, 24);
    app.feed("]m]m");
    assert_eq!(app.reader.panes[0].highlight, None);
    app.feed("K");
    let explanation = &app.mode::<Explain>().expect("an explanation").explanation;
    assert_eq!(explanation.matched, "insult");
    app.feed("<Esc>[mK");
    assert!(app.mode::<Explain>().is_none());
    assert!(app.shared.message.as_deref().unwrap().starts_with("no highlight here"));
}

#[test]
fn next_and_previous_match_visit_linked_sentences() {
    let mut app = sample_app(80, 24);
    let docs = sample_docs();
    app.feed("]m");
    assert_eq!(app.reader.panes[0].cursor, start_of(&docs, sref(&docs, 0, "Negotiators walked")));
    app.feed("]m");
    assert_eq!(app.reader.panes[0].cursor, start_of(&docs, sref(&docs, 0, "Mara Lind said")));
    app.feed("]m");
    assert_eq!(app.shared.message.as_deref(), Some("no sentence below that other sources report"));
    app.feed("[m");
    assert_eq!(app.reader.panes[0].cursor, start_of(&docs, sref(&docs, 0, "Negotiators walked")));
}

#[test]
fn enter_jumps_to_the_best_counterpart_and_cycles() {
    let mut app = sample_app(80, 24);
    let docs = sample_docs();
    app.feed("]m<Enter>");
    let best = sref(&docs, 1, "walked away");
    assert_eq!(app.reader.focus, 1);
    assert_eq!(app.reader.panes[1].cursor, start_of(&docs, best));
    assert_eq!(app.reader.flash, Some(best));
    app.feed("<Enter>");
    let second = sref(&docs, 2, "collapsed");
    assert_eq!(app.reader.focus, 2);
    assert_eq!(app.reader.panes[2].cursor, start_of(&docs, second));
    assert_eq!(app.shared.message.as_deref(), Some("counterpart 2 of 2"));
    app.feed("<Enter>");
    assert_eq!(app.reader.focus, 1, "cycling wraps to the best again");
    app.feed("j");
    assert_eq!(app.reader.flash, None, "the flash lasts until the next key");
}

#[test]
fn enter_on_a_sentence_without_counterparts_says_so() {
    let mut app = sample_app(80, 24);
    app.feed("<Enter>");
    assert_eq!(app.reader.focus, 0);
    assert_eq!(app.shared.message.as_deref(), Some("no other source reports this sentence"));
}

#[test]
fn ctrl_o_and_ctrl_i_travel_the_jump_history() {
    let mut app = sample_app(80, 24);
    let docs = sample_docs();
    app.feed("]m");
    let origin = app.reader.panes[0];
    app.feed("<Enter>");
    assert_eq!(app.reader.focus, 1);
    app.feed("<C-o>");
    assert_eq!(app.reader.focus, 0);
    assert_eq!(app.reader.panes[0], origin);
    app.feed("<C-o>");
    assert_eq!(app.shared.message.as_deref(), Some("at the oldest jump"));
    app.feed("<C-i>");
    assert_eq!(app.reader.focus, 1);
    assert_eq!(app.reader.panes[1].cursor, start_of(&docs, sref(&docs, 1, "walked away")));
    app.feed("<C-o><C-n>");
    assert_eq!(app.reader.focus, 1, "Ctrl-n is Ctrl-i for terminals that send Tab");
    app.feed("<C-n>");
    assert_eq!(app.shared.message.as_deref(), Some("at the newest jump"));
}

#[test]
fn aligned_scrolling_moves_other_panes_to_counterparts() {
    let mut app = sample_app(120, 30);
    let docs = sample_docs();
    app.feed("s");
    assert!(app.reader.aligned);
    assert!(screen_text(&app)[29].contains("[ALIGNED]"));
    app.feed("]m]m");
    let lind_b = start_of(&docs, sref(&docs, 1, "Mara Lind claimed"));
    let lind_c = start_of(&docs, sref(&docs, 2, "Lind called"));
    assert_eq!(app.reader.panes[1].cursor, lind_b);
    assert_eq!(app.reader.panes[2].cursor, lind_c);
    app.feed("s[m");
    assert_eq!(app.reader.panes[1].cursor, lind_b, "off again: other panes stay");
}

#[test]
fn aligned_scrolling_follows_line_scrolling() {
    let mut app = sample_app(40, 12);
    let docs = sample_docs();
    app.feed("s");
    for _ in 0..6 {
        app.feed("j");
    }
    let here = app.reader.cursor_sentence(&app.shared, 0).unwrap();
    let cps = app.shared.analysis.as_deref().unwrap().counterparts(here).to_vec();
    assert!(!cps.is_empty(), "scrolling moved the cursor onto a linked sentence");
    let in_b = cps.iter().find(|c| c.sentence.doc == 1).unwrap();
    assert_eq!(app.reader.panes[1].cursor, start_of(&docs, in_b.sentence));
}

#[test]
fn scrolling_keeps_the_cursor_sentence_on_screen() {
    let mut app = seeds_text_app(80, 24);
    app.feed("3<Space><Space>");
    let top = app.reader.panes[2].top;
    let cursor = app.reader.panes[2].cursor;
    assert!(cursor >= top, "cursor {cursor} above top {top}");
    app.feed("G");
    assert!(app.reader.panes[2].cursor >= app.reader.panes[2].top);
    app.feed("g");
    let last_visible_start = app.reader.panes[2].cursor;
    assert!(last_visible_start < top, "scrolled off the bottom: the cursor comes up with the text");
}

#[test]
fn c_toggles_the_counterpart_panel() {
    let mut app = sample_app(100, 30);
    app.feed("]mc");
    assert!(app.reader.panel.open);
    let text = screen_text(&app).join("\n");
    assert!(text.contains("score 0.82"), "{text}");
    assert!(text.contains("score 0.74"));
    app.feed("c");
    assert!(!app.reader.panel.open);
    assert!(!screen_text(&app).join("\n").contains("score 0.82"));
}

#[test]
fn u_marks_sentences_only_this_source_reports() {
    let mut app = sample_app(80, 24);
    let before = screen_text(&app);
    assert!(!before.iter().any(|r| r.starts_with(" ·")));
    app.feed("u");
    assert!(app.reader.show.source_only);
    let after = screen_text(&app);
    assert!(after[1].starts_with(" ·"), "the headline is reported nowhere else: {:?}", after[1]);
    assert!(after[23].contains("[SOURCE-ONLY]"));
    app.feed("u");
    assert!(!app.reader.show.source_only);
}

#[test]
fn gutter_counts_the_sources_reporting_a_claim() {
    let app = sample_app(80, 24);
    let rows = screen_text(&app);
    let walked = rows.iter().find(|r| r.contains("Negotiators")).unwrap();
    assert!(walked.starts_with(" 3"), "{walked:?}");
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_click_focuses() {
    let mut app = seeds_text_app(80, 24);
    update(&mut app, Action::ScrollAt { column: 60, row: 5, lines: 3 });
    assert!(app.reader.panes[1].top > 0);
    assert_eq!(app.reader.panes[0].top, 0);
    assert_eq!(app.reader.focus, 0);
    update(&mut app, Action::ClickAt { column: 60, row: 5 });
    assert_eq!(app.reader.focus, 1);
}

#[test]
fn a_click_puts_the_cursor_on_the_sentence_under_the_pointer() {
    let mut app = sample_app(80, 24);
    let docs = sample_docs();
    let rows = screen_text(&app);
    let row = rows.iter().position(|r| r.contains("rise. Union leader")).unwrap();
    let col = rows[row].find("rise.").unwrap() as u16;
    update(&mut app, Action::ClickAt { column: col, row: row as u16 });
    assert_eq!(app.reader.panes[0].cursor, start_of(&docs, sref(&docs, 0, "Negotiators walked")));
    let col = rows[row].find("Union").unwrap() as u16;
    update(&mut app, Action::ClickAt { column: col, row: row as u16 });
    assert_eq!(app.reader.panes[0].cursor, start_of(&docs, sref(&docs, 0, "Union leader")));
}

#[test]
fn keys_before_the_analysis_arrives_say_so() {
    let mut app = app_with(sample_docs(), 80, 24);
    assert!(screen_text(&app)[23].contains("analysing…"));
    app.feed("]f");
    assert_eq!(app.shared.message.as_deref(), Some("still analysing…"));
    app.feed("j]m<Enter>");
    assert!(!app.shared.quit);
}

#[test]
fn a_failed_analysis_is_reported_and_reading_goes_on() {
    let mut app = app_with(sample_docs(), 80, 8);
    update(&mut app, Action::AnalysisFailed("index out of bounds".into()));
    assert!(screen_text(&app)[7].contains("[analysis failed]"));
    app.feed("]m");
    assert_eq!(app.shared.message.as_deref(), Some("the analysis failed"));
    app.feed("j");
    assert!(app.reader.panes[0].top > 0);
}

#[test]
fn help_and_legend_follow_a_user_keymap() {
    let user = "[keys]\nline_down = [\"e\"]\ntoggle_loaded = [\"<A-1>\"]\n";
    let keymap = parallax::tui::Keymap::from_sources(&[parallax::config::Source::new("user.toml", user)]).unwrap();
    let mut app = parallax::tui::App::new(sample_docs(), keymap, parallax::tui::Theme::default_theme(false));
    update(&mut app, Action::Resize(100, 40));
    assert!(screen_text(&app)[37].contains("Alt-1 loaded"), "{}", screen_text(&app)[37]);
    app.feed("H");
    let help = screen_text(&app).join("\n");
    assert!(help.contains("e                   down one line"), "{help}");
    assert!(!help.contains("j, ↓"));
    app.feed("qe");
    assert_eq!(app.shared.message, None, "e is bound");
    app.feed("j");
    assert_eq!(app.shared.message.as_deref(), Some("j is not bound (H for help)"));
    app.feed("<A-1>");
    assert!(!app.reader.is_shown(Category::Loaded));
}

#[test]
fn a_long_explanation_scrolls_and_other_keys_close_it() {
    let mut app = sample_app(60, 10);
    app.feed("fs]fK");
    let scroll = |app: &parallax::tui::App| app.mode::<Explain>().map(Explain::scroll);
    assert_eq!(scroll(&app), Some(0));
    assert!(screen_text(&app).join("\n").contains("↓ more"));
    app.feed("j");
    assert_eq!(scroll(&app), Some(1));
    app.feed("G");
    let bottom = scroll(&app).unwrap();
    app.feed("j");
    assert_eq!(scroll(&app), Some(bottom), "no scrolling past the end");
    assert!(!screen_text(&app).join("\n").contains("↓ more"));
    app.feed("g");
    assert_eq!(scroll(&app), Some(0));
    app.feed("]f");
    assert!(app.mode::<Explain>().is_none(), "]f closes the explanation…");
    assert_eq!(app.reader.panes[0].highlight, Some(1), "…and moves on");
}

#[test]
fn function_keys_and_f_digit_sequences_both_toggle_categories() {
    let mut app = sample_app(80, 24);
    app.feed("fs");
    for (i, c) in Category::ALL.iter().enumerate() {
        app.feed(&format!("<F{}>", i + 1));
        assert!(!app.reader.is_shown(*c), "F{} hides {c:?}", i + 1);
        assert_eq!(app.shared.message.as_deref(), Some(format!("{}: hidden", c.name()).as_str()));
        app.feed(&format!("f{}", i + 1));
        assert!(app.reader.is_shown(*c), "f then {} shows {c:?} again", i + 1);
    }
    app.feed("<F7>");
    assert!(!app.shared.message.as_deref().unwrap().contains("not bound"), "F7 is bound");
    app.feed("<F9>");
    assert_eq!(app.shared.message.as_deref(), Some("F9 is not bound (H for help)"));
}

#[test]
fn g_and_shift_g_move_the_cursor_with_the_view() {
    let mut app = sample_app(40, 10);
    let docs = sample_docs();
    app.feed("fsG");
    let last = docs[0].sentences.last().unwrap().start;
    assert_eq!(app.reader.panes[0].cursor, last, "G: the cursor on the last sentence");
    app.feed("g");
    assert_eq!(app.reader.panes[0].cursor, docs[0].sentences[0].start, "g: the cursor on the first sentence");
    // Regression: g then ]f started from wherever the cursor had been, not from the top.
    app.feed("]m]m]fg]f");
    assert_eq!(app.reader.panes[0].highlight, Some(0), "]f after g starts at the top");
    app.feed("G]f");
    assert_eq!(app.reader.panes[0].highlight, Some(2), "]f after G: the highlight in the last sentence");
    app.feed("G[f");
    assert_eq!(app.reader.panes[0].highlight, Some(1), "[f after G: the one before the last sentence");
}

#[test]
fn the_counterpart_panel_never_covers_the_cursor_sentence() {
    let mut app = sample_app(80, 24);
    // Regression: at 80×24 the panel opened over the cursor sentence and j then moved the cursor.
    app.feed("]m]m");
    let here = app.reader.cursor_sentence(&app.shared, 0).unwrap();
    app.feed("c");
    let rows = screen_text(&app);
    let panel_top = rows.iter().position(|r| r.contains("Other tellings")).unwrap();
    let bars: Vec<usize> = (0..panel_top).filter(|&y| rows[y].chars().nth(2) == Some('▌')).collect();
    assert!(!bars.is_empty(), "the cursor bar shows above the panel: {rows:#?}");
    let sentence = app.shared.docs[0].sentence(here.sentence);
    let last_word = sentence.split_whitespace().last().unwrap();
    assert!(rows[..panel_top].iter().any(|r| r.contains(last_word)), "the whole sentence shows: {rows:#?}");
    app.feed("j");
    assert_eq!(app.reader.cursor_sentence(&app.shared, 0), Some(here), "j keeps the cursor sentence");
    assert!(screen_text(&app).join("\n").contains("score 0.77"), "and the panel stays on it");
}

#[test]
fn the_counterpart_panel_scrolls_when_its_tellings_do_not_fit() {
    let mut app = sample_app(80, 20);
    app.feed("}");
    assert_eq!(app.shared.message.as_deref(), Some("the counterpart panel is closed (c opens it)"));
    app.feed("]mc");
    assert!(screen_text(&app).join("\n").contains("↓ more: }"));
    app.feed("}");
    assert!(app.reader.panel.scroll() > 0);
    assert!(!screen_text(&app).join("\n").contains("↓ more"));
    app.feed("{");
    assert_eq!(app.reader.panel.scroll(), 0);
    let panel_row = screen_text(&app).iter().position(|r| r.contains("Other tellings")).unwrap() as u16;
    update(&mut app, Action::ScrollAt { column: 10, row: panel_row + 2, lines: 3 });
    assert!(app.reader.panel.scroll() > 0, "the wheel over the panel scrolls it");
    assert_eq!(app.reader.panes[0].top, 0, "not the pane");
    app.feed("]m");
    assert_eq!(app.reader.panel.scroll(), 0, "another sentence starts at the top");
}

#[test]
fn help_shows_only_the_panes_that_exist_and_explains_the_screen() {
    let mut app = sample_app(200, 50);
    let text = help_pages(&mut app);
    assert!(text.contains("focus pane 3"));
    assert!(!text.contains("focus pane 4"), "three panes open");
    for expected in ["how far through the text", "how many sources", "a hidden category", "search matches"] {
        assert!(text.contains(expected), "help lacks {expected:?}");
    }
}

#[test]
fn the_explanation_keeps_a_matchs_own_quotation_marks_and_names_rules_in_words() {
    let mut app = sample_app(80, 24);
    // Regression: the title read ““final”” for a scare quote.
    app.feed("2]f<Enter>");
    let text = screen_text(&app).join("\n");
    assert!(text.contains("“final”") && !text.contains("““final"), "{text}");
    app.feed("q");

    let docs = sample_docs();
    let mut spans = vec![vec![span(&docs, 0, "Officials said", Category::Attribution)], Vec::new(), Vec::new()];
    spans[0][0].rule = "anonymous_source".into();
    let mut app = app_with(docs, 80, 24);
    app.set_analysis(parallax::analysis::Analysis::from_parts(spans, Vec::new(), Vec::new()));
    // Regression: the explanation said "Matched: anonymous_source".
    app.feed("fs]fK");
    let text = screen_text(&app).join("\n");
    assert!(!text.contains("anonymous_source"), "{text}");
    assert!(text.contains("Found by a rule: a claim handed to unnamed or vague"), "{text}");
}

#[test]
fn a_hidden_category_is_marked_without_strikethrough() {
    let mut app = sample_app(100, 13);
    app.feed("fs<F3>");
    let (wording, sourcing) = (&screen_text(&app)[10], &screen_text(&app)[11]);
    assert!(sourcing.contains("F3 ×hedge"), "{sourcing}");
    assert!(wording.contains("F1 loaded"), "{wording}");
    app.feed("fs");
    let sourcing = &screen_text(&app)[11];
    assert!(sourcing.contains("fs ×sourcing"), "the layer is marked off without strikethrough: {sourcing}");
}

#[test]
fn a_second_analysis_keeps_the_cursor_jumps_and_aligned_scrolling() {
    use parallax::tui::Arrival;
    use std::sync::Arc;
    let docs = sample_docs();
    let mut app = sample_app(120, 30);
    app.feed("]m");
    let origin = app.reader.panes[0];
    app.feed("<Enter>s]f");
    let highlighted =
        app.reader.panes[1].highlight.map(|h| app.shared.analysis.as_ref().unwrap().framing[1][h].range.clone());
    assert!(highlighted.is_some());
    let (focus, panes, jumps) = (app.reader.focus, app.reader.panes.clone(), app.reader.jumps.clone());

    // A refinement: one more span ahead of the highlighted one (so indices shift) and a new link.
    let refined = |note: Option<&str>| {
        use Category::*;
        let analysis = analysis_of(
            &docs,
            &[
                (0, "insult", Loaded),
                (1, "Dockers reject", Label),
                (1, "“final”", ScareQuote),
                (1, "claimed", Attribution),
                (1, "disgrace", Loaded),
                (1, "was stranded", Passive),
                (2, "collapsed", Loaded),
            ],
            &[
                ((0, "Negotiators walked"), (1, "walked away"), 0.9),
                ((0, "Negotiators walked"), (2, "collapsed"), 0.74),
                ((1, "No date has been set"), (2, "Ships were diverted"), 0.72),
            ],
        );
        Arrival { analysis: Arc::new(analysis), still_running: note.map(String::from) }
    };
    update(&mut app, Action::AnalysisArrived(refined(Some("refining links 40%"))));
    assert!(status_row(&app).contains("[refining links 40%]"), "{}", status_row(&app));
    assert_eq!(app.reader.focus, focus);
    assert_eq!(app.reader.jumps, jumps, "the jump history stays");
    assert!(app.reader.aligned);
    for (doc, (before, after)) in panes.iter().zip(&app.reader.panes).enumerate() {
        assert_eq!((before.top, before.cursor), (after.top, after.cursor), "pane {doc} stays put");
    }
    let now = app.reader.panes[1].highlight.map(|h| app.shared.analysis.as_ref().unwrap().framing[1][h].range.clone());
    assert_eq!(now, highlighted, "the highlight cursor stays on the same words");
    let rows = screen_text(&app);
    assert!(rows.iter().any(|r| r.contains(" 2 No date has been set")), "derived counts rebuilt: {rows:#?}");

    update(&mut app, Action::AnalysisArrived(refined(None)));
    assert!(!status_row(&app).contains("refining"), "{}", status_row(&app));
    app.feed("<C-o>");
    assert_eq!((app.reader.focus, app.reader.panes[0]), (0, origin), "Ctrl-o still returns");
}

/// The analysis thread's order of events: the fast analysis, progress, the refined analysis. Keys
/// typed in between act on the fast links; the cursor, the jump history and aligned scrolling
/// survive every progress action and the swap; after it, jumps go where the refined ranking says.
#[test]
fn refinement_progress_then_the_swap_keep_the_cursor_and_ctrl_o_history() {
    use parallax::tui::Arrival;
    let docs = sample_docs();
    let links = |to_b: f32, to_c: f32| {
        analysis_of(
            &docs,
            &[(0, "insult", Category::Loaded), (1, "disgrace", Category::Loaded)],
            &[
                ((0, "Negotiators walked"), (1, "walked away"), to_b),
                ((0, "Negotiators walked"), (2, "collapsed"), to_c),
                ((0, "Mara Lind said"), (2, "Lind called"), 0.77),
            ],
        )
    };
    let mut app = app_with(docs.clone(), 120, 30);
    assert!(status_row(&app).contains("[analysing…]"), "{}", status_row(&app));

    // Fast links: the telling in pane 3 ranks first.
    update(&mut app, Action::AnalysisArrived(Arrival::refining(links(0.72, 0.8))));
    assert!(status_row(&app).contains("[refining links 0%]"), "{}", status_row(&app));
    app.feed("]m");
    let origin = (app.reader.focus, app.reader.panes[0]);
    assert_eq!(app.reader.cursor_sentence(&app.shared, 0), Some(sref(&docs, 0, "Negotiators walked")));
    app.feed("<Enter>");
    assert_eq!(app.reader.focus, 2, "the fast ranking's first counterpart");
    app.feed("s");
    assert!(app.reader.aligned);
    let (panes, jumps) = (app.reader.panes.clone(), app.reader.jumps.clone());

    for done in [10, 40, 99] {
        update(&mut app, Action::Refining { done, total: 100 });
        assert_eq!((app.reader.focus, &app.reader.panes, &app.reader.jumps), (2, &panes, &jumps));
    }
    assert!(status_row(&app).contains("[refining links 99%]"), "{}", status_row(&app));

    // Refined links: the telling in pane 2 now ranks first.
    update(&mut app, Action::AnalysisArrived(Arrival::done(links(0.9, 0.74))));
    assert!(!status_row(&app).contains("refining"), "{}", status_row(&app));
    assert_eq!((app.reader.focus, &app.reader.panes, &app.reader.jumps), (2, &panes, &jumps), "nothing moved");
    assert!(app.reader.aligned, "aligned scrolling stays on");
    update(&mut app, Action::Refining { done: 100, total: 100 });
    assert!(!status_row(&app).contains("refining"), "progress after the final analysis is ignored");

    app.feed("<C-o>");
    assert_eq!((app.reader.focus, app.reader.panes[0]), origin, "Ctrl-o returns to where the jump began");
    app.feed("<Enter>");
    assert_eq!(app.reader.focus, 1, "the refined ranking's first counterpart");
}

#[test]
fn input_too_large_to_refine_says_so_in_the_status_line() {
    use parallax::claims::Refinement;
    let docs = sample_docs();
    let mut analysis = sample_analysis(&docs);
    analysis.refinement = Refinement::Skipped { sentences: 9_740, limit: 2_000 };
    let mut app = app_with(docs, 120, 30);
    app.set_analysis(analysis);
    let status = status_row(&app);
    assert!(status.contains("[fast links: too long to refine]"), "{status}");
    assert!(!status.contains("refining"), "{status}");
    app.set_analysis(sample_analysis(&sample_docs()));
    assert!(!status_row(&app).contains("too long"), "the note goes with the analysis it was about");
}

#[test]
fn the_sourcing_layer_is_off_by_default_and_one_key_switches_it() {
    let mut app = sample_app(80, 24);
    assert!(!app.reader.is_shown(Category::Attribution) && app.reader.is_shown(Category::Loaded));
    assert!(screen_text(&app)[22].contains("fs ×sourcing"), "{}", screen_text(&app)[22]);
    // The first pane: "insult" (loaded), then "Officials said" and "reportedly", of the sourcing layer.
    app.feed("]f]f");
    assert_eq!(app.reader.panes[0].highlight, Some(0), "hidden highlights are not jumped to");
    assert_eq!(app.shared.message.as_deref(), Some("no highlight below"));
    app.feed("fs");
    assert!(Category::ALL.iter().all(|c| app.reader.is_shown(*c)));
    assert!(screen_text(&app)[22].contains(" sourcing  F3 hedge 1  F5 attribution 1"), "{}", screen_text(&app)[22]);
    app.feed("]f");
    assert_eq!(app.reader.panes[0].highlight, Some(1));
    assert!(status_row(&app).contains("[SOURCING]"), "{}", status_row(&app));
    app.feed("fs");
    assert_eq!(app.reader.panes[0].highlight, None, "a highlight switched off is no cursor");
    assert!(!app.reader.is_shown(Category::Hedge));
}

#[test]
fn the_key_of_a_category_in_a_layer_that_is_off_shows_that_category_alone() {
    let mut app = sample_app(80, 24);
    app.feed("<F5>");
    assert!(app.reader.is_shown(Category::Attribution));
    assert!(!app.reader.is_shown(Category::Hedge) && !app.reader.is_shown(Category::Passive));
    assert!(app.reader.is_shown(Category::Loaded), "the wording layer stays");
    assert_eq!(
        app.shared.message.as_deref(),
        Some("attribution: shown (the sourcing layer on, its other categories hidden)")
    );
    assert!(screen_text(&app)[22].contains("F3 ×hedge"), "{}", screen_text(&app)[22]);
    app.feed("<F5>");
    assert!(!app.reader.is_shown(Category::Attribution));
    // Every category of the layer switched off: the layer key shows them all again.
    app.feed("fsfs");
    assert!(Category::ALL.iter().all(|c| app.reader.is_shown(*c)));
}

#[test]
fn low_confidence_highlights_are_hidden_until_asked_then_dimmed() {
    let mut app = quoted_app(100, 30, false);
    // Pane 2's wording layer: "absolutely fair" (quoted, 0.25), "union militants", "blocked" (0.15).
    app.feed("2]f");
    let text = |app: &parallax::tui::App, doc: usize| {
        let span = &app.shared.analysis.as_ref().unwrap().framing[doc][app.reader.panes[doc].highlight.unwrap()];
        app.shared.docs[doc].text[span.range.clone()].to_string()
    };
    assert_eq!(text(&app, 1), "union militants", "below the threshold: not jumped to");
    app.feed("]f");
    assert_eq!(app.shared.message.as_deref(), Some("no highlight below"));
    let legend = &screen_text(&app)[27];
    assert!(legend.contains("fc ?2 hidden"), "{legend}");
    app.feed("fc");
    assert_eq!(
        app.shared.message.as_deref(),
        Some("highlights below confidence 0.30: shown dimmed, marked ? in the gutter")
    );
    app.feed("]f");
    assert!(status_row(&app).contains("[LOW-CONFIDENCE]"), "{}", status_row(&app));
    assert_eq!(text(&app, 1), "blocked");
    assert!(status_row(&app).contains("loaded language, low confidence: Enter explains"), "{}", status_row(&app));
    assert!(screen_text(&app)[27].contains("fc ?2 dimmed"), "{}", screen_text(&app)[27]);
    app.feed("[f[f");
    assert_eq!(text(&app, 1), "absolutely fair");
    app.feed("fc");
    assert_eq!(app.reader.panes[1].highlight, None, "hidden again: no cursor on it");
    app.feed("]f");
    assert_eq!(text(&app, 1), "union militants");
}

#[test]
fn quoted_framing_is_marked_counted_apart_and_names_its_speaker() {
    let mut app = quoted_app(100, 30, false);
    let rows = screen_text(&app);
    let line = rows.iter().find(|r| r.contains("shameful")).unwrap();
    assert!(line.starts_with('“'), "the gutter marks quoted framing: {line}");
    assert!(rows[27].contains("F1 loaded 0 “1"), "own and quoted apart: {}", rows[27]);
    app.feed("]f");
    assert!(status_row(&app).contains("loaded language, quoted: Mara Lind: Enter explains"), "{}", status_row(&app));
    app.feed("K");
    let text = screen_text(&app).join("\n");
    assert!(text.contains("quoted: Mara Lind"), "{text}");
    assert!(text.contains("Wording layer (how the outlet chooses its words) · confidence 0.90,"), "{text}");
    assert!(text.contains("shown by default"), "{text}");
}

#[test]
fn a_label_explanation_names_its_referent() {
    let docs = vec![
        doc("One", None, "a.txt", "The terror group Hamas fired rockets at the town on Monday."),
        doc("Two", None, "b.txt", "The militant group Hamas fired rockets at the town on Monday."),
    ];
    let analysis = parallax::analysis::Analysis::run(&docs, &parallax::analysis::Options::default());
    let mut app = app_with(docs, 100, 30);
    app.set_analysis(analysis);
    app.feed("]fK");
    let text = screen_text(&app).join("\n");
    assert!(text.contains("terror group"), "{text}");
    assert!(text.contains("Names: Hamas"), "{text}");
    assert!(text.contains("militant group"), "{text}");
}

#[test]
fn a_jump_shows_the_whole_sentence_it_lands_on() {
    // Regression: a counterpart starting on the pane's last row was left there, one line of it shown.
    let long = "The harbour board voted to rebuild the north pier with timber from the old warehouse, \
                to reopen the ferry ramp before the summer crowds arrive, and to light the path at Quayside.";
    for filler in 1..40 {
        let mut text = String::new();
        for i in 0..filler {
            text.push_str(&format!("Boat {i} came in.\n\n"));
        }
        text.push_str(long);
        let docs = vec![
            doc("Ferry", None, "a.txt", "The board will rebuild the north pier and light the path."),
            doc("Harbour", None, "b.txt", &text),
        ];
        let analysis = analysis_of(&docs, &[], &[((0, "The board will rebuild"), (1, "The harbour board voted"), 0.9)]);
        let mut app = app_with(docs, 80, 16);
        app.set_analysis(analysis);
        app.feed("<Enter>");
        assert_eq!(app.reader.focus, 1, "filler {filler}: the jump lands in the second pane");
        let screen = screen_text(&app).join("\n");
        for end in ["The harbour board", "Quayside."] {
            assert!(screen.contains(end), "filler {filler}: {end:?} not on screen:\n{screen}");
        }
    }
}
