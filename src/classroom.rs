//! The classroom commands: `notes` (add, mark, list, rm, export), `score`
//! (blind marking against a key, for one student or a class) and `export`
//! (handouts). All the work is in the library; this parses and prints.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use parallax::agreement::{self, Span};
use parallax::analysis::Analysis;
use parallax::document::Document;
use parallax::framing::Category;
use parallax::handout::{self, Handout};
use parallax::notes::export::{self as notes_export, Group, Status};
use parallax::notes::{self, Annotation, ChangeError, Draft, Kind, Notebook, Store, Text, wire};
use parallax::printable::escape;

use crate::cli::{LexiconArgs, WebArgs, analysis_options, documents, print};

#[derive(Debug, Args)]
pub struct NotesArgs {
    #[command(subcommand)]
    command: NotesCommand,
}

#[derive(Debug, Subcommand)]
enum NotesCommand {
    /// Add a note to a passage of a document.
    Add(AddArgs),
    /// Mark a passage as framing language (what a student does in the marking exercise).
    Mark(MarkArgs),
    /// List the notes and marks of documents, placed in their current text (all stored notes without PATH).
    List(ListArgs),
    /// Delete a note or mark of a document by its id (the first characters `notes list` shows are enough).
    Rm(RmArgs),
    /// Write notes and marks out: Web Annotation JSON-LD (for other tools, and to hand marks in),
    /// Markdown (to read) or CSV (for a spreadsheet).
    Export(NotesExportArgs),
}

#[derive(Debug, Args)]
struct Passage {
    /// The document (a file or a web address; notes on standard input are refused).
    #[arg(value_name = "URL|PATH")]
    path: PathBuf,
    /// The words the note is on, as they stand in the text (line breaks and repeated spaces may differ).
    #[arg(long, value_name = "WORDS")]
    at: String,
    /// Which occurrence of the words, when they occur more than once (1 is the first).
    #[arg(long, value_name = "N")]
    nth: Option<usize>,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Debug, Args)]
struct AddArgs {
    #[command(flatten)]
    passage: Passage,
    /// A tag (repeat for several). Notes tagged `student` appear as questions in handouts.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The note.
    #[arg(value_name = "TEXT")]
    text: String,
}

#[derive(Debug, Args)]
struct MarkArgs {
    #[command(flatten)]
    passage: Passage,
    /// What the words do: loaded, label, hedge, booster, attribution, passive or scare_quote.
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category)]
    category: Category,
    /// The same thing said neutrally.
    #[arg(long, value_name = "TEXT")]
    rewording: Option<String>,
    /// A comment on the mark.
    #[arg(value_name = "TEXT", default_value = "")]
    text: String,
}

/// A category by its id, for `--category`.
fn parse_category(s: &str) -> Result<Category, String> {
    notes::category_from_id(s).ok_or_else(|| {
        let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        format!("`{s}` is not a category; one of {}", ids.join(", "))
    })
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Documents whose notes to list; without any, every notes file as stored.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Debug, Args)]
struct RmArgs {
    /// The document the note is on.
    #[arg(value_name = "URL|PATH")]
    path: PathBuf,
    /// The note's id, or enough of its first characters to tell it from the others.
    #[arg(value_name = "ID")]
    id: String,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum NotesFormat {
    /// Web Annotation JSON-LD (an AnnotationCollection).
    Jsonld,
    /// Markdown, per document.
    Md,
    /// One row per note or mark.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Only {
    Notes,
    Marks,
}

#[derive(Debug, Args)]
struct NotesExportArgs {
    #[arg(long, value_enum)]
    format: NotesFormat,
    /// Only notes, or only marks.
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// Your name, written as the creator of every annotation (a student handing marks in).
    #[arg(long, value_name = "NAME")]
    creator: Option<String>,
    /// Documents whose notes to export, placed in their current text; without any, every notes file as stored.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The answer key: a file of marks (exported with `notes export --format jsonld`, or a notes file).
    /// Without it, the key is parallax's own framing analysis.
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// The student's marks, from a file; without it, the marks stored on this computer.
    #[arg(long, value_name = "FILE", conflicts_with = "class")]
    marks: Option<PathBuf>,
    /// A folder of students' exported marks (one file each, .jsonld/.json/.jsonl): prints the class's
    /// agreement as CSV, one row per student × article × category.
    #[arg(long, value_name = "DIR")]
    class: Option<PathBuf>,
    #[command(flatten)]
    lexicon: LexiconArgs,
    /// The articles marked; default: the bundled seeds.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    web: WebArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum HandoutFormat {
    /// One self-contained page, made for printing.
    Html,
    /// Markdown, for editing or a learning platform.
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: HandoutFormat,
    /// Add the answer key, on its own page: parallax's framing analysis, or the marks of --key-file.
    #[arg(long)]
    key: bool,
    /// Take the answer key from a file of marks (a teacher's key) instead of the analysis; implies --key.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// The handout's title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[command(flatten)]
    lexicon: LexiconArgs,
    /// The articles; default: the bundled seeds.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    web: WebArgs,
}

fn warn(message: impl std::fmt::Display) {
    crate::cli::warn(&message.to_string());
}

/// Prints text for people, every line made safe for the terminal (a title, a
/// file name or a note from a hand-edited file can carry escape sequences).
fn print_text(text: &str) -> Result<()> {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(&escape(line));
        out.push('\n');
    }
    print(&out)
}

