//! The classroom commands end to end: notes (add, mark, list, rm, export),
//! scoring a student's marks and a class, handouts; and their bad input.
//! Every test has its own data directory (XDG_DATA_HOME) and its own articles,
//! written here.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use dom_query::Document as Dom;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const STORY_A: &str = "Talks resume in the capital\n\nOfficials said the talks were a disaster for both sides. \
                       The envoy reportedly left early.\n\nThe militant group released two captives on Monday.";
const STORY_B: &str = "Talks stall again\n\nThe terror group refused the offer. Critics called the plan a massacre \
                       of hope.";

struct Class {
    dir: TempDir,
}

impl Class {
    fn new() -> Class {
        let dir = TempDir::new().unwrap();
        fs::create_dir_all(dir.path().join("story")).unwrap();
        fs::write(dir.path().join("story/a.txt"), STORY_A).unwrap();
        fs::write(dir.path().join("story/b.txt"), STORY_B).unwrap();
        Class { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// parallax in the class directory, with its own data, state and config directories.
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("parallax").unwrap();
        cmd.current_dir(self.dir.path())
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_STATE_HOME", self.path("state"))
            .env("XDG_CONFIG_HOME", self.path("config"));
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    }

    fn notes_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.data().join("parallax/notes"))
            .map(|e| e.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect())
            .unwrap_or_default();
        files.sort();
        files
    }
}

#[test]
fn notes_are_added_listed_and_removed() {
    let c = Class::new();
    let added =
        c.run(&["notes", "add", "story/a.txt", "--at", "Officials  said", "--tag", "sources", "Which officials?"]);
    assert!(added.ends_with(" note added to story/a.txt\n"), "{added}");
    let id = added.split_whitespace().next().unwrap().to_string();
    c.run(&["notes", "mark", "story/a.txt", "--at", "disaster", "--category", "loaded", "--rewording", "a failure"]);

    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(list.starts_with("story/a.txt — Talks resume in the capital\n"), "{list}");
    assert!(list.contains(&format!("  {id}  ¶2        note  “Officials said”  Which officials?  [sources]")), "{list}");
    assert!(list.contains("mark  loaded: “disaster” → “a failure”"), "{list}");

    c.run(&["notes", "rm", "story/a.txt", &id[..4]]);
    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(!list.contains("Which officials?") && list.contains("disaster"), "{list}");
    // Without paths: every notes file, as stored.
    let all = c.run(&["notes", "list"]);
    assert!(all.starts_with("file:///") && all.contains("/story/a.txt\n"), "{all}");
}

