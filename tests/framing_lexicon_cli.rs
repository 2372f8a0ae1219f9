//! User lexicons on the command line and in the config directory.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// `parallax analyze --framing all` (both layers, every confidence) with a config directory of our own, so
/// the user's real one cannot interfere.
fn analyze(config: &TempDir) -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env("XDG_CONFIG_HOME", config.path()).args(["analyze", "--framing", "all"]);
    c
}

fn framing_terms(out: &[u8], category: &str) -> Vec<String> {
    let v: Value = serde_json::from_slice(out).unwrap();
    v["framing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == category)
        .map(|f| f["term"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_lexicon_file_adds_and_removes_terms() {
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "The kerfuffle was a massacre, and a bloodbath.\n").unwrap();
    let lexicon = dir.path().join("mine.toml");
    fs::write(
        &lexicon,
        "[loaded]\nremove = [\"bloodbath\"]\n[[loaded.group]]\nnote = \"mine\"\nterms = [\"kerfuffle\"]\n",
    )
    .unwrap();
    let out = analyze(&dir).arg("--lexicon").arg(&lexicon).arg(&article).assert().success().get_output().stdout.clone();
    assert_eq!(framing_terms(&out, "loaded"), ["kerfuffle", "massacre"]);
    let out = analyze(&dir).arg(&article).assert().success().get_output().stdout.clone();
    assert_eq!(framing_terms(&out, "loaded"), ["massacre", "bloodbath"]);
}

#[test]
fn the_config_directory_file_is_merged_and_command_line_files_come_last() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("parallax")).unwrap();
    fs::write(dir.path().join("parallax/lexicon.toml"), "[[hedge.group]]\nterms = [\"kerfuffle\"]\n").unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "A kerfuffle again.\n").unwrap();
    let out = analyze(&dir).arg(&article).assert().success().get_output().stdout.clone();
    assert_eq!(framing_terms(&out, "hedge"), ["kerfuffle"]);
    let later = dir.path().join("later.toml");
    fs::write(&later, "[[booster.group]]\nterms = [\"kerfuffle\"]\n").unwrap();
    let out = analyze(&dir).arg("--lexicon").arg(&later).arg(&article).assert().success().get_output().stdout.clone();
    assert!(framing_terms(&out, "hedge").is_empty());
    assert_eq!(framing_terms(&out, "booster"), ["kerfuffle"]);
}

#[test]
fn a_broken_lexicon_is_an_error_with_file_line_and_column() {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[loaded]\ndescription = \"ok\"\nterms = [1, 2]\n").unwrap();
    let expected = format!("parallax: {}:3:1: unknown field `terms`", bad.display());
    analyze(&dir).arg("--lexicon").arg(&bad).assert().code(2).stdout("").stderr(predicate::str::starts_with(expected));
}

#[test]
fn a_broken_config_directory_lexicon_stops_the_reader_before_it_starts() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("parallax")).unwrap();
    let file = dir.path().join("parallax/lexicon.toml");
    fs::write(&file, "[[loaded.group]]\nterms = [\"ok\" \"missing comma\"]\n").unwrap();
    Command::cargo_bin("parallax")
        .unwrap()
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:2:", file.display())));
}

#[test]
fn a_missing_lexicon_file_is_named() {
    let dir = TempDir::new().unwrap();
    analyze(&dir)
        .args(["--lexicon", "no-such-lexicon.toml"])
        .assert()
        .code(2)
        .stderr("parallax: no-such-lexicon.toml: cannot read: no such file or directory\n");
}

#[test]
fn a_removed_term_that_matches_nothing_is_a_warning_with_its_position() {
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "The minister claimed the vote was a massacre of democracy.\n").unwrap();
    let lexicon = dir.path().join("class.toml");
    fs::write(&lexicon, "[attribution]\nremove = [\"claimed\",\n  \"kerfufle\"]\n").unwrap();
    let assert = analyze(&dir).arg("--lexicon").arg(&lexicon).arg(&article).assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        format!(
            "parallax: warning: {}:3:3: `kerfufle` matches no [attribution] term, so nothing is removed\n",
            lexicon.display()
        )
    );
    // "claimed" sits in an `exact` group: its removal used to be ignored.
    assert!(framing_terms(&assert.get_output().stdout, "attribution").is_empty());
    let kept = analyze(&dir).arg(&article).assert().success().get_output().stdout.clone();
    assert_eq!(framing_terms(&kept, "attribution"), ["claimed"]);
}
