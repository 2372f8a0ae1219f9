//! Where notes live and how they are kept safe.
//!
//! One file per document in `DATA_DIR/notes/` (`paths::data_dir()`), named after
//! the document and a hash of its IRI: a header line, then one Web Annotation
//! (JSON) a line, so a hand-edited file's mistakes have a line number.
//!
//! Safety, in the order things go wrong:
//! - Every change is saved at once, atomically ([`crate::atomic`]): a crash, a
//!   `kill -9` or a full disk mid-save leaves the previous file whole.
//! - A second parallax on the same document: saves take a lock (a separate
//!   `.lock` file, held for the few milliseconds of the save, which also counts
//!   the saves), re-read the file if someone else changed it since this process
//!   last read or wrote it (the count, or the file's size, time or inode moved),
//!   and merge: this process's own changes (additions, edits, deletions since
//!   then) over the file's current content. Nobody's notes are overwritten; two
//!   edits of the same note keep the later save.
//! - A data directory that cannot be written: the notebook opens read-only with
//!   a message saying why; existing notes are still shown. A save that fails for
//!   another reason (a full disk) keeps the change in memory, says so, and is
//!   tried again with the next change.
//! - A corrupt or hand-broken file: the lines that parse are kept; the file is
//!   set aside under a new name (never overwritten), and the message names the
//!   file and the first bad line.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::anchor::{Anchor, Placement, Text};
use super::wire::{self, WireAnnotation};
use super::{Annotation, Kind, SourceError, Target, now, source_of, text_sha256};
use crate::atomic;
use crate::document::Document;

/// The `type` of a notes file's first line.
pub const HEADER_TYPE: &str = "parallax-notes";
const VERSION: u32 = 1;
/// How long a save waits for another process's save to finish.
const LOCK_WAIT: Duration = Duration::from_secs(5);
/// Temporary files older than this were left by a killed writer.
const STALE_TEMPORARY: Duration = Duration::from_secs(600);

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("no data directory: set XDG_DATA_HOME or HOME")]
    NoDataDir,
    #[error("{path}: cannot read notes: {cause}")]
    Read { path: PathBuf, cause: io::Error },
}

/// A save that did not happen; the change it carried is kept in memory.
#[derive(Debug, Error)]
#[error("notes not saved to {path}: {reason}")]
pub struct SaveError {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Error)]
pub enum ChangeError {
    #[error("{0}")]
    ReadOnly(String),
    #[error("no note {0}")]
    NotFound(String),
    #[error("the passage is empty or outside the text")]
    BadRange,
    /// The change was made in memory but could not be saved; it is saved with the next change.
    #[error("{0}; the change is kept and will be saved with the next one (notes saved before are safe)")]
    NotSaved(SaveError),
}

/// Where parallax keeps notes: a data directory.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Header {
    #[serde(rename = "type")]
    kind: String,
    version: u32,
    source: String,
    /// The text the notes were last anchored in, so a moved or copied file finds them.
    #[serde(rename = "textSha256", default)]
    text_sha256: String,
}

/// What a notes file held: its source, its annotations (each with its line as
/// read, saved again as it is while the annotation is unchanged), and its
/// broken lines.
struct Parsed {
    header: Option<Header>,
    annotations: Vec<(Annotation, String)>,
    /// (line number, message), in file order.
    errors: Vec<(usize, String)>,
}

impl Store {
    /// The store in `dir` (the data directory; notes go to `dir/notes`).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store in `$XDG_DATA_HOME/parallax` (else `~/.local/share/parallax`).
    pub fn default_location() -> Result<Store, StoreError> {
        crate::paths::data_dir().map(Store::new).ok_or(StoreError::NoDataDir)
    }

    pub fn notes_dir(&self) -> PathBuf {
        self.dir.join("notes")
    }

    /// The notes of `doc`, placed in its current text. Refused for standard input.
    pub fn open(&self, doc: &Document) -> Result<Notebook, StoreError> {
        let source = source_of(doc)?;
        self.open_source(&source, doc.text.as_str())
    }

    /// The notes of `doc` for reading only: nothing is written, not even to set aside a broken file.
    pub fn open_read_only(&self, doc: &Document) -> Result<Notebook, StoreError> {
        let source = source_of(doc)?;
        self.open_at(&source, Text::new(doc.text.as_str()), false)
    }

    /// The notes of the document named `source`, whose current text is `text`.
    pub fn open_source(&self, source: &str, text: impl Into<Arc<str>>) -> Result<Notebook, StoreError> {
        self.open_at(source, Text::new(text), true)
    }

