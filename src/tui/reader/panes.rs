//! Drawing the reading view: each pane (header, gutter and the wrapped text with
//! framing highlights, search matches, the cursor and the flashed jump target),
//! the separators between panes, the legend and the counterpart panel.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::framing::FramingSpan;

use super::super::app::Shared;
use super::super::derived::dimmed;
use super::super::paint::{put, styled_line};
use super::Reader;
use super::layout::{GUTTER, text_area};
use super::{gutter, header, legend, panel};

/// Framing spans are looked up by start; one starting this far before a line can no
/// longer reach into it (a span is a word or phrase, or a short quotation).
const SPAN_REACH: usize = 4096;

pub fn render_all(reader: &Reader, shared: &Shared, area: Rect, buf: &mut Buffer) {
    let screen = reader.screen();
    for (i, (doc, rect)) in screen.panes.iter().enumerate() {
        let rect = rect.intersection(area);
        render(reader, shared, *doc, rect, buf);
        if i + 1 < screen.panes.len() && rect.height > 0 {
            let x = rect.right();
            for y in rect.y..rect.bottom() {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol("│").set_style(shared.theme.separator);
                }
            }
        }
    }
    if let Some(row) = screen.legend {
        legend::render(reader, shared, row, buf);
    }
    if let Some(rect) = screen.panel {
        panel::render(&reader.panel, shared, rect, buf);
    }
    if shared.docs.is_empty() {
        put(buf, area, 0, "no documents to show", shared.theme.empty);
    }
}

fn render(reader: &Reader, shared: &Shared, doc: usize, rect: Rect, buf: &mut Buffer) {
    if rect.is_empty() {
        return;
    }
    let d = &shared.docs[doc];
    let text = text_area(rect);
    let lines = reader.shown_lines(shared, doc);
    let position = if d.is_empty() {
        "empty".to_string()
    } else {
        let end = lines.last().map_or(0, |l| l.range.end);
        format!("{}%", (end as u128 * 100 / d.text.len().max(1) as u128).min(100))
    };
    let found = reader.search.pane_count(doc);
    header::render(reader, shared, doc, Rect { height: 1.min(rect.height), ..rect }, &position, found, buf);
    if d.is_empty() {
        let row = Rect { height: 1.min(text.height), ..text };
        put(buf, row, row.x, "(this document is empty)", shared.theme.empty);
        return;
    }
    let view = lines.first().map_or(0, |l| l.range.start)..lines.last().map_or(0, |l| l.range.end);
    let marks = marks(reader, shared, doc, view);
    let mut line_marks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let y = text.y + i as u16;
        let gutter_area = Rect { x: rect.x, y, width: GUTTER.min(rect.width), height: 1 };
        gutter::render(reader, shared, doc, line, gutter_area, buf);
        if !line.blank {
            line_marks.clear();
            line_marks
                .extend(marks.iter().filter(|(r, _)| r.start < line.range.end && r.end > line.range.start).cloned());
            let row = Rect { y, height: 1, ..text };
            styled_line(buf, row, &d.text, line.range.clone(), &line_marks);
        }
    }
}

/// The shown framing spans of `doc` that reach into `view`, in text order.
pub(super) fn shown_in<'a>(
    reader: &'a Reader,
    spans: &'a [FramingSpan],
    doc: usize,
    view: Range<usize>,
) -> impl Iterator<Item = &'a FramingSpan> + 'a {
    let shown = reader.shown_spans(doc);
    let from = shown.partition_point(|&i| spans[i].range.start + SPAN_REACH < view.start);
    let to = shown.partition_point(|&i| spans[i].range.start < view.end).max(from);
    shown[from..to].iter().map(|&i| &spans[i]).filter(move |s| s.range.end > view.start)
}

/// The styled ranges within `view`, later ones drawn over earlier ones: shown
/// framing spans, search matches, the current match, the cursor and the flash.
fn marks(reader: &Reader, shared: &Shared, doc: usize, view: Range<usize>) -> Vec<(Range<usize>, Style)> {
    let theme = &shared.theme;
    let mut out = Vec::new();
    let pane = reader.panes[doc];
    let spans = shared.analysis.as_ref().and_then(|a| a.framing.get(doc));
    if let Some(spans) = spans {
        // A teacher's key replaces the tool's highlights (drawn below once revealed).
        for s in shown_in(reader, spans, doc, view.clone()).filter(|_| shared.classroom.key.is_none()) {
            out.push((s.range.clone(), theme.highlight(s.category, dimmed(s))));
        }
    }
    // A teacher's key shows in place of the tool's highlights once revealed.
    if let Some(key) = shared.classroom.key.as_ref().filter(|_| shared.classroom.revealed) {
        for s in
            key.spans.get(doc).into_iter().flatten().filter(|s| s.range.start < view.end && s.range.end > view.start)
        {
            out.push((s.range.clone(), theme.category(s.category)));
        }
    }
    for p in shared.classroom.placed(doc).iter().filter(|p| p.mark.is_some()) {
        if p.range.start < view.end && p.range.end > view.start {
            out.push((p.range.clone(), theme.mark));
        }
    }
    if let Some((_, r)) = shared.classroom.selection.as_ref().filter(|(d, _)| *d == doc) {
        out.push((r.clone(), theme.selection));
    }
    for m in reader.search.visible(doc) {
        out.push((m.clone(), theme.search_match));
    }
    if let Some(current) = reader.search.current_in(doc) {
        out.push((current, theme.search_current));
    }
    if doc == reader.focus
        && let Some(s) = pane.highlight.and_then(|h| spans?.get(h))
    {
        out.push((s.range.clone(), theme.cursor));
    }
    if let Some(f) = reader.flash.filter(|f| f.doc == doc) {
        out.push((shared.docs[doc].sentences[f.sentence].clone(), theme.flash));
    }
    out
}
