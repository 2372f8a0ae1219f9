//! What the user asked to open — paths, web addresses, and the lines of
//! `--list` files — turned into documents in the order given: local files are
//! read first (a missing file stops everything before any download), then the
//! web pages are fetched, then the panes are laid out in the order asked.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use parallax::load::{self, LoadError, Loaded};

use crate::web;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Url(String),
}

/// Nothing could be opened: one line per failure, printed one by one.
#[derive(Debug)]
pub struct Unopened(pub Vec<String>);

impl fmt::Display for Unopened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

impl std::error::Error for Unopened {}

/// The arguments, then the entries of each `--list` file, in order.
pub fn gather(args: &[PathBuf], lists: &[PathBuf], max_input: u64) -> Result<Vec<Input>> {
    let stdin = |p: &PathBuf| p.as_os_str() == "-";
    let named = |inputs: &[Input]| inputs.iter().filter_map(Input::path).filter(|p| stdin(p)).count();
    let lists_from_stdin = lists.iter().filter(|l| stdin(l)).count();
    // Checked before a list is read from standard input, and again with the lists' entries.
    if lists_from_stdin + args.iter().filter(|a| stdin(a)).count() > 1 {
        return Err(LoadError::StdinTwice.into());
    }
    let mut inputs: Vec<Input> =
        args.iter().map(|a| classify(a)).collect::<Result<_, String>>().map_err(anyhow::Error::msg)?;
    for list in lists {
        inputs.extend(read_list(list, max_input)?);
    }
    if lists_from_stdin + named(&inputs) > 1 {
        return Err(LoadError::StdinTwice.into());
    }
    Ok(inputs)
}

/// An argument that starts like `scheme://` is a web address, anything else a path.
fn classify(arg: &Path) -> Result<Input, String> {
    match arg.to_str() {
        Some(s) if looks_like_url(s) => web::parse_url(s).map(|_| Input::Url(s.trim().to_string())),
        _ => Ok(Input::Path(arg.to_path_buf())),
    }
}

