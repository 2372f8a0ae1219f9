//! The reading view: the sources side by side, each in a pane with its header,
//! gutter and highlighted text; the legend and the counterpart panel below.
//!
//! State is here; how it moves is in `navigation`, search in `search`, copying
//! in `copy`, the counterpart panel in `panel`, and drawing in `panes`,
//! `header`, `gutter`, `legend`.

mod classroom;
mod copy;
mod gutter;
mod header;
pub mod layout;
mod legend;
mod navigation;
mod panel;
mod panes;
pub mod search;

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::framing::Category;

use super::action::Action;
use super::app::{Shared, ViewId};
use super::derived::{Filter, shown_spans};
use super::flow::Line;
use super::view::{Status, View};
use layout::Screen;
pub use panel::Panel;
pub use search::Search;

/// Where one pane is: `top` is the byte offset its first line shows (so a reflow
/// keeps the reading position); `cursor` is a byte offset; `highlight` is set when
/// the cursor is on a framing span (an index into that document's spans).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneState {
    pub top: usize,
    pub cursor: usize,
    pub highlight: Option<usize>,
}

/// A place in the jump history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub doc: usize,
    pub pane: PaneState,
}

/// Where jumps (Enter, search) have been, for `Ctrl-o` and `Ctrl-i`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Jumps {
    pub list: Vec<Location>,
    /// Position in `list`; equal to its length when not travelling through the history.
    pub index: usize,
}

/// What is drawn besides the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Show {
    /// Which framing highlights show: layers, the confidence floor, each category's own switch.
    pub framing: Filter,
    pub legend: bool,
    /// Mark sentences no other source reports.
    pub source_only: bool,
}

/// The counterparts Enter cycles through: those of `origin`, now showing number `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cycle {
    origin: SentenceRef,
    index: usize,
    target: SentenceRef,
}

pub struct Reader {
    pub panes: Vec<PaneState>,
    pub focus: usize,
    pub zoomed: bool,
    pub show: Show,
    /// Aligned scrolling: the other panes follow the cursor sentence to its counterparts.
    pub aligned: bool,
    pub panel: Panel,
    pub search: Search,
    /// The sentence a jump landed on, marked until the next key.
    pub flash: Option<SentenceRef>,
    cycle: Option<Cycle>,
    pub jumps: Jumps,
    /// Where the regions go, computed when the size or the arrangement changes.
    screen: Screen,
    /// Per shown pane, the lines it shows, wrapped after each action so a frame only paints.
    shown_lines: Vec<ShownLines>,
    /// Per document, the indices of the framing spans `show.framing` lets through, in text
    /// order: rebuilt when the analysis or a switch changes.
    shown_spans: Vec<Vec<usize>>,
}

/// The wrapped lines of one shown pane, and what they were wrapped for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ShownLines {
    doc: usize,
    top: usize,
    size: (u16, u16),
    lines: Vec<Line>,
}

impl Reader {
    pub fn new(shared: &Shared) -> Reader {
        let panes = shared
            .docs
            .iter()
            .map(|d| {
                let start = d.paragraphs.first().map_or(0, |p| p.start);
                PaneState { top: start, cursor: d.sentences.first().map_or(start, |s| s.start), highlight: None }
            })
            .collect();
        let mut reader = Reader {
            panes,
            focus: 0,
            zoomed: false,
            show: Show { framing: Filter::default(), legend: true, source_only: false },
            aligned: false,
            panel: Panel::default(),
            search: Search::new(shared.docs.len()),
            flash: None,
            cycle: None,
            jumps: Jumps::default(),
            screen: Screen::default(),
            shown_lines: Vec::new(),
            shown_spans: Vec::new(),
        };
        // The lines are wrapped when the first resize says how wide the panes are.
        reader.relayout(shared);
        reader
    }

    /// The regions of the screen as last laid out.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Whether highlights of `category` show: its layer is on and its own switch too.
    pub fn is_shown(&self, category: Category) -> bool {
        self.show.framing.category_shown(category)
    }

    /// Indices of the framing spans of `doc` that show, in text order.
    pub fn shown_spans(&self, doc: usize) -> &[usize] {
        self.shown_spans.get(doc).map_or(&[], Vec::as_slice)
    }

    /// After the analysis or a framing switch changed: which spans show, and a cursor
    /// on a highlight that no longer shows is on its sentence instead.
    pub(crate) fn refilter(&mut self, shared: &Shared) {
        self.shown_spans = shown_spans(shared.analysis.as_deref(), &self.show.framing);
        self.forget_hidden_highlight(shared);
    }

