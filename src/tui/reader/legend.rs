//! The legend: a line per framing layer (wording, then sourcing), each category in
//! its own style with its toggle key and how often it shows in the focused
//! document, the outlet's own words and quoted words (`“2`) apart, and how many
//! highlights of the layer are below the confidence threshold (`?3`, hidden or
//! dimmed). A hidden category is crossed out *and* marked `×`, for terminals that
//! draw no strikethrough; a layer that is off is marked `×` before its name.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::action::toggle_name;
use super::super::app::Shared;
use super::super::derived::below_threshold;
use super::super::paint::put;
use super::super::theme::category_index;
use super::super::wrap::str_width;
use super::Reader;
use crate::framing::{Count, Layer};

/// What marks a hidden category or layer besides the style.
const HIDDEN: &str = "×";
/// What marks the count of quoted words (the speaker's, not the outlet's).
const QUOTED: &str = "“";
/// What marks the count of highlights below the confidence threshold.
const UNSURE: &str = "?";

/// One item of a legend line: its key and its text.
type Item = (String, String, Style);

pub fn render(reader: &Reader, shared: &Shared, area: Rect, buf: &mut Buffer) {
    for (layer, y) in Layer::ALL.into_iter().zip(area.y..area.bottom()) {
        line(reader, shared, layer, Rect { y, height: 1, ..area }, buf);
    }
}

fn line(reader: &Reader, shared: &Shared, layer: Layer, row: Rect, buf: &mut Buffer) {
    let filter = &reader.show.framing;
    let theme = &shared.theme;
    let counts = shared.derived.category_counts(reader.focus);
    let layer_on = filter.layer_on(layer);
    let items = |with_counts: bool| -> Vec<Item> {
        let mut out = Vec::new();
        let mut title = layer.id().to_string();
        if !layer_on {
            title.insert_str(0, HIDDEN);
        }
        let title_key = match layer {
            Layer::Wording => String::new(),
            Layer::Sourcing => shared.keymap.first_key("toggle_sourcing").unwrap_or_default(),
        };
        out.push((title_key, title, if layer_on { theme.overlay_title } else { theme.legend_off }));
        let mut unsure = 0;
        for c in layer.categories() {
            let key = shared.keymap.first_key(toggle_name(c)).unwrap_or_default();
            // The ids are short enough to fit four to a line.
            let mut name = c.id().replace('_', " ");
            let n: Option<&Count> = counts.map(|v| &v[category_index(c)]);
            if with_counts && let Some(n) = n {
                let (own, quoted) = filter.counted(n);
                name.push_str(&format!(" {own}"));
                if quoted > 0 {
                    name.push_str(&format!(" {QUOTED}{quoted}"));
                }
            }
            let own_switch = filter.categories[category_index(c)];
            if own_switch {
                unsure += n.map_or(0, below_threshold);
            }
            // Switched off itself: `×`; off with its layer: the layer's title says so.
            if !own_switch {
                name.insert_str(0, HIDDEN);
            }
            let style = if filter.category_shown(c) { theme.category(c) } else { theme.legend_off };
            out.push((key, name, style));
        }
        if layer_on && unsure > 0 {
            let key = shared.keymap.first_key("toggle_low_confidence").unwrap_or_default();
            let count = if with_counts { unsure.to_string() } else { String::new() };
            let (state, style) = if filter.low_confidence() {
                ("dimmed", Style::default().patch(theme.framing_unsure))
            } else {
                ("hidden", theme.legend_off)
            };
            out.push((key, format!("{UNSURE}{count} {state}"), style));
        }
        out
    };
    let width = |v: &[Item], gap: usize| {
        v.iter().map(|(k, n, _)| str_width(k) + usize::from(!k.is_empty()) + str_width(n) + gap).sum::<usize>()
    };
    let room = usize::from(row.width);
    let (chosen, gap) = [(true, 2), (true, 1), (false, 2), (false, 1)]
        .into_iter()
        .map(|(counts, gap)| (items(counts), gap))
        .find(|(v, gap)| width(v, *gap) <= room)
        .unwrap_or_else(|| (items(false), 1));
    let mut x = row.x;
    for (i, (key, name, style)) in chosen.into_iter().enumerate() {
        // The layer's title starts the line; each item after it keeps its gap.
        let gap = if i == 0 { 1 } else { gap };
        x = put(buf, row, x, &" ".repeat(gap), Style::default());
        if !key.is_empty() {
            x = put(buf, row, x, &key, theme.overlay_key);
            x = put(buf, row, x, " ", Style::default());
        }
        x = put(buf, row, x, &name, style);
    }
}
