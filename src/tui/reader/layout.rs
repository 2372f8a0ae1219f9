//! Where each region of the reading view goes. Computed when the size or the
//! arrangement changes (kept in the `Reader`), and used by drawing and by
//! `update` (which needs pane sizes to scroll by pages and to find the pane
//! under the mouse).

use ratatui::layout::Rect;

use super::super::app::Shared;
use super::Reader;

/// Narrowest pane worth reading; below it, panes are shown a window at a time.
pub const MIN_PANE_WIDTH: u16 = 30;
/// Columns left of the text: claim count (2) and the cursor bar (1).
pub const GUTTER: u16 = 3;
/// Rows above the status line from which the legend has a line per layer.
const LEGEND_TWO_LINES: u16 = 12;
/// Rows the counterpart panel takes at most.
const PANEL_MAX: u16 = 12;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    /// Shown panes: document index and the rectangle (header row, then text rows).
    pub panes: Vec<(usize, Rect)>,
    pub legend: Option<Rect>,
    pub panel: Option<Rect>,
    /// The first shown pane; with `panes.len()`, the window over all panes.
    pub first: usize,
}

impl Screen {
    pub fn pane_rect(&self, doc: usize) -> Option<Rect> {
        self.panes.iter().find(|(d, _)| *d == doc).map(|(_, r)| *r)
    }
}

/// The text area of a pane rectangle: below the header, right of the gutter, with
/// one column of margin on the right so text never touches the next pane.
pub fn text_area(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(GUTTER.min(pane.width)),
        y: pane.y.saturating_add(1.min(pane.height)),
        width: pane.width.saturating_sub(GUTTER + 1),
        height: pane.height.saturating_sub(1),
    }
}

/// How many panes fit side by side in `width` columns (at least one).
pub fn panes_that_fit(width: u16, count: usize) -> usize {
    let fit = (usize::from(width) + 1) / (usize::from(MIN_PANE_WIDTH) + 1);
    fit.clamp(1, count.max(1))
}

/// The first pane of a window of `shown` panes over `count` that starts near `first` and holds `focus`.
pub fn window_start(first: usize, focus: usize, shown: usize, count: usize) -> usize {
    let mut start = first.min(count.saturating_sub(shown));
    if focus < start {
        start = focus;
    } else if focus >= start + shown {
        start = focus + 1 - shown;
    }
    start
}

/// The regions above the status row (the last row of the screen, which the app draws).
pub fn screen(reader: &Reader, shared: &Shared) -> Screen {
    let width = shared.width;
    let mut rows_left = shared.height.saturating_sub(1);
    // A legend line per layer (wording, then sourcing); on a short screen the first alone,
    // so the panes and the counterpart panel keep their rows.
    let legend = (reader.show.legend && rows_left >= 4).then(|| {
        let lines = if rows_left >= LEGEND_TWO_LINES { 2 } else { 1 };
        rows_left -= lines;
        Rect::new(0, rows_left, width, lines)
    });
    let panel = (reader.panel.open && rows_left >= 8).then(|| {
        let h = (rows_left / 2).min(PANEL_MAX);
        rows_left -= h;
        Rect::new(0, rows_left, width, h)
    });
    let count = shared.docs.len();
    let shown = if reader.zoomed { 1 } else { panes_that_fit(width, count) }.min(count);
    // The window of shown panes stays where it was and moves only to follow focus.
    let first = window_start(reader.screen.first, reader.focus, shown, count);
    let mut panes = Vec::with_capacity(shown);
    if shown > 0 {
        let seps = (shown - 1) as u16;
        let avail = width.saturating_sub(seps);
        let base = avail / shown as u16;
        let extra = avail % shown as u16;
        let mut x = 0u16;
        for i in 0..shown {
            let w = base + u16::from((i as u16) < extra);
            panes.push((first + i, Rect::new(x, 0, w, rows_left)));
            x = x.saturating_add(w).saturating_add(1);
        }
    }
    Screen { panes, legend, panel, first }
}
