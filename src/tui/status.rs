//! The status line on the bottom row: where the reader is (from the view), the
//! analysis and the modes that are on, what just happened, and the help key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;
use super::keymap::show_sequence;
use super::paint::{fit, put};
use super::wrap::str_width;

pub fn render(app: &App, row: Rect, buf: &mut Buffer) {
    let shared = &app.shared;
    let theme = &shared.theme;
    buf.set_style(row.intersection(buf.area), theme.status);
    let help = shared.keymap.first_key("help").map(|k| format!(" {k} help ")).unwrap_or_default();
    let status = app.current_view().status(shared);
    let mut flags: Vec<String> = Vec::new();
    if shared.analysis_error.is_some() {
        flags.push("analysis failed".into());
    } else if let Some(running) = &shared.analysis_running {
        flags.push(running.clone());
    }
    flags.extend(shared.links_note.clone());
    flags.extend(shared.classroom.flags());
    flags.extend(status.flags);
    let tail = if !shared.pending.is_empty() {
        format!("{}…", show_sequence(&shared.pending))
    } else {
        shared.message.clone().or(status.hint).unwrap_or_default()
    };
    // Messages can quote keys typed or pasted and names from files: shown, never run.
    let tail = crate::printable::escape(&tail);
    let room = usize::from(row.width).saturating_sub(str_width(&help));
    // What just happened outranks where the reader is: a message leaves the place a few columns.
    let for_message = match &shared.message {
        Some(m) if shared.pending.is_empty() => (str_width(m) + 2).min(room.saturating_sub(14)),
        _ => 0,
    };
    let left_room = room - for_message;
    let place = fit(&format!(" {}", status.place.join(" · ")), left_room);
    let mut x = put(buf, row, row.x, &place, theme.status);
    for flag in flags {
        let used = usize::from(x - row.x);
        if used + 3 + str_width(&flag) > left_room {
            break;
        }
        x = put(buf, row, x, " ", theme.status);
        x = put(buf, row, x, &format!("[{flag}]"), theme.status_flag);
    }
    if !tail.is_empty() {
        let used = usize::from(x - row.x);
        put(buf, row, x, &fit(&format!("  {tail}"), room.saturating_sub(used)), theme.status);
    }
    if str_width(&help) < usize::from(row.width) {
        put(buf, row, row.right() - str_width(&help) as u16, &help, theme.status);
    }
}
