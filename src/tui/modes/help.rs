//! The help overlay, generated from the keymap table so keys are written down once.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::action::CATALOGUE;
use super::app::App;
use super::keymap::{Keymap, show_sequence};
use super::paint::{fit, put};

const KEY_COLUMN: usize = 20;

enum Row {
    Section(&'static str),
    Entry(String, &'static str),
    Gap,
}

fn rows(keymap: &Keymap) -> Vec<Row> {
    let mut out = Vec::new();
    let mut section = "";
    for e in CATALOGUE.iter() {
        if e.section != section {
            if !section.is_empty() {
                out.push(Row::Gap);
            }
            section = e.section;
            out.push(Row::Section(section));
        }
        let keys: Vec<String> = keymap.keys_of(e.name).iter().map(|k| show_sequence(k)).collect();
        let keys = if keys.is_empty() { "(unbound)".to_string() } else { keys.join(", ") };
        out.push(Row::Entry(keys, e.help));
    }
    out
}

/// The overlay's rectangle on a screen of `width` × `height`.
fn area(width: u16, height: u16) -> Rect {
    let w = width.saturating_sub(4).min(90);
    let h = height.saturating_sub(2);
    Rect::new((width - w) / 2, (height - h) / 2, w, h)
}

/// The furthest the help can scroll on a screen `height` rows high (the box's
/// height does not depend on the width).
pub fn max_scroll(height: u16, keymap: &Keymap) -> usize {
    let inner_rows = area(0, height).height.saturating_sub(2);
    rows(keymap).len().saturating_sub(usize::from(inner_rows))
}

pub fn render(app: &App, scroll: usize, buf: &mut Buffer) {
    let rect = area(app.width, app.height).intersection(buf.area);
    if rect.width < 3 || rect.height < 3 {
        return;
    }
    let theme = &app.theme;
    Clear.render(rect, buf);
    let quit = app.keymap.first_key("quit").unwrap_or_default();
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.overlay_border)
        .title(format!(" Keys · {quit} closes · scroll with the movement keys "))
        .title_style(theme.overlay_title)
        .render(rect, buf);
    let inner = Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2);
    for (i, row) in rows(&app.keymap).iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
        match row {
            Row::Section(name) => {
                put(buf, line, line.x + 1, name, theme.overlay_title);
            }
            Row::Entry(keys, help) => {
                let x = put(buf, line, line.x + 1, &fit(keys, KEY_COLUMN - 1), theme.overlay_key);
                let col = (line.x + 1 + KEY_COLUMN as u16).max(x + 1);
                put(buf, line, col, help, ratatui::style::Style::default());
            }
            Row::Gap => {}
        }
    }
}
