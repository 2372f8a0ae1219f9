//! The status line: where the reader is, what is on, what just happened, and the help key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;
use super::keymap::show_sequence;
use super::layout::Screen;
use super::paint::{fit, put};
use super::wrap::str_width;

pub fn render(app: &App, screen: &Screen, row: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(row.intersection(buf.area), theme.status);
    let help = app.keymap.first_key("help").map(|k| format!(" {k} help ")).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let n = app.docs.len();
    if n == 0 {
        parts.push("no documents".into());
    } else {
        let d = &app.docs[app.focus];
        let mut here = format!("pane {}/{n}", app.focus + 1);
        if let Some(s) = d.sentence_at(app.panes[app.focus].cursor) {
            here.push_str(&format!(" · sentence {}/{}", s + 1, d.sentences.len()));
        }
        parts.push(here);
        if screen.panes.len() < n {
            let last = screen.first + screen.panes.len();
            parts.push(if app.zoomed {
                format!("zoomed ({} of {n})", app.focus + 1)
            } else if screen.panes.len() == 1 {
                format!("{} of {n}", screen.first + 1)
            } else {
                format!("{}–{last} of {n}", screen.first + 1)
            });
        }
    }
    let mut flags: Vec<&str> = Vec::new();
    if app.analysis_error.is_some() {
        flags.push("analysis failed");
    } else if app.analysis.is_none() {
        flags.push("analysing…");
    }
    if app.aligned {
        flags.push("ALIGNED");
    }
    if app.source_only {
        flags.push("SOURCE-ONLY");
    }
    let tail = if !app.pending.is_empty() {
        format!("{}…", show_sequence(&app.pending))
    } else {
        app.message.clone().or_else(|| hint(app)).unwrap_or_default()
    };
    // Messages can quote keys typed or pasted and names from files: shown, never run.
    let tail = crate::printable::escape(&tail);
    let room = usize::from(row.width).saturating_sub(str_width(&help));
    let mut x = put(buf, row, row.x, &fit(&format!(" {}", parts.join(" · ")), room), theme.status);
    for flag in flags {
        let used = usize::from(x - row.x);
        if used + 2 + str_width(flag) > room {
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

/// What Enter would do here, so the two meanings of Enter are never a surprise.
fn hint(app: &App) -> Option<String> {
    let enter = app.keymap.first_key("activate")?;
    let pane = app.panes.get(app.focus)?;
    if let (Some(h), Some(a)) = (pane.highlight, &app.analysis) {
        let span = a.framing.get(app.focus)?.get(h)?;
        return Some(format!("{}: {enter} explains", span.category.name()));
    }
    let n = app.sources_reporting(app.cursor_sentence(app.focus)?)?;
    Some(format!("{n} sources report this: {enter} jumps"))
}
