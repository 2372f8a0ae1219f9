//! The user's configuration directory and the files in it that merge over the defaults.

use super::keymap::{DEFAULT_KEYMAP, Keymap};
use super::theme::{DEFAULT_THEME, Theme};

/// The user's file `name` in the configuration directory, if there is one.
fn user_file(name: &str) -> Result<Option<(String, String)>, String> {
    let Some(path) = crate::paths::config_dir().map(|d| d.join(name)) else { return Ok(None) };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path.display().to_string(), text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The default keymap with the user's merged over it.
pub fn load_keymap() -> Result<Keymap, String> {
    let user = user_file("keymap.toml")?;
    let mut sources = vec![("assets/keymap.toml", DEFAULT_KEYMAP)];
    sources.extend(user.as_ref().map(|(p, t)| (p.as_str(), t.as_str())));
    Keymap::from_sources(&sources)
}

/// The default theme with the user's merged over it.
pub fn load_theme(no_color: bool) -> Result<Theme, String> {
    let user = user_file("theme.toml")?;
    let mut sources = vec![("assets/theme.toml", DEFAULT_THEME)];
    sources.extend(user.as_ref().map(|(p, t)| (p.as_str(), t.as_str())));
    Theme::from_sources(&sources, no_color)
}

/// A TOML error on one line: "TOML parse error at line L, column C: cause".
pub fn toml_error(e: &toml::de::Error) -> String {
    let head = e.to_string().lines().next().unwrap_or_default().trim_end_matches(':').to_string();
    format!("{head}: {}", e.message().trim())
}
