//! Selection mode (`v`): the student selects words to mark, extending by words
//! (`w` to the next word, `e` to the end of a word, `b` back a word) and by
//! sentences (`)` to the end of the sentence, `(` back to its start), then
//! presses a category key (1–7, in the order of the F1–F7 toggles) to store the
//! mark. The selection is whole words (as [`crate::words`] finds them), so its
//! edges never carry a space or punctuation. The mode owns the selection and
//! tells the reader where it is, to draw it and keep it in view.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::super::action::{Action, NoteEvent};
use super::super::app::{App, Shared};
use super::super::keymap::Key;
use super::super::paint::{fit, put};
use super::super::wrap::str_width;
use super::{Mode, Reply};
use crate::framing::Category;

/// The mode's own keys, for the help.
pub const KEYS: [(&str, &str); 5] = [
    ("w / b", "extend to the next word / back a word"),
    ("e", "extend to the end of the word (then of the next)"),
    (") / (", "extend to the end of the sentence / back to its start (again: the next, the previous)"),
    ("1 … 7", "mark the selection: 1 loaded 2 label 3 hedge 4 booster 5 attribution 6 passive 7 scare quote"),
    ("Esc", "leave without marking"),
];

/// Short names for the status line of a narrow screen, in [`Category::ALL`] order.
const SHORT: [&str; 7] = ["loaded", "label", "hedge", "boost", "attrib", "passive", "scare"];

/// Where the moving end of the selection is: a word, at its start or its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct End {
    word: usize,
    at_end: bool,
}

pub struct Select {
    doc: usize,
    /// The words of the document, as byte ranges.
    words: Vec<Range<usize>>,
    /// Per word, its sentence.
    sentence_of: Vec<usize>,
    anchor: usize,
    end: End,
}

impl Select {
    /// Selection in document `doc` from the word at (or after) byte `at`; `None` when the text has no words there.
    pub fn new(shared: &Shared, doc: usize, at: usize) -> Option<Select> {
        let d = &shared.docs[doc];
        let words = crate::words::spans(&d.text);
        let first = words.partition_point(|w| w.end <= at);
        let first = if first < words.len() { first } else { first.checked_sub(1)? };
        let sentence_of = words.iter().map(|w| d.sentence_at(w.start).unwrap_or(0)).collect();
        Some(Select { doc, words, sentence_of, anchor: first, end: End { word: first, at_end: false } })
    }

    pub fn doc(&self) -> usize {
        self.doc
    }

    /// The selected bytes: from the first selected word's start to the last one's end.
    pub fn range(&self) -> Range<usize> {
        let (lo, hi) = (self.anchor.min(self.end.word), self.anchor.max(self.end.word));
        self.words[lo].start..self.words[hi].end
    }

    pub fn word_count(&self) -> usize {
        self.anchor.abs_diff(self.end.word) + 1
    }

    /// The first and last word of the sentence of word `w`.
    fn sentence_words(&self, w: usize) -> (usize, usize) {
        let s = self.sentence_of[w];
        let first = self.sentence_of.partition_point(|&x| x < s);
        let last = self.sentence_of.partition_point(|&x| x <= s) - 1;
        (first, last)
    }

    fn step(&mut self, c: char) -> bool {
        let last = self.words.len() - 1;
        let End { word, at_end } = self.end;
        self.end = match c {
            'w' => End { word: (word + 1).min(last), at_end: false },
            'e' if at_end => End { word: (word + 1).min(last), at_end: true },
            'e' => End { word, at_end: true },
            'b' if at_end => End { word, at_end: false },
            'b' => End { word: word.saturating_sub(1), at_end: false },
            ')' => {
                let (_, end) = self.sentence_words(word);
                if word == end && at_end && end < last {
                    End { word: self.sentence_words(end + 1).1, at_end: true }
                } else {
                    End { word: end, at_end: true }
                }
            }
            '(' => {
                let (start, _) = self.sentence_words(word);
                if word == start && !at_end && start > 0 {
                    End { word: self.sentence_words(start - 1).0, at_end: false }
                } else {
                    End { word: start, at_end: false }
                }
            }
            _ => return false,
        };
        true
    }

