//! The fuzz harness's corpus (`fuzz/corpus/`: hand-made samples, the issue's
//! reproductions scaled down, and what AFL++ found) replayed through the same
//! checks the fuzzer applies, so every finding stays fixed. See `fuzz/`.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::fs;
use std::path::Path;

#[test]
fn every_corpus_input_passes_the_harness() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 10, "corpus missing from {}", dir.display());
    for path in names {
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| harness::run(&data));
        assert!(outcome.is_ok(), "{} fails the harness", path.display());
    }
}

#[test]
fn the_harness_catches_what_it_should() {
    // The checks are not vacuous: a document with a control character in its text fails.
    let mut bad = parallax::document::Document::from_plain("x", "Fine text.");
    bad.text.push('\u{7}');
    assert!(std::panic::catch_unwind(|| harness::check_document(&bad)).is_err());
}
