//! Handouts for a class: each source's text with a header, an exercise with
//! blank lines, and (for the teacher) an answer key on its own page: the
//! framing marked so it survives black-and-white printing (an underline plus a
//! bracketed letter tag, `[L3]`, never colour alone), numbered endnotes with
//! the explanations, and the teacher's notes.
//!
//! [`Handout`] is the content; [`html`] and [`markdown`] write it out. A key
//! mark carries what its endnote says, so where a mark comes from (the tool's
//! analysis, a teacher's key file) and what more it may carry later (layer,
//! confidence, quoted speech) is settled here, in one place, not in the writers.

pub mod html;
pub mod markdown;

use std::ops::Range;

use crate::analysis::Analysis;
use crate::document::Document;
use crate::framing::{Category, Lexicon, View};
use crate::notes::{Anchor, Annotation, Kind, Text};

/// A handout: the sources, and the answer key when the teacher asked for one.
pub struct Handout<'a> {
    pub title: String,
    pub sources: Vec<Source<'a>>,
    /// The compare screen's coverage table, when there are two sources or more to compare.
    pub coverage: Option<CoverageTable>,
    /// Where the answer key comes from (`"parallax's framing analysis"`, a file name);
    /// `None` for the student version, which has no key.
    pub key: Option<String>,
}

/// One source: its document, its key marks and the teacher's notes on it.
pub struct Source<'a> {
    pub doc: &'a Document,
    /// Sorted by start, not overlapping.
    pub marks: Vec<KeyMark>,
    /// The teacher's notes, in text order, orphans last.
    pub notes: Vec<TeacherNote>,
}

/// A span of the answer key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyMark {
    pub range: Range<usize>,
    pub category: Category,
    /// Marks with the same category and rule share an endnote.
    pub rule: String,
    /// What the endnote says about them.
    pub explanation: String,
}

/// Who reports what, for print: the claims two sources or more report (one source's claims
/// alone would fill pages; the summary counts them).
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageTable {
    /// Most sources first, as on the compare screen.
    pub rows: Vec<CoverageRow>,
    /// Per source, in source order: claims shared with others, claims only it reports, claims
    /// others report and it leaves out.
    pub summary: Vec<(usize, usize, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CoverageRow {
    /// The first telling, on one line and cut short.
    pub claim: String,
    /// Which source told it first (numbered from 1, as in the handout).
    pub first_source: usize,
    /// Per source, whether it reports the claim.
    pub reported: Vec<bool>,
    /// Every telling rests on unnamed sources.
    pub anonymous_only: bool,
}

/// How many characters of a claim's first telling the printed table shows.
const CLAIM_CHARS: usize = 120;

/// The coverage table of [`crate::compare::Coverage`] for print; `None` for fewer than two sources.
pub fn coverage_table(docs: &[Document], coverage: &crate::compare::Coverage) -> Option<CoverageTable> {
    if docs.len() < 2 {
        return None;
    }
    let rows = coverage
        .claims
        .iter()
        .filter(|c| c.sources >= 2)
        .filter_map(|c| {
            let first = c.first()?;
            Some(CoverageRow {
                claim: crate::compare::text::abbreviate(first.text(docs), CLAIM_CHARS),
                first_source: first.doc + 1,
                reported: (0..docs.len()).map(|d| c.reported_by(d)).collect(),
                anonymous_only: c.anonymous_only,
            })
        })
        .collect();
    let summary = coverage.summary.iter().map(|s| (s.shared, s.only_here, s.left_out)).collect();
    Some(CoverageTable { rows, summary })
}

/// A teacher's note on a source.
#[derive(Clone, Debug, PartialEq)]
pub struct TeacherNote {
    pub quote: String,
    pub text: String,
    pub tags: Vec<String>,
    /// The passage is no longer in the text.
    pub orphaned: bool,
}

impl TeacherNote {
    /// Notes tagged `student` are questions for the class: they appear in the student version too.
    pub fn for_students(&self) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case("student"))
    }
}

/// An endnote: one explanation and the marks that refer to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Endnote {
    pub number: usize,
    pub category: Category,
    /// The words marked, distinct, in text order.
    pub words: Vec<String>,
    pub explanation: String,
}

