//! Notes against real processes: `kill -9` in the middle of saving loses no
//! saved note and never leaves a damaged file; two processes adding notes to
//! the same document at the same time both keep all of theirs.
//!
//! The child processes are this test binary run again with an environment
//! variable naming their role, so they use the library exactly as parallax does.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use parallax::notes::{Draft, Kind, Store};

const ROLE: &str = "PARALLAX_TEST_ROLE";
const DIR: &str = "PARALLAX_TEST_DIR";
const NAME: &str = "PARALLAX_TEST_NAME";
const SOURCE: &str = "file:///class/story.txt";

fn text() -> String {
    (0..200).map(|i| format!("Sentence number {i} says something about the talks. ")).collect()
}

fn range_for(text: &str, i: usize) -> std::ops::Range<usize> {
    let words = format!("Sentence number {} says", i % 200);
    let s = text.find(&words).unwrap();
    s..s + words.len()
}

/// This binary, running only `test` in the role `role`.
fn child(test: &str, role: &str, dir: &Path, name: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .env(NAME, name)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// In a child: the role and data directory, if this process is one.
fn role() -> Option<(String, PathBuf, String)> {
    Some((std::env::var(ROLE).ok()?, std::env::var(DIR).ok()?.into(), std::env::var(NAME).unwrap_or_default()))
}

fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("notes"))
        .map(|e| e.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).count())
        .unwrap_or(0)
}

#[test]
fn kill_9_while_saving_loses_no_saved_note() {
    if let Some((_, dir, name)) = role() {
        // The saver: adds notes with long texts (so each save takes a while) and
        // reports each one only after its save returned.
        let text = text();
        let mut nb = Store::new(&dir).open_source(SOURCE, text.as_str()).unwrap();
        let filler = "x".repeat(50_000);
        for i in nb.len().. {
            let draft = Draft { kind: Kind::Note, text: format!("{name} note {i} {filler}"), tags: vec![] };
            nb.add(range_for(&text, i), draft).unwrap();
            println!("saved {i}");
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = text();
    let mut confirmed = 0;
    let mut killed_mid_write = 0;
    for round in 0..12u64 {
        let before = temporaries(dir.path());
        let mut saver = child("kill_9_while_saving_loses_no_saved_note", "saver", dir.path(), "saver");
        let mut lines = BufReader::new(saver.stdout.take().unwrap()).lines();
        // Wait for two saves, to learn how long one takes, then kill at a moment
        // within the next one that moves from round to round.
        let mut times = Vec::new();
        while times.len() < 2 {
            let line = lines.next().expect("the saver reports saves").unwrap();
            if let Some(n) = line.strip_prefix("saved ") {
                confirmed = n.parse::<usize>().unwrap() + 1;
                times.push(Instant::now());
            }
        }
        if round % 2 == 0 {
            // Kill the moment a temporary file appears: while the new file is being written.
            let deadline = Instant::now() + Duration::from_secs(10);
            while temporaries(dir.path()) == before && Instant::now() < deadline {}
        } else {
            // Kill at another moment of a save (reading, merging, serialising, renaming).
            let save = times[1] - times[0];
            std::thread::sleep(save.mul_f64(((round * 7) % 10) as f64 / 10.0 + 0.05));
        }
        saver.kill().unwrap(); // SIGKILL
        saver.wait().unwrap();
        for line in lines.map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("saved ") {
                confirmed = n.parse::<usize>().unwrap() + 1;
            }
        }
        killed_mid_write += usize::from(temporaries(dir.path()) > before);

        let nb = Store::new(dir.path()).open_source(SOURCE, text.as_str()).unwrap();
        assert!(nb.warnings().is_empty(), "round {round}: {:?}", nb.warnings());
        assert!(nb.len() >= confirmed, "round {round}: {} notes on disk, {confirmed} confirmed saved", nb.len());
        assert!(nb.len() <= confirmed + 1, "round {round}: at most the note being saved is extra");
        confirmed = nb.len();
    }
    eprintln!("{killed_mid_write} of 12 kills left a temporary file behind (killed mid-write)");
    // The kills must have hit saves in progress, or this test proves nothing.
    assert!(killed_mid_write > 0, "no kill landed while a temporary file was being written");
}

#[test]
fn two_processes_adding_notes_keep_each_others() {
    const EACH: usize = 30;
    if let Some((_, dir, name)) = role() {
        let text = text();
        let mut nb = Store::new(&dir).open_source(SOURCE, text.as_str()).unwrap();
        let offset = if name == "a" { 0 } else { 100 };
        for i in 0..EACH {
            let draft = Draft { kind: Kind::Note, text: format!("{name} {i}"), tags: vec![] };
            nb.add(range_for(&text, offset + i), draft).unwrap();
        }
        println!("done");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let children: Vec<Child> = ["a", "b"]
        .iter()
        .map(|n| child("two_processes_adding_notes_keep_each_others", "writer", dir.path(), n))
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("done"));
    }
    let nb = Store::new(dir.path()).open_source(SOURCE, text()).unwrap();
    let mut texts: Vec<String> = nb.entries().map(|e| e.annotation.text.clone()).collect();
    texts.sort();
    let mut expected: Vec<String> =
        ["a", "b"].iter().flat_map(|n| (0..EACH).map(move |i| format!("{n} {i}"))).collect();
    expected.sort();
    assert_eq!(texts, expected, "after {:?}", started.elapsed());
}
