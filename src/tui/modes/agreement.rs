//! The agreement overlay shown on reveal: per pane with marks, per category, how
//! many of the key's marks the student found and how many of the student's
//! marks the key agrees with (with credit for partial overlap, and span
//! finding scored apart from category choice); then the marks "found by you,
//! not by the key", as material for discussion, not as errors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::super::action::Action;
use super::super::app::{App, Shared};
use super::super::paint::{fit, put};
use super::{Mode, Reply, Scroll};
use crate::agreement::{self, Counts, Span};

/// One line of the overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Heading(String),
    Text(String),
    Gap,
}

/// Quotes are cut to this many columns.
const QUOTE: usize = 40;

fn quote(text: &str, span: &Span) -> String {
    quoted(&text[span.range.clone()], QUOTE)
}

/// `text` on one line between quotation marks, at most `width` columns inside them; its own
/// quotation marks and a comma or full stop at its ends are left out (a scare quote's marks
/// would be doubled).
pub fn quoted(text: &str, width: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    let inner = joined.trim_matches(|c: char| "“”„\"'‘’«»,.;:".contains(c));
    let inner = if inner.is_empty() { joined.as_str() } else { inner };
    format!("“{}”", fit(&crate::printable::escape(inner), width))
}

fn row(name: &str, c: &Counts) -> String {
    let share = |n: usize, of: usize| if of == 0 { "–".to_string() } else { format!("{n}/{of}") };
    let credit = |x: f64, of: usize| if of == 0 { "–".to_string() } else { format!("{x:.1}") };
    format!(
        "{:<22}{:>7}{:>8}{:>10}{:>8}",
        fit(name, 21),
        share(c.matched, c.key),
        credit(c.found_credit, c.key),
        share(c.agreed, c.student),
        credit(c.agreed_credit, c.student)
    )
}

/// The overlay's lines: `keys` holds the key's marks per document, `key_name` says whose they are ("the tool").
pub fn lines(shared: &Shared, keys: &[Vec<Span>], key_name: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (doc, d) in shared.docs.iter().enumerate() {
        let student = shared.classroom.marks(doc);
        if student.is_empty() {
            continue;
        }
        let key = keys.get(doc).map_or(&[][..], Vec::as_slice);
        let a = agreement::score(&d.text, key, &student);
        let title = if d.title.is_empty() { d.file_name().to_string() } else { d.title.clone() };
        if !out.is_empty() {
            out.push(Line::Gap);
        }
        out.push(Line::Heading(format!("pane {} · {}", doc + 1, crate::printable::escape(&title))));
        out.push(Line::Text(format!("{:<22}{:>15}{:>18}", "", "you found", format!("{key_name} agrees"))));
        out.push(Line::Text(format!("{:<22}{:>7}{:>8}{:>10}{:>8}", "", "marks", "credit", "marks", "credit")));
        out.push(Line::Text(row("spans, any category", &a.spans)));
        for (category, c) in &a.categories {
            if c.key + c.student > 0 {
                out.push(Line::Text(row(category.name(), c)));
            }
        }
        if a.on_key_words > 0 {
            let marks = if a.on_key_words == 1 { "mark" } else { "marks" };
            out.push(Line::Text(format!(
                "Same category as {key_name}: {} of your {} {marks} on its words.",
                a.same_category, a.on_key_words
            )));
        }
        if !a.discussion.is_empty() {
            out.push(Line::Gap);
            out.push(Line::Heading(format!("Found by you, not by {key_name} (for discussion)")));
            for &i in &a.discussion {
                let s = &student[i];
                out.push(Line::Text(format!("  {} · {}", quote(&d.text, s), s.category.name())));
            }
        }
        if !a.other_category.is_empty() {
            out.push(Line::Gap);
            out.push(Line::Heading("Same words, another category".into()));
            for &(i, theirs) in &a.other_category {
                let s = &student[i];
                out.push(Line::Text(format!(
                    "  {} · yours: {} · {key_name}: {}",
                    quote(&d.text, s),
                    s.category.name(),
                    theirs.name()
                )));
            }
        }
        if !a.missed.is_empty() {
            out.push(Line::Gap);
            out.push(Line::Heading(format!("Marked by {key_name}, not by you ({})", a.missed.len())));
            for &i in &a.missed {
                let k = &key[i];
                out.push(Line::Text(format!("  {} · {}", quote(&d.text, k), k.category.name())));
            }
        }
    }
    if out.is_empty() {
        out.push(Line::Text("No marks yet: v selects words, then a category key marks them.".into()));
    }
    out
}

pub struct AgreementView {
    lines: Vec<Line>,
    title: String,
    scroll: Scroll,
}

impl AgreementView {
    pub fn new(lines: Vec<Line>, key_name: &str) -> AgreementView {
        let title = format!(" Your marks and {key_name}'s · q closes · scroll with the movement keys ");
        AgreementView { lines, title, scroll: Scroll::default() }
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The furthest the lines can scroll on a screen `height` rows high (the frame takes four).
    fn max_scroll(&self, height: u16) -> usize {
        self.lines.len().saturating_sub(usize::from(height.saturating_sub(4)))
    }
}

impl Mode for AgreementView {
    fn action(&mut self, action: &Action, app: &App) -> Reply {
        let height = app.shared.height;
        if self.scroll.apply(action, usize::from(height.saturating_sub(4)), self.max_scroll(height)) {
            return Reply::consumed();
        }
        match action {
            Action::Reveal | Action::Quit | Action::Cancel => Reply::close(),
            Action::Help => Reply::pass(),
            _ => Reply::consumed(),
        }
    }

    fn render(&self, app: &App, buf: &mut Buffer) {
        let shared = &app.shared;
        let theme = &shared.theme;
        let Some(frame) = super::framed(app, buf, 100, &self.title) else { return };
        // A column of margin on the left.
        let inner = Rect { x: frame.x + 1, width: frame.width - 1, ..frame };
        let scroll = self.scroll.clamped(self.max_scroll(shared.height));
        for (i, line) in self.lines.iter().skip(scroll).take(usize::from(inner.height)).enumerate() {
            let row = Rect { y: inner.y + i as u16, height: 1, ..inner };
            let width = usize::from(row.width);
            match line {
                Line::Heading(text) => put(buf, row, row.x, &fit(text, width), theme.overlay_title),
                Line::Text(text) => put(buf, row, row.x, &fit(text, width), Style::default()),
                Line::Gap => row.x,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    /// Regression: a scare quote's own marks were doubled (““strategic pause””).
    #[test]
    fn quotes_are_not_doubled() {
        assert_eq!(quoted("“strategic pause”", 40), "“strategic pause”");
        assert_eq!(quoted("\"resistance,\"", 40), "“resistance”");
        assert_eq!(quoted("the  offer\nwas", 40), "“the offer was”");
        assert_eq!(quoted("“”", 40), "““””", "nothing but marks: kept as they are");
        assert_eq!(quoted("a very long passage indeed", 10), "“a very lo…”");
    }
}
