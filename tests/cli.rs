//! The command line: `analyze` against the JSON contract, and the error cases.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn parallax() -> Command {
    Command::cargo_bin("parallax").unwrap()
}

fn analyze(args: &[&str]) -> Value {
    let out = parallax().arg("analyze").args(args).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("analyze prints JSON")
}

/// Every sentence is a non-empty, in-bounds range on character boundaries, in order.
fn check_document(d: &Value) {
    let text = d["text"].as_str().unwrap();
    let mut prev_end = 0;
    for s in d["sentences"].as_array().unwrap() {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(prev_end <= start && start < end && end <= text.len(), "bad range {start}..{end}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prev_end = end;
    }
}

#[test]
fn analyze_without_paths_reports_the_seeds_in_the_contract_shape() {
    let v = analyze(&["--format", "json"]);
    assert_eq!(v["schema"], 1);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d["index"], i);
        assert!(d["path"].as_str().unwrap().starts_with("seeds/"));
        assert!(!d["title"].as_str().unwrap().is_empty());
        assert!(d.get("source").is_some());
        check_document(d);
    }
    for key in ["framing", "links", "clusters"] {
        assert!(v[key].is_array(), "{key} is an array");
    }
    assert_eq!(docs[1]["title"], "Hamas just admitted defeat.");
    assert_eq!(v["refinement"]["stage"], "refined", "analyze waits for the refined links");
}

#[test]
fn seed_text_is_cleaned_but_whole() {
    // The text, not the links: --fast spares the transformer (slow in a debug build).
    let v = analyze(&["--fast"]);
    let t002 = v["documents"][2]["text"].as_str().unwrap();
    assert!(t002.contains("in two stages. However"), "footnote digit removed");
    assert!(!t002.contains("Table of Contents"));
    assert!(t002.contains("\n\nThe Latest Breakdown in Ceasefire Negotiations\n\n"));
    let t000 = v["documents"][0]["text"].as_str().unwrap();
    assert!(t000.contains("at any cost—even rejecting"));
    let t004 = v["documents"][4]["text"].as_str().unwrap();
    assert!(t004.ends_with("negotiated peace with the Palestinians."));
    let t001 = v["documents"][1]["text"].as_str().unwrap();
    assert!(t001.contains("מהמחסות"), "Hebrew kept");
    assert!(t001.starts_with("Hamas just admitted defeat."), "a title taken from the text stays in it");
}

#[test]
fn analyze_files_directories_and_stdin() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("b.md"), "---\ntitle: Second\nsource: Wire\n---\n# Head\n\nText *here*.\n").unwrap();
    fs::write(dir.path().join("a.txt"), "First story. It has two sentences.\n").unwrap();
    fs::write(dir.path().join("notes.json"), "{}").unwrap();
    let d = dir.path().to_str().unwrap();
    let v = analyze(&[d]);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "only documents, in name order");
    assert!(docs[0]["path"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(docs[1]["title"], "Second");
    assert_eq!(docs[1]["source"], "Wire");
    assert_eq!(docs[1]["text"], "Head\n\nText here.");

    let out = parallax().args(["analyze", "-"]).write_stdin("From a pipe. Yes.").assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["documents"][0]["path"], "-");
    assert_eq!(v["documents"][0]["text"], "From a pipe. Yes.");
}

#[test]
fn missing_path_is_one_line_error_with_status_2() {
    parallax()
        .args(["analyze", "/no/such/file.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::eq("parallax: /no/such/file.txt: no such file or directory\n"));
    parallax().arg("/no/such/file.txt").assert().code(2).stderr(predicate::str::contains("no such file"));
}

#[test]
fn directory_without_documents_is_an_error() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("image.png"), [0x89, b'P', b'N', b'G', 0]).unwrap();
    let d = dir.path().to_str().unwrap();
    parallax()
        .args(["analyze", d])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory has no readable documents").and(predicate::str::contains(d)));
}

#[test]
fn binary_file_skipped_with_warning_or_refused_alone() {
    let dir = TempDir::new().unwrap();
    let bin = dir.path().join("data.txt");
    fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let txt = dir.path().join("ok.txt");
    fs::write(&txt, "Readable text.").unwrap();
    let (bin, txt) = (bin.to_str().unwrap(), txt.to_str().unwrap());
    let out = parallax()
        .args(["analyze", bin, txt])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("binary")));
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    parallax().args(["analyze", bin]).assert().code(2).stderr(predicate::str::contains("binary file"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_warning() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("latin1.txt");
    fs::write(&f, b"Caf\xe9 talks resumed.").unwrap();
    let out = parallax()
        .args(["analyze", f.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("not valid UTF-8"));
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["documents"][0]["text"], "Caf\u{FFFD} talks resumed.");
}

#[test]
fn empty_document_has_no_sentences() {
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("empty.txt");
    fs::write(&f, "").unwrap();
    let v = analyze(&[f.to_str().unwrap()]);
    assert_eq!(v["documents"][0]["text"], "");
    assert_eq!(v["documents"][0]["sentences"].as_array().unwrap().len(), 0);
}

#[test]
fn escape_sequences_never_reach_the_output_text() {
    let v = parallax()
        .args(["analyze", "-"])
        .write_stdin("Plain \x1b[2J\x1b]52;c;ZXZpbA==\x07text.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&v).unwrap();
    assert_eq!(v["documents"][0]["text"], "Plain text.");
}

#[test]
fn min_score_is_validated() {
    parallax().args(["analyze", "--min-score", "2"]).assert().code(2).stderr(predicate::str::contains("outside"));
    parallax().args(["analyze", "--min-score", "x"]).assert().code(2);
}

#[test]
fn unreadable_path_is_an_error() {
    // A path through a regular file cannot be read by anyone, root included.
    let dir = TempDir::new().unwrap();
    let f = dir.path().join("plain.txt");
    fs::write(&f, "text").unwrap();
    let bad = f.join("inner.txt");
    parallax()
        .args(["analyze", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!("parallax: {}: cannot read", bad.display())));
}

#[test]
fn help_and_version_follow_clap_conventions() {
    parallax().arg("--help").assert().success().stdout(predicate::str::contains("Usage: parallax"));
    parallax().arg("--version").assert().success().stdout(predicate::str::starts_with("parallax "));
    parallax().args(["analyze", "--help"]).assert().success().stdout(predicate::str::contains("--min-score"));
}
