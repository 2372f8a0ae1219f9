//! Labels: referents the sources name differently. Every use of a label
//! contrast-set term whose referent the text gives ([`Analysis::mentions`]) is
//! counted per source and term, in the outlet's own words or inside a
//! quotation; a referent is listed only when two sources or more name it, not
//! all with the same terms, and one of the terms is a choice the lexicon
//! contrasts ("terror group", "captives", "witch hunt"), not only its neutral
//! names: sources using "probe" and "investigation" differ in words, not in
//! framing. A term written with a capital inside a
//! sentence is part of a name ("the Committee on Oversight and Government
//! Reform") and not counted; referents are merged by their last word
//! ("Robert Mueller" and "Mueller" are one) and a country with its demonym
//! ("North Korea", "North Korean").

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Place;
use crate::analysis::Analysis;
use crate::document::Document;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelRow {
    /// The contrast set ("armed-group").
    pub set: String,
    /// What is named, as the first source to name it writes it ("Hamas").
    pub referent: String,
    /// Per source: the terms it uses, most used first (empty: it does not name the referent).
    pub names: Vec<Vec<LabelName>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelName {
    /// The lexicon's term ("terror group"); every inflection counts as the term.
    pub term: String,
    /// Uses in the outlet's own words.
    pub own: usize,
    /// Uses inside a quotation (a speaker's words).
    pub quoted: usize,
    /// Where, in text order.
    pub places: Vec<Place>,
}

impl LabelName {
    pub fn total(&self) -> usize {
        self.own + self.quoted
    }
}

impl LabelRow {
    /// How many distinct terms the sources use for the referent together.
    pub fn distinct_terms(&self) -> usize {
        let mut terms: Vec<&str> = self.names.iter().flatten().map(|n| n.term.as_str()).collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    }
}

pub(super) fn build(docs: &[Document], analysis: &Analysis) -> Vec<LabelRow> {
    let lexicon = analysis.lexicon();
    // (set, referent key) → (referent as first written, per doc: term → name).
    type Row = (String, Vec<BTreeMap<String, LabelName>>);
    let mut rows: HashMap<(String, String), Row> = HashMap::new();
    let mut marked: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    let mut order: Vec<(String, String)> = Vec::new();
    // Per set, the referents met so far (lower case), so that other spellings of one are keyed as it.
    let mut known: HashMap<String, Vec<String>> = HashMap::new();
    for d in 0..docs.len() {
        let quotes = analysis.quotes(d);
        for m in analysis.mentions(d) {
            let (Some(referent), Some(entry)) = (&m.referent, lexicon.entries().get(m.entry)) else { continue };
            if in_a_name(&docs[d], &m.range) {
                continue;
            }
            let key = (m.set.to_string(), canonical(&mut known, &m.set, referent));
            if !entry.neutral {
                marked.insert(key.clone());
            }
            let row = rows.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (referent.trim().to_string(), vec![BTreeMap::new(); docs.len()])
            });
            let name = row.1[d].entry(entry.term.clone()).or_insert_with(|| LabelName {
                term: entry.term.clone(),
                own: 0,
                quoted: 0,
                places: Vec::new(),
            });
            if quotes.iter().any(|q| q.contains(&m.range)) {
                name.quoted += 1;
            } else {
                name.own += 1;
            }
            name.places.push(Place::new(d, &m.range));
        }
    }
    let mut out: Vec<LabelRow> = order
        .into_iter()
        .filter_map(|key| {
            let (referent, per_doc) = rows.remove(&key)?;
            let naming: Vec<Vec<&String>> =
                per_doc.iter().filter(|t| !t.is_empty()).map(|t| t.keys().collect()).collect();
            let differ = naming.len() > 1 && naming.iter().any(|t| *t != naming[0]) && marked.contains(&key);
            differ.then(|| {
                let names = per_doc
                    .into_iter()
                    .map(|t| {
                        let mut names: Vec<LabelName> = t.into_values().collect();
                        names.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.term.cmp(&b.term)));
                        names
                    })
                    .collect();
                LabelRow { set: key.0, referent, names }
            })
        })
        .collect();
    // The most contested first: more distinct names, then more uses.
    out.sort_by_cached_key(|r| {
        let uses: usize = r.names.iter().flatten().map(LabelName::total).sum();
        (std::cmp::Reverse(r.distinct_terms()), std::cmp::Reverse(uses), r.referent.clone())
    });
    out
}

/// The key of `referent` in set `set`: an earlier referent of the set naming the same one, else its own lower-case
/// form. Two names are one referent when their last words are (a country and its demonym count as one: "North
/// Korea", "North Korean") and the words before, where both have some, are equal: "Robert Mueller" and "Mueller"
/// are one, "North Korea" and "South Korean" two.
fn canonical(known: &mut HashMap<String, Vec<String>>, set: &str, referent: &str) -> String {
    let lower = crate::words::lower(referent.trim());
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some((last, before)) = words.split_last() else { return lower };
    let seen = known.entry(set.to_string()).or_default();
    let same = |k: &String| {
        let other: Vec<&str> = k.split_whitespace().collect();
        other.split_last().is_some_and(|(l, b)| {
            crate::framing::labels::same_referent(l, last) && (b.is_empty() || before.is_empty() || b == before)
        })
    };
    if let Some(k) = seen.iter().find(|k| same(k)) {
        return k.clone();
    }
    seen.push(lower.clone());
    lower
}

