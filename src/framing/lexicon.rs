//! Lexicons: the word lists behind the framing categories, as TOML data.
//!
//! A lexicon file has one table per category id (`[loaded]`, `[label]`, …),
//! each with an optional `description`, a list of `group`s (terms sharing a
//! note and matching options) and a `remove` list. Files are merged in order:
//! the embedded defaults first, user files last. A later term with the same
//! matching key replaces the earlier one in whatever category it was (the
//! `[passive]` verb list is apart: its verbs only count inside an agentless
//! passive); `remove` drops earlier terms of that category.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use super::Category;
use super::tokens;

/// The defaults shipped with parallax, one file per category.
const DEFAULT_FILES: [(&str, &str); 7] = [
    ("assets/lexicons/loaded.toml", include_str!("../../assets/lexicons/loaded.toml")),
    ("assets/lexicons/label.toml", include_str!("../../assets/lexicons/label.toml")),
    ("assets/lexicons/hedge.toml", include_str!("../../assets/lexicons/hedge.toml")),
    ("assets/lexicons/booster.toml", include_str!("../../assets/lexicons/booster.toml")),
    ("assets/lexicons/attribution.toml", include_str!("../../assets/lexicons/attribution.toml")),
    ("assets/lexicons/passive.toml", include_str!("../../assets/lexicons/passive.toml")),
    ("assets/lexicons/scare_quote.toml", include_str!("../../assets/lexicons/scare_quote.toml")),
];

static DEFAULT: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::parse_defaults().expect("embedded lexicon is valid")));

#[derive(Debug, Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("{file}: cannot read lexicon: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid { file: String, line: usize, column: usize, message: String },
}

/// One term of a lexicon, ready to match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub category: Category,
    /// The term as written in the lexicon.
    pub term: String,
    pub note: Option<Arc<str>>,
    /// Contrast set this term belongs to (labels): the competing names for one thing.
    pub contrast: Option<Arc<str>>,
    /// Part of a contrast set for comparison only; not highlighted itself.
    pub neutral: bool,
    /// Only text written in lower case matches (keeps "may" off the month "May").
    pub lowercase_only: bool,
    pub keys: Vec<tokens::Key>,
    /// The highlight takes in the next word, the one an intensifier modifies ("very good").
    pub extend: bool,
    /// Matching keys that cancel a match when one of the next few words has them ("claimed the lives").
    pub unless_next: Vec<String>,
}

/// All categories' descriptions and terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lexicon {
    descriptions: BTreeMap<Category, String>,
    entries: Vec<Entry>,
    /// Entry indices by the word of their first key.
    by_first_word: crate::words::FastMap<String, Vec<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchema {
    loaded: Option<Section>,
    label: Option<Section>,
    hedge: Option<Section>,
    booster: Option<Section>,
    attribution: Option<Section>,
    passive: Option<Section>,
    scare_quote: Option<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    description: Option<String>,
    #[serde(default)]
    group: Vec<Group>,
    #[serde(default)]
    remove: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    /// Contrast-set id (labels).
    id: Option<String>,
    note: Option<String>,
    terms: Vec<Spanned<String>>,
    #[serde(default)]
    exact: bool,
    #[serde(default)]
    neutral: bool,
    #[serde(default)]
    lowercase: bool,
    #[serde(default)]
    unless_next: Vec<String>,
    #[serde(default)]
    extend: bool,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::clone(&Lexicon::embedded())
    }
}

impl Lexicon {
    /// The embedded default lexicon, parsed once.
    pub fn embedded() -> Arc<Lexicon> {
        Arc::clone(&DEFAULT)
    }

