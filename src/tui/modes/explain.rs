//! The explanation overlay: why a span is highlighted, and how the other sources
//! phrase the same thing. Movement keys scroll it, `q` / Esc / Enter close it,
//! and any other key closes it and then does its own work (so `]f K ]f K …`
//! reads through a pane's highlights).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::super::action::Action;
use super::super::app::{App, Shared};
use super::super::paint::{fit, put};
use super::super::wrap::wrap;
use super::{Mode, Reply, Scroll};
use crate::framing::{Category, Explanation, Layer, rule_name};

pub struct Explain {
    pub explanation: Explanation,
    /// The document the explained span is in.
    pub doc: usize,
    scroll: Scroll,
}

impl Explain {
    pub fn new(explanation: Explanation, doc: usize) -> Explain {
        Explain { explanation, doc, scroll: Scroll::default() }
    }

    pub fn scroll(&self) -> usize {
        self.scroll.offset()
    }

    /// The furthest the explanation can scroll on the current screen.
    fn max_scroll(&self, shared: &Shared) -> usize {
        rows(shared, &self.explanation).len().saturating_sub(visible_rows(shared))
    }
}

/// Quotation marks that may open a matched span already (a scare quote is matched with its marks).
const QUOTES: [char; 8] = ['“', '”', '"', '‘', '’', '\'', '«', '„'];

/// The matched text in quotation marks, unless it brings its own.
fn quoted(matched: &str) -> String {
    if matched.starts_with(QUOTES) || matched.ends_with(QUOTES) {
        matched.to_string()
    } else {
        format!("“{matched}”")
    }
}

/// What matched, in words a reader can use: a rule's description, or the list entry.
fn matched_by(e: &Explanation) -> String {
    match rule_name(&e.rule) {
        Some(name) => format!("Found by a rule: {name}"),
        None => format!("Matched the {} word list entry {}", list_name(e.category), quoted(&e.rule)),
    }
}

fn list_name(category: Category) -> &'static str {
    match category {
        Category::ScareQuote => "scare-quote",
        other => other.name(),
    }
}

/// The paragraphs of an explanation, each with its style. Titles, terms and notes come from
/// files and lexicons: they are shown escaped, never run.
fn paragraphs(shared: &Shared, e: &Explanation) -> Vec<(String, Style)> {
    let mut out = unescaped_paragraphs(shared, e);
    for (text, _) in &mut out {
        if let std::borrow::Cow::Owned(escaped) = crate::printable::escape(text) {
            *text = escaped;
        }
    }
    out
}

fn unescaped_paragraphs(shared: &Shared, e: &Explanation) -> Vec<(String, Style)> {
    let plain = Style::default();
    let theme = &shared.theme;
    let mut out = vec![(quoted(&e.matched), theme.highlight(e.category, !e.confident))];
    if let Some(q) = &e.quoted {
        out.push((q.describe(), theme.overlay_title));
    }
    out.push((standing(shared, e), plain));
    if !e.category_description.is_empty() {
        out.push((e.category_description.clone(), plain));
    }
    out.push((matched_by(e), plain));
    if let Some(note) = &e.note {
        out.push((format!("Note: {note}"), plain));
    }
    if let Some(referent) = &e.referent {
        out.push((format!("Names: {referent}"), plain));
    }
    if !e.contrast.is_empty() {
        out.push(("How the other sources name it:".to_string(), theme.overlay_title));
        for c in &e.contrast {
            let title = shared.docs.get(c.doc).map_or("?", |d| d.title.as_str());
            let terms = if c.terms.is_empty() { "none of these terms".to_string() } else { c.terms.join(", ") };
            // Terms first, where the eye compares them; the pane's title only to recognise it.
            out.push((format!("  {} {terms} — {}", c.doc + 1, fit(title, 32)), plain));
        }
    }
    out
}

