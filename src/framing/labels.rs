//! Labels by contrast: a name is framing when sources choose between names
//! for the same referent. Each use of a contrast-set term (a *mention*) is
//! resolved to what it names, as far as the text says: a name next to it
//! ("Hamas militants", "the militant group Hamas", "Hamas, the militant
//! group", "withdrawal of Israeli forces"); for a description with nothing
//! to single it out ("the terror group", "migrants"), the story's subject for
//! that set: the name the document (else the loaded sources) most often gives
//! the set's terms, or, where no name is given, the set's own referent
//! ("people who crossed a border without papers"). A description restricted
//! to something else ("the militia led by …", "far-right extremists") is left
//! unresolved and compared with nothing.
//!
//! A marked term ("terror group", "illegal aliens") is highlighted wherever it
//! is used. An unmarked one ("militant group", "migrants") is highlighted only
//! where another loaded source names the same referent with other words: the
//! plain name every outlet uses for the story's subject is not framing.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::lexicon::Lexicon;
use crate::words::{Word, WordSet};

/// One use of a contrast-set term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
    pub set: Arc<str>,
    /// What it names, as written where the text says it ("Hamas", "Israeli"); `None` when the text does not.
    pub referent: Option<Arc<str>>,
    /// Highlighted: a marked term, or an unmarked one another source contradicts.
    pub shown: bool,
}

/// How the text around a mention says what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolution {
    Named(Range<usize>),
    /// "the terror group", "migrants": the story's subject for the set.
    Story,
    /// "the militia led by …", "far-right extremists": something the text singles out from the story's subject.
    Restricted,
}

/// Words after a term that restrict it to something other than the story's subject ("the militia led by").
const RESTRICTING: [&str; 14] = [
    "led",
    "backed",
    "linked",
    "based",
    "loyal",
    "known",
    "called",
    "affiliated",
    "allied",
    "run",
    "controlled",
    "in",
    "from",
    "aligned",
];
const DEFINITE: [&str; 5] = ["the", "this", "that", "these", "those"];
/// Words before a bare name that do not single out some of its referents ("of migrants", "many hostages").
const UNRESTRICTING: [&str; 36] = [
    "a",
    "an",
    "of",
    "to",
    "for",
    "by",
    "with",
    "from",
    "in",
    "on",
    "at",
    "and",
    "or",
    "as",
    "than",
    "about",
    "many",
    "some",
    "more",
    "most",
    "few",
    "several",
    "dozens",
    "hundreds",
    "thousands",
    "all",
    "other",
    "no",
    "are",
    "were",
    "is",
    "was",
    "be",
    "being",
    "into",
    "against",
];
const TITLES: [&str; 6] = ["president", "minister", "secretary", "prime", "general", "chief"];
/// Capitalised words that are not names even where a title capitalises them ("The Hague", "His Majesty").
const NOT_NAMES: [&str; 24] = [
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "he", "she",
    "it", "they", "we", "i", "in", "of", "and", "but",
];

pub(super) struct Resolver<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    /// Lower-case forms the text capitalises somewhere other than at a sentence's start.
    pub names: &'a WordSet,
}

