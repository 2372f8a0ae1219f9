//! `render`: the whole screen as a pure function of the state.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Overlay};
use super::{counterparts, explain, help, layout, legend, panes, status};

pub fn render(app: &App, frame: &mut Frame) {
    let buf = frame.buffer_mut();
    let screen = layout::screen(app);
    for (i, (doc, rect)) in screen.panes.iter().enumerate() {
        panes::render(app, *doc, *rect, buf);
        if i + 1 < screen.panes.len() && rect.height > 0 {
            let x = rect.right();
            for y in rect.y..rect.bottom() {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol("│").set_style(app.theme.separator);
                }
            }
        }
    }
    if let Some(row) = screen.legend {
        legend::render(app, row, buf);
    }
    if let Some(rect) = screen.panel {
        counterparts::render(app, rect, buf);
    }
    if let Some(row) = screen.status {
        status::render(app, &screen, row, buf);
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, *scroll, buf),
        Some(Overlay::Explain { explanation, scroll, .. }) => explain::render(app, explanation, *scroll, buf),
        None => {}
    }
    if app.docs.is_empty() {
        let area = Rect { height: app.height.saturating_sub(1), ..buf.area };
        super::paint::put(buf, area, 0, "no documents to show", app.theme.empty);
    }
}
