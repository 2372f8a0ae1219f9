//! A screen of the reader. Today the reading view (panes side by side); a
//! comparison screen or a classroom screen is another module implementing
//! [`View`], switched to by [`App`](super::App), with no branches of its own in
//! the layout, rendering or update of the others.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::analysis::Analysis;

use super::action::Action;
use super::app::Shared;

pub trait View {
    /// An action no mode took: a bound key, a mouse event, or what a mode asked for.
    /// To open an overlay or a prompt, call [`Shared::open`].
    fn update(&mut self, shared: &mut Shared, action: &Action);

    /// A new analysis replaced `previous` (the first arrival, or a refinement):
    /// rebuild what this view derives from it, keeping positions and history.
    fn analysis_changed(&mut self, shared: &mut Shared, previous: Option<&Analysis>);

    /// The view comes on screen (switched to from another view): bring derived data up to date.
    fn shown(&mut self, _shared: &mut Shared) {}

    /// The screen size changed: lay out again (once per resize, not per frame).
    fn resized(&mut self, shared: &mut Shared);

    /// Whether background work is waiting (then the event loop sends ticks while idle).
    fn busy(&self) -> bool {
        false
    }

    /// A slice of background work, short enough that keys never wait long.
    fn tick(&mut self, _shared: &mut Shared) {}

    /// Draws the view in `area` (the whole screen but the status row). Pure and cheap.
    fn render(&self, shared: &Shared, area: Rect, buf: &mut Buffer);

    /// What the status line says about this view.
    fn status(&self, shared: &Shared) -> Status;
}

/// A view's part of the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Where the reader is ("pane 2/5 · sentence 3/40").
    pub place: Vec<String>,
    /// Modes that are on, each drawn in brackets (`[ALIGNED]`).
    pub flags: Vec<String>,
    /// What a key would do here, shown when there is no other message.
    pub hint: Option<String>,
}
