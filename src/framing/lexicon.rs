//! Lexicons: the word lists behind the framing categories, as TOML data.
//!
//! A lexicon file has one table per category id (`[loaded]`, `[label]`, …),
//! each with an optional `description`, a list of `group`s (terms sharing a
//! note and matching options) and a `remove` list. Files are merged in order:
//! the embedded defaults first, user files last. A later term with the same
//! matching key replaces the earlier one in whatever category it was (the
//! `[passive]` verb list is apart: its verbs only count inside an agentless
//! passive); `remove` drops the earlier terms of that category that match the
//! words written, and warns when none does.
//!
//! Errors and warnings point into the file (`FILE:LINE:COLUMN`) through
//! [`crate::config`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;
use toml::Spanned;

use super::Category;
use super::tokens;
use crate::config::{ConfigError, Source, Warning};
use crate::words::{FastMap, Word};

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

/// One term of a lexicon, ready to match.
#[derive(Clone, Debug, PartialEq)]
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
    /// An adjective or adverb takes in the phrase it judges ("bogus claims", "brazenly lying"); by default
    /// for loaded language and boosters.
    pub extend: bool,
    /// Matching keys that cancel a match when one of the next few words has them ("claimed the lives").
    pub unless_next: Vec<String>,
    /// Matching keys that cancel a match when one of the two words before has them ("inspection regime").
    pub unless_prev: Vec<String>,
    /// When not empty: a match counts only when one of the next few words has one of these keys ("blasted the
    /// plan as …", not "blasted a hole").
    pub if_next: Vec<String>,
    /// The group's estimated precision (share of its highlights annotators agree with), when measured.
    pub confidence: Option<f32>,
    /// Labels: a marked name ("terror group") is highlighted wherever it is used; an unmarked one
    /// ("militant group") only where another source names the same referent differently.
    pub marked: bool,
    /// The group's place among the groups of its category in the file it came from (1-based).
    pub group: u32,
    /// Labels: a name before the term names its referent even after "the" ("the North Korean regime", "the Trump
    /// administration"), where for other sets it describes the story's subject ("the Palestinian militant group").
    pub national: bool,
}

/// All categories' descriptions and terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    descriptions: BTreeMap<Category, String>,
    entries: Vec<Entry>,
    index: Index,
    /// What each label contrast set names ("an armed organisation"), by set id.
    referents: BTreeMap<Arc<str>, String>,
}

/// The entries by their words, one word a level, so that finding the terms at a
/// place in a text costs the length of the terms there, however many terms share
/// a first word (a lexicon of 100,000 phrases starting with "the" stays fast).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Index {
    /// `nodes[0]` is the root.
    nodes: Vec<Node>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Node {
    /// The next level by a word's lower-case form (exact terms) and by its matching key (the rest).
    exact: FastMap<String, usize>,
    stem: FastMap<String, usize>,
    /// Entries whose last word leads here.
    ends: Vec<usize>,
}

impl Index {
    fn build(entries: &[Entry]) -> Index {
        let mut nodes = vec![Node::default()];
        for (i, e) in entries.iter().enumerate() {
            let mut at = 0;
            for key in &e.keys {
                let fresh = nodes.len();
                let edges = match key {
                    tokens::Key::Exact(_) => &mut nodes[at].exact,
                    tokens::Key::Stem { .. } => &mut nodes[at].stem,
                };
                at = *edges.entry(key.word().to_string()).or_insert(fresh);
                if at == fresh {
                    nodes.push(Node::default());
                }
            }
            nodes[at].ends.push(i);
        }
        Index { nodes }
    }

    /// The entries whose words match the words of `tokens` from `at` on, shorter terms first.
    fn find(&self, tokens: &[Word], at: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut level = vec![0];
        for token in tokens.iter().skip(at) {
            let next: Vec<usize> = level
                .iter()
                .flat_map(|&n| {
                    let node = &self.nodes[n];
                    node.exact.get(&*token.lower).into_iter().chain(node.stem.get(&*token.key))
                })
                .copied()
                .collect();
            if next.is_empty() {
                break;
            }
            found.extend(next.iter().flat_map(|&n| self.nodes[n].ends.iter().copied()));
            level = next;
        }
        found
    }
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
    extend: Option<bool>,
    #[serde(default)]
    unless_prev: Vec<String>,
    #[serde(default)]
    if_next: Vec<String>,
    /// Estimated precision of the group's highlights, 0 to 1.
    confidence: Option<f32>,
    /// Labels: what the contrast set names.
    referent: Option<String>,
    /// Labels: `false` for an unmarked name, highlighted only where sources differ.
    marked: Option<bool>,
    /// Labels: a demonym before a term names its referent (see [`Entry::national`]).
    #[serde(default)]
    national: bool,
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
    pub fn parse_defaults() -> Result<Lexicon, ConfigError> {
        let mut lexicon = Lexicon::empty();
        for (name, text) in DEFAULT_FILES {
            lexicon.merge_str(name, text)?;
        }
        Ok(lexicon)
    }

