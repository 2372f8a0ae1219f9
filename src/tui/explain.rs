//! The explanation overlay: why a span is highlighted, and how the other sources
//! phrase the same thing.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::app::App;
use super::paint::{fit, put};
use super::wrap::wrap;
use crate::framing::Explanation;

/// The paragraphs of an explanation, each with its style. Titles, terms and notes come from
/// files and lexicons: they are shown escaped, never run.
fn paragraphs(app: &App, e: &Explanation) -> Vec<(String, Style)> {
    let mut out = unescaped_paragraphs(app, e);
    for (text, _) in &mut out {
        if let std::borrow::Cow::Owned(escaped) = crate::printable::escape(text) {
            *text = escaped;
        }
    }
    out
}

fn unescaped_paragraphs(app: &App, e: &Explanation) -> Vec<(String, Style)> {
    let plain = Style::default();
    let mut out = vec![(format!("“{}”", e.matched), app.theme.category(e.category))];
    if !e.category_description.is_empty() {
        out.push((e.category_description.clone(), plain));
    }
    out.push((format!("Matched: {}", e.rule), plain));
    if let Some(note) = &e.note {
        out.push((format!("Note: {note}"), plain));
    }
    if !e.contrast.is_empty() {
        out.push(("How the other sources name it:".to_string(), app.theme.overlay_title));
        for c in &e.contrast {
            let title = app.docs.get(c.doc).map_or("?", |d| d.title.as_str());
            let terms = if c.terms.is_empty() { "none of these terms".to_string() } else { c.terms.join(", ") };
            // Terms first, where the eye compares them; the pane's title only to recognise it.
            out.push((format!("  {} {terms} — {}", c.doc + 1, fit(title, 32)), plain));
        }
    }
    out
}

/// Width of the overlay box on the current screen.
fn box_width(app: &App) -> u16 {
    app.width.saturating_sub(4).min(72)
}

/// The explanation wrapped to the box: each row is a paragraph's text and the range it shows.
fn rows(app: &App, e: &Explanation) -> Vec<(String, Range<usize>, Style)> {
    let inner_width = usize::from(box_width(app).saturating_sub(4));
    let mut rows = Vec::new();
    if inner_width == 0 {
        return rows;
    }
    for (i, (text, style)) in paragraphs(app, e).into_iter().enumerate() {
        // Contrast lines (indented) list under their heading without gaps.
        if i > 0 && !text.starts_with("  ") {
            rows.push((String::new(), 0..0, Style::default()));
        }
        for r in wrap(&text, 0..text.len(), inner_width) {
            rows.push((text.clone(), r, style));
        }
    }
    rows
}

/// Rows of text the box can show at once.
fn visible_rows(app: &App) -> usize {
    usize::from(app.height.saturating_sub(4))
}

/// The furthest the explanation can scroll on the current screen.
pub fn max_scroll(app: &App, e: &Explanation) -> usize {
    rows(app, e).len().saturating_sub(visible_rows(app))
}

pub fn render(app: &App, e: &Explanation, scroll: usize, buf: &mut Buffer) {
    let width = box_width(app);
    let rows = rows(app, e);
    if rows.is_empty() {
        return;
    }
    let scroll = scroll.min(max_scroll(app, e));
    let height = (rows.len() as u16 + 2).min(app.height.saturating_sub(2));
    let rect = Rect::new((app.width - width) / 2, (app.height - height) / 2, width, height).intersection(buf.area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    Clear.render(rect, buf);
    let close = app.keymap.first_key("quit").unwrap_or_default();
    let more = if scroll < max_scroll(app, e) { " · ↓ more" } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.overlay_border)
        .title(format!(" {} ", e.category.name()))
        .title_style(app.theme.category(e.category))
        .title_bottom(format!(" {close} closes{more} "))
        .render(rect, buf);
    let inner = Rect::new(rect.x + 2, rect.y + 1, rect.width.saturating_sub(4), rect.height - 2);
    for (i, (text, range, style)) in rows.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
        put(buf, line, line.x, &text[range.clone()], *style);
    }
}
