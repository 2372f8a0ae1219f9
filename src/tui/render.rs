//! `render`: the whole screen as a pure function of the state: the view, the
//! status row, then the open modes from the bottom up.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::App;
use super::status;

pub fn render(app: &App, frame: &mut Frame) {
    let buf = frame.buffer_mut();
    let (width, height) = (app.shared.width, app.shared.height);
    let view_area = Rect::new(0, 0, width, height.saturating_sub(1)).intersection(buf.area);
    app.current_view().render(&app.shared, view_area, buf);
    if height >= 1 && !app.modes().any(|m| m.uses_status_row()) {
        status::render(app, Rect::new(0, height - 1, width, 1).intersection(buf.area), buf);
    }
    for mode in app.modes() {
        mode.render(app, buf);
    }
}