/// A term written with a capital that does not open its sentence, and is not an acronym ("IDF"): part of a name.
fn in_a_name(doc: &Document, range: &std::ops::Range<usize>) -> bool {
    let word = &doc.text[range.clone()];
    let capital = word.starts_with(char::is_uppercase);
    let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let opens = doc
        .sentence_at(range.start)
        .is_some_and(|s| !doc.text[doc.sentences[s].start..range.start].chars().any(char::is_alphanumeric));
    capital && !acronym && !opens
}

#[cfg(test)]
mod tests {
    use super::super::{Tables, fixture};
    use super::{canonical, in_a_name};
    use crate::document::Document;

    #[test]
    fn other_spellings_of_a_referent_share_its_key() {
        let mut known = std::collections::HashMap::new();
        let mut key = |r: &str| canonical(&mut known, "ruling-power", r);
        assert_eq!(key("North Norland"), "north norland");
        assert_eq!(key("North Norlandian"), "north norland");
        assert_eq!(key("Norland"), "north norland");
        assert_eq!(key("South Norlandian"), "south norlandian");
        assert_eq!(key("Robert Costa"), "robert costa");
        assert_eq!(key("Costa"), "robert costa");
        assert_eq!(canonical(&mut known, "armed-group", "Costa"), "costa");
    }

    #[test]
    fn only_referents_the_sources_name_differently_are_rows() {
        let (docs, analysis) = fixture::story();
        let rows = Tables::build(&docs, &analysis).labels;
        // "Dock Guard" is a "militia" in both sources that name it: no row.
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        assert_eq!((r.set.as_str(), r.referent.as_str()), ("armed-group", "Harbour Front"));
        let terms: Vec<Vec<&str>> = r.names.iter().map(|n| n.iter().map(|n| n.term.as_str()).collect()).collect();
        assert_eq!(terms, [vec!["terror group"], vec!["militant group"], vec!["resistance movement"]]);
        assert_eq!(r.distinct_terms(), 3);
    }

    #[test]
    fn a_capitalised_term_inside_a_sentence_is_part_of_a_name() {
        let doc =
            Document::from_plain("t.txt", "The Committee on Government Reform met. Government fell. The IDF left.");
        let at = |w: &str| {
            let i = doc.text.find(w).unwrap();
            i..i + w.len()
        };
        assert!(in_a_name(&doc, &at("Government Reform")));
        assert!(!in_a_name(&doc, &(doc.text.rfind("Government").unwrap()..doc.text.rfind("Government").unwrap() + 10)));
        assert!(!in_a_name(&doc, &at("IDF")));
    }

    #[test]
    fn sources_differing_only_in_neutral_names_make_no_row_and_a_last_name_is_one_referent() {
        use crate::analysis::Analysis;
        use crate::framing::{Lexicon, Mention};
        use std::sync::Arc;
        let docs: Vec<Document> = [
            "The probe of Lee goes on. Lee spoke.",
            "The investigation of Lee goes on.",
            "A witch hunt, said Ana Lee.",
        ]
        .iter()
        .map(|t| Document::from_plain("t.txt", t))
        .collect();
        let lexicon = Lexicon::embedded();
        let mention = |d: usize, term: &str, referent: &str| {
            let entry = lexicon.entries().iter().position(|e| e.term == term).unwrap();
            let at = docs[d].text.to_lowercase().find(term).unwrap();
            let set = lexicon.entries()[entry].contrast.clone().unwrap();
            Mention { range: at..at + term.len(), entry, set, referent: Some(Arc::from(referent)), shown: true }
        };
        let build = |third: Vec<Mention>| {
            let details = vec![
                (Vec::new(), vec![mention(0, "probe", "Lee")], 8),
                (Vec::new(), vec![mention(1, "investigation", "Lee")], 6),
                (Vec::new(), third, 5),
            ];
            let analysis = Analysis::from_parts(vec![Vec::new(); 3], Vec::new(), Vec::new()).with_details(details);
            Tables::build(&docs, &analysis).labels
        };
        // "probe" and "investigation" are the lexicon's neutral names for an inquiry: no row.
        assert!(build(Vec::new()).is_empty());
        // A "witch hunt" of "Ana Lee" is the same referent as "Lee", and a marked choice: a row.
        let rows = build(vec![mention(2, "witch hunt", "Ana Lee")]);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].names[2][0].term, "witch hunt");
    }

    #[test]
    fn names_inside_a_quotation_are_counted_apart() {
        let (docs, analysis) = fixture::story();
        let r = &Tables::build(&docs, &analysis).labels[0];
        assert_eq!((r.names[0][0].own, r.names[0][0].quoted), (1, 0));
        // Dock Voice's "resistance movement" is a docker's, inside the quotation.
        assert_eq!((r.names[2][0].own, r.names[2][0].quoted), (0, 1));
        assert_eq!(r.names[2][0].places[0].text(&docs), "resistance movement");
    }
}
