//! The notes list: every note and mark of every pane, by pane and position,
//! orphans (whose passage is gone from the text) listed with their quote. Enter
//! jumps to one, `e` edits, `d` deletes, `u` brings back the last deletion. The
//! rows are read from the notebooks at each key and frame, so a change shows at once.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::super::action::{Action, NoteEvent};
use super::super::app::{App, Shared};
use super::super::keymap::Key;
use super::super::paint::{fit, put};
use super::{Mode, Reply};
use crate::notes::Kind;

/// The list's own keys, for its title and the help.
pub const KEYS: [(&str, &str); 5] = [
    ("Enter", "jump to the note (Ctrl-o comes back)"),
    ("e", "edit the note's text and #tags, or the mark's rewording"),
    ("d", "delete the note or mark"),
    ("u", "undo the last deletion"),
    ("j / k, q", "move in the list, close it"),
];

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A pane's heading.
    Pane(String),
    /// A note or mark: its document and id, and the line shown.
    Entry { doc: usize, id: String, line: String },
}

/// The rows, from the notebooks as they are now.
pub fn rows(shared: &Shared) -> Vec<Row> {
    let mut rows = Vec::new();
    for (doc, d) in shared.docs.iter().enumerate() {
        let mut entries = shared.classroom.entries(doc).peekable();
        if entries.peek().is_none() {
            continue;
        }
        let title = if d.title.is_empty() { d.file_name().to_string() } else { d.title.clone() };
        rows.push(Row::Pane(format!("pane {} · {}", doc + 1, crate::printable::escape(&title))));
        for e in entries {
            let a = e.annotation;
            let quote = match e.anchor {
                Some(anchor) => &d.text[anchor.range.clone()],
                None => a.target.quote.exact.as_str(),
            };
            let quote = super::agreement::quoted(quote, 28);
            let orphan = if e.anchor.is_none() { "orphan " } else { "" };
            let approximate = e.anchor.is_some_and(|a| matches!(a.placement, crate::notes::Placement::Fuzzy { .. }));
            let near = if approximate { "≈" } else { "" };
            let line = match &a.kind {
                Kind::Note => {
                    let tags: String = a.tags.iter().map(|t| format!(" #{t}")).collect();
                    format!("✎ {orphan}{near}{quote} {}{tags}", one_line(&a.text))
                }
                Kind::Mark { category, rewording } => {
                    let rewording = rewording.as_deref().map(|r| format!(" → “{}”", one_line(r))).unwrap_or_default();
                    format!("◆ {orphan}{near}{}: {quote}{rewording}", category.name())
                }
            };
            rows.push(Row::Entry { doc, id: a.id.clone(), line: crate::printable::escape(&line).into_owned() });
        }
    }
    rows
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct NotesList {
    /// Index of the selected entry among the entries (headings not counted).
    selected: usize,
}

impl NotesList {
    /// The list with the first note of pane `focus` (or the first of all) selected.
    pub fn new(shared: &Shared, focus: usize) -> NotesList {
        let entries: Vec<usize> = entry_docs(&rows(shared));
        let selected = entries.iter().position(|&d| d >= focus).unwrap_or(0);
        NotesList { selected }
    }

    /// The selected entry: document and id.
    pub fn selected(&self, shared: &Shared) -> Option<(usize, String)> {
        let entries: Vec<(usize, String)> = rows(shared)
            .into_iter()
            .filter_map(|r| match r {
                Row::Entry { doc, id, .. } => Some((doc, id)),
                Row::Pane(_) => None,
            })
            .collect();
        let last = entries.len().checked_sub(1)?;
        entries.into_iter().nth(self.selected.min(last))
    }

    fn ask(&self, app: &App, event: impl FnOnce(usize, String) -> NoteEvent) -> Reply {
        match self.selected(&app.shared) {
            Some((doc, id)) => Reply::consumed().then(Action::Notes(event(doc, id))),
            None => Reply::consumed(),
        }
    }
}

fn entry_docs(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Entry { doc, .. } => Some(*doc),
            Row::Pane(_) => None,
        })
        .collect()
}

