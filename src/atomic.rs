//! Replacing a file so that a crash, a kill or a full disk at any moment leaves
//! either the old content or the new, never a mixture: the new content goes to
//! a temporary file in the same directory, is flushed to disk, renamed over the
//! old file (an atomic step on POSIX file systems), and the directory entry is
//! flushed too, so the rename itself survives a power cut.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Temporary files end with this; [`remove_stale_temporaries`] knows them by it.
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |f| f.write_all(bytes))
}

/// Replaces `path` with what `fill` writes into the temporary file. When
/// `fill`, the flush or the rename fails, the temporary file is removed and
/// `path` is left as it was.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let dir = parent(path);
    let tmp = temporary_name(path);
    let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let written = fill(&mut file).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_directory(dir)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.PID.N.tmp` beside `path`: hidden, unique per process and call, so two
/// writers never share a temporary file.
fn temporary_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parent(path).join(format!(".{name}.{}.{n}{TEMP_SUFFIX}", std::process::id()))
}

/// Flushes a directory's entries (the rename). Some file systems cannot sync a
/// directory; the data is already safe there, so that is not an error.
fn sync_directory(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

/// Removes temporary files that a killed writer left in `dir` for `name`
/// (older than `age`, so a write in progress in another process is left alone).
pub fn remove_stale_temporaries(dir: &Path, name: &str, age: Duration) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else { continue };
        if !(n.starts_with(&prefix) && n.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|elapsed| elapsed >= age));
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_content_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(files_in(dir.path()), ["a.json"]);
    }

    #[test]
    fn a_failing_write_keeps_the_old_content_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&path, b"kept").unwrap();
        let err = write_with(&path, |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&path).unwrap(), b"kept");
        assert_eq!(files_in(dir.path()), ["a.json"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("nowhere/a.json"), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn stale_temporaries_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".a.json.1.0.tmp"), b"left by a killed writer").unwrap();
        fs::write(dir.path().join(".b.json.1.0.tmp"), b"another file's").unwrap();
        remove_stale_temporaries(dir.path(), "a.json", Duration::from_secs(3600));
        assert_eq!(files_in(dir.path()).len(), 2, "fresh temporaries are left alone");
        remove_stale_temporaries(dir.path(), "a.json", Duration::ZERO);
        assert_eq!(files_in(dir.path()), [".b.json.1.0.tmp"]);
    }
}
