//! The help overlay, generated from the keymap so keys are written down once,
//! with what the header, the gutter and the marks on screen mean. It lists only
//! what applies (no "focus pane 6" with three panes open).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::super::action::{Action, CATALOGUE};
use super::super::app::{App, Shared};
use super::super::keymap::show_sequence;
use super::super::paint::{fit, put};
use super::super::wrap::wrap;
use super::{Mode, Reply, Scroll};

const KEY_COLUMN: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Row {
    Section(&'static str),
    Entry(String, String),
    Gap,
}

/// What the screen shows, explained (not keys: they come from the keymap).
const SCREEN: [(&str, &str); 13] = [
    ("header", "pane number, title, source and date; NN% is how far through the text the pane's last line is"),
    ("gutter 2…9", "how many sources (this one included) report the sentence's claim; 9+ for more"),
    ("gutter ·", "no other source reports the sentence (shown when source-only marks are on)"),
    ("gutter “", "a highlight on the line is inside a quotation: the speaker's words, not the outlet's"),
    ("gutter ?", "a highlight on the line is below the confidence threshold (dimmed; shown only when asked)"),
    ("gutter ▌", "the cursor sentence: what Enter, y and c act on"),
    (
        "gutter ✎ / ◆",
        "the line has a note / one of your marks (marks show underlined on a blue ground); shown before “ and ?",
    ),
    ("[BLIND]", "blind marking: the tool's highlights and links are hidden until reveal"),
    ("reverse video", "search matches; the current one also bold and underlined"),
    ("legend lines", "one per layer: wording (how the outlet words it), sourcing (how it backs its claims)"),
    ("legend “2 ?3", "2 highlights in quotations, counted apart; 3 below the confidence threshold"),
    ("legend ×", "a hidden category or layer (also crossed out where the terminal draws it)"),
    ("N found", "in a header or the prompt: search matches, counted as you read; 10000+ past ten thousand"),
];

/// Keys of the search prompt (fixed, like a shell's line editor).
const PROMPT: [(&str, &str); 6] = [
    ("Enter / Esc", "go to the first match / cancel (Esc again clears the highlights)"),
    ("Tab", "exact search, or a word with its inflections (kill: killed, killing)"),
    ("↑ / ↓", "earlier searches (those starting with what is typed)"),
    ("← → Home End", "move in the line"),
    ("Ctrl-w / Ctrl-u", "delete a word / to the start"),
    ("Aa", "a capital makes the search match case; else case is ignored"),
];

pub struct Help {
    scroll: Scroll,
    rows: Vec<Row>,
}

impl Help {
    pub fn new(shared: &Shared) -> Help {
        Help { scroll: Scroll::default(), rows: rows(shared) }
    }

    pub fn scroll(&self) -> usize {
        self.scroll.offset()
    }

    /// The rows wrapped to a screen `width` columns wide: each a key column (on an
    /// entry's first line) and a piece of text.
    fn lines(&self, width: u16) -> Vec<Line<'_>> {
        let text_width = usize::from(area(width, 0).width.saturating_sub(4)).saturating_sub(KEY_COLUMN).max(10);
        let mut out = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            match row {
                Row::Section(name) => out.push(Line::Section(name)),
                Row::Gap => out.push(Line::Gap),
                Row::Entry(keys, help) => {
                    for (i, r) in wrap(help, 0..help.len(), text_width).into_iter().enumerate() {
                        out.push(Line::Entry(if i == 0 { keys } else { "" }, &help[r]));
                    }
                }
            }
        }
        out
    }

    /// The furthest the help can scroll on a screen of `width` × `height`.
    fn max_scroll(&self, width: u16, height: u16) -> usize {
        let inner_rows = area(width, height).height.saturating_sub(2);
        self.lines(width).len().saturating_sub(usize::from(inner_rows))
    }
}

/// One drawn line of the help.
enum Line<'a> {
    Section(&'a str),
    Entry(&'a str, &'a str),
    Gap,
}

