//! The counterpart panel: how the other sources tell the cursor sentence, with
//! the words that differ between the two tellings emphasised.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::app::App;
use super::paint::{fit, put, styled_line};
use super::wrap::wrap;
use crate::claims::word_diff;
use crate::printable::escape;

/// One row of the panel: a heading, or a wrapped line of a sentence with its emphasised words.
enum Row<'a> {
    Heading(String),
    Text { text: &'a str, line: Range<usize>, marks: Vec<(Range<usize>, Style)> },
}

pub fn render(app: &App, rect: Rect, buf: &mut Buffer) {
    let rect = rect.intersection(buf.area);
    if rect.height < 2 || rect.width < 4 {
        return;
    }
    let close = app.keymap.first_key("counterpart_panel").unwrap_or_default();
    Block::default()
        .borders(Borders::TOP)
        .border_style(app.theme.overlay_border)
        .title(format!(" Other tellings · emphasised: words the other lacks · {close} closes "))
        .title_style(app.theme.overlay_title)
        .render(rect, buf);
    let inner = Rect::new(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 1);
    let rows = rows(app, usize::from(inner.width.saturating_sub(2)));
    for (i, row) in rows.iter().take(usize::from(inner.height)).enumerate() {
        let line = Rect { y: inner.y + i as u16, height: 1, ..inner };
        match row {
            Row::Heading(s) => {
                put(buf, line, line.x, &fit(s, usize::from(line.width)), app.theme.overlay_title);
            }
            Row::Text { text, line: range, marks } => {
                let indented = Rect { x: line.x + 2, width: line.width.saturating_sub(2), ..line };
                styled_line(buf, indented, text, range.clone(), marks);
            }
        }
    }
}

fn message(s: &str) -> Vec<Row<'static>> {
    vec![Row::Heading(s.to_string())]
}

fn rows(app: &App, width: usize) -> Vec<Row<'_>> {
    let Some(analysis) = &app.analysis else { return message("analysing…") };
    let Some(here) = app.cursor_sentence(app.focus) else { return message("no sentence under the cursor") };
    let cps = analysis.counterparts(here);
    if cps.is_empty() {
        return message("No other source reports this sentence.");
    }
    let origin = app.docs[here.doc].sentence(here.sentence);
    let mut out = Vec::new();
    let best = app.docs[cps[0].sentence.doc].sentence(cps[0].sentence.sentence);
    let (only_origin, _) = word_diff(origin, best);
    let marks: Vec<_> = only_origin.into_iter().map(|r| (r, app.theme.diff)).collect();
    // Titles and sources come from the files: shown, never run.
    out.push(Row::Heading(format!("{} · this pane · {}", here.doc + 1, escape(&app.docs[here.doc].title))));
    for line in wrap(origin, 0..origin.len(), width) {
        out.push(Row::Text { text: origin, line, marks: marks.clone() });
    }
    for cp in cps {
        let d = &app.docs[cp.sentence.doc];
        let text = d.sentence(cp.sentence.sentence);
        // A named source says who tells it; without one, the title does (file names are often hashes).
        let source = d.source.as_deref().map(|s| format!(" · {}", escape(s))).unwrap_or_default();
        let title = escape(&d.title);
        out.push(Row::Heading(format!("{} · score {:.2} · {title}{source}", cp.sentence.doc + 1, cp.score)));
        let (_, only_here) = word_diff(origin, text);
        let marks: Vec<_> = only_here.into_iter().map(|r| (r, app.theme.diff)).collect();
        for line in wrap(text, 0..text.len(), width) {
            out.push(Row::Text { text, line, marks: marks.clone() });
        }
    }
    out
}
