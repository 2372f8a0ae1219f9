//! Notes and blind marking in the reading view: adding a note (`a`), moving
//! between notes (`]n` / `[n`), the notes list and what it asks for (jump, edit,
//! delete, undo), selection mode and marks, hiding the analysis (blind) and
//! revealing it with the agreement overlay. Every change goes through the
//! document's [`Notebook`](crate::notes::Notebook), which saves it at once.

use std::ops::Range;
use std::sync::Arc;

use crate::agreement::{self, Span};
use crate::claims::SentenceRef;
use crate::notes::{ChangeError, Draft, Kind};

use super::super::action::{Action, NoteEvent};
use super::super::app::Shared;
use super::super::classroom::{editable_text, parse_note};
use super::super::derived::Derived;
use super::super::modes::agreement::{AgreementView, lines, quoted};
use super::super::modes::note_prompt::{NotePrompt, Writing};
use super::super::modes::notes::NotesList;
use super::super::modes::select::Select;
use super::Reader;

/// What the prompt asks for, on a narrow screen.
const NOTE: &str = "note, #tags";
const REWORDING: &str = "neutral rewording (optional)";

/// Columns of a quote in the prompt.
const QUOTE: usize = 18;

fn short_quote(text: &str) -> String {
    quoted(text, QUOTE)
}

/// A change's outcome for the status line.
fn said(shared: &mut Shared, result: Result<String, ChangeError>) {
    match result {
        Ok(message) => shared.say(message),
        Err(e) => shared.say(e.to_string()),
    }
}

impl Reader {
    /// The reader's classroom actions.
    pub(super) fn classroom(&mut self, shared: &mut Shared, action: &Action) {
        match action {
            Action::AddNote => self.add_note(shared),
            Action::NextNote => self.move_to_note(shared, true),
            Action::PrevNote => self.move_to_note(shared, false),
            Action::NotesList => {
                let list = NotesList::new(shared, self.focus);
                shared.open(list);
            }
            Action::Select => self.select(shared),
            Action::Blind => self.toggle_blind(shared),
            Action::Reveal => self.reveal(shared),
            Action::Notes(event) => self.note_event(shared, event),
            _ => {}
        }
    }

    /// `a`: the prompt for a note on the highlight under the cursor, else on the cursor sentence.
    fn add_note(&mut self, shared: &mut Shared) {
        let doc = self.focus;
        if let Err(why) = shared.classroom.writable(doc) {
            shared.say(why);
            return;
        }
        let pane = self.panes[doc];
        let highlight = pane.highlight.and_then(|h| shared.analysis.as_ref()?.framing.get(doc)?.get(h));
        let d = &shared.docs[doc];
        let range = match highlight {
            Some(span) => span.range.clone(),
            None => match d.sentence_at(pane.cursor) {
                Some(s) => trimmed(&d.text, d.sentences[s].clone()),
                None => {
                    shared.say("no sentence here to note");
                    return;
                }
            },
        };
        let about = format!("note on {} · #tags", short_quote(&d.text[range.clone()]));
        shared.open(NotePrompt::new(Writing::New { doc, range }, "", about, NOTE));
    }

    /// `]n` / `[n`: the next or previous note or mark of the focused pane.
    fn move_to_note(&mut self, shared: &mut Shared, forward: bool) {
        let doc = self.focus;
        let cursor = self.panes[doc].cursor;
        let placed = shared.classroom.placed(doc);
        let found = if forward {
            placed.iter().find(|p| p.range.start > cursor)
        } else {
            placed.iter().rev().find(|p| p.range.start < cursor)
        };
        let Some(pos) = found.map(|p| p.range.start) else {
            shared.say(if forward { "no note below" } else { "no note above" });
            return;
        };
        self.panes[doc].cursor = pos;
        self.panes[doc].highlight = None;
        self.bring_into_view(shared, doc, pos);
        self.after_move(shared);
        let entry = shared.classroom.entries(doc).find(|e| e.anchor.is_some_and(|a| a.range.start == pos));
        if let Some(message) = entry.map(|e| describe(e.annotation)) {
            shared.say(message);
        }
    }

    /// `v`: selection mode from the cursor.
    fn select(&mut self, shared: &mut Shared) {
        let doc = self.focus;
        if let Err(why) = shared.classroom.writable(doc) {
            shared.say(why);
            return;
        }
        match Select::new(shared, doc, self.panes[doc].cursor) {
            Some(select) => {
                shared.classroom.selection = Some((doc, select.range()));
                shared.open(select);
            }
            None => shared.say("no words here to select"),
        }
    }