#[test]
fn ambiguous_or_missing_words_are_refused_with_a_way_out() {
    let c = Class::new();
    c.cmd()
        .args(["notes", "add", "story/a.txt", "--at", "the", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“the” occurs 2 times; choose one with --nth 1…2"));
    c.cmd()
        .args(["notes", "add", "story/a.txt", "--at", "nowhere in it", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“nowhere in it” is not in the text"));
    c.cmd()
        .args(["notes", "mark", "story/a.txt", "--at", "disaster", "--category", "spin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`spin` is not a category; one of loaded, label, hedge"));
    // Words not found as written are looked for ignoring case.
    assert!(c.run(&["notes", "add", "story/a.txt", "--at", "officials said", "x"]).contains("note added"));
    let out = c.run(&["notes", "add", "story/a.txt", "--at", "the", "--nth", "2", "second"]);
    assert!(out.contains("note added"));
    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(list.contains("¶2        note  “the”  second"), "{list}");
}

#[test]
fn a_note_on_standard_input_is_refused() {
    let c = Class::new();
    c.cmd().args(["notes", "add", "-", "--at", "talks", "x"]).write_stdin(STORY_A).assert().code(2).stderr(
        predicate::str::contains("notes on standard input are refused").and(predicate::str::contains("save the text")),
    );
    assert!(c.notes_files().is_empty());
}

#[test]
fn an_unwritable_data_directory_gives_a_message_and_keeps_old_notes() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "reportedly", "kept"]);
    // The lock file replaced by a directory: no save can happen (for root too).
    let lock = PathBuf::from(format!("{}.lock", c.notes_files()[0].display()));
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    c.cmd()
        .args(["notes", "add", "story/a.txt", "--at", "disaster", "lost?"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("notes are read-only:").and(predicate::str::contains("panicked").not()));
    assert!(c.run(&["notes", "list", "story/a.txt"]).contains("kept"));

    // A data directory that cannot even be created: a clear error, no panic.
    let c2 = Class::new();
    fs::write(c2.path("data"), "a file where the data directory should be").unwrap();
    c2.cmd()
        .args(["notes", "add", "story/a.txt", "--at", "disaster", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("notes are read-only:").and(predicate::str::contains("panicked").not()));
}

#[test]
fn a_hand_broken_notes_file_is_reported_and_set_aside_not_overwritten() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "reportedly", "good note"]);
    let file = c.notes_files()[0].clone();
    let mut content = fs::read_to_string(&file).unwrap();
    content.push_str("{ this line was edited by hand\n");
    fs::write(&file, &content).unwrap();

    // Listing only reads: the file is reported and left alone.
    c.cmd()
        .args(["notes", "list", "story/a.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("good note"))
        .stderr(predicate::str::contains(format!("{}:3: ", file.display())));
    assert_eq!(fs::read_to_string(&file).unwrap(), content);

    // A change sets it aside under a new name and keeps its good notes.
    c.cmd()
        .args(["notes", "add", "story/a.txt", "--at", "disaster", "new note"])
        .assert()
        .success()
        .stderr(predicate::str::contains("set aside as"));
    let aside: Vec<PathBuf> = fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), content);
    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(list.contains("good note") && list.contains("new note"), "{list}");
}

#[test]
fn notes_follow_an_edited_document_and_orphans_are_kept() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "The envoy reportedly left early.", "hedged"]);
    c.run(&["notes", "add", "story/a.txt", "--at", "released two captives", "naming"]);
    fs::write(
        c.path("story/a.txt"),
        "Talks resume in the capital\n\nA new first paragraph was added.\n\nThe militant group released two captives on Monday.",
    )
    .unwrap();
    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(list.contains("¶3        note  “released two captives”  naming"), "{list}");
    assert!(list.contains("orphaned  note  “The envoy reportedly left early.”  hedged"), "{list}");
}

fn export_json(c: &Class, args: &[&str]) -> Value {
    serde_json::from_str(&c.run(args)).expect("JSON-LD")
}

#[test]
fn notes_export_in_three_formats() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "Officials said", "=SUM(A1)"]);
    c.run(&["notes", "mark", "story/b.txt", "--at", "terror group", "--category", "label"]);

    let v = export_json(&c, &["notes", "export", "--format", "jsonld", "story/a.txt", "story/b.txt"]);
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let selectors = &items[0]["target"]["selector"];
    assert_eq!(selectors[0]["exact"], "Officials said");
    let start = STORY_A.find("Officials said").unwrap();
    assert_eq!(selectors[1], serde_json::json!({"type": "TextPositionSelector", "start": start, "end": start + 14}));

    let marks = export_json(&c, &["notes", "export", "--format", "jsonld", "--only", "marks", "--creator", "Ana"]);
    assert_eq!(marks["total"], 1);
    assert_eq!(marks["first"]["items"][0]["creator"]["name"], "Ana");

    let md = c.run(&["notes", "export", "--format", "md", "story/a.txt"]);
    assert!(
        md.contains("## Talks resume in the capital (a.txt)") && md.contains("- **Note** on “Officials said”"),
        "{md}"
    );
    let csv = c.run(&["notes", "export", "--format", "csv", "story/a.txt"]);
    assert!(csv.starts_with("document,source,id,kind,"), "{csv}");
    assert!(csv.contains(",'=SUM(A1),"), "a formula is defused: {csv}");
}

