//! Keys to actions: the keymap table from `assets/keymap.toml` (merged with the
//! user's file), key notation parsing, and matching of multi-key sequences.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, CATALOGUE};
use super::config::toml_error;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// One key press, normalised so that a binding and an event compare equal:
/// a character carries its own case (no Shift flag), Shift-Tab is `BackTab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key { code, modifiers: modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT) }
    }

    /// The key of a terminal event; releases are not key presses.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        (event.kind != KeyEventKind::Release).then(|| Key::new(event.code, event.modifiers))
    }
}

const NAMED: [(&str, KeyCode, &str); 14] = [
    ("Enter", KeyCode::Enter, "Enter"),
    ("Esc", KeyCode::Esc, "Esc"),
    ("Tab", KeyCode::Tab, "Tab"),
    ("S-Tab", KeyCode::BackTab, "Shift-Tab"),
    ("Space", KeyCode::Char(' '), "Space"),
    ("Backspace", KeyCode::Backspace, "Backspace"),
    ("Up", KeyCode::Up, "↑"),
    ("Down", KeyCode::Down, "↓"),
    ("Left", KeyCode::Left, "←"),
    ("Right", KeyCode::Right, "→"),
    ("PageUp", KeyCode::PageUp, "PgUp"),
    ("PageDown", KeyCode::PageDown, "PgDn"),
    ("Home", KeyCode::Home, "Home"),
    ("End", KeyCode::End, "End"),
];

/// Parses key notation: characters as typed, `<Name>`, `<C-x>`, `<A-x>`, in sequence.
pub fn parse_keys(notation: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            keys.push(parse_bracketed(&rest[1..end]).ok_or_else(|| format!("unknown key <{}>", &rest[1..end]))?);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    if keys.is_empty() {
        return Err("empty key".to_string());
    }
    Ok(keys)
}

fn parse_bracketed(inner: &str) -> Option<Key> {
    if let Some((_, code, _)) = NAMED.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(inner)) {
        return Some(Key::new(*code, KeyModifiers::NONE));
    }
    if let Some(n) = function_key(inner) {
        return Some(Key::new(KeyCode::F(n), KeyModifiers::NONE));
    }
    let (modifier, key) = inner.split_once('-')?;
    let modifier = match modifier {
        "C" | "c" => KeyModifiers::CONTROL,
        "A" | "a" | "M" | "m" => KeyModifiers::ALT,
        _ => return None,
    };
    let mut chars = key.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match function_key(key) {
            Some(n) => KeyCode::F(n),
            None => NAMED.iter().find(|(name, _, _)| name.eq_ignore_ascii_case(key))?.1,
        },
    };
    Some(Key::new(code, modifier))
}

/// `F1` … `F12`: the number of a function key.
fn function_key(name: &str) -> Option<u8> {
    let n: u8 = name.strip_prefix(['F', 'f'])?.parse().ok()?;
    (1..=12).contains(&n).then_some(n)
}

impl fmt::Display for Key {
    /// How the help overlay and the legend write a key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match NAMED.iter().find(|(_, code, _)| *code == self.code) {
            Some((_, _, shown)) => f.write_str(shown),
            None => match self.code {
                KeyCode::Char(c) => write!(f, "{c}"),
                other => write!(f, "{other}"),
            },
        }
    }
}

/// Writes a key sequence for people: `]f`, `Ctrl-d`, `g Home`; `f 1` (f, then 1)
/// keeps a space so it is not read as the function key F1.
pub fn show_sequence(keys: &[Key]) -> String {
    let plain = keys.iter().all(|k| matches!(k.code, KeyCode::Char(c) if c != ' ') && k.modifiers.is_empty());
    let parts: Vec<String> = keys.iter().map(Key::to_string).collect();
    let joined = parts.concat();
    let looks_like_function_key = joined
        .strip_prefix(['f', 'F'])
        .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()));
    parts.join(if plain && !looks_like_function_key { "" } else { " " })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    keys: BTreeMap<String, Vec<String>>,
}

/// What a key press amounts to, given the keys pressed before it.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Action(Action),
    /// A prefix of a longer binding: wait for the next key.
    Pending,
    /// Bound to nothing.
    Unbound,
}

#[derive(Clone, Debug)]
pub struct Keymap {
    /// In catalogue order: each action's name, action and key sequences.
    bindings: Vec<(&'static str, Action, Vec<Vec<Key>>)>,
}

impl Keymap {
    /// The default table alone.
    pub fn default_keymap() -> Keymap {
        Keymap::from_sources(&[("assets/keymap.toml", DEFAULT_KEYMAP)]).expect("the default keymap is valid")
    }

    /// Reads each `(name, text)` in turn, later tables replacing an action's keys.
    /// Errors name the file and, for TOML errors, the line and column.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Keymap, String> {
        let mut bindings: Vec<(&'static str, Action, Vec<Vec<Key>>)> =
            CATALOGUE.iter().map(|e| (e.name, e.action.clone(), Vec::new())).collect();
        for (file, text) in sources {
            let table: KeymapFile = toml::from_str(text).map_err(|e| format!("{file}: {}", toml_error(&e)))?;
            for (name, notations) in table.keys {
                let slot = bindings
                    .iter_mut()
                    .find(|b| b.0 == name)
                    .ok_or_else(|| format!("{file}: unknown action `{name}`"))?;
                slot.2 = notations
                    .iter()
                    .map(|n| parse_keys(n).map_err(|e| format!("{file}: {name}: {e} in `{n}`")))
                    .collect::<Result<_, _>>()?;
            }
        }
        let keymap = Keymap { bindings };
        let files: Vec<&str> = sources.iter().map(|(f, _)| *f).collect();
        keymap.check_conflicts().map_err(|e| format!("{}: {e}", files.join(" + ")))?;
        Ok(keymap)
    }

