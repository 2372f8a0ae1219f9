//! Anonymous and vague sourcing: claims handed to sources the reader cannot
//! check ("officials say", "according to sources in Hamas", "analysts say").

use std::ops::Range;

use super::cues::{self, SOURCE_VERBS, VAGUE_SOURCES};
use crate::words::Word;

pub const RULE: &str = "anonymous_source";
pub const NOTE: &str = "The claim is handed to unnamed sources (officials, sources, analysts, reports). \
The reader cannot check who said it or what they stand to gain; ask who these sources are and why they are not named.";

/// How far "according to" may be from its source noun ("according to senior Israeli security officials").
const ACCORDING_REACH: usize = 5;
/// Words allowed between a source and its verb ("sources in Hamas claimed").
const VERB_REACH: usize = 3;

pub fn find(text: &str, tokens: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(end) = according_to(text, tokens, i).or_else(|| source_says(text, tokens, i)) {
            out.push(tokens[i].range.start..tokens[end].range.end);
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// "according to [up to four words] sources|officials|reports", unless the source is then named ("… by Reuters").
fn according_to(text: &str, tokens: &[Word], i: usize) -> Option<usize> {
    if &*tokens[i].lower != "according"
        || &*tokens.get(i + 1)?.lower != "to"
        || !cues::adjacent(text, &tokens[i], &tokens[i + 1])
    {
        return None;
    }
    let mut j = i + 2;
    while j < tokens.len() && j <= i + 1 + ACCORDING_REACH && cues::adjacent(text, &tokens[j - 1], &tokens[j]) {
        if cues::is_in(&VAGUE_SOURCES, &tokens[j]) && is_plural_or_indefinite(tokens, i + 2, j) {
            let named = tokens.get(j + 1).is_some_and(|n| &*n.lower == "by" && cues::adjacent(text, &tokens[j], n));
            return (!named).then_some(j);
        }
        j += 1;
    }
    None
}

/// "officials say", "Hamas sources indicated", "sources in Hamas claimed", "a senior official said".
fn source_says(text: &str, tokens: &[Word], i: usize) -> Option<usize> {
    if !cues::is_in(&VAGUE_SOURCES, &tokens[i]) || &*tokens[i].key == "report" || !is_plural_or_indefinite(tokens, 0, i)
    {
        return None;
    }
    (i + 1..=i + VERB_REACH + 1)
        .take_while(|&j| j < tokens.len() && cues::adjacent(text, &tokens[j - 1], &tokens[j]))
        .find(|&j| cues::is_in(&SOURCE_VERBS, &tokens[j]))
}

/// "officials" or "an official", not "the official" (who was named before).
fn is_plural_or_indefinite(tokens: &[Word], floor: usize, noun: usize) -> bool {
    let t = &tokens[noun];
    if t.lower.ends_with('s') && !t.lower.ends_with("'s") || &*t.lower == "people" || &*t.key == "intellig" {
        return true;
    }
    tokens[floor..noun].iter().rev().take(3).any(|d| matches!(&*d.lower, "a" | "an" | "one" | "some" | "several"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;

    fn found(text: &str) -> Vec<&str> {
        find(text, &words(text)).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn unnamed_sources_are_found() {
        assert_eq!(found("Officials say the deal is close."), ["Officials say"]);
        assert_eq!(
            found("According to senior security officials, it failed."),
            ["According to senior security officials"]
        );
        assert_eq!(
            found("Sources in the ministry claimed this week that it held."),
            ["Sources in the ministry claimed"]
        );
        assert_eq!(found("The town is quiet, analysts say, for now."), ["analysts say"]);
        assert_eq!(found("A senior official told reporters nothing."), ["official told"]);
    }

    #[test]
    fn named_sources_are_not() {
        assert!(found("According to Naim, the problem lies elsewhere.").is_empty());
        assert!(found("According to a report by Reuters, talks stalled.").is_empty());
        assert!(found("The official said no more.").is_empty());
        assert!(found("Officials, however, said nothing.").is_empty());
    }
}
