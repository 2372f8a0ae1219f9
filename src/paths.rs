//! Where parallax keeps its files, by the XDG base-directory rules: settings in
//! the config directory, notes in the data directory, the last session in the
//! state directory, fetched pages in the cache directory. One lookup for all of
//! them, so two features never disagree about where a file lives.
//!
//! The `dirs` crate does the lookup: it reads `$XDG_*_HOME` (ignoring relative
//! values, as the specification asks) and falls back to the usual places under
//! the home directory.

use std::path::PathBuf;

const APP: &str = "parallax";

/// `$XDG_CONFIG_HOME/parallax`, else `~/.config/parallax`.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP))
}

/// `$XDG_DATA_HOME/parallax`, else `~/.local/share/parallax`.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP))
}

/// `$XDG_STATE_HOME/parallax`, else `~/.local/state/parallax`.
pub fn state_dir() -> Option<PathBuf> {
    dirs::state_dir().map(|d| d.join(APP))
}

/// `$XDG_CACHE_HOME/parallax`, else `~/.cache/parallax`.
pub fn cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join(APP))
}
