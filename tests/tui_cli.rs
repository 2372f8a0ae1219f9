//! The reader's start-up errors: settings files are checked, and output that is
//! not a terminal refused, before anything is drawn; exit status 2, never a panic.
//! Every settings error reads `FILE:LINE:COLUMN: message`.

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

/// The one line the reader prints for a settings error in `file`.
fn refusal(dir: &TempDir, file: &str, position_and_message: &str) -> String {
    format!("parallax: {}{position_and_message}\n", dir.path().join("parallax").join(file).display())
}

#[test]
fn a_clashing_user_keymap_is_refused_at_the_binding() {
    let (dir, mut cmd) = reader_with_config("keymap.toml", "[keys]\nzoom = [\"j\"]\n");
    let out = cmd.assert().code(2).stdout("").get_output().stderr.clone();
    let out = String::from_utf8(out).unwrap();
    let expected =
        refusal(&dir, "keymap.toml", ":2:9: `j` for zoom clashes with `j` for line_down (assets/keymap.toml:");
    assert!(out.starts_with(expected.trim_end()), "{out}");
}

#[test]
fn a_broken_user_keymap_names_line_and_column() {
    let (dir, mut cmd) = reader_with_config("keymap.toml", "[keys]\nzoom = [\"z\"\n");
    let expected = refusal(&dir, "keymap.toml", ":2:");
    cmd.assert().code(2).stderr(predicate::str::starts_with(expected.trim_end()));
}

#[test]
fn semantic_keymap_errors_name_line_and_column() {
    for (text, message) in [
        ("[keys]\n  fly = [\"x\"]\n", ":2:3: unknown action `fly`"),
        ("[keys]\nzoom = [\"<Hyper-x>\"]\n", ":2:9: unknown key <Hyper-x> in `<Hyper-x>`"),
        ("[keys]\nquit = []\n", ":2:1: `quit` needs a key: without one there would be no way to leave parallax"),
    ] {
        let (dir, mut cmd) = reader_with_config("keymap.toml", text);
        cmd.assert().code(2).stdout("").stderr(refusal(&dir, "keymap.toml", message));
    }
}

#[test]
fn semantic_theme_errors_name_line_and_column() {
    for (text, message) in [
        (
            "[styles.hedge]\nfg = \"blue\"\n",
            ":1:9: `hedge` needs a modifier (bold, italic, underlined, …) so that the cue does not rest on colour",
        ),
        ("[styles.hedgehog]\n", ":1:9: unknown style `hedgehog`"),
        ("[styles.status]\nbg = \"mauve\"\n", ":2:6: unknown colour `mauve`: use one of the 16 terminal colours"),
        ("[styles.status]\nmodifiers = [\"blink\"]\n", ":2:14: unknown modifier `blink`"),
        ("[styles.status]\nfg = \"red\"\nunderline = true\n", ":3:1: unknown field `underline`"),
    ] {
        let (dir, mut cmd) = reader_with_config("theme.toml", text);
        let expected = refusal(&dir, "theme.toml", message);
        cmd.assert().code(2).stdout("").stderr(predicate::str::starts_with(expected.trim_end()));
    }
}

#[test]
fn output_to_a_pipe_is_refused_before_any_escape_is_written() {
    let (_dir, mut cmd) = reader_with_config("theme.toml", "");
    cmd.assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("parallax: terminal: standard output is not a terminal"));
}

#[test]
fn lexicon_keymap_and_theme_come_from_one_directory_even_with_a_relative_xdg_config_home() {
    // A relative XDG_CONFIG_HOME is ignored, as the XDG specification asks: every settings file is
    // then looked for under $HOME/.config, never some under one directory and some under another.
    let home = TempDir::new().unwrap();
    let relative = home.path().join("rel/parallax");
    fs::create_dir_all(&relative).unwrap();
    fs::write(relative.join("lexicon.toml"), "[loaded]\nremove = [\"massacre\"]\n").unwrap();
    fs::write(relative.join("keymap.toml"), "[keys]\nfly = [\"x\"]\n").unwrap();
    let config = home.path().join(".config/parallax");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("keymap.toml"), "[keys]\nquit = []\n").unwrap();
    let mut reader = Command::cargo_bin("parallax").unwrap();
    reader.current_dir(home.path()).env("HOME", home.path()).env("XDG_CONFIG_HOME", "rel");
    let expected = format!("parallax: {}:2:1: `quit` needs a key", config.join("keymap.toml").display());
    reader.assert().code(2).stderr(predicate::str::starts_with(expected));
    fs::write(config.join("lexicon.toml"), "[loaded]\nremove = [\"kerfufle\"]\n").unwrap();
    let mut analyze = Command::cargo_bin("parallax").unwrap();
    analyze.current_dir(home.path()).env("HOME", home.path()).env("XDG_CONFIG_HOME", "rel").args(["analyze", "--fast"]);
    let warning = format!(
        "parallax: warning: {}:2:11: `kerfufle` matches no [loaded] term",
        config.join("lexicon.toml").display()
    );
    analyze.assert().success().stderr(predicate::str::starts_with(warning));
}