/// The span's layer and confidence, and what that means for when it is shown.
fn standing(shared: &Shared, e: &Explanation) -> String {
    let layer = match e.layer {
        Layer::Wording => "Wording layer (how the outlet chooses its words)",
        Layer::Sourcing => "Sourcing layer (how it backs its claims)",
    };
    let confidence = if e.confident {
        format!("confidence {:.2}, shown by default", e.confidence)
    } else {
        let key = shared.keymap.first_key("toggle_low_confidence").unwrap_or_default();
        let threshold = crate::framing::Model::shipped().threshold;
        format!("confidence {:.2}, below the threshold {threshold:.2}: shown dimmed with {key}", e.confidence)
    };
    let layer_default = match e.layer {
        Layer::Wording => String::new(),
        Layer::Sourcing => {
            let key = shared.keymap.first_key("toggle_sourcing").unwrap_or_default();
            format!(" ({key} shows the layer)")
        }
    };
    format!("{layer}{layer_default} · {confidence}")
}

/// Width of the overlay box on the current screen.
fn box_width(shared: &Shared) -> u16 {
    shared.width.saturating_sub(4).min(72)
}

/// The explanation wrapped to the box: each row is a paragraph's text and the range it shows.
fn rows(shared: &Shared, e: &Explanation) -> Vec<(String, Range<usize>, Style)> {
    let inner_width = usize::from(box_width(shared).saturating_sub(4));
    let mut rows = Vec::new();
    if inner_width == 0 {
        return rows;
    }
    for (i, (text, style)) in paragraphs(shared, e).into_iter().enumerate() {
        // Contrast lines (indented) list under their heading without gaps.
        if i > 0 && !text.starts_with("  ") {
            rows.push((String::new(), 0..0, Style::default()));
        }
        for r in wrap(&text, 0..text.len(), inner_width) {
            rows.push((text.clone(), r, style));
        }
    }
    rows
}

/// Rows of text the box can show at once.
fn visible_rows(shared: &Shared) -> usize {
    usize::from(shared.height.saturating_sub(4))
}

impl Mode for Explain {
    fn action(&mut self, action: &Action, app: &App) -> Reply {
        let page = visible_rows(&app.shared);
        if self.scroll.apply(action, page, self.max_scroll(&app.shared)) {
            return Reply::consumed();
        }
        match action {
            Action::Quit | Action::Cancel | Action::Activate | Action::Explain => Reply::close(),
            // A click lands where it points; the wheel over the box has been taken above.
            _ => Reply::close_and_pass(),
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let e = &self.explanation;
        let width = box_width(shared);
        let rows = rows(shared, e);
        if rows.is_empty() {
            return;
        }
        let max = self.max_scroll(shared);
        let scroll = self.scroll.clamped(max);
        let height = (rows.len() as u16 + 2).min(shared.height.saturating_sub(2));
        let rect =
            Rect::new((shared.width - width) / 2, (shared.height - height) / 2, width, height).intersection(buf.area);
        if rect.width < 3 || rect.height < 3 {
            return;
        }
        Clear.render(rect, buf);
        let close = shared.keymap.first_key("quit").unwrap_or_default();
        let more = if scroll < max { " · ↓ more" } else { "" };
        Block::default()
            .borders(Borders::ALL)
            .border_style(shared.theme.overlay_border)
            .title(format!(" {} ", e.category.name()))
            .title_style(shared.theme.category(e.category))
            .title_bottom(format!(" {close} closes{more} "))
            .render(rect, buf);
        let inner = Rect::new(rect.x + 2, rect.y + 1, rect.width.saturating_sub(4), rect.height - 2);
        for (i, (text, range, style)) in rows.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
            let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
            put(buf, line, line.x, &text[range.clone()], *style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_match_keeps_its_own_marks() {
        assert_eq!(quoted("“strategic pause”"), "“strategic pause”");
        assert_eq!(quoted("devastating"), "“devastating”");
    }

    #[test]
    fn rules_are_named_for_people() {
        let e = Explanation {
            category: Category::Attribution,
            category_description: String::new(),
            rule: "anonymous_source".into(),
            matched: "officials said".into(),
            note: None,
            contrast: Vec::new(),
            layer: crate::framing::Layer::Sourcing,
            confidence: 1.0,
            confident: true,
            quoted: None,
            referent: None,
        };
        let shown = matched_by(&e);
        assert!(!shown.contains("anonymous_source"), "{shown}");
        assert!(shown.contains("unnamed"), "{shown}");
        let entry = Explanation { category: Category::Loaded, rule: "devastating".into(), ..e };
        assert_eq!(matched_by(&entry), "Matched the loaded language word list entry “devastating”");
    }
}