fn store() -> Result<Store> {
    Ok(Store::default_location()?)
}

pub fn notes(args: NotesArgs) -> Result<()> {
    match args.command {
        NotesCommand::Add(a) => {
            let draft = Draft { kind: Kind::Note, text: a.text, tags: a.tags };
            add(&a.passage, draft, "note")
        }
        NotesCommand::Mark(m) => {
            let kind = Kind::Mark { category: m.category, rewording: m.rewording };
            add(&m.passage, Draft { kind, text: m.text, tags: Vec::new() }, "mark")
        }
        NotesCommand::List(l) => list(&l.paths, &l.web),
        NotesCommand::Rm(r) => rm(&r.path, &r.id, &r.web),
        NotesCommand::Export(e) => notes_export_cmd(e),
    }
}

/// One document from a path or a web address.
fn one_document(path: &Path, web: &WebArgs) -> Result<Document> {
    let mut docs = documents(std::slice::from_ref(&path.to_path_buf()), web)?;
    if docs.len() != 1 {
        bail!("{}: give one document, not a directory of {}", path.display(), docs.len());
    }
    Ok(docs.remove(0))
}

/// Opens a document's notes for changing, printing the notebook's warnings.
fn open_notebook(doc: &Document) -> Result<Notebook> {
    let nb = store()?.open(doc).with_context(|| doc.path.clone())?;
    for w in nb.warnings() {
        warn(w);
    }
    Ok(nb)
}

/// The byte range of `at` in the text: the words as given, with any run of
/// whitespace matching any other; if they are not there, the same ignoring
/// case. `nth` chooses among several.
fn find_passage(doc: &Document, at: &str, nth: Option<usize>) -> Result<std::ops::Range<usize>> {
    let words: Vec<String> = at.split_whitespace().map(regex::escape).collect();
    if words.is_empty() {
        bail!("--at is empty: give the words the note is on");
    }
    let pattern = words.join(r"\s+");
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for pattern in [pattern.clone(), format!("(?i){pattern}")] {
        found = regex::Regex::new(&pattern).context("--at")?.find_iter(&doc.text).map(|m| m.range()).collect();
        if !found.is_empty() {
            break;
        }
    }
    match (found.len(), nth) {
        (0, _) => bail!("{}: “{at}” is not in the text", doc.path),
        (1, None | Some(1)) => Ok(found[0].clone()),
        (n, None) => bail!("{}: “{at}” occurs {n} times; choose one with --nth 1…{n}", doc.path),
        (n, Some(k)) if k == 0 || k > n => bail!("{}: --nth {k}: “{at}” occurs {n} times", doc.path),
        (_, Some(k)) => Ok(found[k - 1].clone()),
    }
}

fn add(p: &Passage, draft: Draft, what: &str) -> Result<()> {
    let doc = one_document(&p.path, &p.web)?;
    // Refuse a document that cannot carry notes before looking for the words.
    let mut nb = open_notebook(&doc)?;
    let range = find_passage(&doc, &p.at, p.nth)?;
    match nb.add(range, draft) {
        Ok(id) => print_text(&format!("{} {what} added to {}", short_id(&id), doc.path)),
        Err(e @ ChangeError::NotSaved(_)) => bail!("{what} not saved: {e}"),
        Err(e) => bail!("{}: {e}", doc.path),
    }
}

