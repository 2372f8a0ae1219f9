//! Named people, places and organisations: runs of capitalised words, keyed
//! by the whole name and by its last word, so "Steve Witkoff" and a later
//! "Witkoff" share a key.

use super::tokens::is_stopword;
use crate::words::FastMap;
use crate::words::Word;

/// Lower-case words that may sit inside a name ("Abu Zuhri", "Gulf of Mexico", "bin Salman").
const NAME_JOINERS: [&str; 7] = ["of", "al", "bin", "abu", "de", "la", "van"];
/// Generational suffixes: "Cesar Sayoc Jr." is the "Sayoc" of "Cesar Sayoc", not a "Jr".
const SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// How often each word is written capitalised away from the start of a
/// sentence and how often in lower case, over the whole corpus: a capitalised
/// word is a name only when the corpus writes it capitalised at least as often
/// ("Senior Hamas official" → "Hamas", not "Senior").
#[derive(Debug, Default)]
pub struct Capitalisation {
    counts: FastMap<String, (u32, u32)>,
}

impl Capitalisation {
    pub fn observe(&mut self, text: &str, words: &[Word]) {
        for (i, w) in words.iter().enumerate() {
            if !w.lower.starts_with(char::is_alphabetic) {
                continue;
            }
            let capitalised = w.is_capitalised(text);
            if i == 0 && capitalised {
                continue;
            }
            // Most words repeat: look up before allocating a key.
            let entry = match self.counts.get_mut(&*w.lower) {
                Some(e) => e,
                None => self.counts.entry(w.lower.to_string()).or_default(),
            };
            if capitalised {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }

    /// Adds the counts of another share of the corpus (counted on another thread).
    pub fn merge(&mut self, other: Capitalisation) {
        for (word, (upper, lower)) in other.counts {
            let entry = self.counts.entry(word).or_default();
            entry.0 += upper;
            entry.1 += lower;
        }
    }

    fn is_name_word(&self, w: &Word, text: &str) -> bool {
        if !w.is_capitalised(text) || is_stopword(&w.lower) {
            return false;
        }
        let (upper, lower) = self.counts.get(&*w.lower).copied().unwrap_or((0, 0));
        upper > 0 && upper >= lower
    }
}

/// The entity keys of a sentence: each name in full, and its last word alone.
pub fn entity_keys(text: &str, words: &[Word], caps: &Capitalisation) -> Vec<String> {
    let mut keys = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, keys: &mut Vec<String>| {
        while run.last().is_some_and(|w| NAME_JOINERS.contains(w) || (run.len() > 1 && SUFFIXES.contains(w))) {
            run.pop();
        }
        if let Some(last) = run.last() {
            keys.push(last.to_string());
            if run.len() > 1 {
                keys.push(run.join(" "));
            }
        }
        run.clear();
    };
    for w in words {
        let joins = !run.is_empty() && NAME_JOINERS.contains(&&*w.lower);
        if joins || caps.is_name_word(w, text) {
            run.push(&w.lower);
        } else {
            flush(&mut run, &mut keys);
        }
    }
    flush(&mut run, &mut keys);
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn keys(corpus: &[&str], sentence: &str) -> Vec<String> {
        let mut caps = Capitalisation::default();
        for t in corpus.iter().chain([&sentence]) {
            caps.observe(t, &words(t));
        }
        entity_keys(sentence, &words(sentence), &caps)
    }

    #[test]
    fn surname_alias_matches_full_name() {
        let corpus = ["Talks went on, Witkoff said.", "The envoy Steve Witkoff arrived."];
        assert_eq!(keys(&corpus, "The envoy Steve Witkoff arrived."), ["steve witkoff", "witkoff"]);
        assert_eq!(keys(&corpus, "Talks went on, Witkoff said."), ["witkoff"]);
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let corpus = ["He was a senior official.", "Senior Hamas official Sami Abu Zuhri spoke."];
        assert_eq!(keys(&corpus, corpus[1]), ["hamas", "sami abu zuhri", "zuhri"]);
    }

    #[test]
    fn a_generational_suffix_keeps_the_surname() {
        // Regression: "Jr." became the name's last word, so "Cesar Sayoc Jr." and "Cesar Sayoc"
        // shared no key and two outlets naming the same suspect shared no name.
        let corpus = ["Police named Darnell Okafor Jr. on Friday.", "Sources named Darnell Okafor on Friday."];
        assert_eq!(keys(&corpus, corpus[0]), ["darnell okafor", "friday", "okafor"]);
        assert_eq!(keys(&corpus, corpus[1]), ["darnell okafor", "friday", "okafor"]);
    }

    #[test]
    fn joiners_stay_inside_names_only() {
        let corpus = ["A storm hit the Gulf of Mexico on Monday."];
        assert_eq!(keys(&corpus, corpus[0]), ["gulf of mexico", "mexico", "monday"]);
    }
}