    fn open_at(&self, source: &str, text: Text, writable: bool) -> Result<Notebook, StoreError> {
        let hash = text_sha256(text.as_str());
        let file = self.file_for(source, &hash);
        let mut nb = Notebook {
            lock: lock_path(&file),
            file,
            source: source.to_string(),
            text,
            text_sha256: hash,
            items: Vec::new(),
            changed: HashSet::new(),
            seen: None,
            deleted: None,
            warnings: Vec::new(),
            read_only: None,
            write: write_atomically,
        };
        if writable {
            if let Err(e) = nb.probe() {
                nb.read_only = Some(format!(
                    "notes are read-only: {} cannot be written ({e}); notes already saved are shown",
                    nb.file.parent().unwrap_or(&nb.file).display()
                ));
            }
        } else {
            nb.read_only = Some("notes opened for reading only".into());
        }
        // The count first: a save finishing in between then shows as a change later.
        let generation = fs::read_to_string(&nb.lock).ok().and_then(|s| s.trim().parse().ok());
        let (bytes, id) = match read_with_id(&nb.file) {
            Ok(Some((bytes, id))) => (Some(bytes), Some(id)),
            Ok(None) => (None, None),
            Err(cause) => return Err(StoreError::Read { path: nb.file.clone(), cause }),
        };
        nb.seen = Some(Seen { generation, file: id });
        if let Some(bytes) = bytes {
            let parsed = parse_file(&bytes);
            let kept = parsed.annotations.len();
            nb.items = parsed
                .annotations
                .into_iter()
                .map(|(annotation, line)| Item { annotation, anchor: None, line: Some(line) })
                .collect();
            if let Some(&(line, ref msg)) = parsed.errors.first() {
                nb.set_aside(line, msg, parsed.errors.len(), kept);
            }
        }
        nb.place_all();
        nb.refresh_selectors();
        Ok(nb)
    }

    /// The notes file of `source`; when it has none, the notes file of a
    /// document with the same text (the file was moved or copied).
    fn file_for(&self, source: &str, text_sha256: &str) -> PathBuf {
        let own = self.notes_dir().join(file_name(source));
        if own.exists() {
            return own;
        }
        let found =
            self.notes_files().into_iter().find(|f| read_header(f).is_some_and(|h| h.text_sha256 == text_sha256));
        found.unwrap_or(own)
    }

    fn notes_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.notes_dir()) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        files.sort();
        files
    }

    /// Every notes file's annotations, as stored (not re-anchored): for exports
    /// of everything. Broken lines are reported in the warnings, files are not touched.
    pub fn all(&self) -> (Vec<(String, Vec<Annotation>)>, Vec<String>) {
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        for file in self.notes_files() {
            let bytes = match fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    warnings.push(format!("{}: cannot read: {e}", file.display()));
                    continue;
                }
            };
            let parsed = parse_file(&bytes);
            for (line, msg) in &parsed.errors {
                warnings.push(format!("{}:{line}: {msg}", file.display()));
            }
            let source = parsed
                .header
                .map(|h| h.source)
                .or_else(|| parsed.annotations.first().map(|(a, _)| a.target.source.clone()))
                .unwrap_or_default();
            out.push((source, parsed.annotations.into_iter().map(|(a, _)| a).collect()));
        }
        (out, warnings)
    }

    /// Saves the text of a document read from standard input, so that notes can
    /// be anchored to it; returns the file (open it with parallax to take notes).
    pub fn save_text(&self, text: &str) -> io::Result<PathBuf> {
        let dir = self.dir.join("texts");
        fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}.txt", &text_sha256(text)[..16]));
        if !path.exists() {
            atomic::write(&path, text.as_bytes())?;
        }
        Ok(path)
    }
}

/// `NAME-HASH.jsonl`: the document's file name (for people browsing the
/// directory) and 16 hex digits of the SHA-256 of its IRI (for uniqueness).
fn file_name(source: &str) -> String {
    let name: String = super::source_name(source)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' { c } else { '_' })
        .take(40)
        .collect();
    let name = name.trim_start_matches('.');
    format!("{name}-{}.jsonl", &text_sha256(source)[..16])
}

fn lock_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    file.with_file_name(name)
}

fn read_header(file: &Path) -> Option<Header> {
    let mut line = String::new();
    BufReader::new(File::open(file).ok()?).read_line(&mut line).ok()?;
    serde_json::from_str::<Header>(&line).ok().filter(|h| h.kind == HEADER_TYPE)
}

