//! The reader's state and `update`, the one place it changes.

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;
use crate::framing::{Category, Explanation};

use super::action::Action;
use super::flow::{Flow, Unit, units};
use super::keymap::{Key, Keymap, Outcome, parse_keys, show_sequence};
use super::layout::{self, text_area};
use super::theme::{Theme, category_index};

/// Where one pane is: `top` is the byte offset its first line shows (so a reflow
/// keeps the reading position); `cursor` is a byte offset; `highlight` is set when
/// the cursor is on a framing span (an index into that document's spans).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneState {
    pub top: usize,
    pub cursor: usize,
    pub highlight: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help { scroll: usize },
    Explain { explanation: Explanation, doc: usize, scroll: usize },
}

/// A place in the jump history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub doc: usize,
    pub pane: PaneState,
}

/// The counterparts Enter cycles through: those of `origin`, now showing number `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cycle {
    origin: SentenceRef,
    index: usize,
    target: SentenceRef,
}

pub struct App {
    pub docs: Arc<Vec<Document>>,
    /// Per document, its text cut into units for lazy wrapping.
    pub units: Vec<Vec<Unit>>,
    /// `None` until the analysis thread reports.
    pub analysis: Option<Analysis>,
    /// Why the analysis failed, if it did: the reader goes on without it.
    pub analysis_error: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub panes: Vec<PaneState>,
    pub focus: usize,
    /// First pane of the window when not all panes fit.
    pub first_shown: usize,
    pub zoomed: bool,
    pub width: u16,
    pub height: u16,
    pub overlay: Option<Overlay>,
    /// Keys of a sequence typed so far (`]` waiting for `f`).
    pub pending: Vec<Key>,
    /// Per framing category (in `Category::ALL` order), whether its highlights show.
    pub shown: [bool; Category::ALL.len()],
    pub legend: bool,
    pub aligned: bool,
    pub panel: bool,
    pub source_only: bool,
    /// The sentence a jump landed on, marked until the next key.
    pub flash: Option<SentenceRef>,
    cycle: Option<Cycle>,
    pub jumps: Vec<Location>,
    /// Position in `jumps`; equal to its length when not travelling through the history.
    pub jump_index: usize,
    /// One line of feedback for the status line, until the next key.
    pub message: Option<String>,
    /// Set by [`Action::Suspend`]; the event loop takes it, gives the terminal back and stops.
    pub suspend: bool,
    pub quit: bool,
}