impl Resolver<'_> {
    /// How the mention at words `at..end` is resolved; `national`: a demonym before the term names its referent
    /// ([`super::lexicon::Entry::national`]).
    pub fn resolve(&self, at: usize, end: usize, national: bool) -> Resolution {
        let ws = self.words;
        // A name right before it: "Hamas militants", "Israeli hostages", "Iran's regime". After a determiner, the
        // name still says whose it is in a national set ("the Trump administration", "the North Korean regime");
        // in others it describes the story's subject ("the Palestinian militant group", "the Gaza war").
        if at > 0 && self.joined(at - 1, at) && self.is_name(at - 1) {
            let start = self.run_start(at - 1);
            let determined = start > 0 && DEFINITE.contains(&&*ws[start - 1].lower) && self.joined(start - 1, start);
            if !determined || national {
                return Resolution::Named(ws[start].range.start..ws[at - 1].range.end);
            }
            return Resolution::Story;
        }
        // A name right after it: "the militant group Hamas"; or "of" and a name: "withdrawal of Israeli forces".
        if let Some(n) = ws.get(end)
            && self.joined(end - 1, end)
        {
            if self.is_name(end) {
                return Resolution::Named(self.run_from(end));
            }
            let of = &*n.lower == "of";
            let skip = usize::from(ws.get(end + 1).is_some_and(|w| &*w.lower == "the"));
            if of
                && ws.get(end + 1 + skip).is_some_and(|_| self.joined(end + skip, end + 1 + skip))
                && self.is_name(end + 1 + skip)
            {
                return Resolution::Named(self.run_from(end + 1 + skip));
            }
            if RESTRICTING.contains(&&*n.lower) || of {
                return Resolution::Restricted;
            }
        }
        // A name in apposition before it: "Hamas, the militant group".
        let mut k = at;
        while k > 0 && at - k < 4 && self.joined(k - 1, k) && !self.is_name(k - 1) {
            k -= 1;
        }
        let determiner = (k..at).any(|j| DEFINITE.contains(&&*ws[j].lower) || ["a", "an"].contains(&&*ws[j].lower));
        if k > 0 && k < at && determiner && self.gap(k - 1, k).trim() == "," && self.is_name(k - 1) {
            let start = self.run_start(k - 1);
            return Resolution::Named(ws[start].range.start..ws[k - 1].range.end);
        }
        // A definite description: "the terror group", "the Palestinian militant group".
        let mut k = at;
        while k > 0 && at - k < 3 && self.joined(k - 1, k) {
            if DEFINITE.contains(&&*ws[k - 1].lower) {
                return Resolution::Story;
            }
            k -= 1;
        }
        // A bare name, unless a modifier singles out some of them: "far-right extremists", "armed settlers".
        let modified = at > 0
            && self.joined(at - 1, at)
            && !ws[at - 1].is_capitalised(self.text)
            && !ws[at - 1].is_number()
            && !UNRESTRICTING.contains(&&*ws[at - 1].lower);
        if modified { Resolution::Restricted } else { Resolution::Story }
    }

    fn is_name(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.is_capitalised(self.text)
            && self.names.contains(&*w.lower)
            && !TITLES.contains(&&*w.lower)
            && !NOT_NAMES.contains(&&*w.lower)
    }

    fn run_start(&self, mut i: usize) -> usize {
        while i > 0 && self.is_name(i - 1) && self.gap(i - 1, i).chars().all(char::is_whitespace) {
            i -= 1;
        }
        i
    }

    fn run_from(&self, i: usize) -> Range<usize> {
        let mut end = i;
        while end + 1 < self.words.len()
            && self.is_name(end + 1)
            && self.gap(end, end + 1).chars().all(char::is_whitespace)
        {
            end += 1;
        }
        self.words[i].range.start..self.words[end].range.end
    }

    fn gap(&self, a: usize, b: usize) -> &str {
        &self.text[self.words[a].range.end..self.words[b].range.start]
    }

    /// Only spaces, or a possessive, between two words.
    fn joined(&self, a: usize, b: usize) -> bool {
        let gap = self.gap(a, b);
        gap.chars().all(char::is_whitespace) || matches!(gap.trim(), "'s" | "’s" | "'" | "’")
    }
}

/// Two referents' matching keys name the same place or people when one is the other's demonym or country:
/// "korea" / "korean", "iran" / "iranian", "israel" / "israeli", "palestine" / "palestinian". The shorter
/// key, but for its last letter, opens the longer, and the shared part is at least four letters long.
pub fn same_referent(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short == long {
        return true;
    }
    let shared = short.chars().zip(long.chars()).take_while(|(x, y)| x == y).count();
    let n = short.chars().count();
    shared >= 4 && shared + 1 >= n && long.chars().count() - shared <= 4
}

/// A mention before the corpus stage: how it was resolved.
#[derive(Clone, Debug)]
pub(super) struct Pending {
    pub range: Range<usize>,
    pub entry: usize,
    pub set: Arc<str>,
    pub resolution: Resolution,
}

