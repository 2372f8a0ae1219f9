//! The counterpart panel: how the other sources tell the cursor sentence, with
//! the words that differ between the two tellings emphasised. Its rows are built
//! when the cursor sentence, the width or the analysis changes, and it scrolls
//! when they do not fit.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::super::app::Shared;
use super::super::modes::Scroll;
use super::super::paint::{fit, put, styled_line};
use super::super::wrap::wrap;
use crate::claims::{SentenceRef, word_diff};
use crate::printable::escape;

/// One row of the panel: a heading, or a wrapped line of a sentence with its emphasised words
/// (byte ranges into that document's text).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Row {
    Heading(String),
    Text { doc: usize, line: Range<usize>, emphasised: Vec<Range<usize>> },
}

#[derive(Clone, Debug, Default)]
pub struct Panel {
    pub open: bool,
    scroll: Scroll,
    rows: Vec<Row>,
    /// What `rows` were built for: the sentence, the width and the analysis generation.
    built_for: Option<(Option<SentenceRef>, u16, u64)>,
}

impl Panel {
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.built_for = None;
    }

    /// How far the panel is scrolled.
    pub fn scroll(&self) -> usize {
        self.scroll.offset()
    }

    /// Scrolls by most of the panel's height; false when the panel is not on screen.
    pub fn scroll_by_page(&mut self, rect: Option<Rect>, down: bool) -> bool {
        let Some(rect) = rect.filter(|_| self.open) else { return false };
        let page = (inner_rows(rect) as isize - 1).max(1);
        self.scroll_by(Some(rect), if down { page } else { -page });
        true
    }

    pub fn scroll_by(&mut self, rect: Option<Rect>, lines: isize) {
        if let Some(rect) = rect {
            self.scroll.by(lines, self.rows.len().saturating_sub(inner_rows(rect)));
        }
    }

    /// Builds the rows for sentence `here` at `width` columns, unless they are built already.
    pub fn refresh(&mut self, here: Option<SentenceRef>, width: u16, shared: &Shared) {
        let key = (here, width, shared.generation);
        if self.built_for == Some(key) {
            return;
        }
        if self.built_for.is_none_or(|(old, _, _)| old != here) {
            self.scroll.reset();
        }
        self.built_for = Some(key);
        self.rows = rows(here, usize::from(width.saturating_sub(4)), shared);
    }
}

/// Rows of text the panel shows in `rect` (below its top border).
fn inner_rows(rect: Rect) -> usize {
    usize::from(rect.height.saturating_sub(1))
}

pub fn render(panel: &Panel, shared: &Shared, rect: Rect, buf: &mut Buffer) {
    let rect = rect.intersection(buf.area);
    if rect.height < 2 || rect.width < 4 {
        return;
    }
    let theme = &shared.theme;
    let max = panel.rows.len().saturating_sub(inner_rows(rect));
    let scroll = panel.scroll.clamped(max);
    let close = shared.keymap.first_key("counterpart_panel").unwrap_or_default();
    let more = match (scroll < max, shared.keymap.first_key("panel_down")) {
        (true, Some(key)) => format!(" · ↓ more: {key}"),
        (true, None) => " · ↓ more".to_string(),
        (false, _) => String::new(),
    };
    Block::default()
        .borders(Borders::TOP)
        .border_style(theme.overlay_border)
        .title(format!(" Other tellings · emphasised: words the other lacks · {close} closes{more} "))
        .title_style(theme.overlay_title)
        .render(rect, buf);
    let inner = Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 1);
    for (i, row) in panel.rows.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
        let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
        match row {
            Row::Heading(s) => {
                put(buf, line, line.x, &fit(s, usize::from(line.width)), theme.overlay_title);
            }
            Row::Text { doc, line: range, emphasised } => {
                let indented = Rect { x: line.x + 2, width: line.width.saturating_sub(2), ..line };
                let marks: Vec<_> = emphasised.iter().map(|r| (r.clone(), theme.diff)).collect();
                styled_line(buf, indented, &shared.docs[*doc].text, range.clone(), &marks);
            }
        }
    }
}

fn message(s: &str) -> Vec<Row> {
    vec![Row::Heading(s.to_string())]
}

/// The sentence `s` wrapped to `width`, each line with the emphasised words on it.
fn sentence_rows(shared: &Shared, s: SentenceRef, emphasised: Vec<Range<usize>>, width: usize) -> Vec<Row> {
    let d = &shared.docs[s.doc];
    let range = d.sentences[s.sentence].clone();
    let at = range.start;
    let emphasised: Vec<Range<usize>> = emphasised.into_iter().map(|r| at + r.start..at + r.end).collect();
    wrap(&d.text, range, width)
        .into_iter()
        .map(|line| Row::Text {
            doc: s.doc,
            emphasised: emphasised.iter().filter(|r| r.start < line.end && r.end > line.start).cloned().collect(),
            line,
        })
        .collect()
}

fn rows(here: Option<SentenceRef>, width: usize, shared: &Shared) -> Vec<Row> {
    let Some(analysis) = &shared.analysis else { return message("analysing…") };
    let Some(here) = here else { return message("no sentence under the cursor") };
    let cps = analysis.counterparts(here);
    if cps.is_empty() {
        return message("No other source reports this sentence.");
    }
    let docs = &shared.docs;
    let origin = docs[here.doc].sentence(here.sentence);
    let best = docs[cps[0].sentence.doc].sentence(cps[0].sentence.sentence);
    let (only_origin, _) = word_diff(origin, best);
    // Titles and sources come from the files: shown, never run.
    let mut out = vec![Row::Heading(format!("{} · this pane · {}", here.doc + 1, escape(&docs[here.doc].title)))];
    out.extend(sentence_rows(shared, here, only_origin, width));
    for cp in cps {
        let d = &docs[cp.sentence.doc];
        // A named source says who tells it; without one, the title does (file names are often hashes).
        let source = d.source.as_deref().map(|s| format!(" · {}", escape(s))).unwrap_or_default();
        let title = escape(&d.title);
        out.push(Row::Heading(format!("{} · score {:.2} · {title}{source}", cp.sentence.doc + 1, cp.score)));
        let (_, only_here) = word_diff(origin, d.sentence(cp.sentence.sentence));
        out.extend(sentence_rows(shared, cp.sentence, only_here, width));
    }
    out
}