impl App {
    pub fn new(docs: impl Into<Arc<Vec<Document>>>, keymap: Keymap, theme: Theme) -> App {
        let docs = docs.into();
        let units = docs.iter().map(|d| units(&d.text, &d.paragraphs)).collect();
        let panes = docs
            .iter()
            .map(|d| {
                let start = d.paragraphs.first().map_or(0, |p| p.start);
                PaneState { top: start, cursor: d.sentences.first().map_or(start, |s| s.start), highlight: None }
            })
            .collect();
        App {
            docs,
            units,
            analysis: None,
            analysis_error: None,
            keymap,
            theme,
            panes,
            focus: 0,
            first_shown: 0,
            zoomed: false,
            width: 80,
            height: 24,
            overlay: None,
            pending: Vec::new(),
            shown: [true; Category::ALL.len()],
            legend: true,
            aligned: false,
            panel: false,
            source_only: false,
            flash: None,
            cycle: None,
            jumps: Vec::new(),
            jump_index: 0,
            message: None,
            suspend: false,
            quit: false,
        }
    }

    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.analysis = Some(analysis);
    }

    /// Feeds keys in keymap notation (`"]m<Enter>"`, `"<C-d>"`) as if typed.
    pub fn feed(&mut self, notation: &str) {
        for key in parse_keys(notation).unwrap_or_else(|e| panic!("bad key notation {notation:?}: {e}")) {
            self.press(key);
        }
    }

    /// One key press: completes, extends or cancels a pending sequence.
    pub fn press(&mut self, key: Key) {
        self.flash = None;
        self.message = None;
        if key.code == ratatui::crossterm::event::KeyCode::Esc && !self.pending.is_empty() {
            self.pending.clear();
            return;
        }
        self.pending.push(key);
        match self.keymap.lookup(&self.pending) {
            Outcome::Action(action) => {
                self.pending.clear();
                update(self, action);
            }
            Outcome::Pending => {}
            Outcome::Unbound => {
                let keys = std::mem::take(&mut self.pending);
                self.message = Some(format!("{} is not bound (? for help)", show_sequence(&keys)));
            }
        }
    }

    /// The text layout of pane `doc` at its current width.
    pub fn flow(&self, doc: usize) -> Flow<'_> {
        Flow { text: &self.docs[doc].text, units: &self.units[doc], width: usize::from(self.text_size(doc).0) }
    }

    /// Text columns and rows of pane `doc`: its own when shown, else those of the focused pane.
    pub fn text_size(&self, doc: usize) -> (u16, u16) {
        let screen = layout::screen(self);
        let rect = screen.pane_rect(doc).or_else(|| screen.pane_rect(self.focus)).unwrap_or_default();
        let area = text_area(rect);
        (area.width, area.height)
    }

    /// The sentence the cursor of pane `doc` is in.
    pub fn cursor_sentence(&self, doc: usize) -> Option<SentenceRef> {
        let pane = self.panes.get(doc)?;
        self.docs[doc].sentence_at(pane.cursor).map(|sentence| SentenceRef { doc, sentence })
    }

    /// Whether highlights of `category` show.
    pub fn is_shown(&self, category: Category) -> bool {
        self.shown[category_index(category)]
    }

    /// How many sources report the claim of sentence `s` (its own and distinct others), if any other does.
    pub fn sources_reporting(&self, s: SentenceRef) -> Option<usize> {
        let cps = self.analysis.as_ref()?.counterparts(s);
        let mut docs: Vec<usize> = cps.iter().map(|c| c.sentence.doc).filter(|&d| d != s.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        (!docs.is_empty()).then(|| docs.len() + 1)
    }

    /// Why there is no analysis to act on.
    fn no_analysis(&self) -> String {
        if self.analysis_error.is_some() { "the analysis failed".into() } else { "still analysing…".into() }
    }

    fn here(&self) -> Location {
        Location { doc: self.focus, pane: self.panes[self.focus] }
    }

    fn goto(&mut self, loc: Location) {
        self.focus = loc.doc;
        self.panes[loc.doc] = loc.pane;
        self.after_move();
    }

    /// Rows of the focused pane's text.
    fn rows(&self) -> usize {
        usize::from(self.text_size(self.focus).1)
    }

    fn scroll(&mut self, doc: usize, delta: isize) {
        let rows = usize::from(self.text_size(doc).1);
        let top = self.flow(doc).scroll(self.panes[doc].top, delta, rows);
        self.panes[doc].top = top;
        if doc == self.focus {
            self.keep_cursor_in_view();
            self.after_move();
        }
    }

    /// The byte range pane `doc` shows: start of its first line to end of its last.
    fn view_range(&self, doc: usize) -> Option<std::ops::Range<usize>> {
        let rows = usize::from(self.text_size(doc).1).max(1);
        let lines = self.flow(doc).lines_from(self.panes[doc].top, rows);
        Some(lines.first()?.range.start..lines.last()?.range.end)
    }

    /// After scrolling, a cursor that left the screen moves to the first (or, when
    /// scrolled off the bottom, the last) sentence on it, so aligned scrolling follows reading.
    fn keep_cursor_in_view(&mut self) {
        let doc = self.focus;
        let Some(view) = self.view_range(doc) else { return };
        let pane = self.panes[doc];
        let sentences = &self.docs[doc].sentences;
        let in_view = match (pane.highlight, self.docs[doc].sentence_at(pane.cursor)) {
            (None, Some(i)) => sentences[i].start < view.end.max(view.start + 1) && sentences[i].end > view.start,
            _ => view.contains(&pane.cursor) || pane.cursor == view.start,
        };
        if in_view {
            return;
        }
        let first_starting = sentences.partition_point(|s| s.start < view.start);
        let cursor = if pane.cursor < view.start {
            match sentences.get(first_starting) {
                Some(s) if s.start < view.end => s.start,
                _ => self.docs[doc].sentence_at(view.start).map_or(view.start, |i| sentences[i].start),
            }
        } else {
            let last = sentences.partition_point(|s| s.start < view.end).checked_sub(1);
            last.map_or(view.start, |i| sentences[i].start)
        };
        self.panes[doc] = PaneState { top: pane.top, cursor, highlight: None };
    }

    /// Scrolls pane `doc` so byte `pos` shows, a third of the way down when it has to move.
    fn bring_into_view(&mut self, doc: usize, pos: usize) {
        if let Some(view) = self.view_range(doc)
            && (view.contains(&pos) || pos == view.start)
        {
            return;
        }
        let rows = usize::from(self.text_size(doc).1);
        let flow = self.flow(doc);
        let top = flow.step(pos, -((rows / 3) as isize)).min(flow.last_top(rows));
        self.panes[doc].top = top;
    }

    /// What follows any move of the focused pane's cursor: aligned scrolling.
    fn after_move(&mut self) {
        if self.aligned {
            self.align_others();
        }
    }

    /// Scrolls every other pane so the best counterpart of the cursor sentence sits
    /// on the same row as the cursor sentence.
    fn align_others(&mut self) {
        let Some(s) = self.cursor_sentence(self.focus) else { return };
        let Some(analysis) = &self.analysis else { return };
        let start = self.docs[s.doc].sentences[s.sentence].start;
        let rows = self.rows().max(1);
        let row = self
            .flow(s.doc)
            .lines_from(self.panes[s.doc].top, rows)
            .iter()
            .position(|l| l.range.start <= start && start <= l.range.end && !l.blank)
            .unwrap_or(0);
        let mut targets: Vec<SentenceRef> = Vec::new();
        for cp in analysis.counterparts(s) {
            if cp.sentence.doc != s.doc && !targets.iter().any(|t| t.doc == cp.sentence.doc) {
                targets.push(cp.sentence);
            }
        }
        for t in targets {
            let pos = self.docs[t.doc].sentences[t.sentence].start;
            let top = self.flow(t.doc).step(pos, -(row as isize));
            self.panes[t.doc] = PaneState { top, cursor: pos, highlight: None };
        }
    }

    fn set_focus(&mut self, doc: usize) {
        if doc < self.docs.len() {
            self.focus = doc;
        }
    }

    /// Indices of the shown framing spans of `doc`.
    fn shown_spans(&self, doc: usize) -> Vec<usize> {
        let Some(a) = &self.analysis else { return Vec::new() };
        a.framing
            .get(doc)
            .map(|spans| (0..spans.len()).filter(|&i| self.is_shown(spans[i].category)).collect())
            .unwrap_or_default()
    }

    fn move_to_highlight(&mut self, forward: bool) {
        if self.analysis.is_none() {
            self.message = Some(self.no_analysis());
            return;
        }
        let doc = self.focus;
        let pane = self.panes[doc];
        let spans = &self.analysis.as_ref().map_or(&[][..], |a| a.framing[doc].as_slice());
        let shown = self.shown_spans(doc);
        let found = if forward {
            shown.into_iter().find(|&i| match pane.highlight {
                Some(h) => i > h,
                None => spans[i].range.start >= pane.cursor,
            })
        } else {
            shown.into_iter().rev().find(|&i| match pane.highlight {
                Some(h) => i < h,
                None => spans[i].range.start < pane.cursor,
            })
        };
        match found {
            Some(i) => {
                let pos = spans[i].range.start;
                self.panes[doc].cursor = pos;
                self.panes[doc].highlight = Some(i);
                self.bring_into_view(doc, pos);
                self.after_move();
            }
            None => {
                self.message = Some(if forward { "no highlight below" } else { "no highlight above" }.to_string());
            }
        }
    }

    fn move_to_match(&mut self, forward: bool) {
        if self.analysis.is_none() {
            self.message = Some(self.no_analysis());
            return;
        }
        let doc = self.focus;
        let n = self.docs[doc].sentences.len();
        let current = self.docs[doc].sentence_at(self.panes[doc].cursor);
        let linked = |i: usize| self.sources_reporting(SentenceRef { doc, sentence: i }).is_some();
        let found = if forward {
            let from = current.map_or(0, |c| c + 1);
            (from..n).find(|&i| linked(i))
        } else {
            (0..current.unwrap_or(0)).rev().find(|&i| linked(i))
        };
        match found {
            Some(i) => {
                let pos = self.docs[doc].sentences[i].start;
                self.panes[doc].cursor = pos;
                self.panes[doc].highlight = None;
                self.bring_into_view(doc, pos);
                self.after_move();
            }
            None => {
                self.message = Some(
                    if forward { "no sentence below that other sources report" } else { "none above" }.to_string(),
                );
            }
        }
    }

    /// The span `K` explains: the one the cursor is on, else one covering the
    /// cursor, else the first in the cursor sentence.
    fn span_under_cursor(&self) -> Option<usize> {
        let doc = self.focus;
        let pane = self.panes[doc];
        if pane.highlight.is_some() {
            return pane.highlight;
        }
        let spans = &self.analysis.as_ref()?.framing[doc];
        let shown = self.shown_spans(doc);
        let sentence = self.docs[doc].sentence_at(pane.cursor).map(|i| self.docs[doc].sentences[i].clone());
        shown.iter().copied().find(|&i| spans[i].range.contains(&pane.cursor)).or_else(|| {
            let s = sentence?;
            shown.iter().copied().find(|&i| spans[i].range.start >= s.start && spans[i].range.start < s.end)
        })
    }

    fn explain(&mut self) {
        let Some(analysis) = &self.analysis else {
            self.message = Some(self.no_analysis());
            return;
        };
        let doc = self.focus;
        match self.span_under_cursor() {
            Some(i) => {
                let explanation = analysis.explain(&self.docs, doc, i);
                let pos = analysis.framing[doc][i].range.start;
                self.panes[doc].cursor = pos;
                self.panes[doc].highlight = Some(i);
                self.overlay = Some(Overlay::Explain { explanation, doc, scroll: 0 });
            }
            None => self.message = Some("no highlight here (]f moves to the next)".into()),
        }
    }

    fn jump_to(&mut self, target: SentenceRef) {
        let pos = self.docs[target.doc].sentences[target.sentence].start;
        self.focus = target.doc;
        self.panes[target.doc].cursor = pos;
        self.panes[target.doc].highlight = None;
        self.bring_into_view(target.doc, pos);
        self.flash = Some(target);
        self.after_move();
    }

    fn activate(&mut self) {
        if self.panes[self.focus].highlight.is_some() {
            self.explain();
            return;
        }
        let Some(analysis) = &self.analysis else {
            self.message = Some(self.no_analysis());
            return;
        };
        let Some(here) = self.cursor_sentence(self.focus) else { return };
        if let Some(c) = self.cycle
            && c.target == here
        {
            let cps = analysis.counterparts(c.origin);
            let index = (c.index + 1) % cps.len();
            let target = cps[index].sentence;
            self.message = Some(format!("counterpart {} of {}", index + 1, cps.len()));
            self.cycle = Some(Cycle { origin: c.origin, index, target });
            self.jump_to(target);
            return;
        }
        let cps = analysis.counterparts(here);
        let Some(best) = cps.first().map(|c| c.sentence) else {
            self.message = Some("no other source reports this sentence".into());
            return;
        };
        let count = cps.len();
        self.record_jump();
        self.message = Some(format!("counterpart 1 of {count}"));
        self.cycle = Some(Cycle { origin: here, index: 0, target: best });
        self.jump_to(best);
    }

    fn record_jump(&mut self) {
        self.jumps.truncate(self.jump_index);
        self.jumps.push(self.here());
        self.jump_index = self.jumps.len();
    }

    fn jump_back(&mut self) {
        if self.jump_index == 0 {
            self.message = Some("at the oldest jump".into());
            return;
        }
        if self.jump_index == self.jumps.len() {
            self.jumps.push(self.here());
        }
        self.jump_index -= 1;
        self.goto(self.jumps[self.jump_index]);
    }

    fn jump_forward(&mut self) {
        if self.jump_index + 1 >= self.jumps.len() {
            self.message = Some("at the newest jump".into());
            return;
        }
        self.jump_index += 1;
        self.goto(self.jumps[self.jump_index]);
    }

    fn toggle_category(&mut self, category: Category) {
        let i = category_index(category);
        self.shown[i] = !self.shown[i];
        self.forget_hidden_highlight();
        let state = if self.shown[i] { "shown" } else { "hidden" };
        self.message = Some(format!("{}: {state}", category.name()));
    }

    fn forget_hidden_highlight(&mut self) {
        for doc in 0..self.panes.len() {
            let hidden = match (self.panes[doc].highlight, &self.analysis) {
                (Some(h), Some(a)) => !self.is_shown(a.framing[doc][h].category),
                _ => false,
            };
            if hidden {
                self.panes[doc].highlight = None;
            }
        }
    }

    /// The pane under a screen cell, and whether the cell is in its text area.
    fn pane_at(&self, column: u16, row: u16) -> Option<(usize, ratatui::layout::Rect)> {
        let pos = ratatui::layout::Position { x: column, y: row };
        layout::screen(self).panes.into_iter().find(|(_, r)| r.contains(pos))
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some((doc, rect)) = self.pane_at(column, row) else { return };
        self.focus = doc;
        let area = text_area(rect);
        if row < area.y {
            return;
        }
        let n = usize::from(row - area.y) + 1;
        let lines = self.flow(doc).lines_from(self.panes[doc].top, n);
        if let Some(line) = lines.get(n - 1).filter(|l| !l.blank) {
            let text = &self.docs[doc].text;
            let at = byte_at_column(text, line.range.clone(), usize::from(column.saturating_sub(area.x)));
            let start = self.docs[doc].sentence_at(at).map(|i| self.docs[doc].sentences[i].start);
            self.panes[doc].cursor = start.unwrap_or(line.range.start);
            self.panes[doc].highlight = None;
            self.after_move();
        }
    }

    /// Keeps the window of shown panes where the layout put it, so it moves only to follow focus.
    fn settle_window(&mut self) {
        self.first_shown = layout::screen(self).first;
    }
}

