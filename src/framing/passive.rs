//! Agentless passives: "were killed", "was destroyed", "aid was blocked" —
//! a form of "be" (or "get") and a past participle, with no "by …" naming
//! who did it.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::cues;
use super::tokens::Token;

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

/// Irregular past participles of verbs that are done to someone or something.
static IRREGULAR: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    HashSet::from([
        "shot",
        "hit",
        "struck",
        "stricken",
        "taken",
        "given",
        "seen",
        "held",
        "built",
        "caught",
        "thrown",
        "hurt",
        "beaten",
        "stolen",
        "driven",
        "broken",
        "hidden",
        "bitten",
        "blown",
        "brought",
        "bought",
        "done",
        "drawn",
        "fought",
        "found",
        "forbidden",
        "hung",
        "kept",
        "laid",
        "led",
        "lost",
        "made",
        "sent",
        "shut",
        "sold",
        "spent",
        "spread",
        "swept",
        "told",
        "torn",
        "understood",
        "won",
        "written",
        "overthrown",
        "overrun",
        "withdrawn",
        "slain",
        "shaken",
        "chosen",
        "cut",
        "bound",
        "dealt",
        "sought",
        "upheld",
        "withheld",
        "misled",
        "undertaken",
        "forgotten",
        "thought",
        "frozen",
        "put",
        "paid",
        "meant",
    ])
});

/// "-ed" words after "be" that describe a state or name something rather
/// than report an action ("is based", "was concerned", "is called").
static NOT_ACTIONS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    HashSet::from([
        "based",
        "concerned",
        "worried",
        "interested",
        "pleased",
        "surprised",
        "tired",
        "married",
        "located",
        "involved",
        "supposed",
        "used",
        "prepared",
        "determined",
        "committed",
        "scheduled",
        "expected",
        "united",
        "limited",
        "detailed",
        "complicated",
        "sophisticated",
        "qualified",
        "experienced",
        "dedicated",
        "devoted",
        "divided",
        "unprecedented",
        "unexpected",
        "armed",
        "skilled",
        "talented",
        "related",
        "called",
        "named",
        "titled",
        "entitled",
        "focused",
        "engaged",
        "excited",
        "disappointed",
        "satisfied",
        "convinced",
        "aged",
        "tied",
        "dressed",
        "seated",
        "situated",
        "inclined",
        "obliged",
        "designed",
        "intended",
        "needed",
        "aimed",
        "slated",
        "poised",
        "set",
        "gone",
        "finished",
        "done",
        "allowed",
        "required",
        "advised",
        "alarmed",
        "amazed",
        "annoyed",
        "ashamed",
        "bored",
        "confused",
        "embarrassed",
        "frightened",
        "scared",
        "shocked",
        "stunned",
        "troubled",
        "encouraged",
        "discouraged",
        "exhausted",
        "relieved",
        "entrenched",
        "composed",
        "comprised",
        "opposed",
        "accustomed",
        "acquainted",
        "equipped",
        "faced",
        "hoped",
        "founded",
        "established",
        "elected",
        "born",
        "appointed",
        "published",
        "headquartered",
    ])
});

/// After "held", these make it a meeting that took place ("talks were held in Doha"), not people held.
const HELD_AS_EVENT: [&str; 12] =
    ["in", "at", "on", "today", "yesterday", "last", "next", "this", "through", "via", "over", "during"];

/// Words ending in "-ed" that are not participles.
const NOT_PARTICIPLES: [&str; 10] =
    ["need", "hundred", "red", "sacred", "naked", "wicked", "indeed", "speed", "bed", "seed"];

pub fn find(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, aux) in tokens.iter().enumerate() {
        if aux.key != "be" && !GET_FORMS.contains(&aux.lower.as_str()) {
            continue;
        }
        let Some(p) = participle_after(text, tokens, i) else { continue };
        let event =
            tokens[p].lower == "held" && tokens.get(p + 1).is_some_and(|n| HELD_AS_EVENT.contains(&n.lower.as_str()));
        if event {
            continue;
        }
        if !has_agent(text, tokens, p) && out.last().is_none_or(|r: &Range<usize>| r.end <= aux.range.start) {
            out.push(aux.range.start..tokens[p].range.end);
        }
    }
    out
}

fn participle_after(text: &str, tokens: &[Token], aux: usize) -> Option<usize> {
    let mut j = aux + 1;
    while j < tokens.len() && cues::adjacent(text, &tokens[j - 1], &tokens[j]) && j <= aux + 1 + MAX_BETWEEN {
        let w = tokens[j].lower.as_str();
        if is_participle(w) {
            return Some(j);
        }
        let adverb = w.len() > 4 && w.ends_with("ly");
        if !adverb && !BETWEEN.contains(&w) {
            return None;
        }
        j += 1;
    }
    None
}

fn is_participle(w: &str) -> bool {
    if NOT_ACTIONS.contains(w) || NOT_PARTICIPLES.contains(&w) {
        return false;
    }
    IRREGULAR.contains(w) || (w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// A "by" soon after the participle, before any punctuation, names the agent.
fn has_agent(text: &str, tokens: &[Token], participle: usize) -> bool {
    (participle + 1..tokens.len().min(participle + 1 + AGENT_REACH))
        .take_while(|&j| cues::adjacent(text, &tokens[j - 1], &tokens[j]))
        .any(|j| tokens[j].lower == "by")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::tokens::tokens;

    fn found(text: &str) -> Vec<&str> {
        find(text, &tokens(text)).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn agentless_passives_are_found() {
        assert_eq!(found("Three people were killed and a school was destroyed."), ["were killed", "was destroyed"]);
        assert_eq!(found("Aid was not immediately delivered."), ["was not immediately delivered"]);
        assert_eq!(found("He got shot at the gate; they are being held."), ["got shot", "are being held"]);
    }

    #[test]
    fn named_agents_states_and_names_are_not() {
        assert!(found("The bridge was destroyed by a storm.").is_empty());
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