    pub fn empty() -> Lexicon {
        Lexicon {
            descriptions: BTreeMap::new(),
            entries: Vec::new(),
            index: Index::build(&[]),
            referents: BTreeMap::new(),
        }
    }

    /// The defaults with each of `sources` merged over them in order, and the warnings of all of them.
    pub fn with_sources(sources: &[Source]) -> Result<(Lexicon, Vec<Warning>), ConfigError> {
        let mut lexicon = Lexicon::clone(&Lexicon::embedded());
        let mut warnings = Vec::new();
        for source in sources {
            warnings.extend(lexicon.merge(source)?);
        }
        Ok((lexicon, warnings))
    }

    /// Merges lexicon text named `file` (for messages) over this lexicon; see [`Lexicon::merge`].
    pub fn merge_str(&mut self, file: &str, text: &str) -> Result<Vec<Warning>, ConfigError> {
        self.merge(&Source::new(file, text))
    }

    /// Merges a lexicon file over this lexicon and returns its warnings (a `remove`
    /// that matches nothing). Nothing changes when the file is invalid.
    pub fn merge(&mut self, source: &Source) -> Result<Vec<Warning>, ConfigError> {
        let invalid =
            |span: Option<std::ops::Range<usize>>, message: String| source.error(span.unwrap_or(0..0), message);
        let schema: FileSchema = source.parse()?;
        let mut merged = self.clone();
        let mut warnings = Vec::new();
        // Earlier terms that this file's `remove` lists match.
        let mut removed_entries: HashSet<usize> = HashSet::new();
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
                let words = crate::words::words(removed.get_ref());
                if words.is_empty() {
                    return Err(invalid(Some(removed.span()), "empty term in `remove`".into()));
                }
                // The terms that would mark these words, exact or by inflection: the term as written in the
                // lexicon or any form it matches removes it.
                let whole = |&i: &usize| merged.entries[i].keys.len() == words.len();
                let matching: Vec<usize> = merged.index.find(&words, 0).into_iter().filter(whole).collect();
                let (here, elsewhere): (Vec<usize>, Vec<usize>) =
                    matching.into_iter().partition(|&i| merged.entries[i].category == category);
                if here.is_empty() {
                    let term = removed.get_ref().trim();
                    let message = match elsewhere.first().map(|&i| merged.entries[i].category) {
                        Some(other) => format!(
                            "`{term}` matches no [{}] term, so nothing is removed (it is a [{}] term: remove it there)",
                            category.id(),
                            other.id()
                        ),
                        None => format!("`{term}` matches no [{}] term, so nothing is removed", category.id()),
                    };
                    warnings.push(source.warning(removed.span(), message));
                }
                removed_entries.extend(here);
            }
            for (ordinal, group) in section.group.into_iter().enumerate() {
                if category == Category::ScareQuote {
                    let span = group.terms.first().map(Spanned::span);
                    return Err(invalid(
                        span,
                        "scare quotes are found by a rule; [scare_quote] takes only a description".into(),
                    ));
                }
                if category != Category::Label
                    && (group.id.is_some()
                        || group.neutral
                        || group.national
                        || group.referent.is_some()
                        || group.marked.is_some())
                {
                    let span = group.terms.first().map(Spanned::span);
                    let message =
                        "`id`, `neutral`, `marked`, `national` and `referent` (contrast sets) belong in [label] groups";
                    return Err(invalid(span, message.into()));
                }
                if let Some(c) = group.confidence
                    && !(0.0..=1.0).contains(&c)
                {
                    let span = group.terms.first().map(Spanned::span);
                    return Err(invalid(span, format!("confidence {c} is outside 0 to 1")));
                }
                let note: Option<Arc<str>> = group.note.map(|n| Arc::from(n.trim()));
                let contrast: Option<Arc<str>> = group.id.map(Arc::from);
                if let (Some(id), Some(referent)) = (&contrast, group.referent) {
                    merged.referents.insert(Arc::clone(id), referent.trim().to_string());
                }
                let keys_of = |words: &[String]| words.iter().map(|w| crate::words::key(&w.to_lowercase())).collect();
                let unless_next: Vec<String> = keys_of(&group.unless_next);
                let unless_prev: Vec<String> = keys_of(&group.unless_prev);
                let if_next: Vec<String> = keys_of(&group.if_next);
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
                        unless_prev: unless_prev.clone(),
                        if_next: if_next.clone(),
                        extend: group.extend.unwrap_or(matches!(category, Category::Loaded | Category::Booster)),
                        confidence: group.confidence,
                        marked: group.marked.unwrap_or(true),
                        group: ordinal as u32 + 1,
                        national: group.national,
                    });
                }
            }
        }
        // A term replaces an earlier file's term with the same words. Passive verbs are a list of their own:
        // "threaten" can be both a stance verb and a passive verb.
        let replaced: HashSet<(bool, Vec<String>)> =
            added.iter().map(|e| (e.category == Category::Passive, words_of(&e.keys))).collect();
        let mut i = 0;
        merged.entries.retain(|e| {
            let removed = removed_entries.contains(&i);
            i += 1;
            !removed && !replaced.contains(&(e.category == Category::Passive, words_of(&e.keys)))
        });
        merged.entries.extend(added);
        merged.index = Index::build(&merged.entries);
        *self = merged;
        Ok(warnings)
    }

    /// What the category marks, for the reader.
    pub fn description(&self, category: Category) -> &str {
        self.descriptions.get(&category).map_or("", String::as_str)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Indices of the entries whose words match the words of `tokens` from `at` on.
    pub(super) fn candidates(&self, tokens: &[Word], at: usize) -> impl Iterator<Item = usize> {
        self.index.find(tokens, at).into_iter()
    }

    /// The verb entry of [`Category::Passive`] that `token` is a form of: the
    /// verbs whose agentless passive is worth pointing at.
    pub fn passive_verb(&self, token: &Word) -> Option<usize> {
        self.candidates(std::slice::from_ref(token), 0).find(|&i| self.entries[i].category == Category::Passive)
    }

    /// What label contrast set `id` names, as the lexicon describes it.
    pub fn referent(&self, id: &str) -> Option<&str> {
        self.referents.get(id).map(String::as_str)
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
    fn remove_works_for_terms_of_exact_groups() {
        // "claimed" is in an `exact` group of [attribution]: it used to stay, silently.
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        assert!(lex.entry(Category::Attribution, "claimed").is_some());
        let warnings = lex.merge_str("u.toml", "[attribution]\nremove = [\"claimed\", \"Alleges\"]\n").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(lex.entry(Category::Attribution, "claimed").is_none());
        assert!(lex.entry(Category::Attribution, "alleges").is_none());
        assert!(lex.entry(Category::Attribution, "claims").is_some(), "only the form named goes");
    }

    #[test]
    fn remove_by_any_form_drops_an_inflected_term() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        assert!(lex.merge_str("u.toml", "[loaded]\nremove = [\"massacred\"]\n").unwrap().is_empty());
        assert!(lex.find(Category::Loaded, "massacre").is_none());
    }

    #[test]
    fn a_removed_term_that_matches_nothing_is_a_warning_with_its_position() {
        let mut lex = Lexicon::clone(&Lexicon::embedded());
        let text = "[loaded]\nremove = [\"massacre\",\n  \"kerfuffle\", \"reportedly\"]\n";
        let warnings: Vec<String> = lex.merge_str("u.toml", text).unwrap().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "u.toml:3:3: `kerfuffle` matches no [loaded] term, so nothing is removed",
                "u.toml:3:16: `reportedly` matches no [loaded] term, so nothing is removed (it is a [hedge] term: \
                 remove it there)",
            ]
        );
        assert!(lex.find(Category::Loaded, "massacre").is_none(), "the known term is still removed");
    }

    #[test]
    fn terms_sharing_first_words_are_all_found_longest_first_by_the_matcher() {
        let mut lex = Lexicon::empty();
        let terms: Vec<String> = (0..2000).map(|i| format!("\"the w{i}k\"")).collect();
        let text =
            format!("[[loaded.group]]\nterms = [\"the\", \"the w7k\", {}, \"the w7k again\"]\n", terms[8..].join(", "));
        lex.merge_str("u.toml", &text).unwrap();
        let words = crate::words::words("the w7k again and the w1999k, the end");
        let found = |at: usize| -> Vec<&str> {
            lex.candidates(&words, at).map(|i| lex.entries()[i].term.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(found(0), ["the", "the w7k", "the w7k again"]);
        assert_eq!(found(4), ["the", "the w1999k"]);
        assert_eq!(found(6), ["the"]);
        assert!(found(1).is_empty());
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
        let ConfigError::Invalid { file, line, column, .. } = &err else { panic!("{err:?}") };
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

    #[test]
    fn confidence_marked_and_referent_are_read_and_checked() {
        let mut lex = Lexicon::empty();
        lex.merge_str(
            "u.toml",
            "[[label.group]]\nid = \"x\"\nreferent = \"a thing\"\nmarked = false\nconfidence = 0.4\nterms = [\"thingy\"]\n",
        )
        .unwrap();
        let e = lex.find(Category::Label, "thingy").unwrap();
        assert_eq!((e.confidence, e.marked, e.group), (Some(0.4), false, 1));
        assert_eq!(lex.referent("x"), Some("a thing"));
        let err = lex.merge_str("u.toml", "[[hedge.group]]\nconfidence = 1.5\nterms = [\"maybe\"]\n").unwrap_err();
        assert!(err.to_string().contains("outside 0 to 1"), "{err}");
        let err = lex.merge_str("u.toml", "[[hedge.group]]\nreferent = \"x\"\nterms = [\"maybe\"]\n").unwrap_err();
        assert!(err.to_string().contains("[label]"), "{err}");
    }
}
