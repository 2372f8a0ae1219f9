//! The reader's last session for a set of documents: focus, where each pane
//! was, toggles and the last search, so reopening the same documents carries
//! on where the reader stopped.
//!
//! One small JSON file per set of documents in `STATE_DIR/sessions/`
//! (`paths::state_dir()`), named by a hash of the documents' keys, whatever
//! their order on the command line. Positions are byte offsets into each
//! document's text (what the reader uses everywhere), so they survive a resize;
//! after the document changed they are clamped into the new text. Session state
//! is disposable: a broken file is reported and replaced by the next save.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::atomic;
use crate::document::Document;
use crate::notes::{source_of, text_sha256};

const VERSION: u32 = 1;
/// Sessions kept; older ones are removed when a new one is saved.
const MAX_SESSIONS: usize = 200;

/// Where one document's pane was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pane {
    /// Byte offset of the text at the top of the pane.
    pub top: usize,
    /// Byte offset of the cursor sentence's start.
    pub cursor: usize,
}

/// What the reader restores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The focused document, by [`document_key`].
    #[serde(default)]
    pub focus: Option<String>,
    /// By [`document_key`].
    #[serde(default)]
    pub panes: BTreeMap<String, Pane>,
    /// The reader's switches by name (the reader chooses the names).
    #[serde(default)]
    pub toggles: BTreeMap<String, bool>,
    #[serde(default)]
    pub last_search: Option<String>,
}

impl Session {
    /// Where `doc`'s pane was, moved into its current text (on a character boundary).
    pub fn pane_for(&self, doc: &Document) -> Option<Pane> {
        let clamp = |mut i: usize| {
            i = i.min(doc.text.len());
            while !doc.text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        self.panes.get(&document_key(doc)).map(|p| Pane { top: clamp(p.top), cursor: clamp(p.cursor) })
    }

    /// Index in `docs` of the focused document.
    pub fn focus_in(&self, docs: &[Document]) -> Option<usize> {
        let focus = self.focus.as_deref()?;
        docs.iter().position(|d| document_key(d) == focus)
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    /// The documents' keys, for a person reading the file.
    documents: Vec<String>,
    session: Session,
}

#[derive(Debug, Error)]
pub enum SessionError {
    #[error("no state directory: set XDG_STATE_HOME or HOME")]
    NoStateDir,
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("{path}:{line}:{column}: {reason}; the session is not restored and will be replaced")]
    Corrupt { path: PathBuf, line: usize, column: usize, reason: String },
}

/// A document's key: its IRI, or for standard input the hash of its text (the same piped text is the same document).
pub fn document_key(doc: &Document) -> String {
    source_of(doc).unwrap_or_else(|_| format!("sha256:{}", text_sha256(&doc.text)))
}

/// The sessions in a state directory.
#[derive(Clone, Debug)]
pub struct Sessions {
    dir: PathBuf,
}

impl Sessions {
    /// Sessions under `dir` (the state directory; files go to `dir/sessions`).
    pub fn new(dir: impl Into<PathBuf>) -> Sessions {
        Sessions { dir: dir.into().join("sessions") }
    }

    /// `$XDG_STATE_HOME/parallax/sessions` (else `~/.local/state/parallax/sessions`).
    pub fn default_location() -> Result<Sessions, SessionError> {
        crate::paths::state_dir().map(Sessions::new).ok_or(SessionError::NoStateDir)
    }

    fn keys(docs: &[Document]) -> Vec<String> {
        let mut keys: Vec<String> = docs.iter().map(document_key).collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The file of this set of documents.
    pub fn file(&self, docs: &[Document]) -> PathBuf {
        let digest = text_sha256(&Self::keys(docs).join("\n"));
        self.dir.join(format!("{}.json", &digest[..16]))
    }

    /// The last session for these documents; `Ok(None)` when there is none.
    pub fn load(&self, docs: &[Document]) -> Result<Option<Session>, SessionError> {
        let path = self.file(docs);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SessionError::Io { path, reason: e.to_string() }),
        };
        match serde_json::from_str::<File>(&text) {
            Ok(f) if f.version == VERSION => Ok(Some(f.session)),
            Ok(f) => Err(SessionError::Corrupt {
                path,
                line: 1,
                column: 1,
                reason: format!("unknown version {}", f.version),
            }),
            Err(e) => Err(SessionError::Corrupt { path, line: e.line(), column: e.column(), reason: e.to_string() }),
        }
    }