/// The letter that tags a category in print.
pub fn tag(c: Category) -> char {
    match c {
        Category::Loaded => 'L',
        Category::Label => 'N',
        Category::Hedge => 'H',
        Category::Booster => 'B',
        Category::Attribution => 'A',
        Category::Passive => 'P',
        Category::ScareQuote => 'Q',
    }
}

/// What each tag stands for, for the legend.
pub fn legend_entry(c: Category) -> &'static str {
    match c {
        Category::Loaded => "loaded language: words that tell the reader how to feel",
        Category::Label => "naming: one of several competing names for the same people, group or act",
        Category::Hedge => "hedge: speculation, uncertainty, second-hand claims",
        Category::Booster => "booster: intensifiers and claims of certainty",
        Category::Attribution => "attribution: anonymous or vague sources, loaded reporting verbs",
        Category::Passive => "agentless passive: an action whose doer is left out",
        Category::ScareQuote => "scare quotes: a phrase in quotation marks with no speaker",
    }
}

impl Source<'_> {
    /// The endnotes of this source's marks, numbered in order of first use,
    /// and for each mark the number of its endnote.
    pub fn endnotes(&self) -> (Vec<Endnote>, Vec<usize>) {
        let mut notes: Vec<Endnote> = Vec::new();
        let mut keys: Vec<(Category, &str)> = Vec::new();
        let mut numbers = Vec::with_capacity(self.marks.len());
        for m in &self.marks {
            let words = words_of(&self.doc.text[m.range.clone()]);
            let i = match keys.iter().position(|&(c, r)| c == m.category && r == m.rule) {
                Some(i) => i,
                None => {
                    keys.push((m.category, &m.rule));
                    notes.push(Endnote {
                        number: notes.len() + 1,
                        category: m.category,
                        words: Vec::new(),
                        explanation: m.explanation.clone(),
                    });
                    notes.len() - 1
                }
            };
            if !notes[i].words.contains(&words) {
                notes[i].words.push(words);
            }
            numbers.push(i + 1);
        }
        (notes, numbers)
    }
}

/// A piece of a passage with key marks in it, for the writers.
pub(crate) enum Piece<'t> {
    Text(&'t str),
    /// Words under a mark.
    Marked(&'t str, Category),
    /// A mark's tag: its category's letter and its endnote's number.
    Tag(Category, usize),
}

/// `range` of `text` cut at the marks inside it (`numbers`: each mark's
/// endnote). A mark running past the range is cut at its end and tagged where
/// it ends, so every mark is tagged once.
pub(crate) fn pieces<'t>(text: &'t str, range: Range<usize>, marks: &[KeyMark], numbers: &[usize]) -> Vec<Piece<'t>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for (m, &n) in marks.iter().zip(numbers).filter(|(m, _)| m.range.end > range.start && m.range.start < range.end) {
        let (start, end) = (m.range.start.max(range.start), m.range.end.min(range.end));
        if start > at {
            out.push(Piece::Text(&text[at..start]));
            at = start;
        }
        if end > at {
            out.push(Piece::Marked(&text[at..end], m.category));
            at = end;
        }
        if m.range.end <= range.end {
            out.push(Piece::Tag(m.category, n));
        }
    }
    if at < range.end {
        out.push(Piece::Text(&text[at..range.end]));
    }
    out
}