/// The part of an id `notes list` shows: the first 8 hex digits of its UUID.
fn short_id(id: &str) -> &str {
    let bare = id.strip_prefix("urn:uuid:").unwrap_or(id);
    &bare[..bare.len().min(8)]
}

fn rm(path: &Path, id: &str, web: &WebArgs) -> Result<()> {
    let doc = one_document(path, web)?;
    let mut nb = open_notebook(&doc)?;
    let matching: Vec<String> = nb
        .entries()
        .map(|e| e.annotation.id.clone())
        .filter(|full| full == id || full.strip_prefix("urn:uuid:").unwrap_or(full).starts_with(id))
        .collect();
    match matching.as_slice() {
        [] => bail!("{}: no note {id}", doc.path),
        [one] => {
            nb.delete(one).map_err(|e| anyhow::anyhow!("{e}"))?;
            print_text(&format!("{} deleted from {}", short_id(one), doc.path))
        }
        many => bail!("{}: {id} names {} notes; give more of the id", doc.path, many.len()),
    }
}

/// Where a placed annotation stands: its paragraph's number, for people.
fn paragraph_of(doc: &Document, byte: usize) -> usize {
    doc.paragraphs.partition_point(|p| p.end <= byte) + 1
}

fn describe(a: &Annotation) -> String {
    let mut line = match &a.kind {
        Kind::Note => format!("note  “{}”", a.target.quote.exact),
        Kind::Mark { category, rewording } => {
            let mut s = format!("mark  {}: “{}”", category.id(), a.target.quote.exact);
            if let Some(r) = rewording {
                s.push_str(&format!(" → “{r}”"));
            }
            s
        }
    };
    if !a.text.is_empty() {
        line.push_str(&format!("  {}", a.text.replace('\n', " ")));
    }
    if !a.tags.is_empty() {
        line.push_str(&format!("  [{}]", a.tags.join(", ")));
    }
    line
}

fn list(paths: &[PathBuf], web: &WebArgs) -> Result<()> {
    let store = store()?;
    let mut out = String::new();
    if paths.is_empty() {
        let (all, warnings) = store.all();
        warnings.iter().for_each(warn);
        for (source, annotations) in all.iter().filter(|(_, a)| !a.is_empty()) {
            out.push_str(&format!("{source}\n"));
            for a in annotations {
                out.push_str(&format!("  {}  {}\n", short_id(&a.id), describe(a)));
            }
        }
    } else {
        for doc in documents(paths, web)? {
            let nb = match store.open_read_only(&doc) {
                Ok(nb) => nb,
                Err(e) => {
                    warn(format!("{}: {e}", doc.path));
                    continue;
                }
            };
            nb.warnings().iter().for_each(warn);
            if nb.is_empty() {
                continue;
            }
            out.push_str(&format!("{} — {}\n", doc.path, doc.title));
            for e in nb.entries() {
                let place = match e.anchor {
                    Some(a) => match a.placement {
                        notes::Placement::Fuzzy { similarity } => {
                            format!("¶{} ~{:.0}%", paragraph_of(&doc, a.range.start), similarity * 100.0)
                        }
                        _ => format!("¶{}", paragraph_of(&doc, a.range.start)),
                    },
                    None => "orphaned".to_string(),
                };
                out.push_str(&format!("  {}  {place:<9} {}\n", short_id(&e.annotation.id), describe(e.annotation)));
            }
        }
    }
    print_text(&out)
}

fn wanted(a: &Annotation, only: Option<Only>) -> bool {
    match only {
        None => true,
        Some(Only::Marks) => a.is_mark(),
        Some(Only::Notes) => !a.is_mark(),
    }
}

