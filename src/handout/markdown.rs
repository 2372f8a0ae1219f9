//! The handout as Markdown (CommonMark): for editing before printing, or for a
//! learning platform. Marks are brackets plus the tag, `\[words\]\[L3\]`
//! (Markdown has no underline); blank lines to write on are rules; Markdown has
//! no page breaks, so the answer key follows a rule and its own top-level heading.

use std::fmt::Write as _;
use std::ops::Range;

use super::{CoverageTable, EXERCISE, Handout, KeyMark, Piece, QUESTION_LINES, Source, legend_entry, pieces, tag};
use crate::framing::Category;
use crate::markup::markdown as esc;

const RULE: &str = "______________________________________________________________";

pub fn render(h: &Handout) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(out, "# {}\n", esc(&h.title));
    let _ = writeln!(out, "{}\n", esc(&super::instructions(h.sources.len())));
    out.push_str("## How to mark\n\nUnderline the words and write the letter of what they do beside them.\n\n");
    out.push_str("| tag | what it marks |\n|---|---|\n");
    for c in Category::ALL {
        let _ = writeln!(out, "| \\[{}\\] | {} |", tag(c), esc(legend_entry(c)));
    }
    for (i, s) in h.sources.iter().enumerate() {
        student_source(&mut out, h, i, s);
    }
    if let Some(table) = &h.coverage {
        coverage(&mut out, h, table);
    }
    if let Some(key) = &h.key {
        let _ = writeln!(
            out,
            "\n{RULE}\n\n# Answer key\n\nMarked by {}. Each mark is in brackets, followed by its letter and the number of its note.",
            esc(key)
        );
        for (i, s) in h.sources.iter().enumerate() {
            key_source(&mut out, h, i, s);
        }
    }
    out
}

/// Who reports what (see the HTML writer): a row per claim two sources or more report.
fn coverage(out: &mut String, h: &Handout, table: &CoverageTable) {
    out.push_str("\n## Who reports what\n\nClaims that two sources or more report, as parallax links them (check them: a link is a reading aid, not a verdict). ✓ the source reports it, · it does not.\n\n");
    if table.rows.is_empty() {
        out.push_str("No claim is reported by more than one source.\n");
    } else {
        let numbers: Vec<String> = (1..=h.sources.len()).map(|n| n.to_string()).collect();
        let _ = writeln!(out, "| claim (first telling, source) | {} |", numbers.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(numbers.len()));
        for r in &table.rows {
            let flag = if r.anonymous_only { " *(unnamed sources only)*" } else { "" };
            let cells: Vec<&str> = r.reported.iter().map(|&yes| if yes { "✓" } else { "·" }).collect();
            let _ = writeln!(out, "| {} ({}){flag} | {} |", esc(&r.claim), r.first_source, cells.join(" | "));
        }
    }
    out.push_str("\n| source | claims shared | only here | left out |\n|---|---|---|---|\n");
    for (i, (s, (shared, only, left))) in h.sources.iter().zip(&table.summary).enumerate() {
        let _ = writeln!(out, "| {} {} | {shared} | {only} | {left} |", i + 1, esc(crate::compare::source_name(s.doc)));
    }
}

