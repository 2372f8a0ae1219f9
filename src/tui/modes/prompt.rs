//! A text prompt on the bottom row: it takes the characters typed into it and
//! its editing keys (the rest fall through to the keymap), recalls earlier
//! entries with ↑ / ↓, and reports what is typed as actions. It asks for a
//! search; [`LineEdit`] (the line, its editing keys and its drawing) also serves
//! the note prompt (`note_prompt.rs`).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::super::action::{Action, SearchEvent, SearchInput};
use super::super::app::App;
use super::super::keymap::Key;
use super::super::paint::put;
use super::super::wrap::str_width;
use super::{Mode, Reply};
use crate::search::MAX_QUERY_CHARS;

/// What the prompt asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `/` (or `?` backward); Tab toggles exact search (no inflections).
    Search { backward: bool, exact: bool },
}

/// A line of text with a cursor (a byte offset on a character boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

/// What an editing key did to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
}

impl LineEdit {
    /// A line holding `text`, the cursor at its end.
    pub fn with(text: &str) -> LineEdit {
        let mut line = LineEdit::default();
        line.set(text);
        line
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The editing keys every prompt shares (characters, Backspace, Delete, the
    /// arrows, Home/End, Ctrl-a/e/h/k/u/w); `None` for any other key.
    pub fn edit(&mut self, key: Key) -> Option<Edit> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Backspace => self.backspace(),
            KeyCode::Char('h') if ctrl => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => return self.moved(self.prev(self.cursor)),
            KeyCode::Right => return self.moved(self.next(self.cursor)),
            KeyCode::Home => return self.moved(0),
            KeyCode::Char('a') if ctrl => return self.moved(0),
            KeyCode::End => return self.moved(self.text.len()),
            KeyCode::Char('e') if ctrl => return self.moved(self.text.len()),
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => self.text.truncate(self.cursor),
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c),
            _ => return None,
        }
        Some(Edit::Changed)
    }

    fn moved(&mut self, to: usize) -> Option<Edit> {
        self.cursor = to;
        Some(Edit::Moved)
    }

    /// Draws `prefix` and the line on `row` in `style`, scrolled so the cursor shows
    /// within `room` columns, the cursor cell in reverse video against `style`.
    pub fn draw(&self, buf: &mut Buffer, row: Rect, prefix: &str, room: usize, style: ratatui::style::Style) {
        let before = &self.text[..self.cursor];
        let mut start = 0;
        while str_width(prefix) + str_width(&before[start..]) + 1 > room && start < before.len() {
            start = self.next(start);
        }
        let x = put(buf, row, row.x, prefix, style);
        let x = put(buf, row, x, &self.text[start..self.cursor], style);
        let after = &self.text[self.cursor..];
        let under = after.chars().next().map_or(" ".to_string(), |c| c.to_string());
        let cursor = if style.add_modifier.contains(Modifier::REVERSED) {
            style.remove_modifier(Modifier::REVERSED)
        } else {
            style.add_modifier(Modifier::REVERSED)
        };
        let cursor_end = put(buf, row, x, &under, cursor);
        put(buf, row, cursor_end, after.get(under.len()..).unwrap_or(""), style);
    }

    fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    fn insert(&mut self, c: char) {
        if self.text.chars().count() < MAX_QUERY_CHARS {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
        }
    }

    fn prev(&self, from: usize) -> usize {
        self.text[..from].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next(&self, from: usize) -> usize {
        self.text[from..].chars().next().map_or(from, |c| from + c.len_utf8())
    }

    fn backspace(&mut self) {
        let to = self.prev(self.cursor);
        self.text.replace_range(to..self.cursor, "");
        self.cursor = to;
    }

    fn delete(&mut self) {
        let to = self.next(self.cursor);
        self.text.replace_range(self.cursor..to, "");
    }

    /// Ctrl-w: the word before the cursor, and the spaces after it.
    fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start =
            trimmed.rfind(char::is_whitespace).map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }
}

pub struct Prompt {
    purpose: Purpose,
    line: LineEdit,
    /// Earlier entries, oldest first, and where ↑ / ↓ are in them (`None`: the line being typed).
    history: Vec<String>,
    recalled: Option<usize>,
    /// What was typed before ↑ recalled an entry; ↑ recalls only entries starting with it.
    draft: String,
}

impl Prompt {
    pub fn search(backward: bool, exact: bool, history: Vec<String>) -> Prompt {
        Prompt {
            purpose: Purpose::Search { backward, exact },
            line: LineEdit::default(),
            history,
            recalled: None,
            draft: String::new(),
        }
    }

