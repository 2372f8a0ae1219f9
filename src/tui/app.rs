//! The reader's state and [`update`], the one place it changes.
//!
//! A key goes to the top [`Mode`] first (a text prompt takes the characters it
//! is typed with), then through the keymap; the action it makes goes to the top
//! mode again (an overlay takes its scroll keys), and what no mode takes goes to
//! the [`View`] on screen. Resizes, the mouse, the analysis arriving and
//! background ticks are actions too, so nothing changes the state but `update`.

use std::any::Any;
use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;

use crate::analysis::Analysis;
use crate::claims::{Refinement, SentenceRef};
use crate::document::Document;

use super::action::{Action, Arrival, refining_note};
use super::classroom::Classroom;
use super::compare::Compare;
use super::derived::Derived;
use super::flow::{Flow, Unit, units};
use super::keymap::{Key, Keymap, Outcome, parse_keys, show_sequence};
use super::modes::help::Help;
use super::modes::{Mode, Reply};
use super::reader::Reader;
use super::theme::Theme;
use super::view::View;

/// What every view and mode shares: the documents, the analysis and what is
/// derived from it, settings, the screen size and the line of feedback.
pub struct Shared {
    pub docs: Arc<Vec<Document>>,
    /// Per document, its text cut into units for lazy wrapping.
    pub units: Vec<Vec<Unit>>,
    /// `None` until the analysis arrives; replaced whole by each later arrival.
    pub analysis: Option<Arc<Analysis>>,
    /// Counts and indexes built from the analysis when it arrives, never per frame.
    pub derived: Derived,
    /// Counts arrivals, so caches built from one analysis know when they are stale.
    pub generation: u64,
    /// What the analysis is still doing, for the status line; `None` when it is done.
    pub analysis_running: Option<String>,
    /// Said in the status line while it holds: the links are the fast ones because the input is
    /// too large to refine.
    pub links_note: Option<String>,
    /// Why the analysis failed, if it did: the reader goes on without it.
    pub analysis_error: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    /// One line of feedback for the status line, until the next key.
    pub message: Option<String>,
    /// Keys of a sequence typed so far (`]` waiting for `f`).
    pub pending: Vec<Key>,
    /// Set by [`Action::Suspend`]; the event loop takes it, gives the terminal back and stops.
    pub suspend: bool,
    pub quit: bool,
    /// Bytes for the terminal itself (OSC 52 to set the clipboard), written by the event loop.
    output: String,
    /// Modes a view asked for; [`update`] opens them once the view is done.
    opening: Vec<Box<dyn Mode>>,
    /// Notes, marks and blind marking.
    pub classroom: Classroom,
    /// A view a view asked to switch to, and an action for it once it is on screen.
    switching: Option<(ViewId, Option<Action>)>,
}

/// Which view is on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewId {
    #[default]
    Reader,
    Compare,
}

impl Shared {
    /// Feedback for the status line.
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Opens `mode` on top of the others once the current action is done.
    pub fn open(&mut self, mode: impl Mode) {
        self.opening.push(Box::new(mode));
    }

    /// Puts view `to` on screen once the current action is done, then gives it `then`.
    pub fn switch_view(&mut self, to: ViewId, then: Option<Action>) {
        self.switching = Some((to, then));
    }

    /// Queues bytes for the terminal (escape sequences the screen buffer cannot carry).
    pub fn write_to_terminal(&mut self, bytes: &str) {
        self.output.push_str(bytes);
    }

    /// Document `doc` laid out `width` columns wide.
    pub fn flow(&self, doc: usize, width: u16) -> Flow<'_> {
        Flow { text: &self.docs[doc].text, units: &self.units[doc], width: usize::from(width) }
    }

    /// How many sources report the claim of sentence `s` (its own and distinct others), if any other does.
    pub fn sources_reporting(&self, s: SentenceRef) -> Option<usize> {
        self.derived.sources_reporting(s)
    }

    /// Why there is no analysis to act on.
    pub fn no_analysis(&self) -> String {
        if self.classroom.withholds() {
            let key = self.keymap.first_key("blind").map(|k| format!(" ({k} shows them)")).unwrap_or_default();
            return format!("blind marking: the tool's highlights and links are hidden{key}");
        }
        if self.analysis_error.is_some() { "the analysis failed".into() } else { "still analysing…".into() }
    }
}

