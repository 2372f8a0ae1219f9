//! A pane's header row: pane number, title, source and date, the search count
//! and how far through the text the pane shows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::app::Shared;
use super::super::paint::{fit, put};
use super::super::wrap::str_width;
use super::Reader;

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
    let title = format!("{marker}{} {}", doc + 1, d.title);
    // Source and date, when the document names them; else the file name, beside a whole title only.
    let named: Vec<&str> = [d.source.as_deref(), d.date.as_deref()].into_iter().flatten().collect();
    let named = (!named.is_empty()).then(|| named.join(" · "));
    // A named source earns up to a third of the room.
    let title_room = match &named {
        Some(detail) => left_room.saturating_sub((str_width(detail) + 2).min(left_room / 3)),
        None => left_room,
    };
    let shown_title = fit(&title, title_room);
    let x = put(buf, row, row.x, &shown_title, style);
    let detail = named.as_deref().unwrap_or_else(|| d.file_name());
    let room = left_room.saturating_sub(str_width(&shown_title) + 2);
    let fits = match &named {
        Some(_) => room >= 4,
        None => shown_title == title && str_width(detail) <= room,
    };
    if fits {
        let x = put(buf, row, x, "  ", style);
        put(buf, row, x, &fit(detail, room), style.patch(theme.header_detail));
    }
    if let Some(right) = right {
        put(buf, row, row.right() - str_width(&right) as u16, &right, style);
    }
}
