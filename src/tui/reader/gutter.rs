//! The gutter left of a pane's text: how many sources report a sentence's claim,
//! sentences no other source reports (when asked), the framing mark (`“` quoted
//! words highlighted on the line, `?` a highlight below the confidence threshold),
//! and the cursor bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::super::app::Shared;
use super::super::derived::dimmed;
use super::super::flow::Line;
use super::super::paint::put;
use super::Reader;
use crate::claims::SentenceRef;

/// Draws the gutter for `line` of pane `doc` at row `area` (the gutter's columns).
pub fn render(reader: &Reader, shared: &Shared, doc: usize, line: &Line, area: Rect, buf: &mut Buffer) {
    if line.blank || area.width == 0 {
        return;
    }
    let theme = &shared.theme;
    let d = &shared.docs[doc];
    let first = d.sentences.partition_point(|s| s.start < line.range.start);
    let last = d.sentences.partition_point(|s| s.start < line.range.end);
    let mut count = None;
    let mut alone = false;
    if shared.analysis.is_some() {
        for sentence in first..last {
            match shared.sources_reporting(SentenceRef { doc, sentence }) {
                Some(n) => count = count.max(Some(n)),
                None => alone = true,
            }
        }
    }
    match count {
        Some(n) if n > 9 => put(buf, area, area.x, "9+", theme.gutter_claim),
        Some(n) => put(buf, area, area.x, &format!("{n:>2}"), theme.gutter_claim),
        None if alone && reader.show.source_only => put(buf, area, area.x, " ·", theme.gutter_source_only),
        None => area.x,
    };
    // A note (✎) or, failing one, a mark (◆) starting on the line, in the first column.
    let placed = shared.classroom.placed(doc);
    let (from, to) = (
        placed.partition_point(|p| p.range.start < line.range.start),
        placed.partition_point(|p| p.range.start < line.range.end),
    );
    let starting = placed[from..to.max(from)].iter();
    let glyph = starting.fold(None, |g, p| if p.mark.is_none() { Some("✎") } else { g.or(Some("◆")) });
    // The reader's own note or mark goes before the framing mark (`?`, `“`), which the
    // explanation still gives; the first column is not free when more than nine sources
    // report the line (`9+`).
    if let Some(glyph) = glyph {
        put(buf, area, area.x, glyph, theme.note);
    } else if !matches!(count, Some(n) if n > 9)
        && let Some(mark) = framing_mark(reader, shared, doc, line)
    {
        put(buf, area, area.x, mark, theme.gutter_framing);
    }
    if doc == reader.focus && area.width >= 3 {
        let cursor = d.sentence_at(reader.panes[doc].cursor).map(|i| &d.sentences[i]);
        if let Some(s) = cursor
            && s.start < line.range.end
            && s.end > line.range.start
        {
            put(buf, area, area.x + 2, "▌", theme.cursor_bar);
        }
    }
}

/// The gutter's framing mark for `line`: `?` when a dimmed highlight (below the confidence
/// threshold) shows on it, else `“` when a highlight of quoted words does. Colour is not
/// needed to tell them apart, nor to tell them from the outlet's own confident wording.
fn framing_mark(reader: &Reader, shared: &Shared, doc: usize, line: &Line) -> Option<&'static str> {
    let spans = shared.analysis.as_ref()?.framing.get(doc)?;
    let on_line = || super::panes::shown_in(reader, spans, doc, line.range.clone());
    if on_line().any(|s| s.range.start < line.range.end && dimmed(s)) {
        Some("?")
    } else if on_line().any(|s| s.range.start < line.range.end && s.is_quoted()) {
        Some("“")
    } else {
        None
    }
}
