//! Styles from `assets/theme.toml` (merged with the user's file), with NO_COLOR honoured.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::config::{ConfigError, Source};
use crate::framing::Category;

pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    styles: BTreeMap<Spanned<String>, StyleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    #[serde(default)]
    modifiers: Vec<Spanned<String>>,
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
    /// The gutter's framing marks: `“` quoted words, `?` a highlight below the threshold.
    pub gutter_framing: Style,
    /// Laid over a category's style for a highlight below the confidence threshold.
    pub framing_unsure: Style,
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
    /// The gutter glyph of a line with a note or a mark.
    pub note: Style,
    /// A student's mark in the text.
    pub mark: Style,
    /// The words selection mode has selected.
    pub selection: Style,
}

const UI_STYLES: [&str; 24] = [
    "cursor",
    "cursor_bar",
    "flash",
    "gutter_claim",
    "gutter_source_only",
    "gutter_framing",
    "framing_unsure",
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
    "note",
    "mark",
    "selection",
];

impl Theme {
    /// The default theme alone; `no_color` drops every colour and keeps the modifiers.
    pub fn default_theme(no_color: bool) -> Theme {
        Theme::from_sources(&[], no_color).expect("the default theme is valid")
    }

    /// The default theme with the user's file (in the configuration directory) merged over it.
    pub fn load(no_color: bool) -> Result<Theme, ConfigError> {
        let user: Vec<Source> = Source::user("theme.toml")?.into_iter().collect();
        Theme::from_sources(&user, no_color)
    }

    /// The default theme with each of `sources` merged over it in turn, later files replacing
    /// the styles they name. Every error points at what it refuses (`FILE:LINE:COLUMN`).
    pub fn from_sources(sources: &[Source], no_color: bool) -> Result<Theme, ConfigError> {
        let default = Source::new("assets/theme.toml", DEFAULT_THEME);
        let mut styles: BTreeMap<String, Style> = BTreeMap::new();
        for source in std::iter::once(&default).chain(sources) {
            let parsed: ThemeFile = source.parse()?;
            for (name, spec) in parsed.styles {
                let category = Category::ALL.iter().any(|c| c.id() == name.get_ref());
                if !category && !UI_STYLES.contains(&name.get_ref().as_str()) {
                    return Err(source.error(name.span(), format!("unknown style `{}`", name.get_ref())));
                }
                let style = to_style(source, &spec)?;
                if category && style.add_modifier.is_empty() {
                    let message = format!(
                        "`{}` needs a modifier (bold, italic, underlined, …) so that the cue does not rest on colour",
                        name.get_ref()
                    );
                    return Err(source.error(name.span(), message));
                }
                // Colours are checked even when they are not shown, so a file that works today works tomorrow.
                let style = if no_color { Style { fg: None, bg: None, ..style } } else { style };
                styles.insert(name.into_inner(), style);
            }
        }
        let get = |name: &str| -> Result<Style, ConfigError> {
            styles.get(name).copied().ok_or_else(|| default.error(0..0, format!("no style `{name}`")))
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
            gutter_framing: get("gutter_framing")?,
            framing_unsure: get("framing_unsure")?,
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
            note: get("note")?,
            mark: get("mark")?,
            selection: get("selection")?,
        })
    }

    pub fn category(&self, c: Category) -> Style {
        self.categories[category_index(c)]
    }

    /// A highlight of `c`: dimmed (and in `framing_unsure`'s colour) when below the confidence threshold.
    pub fn highlight(&self, c: Category, unsure: bool) -> Style {
        if unsure { self.category(c).patch(self.framing_unsure) } else { self.category(c) }
    }
}

pub fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn to_style(source: &Source, spec: &StyleSpec) -> Result<Style, ConfigError> {
    let mut style = Style::default();
    if let Some(fg) = &spec.fg {
        style = style.fg(colour(source, fg)?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(colour(source, bg)?);
    }
    for m in &spec.modifiers {
        style = style.add_modifier(match m.get_ref().as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "crossed_out" => Modifier::CROSSED_OUT,
            other => {
                let message =
                    format!("unknown modifier `{other}`: use bold, dim, italic, underlined, reversed or crossed_out");
                return Err(source.error(m.span(), message));
            }
        });
    }
    Ok(style)
}

fn colour(source: &Source, name: &Spanned<String>) -> Result<Color, ConfigError> {
    Color::from_str(&name.get_ref().replace('_', "")).map_err(|_| {
        let message = format!(
            "unknown colour `{}`: use one of the 16 terminal colours (red, light_blue, dark_gray, …), \
             \"reset\", an index 0-255 or #rrggbb",
            name.get_ref()
        );
        source.error(name.span(), message)
    })
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

    fn user(text: &str, no_color: bool) -> Result<Theme, String> {
        Theme::from_sources(&[Source::new("u.toml", text)], no_color).map_err(|e| e.to_string())
    }

    #[test]
    fn user_file_overrides_a_style() {
        let t = user("[styles.hedge]\nfg = \"blue\"\nmodifiers = [\"dim\"]\n", false).unwrap();
        assert_eq!(t.category(Category::Hedge), Style::default().fg(Color::Blue).add_modifier(Modifier::DIM));
    }

    #[test]
    fn every_error_points_at_file_line_and_column() {
        assert_eq!(
            user("[styles.hedge]\nfg = \"blue\"\n", false).unwrap_err(),
            "u.toml:1:9: `hedge` needs a modifier (bold, italic, underlined, …) so that the cue does not rest on colour"
        );
        assert_eq!(user("\n[styles.x]\n", false).unwrap_err(), "u.toml:2:9: unknown style `x`");
        let colour = user("[styles.status]\nfg = \"blu\"\n", false).unwrap_err();
        assert!(colour.starts_with("u.toml:2:6: unknown colour `blu`: use one of"), "{colour}");
        let modifier = user("[styles.status]\nmodifiers = [\"bold\", \"blink\"]\n", false).unwrap_err();
        assert!(modifier.starts_with("u.toml:2:22: unknown modifier `blink`"), "{modifier}");
        let field = user("[styles.status]\nforeground = \"red\"\n", false).unwrap_err();
        assert!(field.starts_with("u.toml:2:1: unknown field `foreground`"), "{field}");
        assert!(user("[styles\n", false).unwrap_err().starts_with("u.toml:1:"));
    }

    #[test]
    fn colours_are_checked_under_no_color_too() {
        assert!(user("[styles.status]\nfg = \"blu\"\n", true).is_err());
        assert_eq!(user("[styles.status]\nfg = \"red\"\nmodifiers = [\"bold\"]\n", true).unwrap().status.fg, None);
    }
}
