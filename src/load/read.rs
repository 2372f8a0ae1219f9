//! Reading inputs without being led astray: only regular files (a FIFO or a
//! device named as a path is refused, never opened to block or to stream
//! forever), never more than a size limit, and in a directory never through a
//! link out of it.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Default limit on the bytes read from one input: far above any article.
pub const DEFAULT_MAX_BYTES: u64 = 64_000_000;

/// Why an input was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A FIFO, device or socket: reading it could block or never end.
    NotRegular(&'static str),
    TooLarge {
        limit: u64,
    },
    /// In a directory, a link whose target lies outside it.
    LinkOutside,
    /// In a directory, a link to nothing.
    BrokenLink,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRegular(kind) => {
                write!(f, "{kind}, not a regular file (to read a stream, pipe it to `-`)")
            }
            Refusal::TooLarge { limit } => {
                write!(f, "larger than the input limit of {} (raise it with --max-input)", format_size(*limit))
            }
            Refusal::LinkOutside => f.write_str("a link to a file outside the directory"),
            Refusal::BrokenLink => f.write_str("a link to nothing"),
        }
    }
}

#[derive(Debug)]
pub enum ReadError {
    Refused(Refusal),
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Reads the regular file at `path` (following a link only when `follow_link`),
/// at most `limit` bytes.
pub fn file(path: &Path, limit: u64, follow_link: bool) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a FIFO blocks, opening a device may do things.
    let seen = if follow_link { fs::metadata(path)? } else { fs::symlink_metadata(path)? };
    check_regular(&seen, limit)?;
    let file = open(path, follow_link)?;
    // Look again at what was opened, in case the path changed in between.
    check_regular(&file.metadata()?, limit)?;
    capped(file, limit)
}

/// Reads standard input, at most `limit` bytes.
pub fn stdin(limit: u64) -> Result<Vec<u8>, ReadError> {
    capped(io::stdin().lock(), limit)
}

fn check_regular(meta: &fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::Refused(Refusal::NotRegular(kind(&meta.file_type()))));
    }
    if meta.len() > limit {
        return Err(ReadError::Refused(Refusal::TooLarge { limit }));
    }
    Ok(())
}

/// Reads to the end, refusing (without reading further) more than `limit` bytes.
fn capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::Refused(Refusal::TooLarge { limit }));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path, follow_link: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Never block on a FIFO swapped in after the check, never take a terminal as
    // the controlling one, and in a directory never follow a link swapped in.
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if !follow_link {
        flags |= libc::O_NOFOLLOW;
    }
    OpenOptions::new().read(true).custom_flags(flags).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _follow_link: bool) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// What a non-regular file is, for messages.
fn kind(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a link"
    } else {
        "a special file"
    }
}

/// Where a directory entry that is a link leads, when that is inside `dir`
/// (already canonical): the canonical target, to be opened without following links.
pub fn link_inside(link: &Path, dir: &Path) -> Result<PathBuf, Refusal> {
    let target = fs::canonicalize(link).map_err(|_| Refusal::BrokenLink)?;
    if target.starts_with(dir) { Ok(target) } else { Err(Refusal::LinkOutside) }
}

/// `64 MB`, `1.5 GB`, `500 kB`, `100 bytes` (units of 1000, as `--max-size` for web pages).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1_000)];
    for (name, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            let tenths = (bytes % size) * 10 / size;
            return if tenths == 0 { format!("{whole} {name}") } else { format!("{whole}.{tenths} {name}") };
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size such as `64M`, `64MB`, `1.5G`, `500k` or `1000` (bytes; units of 1000).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        _ => return Err(format!("`{s}` is not a size (e.g. 64M, 1G, 500K)")),
    };
    let value: f64 = number.parse().map_err(|_| format!("`{s}` is not a size (e.g. 64M, 1G, 500K)"))?;
    let bytes = value * factor as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(format!("`{s}` is out of range"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("64M"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("64 MB"), Ok(64_000_000));
        assert_eq!(parse_size("1.5g"), Ok(1_500_000_000));
        assert_eq!(parse_size("500K"), Ok(500_000));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert_eq!(format_size(DEFAULT_MAX_BYTES), "64 MB");
        assert_eq!(format_size(1_500_000_000), "1.5 GB");
        assert_eq!(format_size(16_000), "16 kB");
        assert_eq!(format_size(100), "100 bytes");
    }

    #[test]
    fn reading_stops_after_the_limit() {
        let endless = io::repeat(b'x');
        match capped(endless, 1000) {
            Err(ReadError::Refused(Refusal::TooLarge { limit: 1000 })) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(capped(&b"12345"[..], 5).unwrap(), b"12345");
    }
}
