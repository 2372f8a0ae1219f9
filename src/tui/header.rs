//! A pane's header row: pane number, title, source (for a fetched page, its
//! address and fetch time where there is room), position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;
use super::paint::{fit, put};
use super::wrap::str_width;
use crate::document::Document;
use crate::printable::escape;

/// `position` is what the pane shows of the text, e.g. "42%" or "empty".
pub fn render(app: &App, doc: usize, row: Rect, position: &str, buf: &mut Buffer) {
    let d = &app.docs[doc];
    let focused = doc == app.focus;
    let style = if focused { app.theme.header_focused } else { app.theme.header };
    buf.set_style(row.intersection(buf.area), style);
    let marker = if focused { "▶" } else { " " };
    let right = format!(" {position} ");
    // The pane number outranks the position when the row is this narrow.
    let show_right = usize::from(row.width) >= str_width(&right) + 3;
    let left_room = usize::from(row.width) - if show_right { str_width(&right) } else { 0 };
    // Titles, sources and file names come from the files: shown, never run.
    let title = format!("{marker}{} {}", doc + 1, escape(&d.title));
    let source = d.source.as_deref().map(escape);
    // A named source earns up to a third of the room; a file name shows only beside a whole title.
    let title_room = match &source {
        Some(source) => left_room.saturating_sub((str_width(source) + 2).min(left_room / 3)),
        None => left_room,
    };
    let shown_title = fit(&title, title_room);
    let x = put(buf, row, row.x, &shown_title, style);
    let detail = source.unwrap_or_else(|| escape(d.file_name()));
    let detail: &str = &detail;
    let room = left_room.saturating_sub(str_width(&shown_title) + 2);
    let fits = match &d.source {
        Some(_) => room >= 4,
        None => shown_title == title && str_width(detail) <= room,
    };
    if fits {
        let x = put(buf, row, x, "  ", style);
        put(buf, row, x, &fit(&with_origin(d, detail, room), room), style.patch(app.theme.header_detail));
    }
    if show_right {
        put(buf, row, row.right() - str_width(&right) as u16, &right, style);
    }
}

/// A page fetched from the web follows its source with its address and when it
/// was fetched, as much of that as fits in `room`; other documents show `detail` alone.
fn with_origin(d: &Document, detail: &str, room: usize) -> String {
    let (Some(url), Some(fetched)) = (d.url.as_deref(), d.fetched.as_deref()) else { return detail.to_string() };
    let address = escape(url.split_once("://").map_or(url, |(_, rest)| rest).trim_end_matches('/'));
    // RFC 3339 in UTC, to the minute: 2026-11-21T10:04:05Z → 2026-11-21 10:04 UTC.
    let when = match (fetched.get(..10), fetched.get(11..16)) {
        (Some(day), Some(time)) if fetched.ends_with('Z') => format!("fetched {day} {time} UTC"),
        _ => format!("fetched {fetched}"),
    };
    [format!("{detail} · {address} · {when}"), format!("{detail} · {when}")]
        .into_iter()
        .find(|s| str_width(s) <= room)
        .unwrap_or_else(|| detail.to_string())
}
