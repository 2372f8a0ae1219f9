//! Settings files: finding the user's (in the one configuration directory of
//! [`crate::paths`]), reading them, parsing their TOML with positions kept, and
//! the one error type every settings file reports through: `FILE:LINE:COLUMN:
//! message`, for a syntax error and for a value that parses but means nothing
//! (an unknown action, key, colour or term) alike.
//!
//! The meaning of each file stays with its reader: the lexicon in `framing`,
//! the keymap and theme in `tui`. They parse with [`Source::parse`] into types
//! holding [`toml::Spanned`] values, and point at what they refuse with
//! [`Source::error`].

use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use thiserror::Error;

/// Settings files larger than this are refused: the largest real one (a teacher's lexicon) is a few
/// hundred KB, and a runaway file (`/dev/zero`, a log) would otherwise be read until memory runs out.
pub const MAX_BYTES: u64 = 16 << 20;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid { file: String, line: usize, column: usize, message: String },
}

/// Something in a settings file that is accepted but probably not what its author meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// One settings file: the name messages call it by, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: text.into() }
    }

    /// Reads the file at `path`, refusing one over [`MAX_BYTES`] or not UTF-8.
    pub fn read(path: &Path) -> Result<Source, ConfigError> {
        let name = path.display().to_string();
        let unreadable = |reason: String| ConfigError::Unreadable { file: name.clone(), reason };
        let file = std::fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(io_reason(&e)))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(unreadable(format!("larger than {} MB, too large for a settings file", MAX_BYTES >> 20)));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = position(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
            ConfigError::Invalid { file: name.clone(), line, column, message: "not valid UTF-8".into() }
        })?;
        Ok(Source { name, text })
    }

    /// The user's file `name` (`keymap.toml`, …) in the configuration directory, if there is one.
    pub fn user(name: &str) -> Result<Option<Source>, ConfigError> {
        let Some(path) = crate::paths::config_dir().map(|d| d.join(name)) else { return Ok(None) };
        match Source::read(&path) {
            Err(ConfigError::Unreadable { .. }) if !path.exists() => Ok(None),
            other => other.map(Some),
        }
    }

    /// The text parsed as TOML into `T`; a syntax error, a wrong type or an unknown field is
    /// reported at its position.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        toml::from_str(&self.text).map_err(|e| self.error(e.span().unwrap_or(0..0), e.message().trim()))
    }

    /// An error about the text at byte range `span` (a [`toml::Spanned`] value's span).
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        let (line, column) = position(&self.text, span.start);
        ConfigError::Invalid { file: self.name.clone(), line, column, message: message.into() }
    }

    /// A warning about the text at byte range `span`.
    pub fn warning(&self, span: Range<usize>, message: impl Into<String>) -> Warning {
        let (line, column) = position(&self.text, span.start);
        Warning { file: self.name.clone(), line, column, message: message.into() }
    }

    /// `FILE:LINE:COLUMN` of byte `offset`, for messages that point at a second place.
    pub fn locate(&self, offset: usize) -> String {
        let (line, column) = position(&self.text, offset);
        format!("{}:{line}:{column}", self.name)
    }
}

/// An I/O error as a reason, without the OS error number.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use toml::Spanned;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[serde(default)]
        keys: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    }

    #[test]
    fn syntax_and_schema_errors_carry_file_line_and_column() {
        let broken = Source::new("k.toml", "[keys]\nzoom = [\"z\"\n");
        let err = broken.parse::<Sample>().unwrap_err().to_string();
        assert!(err.starts_with("k.toml:2:"), "{err}");
        let unknown = Source::new("k.toml", "[keys]\n\n[colours]\n");
        assert!(unknown.parse::<Sample>().unwrap_err().to_string().starts_with("k.toml:3:2: unknown field `colours`"));
    }

    #[test]
    fn spans_of_keys_and_values_point_at_them() {
        let source = Source::new("k.toml", "[keys]\n  fly = [\"x\", \"é\", \"<Nope>\"]\n");
        let parsed: Sample = source.parse().unwrap();
        let (key, values) = parsed.keys.iter().next().unwrap();
        assert_eq!(source.error(key.span(), "unknown action").to_string(), "k.toml:2:3: unknown action");
        assert_eq!(source.locate(values[2].span().start), "k.toml:2:20", "columns count characters");
        assert_eq!(source.warning(values[1].span(), "w").to_string(), "k.toml:2:15: w");
    }

    #[test]
    fn reading_names_the_file_and_refuses_what_is_not_a_settings_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        let err = Source::read(&missing).unwrap_err().to_string();
        assert_eq!(err, format!("{}: cannot read: no such file or directory", missing.display()));
        let latin1 = dir.path().join("latin1.toml");
        std::fs::write(&latin1, b"[keys]\nzoom = [\"\xe9\"]\n").unwrap();
        assert!(Source::read(&latin1).unwrap_err().to_string().ends_with(":2:10: not valid UTF-8"));
        let huge = dir.path().join("huge.toml");
        std::fs::write(&huge, vec![b'#'; MAX_BYTES as usize + 1]).unwrap();
        assert!(Source::read(&huge).unwrap_err().to_string().contains("too large for a settings file"));
    }

    #[test]
    fn positions_never_split_a_character() {
        assert_eq!(position("é\nab", 1), (1, 1));
        assert_eq!(position("é\nab", 99), (2, 3));
    }
}
