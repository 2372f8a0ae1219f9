//! A pane's header row: pane number, title, source and date (for a fetched
//! page, its address and fetch time where there is room), the search count and
//! how far through the text the pane shows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::app::Shared;
use super::super::paint::{fit, put};
use super::super::wrap::str_width;
use super::Reader;
use crate::document::Document;
use crate::printable::escape;

/// `position` is what the pane shows of the text, e.g. "42%" or "empty"; `found`
/// the pane's search count while search highlights are on.
pub fn render(
    reader: &Reader,
    shared: &Shared,
    doc: usize,
    row: Rect,
    position: &str,
    found: Option<String>,
    buf: &mut Buffer,
) {
    let d = &shared.docs[doc];
    let theme = &shared.theme;
    let focused = doc == reader.focus;
    let style = if focused { theme.header_focused } else { theme.header };
    buf.set_style(row.intersection(buf.area), style);
    let marker = if focused { "▶" } else { " " };
    // What goes right, most first, each with the room it leaves the title: the pane
    // number and title outrank the count, and the count the position, when the row is narrow.
    let mut rights = Vec::new();
    if let Some(n) = &found {
        rights.push((format!(" {n} found · {position} "), 20));
        rights.push((format!(" {n} found "), 12));
    }
    rights.push((format!(" {position} "), 3));
    let right = rights.into_iter().find(|(r, room)| usize::from(row.width) >= str_width(r) + room).map(|(r, _)| r);
    let left_room = usize::from(row.width) - right.as_ref().map_or(0, |r| str_width(r));
    // Titles, sources and file names come from the files: shown, never run.
    let title = format!("{marker}{} {}", doc + 1, escape(&d.title));
    // Source and date, when the document names them; else the file name, beside a whole title only.
    let named: Vec<_> = [d.source.as_deref(), d.date.as_deref()].into_iter().flatten().map(escape).collect();
    let named = (!named.is_empty()).then(|| named.join(" · "));
    // A named source earns up to a third of the room.
    let title_room = match &named {
        Some(detail) => left_room.saturating_sub((str_width(detail) + 2).min(left_room / 3)),
        None => left_room,
    };
    let shown_title = fit(&title, title_room);
    let x = put(buf, row, row.x, &shown_title, style);
    let file_name = escape(d.file_name());
    let detail: &str = named.as_deref().unwrap_or(&file_name);
    let room = left_room.saturating_sub(str_width(&shown_title) + 2);
    let fits = match &named {
        Some(_) => room >= 4,
        None => shown_title == title && str_width(detail) <= room,
    };
    if fits {
        let x = put(buf, row, x, "  ", style);
        put(buf, row, x, &fit(&with_origin(d, detail, room), room), style.patch(theme.header_detail));
    }
    if let Some(right) = right {
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