    /// The sentence the cursor of pane `doc` is in.
    pub fn cursor_sentence(&self, shared: &Shared, doc: usize) -> Option<SentenceRef> {
        let pane = self.panes.get(doc)?;
        shared.docs[doc].sentence_at(pane.cursor).map(|sentence| SentenceRef { doc, sentence })
    }

    /// Text columns and rows of pane `doc`: its own when shown, else those of the focused pane.
    pub fn text_size(&self, doc: usize) -> (u16, u16) {
        let rect = self.screen.pane_rect(doc).or_else(|| self.screen.pane_rect(self.focus)).unwrap_or_default();
        let area = layout::text_area(rect);
        (area.width, area.height)
    }

    /// Lays the screen out again when what it depends on changed (a resize keeps
    /// each pane's top line, so the reading position survives a round trip).
    fn relayout(&mut self, shared: &Shared) {
        let screen = layout::screen(self, shared);
        if screen != self.screen {
            self.screen = screen;
        }
    }

    /// After every action: caches that follow the state (the lines each pane shows,
    /// the search matches on them, the panel's rows).
    fn refresh(&mut self, shared: &Shared) {
        self.relayout(shared);
        self.wrap_shown(shared);
        if self.search.highlights_shown() {
            self.search.refresh_visible(self.visible_ranges(), shared);
        }
        if self.panel.open {
            let here = self.cursor_sentence(shared, self.focus);
            let width = self.screen.panel.map_or(0, |r| r.width);
            self.panel.refresh(here, width, shared);
        }
    }

    /// Wraps what each shown pane shows, where its place or size changed.
    fn wrap_shown(&mut self, shared: &Shared) {
        let mut kept = std::mem::take(&mut self.shown_lines);
        for &(doc, _) in &self.screen.panes {
            let (top, size) = (self.panes[doc].top, self.text_size(doc));
            let lines = match kept.iter().position(|s| s.doc == doc && s.top == top && s.size == size) {
                Some(i) => kept.swap_remove(i).lines,
                None => self.flow(shared, doc).lines_from(top, usize::from(size.1)),
            };
            self.shown_lines.push(ShownLines { doc, top, size, lines });
        }
    }

    /// The lines pane `doc` shows: as wrapped after the last action, or wrapped now
    /// when nothing was (an app drawn before its first resize).
    pub(super) fn shown_lines<'a>(&'a self, shared: &Shared, doc: usize) -> Cow<'a, [Line]> {
        let (top, size) = (self.panes[doc].top, self.text_size(doc));
        match self.shown_lines.iter().find(|s| s.doc == doc && s.top == top && s.size == size) {
            Some(s) => Cow::Borrowed(&s.lines),
            None => Cow::Owned(self.flow(shared, doc).lines_from(top, usize::from(size.1))),
        }
    }

    /// What each shown pane shows: document and byte range.
    fn visible_ranges(&self) -> Vec<(usize, std::ops::Range<usize>)> {
        self.shown_lines
            .iter()
            .filter_map(|s| Some((s.doc, s.lines.first()?.range.start..s.lines.last()?.range.end)))
            .collect()
    }
}