    /// Parses the embedded default files afresh ([`Lexicon::embedded`] does it once).
    pub fn parse_defaults() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::empty();
        for (name, text) in DEFAULT_FILES {
            lexicon.merge_str(name, text)?;
        }
        Ok(lexicon)
    }

    pub fn empty() -> Lexicon {
        Lexicon { descriptions: BTreeMap::new(), entries: Vec::new(), by_first_word: crate::words::FastMap::default() }
    }

    /// The defaults with each file of `files` merged over them in order.
    pub fn with_files<P: AsRef<Path>>(files: &[P]) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::clone(&Lexicon::embedded());
        for path in files {
            lexicon.merge_file(path.as_ref())?;
        }
        Ok(lexicon)
    }

    pub fn merge_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LexiconError::Unreadable { file: name.clone(), reason: e.to_string() })?;
        self.merge_str(&name, &text)
    }

    /// Merges lexicon text named `file` (for error messages) over this lexicon.
    /// Nothing changes when the text is invalid.
    pub fn merge_str(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        let invalid = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            LexiconError::Invalid { file: file.to_string(), line, column, message }
        };
        let schema: FileSchema = toml::from_str(text).map_err(|e| invalid(e.span(), e.message().trim().to_string()))?;
        let mut merged = self.clone();
        // Terms of this file so far by their words, to catch one written twice (e.g. "claim" and "claims").
        let mut in_file: HashMap<Vec<String>, String> = HashMap::new();
        let mut added: Vec<Entry> = Vec::new();
        let sections = [
            (Category::Loaded, schema.loaded),
            (Category::Label, schema.label),
            (Category::Hedge, schema.hedge),
            (Category::Booster, schema.booster),
            (Category::Attribution, schema.attribution),
            (Category::Passive, schema.passive),
            (Category::ScareQuote, schema.scare_quote),
        ];
        for (category, section) in sections {
            let Some(section) = section else { continue };
            if let Some(d) = section.description {
                merged.descriptions.insert(category, d.trim().to_string());
            }
            for removed in &section.remove {
                let keys = tokens::term_keys(removed.get_ref(), false);
                if keys.is_empty() {
                    return Err(invalid(Some(removed.span()), "empty term in `remove`".into()));
                }
                merged.entries.retain(|e| !(e.category == category && same_words(&e.keys, &keys)));
            }
            for group in section.group {
                if category == Category::ScareQuote {
                    let span = group.terms.first().map(Spanned::span);
                    return Err(invalid(
                        span,
                        "scare quotes are found by a rule; [scare_quote] takes only a description".into(),
                    ));
                }
                if category != Category::Label && (group.id.is_some() || group.neutral) {
                    let span = group.terms.first().map(Spanned::span);
                    return Err(invalid(span, "`id` and `neutral` (contrast sets) belong in [label] groups".into()));
                }
                let note: Option<Arc<str>> = group.note.map(|n| Arc::from(n.trim()));
                let contrast: Option<Arc<str>> = group.id.map(Arc::from);
                let unless_next: Vec<String> =
                    group.unless_next.iter().map(|w| crate::words::key(&w.to_lowercase())).collect();
                for term in &group.terms {
                    let keys = tokens::term_keys(term.get_ref(), group.exact);
                    if keys.is_empty() {
                        return Err(invalid(Some(term.span()), "a term needs at least one word".into()));
                    }
                    if category == Category::Passive && keys.len() != 1 {
                        let message = "a [passive] term is one verb, whose agentless passive is marked".to_string();
                        return Err(invalid(Some(term.span()), message));
                    }
                    if let Some(earlier) = in_file.get(&words_of(&keys)) {
                        let message =
                            format!("`{}` matches the same words as `{earlier}` earlier in this file", term.get_ref());
                        return Err(invalid(Some(term.span()), message));
                    }
                    in_file.insert(words_of(&keys), term.get_ref().to_string());
                    added.push(Entry {
                        category,
                        term: term.get_ref().trim().to_string(),
                        note: note.clone(),
                        contrast: contrast.clone(),
                        neutral: group.neutral,
                        lowercase_only: group.lowercase,
                        keys,
                        unless_next: unless_next.clone(),
                        extend: group.extend,
                    });
                }
            }
        }
        // A term replaces an earlier file's term with the same words. Passive verbs are a list of their own:
        // "threaten" can be both a stance verb and a passive verb.
        let replaced: HashSet<(bool, Vec<String>)> =
            added.iter().map(|e| (e.category == Category::Passive, words_of(&e.keys))).collect();
        merged.entries.retain(|e| !replaced.contains(&(e.category == Category::Passive, words_of(&e.keys))));
        merged.entries.extend(added);
        merged.by_first_word.clear();
        for (i, e) in merged.entries.iter().enumerate() {
            merged.by_first_word.entry(e.keys[0].word().to_string()).or_default().push(i);
        }
        *self = merged;
        Ok(())
    }

    /// What the category marks, for the reader.
    pub fn description(&self, category: Category) -> &str {
        self.descriptions.get(&category).map_or("", String::as_str)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Indices of the entries whose first word could match `token`.
    pub(super) fn candidates<'a>(&'a self, token: &crate::words::Word) -> impl Iterator<Item = usize> + 'a {
        let by_key = self.by_first_word.get(&*token.key);
        let by_form = (token.lower != token.key).then(|| self.by_first_word.get(&*token.lower)).flatten();
        by_key.into_iter().chain(by_form).flatten().copied()
    }

    /// The verb entry of [`Category::Passive`] that `token` is a form of: the
    /// verbs whose agentless passive is worth pointing at.
    pub fn passive_verb(&self, token: &crate::words::Word) -> Option<usize> {
        self.candidates(token).find(|&i| {
            let e = &self.entries[i];
            e.category == Category::Passive && e.keys.len() == 1 && e.keys[0].matches(token)
        })
    }

    /// The entry of `category` written exactly `term` (a span's `rule`).
    pub fn entry(&self, category: Category, term: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.category == category && e.term == term)
    }

    /// The entry for `term` (as its words would match) in `category`.
    pub fn find(&self, category: Category, term: &str) -> Option<&Entry> {
        let keys = tokens::term_keys(term, false);
        self.entries.iter().find(|e| e.category == category && same_words(&e.keys, &keys))
    }
}

