//! Modes and overlays: what sits on top of the view and sees keys first.
//!
//! The open modes form a stack; only the top one is asked. It sees each key
//! before the keymap ([`Mode::key`]: a text prompt takes the characters typed
//! into it) and each action the keymap makes of the keys it passed on
//! ([`Mode::action`]: an overlay takes its scroll keys and closes on `q`). What
//! it does not take goes on to the view. A mode changes only itself; anything
//! else it wants done it asks for with [`Reply::then`], as actions.

pub mod agreement;
pub mod explain;
pub mod help;
pub mod note_prompt;
pub mod notes;
pub mod prompt;
mod scroll;
pub mod select;

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::action::Action;
use super::app::App;
use super::keymap::Key;

pub use scroll::Scroll;

pub trait Mode: Any {
    /// A key, before the keymap sees it. `app` is everything else (this mode is
    /// taken off the stack while it is asked).
    fn key(&mut self, _key: Key, _app: &App) -> Reply {
        Reply::pass()
    }

    /// An action the keymap made of a key this mode passed on (or a mouse event).
    fn action(&mut self, _action: &Action, _app: &App) -> Reply {
        Reply::pass()
    }

    /// Draws the mode over the view.
    fn render(&self, app: &App, buf: &mut Buffer);

    /// Whether the mode draws on the status row (a prompt): the status line then stays away.
    fn uses_status_row(&self) -> bool {
        false
    }
}

/// The bottom row in the status line's style, for a mode that draws there (a prompt);
/// `None` on a screen without rows.
pub fn status_row(app: &App, buf: &mut Buffer) -> Option<Rect> {
    let (width, height) = (app.shared.width, app.shared.height);
    let row = Rect::new(0, height.saturating_sub(1), width, 1.min(height)).intersection(buf.area);
    if row.is_empty() {
        return None;
    }
    buf.set_style(row, app.shared.theme.status);
    Some(row)
}

/// A centred overlay at most `max_width` columns wide and two rows short of the screen:
/// cleared, framed and titled (`title` cut to fit). Returns the area inside the frame,
/// `None` when the screen is too small for one.
pub fn framed(app: &App, buf: &mut Buffer, max_width: u16, title: &str) -> Option<Rect> {
    let (width, height) = (app.shared.width, app.shared.height);
    let w = width.saturating_sub(4).min(max_width);
    let h = height.saturating_sub(2);
    let rect = Rect::new((width - w) / 2, (height - h) / 2, w, h).intersection(buf.area);
    if rect.width < 8 || rect.height < 3 {
        return None;
    }
    let theme = &app.shared.theme;
    Clear.render(rect, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.overlay_border)
        .title(super::paint::fit(title, usize::from(rect.width - 2)))
        .title_style(theme.overlay_title)
        .render(rect, buf);
    Some(Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2))
}

/// A mode's answer: whether it took the key or action, whether it closes, and what follows.
#[must_use]
pub struct Reply {
    pub(super) consumed: bool,
    pub(super) close: bool,
    pub(super) then: Vec<Action>,
}

impl Reply {
    /// Taken; the mode stays open.
    pub fn consumed() -> Reply {
        Reply { consumed: true, close: false, then: Vec::new() }
    }

    /// Not for this mode: the keymap and the view get it.
    pub fn pass() -> Reply {
        Reply { consumed: false, close: false, then: Vec::new() }
    }

    /// Taken, and the mode closes.
    pub fn close() -> Reply {
        Reply { consumed: true, close: true, then: Vec::new() }
    }

    /// The mode closes, and what closed it goes on to do its own work.
    pub fn close_and_pass() -> Reply {
        Reply { consumed: false, close: true, then: Vec::new() }
    }

    /// Then `action` is dispatched (to the modes left open, then the view), as if bound to a key.
    pub fn then(mut self, action: Action) -> Reply {
        self.then.push(action);
        self
    }
}
