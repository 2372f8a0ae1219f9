//! The legend line: each framing category in its own style, with its toggle key
//! and how often it occurs in the focused document.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::action::toggle_name;
use super::app::App;
use super::paint::put;
use super::wrap::str_width;
use crate::framing::Category;

pub fn render(app: &App, row: Rect, buf: &mut Buffer) {
    let counts: Option<Vec<usize>> = app
        .analysis
        .as_ref()
        .and_then(|a| a.framing.get(app.focus))
        .map(|spans| Category::ALL.iter().map(|c| spans.iter().filter(|s| s.category == *c).count()).collect());
    let items = |with_counts: bool| -> Vec<(String, String, Style)> {
        Category::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let key = app.keymap.first_key(toggle_name(*c)).unwrap_or_default();
                // The ids are short enough to fit seven to a line.
                let mut name = c.id().replace('_', " ");
                if with_counts && let Some(n) = counts.as_ref().map(|v| v[i]) {
                    name.push_str(&format!(" {n}"));
                }
                let style = if app.is_shown(*c) { app.theme.category(*c) } else { app.theme.legend_off };
                (key, name, style)
            })
            .collect()
    };
    let width = |v: &[(String, String, Style)], gap: usize| {
        v.iter().map(|(k, n, _)| str_width(k) + str_width(n) + 1 + gap).sum::<usize>()
    };
    let room = usize::from(row.width);
    let (chosen, gap) = [(true, 2), (false, 2), (false, 1)]
        .into_iter()
        .map(|(counts, gap)| (items(counts), gap))
        .find(|(v, gap)| width(v, *gap) <= room)
        .unwrap_or_else(|| (items(false), 1));
    let mut x = row.x;
    for (key, name, style) in chosen {
        x = put(buf, row, x, &" ".repeat(gap), Style::default());
        x = put(buf, row, x, &key, app.theme.overlay_key);
        x = put(buf, row, x, " ", Style::default());
        x = put(buf, row, x, &name, style);
    }
}
