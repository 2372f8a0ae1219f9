//! Agentless passives: "were killed", "was destroyed", "aid was blocked" —
//! a form of "be" (or "get") and a past participle, with no "by …" naming
//! who did it. Only verbs listed in the `[passive]` lexicon count: actions
//! whose doer matters (violence, detention, restriction, dismissal…), so
//! "the story was updated" stays unmarked.

use std::ops::Range;

use super::cues;
use super::lexicon::Lexicon;
use crate::words::Word;

pub const RULE: &str = "agentless_passive";
pub const NOTE: &str = "A passive verb with no \"by …\": the action is reported but the one who did it is left out. \
Ask who did it, and whether another source names them.";

/// Words that may stand between the auxiliary and the participle ("was not immediately destroyed").
const BETWEEN: [&str; 12] =
    ["not", "also", "still", "now", "then", "already", "never", "being", "been", "just", "all", "later"];
const MAX_BETWEEN: usize = 2;
/// How far after the participle a "by" agent is looked for.
const AGENT_REACH: usize = 6;

const GET_FORMS: [&str; 5] = ["get", "gets", "got", "gotten", "getting"];

/// After "held", these make it a meeting that took place ("talks were held in Doha"), not people held.
const HELD_AS_EVENT: [&str; 12] =
    ["in", "at", "on", "today", "yesterday", "last", "next", "this", "through", "via", "over", "during"];

/// Agentless passives with the index of the lexicon verb each one uses.
pub fn find(text: &str, tokens: &[Word], lexicon: &Lexicon) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, aux) in tokens.iter().enumerate() {
        if &*aux.key != "be" && !GET_FORMS.contains(&&*aux.lower) {
            continue;
        }
        let Some((p, verb)) = participle_after(text, tokens, i, lexicon) else { continue };
        let event =
            &*tokens[p].lower == "held" && tokens.get(p + 1).is_some_and(|n| HELD_AS_EVENT.contains(&&*n.lower));
        if event {
            continue;
        }
        if !has_agent(text, tokens, p) && out.last().is_none_or(|(r, _)| r.end <= aux.range.start) {
            out.push((aux.range.start..tokens[p].range.end, verb));
        }
    }
    out
}

fn participle_after(text: &str, tokens: &[Word], aux: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
    let mut j = aux + 1;
    while j < tokens.len() && cues::adjacent(text, &tokens[j - 1], &tokens[j]) && j <= aux + 1 + MAX_BETWEEN {
        let w = &*tokens[j].lower;
        // A participle: a regular "-ed"/"-en" form, or an irregular one as the lexicon writes it
        // ("held", "shot"); not "could be critical", whose stem is that of "criticize".
        if let Some(verb) = lexicon.passive_verb(&tokens[j])
            && (w.ends_with("ed") || w.ends_with("en") || lexicon.entries()[verb].term == w)
        {
            return Some((j, verb));
        }
        let adverb = w.len() > 4 && w.ends_with("ly");
        if !adverb && !BETWEEN.contains(&w) {
            return None;
        }
        j += 1;
    }
    None
}

/// A "by" soon after the participle, before any punctuation, names the agent.
fn has_agent(text: &str, tokens: &[Word], participle: usize) -> bool {
    (participle + 1..tokens.len().min(participle + 1 + AGENT_REACH))
        .take_while(|&j| cues::adjacent(text, &tokens[j - 1], &tokens[j]))
        .any(|j| &*tokens[j].lower == "by")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn found(text: &str) -> Vec<&str> {
        let lexicon = Lexicon::embedded();
        find(text, &words(text), &lexicon).into_iter().map(|(r, _)| &text[r]).collect()
    }

    #[test]
    fn agentless_passives_are_found() {
        assert_eq!(found("Three people were killed and a school was destroyed."), ["were killed", "was destroyed"]);
        assert_eq!(found("Aid was not immediately blocked."), ["was not immediately blocked"]);
        assert_eq!(found("He got shot at the gate; they are being held."), ["got shot", "are being held"]);
    }

    #[test]
    fn named_agents_routine_verbs_and_progressives_are_not() {
        assert!(found("The bridge was destroyed by a storm.").is_empty());
        assert!(found("This story was updated; the meeting was announced.").is_empty());
        assert!(found("They were killing time.").is_empty());
        assert!(found("The next weeks could be critical.").is_empty());
        assert!(found("The mill was destroyed last year by two men.").is_empty());
        assert!(found("She is concerned; the firm is based in Oslo; it is called Gaza.").is_empty());
        assert!(found("There were a hundred of them. It was red.").is_empty());
        assert!(found("Talks were held in Doha; a vote was held today.").is_empty());
        assert_eq!(found("Ten people are still held."), ["are still held"]);
    }

    #[test]
    fn a_by_after_punctuation_does_not_count() {
        assert_eq!(found("The house was destroyed, by all accounts."), ["was destroyed"]);
    }
}