    fn check_conflicts(&self) -> Result<(), String> {
        let all: Vec<(&str, &Vec<Key>)> =
            self.bindings.iter().flat_map(|(name, _, seqs)| seqs.iter().map(move |s| (*name, s))).collect();
        for (i, (name_a, a)) in all.iter().enumerate() {
            for (name_b, b) in &all[i + 1..] {
                if b.starts_with(a) || a.starts_with(b) {
                    return Err(format!(
                        "`{}` ({name_a}) and `{}` ({name_b}) clash: one is the other or starts it",
                        show_sequence(a),
                        show_sequence(b)
                    ));
                }
            }
        }
        Ok(())
    }

    /// What `keys` (the pending keys plus the newest) mean.
    pub fn lookup(&self, keys: &[Key]) -> Outcome {
        let mut prefix = false;
        for (_, action, seqs) in &self.bindings {
            for seq in seqs {
                if seq.as_slice() == keys {
                    return Outcome::Action(action.clone());
                }
                prefix |= seq.starts_with(keys);
            }
        }
        if prefix { Outcome::Pending } else { Outcome::Unbound }
    }

    /// The key sequences bound to the action named `name`.
    pub fn keys_of(&self, name: &str) -> &[Vec<Key>] {
        self.bindings.iter().find(|b| b.0 == name).map_or(&[], |b| b.2.as_slice())
    }

    /// The first binding of `name`, written for people, or `None` when unbound.
    pub fn first_key(&self, name: &str) -> Option<String> {
        self.keys_of(name).first().map(|k| show_sequence(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn notation_parses_names_modifiers_and_sequences() {
        assert_eq!(parse_keys("]f").unwrap(), vec![k(']'), k('f')]);
        assert_eq!(parse_keys("<C-d>").unwrap(), vec![Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)]);
        assert_eq!(parse_keys("<S-Tab>").unwrap(), vec![Key::new(KeyCode::BackTab, KeyModifiers::NONE)]);
        assert_eq!(parse_keys("<Space>").unwrap(), vec![k(' ')]);
        assert_eq!(parse_keys("<F7>").unwrap(), vec![Key::new(KeyCode::F(7), KeyModifiers::NONE)]);
        assert_eq!(parse_keys("<C-F2>").unwrap(), vec![Key::new(KeyCode::F(2), KeyModifiers::CONTROL)]);
        assert!(parse_keys("<F13>").is_err());
        assert_eq!(parse_keys("<").unwrap(), vec![k('<')]);
        assert!(parse_keys("<Nope>").is_err());
    }

    #[test]
    fn sequences_that_read_like_function_keys_are_spaced() {
        assert_eq!(show_sequence(&parse_keys("f1").unwrap()), "f 1");
        assert_eq!(show_sequence(&parse_keys("f0").unwrap()), "f 0");
        assert_eq!(show_sequence(&parse_keys("<F1>").unwrap()), "F1");
        assert_eq!(show_sequence(&parse_keys("]f").unwrap()), "]f");
        assert_eq!(show_sequence(&parse_keys("gg").unwrap()), "gg");
    }

    #[test]
    fn shift_is_carried_by_the_character() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Some(k('G')));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), Some(Key::new(KeyCode::BackTab, KeyModifiers::NONE)));
    }

    #[test]
    fn sequences_wait_for_their_second_key() {
        let km = Keymap::default_keymap();
        assert_eq!(km.lookup(&[k(']')]), Outcome::Pending);
        assert_eq!(km.lookup(&[k(']'), k('f')]), Outcome::Action(Action::NextHighlight));
        assert_eq!(km.lookup(&[k(']'), k('x')]), Outcome::Unbound);
    }

    #[test]
    fn user_table_replaces_an_actions_keys() {
        let km =
            Keymap::from_sources(&[("default", DEFAULT_KEYMAP), ("user", "[keys]\nline_down = [\"e\"]\n")]).unwrap();
        assert_eq!(km.lookup(&[k('e')]), Outcome::Action(Action::LineDown));
        assert_eq!(km.lookup(&[k('j')]), Outcome::Unbound);
    }

    #[test]
    fn clashing_and_broken_tables_are_refused_with_their_file() {
        let clash = Keymap::from_sources(&[("default", DEFAULT_KEYMAP), ("user.toml", "[keys]\nzoom = [\"j\"]\n")]);
        assert!(clash.unwrap_err().contains("clash"));
        let unknown = Keymap::from_sources(&[("user.toml", "[keys]\nfly = [\"x\"]\n")]).unwrap_err();
        assert!(unknown.contains("user.toml") && unknown.contains("fly"), "{unknown}");
        let broken = Keymap::from_sources(&[("user.toml", "[keys]\nzoom = [\"z\"\n")]).unwrap_err();
        assert!(broken.starts_with("user.toml: ") && broken.contains("line 2"), "{broken}");
    }

    #[test]
    fn default_keymap_binds_every_action() {
        let km = Keymap::default_keymap();
        for e in CATALOGUE.iter() {
            assert!(!km.keys_of(e.name).is_empty(), "{} has no key", e.name);
        }
    }
}
