//! Blind marking: how a student's marks agree with a key (the tool's framing
//! spans, or a teacher's marks).
//!
//! Marks are compared by the words they cover (runs of letters and digits,
//! [`crate::words::spans`]), so a space, a quotation mark or a comma
//! at a mark's edge costs nothing. Overlap earns partial credit in the way of
//! the span-level scores of Da San Martino et al. (2019, propaganda technique
//! spans): a key mark is *matched* when the student marked any of its words,
//! and earns the share of its words the student marked; a student's mark is
//! *agreed* when any of its words is in a key mark, and earns the share of its
//! words that are. Finding spans is scored with categories ignored, and
//! separately per category; marks the key does not have are listed for
//! discussion, not counted as mistakes.

use std::fmt::Write as _;
use std::ops::Range;

use crate::document::Document;
use crate::framing::Category;
use crate::markup;
use crate::notes::{Annotation, Text, source_name, text_sha256};

/// A marked span: a byte range of the text with its category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub category: Category,
}

/// Agreement counts for one set of key marks and one set of student marks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Key marks (with at least one word).
    pub key: usize,
    /// Student marks (with at least one word).
    pub student: usize,
    /// Key marks the student found (marked at least one of their words).
    pub matched: usize,
    /// Student marks the key agrees with (at least one word in a key mark).
    pub agreed: usize,
    /// Sum over key marks of the share of their words the student marked.
    pub found_credit: f64,
    /// Sum over student marks of the share of their words inside key marks.
    pub agreed_credit: f64,
}

impl Counts {
    /// Key marks the student did not touch.
    pub fn missed(&self) -> usize {
        self.key - self.matched
    }

    /// Student marks the key has nothing on: material for discussion.
    pub fn extra(&self) -> usize {
        self.student - self.agreed
    }
}

/// How one student's marks on one document agree with the key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agreement {
    /// Finding spans, categories ignored.
    pub spans: Counts,
    /// Per category, in [`Category::ALL`] order: key and student marks of that category only.
    pub categories: Vec<(Category, Counts)>,
    /// Of the student's marks that share words with a key mark: how many share a category with one.
    pub same_category: usize,
    pub on_key_words: usize,
    /// Student marks no key mark touches ("found by you, not by the key"), by index.
    pub discussion: Vec<usize>,
    /// Student marks on key words but of another category: (student index, the key's category).
    pub other_category: Vec<(usize, Category)>,
    /// Key marks no student mark touches, by index.
    pub missed: Vec<usize>,
}

/// Marks as ranges of word indices; marks without words are `None`.
fn word_ranges(words: &[Range<usize>], spans: &[Span]) -> Vec<Option<Range<usize>>> {
    spans
        .iter()
        .map(|s| {
            let lo = words.partition_point(|w| w.end <= s.range.start);
            let hi = words.partition_point(|w| w.start < s.range.end);
            (lo < hi).then_some(lo..hi)
        })
        .collect()
}

fn counts(n_words: usize, key: &[&Range<usize>], student: &[&Range<usize>]) -> Counts {
    let cover = |marks: &[&Range<usize>]| {
        let mut covered = vec![false; n_words];
        for r in marks {
            covered[(*r).clone()].iter_mut().for_each(|c| *c = true);
        }
        covered
    };
    let (by_student, by_key) = (cover(student), cover(key));
    let mut c = Counts { key: key.len(), student: student.len(), ..Counts::default() };
    for (marks, covered, hits, credit) in [
        (key, &by_student, &mut c.matched, &mut c.found_credit),
        (student, &by_key, &mut c.agreed, &mut c.agreed_credit),
    ] {
        for r in marks {
            let inside = covered[(*r).clone()].iter().filter(|&&x| x).count();
            if inside > 0 {
                *hits += 1;
                *credit += inside as f64 / r.len() as f64;
            }
        }
    }
    c
}

