//! The terminal reader: sources side by side, framing highlights, claim links.
//!
//! One plain state ([`App`]), actions ([`Action`]) applied by [`update`], and a
//! pure [`render`]. Keys reach the stack of [`modes`] first, then the keymap;
//! what no mode takes goes to the [`View`] on screen (the reading view,
//! [`reader`]). The event loop in `terminal` sleeps until input, a signal or the
//! analysis arrives, and works through background ticks only while idle.

mod action;
mod app;
mod classroom;
mod clipboard;
pub mod compare;
mod derived;
mod flow;
mod keymap;
pub mod modes;
mod paint;
pub mod reader;
mod render;
mod resume;
mod status;
mod terminal;
mod theme;
mod view;
mod wrap;

pub use action::{Action, Arrival, NoteEvent, SearchEvent, SearchInput};
pub use app::{App, Shared, ViewId, update};
pub use classroom::{ClassroomSettings, parse_note};
pub use clipboard::osc52;
pub use keymap::{Key, Keymap, parse_keys};
pub use reader::{Location, PaneState, Reader};
pub use render::render;
pub use terminal::{Settings, run};
pub use theme::Theme;
pub use view::{Status, View};