/// Each document's annotations, placed in its current text: placed ones with
/// selectors describing where they stand now, orphans as stored.
fn placed_groups(docs: &[Document], store: &Store, only: Option<Only>) -> Vec<Group> {
    let mut groups = Vec::new();
    for doc in docs {
        let nb = match store.open_read_only(doc) {
            Ok(nb) => nb,
            Err(e) => {
                warn(format!("{}: {e}", doc.path));
                continue;
            }
        };
        nb.warnings().iter().for_each(warn);
        let text = Text::new(doc.text.as_str());
        let hash = notes::text_sha256(&doc.text);
        let items = nb
            .entries()
            .filter(|e| wanted(e.annotation, only))
            .map(|e| {
                let mut a = e.annotation.clone();
                match e.anchor {
                    Some(anchor) => {
                        let (quote, position) = text.describe(anchor.range.clone());
                        a.target = notes::Target {
                            source: nb.source().to_string(),
                            text_sha256: hash.clone(),
                            quote,
                            position,
                        };
                        (a, Status::Placed(anchor.placement))
                    }
                    None => (a, Status::Orphaned),
                }
            })
            .collect();
        groups.push(Group { source: nb.source().to_string(), title: Some(doc.title.clone()), items });
    }
    groups
}

fn notes_export_cmd(args: NotesExportArgs) -> Result<()> {
    let store = store()?;
    let groups = if args.paths.is_empty() {
        let (all, warnings) = store.all();
        warnings.iter().for_each(warn);
        all.into_iter()
            .map(|(source, annotations)| Group {
                source,
                title: None,
                items: annotations.into_iter().filter(|a| wanted(a, args.only)).map(|a| (a, Status::Stored)).collect(),
            })
            .collect()
    } else {
        placed_groups(&documents(&args.paths, &args.web)?, &store, args.only)
    };
    let out = match args.format {
        NotesFormat::Jsonld => notes_export::jsonld(&groups, args.creator.as_deref()),
        NotesFormat::Md => notes_export::markdown(&groups),
        NotesFormat::Csv => notes_export::csv(&groups),
    };
    print(&out)
}

/// The marks in a file of annotations (JSON-LD, a list, a notes file).
pub fn read_marks(path: &Path) -> Result<Vec<Annotation>> {
    let text = fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let all = wire::parse_any(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(all.into_iter().filter(Annotation::is_mark).collect())
}

/// The key's spans on each document: the analysis's framing, or a key file's marks.
fn key_spans(docs: &[Document], key: Option<&Path>, lexicon: &LexiconArgs) -> Result<(Vec<Vec<Span>>, String)> {
    match key {
        Some(path) => {
            let marks = read_marks(path)?;
            let mut spans = Vec::new();
            for doc in docs {
                let (s, orphans) = agreement::marks_on(doc, &marks);
                if orphans > 0 {
                    warn(format!("{}: {orphans} marks of the key could not be placed in {}", path.display(), doc.path));
                }
                spans.push(s);
            }
            Ok((spans, "the key".into()))
        }
        None => {
            let analysis = Analysis::run(docs, &analysis_options(lexicon)?);
            Ok((analysis.framing.iter().map(|f| agreement::tool_key(f)).collect(), "the tool".into()))
        }
    }
}

pub fn score(args: ScoreArgs) -> Result<()> {
    let docs = documents(&args.paths, &args.web)?;
    let (keys, key_name) = key_spans(&docs, args.key.as_deref(), &args.lexicon)?;
    if let Some(dir) = &args.class {
        return print(&class(dir, &docs, &keys));
    }
    let marks: Vec<Annotation> = match &args.marks {
        Some(path) => read_marks(path)?,
        None => {
            let store = store()?;
            let mut marks = Vec::new();
            for doc in &docs {
                match store.open_read_only(doc) {
                    Ok(nb) => marks.extend(nb.entries().map(|e| e.annotation.clone()).filter(Annotation::is_mark)),
                    Err(e) => warn(format!("{}: {e}", doc.path)),
                }
            }
            marks
        }
    };
    let mut out = String::new();
    for (doc, key) in docs.iter().zip(&keys) {
        let (student, orphans) = agreement::marks_on(doc, &marks);
        if orphans > 0 {
            warn(format!("{}: {orphans} of your marks could not be placed (the text changed)", doc.path));
        }
        let a = agreement::score(&doc.text, key, &student);
        out.push_str(&agreement::report(doc, key, &student, &a, &key_name));
        out.push('\n');
    }
    print_text(&out)
}

/// The class table from a folder of exported marks, one file per student.
fn class(dir: &Path, docs: &[Document], keys: &[Vec<Span>]) -> String {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonld" || e == "json" || e == "jsonl"))
            .collect(),
        Err(e) => {
            warn(format!("{}: {e}", dir.display()));
            Vec::new()
        }
    };
    files.sort();
    if files.is_empty() {
        warn(format!("{}: no marks files (.jsonld, .json, .jsonl)", dir.display()));
    }
    let hashes: Vec<String> = docs.iter().map(|d| notes::text_sha256(&d.text)).collect();
    let mut rows = Vec::new();
    for file in files {
        let marks = match read_marks(&file) {
            Ok(m) => m,
            Err(e) => {
                warn(format!("{e:#}; this student is left out"));
                continue;
            }
        };
        let student = student_name(&file, &marks);
        let elsewhere =
            marks.iter().filter(|a| !docs.iter().zip(&hashes).any(|(d, h)| agreement::belongs_to(a, d, h))).count();
        if elsewhere > 0 {
            warn(format!("{}: {elsewhere} marks are on documents not given", file.display()));
        }
        for (doc, key) in docs.iter().zip(keys) {
            let (spans, orphans) = agreement::marks_on(doc, &marks);
            if orphans > 0 {
                warn(format!("{}: {orphans} marks could not be placed in {}", file.display(), doc.path));
            }
            let a = agreement::score(&doc.text, key, &spans);
            rows.extend(agreement::class_rows(&student, doc.file_name(), &a));
        }
    }
    agreement::class_csv(&rows)
}

