//! The prompt on the bottom row for a note's text (`#tag` words are its tags),
//! an edit of one, or a mark's neutral rewording. It takes the editing keys of
//! [`LineEdit`] and reports the text with Enter, as a [`NoteEvent`].

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::super::action::{Action, NoteEvent};
use super::super::app::App;
use super::super::keymap::Key;
use super::super::paint::put;
use super::super::wrap::str_width;
use super::prompt::LineEdit;
use super::{Mode, Reply};

/// What the text is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Writing {
    /// A new note on `range` of `doc`.
    New { doc: usize, range: Range<usize> },
    /// Note `id` (its text and tags) or mark `id` (its rewording).
    Edit { doc: usize, id: String },
}

pub struct NotePrompt {
    writing: Writing,
    line: LineEdit,
    /// What is written about, shown right of the line ("note on “the offer…”").
    about: String,
    /// The same, shorter, for a narrow screen ("note, #tags").
    short: &'static str,
}

impl NotePrompt {
    pub fn new(writing: Writing, text: &str, about: String, short: &'static str) -> NotePrompt {
        NotePrompt { writing, line: LineEdit::with(text), about, short }
    }

    pub fn text(&self) -> &str {
        self.line.text()
    }

    pub fn writing(&self) -> &Writing {
        &self.writing
    }

    fn done(&self) -> Reply {
        let text = self.line.text().to_string();
        let event = match &self.writing {
            Writing::New { doc, range } => NoteEvent::Write { doc: *doc, range: range.clone(), text },
            Writing::Edit { doc, id } => NoteEvent::Edit { doc: *doc, id: id.clone(), text },
        };
        Reply::close().then(Action::Notes(event))
    }
}

impl Mode for NotePrompt {
    fn key(&mut self, key: Key, _app: &App) -> Reply {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => self.done(),
            KeyCode::Esc => Reply::close(),
            KeyCode::Char('c' | 'g') if ctrl => Reply::close(),
            _ => match self.line.edit(key) {
                Some(_) => Reply::consumed(),
                // Not an editing key: the keymap has it (Ctrl-d scrolls the pane).
                None => Reply::pass(),
            },
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let Some(row) = super::status_row(app, buf) else { return };
        let theme = &shared.theme;
        // The line outranks the information on a narrow screen: the full text, a shorter one, or none.
        let full = format!(" {} · Enter saves · Esc cancels ", self.about);
        let shorter = format!(" {} · Enter saves · Esc cancels ", self.short);
        let info = [full.as_str(), shorter.as_str(), " Enter saves · Esc cancels ", ""]
            .into_iter()
            .find(|i| i.is_empty() || usize::from(row.width) >= str_width(i) + 16)
            .unwrap_or("");
        let info_width = str_width(info);
        let show_info = info_width > 0;
        let room = usize::from(row.width) - if show_info { info_width + 1 } else { 0 };
        self.line.draw(buf, row, "✎ ", room, theme.status);
        if show_info {
            put(buf, row, row.right() - info_width as u16, info, theme.status_flag);
        }
    }

    fn uses_status_row(&self) -> bool {
        true
    }
}