/// A student marks story a and b, exports, and the file goes into the class folder.
fn hand_in(c: &Class, student: &str, marks: &[(&str, &str, &str)]) {
    let own = Class::new();
    for (file, words, category) in marks {
        own.run(&["notes", "mark", &format!("story/{file}"), "--at", words, "--category", category]);
    }
    let out = own.run(&["notes", "export", "--format", "jsonld", "--only", "marks", "--creator", student]);
    fs::create_dir_all(c.path("class")).unwrap();
    fs::write(c.path(&format!("class/{}.jsonld", student.to_lowercase())), out).unwrap();
}

fn key_file(c: &Class) -> PathBuf {
    let teacher = Class::new();
    for (file, words, category) in [
        ("a.txt", "Officials said", "attribution"),
        ("a.txt", "disaster", "loaded"),
        ("a.txt", "reportedly", "hedge"),
        ("b.txt", "terror group", "label"),
        ("b.txt", "massacre", "loaded"),
    ] {
        teacher.run(&["notes", "mark", &format!("story/{file}"), "--at", words, "--category", category]);
    }
    let out = teacher.run(&["notes", "export", "--format", "jsonld", "--only", "marks"]);
    let path = c.path("key.jsonld");
    fs::write(&path, out).unwrap();
    path
}

#[test]
fn a_student_gets_feedback_against_a_key_file() {
    let c = Class::new();
    let key = key_file(&c);
    c.run(&["notes", "mark", "story/a.txt", "--at", "disaster for both", "--category", "loaded"]);
    c.run(&["notes", "mark", "story/a.txt", "--at", "reportedly", "--category", "booster"]);
    c.run(&["notes", "mark", "story/a.txt", "--at", "militant group", "--category", "label"]);
    let out = c.run(&["score", "--key", key.to_str().unwrap(), "story/a.txt"]);
    assert!(out.contains("you found 2 of 3 marks of the key"), "{out}");
    assert!(out.contains("Found by you, not by the key (for discussion):\n    “militant group” (label)"), "{out}");
    assert!(out.contains("“reportedly”: you said booster, the key says hedge"), "{out}");
    assert!(out.contains("Not marked by you:\n    “Officials said” (attribution)"), "{out}");
}

