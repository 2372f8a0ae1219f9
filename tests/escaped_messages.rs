//! Nothing from outside reaches the terminal as a control sequence: file names,
//! settings values and anything else quoted in an error or a warning is printed
//! escaped (`\e]0;…\x07`), in `analyze` and before the reader starts alike.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// An OSC sequence that sets the terminal's title when printed raw.
const OSC_TITLE: &str = "\u{1b}]0;PWNED\u{7}";
const OSC_TITLE_ESCAPED: &str = "\\e]0;PWNED\\x07";

fn parallax(config: &Path) -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    c.env("XDG_CONFIG_HOME", config).env_remove("NO_COLOR");
    c
}

fn stderr_of(cmd: &mut Command, code: i32) -> String {
    String::from_utf8_lossy(&cmd.assert().code(code).get_output().stderr).into_owned()
}

fn assert_inert(stderr: &str) {
    assert!(!stderr.chars().any(|c| c.is_control() && c != '\n'), "raw control character in {stderr:?}");
}

/// The reproduction: a file named with an OSC sequence, whose invalid UTF-8 draws a warning.
fn hostile_directory(dir: &TempDir) -> std::path::PathBuf {
    let d = dir.path().join("d");
    fs::create_dir(&d).unwrap();
    fs::write(d.join(format!("{OSC_TITLE}.txt")), b"bad \xff.").unwrap();
    d
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_escaped_by_analyze() {
    let dir = TempDir::new().unwrap();
    let d = hostile_directory(&dir);
    let mut cmd = parallax(dir.path());
    cmd.args(["analyze", "--format", "json"]).arg(&d);
    let stderr = stderr_of(&mut cmd, 0);
    assert_inert(&stderr);
    assert!(stderr.contains(&format!("{OSC_TITLE_ESCAPED}.txt")), "{stderr}");
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_escaped_before_the_reader_starts() {
    let dir = TempDir::new().unwrap();
    let d = hostile_directory(&dir);
    // Standard output is not a terminal, so the reader stops after the warnings.
    let stderr = stderr_of(parallax(dir.path()).arg(&d), 2);
    assert_inert(&stderr);
    assert!(stderr.contains(&format!("{OSC_TITLE_ESCAPED}.txt")), "{stderr}");
    assert!(stderr.contains("standard output is not a terminal"), "{stderr}");
}

#[test]
fn a_missing_path_with_an_escape_sequence_is_shown_escaped() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join(format!("{OSC_TITLE}\u{202e}txt.exe"));
    let stderr = stderr_of(parallax(dir.path()).arg("analyze").arg(&missing), 2);
    assert_inert(&stderr);
    assert!(
        stderr.ends_with(&format!("{OSC_TITLE_ESCAPED}\\u{{202e}}txt.exe: no such file or directory\n")),
        "{stderr}"
    );
}

fn with_config(file: &str, text: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("parallax")).unwrap();
    fs::write(dir.path().join("parallax").join(file), text).unwrap();
    dir
}

#[test]
fn escape_sequences_in_settings_errors_are_shown_escaped() {
    let cases = [
        ("keymap.toml", "[keys]\n\"\\u001b]0;PWNED\\u0007\" = [\"x\"]\n", "unknown action `\\e]0;PWNED\\x07`"),
        ("keymap.toml", "[keys]\nzoom = [\"<\\u001b]0;PWNED\\u0007>\"]\n", "unknown key <\\e]0;PWNED\\x07>"),
        ("theme.toml", "[styles.\"\\u001b]0;PWNED\\u0007\"]\n", "unknown style `\\e]0;PWNED\\x07`"),
        ("theme.toml", "[styles.status]\nfg = \"\\u001b]0;PWNED\\u0007\"\n", "unknown colour `\\e]0;PWNED\\x07`"),
        ("lexicon.toml", "[loaded]\n\"\\u001b]0;PWNED\\u0007\" = 1\n", "unknown field `\\e]0;PWNED\\x07`"),
    ];
    for (file, text, expected) in cases {
        let dir = with_config(file, text);
        let stderr = stderr_of(&mut parallax(dir.path()), 2);
        assert_inert(&stderr);
        assert!(stderr.contains(expected), "{file}: {stderr}");
    }
}

#[test]
fn an_escape_sequence_in_a_lexicon_warning_is_shown_escaped() {
    let dir = with_config("lexicon.toml", "[loaded]\nremove = [\"\\u001b]0;PWNED\\u0007 massacre\"]\n");
    let stderr = stderr_of(parallax(dir.path()).args(["analyze", "--fast"]), 0);
    assert_inert(&stderr);
    assert!(stderr.contains("`\\e]0;PWNED\\x07 massacre` matches no [loaded] term"), "{stderr}");
}

#[test]
fn an_escape_sequence_in_a_command_line_argument_is_shown_escaped() {
    let dir = TempDir::new().unwrap();
    let stderr = stderr_of(parallax(dir.path()).args(["analyze", "--min-score", OSC_TITLE]), 2);
    assert_inert(&stderr);
    assert!(stderr.contains(OSC_TITLE_ESCAPED), "{stderr}");
}