    /// Saves the session for these documents (atomically), and forgets the oldest sessions beyond a few hundred.
    pub fn save(&self, docs: &[Document], session: &Session) -> Result<(), SessionError> {
        let path = self.file(docs);
        let io_error = |e: io::Error| SessionError::Io { path: path.clone(), reason: e.to_string() };
        fs::create_dir_all(&self.dir).map_err(io_error)?;
        let file = File { version: VERSION, documents: Self::keys(docs), session: session.clone() };
        let json = serde_json::to_vec_pretty(&file).map_err(|e| io_error(io::Error::other(e)))?;
        atomic::write(&path, &json).map_err(io_error)?;
        self.prune();
        Ok(())
    }

    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else { return };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if files.len() <= MAX_SESSIONS {
            return;
        }
        files.sort();
        for (_, path) in &files[..files.len() - MAX_SESSIONS] {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(dir: &std::path::Path) -> Vec<Document> {
        ["a.txt", "b.txt"]
            .iter()
            .map(|name| {
                let path = dir.join(name);
                fs::write(&path, format!("Text of {name}. It has two sentences.")).unwrap();
                crate::load::load_paths(&[path]).unwrap().documents.remove(0)
            })
            .collect()
    }

    fn session(docs: &[Document]) -> Session {
        let mut s = Session {
            focus: Some(document_key(&docs[1])),
            last_search: Some("sentences".into()),
            ..Session::default()
        };
        s.panes.insert(document_key(&docs[0]), Pane { top: 0, cursor: 15 });
        s.panes.insert(document_key(&docs[1]), Pane { top: 15, cursor: 15 });
        s.toggles.insert("legend".into(), false);
        s
    }

    #[test]
    fn a_saved_session_loads_back_for_the_same_documents_in_any_order() {
        let state = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let docs = docs(files.path());
        let sessions = Sessions::new(state.path());
        assert_eq!(sessions.load(&docs).unwrap(), None);
        let s = session(&docs);
        sessions.save(&docs, &s).unwrap();
        let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
        let back = sessions.load(&reversed).unwrap().unwrap();
        assert_eq!(back, s);
        assert_eq!(back.focus_in(&reversed), Some(0));
        assert_eq!(back.pane_for(&docs[0]), Some(Pane { top: 0, cursor: 15 }));
        assert_eq!(sessions.load(&docs[..1]).unwrap(), None, "another set of documents has its own session");
    }

    #[test]
    fn positions_are_clamped_into_a_changed_text() {
        let files = tempfile::tempdir().unwrap();
        let docs = docs(files.path());
        let mut s = Session::default();
        s.panes.insert(document_key(&docs[0]), Pane { top: 10_000, cursor: 3 });
        let mut changed = docs[0].clone();
        changed.text = "Ça".into();
        assert_eq!(s.pane_for(&changed), Some(Pane { top: 3, cursor: 3 }));
        changed.text = "x".into();
        assert_eq!(s.pane_for(&changed).unwrap().cursor, 1);
        changed.text = "éé".into();
        assert_eq!(s.pane_for(&changed).unwrap().cursor, 2, "inside a character: moved back to its start");
    }

    #[test]
    fn standard_input_is_keyed_by_its_text() {
        let a = Document::from_plain("-", "Piped.");
        assert_eq!(document_key(&a), format!("sha256:{}", text_sha256("Piped.")));
    }

    #[test]
    fn a_broken_file_is_reported_with_its_position_and_replaced_by_the_next_save() {
        let state = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let docs = docs(files.path());
        let sessions = Sessions::new(state.path());
        fs::create_dir_all(state.path().join("sessions")).unwrap();
        fs::write(sessions.file(&docs), "{\"version\": 1,\n  \"session\": [}").unwrap();
        let err = sessions.load(&docs).unwrap_err().to_string();
        assert!(err.contains(".json:2:"), "{err}");
        sessions.save(&docs, &session(&docs)).unwrap();
        assert!(sessions.load(&docs).unwrap().is_some());
    }

    #[test]
    fn old_sessions_are_pruned() {
        let state = tempfile::tempdir().unwrap();
        let sessions = Sessions::new(state.path());
        for i in 0..MAX_SESSIONS + 3 {
            let doc = Document::from_plain("-", &format!("Text number {i}."));
            sessions.save(&[doc], &Session::default()).unwrap();
        }
        assert_eq!(fs::read_dir(state.path().join("sessions")).unwrap().count(), MAX_SESSIONS);
    }
}