/// The byte of `text[line]` drawn at `column` (the line's last grapheme when right of its end).
fn byte_at_column(text: &str, line: std::ops::Range<usize>, column: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let mut x = 0;
    let mut last = line.start;
    for (i, g) in text[line.clone()].grapheme_indices(true) {
        last = line.start + i;
        x += super::wrap::grapheme_width(g);
        if x > column {
            break;
        }
    }
    last
}

/// Applies one action to the state.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Activate | Action::Resize(..)) {
        app.cycle = None;
    }
    if let Action::Resize(w, h) = action {
        app.width = w;
        app.height = h;
        app.settle_window();
        return;
    }
    // Whatever is open stays open, to be found again after `fg`.
    if let Action::Suspend = action {
        app.suspend = true;
        return;
    }
    if app.docs.is_empty() {
        if matches!(action, Action::Quit) {
            app.quit = true;
        }
        return;
    }
    let explain_max = match &app.overlay {
        Some(Overlay::Explain { explanation, .. }) => super::explain::max_scroll(app, explanation),
        _ => 0,
    };
    if let Some(overlay) = &mut app.overlay {
        match overlay {
            Overlay::Help { scroll } => {
                let rows = usize::from(app.height.saturating_sub(2)).max(1);
                match action {
                    Action::LineDown => *scroll += 1,
                    Action::LineUp => *scroll = scroll.saturating_sub(1),
                    Action::PageDown | Action::HalfPageDown => *scroll += rows,
                    Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(rows),
                    Action::Top => *scroll = 0,
                    Action::Bottom => *scroll = usize::MAX,
                    Action::Help | Action::Quit | Action::Cancel => app.overlay = None,
                    _ => {}
                }
                if let Some(Overlay::Help { scroll }) = &mut app.overlay {
                    *scroll = (*scroll).min(super::help::max_scroll(app.height, &app.keymap));
                }
                return;
            }
            Overlay::Explain { scroll, .. } => {
                // Movement keys scroll a long explanation; closing keys close it; any
                // other key closes it and then does its own work (so `]f K ]f K` reads on).
                let max = explain_max;
                let page = usize::from(app.height.saturating_sub(4)).max(1);
                let moved = match action {
                    Action::LineDown => Some(*scroll + 1),
                    Action::LineUp => Some(scroll.saturating_sub(1)),
                    Action::PageDown | Action::HalfPageDown => Some(*scroll + page),
                    Action::PageUp | Action::HalfPageUp => Some(scroll.saturating_sub(page)),
                    Action::Top => Some(0),
                    Action::Bottom => Some(max),
                    _ => None,
                };
                if let Some(to) = moved {
                    *scroll = to.min(max);
                    return;
                }
                app.overlay = None;
                if matches!(action, Action::Quit | Action::Cancel | Action::Activate | Action::Explain) {
                    return;
                }
            }
        }
    }
    let rows = app.rows().max(1) as isize;
    match action {
        Action::LineDown => app.scroll(app.focus, 1),
        Action::LineUp => app.scroll(app.focus, -1),
        Action::HalfPageDown => app.scroll(app.focus, (rows / 2).max(1)),
        Action::HalfPageUp => app.scroll(app.focus, -(rows / 2).max(1)),
        Action::PageDown => app.scroll(app.focus, rows),
        Action::PageUp => app.scroll(app.focus, -rows),
        Action::Top => {
            let doc = app.focus;
            app.panes[doc].top = app.flow(doc).step(0, 0);
            app.keep_cursor_in_view();
            app.after_move();
        }
        Action::Bottom => {
            let doc = app.focus;
            app.panes[doc].top = app.flow(doc).last_top(rows as usize);
            app.keep_cursor_in_view();
            app.after_move();
        }
        Action::FocusNext => app.set_focus((app.focus + 1) % app.docs.len()),
        Action::FocusPrev => app.set_focus((app.focus + app.docs.len() - 1) % app.docs.len()),
        Action::Focus(i) => {
            if i < app.docs.len() {
                app.set_focus(i);
            } else {
                app.message = Some(format!("there is no pane {}", i + 1));
            }
        }
        Action::Zoom => app.zoomed = !app.zoomed,
        Action::NextHighlight => app.move_to_highlight(true),
        Action::PrevHighlight => app.move_to_highlight(false),
        Action::ToggleCategory(c) => app.toggle_category(c),
        Action::ToggleAllCategories => {
            let all = app.shown.iter().all(|s| *s);
            app.shown = [!all; Category::ALL.len()];
            app.forget_hidden_highlight();
            app.message = Some(if all { "all highlights hidden" } else { "all highlights shown" }.into());
        }
        Action::Legend => app.legend = !app.legend,
        Action::NextMatch => app.move_to_match(true),
        Action::PrevMatch => app.move_to_match(false),
        Action::Activate => app.activate(),
        Action::Explain => app.explain(),
        Action::JumpBack => app.jump_back(),
        Action::JumpForward => app.jump_forward(),
        Action::AlignedScrolling => {
            app.aligned = !app.aligned;
            app.after_move();
        }
        Action::CounterpartPanel => app.panel = !app.panel,
        Action::SourceOnly => app.source_only = !app.source_only,
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Quit => app.quit = true,
        Action::Cancel => {}
        Action::ScrollAt { column, row, lines } => {
            if let Some((doc, _)) = app.pane_at(column, row) {
                app.scroll(doc, lines as isize);
            }
        }
        Action::ClickAt { column, row } => app.click(column, row),
        Action::Resize(..) | Action::Suspend => {}
    }
    app.settle_window();
}

#[cfg(test)]
mod tests {
    use super::byte_at_column;

    #[test]
    fn a_column_maps_to_the_grapheme_drawn_there() {
        let text = "日本語 ab";
        assert_eq!(byte_at_column(text, 0..text.len(), 0), 0);
        assert_eq!(byte_at_column(text, 0..text.len(), 1), 0, "the right half of 日");
        assert_eq!(byte_at_column(text, 0..text.len(), 2), 3);
        assert_eq!(byte_at_column(text, 0..text.len(), 7), 10);
        assert_eq!(byte_at_column(text, 0..text.len(), 50), 11, "right of the end: the last grapheme");
    }
}