/// The creator named in every mark, else the file's name.
fn student_name(file: &Path, marks: &[Annotation]) -> String {
    let first = marks.first().and_then(|a| a.creator.clone());
    match first {
        Some(name) if marks.iter().all(|a| a.creator.as_ref() == Some(&name)) => name,
        _ => file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    }
}

pub fn export(args: ExportArgs) -> Result<()> {
    let docs = documents(&args.paths, &args.web)?;
    let options = analysis_options(&args.lexicon)?;
    let with_key = args.key || args.key_file.is_some();
    // The analysis gives the tool's key and, for two sources or more, the coverage table.
    let analysis = ((with_key && args.key_file.is_none()) || docs.len() >= 2).then(|| Analysis::run(&docs, &options));
    let coverage = analysis
        .as_ref()
        .and_then(|a| handout::coverage_table(&docs, &parallax::compare::Tables::build(&docs, a).coverage));
    let key_marks: Vec<Vec<handout::KeyMark>> = match (&args.key_file, with_key) {
        (Some(path), _) => {
            let marks = read_marks(path)?;
            docs.iter()
                .map(|doc| {
                    let (m, orphans) = handout::file_marks(doc, &marks, &options.lexicon);
                    if orphans > 0 {
                        warn(format!("{}: {orphans} marks could not be placed in {}", path.display(), doc.path));
                    }
                    m
                })
                .collect()
        }
        (None, true) => {
            let analysis = analysis.as_ref().expect("run for the tool's key");
            (0..docs.len()).map(|i| handout::tool_marks(&docs, analysis, i)).collect()
        }
        (None, false) => vec![Vec::new(); docs.len()],
    };
    let store = store().ok();
    let sources = docs
        .iter()
        .zip(key_marks)
        .map(|(doc, marks)| {
            let notes = match store.as_ref().map(|s| s.open_read_only(doc)) {
                Some(Ok(nb)) => {
                    nb.warnings().iter().for_each(warn);
                    handout::teacher_notes(nb.entries().map(|e| (e.annotation, e.anchor)))
                }
                // A document without a file (standard input) has no notes.
                _ => Vec::new(),
            };
            handout::Source { doc, marks, notes }
        })
        .collect();
    let key = with_key.then(|| match &args.key_file {
        Some(path) => format!("the key {}", path.file_name().unwrap_or_default().to_string_lossy()),
        None => "parallax's framing analysis (a starting point for discussion, not the last word)".into(),
    });
    let title = args.title.unwrap_or_else(|| match docs.len() {
        1 => "Reading one source".to_string(),
        n => format!("Reading {n} sources on one story"),
    });
    let h = Handout { title, sources, coverage, key };
    print(&match args.format {
        HandoutFormat::Html => handout::html::render(&h),
        HandoutFormat::Md => handout::markdown::render(&h),
    })
}
