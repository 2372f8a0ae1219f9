//! The handout as one self-contained HTML page: inline CSS, no scripts, no
//! fonts or images to fetch, every piece of text escaped. Made for paper: all
//! black on white, marks are underlines (a different line style per category)
//! plus a bracketed letter tag, the answer key starts on a new page.

use std::fmt::Write as _;
use std::ops::Range;

use super::{
    CoverageTable, EXERCISE, Handout, KeyMark, Piece, QUESTION_LINES, Source, TeacherNote, legend_entry, pieces, tag,
};
use crate::framing::Category;
use crate::markup::html as esc;

const STYLE: &str = r#"
@page { margin: 16mm 15mm; }
html { color: #000; background: #fff; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.5; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1, h2, h3, .meta, .source-number, .tag, .legend, .intro { font-family: "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.3em; line-height: 1.3; margin: 0 0 .2em; break-after: avoid; }
h3 { font-size: 1em; margin: 1.4em 0 .4em; break-after: avoid; }
.meta { font-size: .85em; margin: 0 0 1.2em; overflow-wrap: anywhere; }
.source-number { font-size: .75em; text-transform: uppercase; letter-spacing: .06em; margin: 0 0 .2em; }
.intro { font-size: .9em; }
.legend table { border-collapse: collapse; font-size: .85em; margin: .5em 0 1.5em; }
.legend th, .legend td { border: 1px solid #000; padding: .15em .5em; text-align: left; vertical-align: top; }
article.source + article.source, .coverage, .answer-key { break-before: page; }
.coverage table { border-collapse: collapse; font-size: .85em; margin: .5em 0 1.5em; }
.coverage th, .coverage td { border: 1px solid #000; padding: .15em .4em; text-align: left; vertical-align: top; }
.coverage td.cell { text-align: center; white-space: nowrap; }
.coverage tr { break-inside: avoid; }
.student .text p { line-height: 2.1; }
.mark { text-decoration-line: underline; text-decoration-thickness: .08em; text-underline-offset: .22em; text-decoration-skip-ink: none; }
.c-loaded { text-decoration-style: solid; }
.c-label { text-decoration-style: double; }
.c-hedge { text-decoration-style: dotted; text-decoration-thickness: .12em; }
.c-booster { text-decoration-style: solid; text-decoration-thickness: .16em; }
.c-attribution { text-decoration-style: dashed; }
.c-passive { text-decoration-style: wavy; }
.c-scare_quote { text-decoration-style: double; }
.tag { font-size: .7em; font-weight: bold; vertical-align: super; line-height: 0; white-space: nowrap; }
a { color: #000; }
.tag a { text-decoration: none; }
.exercise ol { padding-left: 1.4em; }
.exercise li { break-inside: avoid; }
.lines { margin: .2em 0 .8em; }
.line { display: block; height: 1.9em; border-bottom: 1px solid #000; }
.endnotes { list-style: none; padding-left: 0; }
.endnotes li, .teacher-notes li { margin: 0 0 .5em; break-inside: avoid; }
.endnotes .tag { vertical-align: baseline; font-size: .85em; }
blockquote { margin: .2em 0 .2em 1.2em; font-style: italic; }
.teacher-notes ul { list-style: none; padding-left: 0; }
.teacher-notes blockquote { margin: 0 0 .2em; padding-left: .6em; border-left: 2px solid #000; }
.teacher-notes p { margin: .1em 0; }
blockquote p { margin: 0; }
.tags { font-size: .85em; margin: .1em 0 0; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"#;

/// The whole page.
pub fn render(h: &Handout) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<meta name=\"generator\" content=\"parallax {}\">", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", esc(&h.title));
    intro(&mut out, h);
    out.push_str("<main class=\"student\">\n");
    for (i, s) in h.sources.iter().enumerate() {
        student_source(&mut out, h, i, s);
    }
    out.push_str("</main>\n");
    if let Some(table) = &h.coverage {
        coverage(&mut out, h, table);
    }
    if let Some(key) = &h.key {
        answer_key(&mut out, h, key);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Who reports what: a row per claim two sources or more report, a column per source, a glyph
/// and a word in each cell (✓ yes / · no) so it reads in black and white; then the counts.
fn coverage(out: &mut String, h: &Handout, table: &CoverageTable) {
    out.push_str("<section class=\"coverage\">\n<h1>Who reports what</h1>\n");
    out.push_str("<p>Claims that two sources or more report, as parallax links them (check them: a link is a reading aid, not a verdict). ✓ the source reports it, · it does not.</p>\n");
    let sources: String = (1..=h.sources.len()).map(|n| format!("<th scope=\"col\">{n}</th>")).collect();
    if table.rows.is_empty() {
        out.push_str("<p>No claim is reported by more than one source.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th scope=\"col\">claim (first telling, source)</th>{sources}</tr></thead>\n<tbody>"
        );
        for r in &table.rows {
            let flag = if r.anonymous_only { " <em>(unnamed sources only)</em>" } else { "" };
            let _ = write!(out, "<tr><td>{} ({}){flag}</td>", esc(&r.claim), r.first_source);
            for &yes in &r.reported {
                let (glyph, word) = if yes { ("✓", "reports it") } else { ("·", "does not") };
                let _ = write!(out, "<td class=\"cell\" title=\"{word}\">{glyph}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<table>\n<thead><tr><th scope=\"col\">source</th><th scope=\"col\">claims shared</th><th scope=\"col\">only here</th><th scope=\"col\">left out</th></tr></thead>\n<tbody>\n");
    for (i, (s, (shared, only, left))) in h.sources.iter().zip(&table.summary).enumerate() {
        let name = crate::compare::source_name(s.doc);
        let _ =
            writeln!(out, "<tr><td>{} {}</td><td>{shared}</td><td>{only}</td><td>{left}</td></tr>", i + 1, esc(name));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn intro(out: &mut String, h: &Handout) {
    let _ = writeln!(out, "<header class=\"intro\">\n<h1>{}</h1>", esc(&h.title));
    let _ = writeln!(out, "<p>{}</p>", esc(&super::instructions(h.sources.len())));
    out.push_str("<section class=\"legend\">\n<h3>How to mark</h3>\n");
    out.push_str("<p>Underline the words and write the letter of what they do beside them, like this: <span class=\"mark c-loaded\">slaughtered</span><span class=\"tag\">[L]</span>.</p>\n");
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">tag</th><th scope=\"col\">what it marks</th></tr></thead>\n<tbody>\n",
    );
    for c in Category::ALL {
        let _ = writeln!(out, "<tr><td>[{}]</td><td>{}</td></tr>", tag(c), esc(legend_entry(c)));
    }
    out.push_str("</tbody>\n</table>\n</section>\n</header>\n");
}

fn header(out: &mut String, h: &Handout, i: usize, s: &Source, marks: Option<(&[KeyMark], &[usize], &str)>) -> usize {
    let d = s.doc;
    let _ = writeln!(out, "<header>\n<p class=\"source-number\">Source {} of {}</p>", i + 1, h.sources.len());
    // The first paragraph is often the title itself: then it is the heading, marked like the rest.
    let first = d.paragraphs.first().filter(|p| words(&d.text[(*p).clone()]) == words(&d.title));
    match (first, marks) {
        (Some(p), Some((marks, numbers, id))) => {
            let _ = writeln!(out, "<h2>{}</h2>", inline(&d.text, p.clone(), marks, numbers, id));
        }
        (Some(p), None) => {
            let _ = writeln!(out, "<h2>{}</h2>", esc(&d.text[p.clone()]));
        }
        (None, _) => {
            let _ = writeln!(out, "<h2>{}</h2>", esc(&d.title));
        }
    }
    let mut meta: Vec<String> = Vec::new();
    meta.extend(d.source.as_deref().map(|o| format!("<span class=\"outlet\">{}</span>", esc(o))));
    meta.extend(d.date.as_deref().map(|t| format!("<span class=\"date\">{}</span>", esc(t))));
    meta.extend(d.url.as_deref().map(|u| {
        if u.starts_with("https://") || u.starts_with("http://") {
            format!("<a href=\"{0}\">{0}</a>", esc(u))
        } else {
            esc(u)
        }
    }));
    meta.extend(d.fetched.as_deref().map(|t| format!("<span class=\"fetched\">retrieved {}</span>", esc(day(t)))));
    if meta.is_empty() {
        meta.push(format!("<span class=\"file\">{}</span>", esc(&d.path)));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>\n</header>", meta.join(" · "));
    usize::from(first.is_some())
}

fn student_source(out: &mut String, h: &Handout, i: usize, s: &Source) {
    let _ = writeln!(out, "<article class=\"source\" id=\"source-{}\">", i + 1);
    let skip = header(out, h, i, s, None);
    out.push_str("<div class=\"text\">\n");
    for p in &s.doc.paragraphs[skip..] {
        let _ = writeln!(out, "<p>{}</p>", esc(&s.doc.text[p.clone()]));
    }
    out.push_str("</div>\n<section class=\"exercise\">\n<h3>Exercise</h3>\n<ol>\n");
    for (question, lines) in EXERCISE {
        let _ = writeln!(out, "<li><p>{}</p>{}</li>", esc(question), blank_lines(lines));
    }
    for n in s.notes.iter().filter(|n| n.for_students()) {
        let _ = writeln!(out, "<li><p>{}</p>{}</li>", question(n), blank_lines(QUESTION_LINES));
    }
    out.push_str("</ol>\n</section>\n</article>\n");
}

fn question(n: &TeacherNote) -> String {
    if n.quote.is_empty() { esc(&n.text) } else { format!("“{}” — {}", esc(&n.quote), esc(&n.text)) }
}

fn blank_lines(n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    format!("<div class=\"lines\">{}</div>", "<span class=\"line\"></span>".repeat(n))
}

fn answer_key(out: &mut String, h: &Handout, key: &str) {
    out.push_str("<section class=\"answer-key\">\n<h1>Answer key</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"intro\">Marked by {}. Each mark is underlined and tagged with its letter and the number of its note.</p>",
        esc(key)
    );
    for (i, s) in h.sources.iter().enumerate() {
        let id = format!("key-{}", i + 1);
        let (endnotes, numbers) = s.endnotes();
        let _ = writeln!(out, "<article class=\"source key\" id=\"{id}\">");
        let skip = header(out, h, i, s, Some((&s.marks, &numbers, &id)));
        out.push_str("<div class=\"text\">\n");
        for p in &s.doc.paragraphs[skip..] {
            let _ = writeln!(out, "<p>{}</p>", inline(&s.doc.text, p.clone(), &s.marks, &numbers, &id));
        }
        out.push_str("</div>\n<section class=\"endnotes-section\">\n<h3>Notes on the marks</h3>\n");
        if endnotes.is_empty() {
            out.push_str("<p>Nothing is marked in this source.</p>\n");
        } else {
            out.push_str("<ul class=\"endnotes\">\n");
            for n in &endnotes {
                let words: Vec<String> = n.words.iter().map(|w| esc(&crate::markup::quoted(w))).collect();
                let _ = writeln!(
                    out,
                    "<li id=\"{id}-n{num}\"><span class=\"tag\">[{t}{num}]</span> <strong>{cat}</strong>: {words}. {why}</li>",
                    num = n.number,
                    t = tag(n.category),
                    cat = esc(n.category.name()),
                    words = words.join(", "),
                    why = esc(&n.explanation),
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        if !s.notes.is_empty() {
            out.push_str("<section class=\"teacher-notes\">\n<h3>Teacher’s notes</h3>\n<ul>\n");
            for n in &s.notes {
                out.push_str("<li>");
                if !n.quote.is_empty() {
                    let _ = write!(out, "<blockquote><p>{}</p></blockquote>", esc(&n.quote));
                }
                if n.orphaned {
                    out.push_str("<p><em>(This passage is no longer in the text.)</em></p>");
                }
                let _ = write!(out, "<p>{}</p>", esc(&n.text));
                if !n.tags.is_empty() {
                    let _ = write!(out, "<p class=\"tags\">Tags: {}</p>", esc(&n.tags.join(", ")));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n</section>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// `range` of `text` with the marks inside it underlined and tagged, each tag
/// a link to its endnote in the article `id`.
fn inline(text: &str, range: Range<usize>, marks: &[KeyMark], numbers: &[usize], id: &str) -> String {
    let mut out = String::new();
    for piece in pieces(text, range, marks, numbers) {
        match piece {
            Piece::Text(t) => out.push_str(&esc(t)),
            Piece::Marked(t, c) => {
                let _ = write!(out, "<span class=\"mark c-{}\">{}</span>", c.id(), esc(t));
            }
            Piece::Tag(c, n) => {
                let _ = write!(out, "<span class=\"tag\"><a href=\"#{id}-n{n}\">[{}{n}]</a></span>", tag(c));
            }
        }
    }
    out
}

/// The day of an RFC 3339 time.
fn day(t: &str) -> &str {
    t.split('T').next().unwrap_or(t)
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use dom_query::Document as Dom;

    use super::*;
    use crate::document::{Document, Meta};
    use crate::handout::{CoverageRow, TeacherNote};

    fn doc() -> Document {
        let meta = Meta {
            path: "story.md".into(),
            title: Some("Talks <b>stall</b> & \"resume\"".into()),
            source: Some("Example Wire".into()),
            date: Some("2025-07-25".into()),
            url: Some("https://example.org/a?b=1&c=2".into()),
            fetched: Some("2025-07-26T08:00:00Z".into()),
        };
        Document::new(
            meta,
            "Officials said the talks were a disaster.\n\nA second paragraph <script>alert(1)</script> ends here."
                .into(),
        )
    }

    fn handout(doc: &Document, key: bool) -> String {
        let t = &doc.text;
        let at = |w: &str| t.find(w).unwrap()..t.find(w).unwrap() + w.len();
        let marks = vec![
            KeyMark {
                range: at("Officials said"),
                category: Category::Attribution,
                rule: "r1".into(),
                explanation: "Who?".into(),
            },
            KeyMark {
                range: at("disaster"),
                category: Category::Loaded,
                rule: "r2".into(),
                explanation: "Strong <word>.".into(),
            },
        ];
        let notes = vec![
            TeacherNote {
                quote: "A second paragraph".into(),
                text: "Ask: who <speaks>?".into(),
                tags: vec!["student".into()],
                orphaned: false,
            },
            TeacherNote { quote: "gone words".into(), text: "Private note.".into(), tags: vec![], orphaned: true },
        ];
        let h = Handout {
            title: "Class <1>".into(),
            sources: vec![Source { doc, marks, notes }, Source { doc, marks: vec![], notes: vec![] }],
            key: key.then(|| "parallax's framing analysis".to_string()),
            coverage: None,
        };
        render(&h)
    }

    fn parse(html: &str) -> Dom {
        let dom = Dom::from(html);
        assert!(dom.errors.borrow().is_empty(), "HTML parse errors: {:?}", dom.errors.borrow());
        dom
    }

    #[test]
    fn the_parser_used_as_a_validator_reports_errors() {
        for broken in ["<!DOCTYPE html><p>a</div>", "<html><title>x</title><p>no doctype"] {
            assert!(!Dom::from(broken).errors.borrow().is_empty(), "{broken}");
        }
    }

    #[test]
    fn the_page_is_valid_and_self_contained() {
        for key in [false, true] {
            let html = handout(&doc(), key);
            assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
            let dom = parse(&html);
            assert_eq!(dom.select("head > meta[charset=utf-8]").length(), 1);
            assert_eq!(dom.select("script, link, img, iframe, object, embed, [style], [src]").length(), 0);
            assert!(!html.contains("url(") && !html.contains("@import"), "nothing to fetch");
            assert_eq!(dom.select("title").text().to_string(), "Class <1>");
        }
    }

    #[test]
    fn everything_from_the_documents_is_escaped() {
        let html = handout(&doc(), true);
        let dom = parse(&html);
        assert!(!html.contains("<script>") && !html.contains("<b>stall"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(dom.select("#source-1 h2").text().to_string(), "Talks <b>stall</b> & \"resume\"");
        assert_eq!(dom.select("#source-1 .meta a").attr("href").unwrap().to_string(), "https://example.org/a?b=1&c=2");
    }

    #[test]
    fn a_header_per_source_with_outlet_date_and_url() {
        let dom = parse(&handout(&doc(), false));
        let meta = dom.select("#source-1 header .meta").text().to_string();
        assert_eq!(meta, "Example Wire · 2025-07-25 · https://example.org/a?b=1&c=2 · retrieved 2025-07-26");
        assert_eq!(dom.select("#source-2 .source-number").text().to_string(), "Source 2 of 2");
    }

    #[test]
    fn the_student_version_has_blank_lines_and_no_answers() {
        let dom = parse(&handout(&doc(), false));
        assert_eq!(dom.select(".answer-key").length(), 0);
        assert_eq!(dom.select("main .mark").length(), 0, "no marks outside the legend's example");
        assert!(dom.select(".legend td").text().contains("[A]"));
        let exercise = dom.select("#source-1 .exercise li");
        assert_eq!(exercise.length(), EXERCISE.len() + 1, "the teacher's question for students is added");
        assert!(dom.select("#source-1 .exercise").text().contains("“A second paragraph” — Ask: who <speaks>?"));
        assert!(!dom.select("body").text().contains("Private note."), "other teacher's notes are for the key only");
        assert_eq!(dom.select("#source-1 .exercise .line").length(), 3 * 3 + QUESTION_LINES);
    }

    #[test]
    fn the_key_is_on_its_own_page_with_tags_endnotes_and_notes() {
        let html = handout(&doc(), true);
        let dom = parse(&html);
        assert!(
            STYLE.contains(".answer-key { break-before: page; }")
                || STYLE.contains(", .answer-key { break-before: page; }")
        );
        assert_eq!(dom.select("body > section.answer-key").length(), 1);
        assert_eq!(dom.select(".answer-key article.key").length(), 2);
        let marks = dom.select("#key-1 .mark");
        assert_eq!(marks.length(), 2);
        assert_eq!(dom.select("#key-1 .mark.c-loaded").text().to_string(), "disaster");
        assert_eq!(dom.select("#key-1 .text .tag").text().to_string(), "[A1][L2]");
        for a in dom.select("#key-1 .text .tag a").iter() {
            let target = a.attr("href").unwrap().to_string();
            assert_eq!(dom.select(&target).length(), 1, "{target} exists");
        }
        let endnotes = dom.select("#key-1 .endnotes li");
        assert_eq!(endnotes.length(), 2);
        assert_eq!(dom.select("#key-1-n2").text().to_string(), "[L2] loaded language: “disaster”. Strong <word>.");
        assert!(
            dom.select("#key-1 .teacher-notes")
                .text()
                .contains("(This passage is no longer in the text.)Private note.")
        );
        assert!(dom.select("#key-2").text().contains("Nothing is marked in this source."));
    }

    #[test]
    fn a_title_that_opens_the_text_is_not_printed_twice() {
        let d = Document::from_plain("a.txt", "Officials said it was a disaster.\n\nMore text follows here.");
        let t = &d.text;
        let s = t.find("disaster").unwrap();
        let h = Handout {
            title: "x".into(),
            sources: vec![Source {
                doc: &d,
                marks: vec![KeyMark {
                    range: s..s + 8,
                    category: Category::Loaded,
                    rule: "r".into(),
                    explanation: "e".into(),
                }],
                notes: vec![],
            }],
            key: Some("k".into()),
            coverage: None,
        };
        let dom = parse(&render(&h));
        assert_eq!(dom.select("#source-1 h2").text().to_string(), "Officials said it was a disaster.");
        assert_eq!(dom.select("#source-1 .text p").length(), 1);
        assert_eq!(dom.select("#key-1 h2 .mark").text().to_string(), "disaster", "marks in the title are shown");
    }

    #[test]
    fn the_coverage_table_reads_without_colour_and_starts_a_page() {
        let d = doc();
        let table = CoverageTable {
            rows: vec![CoverageRow {
                claim: "Two <captives> were released.".into(),
                first_source: 2,
                reported: vec![false, true],
                anonymous_only: true,
            }],
            summary: vec![(0, 3, 1), (1, 2, 0)],
        };
        let h = Handout {
            title: "x".into(),
            sources: vec![
                Source { doc: &d, marks: vec![], notes: vec![] },
                Source { doc: &d, marks: vec![], notes: vec![] },
            ],
            coverage: Some(table),
            key: None,
        };
        let html = render(&h);
        let dom = parse(&html);
        assert!(dom.errors.borrow().is_empty(), "{:?}", dom.errors.borrow());
        assert!(STYLE.contains(".coverage, .answer-key { break-before: page; }"));
        let cells: Vec<String> = dom.select("section.coverage td.cell").iter().map(|c| c.text().to_string()).collect();
        assert_eq!(cells, ["·", "✓"]);
        let row = dom.select("section.coverage tbody tr").first().text().to_string();
        assert!(row.contains("Two <captives> were released. (2)") && row.contains("unnamed sources only"), "{row}");
        assert_eq!(dom.select("section.coverage tbody tr").length(), 3);
    }
}
