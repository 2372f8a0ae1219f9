//! What the reader keeps for a class: each document's notebook (notes and
//! marks, saved by [`crate::notes`] on every change), blind marking (the
//! analysis withheld from the views until reveal), the answer key, and the span
//! selection mode is showing.

use std::ops::Range;
use std::sync::Arc;

use crate::agreement::{self, Span};
use crate::analysis::Analysis;
use crate::document::Document;
use crate::framing::Category;
use crate::notes::{Annotation, Entry, Kind, Notebook, Store};

/// How the reader starts a class (from the command line).
#[derive(Clone, Debug, Default)]
pub struct ClassroomSettings {
    /// Start with the tool's highlights and links hidden.
    pub blind: bool,
    /// Reveal by itself once the student has made this many marks.
    pub reveal_after: Option<usize>,
    /// A teacher's answer key (its name and its marks) instead of the tool's analysis.
    pub key: Option<(String, Vec<Annotation>)>,
}

/// A teacher's key placed in the documents.
#[derive(Clone, Debug)]
pub struct TeacherKey {
    pub name: String,
    /// Per document, its marks.
    pub spans: Vec<Vec<Span>>,
}

/// A note or a mark where it stands in the text, for drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub range: Range<usize>,
    /// `None` for a note.
    pub mark: Option<Category>,
}

pub struct Classroom {
    /// Per document: its notebook, or why it has none (standard input, no data directory).
    books: Vec<Result<Notebook, String>>,
    /// Per document, where its notes and marks stand, sorted by start (rebuilt after each change).
    placed: Vec<Vec<Placed>>,
    /// The tool's highlights and links are hidden (unless revealed).
    pub blind: bool,
    pub revealed: bool,
    pub reveal_after: Option<usize>,
    pub key: Option<TeacherKey>,
    /// The analysis while blind marking hides it from the views.
    pub withheld: Option<Arc<Analysis>>,
    /// The words selection mode has selected: document and byte range.
    pub selection: Option<(usize, Range<usize>)>,
    /// The document whose notebook had the last deletion (for undo).
    pub last_deleted: Option<usize>,
}

impl Classroom {
    /// No notebooks yet: notes are refused with `why` until [`attach`](Self::attach).
    pub fn new(docs: usize, why: &str) -> Classroom {
        Classroom {
            books: (0..docs).map(|_| Err(why.to_string())).collect(),
            placed: vec![Vec::new(); docs],
            blind: false,
            revealed: false,
            reveal_after: None,
            key: None,
            withheld: None,
            selection: None,
            last_deleted: None,
        }
    }

    /// Opens each document's notebook in `store`; returns what the reader should be told
    /// (a refusal, a read-only data directory, a broken notes file set aside).
    pub fn attach(&mut self, store: &Store, docs: &[Document]) -> Vec<String> {
        let mut messages = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let book = store.open(doc).map_err(|e| e.to_string());
            match &book {
                Ok(nb) => {
                    messages.extend(nb.warnings().iter().cloned());
                    messages.extend(nb.read_only().map(str::to_string));
                }
                // Standard input is refused only when someone tries to take a note on it.
                Err(e) if doc.path != "-" => messages.push(e.clone()),
                Err(_) => {}
            }
            self.books[i] = book;
            self.replace(i);
        }
        messages.dedup();
        messages
    }

    /// Applies the command line's settings: blind marking, when to reveal, a teacher's key.
    pub fn configure(&mut self, settings: &ClassroomSettings, docs: &[Document]) -> Vec<String> {
        self.blind = settings.blind;
        self.reveal_after = settings.reveal_after;
        let mut messages = Vec::new();
        if let Some((name, marks)) = &settings.key {
            let mut spans = Vec::new();
            for doc in docs {
                let (s, orphans) = agreement::marks_on(doc, marks);
                if orphans > 0 {
                    messages.push(format!("{name}: {orphans} marks of the key could not be placed in {}", doc.path));
                }
                spans.push(s);
            }
            self.key = Some(TeacherKey { name: name.clone(), spans });
        }
        messages
    }

    /// Whether the analysis is kept from the views.
    pub fn withholds(&self) -> bool {
        self.blind && !self.revealed
    }

    pub fn book(&self, doc: usize) -> Option<&Notebook> {
        self.books.get(doc)?.as_ref().ok()
    }

    /// The notebook of `doc` if notes can be changed there, else why not.
    pub fn writable(&mut self, doc: usize) -> Result<&mut Notebook, String> {
        match self.books.get_mut(doc) {
            Some(Ok(nb)) => match nb.read_only() {
                Some(why) => Err(why.to_string()),
                None => Ok(nb),
            },
            Some(Err(why)) => Err(why.clone()),
            None => Err("no such document".into()),
        }
    }

    /// The notes and marks of `doc`: placed ones by position, then orphans.
    pub fn entries(&self, doc: usize) -> impl Iterator<Item = Entry<'_>> {
        self.book(doc).into_iter().flat_map(Notebook::entries)
    }

    pub fn placed(&self, doc: usize) -> &[Placed] {
        self.placed.get(doc).map_or(&[], Vec::as_slice)
    }

    /// After a change to the notebook of `doc`: where its notes stand now.
    pub fn replace(&mut self, doc: usize) {
        let placed = self
            .entries(doc)
            .filter_map(|e| Some(Placed { range: e.anchor?.range.clone(), mark: e.annotation.category() }))
            .collect::<Vec<_>>();
        self.placed[doc] = placed;
        // The notebook sorts by position; the gutter's binary search relies on it.
        self.placed[doc].sort_by_key(|p| (p.range.start, p.range.end));
    }

    /// The student's marks on `doc`, as spans to score.
    pub fn marks(&self, doc: usize) -> Vec<Span> {
        self.placed(doc).iter().filter_map(|p| Some(Span { range: p.range.clone(), category: p.mark? })).collect()
    }

    pub fn mark_count(&self) -> usize {
        self.placed.iter().flatten().filter(|p| p.mark.is_some()).count()
    }

    /// Flags for the status line.
    pub fn flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        if self.withholds() {
            flags.push("BLIND".into());
        }
        if self.revealed && self.blind {
            flags.push("REVEALED".into());
        }
        flags
    }
}

/// A note's text as typed: `#tag` words are its tags, the rest its text.
pub fn parse_note(typed: &str) -> (String, Vec<String>) {
    let mut words = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for w in typed.split_whitespace() {
        match w.strip_prefix('#').filter(|t| !t.is_empty()) {
            Some(tag) if !tags.iter().any(|t| t == tag) => tags.push(tag.to_string()),
            Some(_) => {}
            None => words.push(w),
        }
    }
    (words.join(" "), tags)
}

/// What the prompt shows to edit an annotation: a note's text and `#tags`, or a mark's rewording.
pub fn editable_text(a: &Annotation) -> String {
    match &a.kind {
        Kind::Note => {
            let tags = a.tags.iter().map(|t| format!("#{t}"));
            std::iter::once(a.text.clone()).filter(|t| !t.is_empty()).chain(tags).collect::<Vec<_>>().join(" ")
        }
        Kind::Mark { rewording, .. } => rewording.clone().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_hash_words_and_the_rest_is_text() {
        assert_eq!(
            parse_note("check the #numbers figure #pay #numbers"),
            ("check the figure".into(), vec!["numbers".into(), "pay".into()])
        );
        assert_eq!(parse_note("  # alone "), ("# alone".into(), vec![]), "a lone # is no tag");
        assert_eq!(parse_note(""), (String::new(), vec![]));
    }
}
