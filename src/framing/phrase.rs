//! Phrase spans: a judging modifier is extended to the phrase it judges,
//! using part-of-speech tags ([`crate::tagger`]): an adjective to its noun
//! phrase ("bogus claims", "a crucial policy shift"), an adverb to its verb
//! ("brazenly lying", "lied brazenly") or to the adjective and noun phrase
//! it intensifies ("blatantly false claims"). Only words joined by spaces
//! are taken in, never across punctuation, and a predicative adjective ("the
//! plan is bogus") stays one word: annotators mark phrases, and a blind
//! window of neighbouring words would lower precision on word-level gold.

use std::ops::Range;

use crate::tagger::{Pos, Tags};
use crate::words::Word;

/// At most this many words are added to a modifier.
const MAX_ADDED: usize = 4;

/// The words `at..end` extended to the phrase they judge, when the tags say they are a modifier of one.
pub(super) fn extend(text: &str, words: &[Word], tags: &mut Tags, at: usize, end: usize) -> Range<usize> {
    let last = end - 1;
    let joined = |a: usize, b: usize| {
        b < words.len() && text[words[a].range.end..words[b].range.start].chars().all(char::is_whitespace)
    };
    let mut to = end;
    let mut from = at;
    // Nothing to take in across punctuation on both sides: no need to tag the sentence.
    if !(joined(last, end) || at > 0 && joined(at - 1, at)) {
        return words[at].range.start..words[last].range.end;
    }
    match tags.at(last) {
        Pos::Adj => to = noun_phrase(words, tags, last, &joined).unwrap_or(end),
        // A judging word before a noun modifies it, whatever the tagger made of a word it rarely saw ("his bogus
        // claims" tagged as a compound of two nouns). A term of several words does so only when it is a
        // modifier itself ("radical left policies"); one that opens with a function word is an adverbial ("of
        // course", "at any cost"), and the noun after it is not what it judges ("of course Smith").
        Pos::Noun
            if joined(last, end)
                && tags.at(end) == Pos::Noun
                && (end - at == 1 || matches!(tags.at(at), Pos::Adj | Pos::Noun | Pos::Propn)) =>
        {
            to = noun_phrase(words, tags, last, &joined).unwrap_or(end)
        }
        Pos::Adv => {
            let next = if joined(last, end) { Some(tags.at(end)) } else { None };
            match next {
                Some(Pos::Verb) => to = verb_with_particle(words, end, &joined),
                Some(Pos::Adj) => to = noun_phrase(words, tags, end, &joined).unwrap_or(end + 1),
                // "very smoothly": the adverb it intensifies.
                Some(Pos::Adv) => to = end + 1,
                // "lied brazenly": the adverb after its verb.
                _ if at > 0 && joined(at - 1, at) && tags.at(at - 1) == Pos::Verb => from = at - 1,
                _ => {}
            }
        }
        _ => {}
    }
    words[from].range.start..words[to - 1].range.end
}

/// After adjective `adj`: further adjectives and the nouns they modify, up to the last noun. `None` when no noun
/// follows (a predicative adjective).
fn noun_phrase(words: &[Word], tags: &mut Tags, adj: usize, joined: &dyn Fn(usize, usize) -> bool) -> Option<usize> {
    let mut k = adj;
    let mut last_noun = None;
    while k + 1 < words.len() && k + 1 - adj <= MAX_ADDED && joined(k, k + 1) {
        match tags.at(k + 1) {
            Pos::Noun | Pos::Propn => last_noun = Some(k + 2),
            Pos::Adj if last_noun.is_none() => {}
            _ => break,
        }
        k += 1;
    }
    last_noun
}

/// Particles of phrasal verbs ("lashed out", "backed down"); not the "to" of an infinitive, nor words that are
/// more often prepositions ("in", "on", "over").
const PARTICLES: [&str; 6] = ["out", "up", "off", "down", "away", "back"];

/// A verb and the particle right after it ("lashed out").
fn verb_with_particle(words: &[Word], verb: usize, joined: &dyn Fn(usize, usize) -> bool) -> usize {
    let particle = joined(verb, verb + 1) && PARTICLES.contains(&&*words[verb + 1].lower);
    if particle { verb + 2 } else { verb + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn extended(text: &str, term: &str) -> String {
        let ws = words(text);
        let sentences = crate::sentences::split(text);
        let mut tags = Tags::new(text, &ws, &sentences);
        let at = ws.iter().position(|w| &text[w.range.clone()] == term).expect("term");
        text[extend(text, &ws, &mut tags, at, at + 1)].to_string()
    }

    #[test]
    fn adjectives_take_in_their_noun_phrase() {
        assert_eq!(extended("He repeated his bogus claims about the vote.", "bogus"), "bogus claims");
        assert_eq!(
            extended("It was a disastrous foreign policy shift.", "disastrous"),
            "disastrous foreign policy shift"
        );
        assert_eq!(extended("The plan is bogus, and everyone knows it.", "bogus"), "bogus");
        assert_eq!(extended("A brutal, chaotic retreat followed.", "brutal"), "brutal");
    }

    #[test]
    fn adverbs_take_in_their_verb_or_adjective() {
        assert_eq!(extended("The senator was brazenly lying to voters.", "brazenly"), "brazenly lying");
        assert_eq!(extended("The senator lied brazenly to voters.", "brazenly"), "lied brazenly");
        assert_eq!(extended("They spread blatantly false claims online.", "blatantly"), "blatantly false claims");
        assert_eq!(extended("The meeting went very smoothly.", "very"), "very smoothly");
        assert_eq!(extended("He clearly hoped to win.", "clearly"), "clearly hoped");
        assert_eq!(extended("They angrily lashed out at the court.", "angrily"), "angrily lashed out");
        // A preposition after the verb is not its particle.
        assert_eq!(extended("He was deliberately lying in court.", "deliberately"), "deliberately lying");
    }
}