    fn note_event(&mut self, shared: &mut Shared, event: &NoteEvent) {
        match event {
            NoteEvent::Write { doc, range, text } => {
                let (text, tags) = parse_note(text);
                if text.is_empty() && tags.is_empty() {
                    shared.say("an empty note is not saved");
                    return;
                }
                let draft = Draft { kind: Kind::Note, text, tags };
                let result = change(shared, *doc, |nb| nb.add(range.clone(), draft).map(|_| "note saved".into()));
                said(shared, result);
            }
            NoteEvent::Edit { doc, id, text } => {
                let Some(a) = shared.classroom.book(*doc).and_then(|nb| nb.get(id)).map(|e| e.annotation.clone())
                else {
                    shared.say("that note is gone");
                    return;
                };
                let draft = match &a.kind {
                    Kind::Note => {
                        let (text, tags) = parse_note(text);
                        if text.is_empty() && tags.is_empty() {
                            let delete = "d in the list deletes it";
                            shared.say(format!("a note cannot be emptied: it is kept as it was ({delete})"));
                            return;
                        }
                        Draft { kind: Kind::Note, text, tags }
                    }
                    Kind::Mark { category, .. } => {
                        let rewording = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                        Draft { kind: Kind::Mark { category: *category, rewording }, text: a.text, tags: a.tags }
                    }
                };
                let result = change(shared, *doc, |nb| nb.edit(id, draft).map(|()| "saved".into()));
                said(shared, result);
            }
            NoteEvent::EditPrompt { doc, id } => {
                if let Err(why) = shared.classroom.writable(*doc) {
                    shared.say(why);
                    return;
                }
                let Some(a) = shared.classroom.book(*doc).and_then(|nb| nb.get(id)).map(|e| e.annotation.clone())
                else {
                    return;
                };
                let (about, short) = match a.kind {
                    Kind::Note => (format!("note on {} · #tags", short_quote(&a.target.quote.exact)), NOTE),
                    Kind::Mark { .. } => {
                        (format!("neutral rewording of {}", short_quote(&a.target.quote.exact)), REWORDING)
                    }
                };
                shared.open(NotePrompt::new(
                    Writing::Edit { doc: *doc, id: id.clone() },
                    &editable_text(&a),
                    about,
                    short,
                ));
            }
            NoteEvent::Jump { doc, id } => self.jump_to_note(shared, *doc, id),
            NoteEvent::Delete { doc, id } => {
                let result = change(shared, *doc, |nb| nb.delete(id).map(|()| "deleted (u in the list undoes)".into()));
                if result.is_ok() {
                    shared.classroom.last_deleted = Some(*doc);
                }
                said(shared, result);
            }
            NoteEvent::UndoDelete => {
                let Some(doc) = shared.classroom.last_deleted else {
                    shared.say("nothing deleted to bring back");
                    return;
                };
                let result = change(shared, doc, |nb| {
                    nb.undo_delete()
                        .map(|back| if back { "brought back" } else { "nothing deleted to bring back" }.into())
                });
                said(shared, result);
            }
            NoteEvent::Selection(selection) => {
                shared.classroom.selection = selection.clone();
                if let Some((doc, range)) = selection {
                    // The moving end stays in sight: bring both ends in, the end last.
                    self.bring_into_view(shared, *doc, range.start);
                    self.bring_into_view(shared, *doc, range.end.saturating_sub(1));
                }
            }
            NoteEvent::Mark { doc, range, category } => {
                let draft = Draft {
                    kind: Kind::Mark { category: *category, rewording: None },
                    text: String::new(),
                    tags: Vec::new(),
                };
                let result = change(shared, *doc, |nb| nb.add(range.clone(), draft));
                match result {
                    Ok(id) => {
                        let count = shared.classroom.mark_count();
                        shared.say(format!("marked as {} ({count} marks)", category.name()));
                        let due = shared.classroom.reveal_after.is_some_and(|n| count >= n);
                        if due && !shared.classroom.revealed {
                            self.reveal(shared);
                        } else {
                            let about = format!(
                                "neutral rewording of {} (optional)",
                                short_quote(&shared.docs[*doc].text[range.clone()])
                            );
                            shared.open(NotePrompt::new(Writing::Edit { doc: *doc, id }, "", about, REWORDING));
                        }
                    }
                    Err(e) => shared.say(e.to_string()),
                }
            }
        }
    }