/// Writes the source's heading and details; returns how many paragraphs it
/// took from the text (the first, when it is the title: marked in the key).
fn header(out: &mut String, h: &Handout, i: usize, s: &Source, marks: Option<&[usize]>) -> usize {
    let d = s.doc;
    let first = d.paragraphs.first().filter(|p| words(&d.text[(*p).clone()]) == words(&d.title));
    let title = match (first, marks) {
        (Some(p), Some(numbers)) => inline(&d.text, p.clone(), &s.marks, numbers),
        (Some(p), None) => esc(&d.text[p.clone()]),
        (None, _) => esc(&d.title),
    };
    let _ = writeln!(out, "\n## Source {} of {}: {title}\n", i + 1, h.sources.len());
    let mut meta: Vec<String> = Vec::new();
    meta.extend(d.source.as_deref().map(|o| format!("*{}*", esc(o))));
    meta.extend(d.date.as_deref().map(esc));
    meta.extend(d.url.as_deref().map(|u| format!("<{}>", u.replace(['<', '>', ' '], ""))));
    meta.extend(d.fetched.as_deref().map(|t| format!("retrieved {}", esc(t.split('T').next().unwrap_or(t)))));
    if meta.is_empty() {
        meta.push(format!("`{}`", d.path.replace('`', "'")));
    }
    let _ = writeln!(out, "{}\n", meta.join(" · "));
    usize::from(first.is_some())
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn student_source(out: &mut String, h: &Handout, i: usize, s: &Source) {
    let skip = header(out, h, i, s, None);
    for p in &s.doc.paragraphs[skip..] {
        let _ = writeln!(out, "{}\n", esc(&s.doc.text[p.clone()]));
    }
    out.push_str("### Exercise\n\n");
    let questions = EXERCISE.iter().map(|&(q, lines)| (esc(q), lines)).chain(
        s.notes.iter().filter(|n| n.for_students()).map(|n| {
            let q =
                if n.quote.is_empty() { esc(&n.text) } else { format!("“{}” — {}", esc(&n.quote), esc(&n.text)) };
            (q, QUESTION_LINES)
        }),
    );
    for (k, (q, lines)) in questions.enumerate() {
        let _ = writeln!(out, "{}. {q}\n", k + 1);
        for _ in 0..lines {
            let _ = writeln!(out, "   {RULE}\n");
        }
    }
}

fn key_source(out: &mut String, h: &Handout, i: usize, s: &Source) {
    let (endnotes, numbers) = s.endnotes();
    let skip = header(out, h, i, s, Some(&numbers));
    for p in &s.doc.paragraphs[skip..] {
        let _ = writeln!(out, "{}\n", inline(&s.doc.text, p.clone(), &s.marks, &numbers));
    }
    out.push_str("### Notes on the marks\n\n");
    if endnotes.is_empty() {
        out.push_str("Nothing is marked in this source.\n");
    }
    for n in &endnotes {
        let words: Vec<String> = n.words.iter().map(|w| esc(&crate::markup::quoted(w))).collect();
        let _ = writeln!(
            out,
            "- **\\[{}{}\\] {}**: {}. {}",
            tag(n.category),
            n.number,
            esc(n.category.name()),
            words.join(", "),
            esc(&n.explanation)
        );
    }
    if !s.notes.is_empty() {
        out.push_str("\n### Teacher’s notes\n\n");
        for n in &s.notes {
            let gone = if n.orphaned { " *(this passage is no longer in the text)*" } else { "" };
            let _ = writeln!(out, "- “{}”{gone}: {}", esc(&n.quote), esc(&n.text));
            if !n.tags.is_empty() {
                let _ = writeln!(out, "  Tags: {}", esc(&n.tags.join(", ")));
            }
        }
    }
}

/// `range` of `text` with the marks inside it in brackets, each followed by its tag.
fn inline(text: &str, range: Range<usize>, marks: &[KeyMark], numbers: &[usize]) -> String {
    let mut out = String::new();
    for piece in pieces(text, range, marks, numbers) {
        match piece {
            Piece::Text(t) => out.push_str(&esc(t)),
            Piece::Marked(t, _) => {
                let _ = write!(out, "\\[{}\\]", esc(t));
            }
            Piece::Tag(c, n) => {
                let _ = write!(out, "\\[{}{n}\\]", tag(c));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Parser, Tag};

    use super::*;
    use crate::document::Document;
    use crate::handout::TeacherNote;

    fn render_one(key: bool) -> String {
        let d =
            Document::from_plain("a.txt", "# Not a heading\n\nOfficials said it was a [disaster](http://x) *really*.");
        let t = &d.text;
        let s = t.find("disaster").unwrap();
        let h = Handout {
            title: "Class".into(),
            sources: vec![Source {
                doc: &d,
                marks: vec![KeyMark {
                    range: s..s + 8,
                    category: Category::Loaded,
                    rule: "r".into(),
                    explanation: "Strong.".into(),
                }],
                notes: vec![TeacherNote {
                    quote: "Officials said".into(),
                    text: "Which officials?".into(),
                    tags: vec!["student".into()],
                    orphaned: false,
                }],
            }],
            key: key.then(|| "the tool".to_string()),
            coverage: None,
        };
        render(&h)
    }

    #[test]
    fn document_text_never_becomes_markup() {
        let md = render_one(true);
        let events: Vec<Event> = Parser::new(&md).collect();
        let links = events.iter().filter(|e| matches!(e, Event::Start(Tag::Link { .. }))).count();
        let html = events.iter().filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))).count();
        let headings = events.iter().filter(|e| matches!(e, Event::Start(Tag::Heading { .. }))).count();
        assert_eq!((links, html), (0, 0), "{md}");
        // Title, "How to mark", the source, its exercise; "Answer key", the source, its notes, the teacher's notes.
        assert_eq!(headings, 8, "{md}");
    }

    #[test]
    fn the_key_brackets_and_tags_marks() {
        let md = render_one(true);
        assert!(md.contains("\\[disaster\\]\\[L1\\]"), "{md}");
        assert!(md.contains("- **\\[L1\\] loaded language**: “disaster”. Strong."), "{md}");
        assert!(md.contains("# Answer key"));
    }

    #[test]
    fn the_student_version_has_questions_and_lines_but_no_key() {
        let md = render_one(false);
        assert!(!md.contains("Answer key") && !md.contains("\\[L1\\]"));
        assert!(md.contains("5. “Officials said” — Which officials?"), "{md}");
        assert_eq!(md.matches(RULE).count(), 3 * 3 + QUESTION_LINES);
    }
}
