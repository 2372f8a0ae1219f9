//! Keys to actions: the keymap table from `assets/keymap.toml` (merged with the
//! user's file), key notation parsing, and matching of multi-key sequences.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;
use toml::Spanned;

use super::action::{Action, CATALOGUE};
use crate::config::{ConfigError, Source};

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// The longest key sequence a binding may be: far beyond any real one, and it bounds the clash check.
const MAX_SEQUENCE: usize = 8;

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
                // A key from a settings file or a paste may be any character: shown, never run.
                KeyCode::Char(c) => f.write_str(&crate::printable::escape(c.encode_utf8(&mut [0; 4]))),
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
    keys: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// One key sequence as written: which of the sources, and where in it.
struct Written {
    keys: Vec<Key>,
    source: usize,
    span: Range<usize>,
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
        Keymap::from_sources(&[]).expect("the default keymap is valid")
    }

    /// The default table with the user's file (in the configuration directory) merged over it.
    pub fn load() -> Result<Keymap, ConfigError> {
        let user: Vec<Source> = Source::user("keymap.toml")?.into_iter().collect();
        Keymap::from_sources(&user)
    }

    /// The default table with each of `sources` merged over it in turn, each action a table lists
    /// replacing that action's keys. Every error points at what it refuses (`FILE:LINE:COLUMN`):
    /// an unknown action or key, a clash, or a table that leaves no way to quit.
    pub fn from_sources(sources: &[Source]) -> Result<Keymap, ConfigError> {
        let default = Source::new("assets/keymap.toml", DEFAULT_KEYMAP);
        let all: Vec<&Source> = std::iter::once(&default).chain(sources).collect();
        let mut written: Vec<Vec<Written>> = CATALOGUE.iter().map(|_| Vec::new()).collect();
        // Where each action's list was last written.
        let mut listed: Vec<Option<(usize, Range<usize>)>> = vec![None; CATALOGUE.len()];
        for (s, source) in all.iter().enumerate() {
            let table: KeymapFile = source.parse()?;
            for (name, notations) in table.keys {
                let slot = CATALOGUE
                    .iter()
                    .position(|e| e.name == name.get_ref())
                    .ok_or_else(|| source.error(name.span(), format!("unknown action `{}`", name.get_ref())))?;
                listed[slot] = Some((s, name.span()));
                written[slot] = notations
                    .iter()
                    .map(|n| {
                        let keys = parse_keys(n.get_ref())
                            .map_err(|e| source.error(n.span(), format!("{e} in `{}`", n.get_ref())))?;
                        if keys.len() > MAX_SEQUENCE {
                            let message = format!(
                                "a binding is at most {MAX_SEQUENCE} keys, `{}` is {}",
                                n.get_ref(),
                                keys.len()
                            );
                            return Err(source.error(n.span(), message));
                        }
                        Ok(Written { keys, source: s, span: n.span() })
                    })
                    .collect::<Result<_, _>>()?;
            }
        }
        let quit = CATALOGUE.iter().position(|e| e.action == Action::Quit).unwrap_or_default();
        if written[quit].is_empty() {
            let (s, span) = listed[quit].clone().unwrap_or((0, 0..0));
            return Err(all[s].error(span, "`quit` needs a key: without one there would be no way to leave parallax"));
        }
        check_clashes(&all, &written)?;
        let bindings = CATALOGUE
            .iter()
            .zip(written)
            .map(|(e, w)| (e.name, e.action.clone(), w.into_iter().map(|w| w.keys).collect()))
            .collect();
        Ok(Keymap { bindings })
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

/// Refuses a key sequence that is another or starts another (the second could never
/// be typed), at the one written last. Each sequence and its prefixes are looked up
/// once, so a table of 100,000 bindings is checked as fast as it is read.
fn check_clashes(sources: &[&Source], written: &[Vec<Written>]) -> Result<(), ConfigError> {
    let mut all: Vec<(usize, &Written)> =
        written.iter().enumerate().flat_map(|(action, ws)| ws.iter().map(move |w| (action, w))).collect();
    all.sort_by_key(|(_, w)| (w.source, w.span.start));
    let mut whole: HashMap<&[Key], (usize, &Written)> = HashMap::new();
    let mut starts: HashMap<&[Key], (usize, &Written)> = HashMap::new();
    for &(action, w) in &all {
        let earlier = whole
            .get(w.keys.as_slice())
            .or_else(|| (1..w.keys.len()).find_map(|n| whole.get(&w.keys[..n])))
            .or_else(|| starts.get(w.keys.as_slice()));
        if let Some(&(other_action, other)) = earlier {
            let message = format!(
                "`{}` for {} clashes with `{}` for {} ({}): one is the other or starts it; give one of them other keys",
                show_sequence(&w.keys),
                CATALOGUE[action].name,
                show_sequence(&other.keys),
                CATALOGUE[other_action].name,
                sources[other.source].locate(other.span.start),
            );
            return Err(sources[w.source].error(w.span.clone(), message));
        }
        whole.insert(&w.keys, (action, w));
        for n in 1..w.keys.len() {
            starts.entry(&w.keys[..n]).or_insert((action, w));
        }
    }
    Ok(())
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

    fn user(text: &str) -> Result<Keymap, String> {
        Keymap::from_sources(&[Source::new("user.toml", text)]).map_err(|e| e.to_string())
    }

    #[test]
    fn user_table_replaces_an_actions_keys() {
        let km = user("[keys]\nline_down = [\"e\"]\n").unwrap();
        assert_eq!(km.lookup(&[k('e')]), Outcome::Action(Action::LineDown));
        assert_eq!(km.lookup(&[k('j')]), Outcome::Unbound);
    }

    #[test]
    fn every_error_points_at_file_line_and_column() {
        let clash = user("[keys]\nzoom = [\"z\", \"j\"]\n").unwrap_err();
        let default_j = Source::new("", DEFAULT_KEYMAP).locate(DEFAULT_KEYMAP.find("[\"j\"").unwrap() + 1);
        assert_eq!(
            clash,
            format!(
                "user.toml:2:14: `j` for zoom clashes with `j` for line_down (assets/keymap.toml{default_j}): one is \
                 the other or starts it; give one of them other keys"
            )
        );
        assert_eq!(user("[keys]\n\n  fly = [\"x\"]\n").unwrap_err(), "user.toml:3:3: unknown action `fly`");
        assert_eq!(user("[keys]\nzoom = [\"<Nope>\"]\n").unwrap_err(), "user.toml:2:9: unknown key <Nope> in `<Nope>`");
        assert!(user("[keys]\nzoom = [\"z\"\n").unwrap_err().starts_with("user.toml:2:"));
        assert!(user("[keys]\nzoom = \"z\"\n").unwrap_err().starts_with("user.toml:2:8: invalid type"));
        assert!(user("[kyes]\n").unwrap_err().starts_with("user.toml:1:2: unknown field `kyes`"));
    }

    #[test]
    fn a_prefix_clash_is_found_whichever_is_written_first() {
        let longer_later = user("[keys]\nzoom = [\"gx\"]\n").unwrap_err();
        assert!(longer_later.starts_with("user.toml:2:9: `gx` for zoom clashes with `g` for top"), "{longer_later}");
        let shorter_later = user("[keys]\nzoom = [\"]\"]\n").unwrap_err();
        assert!(shorter_later.starts_with("user.toml:2:9: `]` for zoom clashes with `]f` for"), "{shorter_later}");
        assert!(user("[keys]\nzoom = [\"<A-z><A-z><A-z><A-z><A-z><A-z><A-z><A-z><A-z>\"]\n").is_err());
    }

    #[test]
    fn a_keymap_without_a_way_to_quit_is_refused() {
        // It used to be accepted, and the reader then had no way out but killing it.
        assert_eq!(
            user("[keys]\nline_down = [\"j\"]\nquit = []\n").unwrap_err(),
            "user.toml:3:1: `quit` needs a key: without one there would be no way to leave parallax"
        );
        assert!(user("[keys]\nquit = [\"Q\"]\n").is_ok());
    }

    #[test]
    fn escape_characters_in_keys_are_shown_escaped() {
        let err = user("[keys]\n\"\\u001b]0;PWNED\\u0007\" = [\"x\"]\n").unwrap_err();
        assert!(err.contains('\u{1b}'), "the message keeps the text; the CLI escapes it when printing");
        assert_eq!(Key::new(KeyCode::Char('\u{1b}'), KeyModifiers::NONE).to_string(), "\\e");
        assert_eq!(Key::new(KeyCode::Char('\u{202e}'), KeyModifiers::NONE).to_string(), "\\u{202e}");
    }

    #[test]
    fn a_hundred_thousand_bindings_load() {
        // The clash check used to compare every pair: 100,000 bindings took 15 s. The time is in
        // BENCHMARKS.md; here, that a large table is read whole and its clashes still found.
        let keys: Vec<String> = (0..100_000u32)
            .map(|i| {
                format!(
                    "\"<A-{}>{}\"",
                    char::from_u32(0x4e00 + i / 400).unwrap(),
                    char::from_u32(0x4e00 + i % 400).unwrap()
                )
            })
            .collect();
        let km = user(&format!("[keys]\nzoom = [{}]\n", keys.join(", "))).unwrap();
        assert_eq!(km.keys_of("zoom").len(), 100_000);
        let clash = user(&format!("[keys]\nzoom = [{}, \"<A-一>\"]\n", keys.join(", "))).unwrap_err();
        assert!(clash.contains("`Alt-一` for zoom clashes with `Alt-一 一` for zoom"), "{clash}");
    }

    #[test]
    fn default_keymap_binds_every_action() {
        let km = Keymap::default_keymap();
        for e in CATALOGUE.iter() {
            assert!(!km.keys_of(e.name).is_empty(), "{} has no key", e.name);
        }
    }
}