impl View for Reader {
    fn update(&mut self, shared: &mut Shared, action: &Action) {
        if !matches!(action, Action::Activate) {
            self.cycle = None;
        }
        self.flash = None;
        if shared.docs.is_empty() {
            return;
        }
        let rows = self.text_size(self.focus).1.max(1) as isize;
        match action {
            Action::LineDown => self.scroll(shared, self.focus, 1),
            Action::LineUp => self.scroll(shared, self.focus, -1),
            Action::HalfPageDown => self.scroll(shared, self.focus, (rows / 2).max(1)),
            Action::HalfPageUp => self.scroll(shared, self.focus, -(rows / 2).max(1)),
            Action::PageDown => self.scroll(shared, self.focus, rows),
            Action::PageUp => self.scroll(shared, self.focus, -rows),
            Action::Top => self.go_to_end(shared, false),
            Action::Bottom => self.go_to_end(shared, true),
            Action::FocusNext => self.set_focus(shared, (self.focus + 1) % shared.docs.len()),
            Action::FocusPrev => self.set_focus(shared, (self.focus + shared.docs.len() - 1) % shared.docs.len()),
            Action::Focus(i) => {
                if *i < shared.docs.len() {
                    self.set_focus(shared, *i);
                } else {
                    shared.say(format!("there is no pane {}", i + 1));
                }
            }
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::NextHighlight => self.move_to_highlight(shared, true),
            Action::PrevHighlight => self.move_to_highlight(shared, false),
            Action::ToggleCategory(c) => self.toggle_category(shared, *c),
            Action::ToggleAllCategories => self.toggle_all_categories(shared),
            Action::ToggleSourcing => self.toggle_sourcing(shared),
            Action::ToggleLowConfidence => self.toggle_low_confidence(shared),
            Action::Legend => self.show.legend = !self.show.legend,
            Action::NextMatch => self.move_to_claim(shared, true),
            Action::PrevMatch => self.move_to_claim(shared, false),
            Action::Activate => self.activate(shared),
            Action::Explain => self.explain(shared),
            Action::JumpBack => self.jump_back(shared),
            Action::JumpForward => self.jump_forward(shared),
            Action::AlignedScrolling => {
                self.aligned = !self.aligned;
                self.after_move(shared);
            }
            Action::CounterpartPanel => {
                self.panel.toggle();
                self.relayout(shared);
                if self.panel.open {
                    self.keep_cursor_visible(shared);
                }
            }
            Action::PanelDown | Action::PanelUp => {
                let down = matches!(action, Action::PanelDown);
                if !self.panel.scroll_by_page(self.screen.panel, down) {
                    let key = shared.keymap.first_key("counterpart_panel").unwrap_or_default();
                    shared.say(format!("the counterpart panel is closed ({key} opens it)"));
                }
            }
            Action::SourceOnly => self.show.source_only = !self.show.source_only,
            Action::SearchForward => self.open_search(shared, false),
            Action::SearchBackward => self.open_search(shared, true),
            Action::SearchNext => self.search_step(shared, true),
            Action::SearchPrev => self.search_step(shared, false),
            Action::Search(event) => self.search_event(shared, event),
            Action::CopySentence => self.copy_sentence(shared, false),
            Action::CopyCitation => self.copy_sentence(shared, true),
            Action::CopyCounterparts => self.copy_counterparts(shared),
            Action::Cancel if self.search.highlights_shown() => {
                self.search.hide_highlights();
                let next = shared.keymap.first_key("search_next").unwrap_or_default();
                shared.say(format!("highlights cleared ({next} finds again)"));
            }
            Action::Compare => shared.switch_view(ViewId::Compare, None),
            Action::ShowPlace { doc, offset } => self.show_place(shared, *doc, *offset),
            Action::AddNote
            | Action::NextNote
            | Action::PrevNote
            | Action::NotesList
            | Action::Select
            | Action::Blind
            | Action::Reveal
            | Action::Notes(_) => self.classroom(shared, action),
            Action::ScrollAt { column, row, lines } => self.scroll_at(shared, *column, *row, *lines),
            Action::ClickAt { column, row } => self.click(shared, *column, *row),
            _ => {}
        }
        self.refresh(shared);
    }

    fn analysis_changed(&mut self, shared: &mut Shared, previous: Option<&Analysis>) {
        let Some(analysis) = shared.analysis.clone() else { return };
        // Highlight positions are indices into the spans: find the same span in the new analysis.
        let remap = |doc: usize, pane: &mut PaneState| {
            let old = pane.highlight.and_then(|h| previous?.framing.get(doc)?.get(h));
            pane.highlight = old.and_then(|old| {
                let spans = analysis.framing.get(doc)?;
                let i = spans.partition_point(|s| s.range.start < old.range.start);
                spans.get(i).filter(|s| s.range == old.range).map(|_| i)
            });
        };
        for (doc, pane) in self.panes.iter_mut().enumerate() {
            remap(doc, pane);
        }
        for jump in &mut self.jumps.list {
            remap(jump.doc, &mut jump.pane);
        }
        if let Some(saved) = self.search.saved_panes_mut() {
            for (doc, pane) in saved.iter_mut().enumerate() {
                remap(doc, pane);
            }
        }
        self.cycle = None;
        self.refilter(shared);
        self.refresh(shared);
    }

    fn resized(&mut self, shared: &mut Shared) {
        self.refresh(shared);
    }

    fn busy(&self) -> bool {
        self.search.counting()
    }

    fn tick(&mut self, shared: &mut Shared) {
        self.search.count_some(shared, self.focus);
    }

    fn render(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        panes::render_all(self, shared, area, buf);
    }

    fn status(&self, shared: &Shared) -> Status {
        self.status_line(shared)
    }
}