fn parse_file(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed { header: None, annotations: Vec::new(), errors: Vec::new() };
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = i + 1;
        let Ok(line) = std::str::from_utf8(line) else {
            parsed.errors.push((number, "not valid UTF-8".into()));
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        if i == 0
            && let Ok(h) = serde_json::from_str::<Header>(line)
            && h.kind == HEADER_TYPE
        {
            parsed.header = Some(h);
            continue;
        }
        match wire::parse(line) {
            Ok(a) => {
                // A repeated id (a hand edit): the later line wins.
                match index.get(&a.id) {
                    Some(&i) => parsed.annotations[i] = (a, line.to_string()),
                    None => {
                        index.insert(a.id.clone(), parsed.annotations.len());
                        parsed.annotations.push((a, line.to_string()));
                    }
                }
            }
            Err(e) => parsed.errors.push((number, e.to_string())),
        }
    }
    parsed
}

/// What a new or edited note says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    pub text: String,
    pub tags: Vec<String>,
}

/// An annotation and where it stands in the current text (`None`: an orphan).
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub annotation: &'a Annotation,
    pub anchor: Option<&'a Anchor>,
}

/// One annotation of a notebook.
struct Item {
    annotation: Annotation,
    anchor: Option<Anchor>,
    /// Its JSON line as last read or written; `None` after a change, until the
    /// next save writes it anew (so a save serialises only what changed).
    line: Option<String>,
}

/// What a process last knew of the files on disk. A save that finds either
/// part changed reads the notes file again and merges.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    /// The lock file's save count: every save adds one while it holds the lock.
    generation: Option<u64>,
    /// The notes file (`None`: there was none). A hand edit, or a writer killed
    /// before it counted its save, shows here.
    file: Option<FileId>,
}

/// A file's identity as far as a change is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId {
    len: u64,
    modified: Option<SystemTime>,
    /// Every save writes a new file: on Unix its inode differs from the one it replaces.
    inode: u64,
}

impl FileId {
    fn of(meta: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        FileId { len: meta.len(), modified: meta.modified().ok(), inode }
    }
}

/// The file's bytes and identity (of the very file read); `None` when there is none.
fn read_with_id(path: &Path) -> io::Result<Option<(Vec<u8>, FileId)>> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        // No notes yet, or no directory for them (a file in its place: then read-only too).
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => return Ok(None),
        Err(e) => return Err(e),
    };
    let id = FileId::of(&file.metadata()?);
    let mut bytes = Vec::with_capacity(id.len as usize);
    file.read_to_end(&mut bytes)?;
    Ok(Some((bytes, id)))
}

/// How a notes file is written: atomically, through a buffer.
type Writer = fn(&Path, &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()>;

fn write_atomically(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    atomic::write_with(path, |f| {
        let mut w = io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut w)?;
        w.flush()
    })
}

/// The notes of one document, placed in its current text.
pub struct Notebook {
    file: PathBuf,
    lock: PathBuf,
    source: String,
    text: Text,
    text_sha256: String,
    /// Placed ones by position, then orphans.
    items: Vec<Item>,
    /// Ids added, edited or deleted here since the file was last read or written.
    changed: HashSet<String>,
    /// `None` after the file was set aside: the next save writes everything.
    seen: Option<Seen>,
    /// The last deletion, for undo.
    deleted: Option<Annotation>,
    warnings: Vec<String>,
    read_only: Option<String>,
    /// Tests inject failures here.
    write: Writer,
}