fn words_of(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Key marks from the tool's framing analysis of document `doc`, as
/// [`View::both_layers`] shows it (the exercise asks for both layers; the key
/// holds the highlights at or above the confidence threshold, as the reader
/// shows by default): each with whose words it is when quoted, its lexicon
/// note (or its category's description) and, for a label, the names the
/// other sources use.
pub fn tool_marks(docs: &[Document], analysis: &Analysis, doc: usize) -> Vec<KeyMark> {
    let spans = analysis.framing.get(doc).map_or(&[][..], Vec::as_slice);
    let view = View::both_layers();
    spans
        .iter()
        .enumerate()
        .filter(|(_, span)| view.shows(span))
        .map(|(i, span)| {
            let e = analysis.explain(docs, doc, i);
            let mut explanation = e.note.unwrap_or(e.category_description);
            if let Some(q) = &e.quoted {
                explanation = format!("{} — {explanation}", q.describe());
            }
            let others: Vec<String> = e
                .contrast
                .iter()
                .map(|c| {
                    // Sources are numbered in the handout as they are here.
                    let source = c.doc + 1;
                    if c.terms.is_empty() {
                        format!("source {source}: none of these names")
                    } else {
                        let terms: Vec<String> = c.terms.iter().map(|t| format!("“{t}”")).collect();
                        format!("source {source}: {}", terms.join(", "))
                    }
                })
                .collect();
            if !others.is_empty() {
                explanation.push_str(&format!(" Other sources: {}.", others.join("; ")));
            }
            KeyMark { range: span.range.clone(), category: span.category, rule: span.rule.clone(), explanation }
        })
        .collect()
}

/// Key marks from a teacher's marks (a key file), placed in `doc`'s text:
/// the endnote is the teacher's comment and neutral rewording, else the
/// category's description. Returns the marks and how many could not be placed.
pub fn file_marks(doc: &Document, marks: &[Annotation], lexicon: &Lexicon) -> (Vec<KeyMark>, usize) {
    let hash = crate::notes::text_sha256(&doc.text);
    let text = Text::new(doc.text.as_str());
    let mut out = Vec::new();
    let mut orphans = 0;
    for a in marks.iter().filter(|a| crate::agreement::belongs_to(a, doc, &hash)) {
        let Kind::Mark { category, rewording } = &a.kind else { continue };
        let Some(anchor) = text.anchor(&a.target.quote, &a.target.position) else {
            orphans += 1;
            continue;
        };
        let mut explanation =
            if a.text.is_empty() { lexicon.description(*category).to_string() } else { a.text.clone() };
        if let Some(r) = rewording {
            explanation.push_str(&format!(" Neutral wording: “{r}”."));
        }
        out.push(KeyMark { range: anchor.range, category: *category, rule: explanation.clone(), explanation });
    }
    (without_overlaps(out), orphans)
}

/// Sorted by start; a mark overlapping the one before it starts where that one ends
/// (its tag is kept even when nothing of its own is left to underline).
fn without_overlaps(mut marks: Vec<KeyMark>) -> Vec<KeyMark> {
    marks.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut end = 0;
    for m in &mut marks {
        m.range.start = m.range.start.max(end);
        m.range.end = m.range.end.max(m.range.start);
        end = m.range.end;
    }
    marks
}

/// The teacher's notes (not marks) from a notebook's entries.
pub fn teacher_notes<'a>(entries: impl Iterator<Item = (&'a Annotation, Option<&'a Anchor>)>) -> Vec<TeacherNote> {
    entries
        .filter(|(a, _)| a.kind == Kind::Note)
        .map(|(a, anchor)| TeacherNote {
            quote: words_of(&a.target.quote.exact),
            text: a.text.clone(),
            tags: a.tags.clone(),
            orphaned: anchor.is_none(),
        })
        .collect()
}

/// The exercise every source gets in the student version: (question, blank lines).
pub const EXERCISE: [(&str, usize); 4] = [
    ("Underline the framing language in the text and write its letter beside it (see “How to mark”).", 0),
    ("Choose the strongest example. What does its wording make the reader feel or assume?", 3),
    ("Rewrite one sentence you marked in neutral words.", 3),
    ("Who is quoted or named as a source, and who is not? Which claims have no named source?", 3),
];

/// The first thing a student reads.
fn instructions(sources: usize) -> String {
    match sources {
        1 => "One source. Read it, then do the exercise after it.".into(),
        n => format!("{n} sources on one story. Read each one, then do the exercise after it."),
    }
}