/// Scores `student` marks against `key` marks on `text`.
pub fn score(text: &str, key: &[Span], student: &[Span]) -> Agreement {
    let words = crate::words::spans(text);
    let (kw, sw) = (word_ranges(&words, key), word_ranges(&words, student));
    let select = |ranges: &[Option<Range<usize>>], spans: &[Span], category: Option<Category>| -> Vec<Range<usize>> {
        ranges
            .iter()
            .zip(spans)
            .filter(|(_, s)| category.is_none_or(|c| s.category == c))
            .filter_map(|(r, _)| r.clone())
            .collect()
    };
    let run = |category: Option<Category>| {
        let (k, s) = (select(&kw, key, category), select(&sw, student, category));
        counts(words.len(), &k.iter().collect::<Vec<_>>(), &s.iter().collect::<Vec<_>>())
    };
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;

    let mut agreement = Agreement {
        spans: run(None),
        categories: Category::ALL.iter().map(|&c| (c, run(Some(c)))).collect(),
        ..Agreement::default()
    };
    for (i, s) in sw.iter().enumerate() {
        let Some(s) = s else { continue };
        let touched: Vec<Category> = kw
            .iter()
            .zip(key)
            .filter(|(k, _)| k.as_ref().is_some_and(|k| overlaps(k, s)))
            .map(|(_, k)| k.category)
            .collect();
        if touched.is_empty() {
            agreement.discussion.push(i);
        } else {
            agreement.on_key_words += 1;
            if touched.contains(&student[i].category) {
                agreement.same_category += 1;
            } else {
                agreement.other_category.push((i, touched[0]));
            }
        }
    }
    for (i, k) in kw.iter().enumerate() {
        let Some(k) = k else { continue };
        if !sw.iter().flatten().any(|s| overlaps(k, s)) {
            agreement.missed.push(i);
        }
    }
    agreement
}

/// The marks among `marks` that are on `doc` (the same text, else a file of
/// the same name), placed in its text; and how many could not be placed.
pub fn marks_on(doc: &Document, marks: &[Annotation]) -> (Vec<Span>, usize) {
    let hash = text_sha256(&doc.text);
    let text = Text::new(doc.text.as_str());
    let mut spans = Vec::new();
    let mut orphans = 0;
    for a in marks.iter().filter(|a| belongs_to(a, doc, &hash)) {
        let Some(category) = a.category() else { continue };
        match text.anchor(&a.target.quote, &a.target.position) {
            Some(anchor) => spans.push(Span { range: anchor.range, category }),
            None => orphans += 1,
        }
    }
    spans.sort_by_key(|s| (s.range.start, s.range.end));
    (spans, orphans)
}

/// Is annotation `a` about document `doc` (whose text hashes to `hash`)?
pub fn belongs_to(a: &Annotation, doc: &Document, hash: &str) -> bool {
    a.target.text_sha256 == hash || source_name(&a.target.source) == doc.file_name()
}

/// The key from the tool: the framing spans of one document that [`View::both_layers`](crate::framing::View::both_layers)
/// shows (both layers, as the exercise asks; at or above the confidence threshold, as the reader shows).
pub fn tool_key(spans: &[crate::framing::FramingSpan]) -> Vec<Span> {
    let view = crate::framing::View::both_layers();
    spans.iter().filter(|s| view.shows(s)).map(|s| Span { range: s.range.clone(), category: s.category }).collect()
}

/// One row of the class table.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRow {
    pub student: String,
    pub article: String,
    /// A category id, or `any` for span finding with categories ignored.
    pub category: String,
    pub counts: Counts,
}

/// Rows for one student on one article: `any`, then each category.
pub fn class_rows(student: &str, article: &str, a: &Agreement) -> Vec<ClassRow> {
    let row = |category: &str, counts: Counts| ClassRow {
        student: student.to_string(),
        article: article.to_string(),
        category: category.to_string(),
        counts,
    };
    std::iter::once(row("any", a.spans)).chain(a.categories.iter().map(|(c, n)| row(c.id(), *n))).collect()
}