impl Notebook {
    /// The document's IRI.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The notes file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Placed annotations by position, then orphans.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.items.iter().map(|i| Entry { annotation: &i.annotation, anchor: i.anchor.as_ref() })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<Entry<'_>> {
        self.entries().find(|e| e.annotation.id == id)
    }

    /// Messages for the user: a file set aside, a broken line.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Why changes are refused, when they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Changes made here that are not saved yet (after a failed save).
    pub fn unsaved(&self) -> usize {
        self.changed.len()
    }

    /// Adds a note or mark on byte range `range` of the text; saves.
    pub fn add(&mut self, range: Range<usize>, draft: Draft) -> Result<String, ChangeError> {
        self.writable()?;
        let text = self.text.as_str();
        if range.start >= range.end
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            return Err(ChangeError::BadRange);
        }
        let time = now();
        let annotation = Annotation {
            id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            kind: draft.kind,
            text: draft.text,
            tags: draft.tags,
            creator: None,
            created: time.clone(),
            modified: time,
            target: self.target_at(range.clone()),
        };
        let id = annotation.id.clone();
        self.changed.insert(id.clone());
        let anchor = Some(Anchor { range, placement: Placement::Position });
        self.items.push(Item { annotation, anchor, line: None });
        self.sort();
        self.save_change()?;
        Ok(id)
    }

    /// Replaces what note `id` says; saves. Its passage stays where it is placed now.
    pub fn edit(&mut self, id: &str, draft: Draft) -> Result<(), ChangeError> {
        self.writable()?;
        let i = self.index(id)?;
        let target = self.items[i].anchor.as_ref().map(|a| self.target_at(a.range.clone()));
        let item = &mut self.items[i];
        let a = &mut item.annotation;
        a.kind = draft.kind;
        a.text = draft.text;
        a.tags = draft.tags;
        a.modified = now();
        if let Some(t) = target {
            // Editing a note confirms where it stands (also after an approximate placement).
            a.target = t;
        }
        if let Some(anchor) = &mut item.anchor {
            anchor.placement = Placement::Position;
        }
        item.line = None;
        self.changed.insert(id.to_string());
        self.save_change()
    }

    /// Deletes note `id`; saves. [`undo_delete`](Self::undo_delete) brings it back.
    pub fn delete(&mut self, id: &str) -> Result<(), ChangeError> {
        self.writable()?;
        let i = self.index(id)?;
        self.deleted = Some(self.items.remove(i).annotation);
        self.changed.insert(id.to_string());
        self.save_change()
    }

    /// Restores the last deleted note; `Ok(false)` when there is none.
    pub fn undo_delete(&mut self) -> Result<bool, ChangeError> {
        self.writable()?;
        let Some(annotation) = self.deleted.take() else { return Ok(false) };
        self.changed.insert(annotation.id.clone());
        let anchor = self.text.anchor(&annotation.target.quote, &annotation.target.position);
        self.items.push(Item { annotation, anchor, line: None });
        self.sort();
        self.save_change()?;
        Ok(true)
    }

    /// Saves unsaved changes (after a failed save), merging with other processes' changes.
    pub fn save(&mut self) -> Result<(), SaveError> {
        if let Some(reason) = &self.read_only {
            return Err(SaveError { path: self.file.clone(), reason: reason.clone() });
        }
        let path = self.file.clone();
        let error = |reason: String| SaveError { path: path.clone(), reason };
        let dir = self.file.parent().unwrap_or(Path::new(".")).to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| error(e.to_string()))?;
        let mut lock = lock(&self.lock).map_err(|e| error(e.to_string()))?;
        let generation = read_generation(&mut lock);
        self.merge_from_disk(generation)?;
        self.write_file().map_err(|e| error(describe_io(&e)))?;
        let file = fs::metadata(&self.file).map(|m| FileId::of(&m)).ok();
        let next = generation.unwrap_or(0).wrapping_add(1);
        // A count that fails to be written only makes the next save read the file.
        let counted = write_generation(&mut lock, next).is_ok();
        self.seen = Some(Seen { generation: counted.then_some(next), file });
        self.changed.clear();
        Ok(())
    }

    fn save_change(&mut self) -> Result<(), ChangeError> {
        self.save().map_err(ChangeError::NotSaved)
    }

    fn writable(&self) -> Result<(), ChangeError> {
        match &self.read_only {
            Some(reason) => Err(ChangeError::ReadOnly(reason.clone())),
            None => Ok(()),
        }
    }

    fn index(&self, id: &str) -> Result<usize, ChangeError> {
        self.items.iter().position(|i| i.annotation.id == id).ok_or_else(|| ChangeError::NotFound(id.to_string()))
    }

    fn target_at(&self, range: Range<usize>) -> Target {
        let (quote, position) = self.text.describe(range);
        Target { source: self.source.clone(), text_sha256: self.text_sha256.clone(), quote, position }
    }

    /// Can the notes directory be written? Creates it, and the lock file.
    fn probe(&self) -> io::Result<()> {
        fs::create_dir_all(self.file.parent().unwrap_or(Path::new(".")))?;
        OpenOptions::new().create(true).truncate(false).write(true).open(&self.lock)?;
        let name = self.file.file_name().unwrap_or_default().to_string_lossy();
        atomic::remove_stale_temporaries(self.file.parent().unwrap_or(Path::new(".")), &name, STALE_TEMPORARY);
        Ok(())
    }

    /// Reads the file again if another process saved since this one last read
    /// or wrote it, and takes its content except for what was changed here.
    fn merge_from_disk(&mut self, generation: Option<u64>) -> Result<(), SaveError> {
        let file = fs::metadata(&self.file).ok().map(|m| FileId::of(&m));
        if self.seen.as_ref() == Some(&Seen { generation, file }) {
            return Ok(());
        }
        let read =
            read_with_id(&self.file).map_err(|e| SaveError { path: self.file.clone(), reason: describe_io(&e) })?;
        let mut theirs: Vec<Item> = Vec::new();
        if let Some((bytes, _)) = read {
            let parsed = parse_file(&bytes);
            if let Some(&(line, ref msg)) = parsed.errors.first() {
                self.set_aside(line, msg, parsed.errors.len(), parsed.annotations.len());
                if self.read_only.is_some() {
                    return Err(SaveError { path: self.file.clone(), reason: self.warnings.join("; ") });
                }
            }
            theirs = parsed
                .annotations
                .into_iter()
                .filter(|(a, _)| !self.changed.contains(&a.id))
                .map(|(annotation, line)| {
                    let anchor = self.text.anchor(&annotation.target.quote, &annotation.target.position);
                    Item { annotation, anchor, line: Some(line) }
                })
                .collect();
        }
        // What was changed here stays as it is here (a deletion: absent); the rest is theirs.
        let changed = &self.changed;
        self.items.retain(|i| changed.contains(&i.annotation.id));
        self.items.extend(theirs);
        self.sort();
        Ok(())
    }

    /// Moves a broken file out of the way (never overwriting anything) and
    /// says so; if it cannot be moved, the notebook becomes read-only so the
    /// file is not replaced.
    fn set_aside(&mut self, line: usize, msg: &str, bad_lines: usize, kept: usize) {
        let file = self.file.display().to_string();
        let more = if bad_lines > 1 { format!(" (and {} more bad lines)", bad_lines - 1) } else { String::new() };
        if self.read_only.is_some() {
            self.warnings.push(format!("{file}:{line}: {msg}{more}; {kept} notes from its other lines are shown"));
            return;
        }
        let stamp = now().replace([':', '.'], "-");
        let mut aside = PathBuf::from(format!("{file}.corrupt-{stamp}"));
        let mut n = 1;
        while aside.exists() {
            aside = PathBuf::from(format!("{file}.corrupt-{stamp}-{n}"));
            n += 1;
        }
        match fs::rename(&self.file, &aside) {
            Ok(()) => {
                self.warnings.push(format!(
                    "{file}:{line}: {msg}{more}; the file was set aside as {}; {kept} notes from its other lines were kept",
                    aside.display()
                ));
                // What was read no longer exists on disk: the next save writes it all.
                self.seen = None;
                self.changed.extend(self.items.iter().map(|i| i.annotation.id.clone()));
            }
            Err(e) => {
                self.warnings.push(format!("{file}:{line}: {msg}{more}"));
                self.read_only =
                    Some(format!("notes are read-only: {file} is damaged and could not be set aside ({e})"));
            }
        }
    }

    fn place_all(&mut self) {
        for item in &mut self.items {
            item.anchor = self.text.anchor(&item.annotation.target.quote, &item.annotation.target.position);
        }
        self.sort();
    }

    /// After the document changed: notes found exactly get selectors describing
    /// the current text (so later edits are measured from here) and are saved.
    /// Approximately placed notes keep the quote the reader made until the note
    /// is edited, so a wrong guess never replaces it.
    fn refresh_selectors(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        let mut refreshed = false;
        for i in 0..self.items.len() {
            let item = &self.items[i];
            let Some(anchor) = &item.anchor else { continue };
            let exact = matches!(anchor.placement, Placement::Position | Placement::Quote);
            if exact && item.annotation.target.text_sha256 != self.text_sha256 {
                let target = self.target_at(anchor.range.clone());
                let item = &mut self.items[i];
                item.annotation.target = target;
                item.line = None;
                self.changed.insert(item.annotation.id.clone());
                refreshed = true;
            }
        }
        let damaged = self.seen.is_none() && !self.items.is_empty();
        if (refreshed || damaged)
            && let Err(e) = self.save()
        {
            self.warnings.push(e.to_string());
        }
    }

    fn sort(&mut self) {
        // A stable sort: notes on the same words made in the same millisecond keep the order they
        // were added in (a tie broken by the random id made the notes list's order change from run
        // to run).
        self.items.sort_by(|x, y| {
            let key = |i: &Item| i.anchor.as_ref().map_or((1, 0, 0), |an| (0, an.range.start, an.range.end));
            key(x).cmp(&key(y)).then_with(|| x.annotation.created.cmp(&y.annotation.created))
        });
    }

    /// Writes the header and every annotation's line (serialising only those
    /// changed since they were last written), in the notebook's order.
    fn write_file(&mut self) -> io::Result<()> {
        for item in self.items.iter_mut().filter(|i| i.line.is_none()) {
            item.line = Some(serde_json::to_string(&WireAnnotation::from_annotation(&item.annotation))?);
        }
        let header = Header {
            kind: HEADER_TYPE.into(),
            version: VERSION,
            source: self.source.clone(),
            text_sha256: self.text_sha256.clone(),
        };
        let header = serde_json::to_string(&header)?;
        let items = &self.items;
        (self.write)(&self.file, &mut |w| {
            w.write_all(header.as_bytes())?;
            w.write_all(b"\n")?;
            for item in items {
                w.write_all(item.line.as_deref().unwrap_or_default().as_bytes())?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })
    }
}