/// Resolves every document's mentions against the others and decides which are shown. `texts` and `pending`
/// are per document.
pub(super) fn decide(texts: &[&str], pending: Vec<Vec<Pending>>, lexicon: &Lexicon) -> Vec<Vec<Mention>> {
    let key = |s: &str| crate::words::lower(s.trim());
    // Each document's subject per set: the name its named mentions give most often; else the corpus's. A
    // description that is not the set's neutral name takes the subject of such names first: "the dictator" in an
    // article that says "the Trump administration" six times and "North Korean dictator" once is North Korea's.
    // Index 0: all named mentions; 1: those with a term that is not neutral.
    let mut corpus_counts: [Counts; 2] = Default::default();
    let mut doc_subjects: Vec<[HashMap<Arc<str>, Arc<str>>; 2]> = Vec::new();
    for (text, mentions) in texts.iter().zip(&pending) {
        let mut counts: [Counts; 2] = Default::default();
        for m in mentions {
            if let Resolution::Named(r) = &m.resolution {
                let name: Arc<str> = Arc::from(&text[r.clone()]);
                let kinds = if lexicon.entries()[m.entry].neutral { 1 } else { 2 };
                for i in 0..kinds {
                    for c in [&mut counts[i], &mut corpus_counts[i]] {
                        c.entry((Arc::clone(&m.set), key(&name))).or_insert((0, Arc::clone(&name))).0 += 1;
                    }
                }
            }
        }
        doc_subjects.push(counts.map(most_frequent));
    }
    let corpus_subjects = corpus_counts.map(most_frequent);

    let mut resolved: Vec<Vec<Mention>> = pending
        .into_iter()
        .zip(texts)
        .zip(&doc_subjects)
        .map(|((mentions, text), subjects)| {
            mentions
                .into_iter()
                .map(|m| {
                    let referent = match &m.resolution {
                        Resolution::Named(r) => Some(Arc::from(&text[r.clone()])),
                        Resolution::Story => {
                            let loaded = usize::from(!lexicon.entries()[m.entry].neutral);
                            (0..=loaded)
                                .rev()
                                .find_map(|i| subjects[i].get(&m.set).or_else(|| corpus_subjects[i].get(&m.set)))
                                .cloned()
                                .or_else(|| lexicon.referent(&m.set).map(Arc::from))
                        }
                        Resolution::Restricted => None,
                    };
                    let e = &lexicon.entries()[m.entry];
                    Mention { range: m.range, entry: m.entry, set: m.set, referent, shown: e.marked && !e.neutral }
                })
                .collect()
        })
        .collect();

    // An unmarked name is shown where another document names the same referent and does not use it.
    let uses: Vec<Uses> = resolved
        .iter()
        .map(|mentions| {
            let mut out = Uses::new();
            for m in mentions {
                if let Some(r) = &m.referent {
                    out.entry((Arc::clone(&m.set), key(r))).or_default().push(&lexicon.entries()[m.entry].term);
                }
            }
            out
        })
        .collect();
    let mut show: Vec<(usize, usize)> = Vec::new();
    for (d, mentions) in resolved.iter().enumerate() {
        for (i, m) in mentions.iter().enumerate() {
            let e = &lexicon.entries()[m.entry];
            let Some(r) = &m.referent else { continue };
            if e.marked || e.neutral {
                continue;
            }
            let k = (Arc::clone(&m.set), key(r));
            let contradicted = uses
                .iter()
                .enumerate()
                .any(|(o, u)| o != d && u.get(&k).is_some_and(|terms| !terms.contains(&e.term.as_str())));
            if contradicted {
                show.push((d, i));
            }
        }
    }
    for (d, i) in show {
        resolved[d][i].shown = true;
    }
    resolved
}

/// How often each name is given to a contrast set's terms, by set and name key, with the name as written.
type Counts = HashMap<(Arc<str>, String), (usize, Arc<str>)>;

/// The terms a document uses, by contrast set and referent key.
type Uses<'a> = HashMap<(Arc<str>, String), Vec<&'a str>>;

fn most_frequent(counts: Counts) -> HashMap<Arc<str>, Arc<str>> {
    let mut best: HashMap<Arc<str>, (usize, String, Arc<str>)> = HashMap::new();
    for ((set, k), (n, name)) in counts {
        let b = best.entry(set).or_insert((0, String::new(), Arc::clone(&name)));
        // Ties go to the alphabetically first name, so the result does not depend on hashing order.
        if n > b.0 || (n == b.0 && k < b.1) {
            *b = (n, k, name);
        }
    }
    best.into_iter().map(|(set, (_, _, name))| (set, name)).collect()
}