/// The class table as CSV: one row per student × article × category.
pub fn class_csv(rows: &[ClassRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "student",
        "article",
        "category",
        "key_marks",
        "student_marks",
        "matched",
        "extra",
        "missed",
        "found_credit",
        "agreed_credit",
    ]);
    for r in rows {
        let c = &r.counts;
        let _ = w.write_record([
            markup::csv_cell(&r.student),
            markup::csv_cell(&r.article),
            r.category.clone(),
            c.key.to_string(),
            c.student.to_string(),
            c.matched.to_string(),
            c.extra().to_string(),
            c.missed().to_string(),
            format!("{:.2}", c.found_credit),
            format!("{:.2}", c.agreed_credit),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A student's feedback on one document, as plain text.
pub fn report(doc: &Document, key: &[Span], student: &[Span], a: &Agreement, key_name: &str) -> String {
    let quote = |r: &Range<usize>| markup::quoted(&doc.text[r.clone()]);
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", doc.file_name(), doc.title);
    let s = &a.spans;
    let _ = writeln!(
        out,
        "  Finding spans (any category): you found {} of {} marks of {key_name} (credit {:.1}); \
         {key_name} agrees with {} of your {} (credit {:.1}).",
        s.matched, s.key, s.found_credit, s.agreed, s.student, s.agreed_credit
    );
    if a.on_key_words > 0 {
        let _ = writeln!(
            out,
            "  Choosing categories: {} of your {} marks on {key_name}'s words have its category.",
            a.same_category, a.on_key_words
        );
    }
    let _ = writeln!(
        out,
        "  {:<18} {:>5} {:>5} {:>8} {:>6} {:>7}",
        "category", "key", "yours", "matched", "extra", "missed"
    );
    for (c, n) in a.categories.iter().filter(|(_, n)| n.key + n.student > 0) {
        let _ = writeln!(
            out,
            "  {:<18} {:>5} {:>5} {:>8} {:>6} {:>7}",
            c.name(),
            n.key,
            n.student,
            n.matched,
            n.extra(),
            n.missed()
        );
    }
    if !a.discussion.is_empty() {
        let _ = writeln!(out, "  Found by you, not by {key_name} (for discussion):");
        for &i in &a.discussion {
            let _ = writeln!(out, "    {} ({})", quote(&student[i].range), student[i].category.name());
        }
    }
    if !a.other_category.is_empty() {
        let _ = writeln!(out, "  Same words, another category:");
        for &(i, k) in &a.other_category {
            let _ = writeln!(
                out,
                "    {}: you said {}, {key_name} says {}",
                quote(&student[i].range),
                student[i].category.name(),
                k.name()
            );
        }
    }
    if !a.missed.is_empty() {
        let _ = writeln!(out, "  Not marked by you:");
        // The same words of the same category once, with a count.
        let mut missed: Vec<(String, Category, usize)> = Vec::new();
        for &i in &a.missed {
            let words = quote(&key[i].range);
            match missed.iter_mut().find(|(w, c, _)| *w == words && *c == key[i].category) {
                Some((_, _, n)) => *n += 1,
                None => missed.push((words, key[i].category, 1)),
            }
        }
        for (words, category, n) in missed {
            let times = if n > 1 { format!(" ×{n}") } else { String::new() };
            let _ = writeln!(out, "    {words} ({}){times}", category.name());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Officials said the “strategic pause” was a very good deal, but critics called it a disaster.";

    fn span(quote: &str, category: Category) -> Span {
        let s = TEXT.find(quote).unwrap();
        Span { range: s..s + quote.len(), category }
    }

    fn key() -> Vec<Span> {
        vec![
            span("Officials said", Category::Attribution),
            span("“strategic pause”", Category::ScareQuote),
            span("very good", Category::Booster),
            span("disaster", Category::Loaded),
        ]
    }

    #[test]
    fn identical_marks_agree_fully() {
        let a = score(TEXT, &key(), &key());
        assert_eq!(
            a.spans,
            Counts { key: 4, student: 4, matched: 4, agreed: 4, found_credit: 4.0, agreed_credit: 4.0 }
        );
        assert_eq!((a.same_category, a.on_key_words), (4, 4));
        assert!(a.discussion.is_empty() && a.missed.is_empty() && a.other_category.is_empty());
    }

    #[test]
    fn punctuation_and_spaces_at_the_edges_cost_nothing() {
        let student = vec![span("strategic pause” ", Category::ScareQuote), span(" a disaster.", Category::Loaded)];
        let a = score(TEXT, &key(), &student);
        let loaded = a.categories.iter().find(|(c, _)| *c == Category::Loaded).unwrap().1;
        // "a disaster" has one word more than "disaster": full credit found, half agreed.
        assert_eq!((loaded.matched, loaded.found_credit, loaded.agreed_credit), (1, 1.0, 0.5));
        let scare = a.categories.iter().find(|(c, _)| *c == Category::ScareQuote).unwrap().1;
        assert_eq!((scare.found_credit, scare.agreed_credit), (1.0, 1.0));
    }

    #[test]
    fn partial_overlap_earns_partial_credit() {
        let a = score(TEXT, &key(), &[span("good deal", Category::Booster)]);
        let b = a.categories.iter().find(|(c, _)| *c == Category::Booster).unwrap().1;
        assert_eq!((b.matched, b.agreed), (1, 1));
        assert_eq!((b.found_credit, b.agreed_credit), (0.5, 0.5));
        assert_eq!(a.spans.missed(), 3);
    }

    #[test]
    fn span_finding_is_scored_apart_from_the_category() {
        let a = score(TEXT, &key(), &[span("disaster", Category::Hedge)]);
        assert_eq!((a.spans.matched, a.spans.agreed), (1, 1), "the span was found");
        let loaded = a.categories.iter().find(|(c, _)| *c == Category::Loaded).unwrap().1;
        let hedge = a.categories.iter().find(|(c, _)| *c == Category::Hedge).unwrap().1;
        assert_eq!((loaded.matched, loaded.missed()), (0, 1));
        assert_eq!((hedge.student, hedge.extra()), (1, 1));
        assert_eq!(a.other_category, vec![(0, Category::Loaded)]);
        assert_eq!((a.same_category, a.on_key_words), (0, 1));
    }

    #[test]
    fn marks_the_key_lacks_are_for_discussion() {
        let a = score(TEXT, &key(), &[span("critics called", Category::Attribution)]);
        assert_eq!(a.discussion, vec![0]);
        assert_eq!(a.spans.extra(), 1);
        assert_eq!(a.missed, vec![0, 1, 2, 3]);
    }

    #[test]
    fn two_student_marks_on_one_key_mark() {
        let a = score(TEXT, &key(), &[span("very", Category::Booster), span("good", Category::Booster)]);
        let b = a.categories.iter().find(|(c, _)| *c == Category::Booster).unwrap().1;
        assert_eq!((b.key, b.student, b.matched, b.agreed, b.found_credit, b.agreed_credit), (1, 2, 1, 2, 1.0, 2.0));
    }

    #[test]
    fn marks_without_words_are_not_counted() {
        let a = score(TEXT, &key(), &[span(",", Category::Loaded)]);
        assert_eq!(a.spans.student, 0);
    }

    #[test]
    fn class_csv_has_a_row_per_category_and_any() {
        let a = score(TEXT, &key(), &[span("disaster", Category::Loaded)]);
        let rows = class_rows("=Ana", "a.txt", &a);
        assert_eq!(rows.len(), 1 + Category::ALL.len());
        let out = class_csv(&rows);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "student,article,category,key_marks,student_marks,matched,extra,missed,found_credit,agreed_credit"
        );
        assert_eq!(lines[1], "'=Ana,a.txt,any,4,1,1,0,3,1.00,1.00");
        assert_eq!(lines[2], "'=Ana,a.txt,loaded,1,1,1,0,0,1.00,1.00");
    }

    #[test]
    fn the_report_names_what_to_discuss() {
        let doc = Document::from_plain("a.txt", TEXT);
        let student = vec![span("critics called", Category::Attribution), span("disaster", Category::Hedge)];
        let a = score(&doc.text, &key(), &student);
        let out = report(&doc, &key(), &student, &a, "the tool");
        assert!(out.contains("you found 1 of 4 marks of the tool"), "{out}");
        assert!(
            out.contains("Found by you, not by the tool (for discussion):\n    “critics called” (attribution)"),
            "{out}"
        );
        assert!(out.contains("“disaster”: you said hedge, the tool says loaded language"), "{out}");
        assert!(out.contains("Not marked by you:\n    “Officials said” (attribution)"), "{out}");
    }
}