/// The save count kept in the lock file; `None` when it is not a number.
fn read_generation(lock: &mut File) -> Option<u64> {
    let mut s = String::new();
    lock.seek(SeekFrom::Start(0)).ok()?;
    lock.read_to_string(&mut s).ok()?;
    if s.trim().is_empty() { Some(0) } else { s.trim().parse().ok() }
}

fn write_generation(lock: &mut File, n: u64) -> io::Result<()> {
    lock.set_len(0)?;
    lock.seek(SeekFrom::Start(0))?;
    lock.write_all(format!("{n}\n").as_bytes())
}

/// Takes the lock file, waiting for another process's save to end.
fn lock(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new().create(true).truncate(false).read(true).write(true).open(path)?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!("another parallax has held the lock {} for {} s", path.display(), LOCK_WAIT.as_secs()),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => format!("the disk is full ({e})"),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => format!("not writable ({e})"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::Category;

    const TEXT: &str = "The council met on Tuesday. Officials said the bridge would close for repairs. \
                        Residents called the decision a disaster for local shops.";

    fn note(text: &str) -> Draft {
        Draft { kind: Kind::Note, text: text.into(), tags: vec![] }
    }

    fn range_of(text: &str, quote: &str) -> Range<usize> {
        let s = text.find(quote).unwrap();
        s..s + quote.len()
    }

    fn texts(nb: &Notebook) -> Vec<String> {
        nb.entries().map(|e| e.annotation.text.clone()).collect()
    }

    #[test]
    fn notes_survive_a_reopen_in_order_of_position() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        nb.add(range_of(TEXT, "a disaster"), note("strong word")).unwrap();
        nb.add(range_of(TEXT, "Officials said"), note("which officials?")).unwrap();
        let nb = store.open_source("file:///a.txt", TEXT).unwrap();
        assert_eq!(texts(&nb), ["which officials?", "strong word"]);
        assert!(nb.entries().all(|e| e.anchor.is_some_and(|a| a.placement == Placement::Position)));
        assert!(nb.warnings().is_empty());
    }

    #[test]
    fn notes_on_the_same_words_keep_the_order_they_were_added_in() {
        // Regression: ties within a millisecond were broken by the random id, so the notes list
        // (and a snapshot of it) changed order from run to run.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        let added: Vec<String> = (0..30).map(|i| format!("note {i}")).collect();
        for text in &added {
            nb.add(range_of(TEXT, "a disaster"), note(text)).unwrap();
        }
        assert_eq!(texts(&nb), added);
        assert_eq!(texts(&store.open_source("file:///a.txt", TEXT).unwrap()), added, "and after a reopen");
    }

    #[test]
    fn edit_delete_and_undo() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        let id = nb.add(range_of(TEXT, "a disaster"), note("first")).unwrap();
        let mark = Kind::Mark { category: Category::Loaded, rewording: Some("bad news".into()) };
        nb.edit(&id, Draft { kind: mark.clone(), text: "second".into(), tags: vec!["t".into()] }).unwrap();
        nb.delete(&id).unwrap();
        assert!(store.open_source("file:///a.txt", TEXT).unwrap().is_empty());
        assert!(nb.undo_delete().unwrap());
        assert!(!nb.undo_delete().unwrap());
        let nb = store.open_source("file:///a.txt", TEXT).unwrap();
        let e = nb.get(&id).unwrap();
        assert_eq!((e.annotation.text.as_str(), &e.annotation.kind), ("second", &mark));
        let mut nb = nb;
        assert!(matches!(nb.edit("nope", note("x")), Err(ChangeError::NotFound(_))));
    }

    #[test]
    fn a_bad_range_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut nb = Store::new(dir.path()).open_source("file:///a.txt", "Naïve text.").unwrap();
        assert!(matches!(nb.add(3..4, note("x")), Err(ChangeError::BadRange)), "inside a character");
        assert!(matches!(nb.add(5..5, note("x")), Err(ChangeError::BadRange)));
        assert!(matches!(nb.add(0..99, note("x")), Err(ChangeError::BadRange)));
    }

    #[test]
    fn a_changed_document_re_anchors_and_keeps_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        nb.add(range_of(TEXT, "Officials said"), note("kept")).unwrap();
        nb.add(range_of(TEXT, "Residents called the decision a disaster for local shops."), note("orphaned")).unwrap();
        let edited = "Officials said the bridge would close for repairs. The council met on Tuesday.";
        let nb = store.open_source("file:///a.txt", edited).unwrap();
        let entries: Vec<_> = nb.entries().collect();
        assert_eq!(entries.len(), 2, "an orphan is never dropped");
        assert_eq!(entries[0].anchor.unwrap().range, range_of(edited, "Officials said"));
        assert!(entries[1].anchor.is_none());
        assert_eq!(
            entries[1].annotation.target.quote.exact,
            "Residents called the decision a disaster for local shops."
        );
        // The placed note was refreshed to the new text, the orphan kept its old selectors.
        let reread = store.open_source("file:///a.txt", edited).unwrap();
        let placed = reread.entries().next().unwrap();
        assert_eq!(placed.anchor.unwrap().placement, Placement::Position);
        assert_eq!(placed.annotation.target.text_sha256, text_sha256(edited));
        assert_eq!(reread.entries().nth(1).unwrap().annotation.target.text_sha256, text_sha256(TEXT));
    }

    #[test]
    fn a_moved_file_finds_its_notes_by_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.open_source("file:///old/a.txt", TEXT).unwrap().add(range_of(TEXT, "a disaster"), note("n")).unwrap();
        let moved = store.open_source("file:///new/a.txt", TEXT).unwrap();
        assert_eq!(texts(&moved), ["n"]);
        assert!(store.open_source("file:///new/a.txt", "Different text.").unwrap().is_empty());
    }

    #[test]
    fn an_injected_write_failure_keeps_the_old_file_and_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        nb.add(range_of(TEXT, "Officials said"), note("saved before")).unwrap();
        let before = fs::read(nb.file()).unwrap();
        // The disk fills up after 100 bytes of the new file.
        nb.write = |path, fill| {
            atomic::write_with(path, |f| {
                struct Full<'a>(&'a mut File, usize);
                impl Write for Full<'_> {
                    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                        if self.1 == 0 {
                            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"));
                        }
                        let n = buf.len().min(self.1);
                        self.1 -= n;
                        self.0.write(&buf[..n])
                    }
                    fn flush(&mut self) -> io::Result<()> {
                        self.0.flush()
                    }
                }
                fill(&mut Full(f, 100))
            })
        };
        let err = nb.add(range_of(TEXT, "a disaster"), note("not yet saved")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("the disk is full") && msg.contains("kept"), "{msg}");
        assert_eq!(fs::read(nb.file()).unwrap(), before, "the file on disk is untouched");
        assert_eq!(nb.unsaved(), 1);
        assert_eq!(fs::read_dir(nb.file().parent().unwrap()).unwrap().count(), 2, "no temporary left: {:?}", nb.file());
        // Space again: the next save writes both.
        nb.write = write_atomically;
        nb.save().unwrap();
        assert_eq!(texts(&store.open_source("file:///a.txt", TEXT).unwrap()), ["saved before", "not yet saved"]);
    }

    #[test]
    fn an_unwritable_data_directory_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.open_source("file:///a.txt", TEXT).unwrap().add(range_of(TEXT, "a disaster"), note("old")).unwrap();
        // The lock file replaced by a directory: nothing can be saved, even by root.
        let nb = store.open_source("file:///a.txt", TEXT).unwrap();
        let lock = nb.lock.clone();
        fs::remove_file(&lock).unwrap();
        fs::create_dir(&lock).unwrap();
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        assert_eq!(texts(&nb), ["old"], "saved notes are still shown");
        let why = nb.read_only().unwrap().to_string();
        assert!(why.starts_with("notes are read-only:"), "{why}");
        assert!(matches!(nb.add(range_of(TEXT, "Officials"), note("new")), Err(ChangeError::ReadOnly(_))));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_its_line_and_its_good_notes_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        nb.add(range_of(TEXT, "Officials said"), note("one")).unwrap();
        nb.add(range_of(TEXT, "a disaster"), note("two")).unwrap();
        let file = nb.file().to_path_buf();
        let mut content = fs::read_to_string(&file).unwrap();
        content.push_str("{\"id\": \"broken\", \"type\": \"Annot\n");
        fs::write(&file, &content).unwrap();

        let nb = store.open_source("file:///a.txt", TEXT).unwrap();
        assert_eq!(texts(&nb), ["one", "two"]);
        let warning = &nb.warnings()[0];
        assert!(warning.starts_with(&format!("{}:4: ", file.display())), "{warning}");
        assert!(warning.contains("set aside as") && warning.contains("2 notes"), "{warning}");
        let aside: Vec<PathBuf> = fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(fs::read_to_string(&aside[0]).unwrap(), content, "the broken file is kept as it was");
        // The good notes were written back at once.
        let again = store.open_source("file:///a.txt", TEXT).unwrap();
        assert!(again.warnings().is_empty());
        assert_eq!(texts(&again), ["one", "two"]);
    }

    #[test]
    fn read_only_opening_reports_a_corrupt_file_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let doc_dir = tempfile::tempdir().unwrap();
        let path = doc_dir.path().join("a.txt");
        fs::write(&path, TEXT).unwrap();
        let doc = crate::load::load_paths(&[path]).unwrap().documents.remove(0);
        let mut nb = store.open(&doc).unwrap();
        nb.add(range_of(&doc.text, "a disaster"), note("n")).unwrap();
        fs::write(nb.file(), "not json\n").unwrap();
        let nb = store.open_read_only(&doc).unwrap();
        assert!(nb.warnings()[0].contains(":1: "), "{:?}", nb.warnings());
        assert_eq!(fs::read_dir(nb.file().parent().unwrap()).unwrap().count(), 2, "file and lock only");
    }

    #[test]
    fn two_notebooks_on_one_file_merge_instead_of_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut a = store.open_source("file:///a.txt", TEXT).unwrap();
        let mut b = store.open_source("file:///a.txt", TEXT).unwrap();
        let first = a.add(range_of(TEXT, "Officials said"), note("from a")).unwrap();
        b.add(range_of(TEXT, "a disaster"), note("from b")).unwrap();
        assert_eq!(texts(&b), ["from a", "from b"], "b sees a's note after its save");
        a.delete(&first).unwrap();
        a.add(range_of(TEXT, "The council"), note("again from a")).unwrap();
        assert_eq!(texts(&a), ["again from a", "from b"]);
        b.add(range_of(TEXT, "Residents"), note("b again")).unwrap();
        assert_eq!(texts(&b), ["again from a", "b again", "from b"], "a's deletion is not undone by b");
        assert_eq!(texts(&store.open_source("file:///a.txt", TEXT).unwrap()), texts(&b));
    }

    #[test]
    fn another_process_edit_is_not_undone_by_saved_lines() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut a = store.open_source("file:///a.txt", TEXT).unwrap();
        let id = a.add(range_of(TEXT, "Officials said"), note("first words")).unwrap();
        let mut b = store.open_source("file:///a.txt", TEXT).unwrap();
        a.edit(&id, note("edited in a")).unwrap();
        b.add(range_of(TEXT, "a disaster"), note("from b")).unwrap();
        b.add(range_of(TEXT, "The council"), note("b again")).unwrap();
        let reread = store.open_source("file:///a.txt", TEXT).unwrap();
        assert_eq!(texts(&reread), ["b again", "edited in a", "from b"]);
        a.delete(&id).unwrap();
        let from_b = b.entries().find(|e| e.annotation.text == "from b").unwrap().annotation.id.clone();
        b.edit(&from_b, note("b edited")).unwrap();
        assert_eq!(texts(&store.open_source("file:///a.txt", TEXT).unwrap()), ["b again", "b edited"]);
    }

    #[test]
    fn a_hand_edit_while_open_is_merged_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut nb = store.open_source("file:///a.txt", TEXT).unwrap();
        nb.add(range_of(TEXT, "Officials said"), note("mine")).unwrap();
        // Someone edits the file in a text editor: the note's text changes, in place.
        let content = fs::read_to_string(nb.file()).unwrap();
        fs::write(nb.file(), content.replace("\"mine\"", "\"edited by hand\"")).unwrap();
        nb.add(range_of(TEXT, "a disaster"), note("second")).unwrap();
        assert_eq!(texts(&store.open_source("file:///a.txt", TEXT).unwrap()), ["edited by hand", "second"]);
    }

    #[test]
    fn stdin_text_can_be_saved_and_then_annotated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let doc = Document::from_plain("-", "Piped words here.");
        assert!(matches!(store.open(&doc), Err(StoreError::Source(SourceError::Stdin))));
        let saved = store.save_text(&doc.text).unwrap();
        assert_eq!(fs::read_to_string(&saved).unwrap(), doc.text);
        assert_eq!(store.save_text(&doc.text).unwrap(), saved, "the same text is saved once");
    }
}