    fn shown(&self) -> Reply {
        Reply::consumed().then(Action::Notes(NoteEvent::Selection(Some((self.doc, self.range())))))
    }

    fn left() -> Reply {
        Reply::close().then(Action::Notes(NoteEvent::Selection(None)))
    }

    /// What the status row says, in `width` columns.
    fn status(&self, width: usize) -> String {
        let n = self.word_count();
        let head = format!(" MARK {n} word{}", if n == 1 { "" } else { "s" });
        let keys = |names: &dyn Fn(usize) -> &'static str| -> String {
            (0..Category::ALL.len()).map(|i| format!(" {} {}", i + 1, names(i))).collect()
        };
        let full = format!("{head} ·{} · w b e ) ( extend · Esc leaves ", keys(&|i| Category::ALL[i].name()));
        if str_width(&full) <= width {
            return full;
        }
        // Narrow: the category keys are what a student needs; Esc leaves as everywhere.
        fit(&format!("{head}:{}", keys(&|i| SHORT[i])), width)
    }
}

impl Mode for Select {
    fn key(&mut self, key: Key, _app: &App) -> Reply {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match key.code {
                KeyCode::Char('c' | 'g') => Select::left(),
                _ => Reply::pass(),
            };
        }
        match key.code {
            KeyCode::Esc => Select::left(),
            KeyCode::Char(c @ '1'..='7') => {
                let category = Category::ALL[c as usize - '1' as usize];
                Reply::close().then(Action::Notes(NoteEvent::Selection(None))).then(Action::Notes(NoteEvent::Mark {
                    doc: self.doc,
                    range: self.range(),
                    category,
                }))
            }
            KeyCode::Char(c) if self.step(c) => self.shown(),
            _ => Reply::pass(),
        }
    }

    fn action(&mut self, action: &Action, _app: &App) -> Reply {
        match action {
            // Reading on while selecting: the pane scrolls; help opens over the mode.
            Action::LineDown
            | Action::LineUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::ScrollAt { .. }
            | Action::Help
            | Action::Notes(_) => Reply::pass(),
            Action::Quit | Action::Cancel | Action::Select => Select::left(),
            // Nothing else moves the cursor away from the selection.
            _ => Reply::consumed(),
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let Some(row) = super::status_row(app, buf) else { return };
        put(buf, row, row.x, &self.status(usize::from(row.width)), shared.theme.status_flag);
    }

    fn uses_status_row(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::tui::{App, Keymap, Theme};

    fn select(text: &str, at: &str) -> (Select, String) {
        let app =
            App::new(vec![Document::from_plain("t.txt", text)], Keymap::default_keymap(), Theme::default_theme(true));
        let at = text.find(at).unwrap();
        (Select::new(&app.shared, 0, at).unwrap(), text.to_string())
    }

    #[test]
    fn words_and_sentences_extend_the_selection() {
        let (mut s, text) = select("One two, three four. Five six seven. Eight.", "two");
        let shown = |s: &Select| text[s.range()].to_string();
        assert_eq!(shown(&s), "two");
        s.step('w');
        assert_eq!(shown(&s), "two, three", "the comma between words is inside, never at an edge");
        s.step('e');
        assert_eq!(shown(&s), "two, three", "e: the end of the word the selection is on");
        s.step('e');
        assert_eq!(shown(&s), "two, three four");
        s.step(')');
        assert_eq!(shown(&s), "two, three four. Five six seven", "at a sentence's end: to the next one's");
        s.step('(');
        assert_eq!(shown(&s), "two, three four. Five");
        s.step('(');
        assert_eq!(shown(&s), "One two", "back past the anchor to the previous sentence start");
        s.step('b');
        assert_eq!(shown(&s), "One two", "never before the first word");
        assert_eq!(s.word_count(), 2);
    }

    #[test]
    fn the_status_names_every_category_key() {
        let (s, _) = select("One two.", "One");
        let wide = s.status(200);
        assert!(wide.contains("7 scare quote") && wide.contains("Esc leaves"), "{wide}");
        let narrow = s.status(80);
        assert!(narrow.contains("1 loaded") && narrow.ends_with("7 scare"), "{narrow}");
        assert!(str_width(&narrow) <= 80);
    }
}