    /// Enter in the notes list: the cursor to the note, as a jump (`Ctrl-o` comes back).
    fn jump_to_note(&mut self, shared: &mut Shared, doc: usize, id: &str) {
        let Some(entry) = shared.classroom.book(doc).and_then(|nb| nb.get(id)) else { return };
        let message = describe(entry.annotation);
        let Some(range) = entry.anchor.map(|a| a.range.clone()) else {
            shared.say(format!("orphaned: its passage is no longer in the text · {message}"));
            return;
        };
        self.record_jump();
        self.set_focus(shared, doc);
        self.panes[doc].cursor = range.start;
        self.panes[doc].highlight = None;
        self.bring_into_view(shared, doc, range.start);
        self.flash = shared.docs[doc].sentence_at(range.start).map(|sentence| SentenceRef { doc, sentence });
        self.after_move(shared);
        shared.say(message);
    }

    /// `B`: hide the tool's highlights and links (the analysis is withheld from
    /// the views, so nothing shows or moves by it), or show them again.
    fn toggle_blind(&mut self, shared: &mut Shared) {
        if shared.classroom.withholds() {
            shared.classroom.blind = false;
            self.restore_analysis(shared);
            shared.say("the tool's highlights and links are shown");
        } else {
            shared.classroom.blind = true;
            shared.classroom.revealed = false;
            self.withhold_analysis(shared);
            let select = shared.keymap.first_key("select").unwrap_or_default();
            let reveal = shared.keymap.first_key("reveal").unwrap_or_default();
            shared.say(format!("blind marking: {select} selects words to mark, {reveal} reveals the tool's marks"));
        }
    }

    /// Takes the analysis from the views (blind marking).
    pub(crate) fn withhold_analysis(&mut self, shared: &mut Shared) {
        if let Some(analysis) = shared.analysis.take() {
            shared.classroom.withheld = Some(analysis);
        }
        shared.derived = Derived::default();
        shared.generation += 1;
        self.forget_hidden_highlight(shared);
        self.panel.open = false;
        self.aligned = false;
        self.relayout(shared);
    }

    fn restore_analysis(&mut self, shared: &mut Shared) {
        let Some(analysis) = shared.classroom.withheld.take() else { return };
        shared.analysis = Some(Arc::clone(&analysis));
        shared.derived = Derived::new(&shared.docs, Some(&analysis));
        shared.generation += 1;
        use super::super::view::View;
        self.analysis_changed(shared, None);
    }

    /// `R` (or the Nth mark with `--reveal-after N`): the tool's highlights come back beside
    /// the student's marks, and the agreement overlay opens.
    pub(crate) fn reveal(&mut self, shared: &mut Shared) {
        shared.classroom.revealed = true;
        self.restore_analysis(shared);
        let (keys, name): (Vec<Vec<Span>>, String) = match &shared.classroom.key {
            Some(key) => (key.spans.clone(), "the key".into()),
            None => match &shared.analysis {
                Some(a) => (a.framing.iter().map(|f| agreement::tool_key(f)).collect(), "the tool".into()),
                None => {
                    let reveal = shared.keymap.first_key("reveal").unwrap_or_default();
                    shared.say(format!("the tool is still analysing: {reveal} shows the agreement when it is done"));
                    return;
                }
            },
        };
        let view = AgreementView::new(lines(shared, &keys, &name), &name);
        shared.open(view);
    }
}

/// Runs `f` on the notebook of `doc` (refused with the reason when notes cannot be
/// changed), then updates what is drawn. A change kept in memory but not saved is still drawn.
fn change<T>(
    shared: &mut Shared,
    doc: usize,
    f: impl FnOnce(&mut crate::notes::Notebook) -> Result<T, ChangeError>,
) -> Result<T, ChangeError> {
    let nb = shared.classroom.writable(doc).map_err(ChangeError::ReadOnly)?;
    let result = f(nb);
    shared.classroom.replace(doc);
    result
}

/// `range` without the spaces at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    if start < end { start..end } else { range }
}

/// A note or mark in one line, for the status line.
fn describe(a: &crate::notes::Annotation) -> String {
    match &a.kind {
        Kind::Note => {
            let tags: String = a.tags.iter().map(|t| format!(" #{t}")).collect();
            format!("✎ {}{tags}", a.text)
        }
        Kind::Mark { category, rewording } => match rewording {
            Some(r) => format!("◆ {} → “{r}”", category.name()),
            None => format!("◆ {}", category.name()),
        },
    }
}
