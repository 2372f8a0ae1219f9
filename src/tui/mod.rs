//! The terminal reader: sources side by side, framing highlights, claim links.
//!
//! One plain state ([`App`]), actions ([`Action`]) applied by [`update`], and a
//! pure [`render`]; keys reach actions through the keymap table. The event loop
//! in `terminal` sleeps until input or the analysis arrives.

mod action;
mod app;
mod counterparts;
mod explain;
mod flow;
mod gutter;
mod header;
mod help;
mod keymap;
mod layout;
mod legend;
mod paint;
mod panes;
mod render;
mod status;
mod terminal;
mod theme;
mod wrap;

pub use action::Action;
pub use app::{App, Location, Overlay, PaneState, update};
pub use keymap::{Key, Keymap, parse_keys};
pub use render::render;
pub use terminal::{Settings, run};
pub use theme::Theme;