pub struct App {
    pub shared: Shared,
    /// The reading view: panes side by side.
    pub reader: Reader,
    /// The compare screen: the tables of the whole set.
    pub compare: Compare,
    /// The view on screen.
    pub showing: ViewId,
    /// Open modes and overlays, the top last.
    modes: Vec<Box<dyn Mode>>,
}

impl App {
    pub fn new(docs: impl Into<Arc<Vec<Document>>>, keymap: Keymap, theme: Theme) -> App {
        let docs = docs.into();
        let units = docs.iter().map(|d| units(&d.text, &d.paragraphs)).collect();
        let classroom = Classroom::new(docs.len(), "notes are not open in this reader");
        let shared = Shared {
            docs,
            units,
            analysis: None,
            derived: Derived::default(),
            generation: 0,
            analysis_running: Some("analysing…".into()),
            links_note: None,
            analysis_error: None,
            keymap,
            theme,
            width: 80,
            height: 24,
            message: None,
            pending: Vec::new(),
            suspend: false,
            quit: false,
            output: String::new(),
            opening: Vec::new(),
            switching: None,
            classroom,
        };
        let reader = Reader::new(&shared);
        App { shared, reader, compare: Compare::default(), showing: ViewId::Reader, modes: Vec::new() }
    }

    /// Delivers a final analysis, as the analysis thread does.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        update(self, Action::AnalysisArrived(Arrival::done(analysis)));
    }

    /// Feeds keys in keymap notation (`"]m<Enter>"`, `"<C-d>"`) as if typed.
    pub fn feed(&mut self, notation: &str) {
        for key in parse_keys(notation).unwrap_or_else(|e| panic!("bad key notation {notation:?}: {e}")) {
            self.press(key);
        }
    }

    /// Types `text` character by character (into a prompt, say).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(Key::new(KeyCode::Char(c), ratatui::crossterm::event::KeyModifiers::NONE));
        }
    }

    pub fn press(&mut self, key: Key) {
        update(self, Action::Key(key));
    }

    /// Opens a mode or overlay on top of the others.
    pub fn open(&mut self, mode: impl Mode) {
        self.modes.push(Box::new(mode));
    }

    /// The topmost open mode of type `T`.
    pub fn mode<T: Mode>(&self) -> Option<&T> {
        self.modes.iter().rev().find_map(|m| (&**m as &dyn Any).downcast_ref::<T>())
    }

    /// The open modes, bottom first.
    pub fn modes(&self) -> impl Iterator<Item = &dyn Mode> {
        self.modes.iter().map(|m| &**m)
    }

    /// Whether background work is waiting: the event loop then sends [`Action::Tick`] while idle.
    pub fn busy(&self) -> bool {
        self.reader.busy()
    }

    /// The bytes queued for the terminal since the last call.
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.shared.output)
    }

    /// The view on screen, and the state it shares.
    fn view(&mut self) -> (&mut dyn View, &mut Shared) {
        match self.showing {
            ViewId::Reader => (&mut self.reader, &mut self.shared),
            ViewId::Compare => (&mut self.compare, &mut self.shared),
        }
    }

    /// The view on screen, to draw.
    pub fn current_view(&self) -> &dyn View {
        match self.showing {
            ViewId::Reader => &self.reader,
            ViewId::Compare => &self.compare,
        }
    }

    /// Switches views when one asked to, and hands the new one its action.
    fn switch_if_asked(&mut self) {
        while let Some((to, then)) = self.shared.switching.take() {
            if to != self.showing {
                self.showing = to;
                let (view, shared) = self.view();
                view.resized(shared);
                view.shown(shared);
            }
            if let Some(action) = then {
                let (view, shared) = self.view();
                view.update(shared, &action);
            }
        }
    }

    /// Offers something to the top mode; `ask` is called with the mode taken off the
    /// stack, so the mode can read the whole app while it changes itself.
    fn offer(&mut self, ask: impl FnOnce(&mut dyn Mode, &App) -> Reply) -> bool {
        let Some(mut top) = self.modes.pop() else { return false };
        let reply = ask(&mut *top, self);
        if !reply.close {
            self.modes.push(top);
        }
        for action in reply.then {
            self.dispatch(action);
        }
        reply.consumed
    }

    fn key(&mut self, key: Key) {
        self.shared.message = None;
        if self.shared.pending.is_empty() && self.offer(|mode, app| mode.key(key, app)) {
            return;
        }
        if key.code == KeyCode::Esc && !self.shared.pending.is_empty() {
            self.shared.pending.clear();
            return;
        }
        self.shared.pending.push(key);
        match self.shared.keymap.lookup(&self.shared.pending) {
            Outcome::Action(action) => {
                self.shared.pending.clear();
                self.dispatch(action);
            }
            Outcome::Pending => {}
            Outcome::Unbound => {
                let keys = std::mem::take(&mut self.shared.pending);
                let help = self.shared.keymap.first_key("help").map(|k| format!(" ({k} for help)")).unwrap_or_default();
                self.shared.say(format!("{} is not bound{help}", show_sequence(&keys)));
            }
        }
    }

    /// An action for the top mode, else for the app and the view.
    fn dispatch(&mut self, action: Action) {
        // Whatever is open stays open, to be found again after `fg`.
        if action == Action::Suspend {
            self.shared.suspend = true;
            return;
        }
        if self.offer(|mode, app| mode.action(&action, app)) {
            return;
        }
        match action {
            Action::Help => {
                let help = Help::new(&self.shared);
                self.open(help);
            }
            Action::Quit => self.shared.quit = true,
            action => {
                let (view, shared) = self.view();
                view.update(shared, &action);
                self.switch_if_asked();
            }
        }
        self.modes.append(&mut self.shared.opening);
    }

    fn analysis_arrived(&mut self, arrival: Arrival) {
        let shared = &mut self.shared;
        if shared.classroom.withholds() {
            // Blind marking: kept until reveal.
            shared.classroom.withheld = Some(arrival.analysis);
            shared.analysis_running = arrival.still_running;
            shared.analysis_error = None;
            return;
        }
        let previous = shared.analysis.replace(arrival.analysis);
        shared.derived = Derived::new(&shared.docs, shared.analysis.as_deref());
        shared.generation += 1;
        shared.analysis_running = arrival.still_running;
        shared.links_note = match shared.analysis.as_deref().map(|a| a.refinement) {
            Some(Refinement::Skipped { .. }) => Some("fast links: too long to refine".into()),
            _ => None,
        };
        shared.analysis_error = None;
        // Every view hears of it (the compare screen rebuilds its tables only while shown).
        self.reader.analysis_changed(&mut self.shared, previous.as_deref());
        self.compare.analysis_changed(&mut self.shared, previous.as_deref());
    }
}

/// Applies one action to the state.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Key(key) => app.key(key),
        Action::Resize(width, height) => {
            app.shared.width = width;
            app.shared.height = height;
            let (view, shared) = app.view();
            view.resized(shared);
        }
        Action::AnalysisArrived(arrival) => app.analysis_arrived(arrival),
        // Progress only means something while a refined analysis is awaited.
        Action::Refining { done, total } => {
            if app.shared.analysis.is_some() && app.shared.analysis_running.is_some() {
                app.shared.analysis_running = Some(refining_note(done, total));
            }
        }
        Action::AnalysisFailed(error) => {
            app.shared.analysis_error = Some(error);
            app.shared.analysis_running = None;
        }
        Action::Tick => {
            let (view, shared) = app.view();
            view.tick(shared);
        }
        action => app.dispatch(action),
    }
}