impl Mode for NotesList {
    fn key(&mut self, key: Key, app: &App) -> Reply {
        if !key.modifiers.is_empty() {
            return Reply::pass();
        }
        match key.code {
            KeyCode::Enter => match self.selected(&app.shared) {
                Some((doc, id)) => Reply::close().then(Action::Notes(NoteEvent::Jump { doc, id })),
                None => Reply::close(),
            },
            KeyCode::Char('e') => self.ask(app, |doc, id| NoteEvent::EditPrompt { doc, id }),
            KeyCode::Char('d') => self.ask(app, |doc, id| NoteEvent::Delete { doc, id }),
            KeyCode::Char('u') => Reply::consumed().then(Action::Notes(NoteEvent::UndoDelete)),
            _ => Reply::pass(),
        }
    }

    fn action(&mut self, action: &Action, app: &App) -> Reply {
        let count = entry_docs(&rows(&app.shared)).len();
        let last = count.saturating_sub(1);
        let page = usize::from(app.shared.height.saturating_sub(4)).max(1);
        self.selected = match action {
            Action::LineDown => self.selected + 1,
            Action::LineUp => self.selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.selected + page / 2,
            Action::PageUp | Action::HalfPageUp => self.selected.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => last,
            Action::ScrollAt { lines, .. } => self.selected.saturating_add_signed(*lines as isize),
            Action::NotesList | Action::Quit | Action::Cancel => return Reply::close(),
            // A note event (a deletion asked for by this list) goes on to the reader.
            Action::Notes(_) | Action::Help => return Reply::pass(),
            _ => return Reply::consumed(),
        }
        .min(last);
        Reply::consumed()
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let theme = &shared.theme;
        let rows = rows(shared);
        let count = entry_docs(&rows).len();
        let title = format!(" Notes and marks ({count}) · Enter jumps · e edits · d deletes · u undoes · q closes ");
        let Some(inner) = super::framed(app, buf, 120, &title) else { return };
        if count == 0 {
            let add = shared.keymap.first_key("add_note").unwrap_or_default();
            let select = shared.keymap.first_key("select").unwrap_or_default();
            let line = format!("No notes yet: {add} adds one to the cursor sentence, {select} selects words to mark.");
            put(buf, inner, inner.x + 1, &fit(&line, usize::from(inner.width - 1)), Style::default());
            return;
        }
        let selected = self.selected.min(count - 1);
        // The row of the selected entry, and a first row that keeps it in sight.
        let at =
            rows.iter().enumerate().filter(|(_, r)| matches!(r, Row::Entry { .. })).nth(selected).map_or(0, |x| x.0);
        let height = usize::from(inner.height);
        let top = (at + 1).saturating_sub(height);
        for (i, row) in rows.iter().enumerate().skip(top).take(height) {
            let line = Rect { y: inner.y + (i - top) as u16, height: 1, ..inner };
            match row {
                Row::Pane(name) => {
                    put(buf, line, line.x + 1, &fit(name, usize::from(line.width - 1)), theme.overlay_title);
                }
                Row::Entry { line: text, .. } => {
                    let style =
                        if i == at { Style::default().add_modifier(Modifier::REVERSED) } else { Style::default() };
                    let text = fit(text, usize::from(line.width.saturating_sub(3)));
                    let marker = if i == at { "▶ " } else { "  " };
                    let x = put(buf, line, line.x + 1, marker, theme.overlay_key);
                    let end = put(buf, line, x, &text, style);
                    if i == at {
                        let pad = usize::from(line.right().saturating_sub(end + 1));
                        put(buf, line, end, &" ".repeat(pad), style);
                    }
                }
            }
        }
    }
}