/// The terms of set `set` that document `mentions` uses for `referent`, in order of first use.
pub fn terms_for(mentions: &[Mention], set: &str, referent: &str, lexicon: &Lexicon) -> Vec<String> {
    let key = crate::words::lower(referent.trim());
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        if &*m.set == set && m.referent.as_deref().is_some_and(|r| crate::words::lower(r.trim()) == key) {
            let term = &lexicon.entries()[m.entry].term;
            if !out.contains(term) {
                out.push(term.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::words::words;

    /// The resolution of the first occurrence of `term` in `text`, as the text of its name or a tag.
    fn resolution(text: &str, term: &str) -> String {
        resolution_in(text, term, false)
    }

    fn resolution_in(text: &str, term: &str, national: bool) -> String {
        let doc = Document::from_plain("t.txt", text);
        let ws = words(&doc.text);
        let names = crate::words::name_forms(&doc.text, &doc.sentences, &ws);
        let r = Resolver { text: &doc.text, words: &ws, names: &names };
        let n = crate::words::spans(term).len();
        let at = (0..ws.len()).find(|&i| doc.text[ws[i].range.start..].starts_with(term)).expect("term");
        match r.resolve(at, at + n, national) {
            Resolution::Named(range) => doc.text[range].to_string(),
            Resolution::Story => "story".into(),
            Resolution::Restricted => "restricted".into(),
        }
    }

    #[test]
    fn names_next_to_a_term_are_its_referent() {
        let ctx = "Talks with Hamas and Israel went on in Cairo. ";
        assert_eq!(resolution(&format!("{ctx}Then Hamas militants left."), "militants"), "Hamas");
        assert_eq!(resolution(&format!("{ctx}They met the militant group Hamas."), "militant group"), "Hamas");
        assert_eq!(resolution(&format!("{ctx}They met Hamas, the militant group, today."), "militant group"), "Hamas");
        assert_eq!(resolution(&format!("{ctx}It asked for a withdrawal of Israeli forces."), "withdrawal"), "Israeli");
    }

    #[test]
    fn story_and_restricted_mentions() {
        let ctx = "Talks with Hamas and Israel went on in Cairo. ";
        assert_eq!(resolution(&format!("{ctx}The terror group refused."), "terror group"), "story");
        assert_eq!(
            resolution(&format!("{ctx}So what does the Palestinian militant group want?"), "militant group"),
            "story"
        );
        assert_eq!(resolution(&format!("{ctx}Hundreds of migrants waited."), "migrants"), "story");
        assert_eq!(resolution(&format!("{ctx}Israel backs the militia led by a clan chief."), "militia"), "restricted");
        assert_eq!(resolution(&format!("{ctx}He governs with right-wing extremists."), "extremists"), "restricted");
    }

    #[test]
    fn a_name_after_the_article_says_whose_it_is() {
        let ctx = "Talks between Lisbon and Norway went on. ";
        // A person's or a country's name: the referent, article or not.
        assert_eq!(resolution_in(&format!("{ctx}The Costa administration said no."), "administration", true), "Costa");
        assert_eq!(resolution_in(&format!("{ctx}Critics fault the Costa regime."), "regime", true), "Costa");
        assert_eq!(resolution_in(&format!("{ctx}Norway's regime said no."), "regime", true), "Norway");
        // A demonym names the referent of a national set ("the Norwegian regime"); in another set a name after
        // the article describes the story's subject.
        assert_eq!(resolution_in(&format!("{ctx}Critics fault the Norwegian regime."), "regime", true), "Norwegian");
        assert_eq!(
            resolution_in(&format!("{ctx}Critics fault the Norwegian militant group."), "militant group", false),
            "story"
        );
        assert_eq!(resolution_in(&format!("{ctx}They ended the Lisbon war."), "war", false), "story");
    }

    #[test]
    fn a_loaded_description_takes_the_subject_of_loaded_names() {
        // The article names the Costa administration three times and the Norland dictator once: "the dictator"
        // is Norland's, not the administration's.
        let text = "The Costa administration met Norland dictator Vel Oran. The Costa administration smiled. \
                    Critics say the Costa administration gave the dictator prestige.";
        let doc = Document::from_plain("t.txt", text);
        let lexicon = Lexicon::default();
        let framing = super::super::detect_corpus(std::slice::from_ref(&doc), &lexicon);
        let referents: Vec<(&str, &str)> = framing[0]
            .mentions
            .iter()
            .map(|m| (&doc.text[m.range.clone()], m.referent.as_deref().unwrap_or("-")))
            .collect();
        assert_eq!(
            referents,
            [
                ("administration", "Costa"),
                ("dictator", "Norland"),
                ("administration", "Costa"),
                ("administration", "Costa"),
                ("dictator", "Norland")
            ]
        );
    }

    #[test]
    fn a_country_and_its_demonym_are_one_referent() {
        for (a, b) in [("korea", "korean"), ("iran", "iranian"), ("israel", "israeli"), ("palestine", "palestinian")] {
            assert!(same_referent(a, b) && same_referent(b, a), "{a} {b}");
        }
        for (a, b) in [("iran", "iraq"), ("austria", "australia"), ("trump", "obama")] {
            assert!(!same_referent(a, b), "{a} {b}");
        }
    }
}
