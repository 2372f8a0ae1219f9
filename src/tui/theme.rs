//! Styles from `assets/theme.toml` (merged with the user's file), with NO_COLOR honoured.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::config::toml_error;
use crate::framing::Category;

pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    styles: BTreeMap<String, StyleSpec>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

/// Every style the reader draws with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    categories: [Style; Category::ALL.len()],
    pub cursor: Style,
    pub cursor_bar: Style,
    pub flash: Style,
    pub gutter_claim: Style,
    pub gutter_source_only: Style,
    pub header: Style,
    pub header_focused: Style,
    pub header_detail: Style,
    pub separator: Style,
    pub empty: Style,
    pub status: Style,
    pub status_flag: Style,
    pub legend_off: Style,
    pub overlay_border: Style,
    pub overlay_title: Style,
    pub overlay_key: Style,
    pub diff: Style,
    pub search_match: Style,
    pub search_current: Style,
}

const UI_STYLES: [&str; 19] = [
    "cursor",
    "cursor_bar",
    "flash",
    "gutter_claim",
    "gutter_source_only",
    "header",
    "header_focused",
    "header_detail",
    "separator",
    "empty",
    "status",
    "status_flag",
    "legend_off",
    "overlay_border",
    "overlay_title",
    "overlay_key",
    "diff",
    "search_match",
    "search_current",
];

impl Theme {
    /// The default theme alone; `no_color` drops every colour and keeps the modifiers.
    pub fn default_theme(no_color: bool) -> Theme {
        Theme::from_sources(&[("assets/theme.toml", DEFAULT_THEME)], no_color).expect("the default theme is valid")
    }

    /// Reads each `(name, text)` in turn, later files replacing the styles they name.
    pub fn from_sources(sources: &[(&str, &str)], no_color: bool) -> Result<Theme, String> {
        let mut specs: BTreeMap<String, StyleSpec> = BTreeMap::new();
        for (file, text) in sources {
            let parsed: ThemeFile = toml::from_str(text).map_err(|e| format!("{file}: {}", toml_error(&e)))?;
            for (name, spec) in parsed.styles {
                let known = UI_STYLES.contains(&name.as_str()) || Category::ALL.iter().any(|c| c.id() == name);
                if !known {
                    return Err(format!("{file}: unknown style `{name}`"));
                }
                let style = to_style(&spec, no_color).map_err(|e| format!("{file}: {name}: {e}"))?;
                if Category::ALL.iter().any(|c| c.id() == name) && style.add_modifier.is_empty() {
                    return Err(format!("{file}: {name}: needs a modifier, so the cue does not rest on colour"));
                }
                specs.insert(name, spec);
            }
        }
        let get = |name: &str| -> Result<Style, String> {
            let spec = specs.get(name).ok_or_else(|| format!("theme: no style `{name}`"))?;
            to_style(spec, no_color).map_err(|e| format!("theme: {name}: {e}"))
        };
        let mut categories = [Style::default(); Category::ALL.len()];
        for (slot, c) in categories.iter_mut().zip(Category::ALL) {
            *slot = get(c.id())?;
        }
        Ok(Theme {
            categories,
            cursor: get("cursor")?,
            cursor_bar: get("cursor_bar")?,
            flash: get("flash")?,
            gutter_claim: get("gutter_claim")?,
            gutter_source_only: get("gutter_source_only")?,
            header: get("header")?,
            header_focused: get("header_focused")?,
            header_detail: get("header_detail")?,
            separator: get("separator")?,
            empty: get("empty")?,
            status: get("status")?,
            status_flag: get("status_flag")?,
            legend_off: get("legend_off")?,
            overlay_border: get("overlay_border")?,
            overlay_title: get("overlay_title")?,
            overlay_key: get("overlay_key")?,
            diff: get("diff")?,
            search_match: get("search_match")?,
            search_current: get("search_current")?,
        })
    }

    pub fn category(&self, c: Category) -> Style {
        self.categories[category_index(c)]
    }
}

pub fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn to_style(spec: &StyleSpec, no_color: bool) -> Result<Style, String> {
    let mut style = Style::default();
    if !no_color {
        if let Some(fg) = &spec.fg {
            style = style.fg(colour(fg)?);
        }
        if let Some(bg) = &spec.bg {
            style = style.bg(colour(bg)?);
        }
    }
    for m in &spec.modifiers {
        style = style.add_modifier(match m.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "crossed_out" => Modifier::CROSSED_OUT,
            other => return Err(format!("unknown modifier `{other}`")),
        });
    }
    Ok(style)
}

fn colour(name: &str) -> Result<Color, String> {
    Color::from_str(&name.replace('_', "")).map_err(|_| format!("unknown colour `{name}`"))
}

/// Whether the environment asks for no colour (<https://no-color.org>: set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_gives_every_category_a_modifier_and_a_colour() {
        let t = Theme::default_theme(false);
        for c in Category::ALL {
            assert!(!t.category(c).add_modifier.is_empty());
            assert!(t.category(c).fg.is_some());
        }
    }

    #[test]
    fn categories_are_distinct_without_colour() {
        let t = Theme::default_theme(true);
        let mods: std::collections::HashSet<_> = Category::ALL.iter().map(|c| t.category(*c).add_modifier).collect();
        assert_eq!(mods.len(), Category::ALL.len());
        assert!(Category::ALL.iter().all(|c| t.category(*c).fg.is_none()));
    }

    #[test]
    fn user_file_overrides_and_errors_name_the_file() {
        let user = "[styles.hedge]\nfg = \"blue\"\nmodifiers = [\"dim\"]\n";
        let t = Theme::from_sources(&[("d", DEFAULT_THEME), ("u", user)], false).unwrap();
        assert_eq!(t.category(Category::Hedge), Style::default().fg(Color::Blue).add_modifier(Modifier::DIM));
        let colour_only = "[styles.hedge]\nfg = \"blue\"\n";
        let err = Theme::from_sources(&[("d", DEFAULT_THEME), ("u.toml", colour_only)], false).unwrap_err();
        assert!(err.starts_with("u.toml: hedge"), "{err}");
        let bad = Theme::from_sources(&[("d", DEFAULT_THEME), ("u.toml", "[styles.x]\n")], false).unwrap_err();
        assert!(bad.contains("unknown style `x`"), "{bad}");
        let broken = Theme::from_sources(&[("u.toml", "[styles\n")], false).unwrap_err();
        assert!(broken.contains("line 1"), "{broken}");
    }
}
