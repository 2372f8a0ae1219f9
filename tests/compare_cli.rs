//! `parallax compare` (Markdown and CSV) and the compare tables in `analyze --format json`,
//! on three short tellings of an invented story written for these tests.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const STORIES: [(&str, &str); 3] = [
    (
        "herald.md",
        "---\ntitle: Dockers end strike\nsource: Kelmport Herald\n---\n\
         Kelmport harbour officials approved a 12% pay rise for 400 dockers on Tuesday, ending the Kelmport strike.\n\n\
         “We will not accept another insult to the dockers of Kelmport,” union leader Mara Lind said on Tuesday.\n\n\
         The terror group Harbour Front blocked the gates.\n",
    ),
    (
        "weekly.md",
        "---\ntitle: Strike over in Kelmport\nsource: Port Weekly\n---\n\
         On Tuesday Kelmport harbour officials approved a 12% pay rise for the 400 dockers, ending the strike.\n\n\
         Mara Lind said: “We will not accept another insult to the dockers of Kelmport.”\n\n\
         The militant group Harbour Front blocked the gates on Monday.\n",
    ),
    (
        "voice.txt",
        "Kelmport dockers win a 12% pay rise after the strike.\n\n\
         The 400 Kelmport dockers won a 12% pay rise approved by harbour officials on Tuesday.\n\n\
         Ships waited for three days outside the harbour of Kelmport.\n",
    ),
];

fn stories() -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in STORIES {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn parallax(home: &Path) -> Command {
    let mut c = Command::cargo_bin("parallax").unwrap();
    for var in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "HOME"] {
        c.env(var, home);
    }
    c
}

fn paths(dir: &TempDir) -> Vec<String> {
    STORIES.iter().map(|(n, _)| dir.path().join(n).display().to_string()).collect()
}

fn at<'a>(v: &Value, texts: &'a [String]) -> &'a str {
    let (doc, start, end) = (
        v["doc"].as_u64().unwrap() as usize,
        v["start"].as_u64().unwrap() as usize,
        v["end"].as_u64().unwrap() as usize,
    );
    &texts[doc][start..end]
}

#[test]
fn analyze_json_gains_the_four_tables_with_byte_ranges() {
    let dir = stories();
    let out = parallax(dir.path()).arg("analyze").args(paths(&dir)).assert().success().get_output().stdout.clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema"], 1);
    for key in ["documents", "framing", "links", "clusters"] {
        assert!(v[key].is_array(), "{key} is still there");
    }
    let texts: Vec<String> =
        v["documents"].as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap().to_string()).collect();
    // Coverage: the pay rise, told by all three, is the first row; each telling is its sentence.
    let claims = v["coverage"]["claims"].as_array().unwrap();
    assert_eq!(claims[0]["sources"], 3, "{claims:?}");
    for t in claims[0]["tellings"].as_array().unwrap() {
        assert!(at(t, &texts).contains("12%"), "{}", at(t, &texts));
    }
    assert_eq!(v["coverage"]["summary"].as_array().unwrap().len(), 3);
    // Only Dock Voice tells of the ships: a claim with one telling, its own.
    let ships = claims.iter().find(|c| at(&c["tellings"][0], &texts).starts_with("Ships")).unwrap();
    assert_eq!((ships["sources"].as_u64(), ships["tellings"].as_array().unwrap().len()), (Some(1), 1));
    assert_eq!(ships["tellings"][0]["doc"], 2);
    // Labels: Harbour Front is a terror group in one, a militant group in another.
    let labels = v["labels"].as_array().unwrap();
    let row = labels.iter().find(|r| r["referent"] == "Harbour Front").expect("a Harbour Front row");
    assert_eq!(row["names"][0][0]["term"], "terror group");
    assert_eq!(row["names"][1][0]["term"], "militant group");
    assert_eq!(at(&row["names"][1][0]["places"][0], &texts), "militant group");
    // Sources: one row each, densities by category.
    let sources = v["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 3);
    assert_eq!(sources[0]["density"].as_array().unwrap().len(), 7);
    // Quotes: Lind's words, quoted by two sources, are one group.
    let quotes = v["quotes"].as_array().unwrap();
    let lind = &quotes[0]["quotes"];
    assert_eq!(lind.as_array().unwrap().len(), 2, "{quotes:?}");
    assert!(at(&lind[0]["place"], &texts).contains("another insult"));
    assert_eq!(lind[1]["speaker"], "Mara Lind");
    assert_eq!(at(&lind[1]["speaker_place"], &texts), "Mara Lind");
}

#[test]
fn compare_md_prints_the_four_tables() {
    let dir = stories();
    parallax(dir.path())
        .arg("compare")
        .args(paths(&dir))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("## Coverage"))
        .stdout(predicate::str::contains("| 1 | 3 | ✓ | ✓ | ✓ |"))
        .stdout(predicate::str::contains("## Labels"))
        .stdout(predicate::str::contains("| Harbour Front | armed-group | terror group ×1 | militant group ×1 | · |"))
        .stdout(predicate::str::contains("## Sources"))
        .stdout(predicate::str::contains("## Quotes"));
}

#[test]
fn compare_csv_writes_one_file_per_table_or_one_table_to_stdout() {
    let dir = stories();
    let out = dir.path().join("tables");
    parallax(dir.path())
        .args(["compare", "--format", "csv", "--out"])
        .arg(&out)
        .args(paths(&dir))
        .assert()
        .success()
        .stdout("");
    for name in ["coverage", "labels", "sources", "quotes"] {
        let text = fs::read_to_string(out.join(format!("{name}.csv"))).unwrap();
        assert!(text.lines().count() > 1, "{name} has rows");
    }
    let sources = fs::read_to_string(out.join("sources.csv")).unwrap();
    assert!(sources.starts_with("doc,source,words,sentences,wording_own,wording_quoted"));
    assert!(sources.contains("Kelmport Herald"));
    parallax(dir.path())
        .args(["compare", "--format", "csv", "--table", "labels"])
        .args(paths(&dir))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("set,referent,doc,source,term,own,quoted,places\n"))
        .stdout(predicate::str::contains("armed-group,Harbour Front,1,Port Weekly,militant group,1,0,"));
}

#[test]
fn compare_refuses_unclear_requests_with_one_line() {
    let dir = stories();
    parallax(dir.path())
        .args(["compare", "--format", "csv"])
        .args(paths(&dir))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --out DIR, or --table NAME"));
    parallax(dir.path())
        .args(["compare", "--table", "nope"])
        .args(paths(&dir))
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid value 'nope'"));
    parallax(dir.path()).args(["compare", "missing.txt"]).current_dir(dir.path()).assert().code(2);
}