fn rows(shared: &Shared) -> Vec<Row> {
    let mut out = Vec::new();
    let mut section = "";
    let applies = |action: &Action| !matches!(action, Action::Focus(i) if *i >= shared.docs.len());
    for e in CATALOGUE.iter().filter(|e| applies(&e.action)) {
        if e.section != section {
            if !section.is_empty() {
                out.push(Row::Gap);
            }
            section = e.section;
            out.push(Row::Section(section));
        }
        let keys: Vec<String> = shared.keymap.keys_of(e.name).iter().map(|k| show_sequence(k)).collect();
        let keys = if keys.is_empty() { "(unbound)".to_string() } else { keys.join(", ") };
        out.push(Row::Entry(keys, e.help.to_string()));
    }
    out.push(Row::Gap);
    out.push(Row::Section("On the compare screen"));
    out.extend(compare_rows(shared));
    let modes = [
        ("In the search prompt", &PROMPT[..]),
        ("In the notes list", &super::notes::KEYS[..]),
        ("In selection mode (blind marking)", &super::select::KEYS[..]),
        ("On the screen", &SCREEN[..]),
    ];
    for (title, lines) in modes {
        out.push(Row::Gap);
        out.push(Row::Section(title));
        out.extend(lines.iter().map(|(k, h)| Row::Entry(k.to_string(), h.to_string())));
    }
    out
}

/// What the reader's keys do on the compare screen, which gives them other meanings.
fn compare_rows(shared: &Shared) -> Vec<Row> {
    let first = |name: &str| shared.keymap.first_key(name);
    let keys = |names: &[&str]| {
        let keys: Vec<String> = names.iter().filter_map(|n| first(n)).collect();
        if keys.is_empty() { "(unbound)".to_string() } else { keys.join(" / ") }
    };
    let sources = match (first("focus_1"), first("focus_9")) {
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => keys(&["focus_1"]),
    };
    vec![
        Row::Entry(keys(&["compare", "cancel"]), "back to reading, where you were".into()),
        Row::Entry(keys(&["focus_next", "focus_prev"]), "next / previous table".into()),
        Row::Entry(
            keys(&["line_down", "line_up"]),
            "move the selection (the other movement keys too: half a page, a page, first and last row)".into(),
        ),
        Row::Entry(sources, "choose a source: its column is bracketed, and the filter follows it".into()),
        Row::Entry(
            keys(&["activate"]),
            format!("open the selected cell's sentence in the reading view ({} comes back)", keys(&["jump_back"])),
        ),
    ]
}

/// The overlay's rectangle on a screen of `width` × `height`.
fn area(width: u16, height: u16) -> Rect {
    let w = width.saturating_sub(4).min(100);
    let h = height.saturating_sub(2);
    Rect::new((width - w) / 2, (height - h) / 2, w, h)
}

impl Mode for Help {
    fn action(&mut self, action: &Action, app: &App) -> Reply {
        let (width, height) = (app.shared.width, app.shared.height);
        let page = usize::from(height.saturating_sub(4));
        if self.scroll.apply(action, page, self.max_scroll(width, height)) {
            return Reply::consumed();
        }
        match action {
            Action::Help | Action::Quit | Action::Cancel => Reply::close(),
            // Other keys do nothing while the help is open.
            _ => Reply::consumed(),
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let rect = area(shared.width, shared.height).intersection(buf.area);
        if rect.width < 3 || rect.height < 3 {
            return;
        }
        let theme = &shared.theme;
        let scroll = self.scroll.clamped(self.max_scroll(shared.width, shared.height));
        Clear.render(rect, buf);
        let quit = shared.keymap.first_key("quit").unwrap_or_default();
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.overlay_border)
            .title(format!(" Keys · {quit} closes · scroll with the movement keys "))
            .title_style(theme.overlay_title)
            .render(rect, buf);
        let inner = Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2);
        for (i, row) in self.lines(shared.width).iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
            let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
            match row {
                Line::Section(name) => {
                    put(buf, line, line.x + 1, name, theme.overlay_title);
                }
                Line::Entry(keys, help) => {
                    let x = put(buf, line, line.x + 1, &fit(keys, KEY_COLUMN - 1), theme.overlay_key);
                    let col = (line.x + 1 + KEY_COLUMN as u16).max(x + 1);
                    put(buf, line, col, help, Style::default());
                }
                Line::Gap => {}
            }
        }
    }
}