fn looks_like_url(s: &str) -> bool {
    s.split_once("://").is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// A `--list` file: one path or address per line; blank lines and lines
/// starting with `#` are skipped; relative paths are taken from the list's own
/// directory, so a list handed out with its files works wherever it is saved.
/// `-` reads the list from standard input (paths then relative to here).
/// A list is read as any input is: a regular file (or `-`), at most `max_input` bytes.
fn read_list(list: &Path, max_input: u64) -> Result<Vec<Input>> {
    let shown = list.display();
    let bytes = load::read_input(list, max_input).map_err(|e| match e {
        LoadError::Missing { .. } => anyhow::anyhow!("{shown}: no such file"),
        e => e.into(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{shown}: cannot read: not UTF-8 text"))?;
    let base = if list.as_os_str() == "-" { None } else { list.parent() };
    let mut inputs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let entry = line.trim();
        if entry.is_empty() || entry.starts_with('#') {
            continue;
        }
        let input = classify(Path::new(entry)).map_err(|e| anyhow::anyhow!("{shown}:{}: {e}", n + 1))?;
        inputs.push(match input {
            Input::Path(p) if p.is_relative() && p.as_os_str() != "-" => {
                Input::Path(base.map_or(p.clone(), |b| b.join(&p)))
            }
            other => other,
        });
    }
    if inputs.is_empty() {
        bail!("{shown}: lists no paths or web addresses");
    }
    Ok(inputs)
}

/// Opens every input, in order. A local file that cannot be read is an error,
/// as before; a web page that cannot be opened is a warning while anything
/// else opens, and when nothing does, each failure is a line of [`Unopened`].
pub fn open(inputs: &[Input], options: &web::Options, max_input: u64) -> Result<Loaded> {
    // Consecutive paths load together, so the library's rules for them hold
    // (a binary file is skipped while something else in the run opens); each
    // address is a group of its own.
    let groups: Vec<&[Input]> = inputs.chunk_by(|a, b| matches!((a, b), (Input::Path(_), Input::Path(_)))).collect();
    let mut runs = Vec::new();
    for group in &groups {
        let paths: Vec<PathBuf> = group.iter().filter_map(Input::path).cloned().collect();
        if paths.is_empty() {
            continue;
        }
        runs.push(match load::load_paths_limited(&paths, max_input) {
            // Only binary files: skipped if anything else opens.
            Err(e @ LoadError::Binary { .. }) => Err(e.to_string()),
            Err(e) => return Err(e.into()),
            Ok(run) => Ok(run),
        });
    }
    let urls: Vec<String> = inputs.iter().filter_map(Input::url).cloned().collect();
    let opened = web::open(&urls, options);

    let (mut runs, mut pages) = (runs.into_iter(), opened.outcomes.into_iter());
    let mut loaded = Loaded::default();
    let mut failures = Vec::new();
    for group in groups {
        if group[0].url().is_some() {
            match pages.next().expect("an outcome per address") {
                Ok(doc) => loaded.documents.push(doc),
                Err(why) => failures.push(why),
            }
        } else {
            match runs.next().expect("a run per group of paths") {
                Ok(run) => {
                    loaded.documents.extend(run.documents);
                    loaded.warnings.extend(run.warnings);
                }
                Err(why) => failures.push(why),
            }
        }
    }
    if loaded.documents.is_empty() {
        return Err(Unopened(failures).into());
    }
    loaded.warnings.extend(opened.warnings);
    loaded.warnings.extend(failures);
    Ok(loaded)
}

impl Input {
    fn path(&self) -> Option<&PathBuf> {
        match self {
            Input::Path(p) => Some(p),
            Input::Url(_) => None,
        }
    }

    fn url(&self) -> Option<&String> {
        match self {
            Input::Url(u) => Some(u),
            Input::Path(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use parallax::document::Document;

    use super::*;

    fn titles(docs: &[Document]) -> Vec<&str> {
        docs.iter().map(|d| d.title.as_str()).collect()
    }

    #[test]
    fn addresses_and_paths_are_told_apart() {
        assert_eq!(classify(Path::new("https://example.org/a")).unwrap(), Input::Url("https://example.org/a".into()));
        assert_eq!(classify(Path::new("notes/a.txt")).unwrap(), Input::Path("notes/a.txt".into()));
        assert_eq!(classify(Path::new("C:/story.txt")).unwrap(), Input::Path("C:/story.txt".into()));
        assert!(classify(Path::new("ftp://example.org/a")).unwrap_err().contains("only http:// and https://"));
    }

    #[test]
    fn a_list_skips_comments_and_takes_paths_from_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("class.txt");
        std::fs::write(&list, "# week 3\n\nhttps://example.org/a\n  story.txt  \n/abs/b.md\n# end\n").unwrap();
        let inputs = gather(&["first.txt".into()], std::slice::from_ref(&list), load::DEFAULT_MAX_BYTES).unwrap();
        assert_eq!(
            inputs,
            vec![
                Input::Path("first.txt".into()),
                Input::Url("https://example.org/a".into()),
                Input::Path(dir.path().join("story.txt")),
                Input::Path("/abs/b.md".into()),
            ]
        );
    }

    #[test]
    fn standard_input_is_read_once() {
        let e = gather(&["-".into(), "-".into()], &[], load::DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(e.to_string(), "standard input was named more than once");
        let e = gather(&["-".into()], &["-".into()], load::DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(e.to_string(), "standard input was named more than once");
    }

    #[test]
    fn a_bad_list_line_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("l.txt");
        std::fs::write(&list, "a.txt\ngopher://x.test/1\n").unwrap();
        let e = gather(&[], std::slice::from_ref(&list), load::DEFAULT_MAX_BYTES).unwrap_err().to_string();
        assert!(e.ends_with("l.txt:2: gopher://x.test/1: only http:// and https:// addresses can be opened"), "{e}");
        std::fs::write(&list, "# nothing\n").unwrap();
        assert!(
            gather(&[], &[list], load::DEFAULT_MAX_BYTES)
                .unwrap_err()
                .to_string()
                .ends_with("lists no paths or web addresses")
        );
    }

    #[test]
    fn local_files_keep_their_place_and_binary_runs_are_skipped_while_something_opens() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, bin) = (dir.path().join("a.txt"), dir.path().join("b.txt"), dir.path().join("x.txt"));
        std::fs::write(&a, "First story.").unwrap();
        std::fs::write(&b, "Second story.").unwrap();
        std::fs::write(&bin, b"\0\0\0").unwrap();
        let options =
            web::Options { offline: true, refresh: false, timeout: std::time::Duration::from_secs(1), max_size: 1000 };
        let inputs = [Input::Path(b.clone()), Input::Path(bin.clone()), Input::Path(a.clone())];
        let loaded = open(&inputs, &options, load::DEFAULT_MAX_BYTES).unwrap();
        assert_eq!(titles(&loaded.documents), ["Second story.", "First story."]);
        let e = open(&[Input::Path(bin.clone())], &options, load::DEFAULT_MAX_BYTES).unwrap_err();
        assert!(e.downcast_ref::<Unopened>().is_some_and(|u| u.0.len() == 1), "{e}");
    }
}