    pub fn text(&self) -> &str {
        self.line.text()
    }

    fn input(&self) -> SearchInput {
        let Purpose::Search { backward, exact } = self.purpose;
        SearchInput { query: self.line.text().to_string(), backward, exact }
    }

    fn changed(&self) -> Reply {
        Reply::consumed().then(Action::Search(SearchEvent::Typed(self.input())))
    }

    fn cancelled(&self) -> Reply {
        Reply::close().then(Action::Search(SearchEvent::Cancelled))
    }

    /// ↑ (`older`) or ↓: the previous or next earlier entry that starts with the draft.
    fn recall(&mut self, older: bool) -> Reply {
        if self.recalled.is_none() {
            self.draft = self.line.text().to_string();
        }
        let matching = |i: &usize| self.history[*i].starts_with(&self.draft);
        let next = match (self.recalled, older) {
            (None, true) => (0..self.history.len()).rev().find(matching),
            (Some(at), true) => (0..at).rev().find(matching),
            (Some(at), false) => (at + 1..self.history.len()).find(matching),
            (None, false) => return Reply::consumed(),
        };
        match next {
            Some(i) => {
                self.recalled = Some(i);
                let entry = self.history[i].clone();
                self.line.set(&entry);
            }
            None if !older => {
                self.recalled = None;
                let draft = self.draft.clone();
                self.line.set(&draft);
            }
            None => return Reply::consumed(),
        }
        self.changed()
    }
}

impl Mode for Prompt {
    fn key(&mut self, key: Key, _app: &App) -> Reply {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => Reply::close().then(Action::Search(SearchEvent::Confirmed(self.input()))),
            KeyCode::Esc => self.cancelled(),
            KeyCode::Char('c' | 'g') if ctrl => self.cancelled(),
            // Backspace on an empty line leaves the prompt, as in vim and less.
            KeyCode::Backspace if self.line.text.is_empty() => self.cancelled(),
            KeyCode::Up => self.recall(true),
            KeyCode::Down => self.recall(false),
            KeyCode::Tab => {
                let Purpose::Search { exact, .. } = &mut self.purpose;
                *exact = !*exact;
                self.changed()
            }
            _ => match self.line.edit(key) {
                Some(Edit::Changed) => {
                    if matches!(key.code, KeyCode::Char(_)) && !ctrl {
                        self.recalled = None;
                    }
                    self.changed()
                }
                Some(Edit::Moved) => Reply::consumed(),
                // Not an editing key: the keymap has it (Ctrl-d scrolls, F1 toggles loaded language).
                None => Reply::pass(),
            },
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let Some(row) = super::status_row(app, buf) else { return };
        let theme = &shared.theme;
        let Purpose::Search { backward, exact } = self.purpose;
        let search = &app.reader.search;
        let kind = match (exact, search.query().is_some_and(crate::search::Query::finds_inflections)) {
            (true, _) => "exact · Tab: inflections",
            (false, true) => "with inflections · Tab: exact",
            (false, false) => "Tab: exact",
        };
        let info = if self.line.text().is_empty() {
            let help = shared.keymap.first_key("help").map(|k| format!(" · {k} is help")).unwrap_or_default();
            format!(" {} · ↑ earlier · Esc cancels{help} ", if backward { "search backward" } else { "search" })
        } else {
            format!(" {} found · {kind} ", search.total_text())
        };
        let info_width = str_width(&info);
        let prefix = if backward { "?" } else { "/" };
        // The line outranks the information on a narrow screen.
        let show_info = usize::from(row.width) >= info_width + 12;
        let room = usize::from(row.width) - if show_info { info_width + 1 } else { 0 };
        self.line.draw(buf, row, prefix, room, theme.status);
        if show_info {
            put(buf, row, row.right() - info_width as u16, &info, theme.status_flag);
        }
    }

    fn uses_status_row(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_edits_by_characters_and_words() {
        let mut l = LineEdit::default();
        for c in "talks stall".chars() {
            l.insert(c);
        }
        l.delete_word();
        assert_eq!(l.text(), "talks ");
        l.backspace();
        l.cursor = l.prev(l.cursor);
        l.insert('é');
        assert_eq!(l.text(), "talkés");
        l.delete();
        assert_eq!(l.text(), "talké");
        l.cursor = 0;
        l.backspace();
        assert_eq!(l.text(), "talké");
    }
}
