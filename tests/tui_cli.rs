//! The reader's start-up errors: settings files are checked, and output that is
//! not a terminal refused, before anything is drawn; exit status 2, never a panic.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn reader_with_config(file: &str, text: &str) -> (TempDir, Command) {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("parallax")).unwrap();
    fs::write(dir.path().join("parallax").join(file), text).unwrap();
    let mut cmd = Command::cargo_bin("parallax").unwrap();
    cmd.env("XDG_CONFIG_HOME", dir.path()).env_remove("NO_COLOR");
    (dir, cmd)
}

#[test]
fn a_clashing_user_keymap_is_refused_with_its_file() {
    let (_dir, mut cmd) = reader_with_config("keymap.toml", "[keys]\nzoom = [\"j\"]\n");
    cmd.assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("keymap.toml: `j` (line_down) and `j` (zoom) clash"));
}

#[test]
fn a_broken_user_keymap_names_line_and_column() {
    let (_dir, mut cmd) = reader_with_config("keymap.toml", "[keys]\nzoom = [\"z\"\n");
    cmd.assert().code(2).stderr(predicate::str::contains("keymap.toml: TOML parse error at line 2"));
}

#[test]
fn a_user_theme_style_resting_on_colour_alone_is_refused() {
    let (_dir, mut cmd) = reader_with_config("theme.toml", "[styles.hedge]\nfg = \"blue\"\n");
    cmd.assert().code(2).stderr(predicate::str::contains("theme.toml: hedge: needs a modifier"));
}

#[test]
fn output_to_a_pipe_is_refused_before_any_escape_is_written() {
    let (_dir, mut cmd) = reader_with_config("theme.toml", "");
    cmd.assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("parallax: terminal: standard output is not a terminal"));
}