/// Two terms are the same when their words match the same text, whatever the matching mode.
fn words_of(keys: &[tokens::Key]) -> Vec<String> {
    keys.iter().map(|k| k.word().to_string()).collect()
}

fn same_words(a: &[tokens::Key], b: &[tokens::Key]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.word() == y.word())
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_describes_every_category() {
        let lex = Lexicon::embedded();
        for c in Category::ALL {
            assert!(!lex.description(c).is_empty(), "{c:?} has no description");
        }
        assert!(lex.find(Category::Loaded, "massacre").is_some());
    }

    #[test]
    fn user_terms_add_and_override() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        let before = lex.entries().len();
        lex.merge_str(
            "user.toml",
            "[loaded]\n[[loaded.group]]\nnote = \"mine\"\nterms = [\"kerfuffle\", \"massacres\"]\n",
        )
        .unwrap();
        assert_eq!(lex.entries().len(), before + 1, "massacres replaces massacre, kerfuffle is new");
        assert_eq!(lex.find(Category::Loaded, "massacre").unwrap().note.as_deref(), Some("mine"));
        assert!(lex.find(Category::Loaded, "kerfuffle").is_some());
    }

    #[test]
    fn a_term_moved_to_another_category_leaves_the_first() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        lex.merge_str("u.toml", "[[hedge.group]]\nterms = [\"massacre\"]\n").unwrap();
        assert!(lex.find(Category::Loaded, "massacre").is_none());
        assert!(lex.find(Category::Hedge, "massacre").is_some());
    }

    #[test]
    fn remove_drops_a_default_term() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        lex.merge_str("u.toml", "[loaded]\nremove = [\"massacres\"]\n").unwrap();
        assert!(lex.find(Category::Loaded, "massacre").is_none());
    }

    #[test]
    fn description_is_overridden() {
        let mut lex = Lexicon::empty();
        lex.merge_str("u.toml", "[hedge]\ndescription = \"Softeners.\"\n").unwrap();
        assert_eq!(lex.description(Category::Hedge), "Softeners.");
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[loaded]\ndescription = \"x\"\nterms = [\"a\",\n").unwrap_err();
        let LexiconError::Invalid { file, line, column, .. } = &err else { panic!("{err:?}") };
        assert_eq!(file, "u.toml");
        assert_eq!(*line, 3);
        assert!(*column >= 1);
        assert!(err.to_string().starts_with("u.toml:3:"), "{err}");
    }

    #[test]
    fn unknown_category_and_empty_term_are_errors_with_position() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[lodaed]\ndescription = \"x\"\n").unwrap_err();
        assert!(err.to_string().starts_with("u.toml:1:"), "{err}");
        let err = lex.merge_str("u.toml", "[[hedge.group]]\nterms = [\"ok\", \"  \"]\n").unwrap_err();
        assert!(err.to_string().starts_with("u.toml:2:16:"), "{err}");
    }

    #[test]
    fn a_term_written_twice_in_one_file_is_an_error() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[[loaded.group]]\nterms = [\"slam\",\n  \"slams\"]\n").unwrap_err();
        assert_eq!(err.to_string(), "u.toml:3:3: `slams` matches the same words as `slam` earlier in this file");
    }

    #[test]
    fn scare_quotes_take_no_terms() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[[scare_quote.group]]\nterms = [\"x\"]\n").unwrap_err();
        assert!(err.to_string().starts_with("u.toml:2:10: scare quotes are found by a rule"), "{err}");
    }

    #[test]
    fn passive_terms_are_single_verbs() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[[passive.group]]\nterms = [\"evict\", \"round up\"]\n").unwrap_err();
        assert!(err.to_string().starts_with("u.toml:2:19: a [passive] term is one verb"), "{err}");
    }

    #[test]
    fn contrast_ids_only_in_labels() {
        let mut lex = Lexicon::empty();
        let err = lex.merge_str("u.toml", "[[hedge.group]]\nid = \"x\"\nterms = [\"maybe\"]\n").unwrap_err();
        assert!(err.to_string().contains("[label]"), "{err}");
    }

    #[test]
    fn failed_merge_changes_nothing() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        let before = lex.clone();
        assert!(lex.merge_str("u.toml", "[[loaded.group]]\nterms = [\"zzz\", \"\"]\n").is_err());
        assert_eq!(lex, before);
    }
}