#[test]
fn the_class_table_has_a_row_per_student_article_and_category() {
    let c = Class::new();
    let key = key_file(&c);
    hand_in(&c, "Ana", &[("a.txt", "Officials said", "attribution"), ("b.txt", "massacre of hope", "loaded")]);
    hand_in(&c, "Ben", &[("a.txt", "disaster", "hedge")]);
    fs::write(c.path("class/broken.jsonld"), "{ not json").unwrap();
    let out = c
        .cmd()
        .args(["score", "--class", "class", "--key", key.to_str().unwrap(), "story/a.txt", "story/b.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("broken.jsonld").and(predicate::str::contains("left out")))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 1 + 2 * 2 * 8, "{out}");
    assert!(rows.contains(&"Ana,a.txt,attribution,1,1,1,0,0,1.00,1.00"), "{out}");
    assert!(rows.contains(&"Ana,b.txt,loaded,1,1,1,0,0,1.00,0.33"), "{out}");
    assert!(rows.contains(&"Ben,a.txt,any,3,1,1,0,2,1.00,1.00"), "{out}");
    assert!(rows.contains(&"Ben,a.txt,loaded,1,0,0,0,1,0.00,0.00"), "{out}");
    assert!(rows.contains(&"Ben,a.txt,hedge,1,1,0,1,1,0.00,0.00"), "{out}");
}

#[test]
fn the_tool_is_the_key_without_a_key_file() {
    let c = Class::new();
    c.run(&["notes", "mark", "story/b.txt", "--at", "massacre", "--category", "loaded"]);
    let out = c.run(&["score", "story/b.txt"]);
    assert!(out.contains("marks of the tool"), "{out}");
    assert!(out.contains("loaded language"), "{out}");
}

fn handout(c: &Class, args: &[&str]) -> Dom {
    let html = c.run(&[&["export", "--format", "html"], args].concat());
    let dom = Dom::from(html.as_str());
    assert!(dom.errors.borrow().is_empty(), "{:?}", dom.errors.borrow());
    dom
}

#[test]
fn a_handout_of_the_students_version_and_the_key() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "Officials said", "--tag", "student", "Who are these officials?"]);
    c.run(&["notes", "add", "story/b.txt", "--at", "terror group", "Compare with source 1."]);

    let student = handout(&c, &["story/a.txt", "story/b.txt"]);
    assert_eq!(student.select("article.source").length(), 2);
    assert_eq!(student.select(".answer-key").length(), 0);
    assert!(student.select("#source-1 .exercise").text().contains("Who are these officials?"));
    assert!(!student.select("body").text().contains("Compare with source 1."));
    assert_eq!(student.select("#source-1 h2").text().to_string(), "Talks resume in the capital");
    // Two sources: who reports what, between the sources and the key, counts per source.
    assert_eq!(student.select("section.coverage").length(), 1);
    assert_eq!(student.select("section.coverage tbody tr").length(), 2, "one summary row per source");
    assert!(student.select("section.coverage").text().contains("No claim is reported by more than one source."));

    let key = handout(&c, &["--key", "story/a.txt", "story/b.txt"]);
    assert_eq!(key.select(".answer-key article.key").length(), 2);
    assert!(key.select(".answer-key .mark").length() >= 3);
    assert!(key.select("#key-2 .teacher-notes").text().contains("Compare with source 1."));
    let tags = key.select("#key-1 .text .tag").text().to_string();
    // The key is the reader's view with both layers (the exercise asks for all seven letters):
    // a hedge is in it; "Officials said" (anonymous sourcing, confidence 0.17) is below the threshold.
    assert!(tags.contains("[L1]") && tags.contains("[H2]"), "{tags}");
    assert!(!tags.contains("[A"), "{tags}");

    let from_file = handout(&c, &["--key-file", key_file(&c).to_str().unwrap(), "story/a.txt", "story/b.txt"]);
    assert_eq!(from_file.select("#key-1 .mark").length(), 3);
    assert!(from_file.select(".answer-key > p").text().contains("key.jsonld"));

    let md = c.run(&["export", "--format", "md", "--key", "story/b.txt"]);
    assert!(md.starts_with("# Reading one source\n") && md.contains("# Answer key"), "{md}");
    assert!(!md.contains("Who reports what"), "one source has no coverage table: {md}");
}

#[test]
fn export_of_a_missing_file_is_a_one_line_error() {
    let c = Class::new();
    c.cmd()
        .args(["export", "--format", "html", "story/nope.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("story/nope.txt: no such file or directory"));
    c.cmd()
        .args(["score", "--key", "missing.jsonld", "story/a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.jsonld: cannot read"));
}

#[test]
fn escape_sequences_in_a_notes_file_never_reach_the_terminal() {
    let c = Class::new();
    c.run(&["notes", "add", "story/a.txt", "--at", "reportedly", "plain"]);
    let file = c.notes_files()[0].clone();
    let content = fs::read_to_string(&file).unwrap().replace("\"plain\"", "\"\\u001b]52;c;aGk=\\u0007title\"");
    fs::write(&file, content).unwrap();
    let list = c.run(&["notes", "list", "story/a.txt"]);
    assert!(!list.contains('\u{1b}') && !list.contains('\u{7}'), "{list:?}");
    assert!(list.contains("\\e]52;c;aGk=\\x07title"), "{list}");
    let csv = c.run(&["notes", "export", "--format", "csv", "story/a.txt"]);
    assert!(!csv.contains('\u{1b}'), "{csv:?}");
}
