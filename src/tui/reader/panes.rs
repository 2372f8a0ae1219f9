//! A pane: header, gutter and the wrapped text with framing highlights, the
//! cursor and the flashed jump target.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::App;
use super::layout::{GUTTER, text_area};
use super::paint::{put, styled_line};
use super::{gutter, header};

/// Framing spans are looked up by start; one starting this far before a line can no
/// longer reach into it (a span is a word or phrase, or a short quotation).
const SPAN_REACH: usize = 4096;

pub fn render(app: &App, doc: usize, rect: Rect, buf: &mut Buffer) {
    if rect.is_empty() {
        return;
    }
    let d = &app.docs[doc];
    let text = text_area(rect);
    let lines = app.flow(doc).lines_from(app.panes[doc].top, usize::from(text.height));
    let position = if d.is_empty() {
        "empty".to_string()
    } else {
        let end = lines.last().map_or(0, |l| l.range.end);
        format!("{}%", (end as u128 * 100 / d.text.len().max(1) as u128).min(100))
    };
    header::render(app, doc, Rect { height: 1.min(rect.height), ..rect }, &position, buf);
    if d.is_empty() {
        let row = Rect { height: 1.min(text.height), ..text };
        put(buf, row, row.x, "(this document is empty)", app.theme.empty);
        return;
    }
    let marks = marks(app, doc, lines.first().map_or(0, |l| l.range.start)..lines.last().map_or(0, |l| l.range.end));
    for (i, line) in lines.iter().enumerate() {
        let y = text.y + i as u16;
        let gutter_area = Rect { x: rect.x, y, width: GUTTER.min(rect.width), height: 1 };
        gutter::render(app, doc, line, gutter_area, buf);
        if !line.blank {
            let row = Rect { y, height: 1, ..text };
            styled_line(buf, row, &d.text, line.range.clone(), &marks);
        }
    }
}

/// The styled ranges within `view`: shown framing spans, then the cursor and the flash on top.
fn marks(app: &App, doc: usize, view: Range<usize>) -> Vec<(Range<usize>, Style)> {
    let mut out = Vec::new();
    let pane = app.panes[doc];
    if let Some(a) = &app.analysis
        && let Some(spans) = a.framing.get(doc)
    {
        let from = spans.partition_point(|s| s.range.start + SPAN_REACH < view.start);
        let to = spans.partition_point(|s| s.range.start < view.end);
        for s in &spans[from..to.max(from)] {
            if s.range.end > view.start && app.is_shown(s.category) {
                out.push((s.range.clone(), app.theme.category(s.category)));
            }
        }
        if doc == app.focus
            && let Some(s) = pane.highlight.and_then(|h| spans.get(h))
        {
            out.push((s.range.clone(), app.theme.cursor));
        }
    }
    if let Some(f) = app.flash.filter(|f| f.doc == doc) {
        out.push((app.docs[doc].sentences[f.sentence].clone(), app.theme.flash));
    }
    out
}