/// Blank lines after each of the teacher's questions.
pub const QUESTION_LINES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;

    fn mark(range: Range<usize>, category: Category, rule: &str) -> KeyMark {
        KeyMark { range, category, rule: rule.into(), explanation: format!("why {rule}") }
    }

    #[test]
    fn endnotes_are_shared_by_rule_and_numbered_in_order() {
        let doc = Document::from_plain("a.txt", "A massacre, a second massacre, and reportedly a  Massacre.");
        let t = &doc.text;
        let at = |w: &str, n: usize| {
            let s = t.match_indices(w).nth(n).unwrap().0;
            s..s + w.len()
        };
        let source = Source {
            doc: &doc,
            marks: vec![
                mark(at("massacre", 0), Category::Loaded, "massacre"),
                mark(at("massacre", 1), Category::Loaded, "massacre"),
                mark(at("reportedly", 0), Category::Hedge, "reportedly"),
                mark(at("Massacre", 0), Category::Loaded, "massacre"),
            ],
            notes: vec![],
        };
        let (notes, numbers) = source.endnotes();
        assert_eq!(numbers, [1, 1, 2, 1]);
        assert_eq!(notes[0].words, ["massacre", "Massacre"]);
        assert_eq!((notes[1].number, notes[1].category), (2, Category::Hedge));
    }

    #[test]
    fn tags_are_distinct_letters() {
        let mut letters: Vec<char> = Category::ALL.iter().map(|&c| tag(c)).collect();
        letters.sort();
        letters.dedup();
        assert_eq!(letters.len(), Category::ALL.len());
    }

    #[test]
    fn tool_marks_explain_labels_with_the_other_sources_names() {
        let docs = vec![
            Document::from_plain("a.txt", "The terror group fired rockets on Monday."),
            Document::from_plain("b.txt", "The militant group fired rockets on Monday."),
        ];
        let analysis = Analysis::run(&docs, &Options::default());
        let marks = tool_marks(&docs, &analysis, 0);
        let label = marks.iter().find(|m| m.category == Category::Label).expect("a label is marked");
        assert!(label.explanation.ends_with("Other sources: source 2: “militant group”."), "{}", label.explanation);
    }

    #[test]
    fn the_key_holds_both_layers_above_the_threshold_and_names_quoted_speakers() {
        use crate::framing::FramingSpan;
        use crate::quotes::{Quotation, Speaker, SpeakerKind};
        let text = "Officials said the plan was “a disgrace”, Mara Lind said. Talks may resume.";
        let docs = vec![Document::from_plain("a.txt", text)];
        let at = |needle: &str| text.find(needle).unwrap()..text.find(needle).unwrap() + needle.len();
        let threshold = crate::framing::Model::shipped().threshold;
        let spans = vec![
            FramingSpan::new(at("Officials said"), Category::Attribution, "anonymous_source"),
            FramingSpan { quote: Some(0), ..FramingSpan::new(at("disgrace"), Category::Loaded, "disgrace") },
            FramingSpan { confidence: threshold / 2.0, ..FramingSpan::new(at("may"), Category::Hedge, "may") },
        ];
        let quote = Quotation {
            range: at("“a disgrace”"),
            inner: at("a disgrace"),
            speaker: Some(Speaker { range: at("Mara Lind"), kind: SpeakerKind::Name, antecedent: None }),
            attributed: true,
        };
        let analysis = Analysis::from_parts(vec![spans], Vec::new(), Vec::new()).with_quotes(vec![vec![quote]]);
        let marks = tool_marks(&docs, &analysis, 0);
        let shown: Vec<&str> = marks.iter().map(|m| &text[m.range.clone()]).collect();
        assert_eq!(shown, ["Officials said", "disgrace"], "the sourcing layer stays, the low-confidence hedge goes");
        assert!(marks[1].explanation.starts_with("quoted: Mara Lind — "), "{}", marks[1].explanation);
        let key: Vec<_> = crate::agreement::tool_key(&analysis.framing[0]).into_iter().map(|s| s.range).collect();
        assert_eq!(key, [at("Officials said"), at("disgrace")], "scoring uses the same key as the handout");
    }

    #[test]
    fn overlapping_key_marks_are_clipped_not_lost() {
        let marks = without_overlaps(vec![
            mark(5..9, Category::Hedge, "b"),
            mark(0..6, Category::Loaded, "a"),
            mark(6..8, Category::Booster, "c"),
        ]);
        let ranges: Vec<Range<usize>> = marks.iter().map(|m| m.range.clone()).collect();
        assert_eq!(ranges, [0..6, 6..9, 9..9]);
    }
}
