//! The legend line: each framing category in its own style, with its toggle key
//! and how often it occurs in the focused document. A hidden category is crossed
//! out *and* marked `×`, for terminals that draw no strikethrough.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::action::toggle_name;
use super::super::app::Shared;
use super::super::paint::put;
use super::super::wrap::str_width;
use super::Reader;
use crate::framing::Category;

/// What marks a hidden category besides the style.
const HIDDEN: &str = "×";

pub fn render(reader: &Reader, shared: &Shared, row: Rect, buf: &mut Buffer) {
    let counts = shared.derived.category_counts(reader.focus);
    let items = |with_counts: bool| -> Vec<(String, String, Style)> {
        Category::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let key = shared.keymap.first_key(toggle_name(*c)).unwrap_or_default();
                // The ids are short enough to fit seven to a line.
                let mut name = c.id().replace('_', " ");
                if with_counts && let Some(n) = counts.map(|v| v[i]) {
                    name.push_str(&format!(" {n}"));
                }
                let style = if reader.is_shown(*c) {
                    shared.theme.category(*c)
                } else {
                    name.insert_str(0, HIDDEN);
                    shared.theme.legend_off
                };
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
        x = put(buf, row, x, &key, shared.theme.overlay_key);
        x = put(buf, row, x, " ", Style::default());
        x = put(buf, row, x, &name, style);
    }
}
