//! Quotes: every quotation with its speaker as the sentence gives it, grouped
//! across sources when they quote the same words (in full, or one a stretch of
//! the other's), with flags a reader should look at: the same words handed to
//! different named speakers, trimmed differently, quoted in one source and
//! told without quotation marks in another that reports the same claim, and
//! words resting on unnamed speakers only.

use std::collections::HashMap;

use serde::Serialize;

use super::{Place, Sourcing, is_anonymous, is_named, kind_id, speaker_key};
use crate::analysis::Analysis;
use crate::claims::SentenceRef;
use crate::document::Document;

/// Quotations sharing a run of this many words are the same words trimmed differently…
const MIN_SHARED_RUN: usize = 4;
/// …provided the run is at least this share of the shorter one.
const MIN_SHARED_SHARE: f64 = 0.5;
/// A phrase occurring in more quotations than this proposes no pairs ("the United States").
const MAX_POSTING: usize = 64;
/// A quotation this short is only grouped with exactly the same words ("final", "total victory").
const SHORT: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteGroup {
    /// Text order: by source, then position.
    pub quotes: Vec<QuoteItem>,
    pub flags: QuoteFlags,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteItem {
    /// The marks and what they enclose.
    pub place: Place,
    /// The quoted words, as written.
    pub words: String,
    /// The sentence it stands in.
    pub sentence: Place,
    /// The speaker as the sentence gives it (a pronoun's antecedent when resolved).
    pub speaker: Option<String>,
    /// "name", "role", "pronoun" or "none".
    pub kind: &'static str,
    /// Where the sentence names the speaker.
    pub speaker_place: Option<Place>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuoteFlags {
    /// Two sources hand these words to different named speakers.
    pub different_speakers: bool,
    /// The sources quote different stretches of the words.
    pub trimmed: bool,
    /// Sentences of other sources reporting the same claim without quoting these words.
    pub paraphrased: Vec<Place>,
    /// Every speaker given is unnamed (a role), and there is one.
    pub anonymous_only: bool,
}

impl QuoteGroup {
    /// How many sources quote these words.
    pub fn sources(&self) -> usize {
        let mut docs: Vec<usize> = self.quotes.iter().map(|q| q.place.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// A quotation and its words for comparing.
struct Item {
    doc: usize,
    index: usize,
    words: Vec<String>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The longest run of words `a` and `b` share.
fn longest_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = prev[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        prev = row;
    }
    best
}

fn same_words(a: &[String], b: &[String]) -> bool {
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return false;
    }
    if shorter <= SHORT {
        return a == b || (shorter == SHORT && longest_run(a, b) == SHORT);
    }
    let run = longest_run(a, b);
    run >= MIN_SHARED_RUN && run as f64 >= MIN_SHARED_SHARE * shorter as f64
}

pub(super) fn build(docs: &[Document], analysis: &Analysis, sourcing: &Sourcing) -> Vec<QuoteGroup> {
    let mut items = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (index, q) in analysis.quotes(d).iter().enumerate() {
            let words: Vec<String> = crate::words::spans(&doc.text[q.inner.clone()])
                .into_iter()
                .map(|r| crate::words::lower(&doc.text[q.inner.start + r.start..q.inner.start + r.end]))
                .collect();
            items.push(Item { doc: d, index, words });
        }
    }
    // Candidates share a phrase: a short quotation all its words, a longer one a run of three.
    let mut postings: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.words.is_empty() {
            continue;
        }
        if it.words.len() <= SHORT {
            postings.entry(&it.words[..]).or_default().push(i);
        } else {
            for w in it.words.windows(SHORT) {
                postings.entry(w).or_default().push(i);
            }
        }
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut tried = std::collections::HashSet::new();
    for list in postings.values().filter(|l| l.len() > 1 && l.len() <= MAX_POSTING) {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                if items[a].doc == items[b].doc || !tried.insert((a, b)) {
                    continue;
                }
                if same_words(&items[a].words, &items[b].words) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..items.len() {
        let root = find(&mut parent, i);
        members.entry(root).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().collect();
    groups.iter_mut().for_each(|g| g.sort_unstable());
    let mut out: Vec<QuoteGroup> = groups.into_iter().map(|g| group(docs, analysis, sourcing, &items, &g)).collect();
    out.sort_by(|a, b| b.sources().cmp(&a.sources()).then_with(|| a.quotes[0].place.cmp(&b.quotes[0].place)));
    out
}

fn group(docs: &[Document], analysis: &Analysis, sourcing: &Sourcing, items: &[Item], g: &[usize]) -> QuoteGroup {
    let mut quotes = Vec::new();
    let mut named_keys: Vec<String> = Vec::new();
    let (mut any_anonymous, mut any_named) = (false, false);
    let mut sentences: Vec<SentenceRef> = Vec::new();
    for &i in g {
        let it = &items[i];
        let text = &docs[it.doc].text;
        let q = &analysis.quotes(it.doc)[it.index];
        let sentence = docs[it.doc].sentence_at(q.range.start).unwrap_or(0);
        let sref = SentenceRef { doc: it.doc, sentence };
        sentences.push(sref);
        if is_named(q) {
            any_named = true;
            if let Some(k) = speaker_key(q, text)
                && !named_keys.contains(&k)
            {
                named_keys.push(k);
            }
        }
        any_anonymous |= is_anonymous(q);
        quotes.push(QuoteItem {
            place: Place::new(it.doc, &q.range),
            words: text[q.inner.clone()].to_string(),
            sentence: docs[it.doc]
                .sentences
                .get(sentence)
                .map_or(Place::new(it.doc, &q.range), |r| Place::new(it.doc, r)),
            speaker: q.speaker_name(text).map(str::to_string),
            kind: kind_id(q.speaker.as_ref().map(|s| s.kind)),
            speaker_place: q.speaker.as_ref().map(|s| Place::new(it.doc, &s.range)),
        });
    }
    let quoting_docs: Vec<usize> = sentences.iter().map(|s| s.doc).collect();
    let mut distinct_words: Vec<&Vec<String>> = g.iter().map(|&i| &items[i].words).collect();
    distinct_words.sort();
    distinct_words.dedup();
    // Paraphrase: another source reports the claim of a quoting sentence, without these words in quotation marks.
    // Only for quotations that say something (a scare-quoted word is not a claim).
    let mut paraphrased: Vec<Place> = Vec::new();
    if g.iter().any(|&i| items[i].words.len() > SHORT) {
        for s in &sentences {
            let Some(&c) = sourcing.cluster_of.get(s) else { continue };
            for m in &analysis.clusters[c].members {
                let place = Place::sentence(docs, *m);
                if !quoting_docs.contains(&m.doc)
                    && m.sentence < docs[m.doc].sentences.len()
                    && !paraphrased.contains(&place)
                {
                    paraphrased.push(place);
                }
            }
        }
    }
    paraphrased.sort();
    QuoteGroup {
        quotes,
        flags: QuoteFlags {
            different_speakers: named_keys.len() > 1,
            trimmed: distinct_words.len() > 1,
            paraphrased,
            anonymous_only: any_anonymous && !any_named,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Tables, fixture};
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn same_words_in_full_trimmed_or_overlapping() {
        assert!(same_words(&w("we will not accept this insult"), &w("we will not accept this insult")));
        assert!(same_words(&w("an insult to the dockers"), &w("we will not accept this insult to the dockers")));
        assert!(same_words(&w("final"), &w("final")));
        assert!(!same_words(&w("final"), &w("final offer")));
        assert!(!same_words(&w("the gates"), &w("the gates stay shut")));
        // Four words shared by two long quotations that say different things are not the same words.
        assert!(!same_words(
            &w("we will talk to the union about the night shift next week and then decide"),
            &w("the union about the pay rise refused every offer made since may")
        ));
    }

    #[test]
    fn quotations_grouped_across_sources_and_flagged() {
        let (docs, analysis) = fixture::story();
        let groups = Tables::build(&docs, &analysis).quotes;
        let texts: Vec<Vec<&str>> =
            groups.iter().map(|g| g.quotes.iter().map(|q| q.words.as_str()).collect()).collect();
        let insult = &groups[0];
        assert_eq!(
            texts[0],
            [
                "We will not accept this insult to the dockers,",
                "an insult to the dockers.",
                "We will not accept this insult,"
            ]
        );
        assert!(insult.flags.trimmed);
        assert!(!insult.flags.different_speakers, "Mara Lind and Lind are one speaker");
        assert!(insult.flags.paraphrased.is_empty(), "every source quotes it");
        let cost = groups.iter().find(|g| g.quotes[0].words.contains("two million")).unwrap();
        assert_eq!(cost.sources(), 2);
        assert!(cost.flags.anonymous_only);
        // Dock Voice reports the cost in its own words.
        assert_eq!(cost.flags.paraphrased.len(), 1);
        assert!(cost.flags.paraphrased[0].text(&docs).starts_with("Officials put the cost"));
        let gates = groups.iter().find(|g| g.quotes[0].words.contains("gates stay")).unwrap();
        assert!(gates.flags.different_speakers, "Lind in one source, Tom Berg in another");
        assert!(!gates.flags.trimmed);
        let speakers: Vec<Option<&str>> = gates.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Lind"), Some("Tom Berg")]);
        // A quotation no other source has is a group of its own.
        assert!(groups.iter().any(|g| g.sources() == 1 && g.quotes[0].words.contains("resistance movement")));
    }
}
