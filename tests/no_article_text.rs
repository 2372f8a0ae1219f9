//! Guard: the dev-set articles of `../shared/eval` (ECB+, NewsWCL50, BABE; `claims_judged` points into
//! NewsWCL50) belong to their publishers and are read at run time only, never copied into the repository.
//! Fails, naming file and passage, when a quoted passage of five words or more in the notes, README,
//! BENCHMARKS or the Rust sources occurs verbatim in those articles. Examples in notes and comments are
//! invented, or described ("a quotation of six function words told by two outlets").
//!
//! A quoted passage is what stands between two neighbouring marks of one kind (`"`, `` ` ``, `*`, after
//! curly quotes are made straight) or between “ and the next ”, cut at ellipses. Every pair of neighbours
//! is read, not only alternate ones: a single stray mark would otherwise shift the pairing of the rest
//! of the file, and earlier copies escaped a check that paired marks in turn.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use serde::Deserialize;

const MIN_WORDS: usize = 5;

/// Quotes made straight and whitespace runs made one space, the same for articles and repository text.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        });
    }
    if space {
        out.push(' ');
    }
    out
}

#[derive(Deserialize)]
struct EcbDoc {
    sentences: Vec<EcbSentence>,
}

#[derive(Deserialize)]
struct EcbSentence {
    text: String,
}

#[derive(Deserialize)]
struct WclEvent {
    articles: Vec<WclArticle>,
}

#[derive(Deserialize)]
struct WclArticle {
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct BabeSentence {
    text: String,
}

fn each_line<T: for<'de> Deserialize<'de>>(path: &Path, mut f: impl FnMut(T)) {
    let file = fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        f(serde_json::from_str(&line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1)));
    }
}

/// Every article, one per line, normalised as one text.
fn articles(eval: &Path) -> String {
    let mut all = Vec::new();
    each_line(&eval.join("ecbplus/ecbplus_docs.jsonl"), |d: EcbDoc| {
        all.push(d.sentences.into_iter().map(|s| s.text).collect::<Vec<_>>().join(" "));
    });
    each_line(&eval.join("newswcl50/newswcl50_events.jsonl"), |e: WclEvent| {
        all.extend(e.articles.into_iter().map(|a| a.sentences.join(" ")));
    });
    each_line(&eval.join("babe/babe_dev.jsonl"), |s: BabeSentence| all.push(s.text));
    normalise(&all.join("\n"))
}

/// The text between each two neighbouring `mark`s whose length (in characters) is in `len`.
fn between_marks(text: &str, mark: char, len: std::ops::RangeInclusive<usize>, out: &mut Vec<String>) {
    let at: Vec<usize> = text.match_indices(mark).map(|(i, _)| i).collect();
    for pair in at.windows(2) {
        let inside = &text[pair[0] + mark.len_utf8()..pair[1]];
        if len.contains(&inside.chars().count()) {
            out.push(inside.to_string());
        }
    }
}

/// Quoted passages of `text` (raw file contents) with at least [`MIN_WORDS`] words, normalised.
fn passages(text: &str) -> BTreeSet<String> {
    let mut quoted = Vec::new();
    let straight = normalise(text);
    between_marks(&straight, '"', 20..=300, &mut quoted);
    between_marks(&straight, '`', 20..=300, &mut quoted);
    between_marks(&straight, '*', 20..=200, &mut quoted);
    // “…” paired by direction, before they become the same mark.
    let curly: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (open, _) in curly.match_indices('“') {
        let rest = &curly[open + '“'.len_utf8()..];
        if let Some(close) = rest.find('”').filter(|&c| (20..=300).contains(&rest[..c].chars().count())) {
            quoted.push(normalise(&rest[..close]));
        }
    }
    let mut found = BTreeSet::new();
    for q in &quoted {
        let q = q.trim_matches([' ', '.', ',', '…']);
        for piece in q.split('…').flat_map(|p| p.split("...")) {
            let piece = piece.trim_matches([' ', '.', ',']);
            if piece.split_whitespace().count() >= MIN_WORDS {
                found.insert(piece.to_string());
            }
        }
    }
    found
}

/// `notes/*.md`, README.md, BENCHMARKS.md and every `.rs` under src, tests and examples.
fn repository_files(root: &Path) -> Vec<PathBuf> {
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("notes"))
        .expect("notes/")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.extend(["README.md", "BENCHMARKS.md"].map(|f| root.join(f)));
    for dir in ["src", "tests", "examples"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    files
}

#[test]
fn no_quoted_passage_of_the_dev_set_articles_is_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let eval = std::env::var_os("PARALLAX_EVAL").map_or_else(|| root.join("../shared/eval"), PathBuf::from);
    if !eval.is_dir() {
        if std::env::var_os("PARALLAX_NO_EVAL").is_some_and(|v| v == "1") {
            eprintln!("note: {} is absent and PARALLAX_NO_EVAL=1: article text not checked", eval.display());
            return;
        }
        panic!(
            "{} is absent: the eval data (../shared/eval) must sit beside the repository for this check \
             (CI has it); set PARALLAX_NO_EVAL=1 to skip it",
            eval.display()
        );
    }
    let articles = articles(&eval);

    let mut quoted: Vec<(PathBuf, String)> = Vec::new();
    for file in repository_files(root) {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        quoted.extend(passages(&text).into_iter().map(|p| (file.clone(), p)));
    }
    // One pass over the articles for all passages (`contains` per passage is too slow unoptimised).
    let searcher = AhoCorasick::new(quoted.iter().map(|(_, p)| p)).expect("an automaton of the passages");
    let mut hit = vec![false; quoted.len()];
    for m in searcher.find_overlapping_iter(&articles) {
        hit[m.pattern().as_usize()] = true;
    }
    let copied: Vec<String> = quoted
        .iter()
        .zip(&hit)
        .filter(|(_, h)| **h)
        .map(|((f, p), _)| format!("{}: {p}", f.strip_prefix(root).unwrap_or(f).display()))
        .collect();
    assert!(
        copied.is_empty(),
        "{} quoted passage(s) copied from the dev-set articles; describe the example or invent one:\n{}",
        copied.len(),
        copied.join("\n")
    );
}
