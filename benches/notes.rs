//! Saving notes: a document with 10,000 notes, one of them edited, saved as
//! every change is (lock, check the file for other processes' changes, write a
//! temporary file, fsync, rename, fsync the directory). Target: < 50 ms.
//! Also: opening that notes file (parse and place all 10,000 notes).
//!
//!     cargo bench --bench notes

use std::fs;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::framing::Category;
use parallax::notes::wire::WireAnnotation;
use parallax::notes::{Annotation, Draft, Kind, Store, Target, Text, now, text_sha256};

const NOTES: usize = 10_000;
const SOURCE: &str = "file:///class/long-story.txt";

fn text() -> String {
    (0..NOTES).map(|i| format!("Sentence {i} reports what the officials said about the talks on day {i}. ")).collect()
}

/// A notes file of `NOTES` notes and marks, written directly (adding them one
/// by one would save 10,000 times).
fn notes_file(store: &Store, text: &str) {
    let t = Text::new(text);
    let hash = text_sha256(text);
    let mut out = String::new();
    let mut at = 0;
    for i in 0..NOTES {
        let start = at + text[at..].find("what the officials said").unwrap();
        let range = start..start + "what the officials said".len();
        at = range.end;
        let (quote, position) = t.describe(range);
        let kind = if i % 3 == 0 {
            Kind::Mark { category: Category::Attribution, rewording: Some("they said".into()) }
        } else {
            Kind::Note
        };
        let a = Annotation {
            id: format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
            kind,
            text: format!("Note {i}: which officials, and why are they not named? Compare the other sources."),
            tags: vec!["sources".into()],
            creator: None,
            created: now(),
            modified: now(),
            target: Target { source: SOURCE.into(), text_sha256: hash.clone(), quote, position },
        };
        out.push_str(&serde_json::to_string(&WireAnnotation::from_annotation(&a)).unwrap());
        out.push('\n');
    }
    let dir = store.notes_dir();
    fs::create_dir_all(&dir).unwrap();
    let nb = store.open_source(SOURCE, text).unwrap();
    fs::write(nb.file(), out).unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let text = text();
    notes_file(&store, &text);
    let mut nb = store.open_source(SOURCE, text.as_str()).unwrap();
    assert_eq!(nb.len(), NOTES);
    let size = fs::metadata(nb.file()).unwrap().len();
    eprintln!("notes file: {NOTES} notes, {:.1} MB", size as f64 / 1e6);
    let id = "urn:uuid:00000000-0000-4000-8000-000000005000";
    let mut n = 0;
    let mut group = c.benchmark_group("notes");
    group.sample_size(30);
    group.bench_function("save 10,000 notes after editing one (atomic, fsync)", |b| {
        b.iter(|| {
            n += 1;
            let draft = Draft { kind: Kind::Note, text: format!("edited {n}"), tags: vec![] };
            nb.edit(black_box(id), draft).unwrap();
        })
    });
    group.bench_function("open 10,000 notes (parse and place)", |b| {
        b.iter(|| store.open_source(SOURCE, text.as_str()).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
