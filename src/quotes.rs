//! Quotations and whose words they are.
//!
//! Text between quotation marks belongs to the person quoted, not to the
//! outlet: framing inside it is the speaker's. Each quotation is a byte range
//! into the document's text with the speaker as its sentence gives it: a name
//! ("Donald Trump"), a role ("a White House official"), a pronoun ("he",
//! resolved to the name of an earlier speaker in the same paragraph when there
//! is one), or none. A quotation is *attributed* when its sentence hands it to
//! someone — a reporting word before it ("called it a “witch hunt”"), a speech
//! tag after it ("“…,” he said"), a colon, or an attributed quotation just
//! before it — even when the speaker's words cannot be picked out.
//!
//! Marks: “…”, "…" and the two mixed (paired by order and context, misplaced spaces and stray
//! marks repaired: see `quote_marks`), ‘…’ and '…' (not
//! apostrophes). A “ left open at the end of a paragraph runs to its end, as a
//! quotation continued in the next paragraph does. Quotations inside another
//! one are part of it.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use crate::document::Document;
use crate::tagger::{Pos, Tags};
use crate::words::{Word, WordSet, key, words};

/// One quotation of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The marks and what they enclose.
    pub range: Range<usize>,
    /// The quoted words, without the marks.
    pub inner: Range<usize>,
    pub speaker: Option<Speaker>,
    /// The sentence hands the quotation to someone, named or not.
    pub attributed: bool,
}

/// Who a quotation belongs to, as its sentence says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The words naming the speaker ("Donald Trump", "a Hamas spokesperson", "he").
    pub range: Range<usize>,
    pub kind: SpeakerKind,
    /// For a pronoun: the name of the earlier speaker in the same paragraph it stands for.
    pub antecedent: Option<Range<usize>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A proper name: a person or an organisation.
    Name,
    /// A description: "a senior official", "the White House press secretary", "analysts".
    Role,
    Pronoun,
}

impl Quotation {
    /// The speaker's name as the text gives it: the name, the role, or a pronoun's antecedent.
    pub fn speaker_name<'a>(&self, text: &'a str) -> Option<&'a str> {
        let s = self.speaker.as_ref()?;
        Some(&text[s.antecedent.clone().unwrap_or_else(|| s.range.clone())])
    }

    pub fn contains(&self, range: &Range<usize>) -> bool {
        self.inner.start <= range.start && range.end <= self.inner.end
    }
}

/// Matching keys of space-separated words.
fn keys(words: &str) -> WordSet {
    words.split_whitespace().map(key).collect()
}

/// Words that hand a quotation to a speaker when they come before it in its sentence: "called it a
/// “witch hunt”", "vowed that … “a reward”", "Trump's assertion that … “to die”".
pub static INTRODUCES_QUOTE: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "say said tell told call describe dub term label brand pledge vow warn assert insist claim write \
         wrote tweet post declare announce state add added ask reply note argue explain according words quote \
         dismiss talk mention urge promise threaten accuse deride characterize characterise praise slam \
         condemn assertion statement remark phrase vaunt oft-vaunted speak spoke reiterate repeat refer allege \
         assail denounce suggest hint thunder defend acknowledge concede complain boast contend stress emphasize \
         emphasise testify tout chide chant decry lambaste ridicule scoff message response blast bash \
         rail lament bemoan comment proclaim hail replied answered retort",
    )
});

/// Nouns among the reporting words that hand quoted words to whoever made them ("Trump's assertion that
/// “…”", "in a statement: “…”"), and "words" ("in the words of").
const NOUN_CUES: [&str; 10] =
    ["assertion", "statement", "remark", "remarks", "comment", "comments", "phrase", "message", "response", "words"];

/// Speech tags that follow a quotation: "“…,” he said", "“…,” according to the ministry".
pub static TAGS_QUOTE: LazyLock<WordSet> = LazyLock::new(|| {
    keys(
        "say said tell told add added write wrote ask explain state note declare reply tweet post according \
         words insist argue warn recall claim recount quote read conclude acknowledge concede stress",
    )
});

/// Past tenses of verbs of speaking and of manner of speech that also make speech tags ("“…,” Ruiz fumed",
/// "“…,” the paper reported"). Only these forms: "report", "answer" and "shout" are as often nouns, and a
/// noun right after a quotation ("the “zero day” report found") is no tag.
const SPOKE: [&str; 16] = [
    "reported",
    "thundered",
    "proclaimed",
    "fumed",
    "confirmed",
    "responded",
    "remarked",
    "observed",
    "joked",
    "quipped",
    "shouted",
    "yelled",
    "whispered",
    "replied",
    "answered",
    "continued",
];

/// Words a speech tag may have between its verb and the quotation it follows ("“…,” Hamas said in a
/// statement") or that may stand between a subject and its verb ("he has repeatedly said").
const AUXILIARIES: [&str; 23] = [
    "has", "have", "had", "will", "would", "is", "was", "were", "are", "did", "does", "do", "also", "then", "not",
    "later", "may", "might", "can", "could", "should", "must", "shall",
];

const PRONOUNS: [&str; 6] = ["he", "she", "they", "we", "i", "it"];

const DETERMINERS: [&str; 9] = ["the", "a", "an", "its", "his", "her", "their", "this", "that"];
/// The articles, which open an apposition after a name ("Ruiz, the mayor, said").
const ARTICLES: &[&str] = DETERMINERS.split_at(3).0;

/// Words a description of a speaker does not end with.
const FUNCTION_WORDS: [&str; 21] = [
    "in", "on", "at", "to", "for", "with", "by", "from", "through", "into", "as", "about", "of", "the", "a", "an",
    "this", "that", "and", "or", "but",
];
/// The prepositions that open [`FUNCTION_WORDS`], all but "of", which names and roles hold ("Secretary of State").
const PREPOSITIONS: &[&str] = FUNCTION_WORDS.split_at(12).0;

/// Nouns of office that may open a sentence's subject before a name ("Senior Hamas official Sami Abu Zuhri").
const OFFICE_NOUNS: [&str; 20] = [
    "government",
    "military",
    "administration",
    "intelligence",
    "security",
    "diplomat",
    "official",
    "officials",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "leader",
    "member",
    "negotiator",
    "analyst",
    "adviser",
    "aide",
    "commander",
    "senior",
    "former",
];

/// Words that end a subject read backwards from its verb: the subject starts after them.
const CLAUSE_BREAKS: [&str; 22] = [
    "that", "which", "who", "whom", "and", "but", "or", "when", "while", "as", "because", "if", "since", "after",
    "before", "so", "than", "where", "whether", "though", "although", "said",
];
/// The words of [`CLAUSE_BREAKS`] from "when" on: the subordinators (and "said"), not the relatives and conjunctions.
const SUBORDINATORS: &[&str] = CLAUSE_BREAKS.split_at(7).1;

/// Words of a rank or office that precede a name ("US President Donald Trump").
const TITLES: [&str; 30] = [
    "president",
    "chairman",
    "chairwoman",
    "director",
    "mayor",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "general",
    "gen",
    "chief",
    "king",
    "queen",
    "pope",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
];

/// Days and months: capitalised, never speakers ("Governor Ruiz late Monday posted").
const CALENDAR: [&str; 19] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
];

/// Words of time that end no description of a speaker ("in time", a dateline's "5 PM EDT").
const CLOCK: [&str; 11] = ["time", "minute", "hour", "day", "week", "month", "year", "edt", "est", "gmt", "utc"];

/// How many words a speech tag after a quotation may take ("Sami Abu Zuhri, a Hamas spokesperson, said").
const TAG_REACH: usize = 30;
/// A quotation this close after an attributed one shares its speaker ("as “unacceptable” and “disappointing”").
const CHAIN_REACH: usize = 3;

/// The quotations of a document.
pub fn of_document(doc: &Document) -> Vec<Quotation> {
    find(&doc.text, &doc.paragraphs, &doc.sentences, &words(&doc.text))
}

/// The quoted words of `text` (marks left out), the marks paired within each paragraph as
/// [`of_document`] pairs them, without looking for speakers: for the claims index, whose
/// sentences are often pieces of one quotation (“It's insane. It's ridiculous,” he said).
pub fn quoted_spans(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    paragraphs
        .iter()
        .flat_map(|p| pairs(&text[p.clone()]).into_iter().map(|r| inner(text, &(r.start + p.start..r.end + p.start))))
        .collect()
}

/// The quotations of `text`, marks paired within each paragraph; `words` are the text's words.
pub fn find(text: &str, paragraphs: &[Range<usize>], sentences: &[Range<usize>], words: &[Word]) -> Vec<Quotation> {
    // Where the quote-introducing words are, so that asking whether one precedes a quote in its
    // sentence is a lookup, not a scan of the sentence (a sentence can hold thousands of quotes).
    // "state" and "states" are nearly always the noun, and so are "chant" and "chants" ("to chants of “…”", where
    // the chanting is not the subject's); "stated" and "chanted" stay cues.
    let cues: Vec<usize> = (0..words.len())
        .filter(|&i| {
            INTRODUCES_QUOTE.contains(&*words[i].key)
                && !matches!(
                    &*words[i].lower,
                    "state"
                        | "states"
                        | "chant"
                        | "chants"
                        | "messages"
                        | "responses"
                        | "messaging"
                        | "answer"
                        | "answers"
                )
        })
        .collect();
    let mut tags = Tags::new(text, words, sentences);
    let ctx = Context {
        text,
        sentences,
        words,
        cues: &cues,
        mid_sentence_capitals: crate::words::name_forms(text, sentences, words),
        named_openers: named_openers(text, sentences, words, &mut tags),
        persons: persons(text, words),
        title_surnames: title_surnames(text, words),
        tags: RefCell::new(tags),
    };
    let mut out = Vec::new();
    // Whether each quotation of `out` has a reporting word or a speech tag of its own.
    let mut own: Vec<bool> = Vec::new();
    for p in paragraphs {
        let first_in_paragraph = out.len();
        // The word after the last attributed quotation, the byte where it closes, and its speaker.
        let mut last_attributed: Option<(usize, usize, Option<Speaker>)> = None;
        for range in pairs(&text[p.clone()]) {
            let range = range.start + p.start..range.end + p.start;
            let inner = inner(text, &range);
            let first = words.partition_point(|w| w.range.end <= range.start);
            let after = words.partition_point(|w| w.range.start < range.end);
            let mut q = Quotation { range: range.clone(), inner, speaker: None, attributed: false };
            // A quotation closing its sentence ("… for years.”") is followed by the next sentence, not a speech tag.
            let closes_sentence = text[range.start..q.inner.end].trim_end().ends_with('.');
            // "Ruiz said: “…,” the paper reported": words handed over by a speech verb and a colon are the
            // verb's subject's; a tag after them names who reported them.
            let handed_over = first > 0
                && text[words[first - 1].range.end..range.start].trim() == ":"
                && cues.binary_search(&(first - 1)).is_ok();
            let tagged = if closes_sentence || handed_over { None } else { ctx.tagged_after(after, range.end) };
            let mut has_own = false;
            let introduced = || ctx.introduced(first, after, range.start, &out[first_in_paragraph..]);
            let ending = || ctx.tag_ending_sentence(first, after, range.end).map(|s| (Some(s), true));
            if let Some((speaker, attributed)) = tagged.clone().or_else(introduced).or_else(ending) {
                q.speaker = speaker;
                q.attributed = attributed;
                has_own = true;
            } else if let Some(speaker) = opens_sentence(text, sentences, range.start)
                .then(|| ctx.reported_before(range.start, last_attributed.as_ref().map(|l| l.1)))
                .flatten()
            {
                // "Ruiz said the port would close. “It is over.”": the quotation carries on what the sentence
                // before it reports, whoever spoke before that.
                q.speaker = Some(speaker);
                q.attributed = true;
            } else if let Some((end, _, speaker)) = &last_attributed
                && (first >= *end && first - end <= CHAIN_REACH || opens_sentence(text, sentences, range.start))
            {
                // Chained ("as “unacceptable” and “disappointing”"), or a quotation that carries on the
                // speaker's words in a sentence of its own.
                q.speaker = speaker.clone();
                q.attributed = true;
            }
            if let Some(s) = q.speaker.as_mut().filter(|s| s.kind == SpeakerKind::Pronoun) {
                s.antecedent = ctx.antecedent(&out[first_in_paragraph..], range.start, &s.range);
            }
            if tagged.as_ref().is_some_and(|t| t.0.is_some()) {
                // "“A” because of “B” and because it “C,” Ruiz said": a tag after the last quotation of a sentence
                // is that of the quotations chained before it that have no reporting word or tag of their own.
                let mut next = first;
                for k in (first_in_paragraph..out.len()).rev() {
                    let e = &out[k];
                    let end = words.partition_point(|w| w.range.start < e.range.end);
                    if own[k]
                        || next < end
                        || next - end > CHAIN_REACH
                        || !same_sentence(sentences, e.range.start, range.start)
                    {
                        break;
                    }
                    next = words.partition_point(|w| w.range.end <= e.range.start);
                    out[k].speaker = q.speaker.clone();
                    out[k].attributed = true;
                }
            }
            if q.attributed {
                last_attributed = Some((after, range.end - 1, q.speaker.clone()));
            }
            own.push(has_own);
            out.push(q);
        }
    }
    out
}

struct Context<'a> {
    text: &'a str,
    sentences: &'a [Range<usize>],
    words: &'a [Word],
    cues: &'a [usize],
    mid_sentence_capitals: WordSet,
    /// Words opening a sentence that are names though the text never writes them mid-sentence (see
    /// [`named_openers`]), by index, in order.
    named_openers: Vec<usize>,
    /// Lower-case last names the document writes after a title or a first name somewhere ("President Trump",
    /// "Emmanuel Macron"): a lone "Trump" or "Macron" elsewhere is a person.
    persons: WordSet,
    /// Words of rank the text writes as a last name ("Shirley King"), never before a name ("King Abdullah").
    title_surnames: WordSet,
    /// Part-of-speech tags, asked for only where a description must be told from a stray phrase.
    tags: RefCell<Tags<'a>>,
}

/// Words a news text writes without a determiner as the subject of a sentence that are not names: groups
/// and institutions written in the singular ("Police said", "Staff were told") and amounts of people
/// ("Dozens chanted").
const BARE_GROUPS: [&str; 22] = [
    "police",
    "staff",
    "management",
    "security",
    "government",
    "administration",
    "media",
    "press",
    "military",
    "leadership",
    "family",
    "prosecution",
    "defense",
    "defence",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "scores",
    "others",
    "many",
    "several",
];
/// Endings of plural nouns for people by what they do or are ("critics", "protesters", "activists",
/// "residents", "democrats"): the tagger sometimes calls them proper nouns when they open a sentence.
const GROUP_PLURALS: [&str; 13] =
    ["ers", "ors", "ists", "ants", "ents", "ians", "ives", "ates", "ics", "ees", "ies", "als", "crats"];

/// The sentence-opening words that name someone though the text never writes them elsewhere: a lone word
/// right before its verb ("Pelosi said …" in a text of one sentence, or a headline), before a time phrase, an
/// apposition or an age, or with a possessive. A capital there is no evidence, so the part-of-speech tagger
/// decides; plural nouns of groups ("Critics said"), bare collective nouns ("Police said") and a noun before
/// another ("Trade publication Variety") stay no name.
fn named_openers(text: &str, sentences: &[Range<usize>], words: &[Word], tags: &mut Tags) -> Vec<usize> {
    let mut out = Vec::new();
    for s in sentences {
        let first = words.partition_point(|w| w.range.start < s.start);
        let end = words.partition_point(|w| w.range.start < s.end);
        let (Some(w), Some(next)) = (words.get(first), words.get(first + 1)) else { continue };
        let lower = &*w.lower;
        // "Moore, who leads the caucus, said", "Lee, 45, said": an apposition, an age or a relative clause after
        // the name; "Kline's remark that …": a possessive.
        let gap = text[w.range.end..next.range.start].trim();
        let comma = gap == ",";
        let possessive = ["'s", "’s", "'", "’"].contains(&gap);
        if first + 1 >= end
            || !w.is_capitalised(text)
            || next.is_capitalised(text)
            || !(spaced(text, w, next) || comma || possessive)
            || !text[s.start..w.range.start].trim().is_empty()
            || [&PRONOUNS[..], &DETERMINERS, &CALENDAR, &FUNCTION_WORDS, &CLAUSE_BREAKS, &TITLES, &BARE_GROUPS]
                .iter()
                .any(|l| l.contains(&lower))
        {
            continue;
        }
        let plural = lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss");
        // "Sanders says his …": a verb agreeing with one subject shows that a word ending like a plural is a name.
        let singular_verb = matches!(&*next.lower, "says" | "is" | "was" | "has" | "does" | "claims" | "insists");
        let group = plural && GROUP_PLURALS.iter().any(|e| lower.ends_with(e)) && !singular_verb;
        // "Varga and his lawyers have …": one person joined to a group of their own, not a pair of nouns.
        let and_own =
            &*next.lower == "and" && words.get(first + 2).is_some_and(|w| ["his", "her"].contains(&&*w.lower));
        let named = match [tags.at(first), tags.at(first + 1)] {
            _ if group => false,
            [Pos::Propn | Pos::Noun, _] if and_own => !plural,
            [Pos::Propn | Pos::Noun, Pos::Verb | Pos::Aux] if singular_verb => !comma && !possessive,
            [Pos::Propn, _] if possessive => true,
            // "Cuomo on Monday said"
            [Pos::Propn, Pos::Verb | Pos::Aux | Pos::Adv | Pos::Adp] => !comma,
            [Pos::Propn, Pos::Pron | Pos::Det | Pos::Num] => comma,
            [Pos::Noun, Pos::Verb | Pos::Aux | Pos::Adv] => !comma && !possessive && !plural,
            _ => false,
        };
        if named {
            out.push(first);
        }
    }
    out
}

/// A party-and-state tag written after a US politician's name ("R-Calif", "D-N"): no name of its own.
fn is_party_tag(word: &str) -> bool {
    ["R-", "D-", "I-"].iter().any(|p| word.starts_with(p)) && word[2..].starts_with(char::is_uppercase)
}

/// Only spaces between the words `a` and `b` of `text`.
fn spaced(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start].chars().all(char::is_whitespace)
}

/// The last words of titled or full names anywhere in the text (see `Context::persons`).
fn persons(text: &str, words: &[Word]) -> WordSet {
    let mut out = WordSet::default();
    for pair in words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let spaced = spaced(text, a, b) || (text[a.range.end..b.range.start].trim() == "." && is_abbreviation(text, a));
        if spaced
            && b.is_capitalised(text)
            && (TITLES.contains(&&*a.lower)
                || (a.is_capitalised(text)
                    && ![&DETERMINERS[..], &FUNCTION_WORDS, &CLAUSE_BREAKS, &PRONOUNS]
                        .iter()
                        .any(|l| l.contains(&&*a.lower))))
        {
            out.insert(b.lower.to_string());
        }
    }
    out
}

/// Titles written after a first name ("Billy King") and never before a name (see `Context::title_surnames`).
fn title_surnames(text: &str, words: &[Word]) -> WordSet {
    let mut after_first_name = WordSet::default();
    let mut before_name = WordSet::default();
    for pair in words.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if !spaced(text, a, b) || !a.is_capitalised(text) || !b.is_capitalised(text) {
            continue;
        }
        if TITLES.contains(&&*a.lower) {
            before_name.insert(a.lower.to_string());
        } else if TITLES.contains(&&*b.lower)
            && ![&DETERMINERS[..], &FUNCTION_WORDS, &CLAUSE_BREAKS, &PRONOUNS].iter().any(|l| l.contains(&&*a.lower))
        {
            after_first_name.insert(b.lower.to_string());
        }
    }
    after_first_name.retain(|w| !before_name.contains(w));
    after_first_name
}

impl Context<'_> {
    /// The name a pronoun speaker at byte `at` stands for: the speaker of a quotation in the same or the
    /// previous sentence (a name, or the name its pronoun stood for), else the name the previous sentence opens
    /// with ("Ms. Ruiz threatened a strike. “Write that down,” she said."), else the last named speaker
    /// of the paragraph (`earlier`: its quotations so far).
    fn antecedent(&self, earlier: &[Quotation], at: usize, pronoun: &Range<usize>) -> Option<Range<usize>> {
        let sentence = self.sentences.partition_point(|s| s.start <= at).saturating_sub(1);
        let previous_start = self.sentences.get(sentence.saturating_sub(1)).map_or(0, |s| s.start);
        let named = |q: &Quotation| {
            let s = q.speaker.as_ref()?;
            if s.kind == SpeakerKind::Name { Some(s.range.clone()) } else { s.antecedent.clone() }
        };
        if let Some(recent) = earlier.iter().rev().take_while(|q| q.range.start >= previous_start).find_map(named) {
            return Some(recent);
        }
        // "Mr. Trump alluded to it when he said …": a person the pronoun's own sentence opens with, outside quotations.
        let own = self.sentences.get(sentence).map_or(0, |s| s.start);
        let (from, to) = (
            self.words.partition_point(|w| w.range.start < own),
            self.words.partition_point(|w| w.range.start < pronoun.start),
        );
        if let Some(s) = self.sentence_subject(from, to).filter(|s| {
            s.kind == SpeakerKind::Name
                && !self.text[own..s.range.start].contains(['"', '“', '”'])
                && self.is_person(&s.range, from)
        }) {
            return Some(s.range);
        }
        // "When Ana Ruiz hired him, he called it “…”": the subject of the sentence's opening subordinate clause.
        if to > from + 2
            && SUBORDINATORS.contains(&&*self.words[from].lower)
            && let Some(s) = self.subject_at(from + 1, to).filter(|s| {
                s.kind == SpeakerKind::Name
                    && !self.text[own..s.range.start].contains(['"', '“', '”'])
                    && self.is_person(&s.range, from)
            })
        {
            return Some(s.range);
        }
        if sentence > 0 {
            let prev = &self.sentences[sentence - 1];
            let from = self.words.partition_point(|w| w.range.start < prev.start);
            let to = self.words.partition_point(|w| w.range.start < prev.end);
            // A person's name: one already quoted in the paragraph, a full name, or a titled one ("Mr. Trump").
            // "Asian markets fell." opens with a capital, not a speaker.
            let person = |range: &Range<usize>| {
                let name = &self.text[range.clone()];
                let last = crate::words::lower(name.split_whitespace().last().unwrap_or(""));
                let titled = self
                    .words
                    .partition_point(|w| w.range.start < range.start)
                    .checked_sub(1)
                    .is_some_and(|i| i >= from && TITLES.contains(&&*self.words[i].lower));
                name.split_whitespace().count() > 1
                    || titled
                    || self.persons.contains(&last)
                    || earlier.iter().filter_map(|q| q.speaker.as_ref()).filter(|s| s.kind == SpeakerKind::Name).any(
                        |s| {
                            crate::words::lower(self.text[s.range.clone()].split_whitespace().last().unwrap_or(""))
                                == last
                        },
                    )
            };
            // "…, said Rick Tyler, a consultant. “…,” he said.": the speaker of the previous sentence's reported speech,
            // unless that is in an opening subordinate clause ("As Iran warned …, Mr. Trump threatened it.").
            let subordinate = to > from + 2 && SUBORDINATORS.contains(&&*self.words[from].lower);
            let reported = || self.reported_speaker(from, to).filter(|s| person(&s.range));
            let opening =
                || self.sentence_subject(from, to).filter(|s| s.kind == SpeakerKind::Name && person(&s.range));
            let found = if subordinate { opening().or_else(reported) } else { reported().or_else(opening) };
            if let Some(s) = found {
                return Some(s.range);
            }
            // "While Mr. Abe lavished praise on Mr. Trump, he did not …": the subject of an opening subordinate clause.
            if subordinate
                && let Some(s) =
                    self.subject_at(from + 1, to).filter(|s| s.kind == SpeakerKind::Name && person(&s.range))
            {
                return Some(s.range);
            }
        }
        earlier
            .iter()
            .rev()
            .find_map(|e| e.speaker.as_ref().filter(|s| s.kind == SpeakerKind::Name).map(|s| s.range.clone()))
            .or_else(|| self.nearest_name_before(pronoun, at, previous_start))
    }

    /// The last name before a "he" or "she" at `pronoun` and before the quotation at `quote_start`, from byte
    /// `floor` (its previous sentence's start) on, outside quotation marks, when nothing else tells whom the
    /// pronoun stands for: "A praised B after she said …" is B's, "… lawyer Ana Ruiz did. She told …" Ana
    /// Ruiz's. A name after a preposition is taken for a place ("a trip to Key West, he said"), and one before a
    /// possessive or a noun for a modifier.
    fn nearest_name_before(&self, pronoun: &Range<usize>, quote_start: usize, floor: usize) -> Option<Range<usize>> {
        if !matches!(crate::words::lower(&self.text[pronoun.clone()]).as_str(), "he" | "she") {
            return None;
        }
        let from = self.words.partition_point(|w| w.range.start < floor);
        // Not inside the quotation the pronoun's tag follows ("“Ana asked for help,” she said").
        let to = self.words.partition_point(|w| w.range.start < pronoun.start.min(quote_start));
        for i in (from..to).rev() {
            let between = &self.text[self.words[i].range.end..pronoun.start.min(quote_start)];
            if between.contains(['"', '“', '”']) {
                return None;
            }
            // "the Israeli prime minister", "her Lawncrest neighbors": a name word before a noun is its modifier.
            let modifier = self.words.get(i + 1).is_some_and(|n| {
                self.spaced(i, i + 1)
                    && !n.is_capitalised(self.text)
                    && matches!(self.tags.borrow_mut().at(i + 1), Pos::Noun | Pos::Adj)
            });
            if !self.is_name_word(i)
                || modifier
                || TITLES.contains(&&*self.words[i].lower)
                || matches!(self.gap(i, i + 1).trim(), "'s" | "’s" | "'" | "’")
            {
                continue;
            }
            let Some(name) = self.name_in(from..i + 1, false) else { continue };
            let first = self.words.partition_point(|w| w.range.start < name.start);
            if first > from && PREPOSITIONS.contains(&&*self.words[first - 1].lower) {
                continue;
            }
            return Some(name);
        }
        None
    }

    /// The named speaker of reported speech in the sentence before the one opening at byte `open`, when that
    /// sentence holds no quotation closing at or after byte `last_close` (the last attributed one): a quotation
    /// of its own there has its own speaker, which the caller carries on.
    fn reported_before(&self, open: usize, last_close: Option<usize>) -> Option<Speaker> {
        let sentence = self.sentences.partition_point(|s| s.start <= open).checked_sub(1)?;
        let prev = self.sentences.get(sentence.checked_sub(1)?)?;
        if last_close.is_some_and(|c| c >= prev.start) {
            return None;
        }
        let from = self.words.partition_point(|w| w.range.start < prev.start);
        let to = self.words.partition_point(|w| w.range.start < prev.end);
        self.reported_speaker(from, to)
    }

    /// A name that is a person's: a full name, a titled one, or the last name of one written so elsewhere.
    fn is_person(&self, range: &Range<usize>, floor: usize) -> bool {
        let name = &self.text[range.clone()];
        let last = crate::words::lower(name.split_whitespace().last().unwrap_or(""));
        let at = self.words.partition_point(|w| w.range.start < range.start);
        name.split_whitespace().count() > 1
            || (at > floor && TITLES.contains(&&*self.words[at - 1].lower))
            || self.persons.contains(&last)
    }

    /// The named speaker of the last speech verb in words `from..to` ("Kudlow said he …", "…, said Rick Tyler").
    fn reported_speaker(&self, from: usize, to: usize) -> Option<Speaker> {
        const SPEECH: [&str; 16] = [
            "said",
            "says",
            "told",
            "tells",
            "added",
            "wrote",
            "writes",
            "explained",
            "noted",
            "argued",
            "insisted",
            "warned",
            "claimed",
            "stated",
            "declared",
            "recalled",
        ];
        let verb = (from..to).rev().find(|&i| SPEECH.contains(&&*self.words[i].lower))?;
        // "…, said Rick Tyler": inverted after a comma or a quotation; else "Kudlow said he …".
        let inverted = verb > from && self.gap(verb - 1, verb).contains([',', '"', '”']);
        let speaker = if inverted {
            let end = self.words[to - 1].range.end;
            // "…, Ana Ruiz, a port manager, says.": the verb ends the sentence, its subject before it.
            if verb + 1 == to {
                self.subject_before(verb, from)
            } else {
                // "The mayor, Ana Ruiz, fighting off critics, said today that …", "…, said she …": no name after the
                // verb, so the comma closed an apposition and the subject is before it (unless a quotation is).
                let quoted =
                    self.text[self.words[from].range.start..self.words[verb].range.start].contains(['"', '“', '”']);
                self.noun_phrase_after(verb + 1, self.clause_end(self.words[verb].range.end, end))
                    .filter(|s| s.kind == SpeakerKind::Name || quoted)
                    .or_else(|| (!quoted).then(|| self.subject_before(verb, from)).flatten())
            }
        } else {
            self.subject_before(verb, from)
        };
        speaker.filter(|s| s.kind == SpeakerKind::Name)
    }

    /// A reporting word used as a noun: a nominalisation ("the allegations"), or "talks" after an adjective or a
    /// determiner ("holding direct talks at “…”").
    fn noun_cue(&self, c: usize) -> bool {
        let w = &*self.words[c].lower;
        if w.ends_with("ation") || w.ends_with("ations") {
            return true;
        }
        // "the alleged collusion": an adjective; statements and remarks are nouns that hand words over.
        if c > 0 && self.joined(c - 1, c) && DETERMINERS.contains(&&*self.words[c - 1].lower) && !NOUN_CUES.contains(&w)
        {
            return true;
        }
        if !matches!(w, "talk" | "talks") || c == 0 || !self.joined(c - 1, c) {
            return false;
        }
        let prev = &self.words[c - 1];
        let p = &*prev.lower;
        !(prev.is_capitalised(self.text)
            || PRONOUNS.contains(&p)
            || is_auxiliary_or_adverb(self.text, prev)
            || CLAUSE_BREAKS.contains(&p)
            || TITLES.contains(&p)
            || OFFICE_NOUNS.contains(&p)
            || p == "to")
    }

    /// How many words a time phrase ending at word `i` takes ("on Friday", "at times", "last week"), if it is one.
    fn time_phrase_ending_at(&self, i: usize, floor: usize) -> Option<usize> {
        const TIME_NOUNS: [&str; 10] =
            ["times", "night", "morning", "afternoon", "evening", "week", "weekend", "month", "year", "point"];
        const LEADS: [&str; 8] = ["on", "at", "in", "last", "this", "late", "early", "one"];
        let w = &*self.words[i].lower;
        if !(TIME_NOUNS.contains(&w) || CALENDAR.contains(&w)) {
            return None;
        }
        let mut k = i;
        while k > floor
            && i - k < 3
            && self.joined(k - 1, k)
            && (LEADS.contains(&&*self.words[k - 1].lower) || CALENDAR.contains(&&*self.words[k - 1].lower))
        {
            k -= 1;
        }
        (k < i && LEADS[..5].contains(&&*self.words[k].lower)).then_some(i + 1 - k)
    }

    /// Where the clause after byte `from` ends (before `horizon`): the first stop, semicolon, quotation mark or
    /// line break, not counting the period of an abbreviated title or an initial ("Mr. Perez", "Michael J. Green").
    fn clause_end(&self, from: usize, horizon: usize) -> usize {
        let mut at = from;
        while let Some(i) = self.text[at..horizon].find(['.', '!', '?', ';', '“', '"', '\n']) {
            let p = at + i;
            if self.text[p..].starts_with('.') && self.abbreviation_before(p) {
                at = p + 1;
                continue;
            }
            return p;
        }
        horizon
    }

    /// The word ending at byte `end` is an abbreviated title or a capital initial: a period after it ends no clause.
    fn abbreviation_before(&self, end: usize) -> bool {
        let i = self.words.partition_point(|w| w.range.end < end);
        self.words.get(i).is_some_and(|w| w.range.end == end && is_abbreviation(self.text, w))
    }

    /// "“…,” he said", "“…,” said Hamzé Attar", "“…,” according to a ministry statement", "“…” in the words of X".
    fn tagged_after(&self, after: usize, close: usize) -> Option<(Option<Speaker>, bool)> {
        let reach = &self.words[after..(after + TAG_REACH).min(self.words.len())];
        // The tag must come before the clause ends, and start right after the quotation (a comma at most).
        let horizon = reach.last().map_or(close, |w| w.range.end);
        let until = self.clause_end(close, horizon);
        if reach.first().is_some_and(|w| !matches!(self.text[close..w.range.start].trim(), "" | ",")) {
            return None;
        }
        if let Some(speaker) = self.put_it_after(after, until) {
            return Some((Some(speaker), true));
        }
        // "there was “…” while Ana Ruiz, a former chief, said …": a clause opened by a subordinator after the
        // quotation is one of its own, whose verb is no tag of the quotation.
        if reach.first().is_some_and(|w| SUBORDINATORS.contains(&&*w.lower) && &*w.lower != "said") {
            return None;
        }
        // "Ohio State president X said", "the Washington Post reported": a capitalised word after another is part of
        // a name, not the verb "state" or "post" (a past form stays a verb: a headline's "… Stall Posted at noon").
        let name_part = |i: usize| {
            let k = after + i;
            i > 0
                && !self.words[k].lower.ends_with("ed")
                && self.words[k].is_capitalised(self.text)
                && self.words[k - 1].is_capitalised(self.text)
                && self.joined(k - 1, k)
        };
        let verb = reach.iter().enumerate().position(|(i, w)| {
            w.range.end <= until && (TAGS_QUOTE.contains(&*w.key) || SPOKE.contains(&&*w.lower)) && !name_part(i)
        })?;
        let v = after + verb;
        if let Some(quoted) = self.quoted_as_saying(v) {
            return Some((Some(quoted), true));
        }
        if matches!(&*self.words[v].lower, "according" | "words") {
            // "according to X", "in the words of X"
            return (verb <= 2).then(|| (self.noun_phrase_after(v + 2, until), true));
        }
        // "“…,” adding that …": a participle carrying on the sentence's own subject, not a speech tag.
        if verb == 0 && self.words[v].lower.ends_with("ing") {
            return None;
        }
        let mut end = v;
        while end > after && is_auxiliary_or_adverb(self.text, &self.words[end - 1]) {
            end -= 1;
        }
        if end == after {
            return Some((self.noun_phrase_after(v + 1, until), true));
        }
        // What stands between the quotation and the verb is its subject: a short noun phrase ("the mayor"), or a
        // name with an apposition between commas ("Gershon Baskin, a veteran negotiator who …, said").
        let first_part = (after + 1..end).find(|&j| self.gap(j - 1, j).contains(',')).unwrap_or(end);
        let apposition = first_part < end && self.gap(end - 1, end).contains(',');
        // "Department of Alcohol and Drug Programs director Ana Ruiz said": an "and" between capitalised words of the
        // subject, two of them after it, is part of a name (not "… talks between Ruiz and the union, he said").
        let in_name = |j: usize| {
            j > after
                && j + 2 < end
                && [j - 1, j + 1, j + 2].iter().all(|&k| self.words[k].is_capitalised(self.text))
                && (j - 1..j + 2).all(|k| self.spaced(k, k + 1))
        };
        let plain = (after..end).all(|j| {
            let w = &*self.words[j].lower;
            let preposition = FUNCTION_WORDS.contains(&w) && j > after && !DETERMINERS.contains(&w) && w != "of";
            !(CLAUSE_BREAKS.contains(&w) || AUXILIARIES.contains(&w) || preposition) || (w == "and" && in_name(j))
        }) && !PREPOSITIONS.contains(&&*self.words[after].lower);
        // "“… we have to shelve” the plan, said Ana Ruiz": the quotation runs on into its clause, and the tag after
        // the comma is inverted, its speaker after the verb.
        if end == v
            && end > after
            && self.gap(v - 1, v).contains(',')
            && self.classify(after, end).is_none_or(|s| s.kind != SpeakerKind::Name)
            && let Some(named) = self.noun_phrase_after(v + 1, until).filter(|s| s.kind == SpeakerKind::Name)
        {
            return Some((Some(named), true));
        }
        if plain && end - after <= 12 {
            return Some((self.classify(after, end), true));
        }
        // "“… a wise choice” for the job, he said": the quotation runs on into a short clause (it has no stop of its
        // own), and a short subject after the clause's last comma is that of a tag ending the clause (not "…, Ruiz
        // insisted that …").
        let runs_on =
            !self.text[..close].trim_end_matches(['"', '“', '”', '\'', '‘', '’', ' ']).ends_with(['.', '!', '?']);
        let ends_clause = self.words.get(v + 1).is_none_or(|w| {
            w.range.start >= until || PREPOSITIONS.contains(&&*w.lower) || self.gap(v, v + 1).contains(',')
        });
        if runs_on
            && ends_clause
            && let Some(k) = (after + 1..end).rev().find(|&k| self.gap(k - 1, k).contains(','))
            && k - after <= 12
            && end - k <= 3
            && !self.gap(end - 1, end).contains(',')
            && let Some(speaker) =
                self.classify(k, end).filter(|s| matches!(s.kind, SpeakerKind::Name | SpeakerKind::Pronoun))
        {
            return Some((Some(speaker), true));
        }
        if apposition {
            let speaker = self.classify(after, first_part).filter(|s| s.kind != SpeakerKind::Role);
            return speaker.is_some().then_some((speaker, true));
        }
        None
    }

    /// "Varga is “furious” that the board met without him …, Ruiz said, adding …": a speech tag ending the sentence,
    /// after its last comma, reports all that comes before it; a named speaker only. `after` is the first word after the quotation, `close`
    /// the byte where it closes; asked only when nothing nearer hands the quotation over.
    fn tag_ending_sentence(&self, first: usize, after: usize, close: usize) -> Option<Speaker> {
        let sentence = self.sentences.partition_point(|s| s.start <= close).checked_sub(1)?;
        let from = self.words.partition_point(|w| w.range.start < self.sentences[sentence].start);
        let to = self.words.partition_point(|w| w.range.start < self.sentences[sentence].end);
        // Only words of the main clause, near the sentence's start: deeper in, quoted words are more often a name
        // or a title the report mentions ("died, officials said" after a nickname, a show's title) than words of
        // the one who reports it; a nickname between a first and a last name is no one's.
        let nickname = first > from
            && self.words[first - 1].is_capitalised(self.text)
            && self.words.get(after).is_some_and(|w| w.is_capitalised(self.text));
        // A quotation ending in a stop of its own ("“Stop!” it was clear, she said") is an utterance of its own.
        let own_stop =
            self.text[..close].trim_end_matches(['"', '“', '”', '\'', '‘', '’', ' ']).ends_with(['.', '!', '?']);
        if first > from + 3 || nickname || own_stop {
            return None;
        }
        let v = (after + 1..to).find(|&v| {
            let w = &*self.words[v].lower;
            let last = v + 1 == to && self.text[self.words[v].range.end..self.sentences[sentence].end].trim() == ".";
            // "…, Ruiz said, adding that …": a participle carrying the tag's subject on.
            let adding = v + 1 < to && self.gap(v, v + 1).contains(',') && self.words[v + 1].lower.ends_with("ing");
            ["said", "says", "reported", "wrote", "added"].contains(&w) && (last || adding)
        })?;
        let mut end = v;
        while end > after && is_auxiliary_or_adverb(self.text, &self.words[end - 1]) {
            end -= 1;
        }
        let k = (after + 1..end).rev().find(|&k| self.gap(k - 1, k).contains(','))?;
        if end - k > 4 || self.text[self.words[k].range.start..self.words[end - 1].range.end].contains(['"', '“', '”'])
        {
            return None;
        }
        // A name or a pronoun, as for a tag after the rest of the clause: "…, the paper said" may report the words.
        self.classify(k, end).filter(|s| matches!(s.kind, SpeakerKind::Name | SpeakerKind::Pronoun))
    }

    /// "Ruiz quoted Lee as saying “…”", "“…,” Ruiz quoted Lee as saying": who is quoted as saying the words said
    /// them, not who quotes them. `v` is the word "quoted", or "saying" after "as" (the cue nearest a quotation after it).
    fn quoted_as_saying(&self, v: usize) -> Option<Speaker> {
        const SAYING: [&str; 4] = ["saying", "telling", "writing", "stating"];
        if v > 1 && &*self.words[v - 1].lower == "as" && SAYING.contains(&&*self.words[v].lower) {
            let quoted = (v.saturating_sub(8)..v - 1).rev().find(|&k| &*self.words[k].lower == "quoted")?;
            return self.quoted_as_saying(quoted);
        }
        if &*self.words[v].lower != "quoted" {
            return None;
        }
        let as_ = (v + 2..(v + 8).min(self.words.len())).find(|&i| {
            &*self.words[i].lower == "as"
                && self.spaced(i - 1, i)
                && self.words.get(i + 1).is_some_and(|w| self.spaced(i, i + 1) && SAYING.contains(&&*w.lower))
        })?;
        self.noun_phrase_after(v + 1, self.words[as_ - 1].range.end).filter(|s| s.kind == SpeakerKind::Name)
    }

    /// "“…” as Ana Ruiz so bluntly put it": whoever put it so said the words before. `after` is the first word after
    /// the quotation, `until` the end of its clause.
    fn put_it_after(&self, after: usize, until: usize) -> Option<Speaker> {
        if self.words.get(after).is_none_or(|w| &*w.lower != "as") {
            return None;
        }
        let put = (after + 2..(after + 10).min(self.words.len())).find(|&i| {
            &*self.words[i].lower == "put"
                && self.words.get(i + 1).is_some_and(|w| &*w.lower == "it" && w.range.end <= until)
        })?;
        let mut end = put;
        while end > after + 1
            && (is_auxiliary_or_adverb(self.text, &self.words[end - 1]) || &*self.words[end - 1].lower == "so")
        {
            end -= 1;
        }
        self.classify(after + 1, end)
    }

    /// The nearest quote-introducing word earlier in the quotation's sentence, or a colon right before it.
    /// A reporting word inside an earlier quotation (`earlier`, in text order) is the speaker's, not the sentence's.
    /// `first` is the quotation's first word, `after` the first word after it.
    fn introduced(
        &self,
        first: usize,
        after: usize,
        open: usize,
        earlier: &[Quotation],
    ) -> Option<(Option<Speaker>, bool)> {
        let sentence = self.sentences.partition_point(|s| s.start <= open);
        let sentence_start = sentence.checked_sub(1).map_or(0, |i| self.sentences[i].start);
        let from = self.words.partition_point(|w| w.range.start < sentence_start);
        let cues = &self.cues[self.cues.partition_point(|&c| c < from)..self.cues.partition_point(|&c| c < first)];
        let quoted = |c: usize| {
            let at = self.words[c].range.start;
            let i = earlier.partition_point(|q| q.range.start <= at);
            i > 0 && earlier[i - 1].range.end > at
        };
        // "Asked about it, Mr. Perez demurred: “…”": a verb in the past right before a colon hands the words to its
        // subject, before any reporting word earlier in the sentence.
        let colon = self.text[..open].trim_end().strip_suffix(':').map(str::trim_end);
        let colon_verb = colon.map(|b| self.words.partition_point(|w| w.range.end < b.len())).filter(|&l| {
            l > from
                && l < first
                && !self.words[l].is_capitalised(self.text)
                && self.words[l].lower.ends_with("ed")
                && cues.binary_search(&l).is_err()
        });
        if let Some(speaker) = colon_verb
            .and_then(|l| self.subject_before(l, from))
            .filter(|s| matches!(s.kind, SpeakerKind::Name | SpeakerKind::Pronoun))
        {
            return Some((Some(speaker), true));
        }
        // "X told the paper — where Y said she was “…” — “…”": a reporting word inside a parenthesis between dashes
        // that hands over a quotation of its own there is spent; the words after the closing dash are not its.
        let spent = |c: usize| {
            let end = self.words[c].range.end;
            self.text[sentence_start..self.words[c].range.start].contains(['—', '–'])
                && self.text[end..open].find(['—', '–']).is_some_and(|dash| {
                    let dash = end + dash;
                    earlier.iter().any(|q| q.range.start > end && q.range.end <= dash)
                })
        };
        for &c in cues.iter().rev().filter(|&&c| !quoted(c)) {
            if self.noun_cue(c) || spent(c) {
                continue;
            }
            // "Ms. Ruiz told Mr. Lee to talk to “the board”": the words are the teller's.
            if c > from && &*self.words[c - 1].lower == "to" && cues.iter().any(|&e| e < c && c - e <= 5 && !quoted(e))
            {
                continue;
            }
            let speaker = match &*self.words[c].lower {
                "according" | "words" => self.noun_phrase_after(c + 2, open),
                // "Calling it an “assault,” the committee filed suit": a participle opening the sentence shares the
                // subject of the main clause, after the first comma from the quotation on.
                w if c == from && w.len() > 4 && w.ends_with("ing") => {
                    let end = self.sentences.get(sentence.wrapping_sub(1)).map_or(self.text.len(), |s| s.end);
                    let to = self.words.partition_point(|x| x.range.start < end);
                    (after.max(1)..to).find(|&k| self.gap(k - 1, k).contains(',')).and_then(|k| self.subject_at(k, to))
                }
                // "Trump's assertion that …" names its speaker; "a terse statement that …" does not; "… said in a
                // written statement. “…”" is handed over by the verb before it.
                w if NOUN_CUES.contains(&w) => {
                    let own = (c > from && self.joined(c - 1, c) && !self.gap(c - 1, c).trim().is_empty())
                        .then(|| self.subject_ending_at(c - 1, from))
                        .flatten();
                    // "… a statement:", "… a message on her feed:": a short phrase after the noun, up to a colon.
                    let phrase_to_colon = self.text[self.words[c].range.end..open].trim().ends_with(':')
                        && first - c <= 5
                        && self.words.get(c + 1).is_some_and(|w| PREPOSITIONS.contains(&&*w.lower));
                    let hands_over = self.words.get(c + 1).is_some_and(|w| w.range.start < open && &*w.lower == "that")
                        || self.text[self.words[c].range.end..open].trim().is_empty()
                        || self.text[self.words[c].range.end..open].trim() == ":"
                        || phrase_to_colon;
                    // "The ACLU said in a statement that …": the statement is where the verb before said it.
                    let where_said = (c.saturating_sub(3).max(from)..c).any(|k| &*self.words[k].lower == "in");
                    if own.is_none() && (!hands_over || where_said) {
                        continue;
                    }
                    // "Ana Ruiz said in a statement: “…”": a statement after "in" says how the verb before it spoke;
                    // the words are that verb's subject's.
                    let adverbial = (c.saturating_sub(3).max(from)..c)
                        .any(|k| &*self.words[k].lower == "in" && (k + 1..=c).all(|j| self.joined(j - 1, j)));
                    if own.is_none() && adverbial && cues.iter().any(|&e| e < c && !quoted(e) && !self.noun_cue(e)) {
                        continue;
                    }
                    // "Ana Ruiz sent out the following message: “…”": the object of a verb is its subject's words.
                    own.or_else(|| {
                        let det = (c.saturating_sub(3).max(from)..c).rev().find(|&k| {
                            DETERMINERS.contains(&&*self.words[k].lower) && (k + 1..=c).all(|j| self.spaced(j - 1, j))
                        })?;
                        let mut v = det.checked_sub(1).filter(|&v| v > from && self.spaced(v, det))?;
                        if ["out", "up", "off"].contains(&&*self.words[v].lower) {
                            v -= 1;
                        }
                        // Verbs that give words out, not those that take them in ("received a message:").
                        const GIVE: [&str; 14] = [
                            "sent",
                            "sends",
                            "posted",
                            "posts",
                            "released",
                            "releases",
                            "issued",
                            "issues",
                            "gave",
                            "gives",
                            "tweeted",
                            "published",
                            "shared",
                            "delivered",
                        ];
                        let verb = GIVE.contains(&&*self.words[v].lower);
                        verb.then(|| self.subject_before(v, from))
                            .flatten()
                            .filter(|s| matches!(s.kind, SpeakerKind::Name | SpeakerKind::Pronoun))
                    })
                }
                _ => {
                    // "“At one point …,” says Ruiz, “…”": a speech-tag verb right after an earlier quotation is that
                    // quotation's inverted tag, whose speaker the chain carries on; its subject is not inside the
                    // quotation. A participle there ("“…,” adding that “…”") carries on the sentence's subject
                    // instead, and a noun ("“abstract” statements") is no tag.
                    let at = self.words[c].range.start;
                    let right_after = TAGS_QUOTE.contains(&*self.words[c].key)
                        && !self.words[c].lower.ends_with("ing")
                        && earlier[..earlier.partition_point(|q| q.range.end <= at)].last().is_some_and(|q| {
                            c > from && self.words.partition_point(|w| w.range.start < q.range.end) == c
                        });
                    if right_after {
                        return None;
                    }
                    if let Some(quoted) = self.quoted_as_saying(c) {
                        return Some((Some(quoted), true));
                    }
                    match self.passive_agent(c, from, open) {
                        Some(agent) => agent,
                        None => self.subject_before(c, from),
                    }
                }
            };
            return Some((speaker, true));
        }
        let before = self.text[..open].trim_end();
        if !before.ends_with(':') {
            return None;
        }
        // "Trump: “…”" names a speaker; "The answer: “no deal”" does not.
        let last = self.words.partition_point(|w| w.range.end < before.len());
        let speaker = last
            .checked_sub(1)
            .filter(|&l| l >= from)
            .and_then(|l| self.subject_ending_at(l, from))
            .filter(|s| s.kind != SpeakerKind::Role);
        Some((speaker, true))
    }

    /// The speaker of a passive verb of naming at word `c` ("has been described by the press as “…”", "Ruiz, often
    /// called a “moderate,”"): the agent after "by", or no one. Its subject is who was named, not who named them.
    fn passive_agent(&self, c: usize, floor: usize, open: usize) -> Option<Option<Speaker>> {
        const NAMING: [&str; 10] = [
            "described",
            "called",
            "labeled",
            "labelled",
            "dubbed",
            "branded",
            "termed",
            "characterized",
            "characterised",
            "deemed",
        ];
        if !NAMING.contains(&&*self.words[c].lower) {
            return None;
        }
        let mut j = c;
        while j > floor && !self.gap(j - 1, j).contains(',') && is_auxiliary_or_adverb(self.text, &self.words[j - 1]) {
            if ["is", "was", "were", "are"].contains(&&*self.words[j - 1].lower) {
                break;
            }
            j -= 1;
        }
        let before = &*self.words.get(j.checked_sub(1)?)?.lower;
        // After a comma only with no object of its own ("Ruiz, often described as …", not "Ruiz, the mayor, called
        // the plan …").
        let objectless = self.words.get(c + 1).is_some_and(|w| ["as", "by"].contains(&&*w.lower))
            || self.text[self.words[c].range.end..open].split_whitespace().count() <= 1;
        let passive = ["is", "was", "were", "are", "been", "being", "be"].contains(&before)
            || (j > floor && self.gap(j - 1, j).contains(',') && objectless);
        if !passive {
            return None;
        }
        let by = self.words.get(c + 1).is_some_and(|w| &*w.lower == "by" && w.range.end <= open);
        Some(by.then(|| self.noun_phrase_after(c + 2, open)).flatten())
    }

    /// The subject of the verb at `verb`, read backwards within its clause: auxiliaries and adverbs are
    /// skipped ("he has steadfastly vowed"), and so is a parenthesis between commas ("Netanyahu, speaking
    /// to an audience, said") unless it is a name in apposition ("A senior member, Osama Hamdan, said"). A verb
    /// after a comma or a conjunction with no subject of its own ("…, stating that", "and describing") shares
    /// the subject of the sentence.
    fn subject_before(&self, verb: usize, floor: usize) -> Option<Speaker> {
        let mut j = verb;
        while j > floor {
            let w = &self.words[j - 1];
            if self.gap(j - 1, j).contains(',') {
                let mut k = j - 1;
                while k > floor && !self.gap(k - 1, k).contains(',') {
                    k -= 1;
                }
                if k == floor {
                    return self.sentence_subject(floor, verb);
                }
                // "Devin Nunes, R-Calif., said": a party and state tag, or a degree ("Ana Ruiz, MD,"); "The president denounced him as a “madman,”
                // nicknamed him …, derided him as …": predicates sharing one subject. Read on before them.
                let first = &self.text[self.words[k].range.clone()];
                let party = j - k == 1 && (is_party_tag(first) || ["md", "phd"].contains(&&*self.words[k].lower));
                // "… on Tuesday, May 4, claiming": a date between commas names no one.
                let dated = |i: usize| {
                    let w = &*self.words[i].lower;
                    CALENDAR.contains(&w) || w.chars().all(|ch| ch.is_ascii_digit())
                };
                let date = (k..j).all(|i| dated(i) || &*self.words[i].lower == "may") && (k..j).any(dated);
                let predicate = !self.words[k].is_capitalised(self.text) && self.words[k].lower.ends_with("ed");
                // "…; and Committee Chairman Ben Ruiz, R-Calif., said": the name before a party tag is the subject.
                if party
                    && k > floor
                    && let Some(named) = self.subject_ending_at(k - 1, floor).filter(|s| s.kind == SpeakerKind::Name)
                {
                    return Some(named);
                }
                if party || predicate || date {
                    j = k;
                    continue;
                }
                // "“…,” said Ana Ruiz in a statement, calling it “…”": an inverted speech tag before the comma.
                if TAGS_QUOTE.contains(&*self.words[k].key)
                    && let Some(named) = self
                        .noun_phrase_after(k + 1, self.words[j - 1].range.end)
                        .filter(|s| s.kind == SpeakerKind::Name)
                {
                    return Some(named);
                }
                // "“…,” Macron said, adding that “…”": the clause before the comma is a speech tag.
                if let Some(tag) = (k + 1..j).find(|&t| TAGS_QUOTE.contains(&*self.words[t].key))
                    && let Some(speaker) = self.classify(k, tag)
                {
                    return Some(speaker);
                }
                if let Some(name) = self.name_in(k..j, true) {
                    return Some(Speaker { range: name, kind: SpeakerKind::Name, antecedent: None });
                }
                // "…, President Trump expressed a caution, explaining …": the clause before opens with a name of its
                // own (not "a former Watergate prosecutor", an apposition).
                let opens_with_name = self.is_name_word(k) || TITLES.contains(&&*self.words[k].lower);
                if let Some(named) = self.subject_at(k, j).filter(|s| {
                    opens_with_name && s.kind == SpeakerKind::Name && s.range.end < self.words[j - 1].range.end
                }) {
                    return Some(named);
                }
                // "Harbour Watch, a group popular with young sailors, says": a description in apposition after the
                // name that opens the sentence describes it; the name is the subject, not the words ending it.
                if let Some(name) = self.name_before_apposition(k, floor) {
                    return Some(name);
                }
                // "Rep. Ana Ruiz (D-TX), the chair of …, added": the parenthesis is no part of the subject.
                let last = if self.gap(k - 1, k).contains(')') {
                    (floor + 1..k).rev().find(|&o| self.gap(o - 1, o).contains('(')).unwrap_or(k)
                } else {
                    k
                };
                let before = self.subject_ending_at(last - 1, floor);
                // "Ana Ruiz, the port's head of safety, training and hiring, said": a description with a list of
                // its own, read back to its first comma, follows the name it describes.
                if let Some(role) = before.as_ref().filter(|s| s.kind == SpeakerKind::Role) {
                    let r = self.words.partition_point(|w| w.range.start < role.range.start);
                    if r > floor
                        && self.gap(r - 1, r).contains(',')
                        && ARTICLES.contains(&&*self.words[r].lower)
                        && let Some(name) = self
                            .subject_ending_at(r - 1, floor)
                            .filter(|n| n.kind == SpeakerKind::Name && self.is_person(&n.range, floor))
                    {
                        return Some(name);
                    }
                    // "Varga, a banker who has given millions to the party's campaign, went on to say …": a description
                    // with a relative clause of its own describes the name before it; what ends the clause is no speaker.
                    let opened = (floor + 1..r).rev().find(|&a| self.gap(a - 1, a).contains(','));
                    if let Some(a) = opened.filter(|&a| {
                        ARTICLES.contains(&&*self.words[a].lower)
                            && (a..r).any(|i| ["who", "which"].contains(&&*self.words[i].lower))
                    }) {
                        return self.subject_ending_at(a - 1, floor).filter(|n| n.kind == SpeakerKind::Name);
                    }
                    // "Harbour Watch, a group popular with young sailors, says it …, saying": the same after a
                    // name opening the sentence, whatever the description holds.
                    if let Some(name) = opened.and_then(|a| self.name_before_apposition(a, floor)) {
                        return Some(name);
                    }
                }
                return before;
            }
            // "Five were hurt, said the mayor, who called it a “mess”": a "who" after a comma stands for the phrase
            // right before the comma, not for the subject the sentence opens with.
            if &*w.lower == "who"
                && j - 1 > floor
                && self.gap(j - 2, j - 1).trim() == ","
                && let Some(antecedent) = self.subject_ending_at(j - 2, floor)
            {
                return Some(antecedent);
            }
            // "Ruiz responded by claiming that …": a participle after "by" shares the subject of the verb before it.
            let by_doing = &*w.lower == "by" && self.words[verb].lower.ends_with("ing");
            if CLAUSE_BREAKS[..4].contains(&&*w.lower) || ["and", "but", "or", "to"].contains(&&*w.lower) || by_doing {
                let opening = self.sentence_subject(floor, verb);
                if opening.as_ref().is_some_and(|s| s.kind == SpeakerKind::Name) {
                    return opening;
                }
                // "The complaint alleged … and calls the firm a “…”": the subject of an earlier reporting verb.
                let earlier =
                    &self.cues[self.cues.partition_point(|&c| c < floor)..self.cues.partition_point(|&c| c < j - 1)];
                let shared = earlier
                    .iter()
                    .rev()
                    .find(|&&c| {
                        let w = &*self.words[c].lower;
                        !self.noun_cue(c) && w != "according" && !NOUN_CUES.contains(&w)
                    })
                    .and_then(|&c| self.subject_before(c, floor));
                return shared.or(opening);
            }
            // "Sen. Ana Ruiz (D-N.Y.) said": a parenthesis before the verb is no part of the subject.
            if self.gap(j - 1, j).contains(')') {
                let open = (floor + 1..j).rev().find(|&k| self.gap(k - 1, k).contains('('));
                if let Some(k) = open {
                    j = k;
                    continue;
                }
            }
            // "Harbour Watch on Monday noted", "the mayor at times said": a time phrase before the verb.
            if let Some(n) = self.time_phrase_ending_at(j - 1, floor) {
                j -= n;
                continue;
            }
            if !is_auxiliary_or_adverb(self.text, w) {
                let subject = self.subject_ending_at(j - 1, floor);
                // "Ruiz, who …, in a post called it …", "Ana Ruiz from Ohio said": a phrase after a preposition is
                // where or how the subject spoke, not the subject; read on before it. Not "in what Ruiz called …", a
                // clause of its own, nor "with a spokesman stating", whose noun is the participle's subject.
                let start = subject.as_ref().map(|s| self.words.partition_point(|w| w.range.start < s.range.start));
                if let Some(p) = start.and_then(|s| s.checked_sub(1)).filter(|&p| {
                    p > floor
                        && self.spaced(p, p + 1)
                        && ["in", "on", "at", "during", "from"].contains(&&*self.words[p].lower)
                        && !["what", "which", "whom"].contains(&&*self.words[p + 1].lower)
                }) {
                    j = p;
                    continue;
                }
                // "A port official played down the strike saying that …": a participle with no comma before
                // it has no subject of its own, and reading back swallowed the whole clause (a description, or
                // nothing when a verb inside keeps it from being one); its subject opens it.
                let swallowed = self.phrase_start(j - 1, floor) == floor
                    && subject.as_ref().is_none_or(|s| s.kind == SpeakerKind::Role);
                if j == verb && swallowed && self.words[verb].lower.ends_with("ing") {
                    return self.sentence_subject(floor, verb).or(subject);
                }
                // "Harbour Watch, the port's loudest critic says": an apposition whose closing comma is missing.
                if let Some(name) = subject.as_ref().filter(|s| s.kind == SpeakerKind::Role).and_then(|s| {
                    self.name_before_apposition(self.words.partition_point(|w| w.range.start < s.range.start), floor)
                }) {
                    return Some(name);
                }
                return subject;
            }
            j -= 1;
        }
        None
    }

    /// The name opening the sentence (at word `floor`) before a comma and a description opening at word `r` with
    /// "a", "an" or "the": "Harbour Watch, a group of sailors, …" describes Harbour Watch.
    fn name_before_apposition(&self, r: usize, floor: usize) -> Option<Speaker> {
        if r <= floor || !ARTICLES.contains(&&*self.words[r].lower) || self.gap(r - 1, r).trim() != "," {
            return None;
        }
        self.subject_ending_at(r - 1, floor)
            .filter(|n| n.kind == SpeakerKind::Name && n.range.start == self.words[floor].range.start)
    }

    /// The subject a sentence opens with: its first words while they are names, titles, determiners or nouns of
    /// office ("Senior Hamas official Sami Abu Zuhri rejected …").
    fn sentence_subject(&self, floor: usize, before: usize) -> Option<Speaker> {
        // "But Justice Ana Ruiz made clear …": a conjunction opening the sentence is not part of its subject.
        let floor = if floor + 1 < before && ["but", "and", "yet"].contains(&&*self.words[floor].lower) {
            floor + 1
        } else {
            floor
        };
        // A sentence opening with a participle ("Hosting President Macron, Mr. Trump said …") has its subject
        // after the comma.
        let participle = self.words.get(floor).is_some_and(|w| w.lower.len() > 4 && w.lower.ends_with("ing"));
        let found = if participle { None } else { self.subject_at(floor, before) };
        if found.as_ref().is_some_and(|s| s.kind == SpeakerKind::Name) {
            return found;
        }
        // An opening phrase before a comma ("Two weeks before, Governor Ruiz …", "Dispensing with criticism,
        // Mr. Trump …"): the subject is the name after it.
        // "At her talks with Mr. Oda, however, Ms. Ruiz sounded …": up to three such phrases.
        // "After reports about his lawyer, Ana Ruiz, and a book by Ben Lee, the director he fired, Mr. Trump
        // said …": a name followed by a comma is one in apposition or a list inside the opening phrase; the
        // subject is the name its verb follows, up to four phrases on.
        let named: Vec<Speaker> = (floor + 1..before)
            .filter(|&j| self.gap(j - 1, j).contains(','))
            .take(4)
            .filter_map(|k| self.subject_at(k, before).filter(|s| s.kind == SpeakerKind::Name))
            .collect();
        // The word after a name: a verb is lower case, right after it, and no small word ("Stone's lawyer",
        // "McCabe or others" are no subjects).
        let followed_by_verb = |s: &&Speaker| {
            let next = self.words.partition_point(|w| w.range.end <= s.range.end);
            next < before && self.spaced(next - 1, next) && {
                let w = &self.words[next];
                !w.is_capitalised(self.text)
                    && !CLAUSE_BREAKS.contains(&&*w.lower)
                    && !FUNCTION_WORDS.contains(&&*w.lower)
            }
        };
        let first_three = |s: &&Speaker| {
            let at = self.words.partition_point(|w| w.range.start < s.range.start);
            (floor + 1..at).filter(|&j| self.gap(j - 1, j).contains(',')).count() <= 3
        };
        let first = named.iter().find(first_three);
        first.filter(followed_by_verb).or_else(|| named.iter().find(followed_by_verb)).or(first).cloned().or(found)
    }

    fn subject_at(&self, floor: usize, before: usize) -> Option<Speaker> {
        let mut end = floor;
        while end < before
            && (end == floor || self.joined(end - 1, end))
            && !CLAUSE_BREAKS.contains(&&*self.words[end].lower)
            && !PREPOSITIONS.contains(&&*self.words[end].lower)
            && (self.is_name_word(end)
                || (end > floor && self.particle_at(end))
                || self.words[end].is_capitalised(self.text)
                || DETERMINERS.contains(&&*self.words[end].lower)
                || TITLES.contains(&&*self.words[end].lower)
                || OFFICE_NOUNS.contains(&&*self.words[end].lower))
        {
            end += 1;
        }
        // "Trade magazine Variety said", "…, defense lawyer Ana Ruiz said": one or two common nouns between the
        // phrase's opening capitalised words (if any) and a name describe that name, which is the subject.
        // Not after a name of its own ("Ana Gil describes Tom Ruiz …": a verb the tagger took for a plural noun).
        if end < before && !(floor..end).any(|k| self.is_name_word(k)) {
            let nouns = (end..(end + 2).min(before))
                .take_while(|&k| {
                    (k == floor || self.spaced(k - 1, k))
                        && !self.words[k].is_capitalised(self.text)
                        && self.tags.borrow_mut().at(k) == Pos::Noun
                })
                .count();
            let named = end + nouns;
            if nouns > 0 && named < before && self.spaced(named - 1, named) && self.is_name_word(named) {
                end = named;
                while end < before && (end == named || self.joined(end - 1, end)) && self.is_name_word(end) {
                    end += 1;
                }
            }
        }
        self.classify(floor, end)
    }

    /// The noun phrase ending at word `last`, read backwards to the clause break before it.
    fn subject_ending_at(&self, last: usize, floor: usize) -> Option<Speaker> {
        self.classify(self.phrase_start(last, floor), last + 1)
    }

    /// Where the words read back from word `last` start: at a clause break, an auxiliary or a preposition before
    /// them, or at word `floor`.
    fn phrase_start(&self, last: usize, floor: usize) -> usize {
        // "the deal she called “…”": a pronoun before its verb is the whole subject of a relative clause.
        if PRONOUNS.contains(&&*self.words[last].lower) {
            return last;
        }
        let mut start = last;
        while start > floor {
            let prev = &self.words[start - 1];
            if !self.joined(start - 1, start)
                || CLAUSE_BREAKS.contains(&&*prev.lower)
                || AUXILIARIES.contains(&&*prev.lower)
                || FUNCTION_WORDS[..11].contains(&&*prev.lower)
            {
                break;
            }
            start -= 1;
        }
        start
    }

    /// The noun phrase starting at word `from`, up to the end of the clause (byte `until`).
    fn noun_phrase_after(&self, from: usize, until: usize) -> Option<Speaker> {
        let mut end = from;
        while end < self.words.len() && self.words[end].range.end <= until {
            let w = &self.words[end];
            // "said 17 - year - old Ana Ruiz": a hyphen with spaces around it (detokenised text) between two words
            // that are not names joins one compound.
            let hyphen = || {
                self.gap(end - 1, end).trim() == "-"
                    && !self.words[end - 1].is_capitalised(self.text)
                    && !w.is_capitalised(self.text)
            };
            if end > from && !(self.joined(end - 1, end) || self.gap(end - 1, end).trim() == "," || hyphen()) {
                break;
            }
            // "said Port Chair Ana Ruiz in a statement": the speaker ends before a preposition, and before a time
            // ("said Ana Ruiz yesterday").
            if CLAUSE_BREAKS.contains(&&*w.lower)
                || (end > from
                    && (TAGS_QUOTE.contains(&*w.key)
                        || PREPOSITIONS.contains(&&*w.lower)
                        || ["yesterday", "today", "tonight"].contains(&&*w.lower)
                        || CALENDAR.contains(&&*w.lower)))
            {
                break;
            }
            end += 1;
        }
        // "said a statement from Chairman Bob Goodlatte": the statement's author speaks.
        let document = end > from
            && ["statement", "announcement", "letter", "release", "memo"].contains(&&*self.words[end - 1].lower)
            && self.words.get(end).is_some_and(|w| ["from", "by"].contains(&&*w.lower) && w.range.end <= until);
        if document && let Some(author) = self.noun_phrase_after(end + 1, until).filter(|s| s.kind == SpeakerKind::Name)
        {
            return Some(author);
        }
        self.classify(from, end)
    }

    /// What kind of speaker words `from..to` name. Comma-separated parts are read in turn, and a part that is a
    /// name wins over a description ("the White House press secretary, Karoline Leavitt,"); within a part the
    /// name is its last run of capitalised words, after any title ("US President Donald Trump").
    fn classify(&self, from: usize, to: usize) -> Option<Speaker> {
        if from >= to {
            return None;
        }
        // "Fatal Shooting Of Teen", "Talks Reportedly Continue": a capitalised preposition or adverb after a capitalised
        // word is a headline's title case, which names no one (names write "Bank of Ruiz" with a small "of").
        if (from + 1..to).any(|k| {
            let w = &self.words[k];
            w.is_capitalised(self.text)
                && self.words[k - 1].is_capitalised(self.text)
                && (FUNCTION_WORDS[..13].contains(&&*w.lower) || w.lower.ends_with("edly"))
        }) {
            return None;
        }
        let mut parts: Vec<Range<usize>> = Vec::new();
        let mut start = from;
        for j in from + 1..to {
            if self.gap(j - 1, j).contains(',') {
                parts.push(start..j);
                start = j;
            }
        }
        parts.push(start..to);
        if let Some(name) = parts.iter().find_map(|p| self.name_in(p.clone(), true)) {
            return Some(Speaker { range: name, kind: SpeakerKind::Name, antecedent: None });
        }
        if let Some(name) = self.name_in(parts[0].clone(), false) {
            return Some(Speaker { range: name, kind: SpeakerKind::Name, antecedent: None });
        }
        let first = parts[0].clone();
        let ws = &self.words[first.clone()];
        if ws.len() == 1 && PRONOUNS.contains(&&*ws[0].lower) {
            return Some(Speaker { range: ws[0].range.clone(), kind: SpeakerKind::Pronoun, antecedent: None });
        }
        // A description ends in a noun of its own: not a lone determiner ("the phrase"), a pronoun or a preposition.
        let last = ws.last()?;
        if ws.iter().all(|w| DETERMINERS.contains(&&*w.lower))
            || ws.iter().any(|w| PRONOUNS.contains(&&*w.lower))
            || FUNCTION_WORDS.contains(&&*last.lower)
            || CALENDAR.contains(&&*last.lower)
            || CLOCK.contains(&&*last.lower)
        {
            return None;
        }
        // ...and is a noun phrase, not a stray run of words read back from a cue ("been" from a passive, "the
        // town ever", "posted a long note"); a participle after its noun still ends one ("the officers involved").
        let mut tags = self.tags.borrow_mut();
        let last_i = first.end - 1;
        let noun_end = match tags.at(last_i) {
            Pos::Noun | Pos::Propn | Pos::Num => true,
            // "federal", "usual": an adjective ends no description; the tagger's adjectives "official" and
            // "comedian" (or "activist") do.
            Pos::Adj => {
                OFFICE_NOUNS.contains(&&*last.lower)
                    || ["ian", "ians", "ist", "ists"].iter().any(|s| last.lower.ends_with(s))
            }
            Pos::Verb => last.lower.ends_with("ed") && last_i > first.start && tags.at(last_i - 1) == Pos::Noun,
            _ => false,
        };
        // A verb inside that modifies no noun after it is a clause, not a description ("Ruiz made easily her
        // fifth", "a flag hung"); "the ruling party" keeps its participle.
        let clause = (first.start..last_i).any(|k| {
            matches!(tags.at(k), Pos::Verb | Pos::Aux) && !matches!(tags.at(k + 1), Pos::Noun | Pos::Propn | Pos::Adj)
        });
        if !noun_end
            || clause
            || (!ws[0].is_capitalised(self.text) && matches!(tags.at(first.start), Pos::Verb | Pos::Aux))
        {
            return None;
        }
        Some(Speaker { range: ws[0].range.start..last.range.end, kind: SpeakerKind::Role, antecedent: None })
    }

    /// The name that ends words `part`: its last run of name words, titles dropped ("Israel's new military
    /// chief" names no one; "Senior Hamas official Sami Abu Zuhri" names Sami Abu Zuhri). With `whole`, only when
    /// the part has nothing but titles and name words before that run.
    fn name_in(&self, part: Range<usize>, whole: bool) -> Option<Range<usize>> {
        let base = part.start;
        let ws = &self.words[part];
        // "John S. Pritchard 3rd": a generational suffix in figures ends the name it follows.
        let suffix =
            |e: usize| e > 0 && ["2nd", "3rd", "4th"].contains(&&*ws[e].lower) && self.is_name_word(base + e - 1);
        // "R-Calif." after a name is its party and state, no name of its own.
        let party = |e: usize| is_party_tag(&self.text[ws[e].range.clone()]);
        let end = ws.len().checked_sub(1).filter(|&e| (self.is_name_word(base + e) || suffix(e)) && !party(e))?;
        let mut start = end;
        while start > 0 {
            let spaced = self.spaced(base + start - 1, base + start);
            if self.is_name_word(base + start - 1)
                && !TITLES.contains(&&*ws[start - 1].lower)
                && (spaced || self.initial_before(base + start))
            {
                start -= 1;
            } else if start > 1
                && spaced
                && self.particle_at(base + start - 1)
                && !TITLES.contains(&&*ws[start - 2].lower)
            {
                // "Bill de Blasio", "Ludwig van Beethoven": a small particle inside a name.
                start -= 2;
            } else {
                break;
            }
        }
        // "“…,” King said": a lone word of rank that the text writes as someone's last name is that name.
        let surname = start == 0 && end == 0 && self.title_surnames.contains(&*ws[0].lower);
        if TITLES.contains(&&*ws[start].lower) && !surname {
            return None;
        }
        if whole && (0..start).any(|k| !self.is_name_word(base + k) && !TITLES.contains(&&*ws[k].lower)) {
            return None;
        }
        // "Rep. Jo E. Marsh of Vermont", "Ana Ruiz of the Harbour Trust": the person, not the place (a full or
        // titled name before "of").
        let of = match start {
            _ if start >= 2 && &*ws[start - 1].lower == "of" => Some(start - 1),
            _ if start >= 3 && &*ws[start - 1].lower == "the" && &*ws[start - 2].lower == "of" => Some(start - 2),
            _ => None,
        };
        if !whole && let Some(of) = of.filter(|&of| self.is_name_word(base + of - 1)) {
            let before = base..base + of;
            let person = self.name_in(before, false).filter(|r| {
                let k = self.words.partition_point(|w| w.range.start < r.start);
                self.text[r.clone()].split_whitespace().count() > 1
                    || (k > base && TITLES.contains(&&*self.words[k - 1].lower))
            });
            if person.is_some() {
                return person;
            }
        }
        Some(ws[start].range.start..ws[end].range.end)
    }

    /// A capitalised word that is a name: not a pronoun, and not capitalised only because it opens its sentence
    /// ("Officials said") unless the text also capitalises it elsewhere or a capitalised word follows it.
    fn is_name_word(&self, i: usize) -> bool {
        let w = &self.words[i];
        if !w.is_capitalised(self.text)
            || PRONOUNS.contains(&&*w.lower)
            || DETERMINERS.contains(&&*w.lower)
            || CALENDAR.contains(&&*w.lower)
        {
            return false;
        }
        let sentence = self.sentences.partition_point(|s| s.start <= w.range.start);
        let start = sentence.checked_sub(1).map_or(0, |s| self.sentences[s].start);
        let opens_sentence = !self.text[start..w.range.start].chars().any(char::is_alphanumeric);
        // "Despite Dockers' objections": a preposition or conjunction opening a sentence is no name's first word.
        if opens_sentence && matches!(self.tags.borrow_mut().at(i), Pos::Adp | Pos::Sconj | Pos::Cconj | Pos::Det) {
            return false;
        }
        !opens_sentence
            || self.mid_sentence_capitals.contains(&*w.lower)
            || self.named_openers.binary_search(&i).is_ok()
            || (self.words.get(i + 1).is_some_and(|n| n.is_capitalised(self.text)) && self.joined(i, i + 1))
    }

    /// Word `i` is a small particle between two name words ("de" in "Bill de Blasio").
    fn particle_at(&self, i: usize) -> bool {
        const PARTICLES: [&str; 15] =
            ["de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "ibn", "dos", "du"];
        i > 0
            && PARTICLES.contains(&&self.text[self.words[i].range.clone()])
            && self.is_name_word(i - 1)
            && self.words.get(i + 1).is_some_and(|_| self.is_name_word(i + 1))
            && self.joined(i - 1, i)
            && self.joined(i, i + 1)
    }

    /// Word `i` follows a capital initial and its period ("Michael J. Green").
    fn initial_before(&self, i: usize) -> bool {
        let w = &self.words[i - 1];
        self.gap(i - 1, i).trim() == "." && self.text[w.range.clone()].chars().count() == 1
    }

    fn gap(&self, a: usize, b: usize) -> &str {
        &self.text[self.words[a].range.end..self.words[b].range.start]
    }

    /// Only spaces between words `a` and `b`.
    fn spaced(&self, a: usize, b: usize) -> bool {
        spaced(self.text, &self.words[a], &self.words[b])
    }

    /// Words `a` and `b` are in one phrase: only spaces between them, or a possessive ("Israel’s new chief").
    fn joined(&self, a: usize, b: usize) -> bool {
        let gap = self.gap(a, b);
        self.spaced(a, b)
            || matches!(gap.trim(), "'s" | "’s" | "'" | "’")
            || (gap.trim() == "." && is_abbreviation(self.text, &self.words[a]))
    }
}

/// Bytes `a` and `b` are in one sentence.
fn same_sentence(sentences: &[Range<usize>], a: usize, b: usize) -> bool {
    sentences.partition_point(|s| s.start <= a) == sentences.partition_point(|s| s.start <= b)
}

/// Nothing but marks and spaces between the start of its sentence and byte `at`.
fn opens_sentence(text: &str, sentences: &[Range<usize>], at: usize) -> bool {
    let s = sentences.partition_point(|s| s.start <= at);
    let start = s.checked_sub(1).map_or(0, |s| sentences[s].start);
    !text[start.min(at)..at].chars().any(char::is_alphanumeric)
}

/// Abbreviated titles written with a period ("Mr.", "Sen."), and capital initials ("J.").
fn is_abbreviation(text: &str, w: &Word) -> bool {
    // Ranks and offices as police, courts and armies abbreviate them ("said Dist. Atty. Ana Ruiz", "Det. Lee").
    const SHORT_TITLES: [&str; 25] = [
        "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "capt", "det", "atty", "dist",
        "supt", "insp", "cpl", "pvt", "adm", "maj", "prof", "rev", "cmdr",
    ];
    let written = &text[w.range.clone()];
    SHORT_TITLES.contains(&&*w.lower) || (written.chars().count() == 1 && written.starts_with(char::is_uppercase))
}

fn is_auxiliary_or_adverb(text: &str, w: &Word) -> bool {
    AUXILIARIES.contains(&&*w.lower)
        || ["only", "just", "even", "again", "once", "never", "still", "often", "always", "sometimes", "already", "both"]
            .contains(&&*w.lower)
        // "Ruiz late Monday posted": a time between the subject and its verb.
        || ["late", "early", "yesterday", "today", "tonight"].contains(&&*w.lower)
        || CALENDAR.contains(&&*w.lower)
        // "he has repeatedly said", but "Ana Kelly said": a capitalised word ending in -ly is a name.
        || (w.lower.len() > 4 && w.lower.ends_with("ly") && !w.is_capitalised(text))
}

/// Byte ranges (marks included) of the quotations of one paragraph, outermost only, in order.
fn pairs(para: &str) -> Vec<Range<usize>> {
    // Straight and curly double marks are paired together (see `quote_marks`).
    let mut out = crate::quote_marks::double_pairs(para);
    let mut open_single: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '‘' if !prev.is_some_and(char::is_alphanumeric) => open_single = Some((i, '’')),
            '\'' if opens(prev, next) && next.is_some_and(char::is_alphanumeric) => open_single = Some((i, '\'')),
            // A closing mark follows a word, or (the space misplaced, as detokenised text has it) a stop
            // while a quotation is open: `'Stop. ' They ran.`
            '’' | '\''
                if !next.is_some_and(char::is_alphanumeric)
                    && (!prev.is_some_and(char::is_whitespace)
                        || open_single.is_some() && crate::quote_marks::after_stop(para, i)
                        || closes_spaced_single(para, open_single, i, next)) =>
            {
                if let Some((s, close)) = open_single
                    && close == c
                {
                    open_single = None;
                    out.push(s..i + c.len_utf8());
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut outer: Vec<Range<usize>> = Vec::new();
    for r in out {
        if outer.last().is_none_or(|o| r.start >= o.end) && para[r.clone()].chars().any(char::is_alphanumeric) {
            outer.push(r);
        }
    }
    outer
}

/// `'Deep Throat ' in …`: a straight single mark after a space closes a straight single quotation of at most
/// three words that ends in a word (detokenised text puts a space before the closing mark); not the first
/// mark of a doubled closing pair (`''`), not across another mark, and not a lone letter (`rock 'n ' roll`).
fn closes_spaced_single(para: &str, open: Option<(usize, char)>, i: usize, next: Option<char>) -> bool {
    let Some((s, '\'')) = open else { return false };
    let inside = &para[s + 1..i];
    next != Some('\'')
        && inside.trim_end().ends_with(char::is_alphanumeric)
        && inside.trim().chars().count() > 1
        && inside.split_whitespace().count() <= 3
        && !inside.contains(['\'', '"', '`', '“', '”'])
}

/// A straight quote mark at the start of a passage or after a space or an opening bracket or dash, with a word
/// (not a space) after it.
fn opens(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–".contains(p)) && next.is_some_and(|n| !n.is_whitespace())
}

fn inner(text: &str, quote: &Range<usize>) -> Range<usize> {
    let s = &text[quote.clone()];
    let open = s.chars().next().map_or(0, char::len_utf8);
    let close = match s.chars().next_back() {
        Some(c @ ('”' | '"' | '’' | '\'')) if s.len() > open => c.len_utf8(),
        _ => 0,
    };
    quote.start + open..quote.end - close
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quoted text, speaker as written or "", attributed) of each quotation in a one-paragraph text.
    fn quotes(text: &str) -> Vec<(String, String, bool)> {
        let doc = Document::from_plain("t.txt", text);
        of_document(&doc)
            .iter()
            .map(|q| {
                (
                    doc.text[q.inner.clone()].to_string(),
                    q.speaker_name(&doc.text).unwrap_or("").to_string(),
                    q.attributed,
                )
            })
            .collect()
    }

    fn q(inner: &str, speaker: &str, attributed: bool) -> (String, String, bool) {
        (inner.to_string(), speaker.to_string(), attributed)
    }

    /// (speaker as written, its kind) of each quotation of a one-paragraph text.
    fn speakers(text: &str) -> Vec<(String, Option<SpeakerKind>)> {
        let doc = Document::from_plain("t.txt", text);
        of_document(&doc)
            .iter()
            .map(|q| (q.speaker_name(&doc.text).unwrap_or("").to_string(), q.speaker.as_ref().map(|s| s.kind)))
            .collect()
    }

    #[test]
    fn a_description_ends_in_a_noun_not_an_adjective_a_time_or_a_clause() {
        for text in [
            "According to federal and city inspectors, all 40 “licensed” pilots renew yearly.",
            "Dockers have an old saying that “once is luck.”",
            "After the five - minute warning the crew loaded the “priority” crates.",
            "At the pier, Ruiz made easily her fifth promise of a “fair deal” to the crews.",
        ] {
            assert_eq!(speakers(text), [("".into(), None)], "{text}");
        }
        // Must not change: the tagger's adjective "official" ends a description, and a participle before its noun
        // stays in one.
        assert_eq!(
            speakers("“The levy stays,” a harbour government official said."),
            [("a harbour government official".into(), Some(SpeakerKind::Role))]
        );
        assert_eq!(
            speakers("“Thanks to my crew,” the comedian added in a post."),
            [("the comedian".into(), Some(SpeakerKind::Role))]
        );
        assert_eq!(
            speakers("“The levy stays,” the ruling party's spokesman said."),
            [("the ruling party's spokesman".into(), Some(SpeakerKind::Role))]
        );
    }

    #[test]
    fn one_quoted_as_saying_the_words_said_them() {
        assert_eq!(
            speakers("“The tide waits for no one,” Ruiz quoted Mayor Tomas Lee as saying at the launch."),
            [("Tomas Lee".into(), Some(SpeakerKind::Name))]
        );
        assert_eq!(
            speakers("The harbour master quoted Ben Okafor as saying “the cranes are too old.”"),
            [("Ben Okafor".into(), Some(SpeakerKind::Name))]
        );
        // Must not change: a quotation that is quoted is still the quoter's words.
        assert_eq!(speakers("“The cranes are too old,” Okafor quoted."), [("Okafor".into(), Some(SpeakerKind::Name))]);
    }

    #[test]
    fn thundered_tags_the_quotation_before_it() {
        assert_eq!(
            speakers("“A strike is one thing and sabotage another!” Mayor Ana Ruiz thundered at the council."),
            [("Ana Ruiz".into(), Some(SpeakerKind::Name))]
        );
    }

    #[test]
    fn a_name_after_an_opening_description_is_the_subject() {
        assert_eq!(
            speakers("Shipping weekly Dockside called the levy a “tax on bread,” writing that it would hurt."),
            [("Dockside".into(), Some(SpeakerKind::Name))]
        );
        // Must not change: a description with no name after it, and a name opening the sentence.
        assert_eq!(
            speakers("The magazine called the levy a “tax on bread.”"),
            [("The magazine".into(), Some(SpeakerKind::Role))]
        );
        assert_eq!(
            speakers("In a memo, Ana Gil describes Tom Ruiz as “the best pilot.”"),
            [("Ana Gil".into(), Some(SpeakerKind::Name))]
        );
        // Regression: a subhead before the sentence ("`Grim day'") is no description of the capitalised word after it,
        // which had made "Outside" the sentence's subject, so that "he" went to the judge before.
        for (lawyer, name) in
            [("Harbour Lawyer Ben Okafor", "Harbour Lawyer Ben Okafor"), ("defense lawyer Ben Okafor", "Ben Okafor")]
        {
            let text = format!(
                "Judge Ana Ruiz read the ruling. Ruiz agreed and denied both motions. `Grim day' Outside court, \
                 {lawyer} said his client had little chance at the appeals court, which he described as “very harsh.”"
            );
            assert_eq!(quotes(&text), [q("very harsh.", name, true)], "{lawyer}");
        }
    }

    #[test]
    fn a_pronoun_stands_for_the_name_in_apposition_not_the_description() {
        let text = "The harbour master, Ana Ruiz, facing calls to resign, said on Monday that the cranes were safe. \
                    “Nobody was hurt,” she told the council.";
        assert_eq!(quotes(text), [q("Nobody was hurt,", "Ana Ruiz", true)]);
        let text = "Okafor's sister, Grace Adeyemi, said she was now running the stall. Of the inspectors, she said, \
                    “They never came back.”";
        assert_eq!(quotes(text), [q("They never came back.", "Grace Adeyemi", true)]);
        // Must not change: an inverted tag names its speaker after the verb.
        let text = "The cranes are safe, said Ana Ruiz, the harbour master. “Nobody was hurt,” she told the council.";
        assert_eq!(quotes(text), [q("Nobody was hurt,", "Ana Ruiz", true)]);
    }

    #[test]
    fn replied_and_answered_hand_over_the_words_after_them() {
        for text in ["Varga replied “Yes, I understand.”", "Varga answered, “Yes, I understand.”"] {
            assert_eq!(speakers(text), [("Varga".into(), Some(SpeakerKind::Name))], "{text}");
        }
        // Must not change: the noun is no cue.
        assert_eq!(speakers("The answer was “no deal.”"), [("".into(), None)]);
    }

    #[test]
    fn a_pronoun_opening_a_relative_clause_is_its_subject() {
        assert_eq!(
            quotes("Ana Ruiz would not renew the lease she described as “unfair” and “outdated.”"),
            [q("unfair", "Ana Ruiz", true), q("outdated.", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("The plan they called “a fraud” passed anyway.")[0].1, "they");
    }

    #[test]
    fn who_after_a_comma_stands_for_the_phrase_before_it() {
        use SpeakerKind::{Name, Role};
        // Regression: the inverted tag's subject came out as the sentence's first word ("Five").
        assert_eq!(
            speakers("Five people were hurt, said the mayor, who called it a \"tragic mess\"."),
            [("the mayor".into(), Some(Role))]
        );
        assert_eq!(
            speakers("The board thanked Ana Ruiz, who called the vote “a relief.”"),
            [("Ana Ruiz".into(), Some(Name))]
        );
        // Unchanged: a relative clause between a name and its reporting verb.
        assert_eq!(speakers("Okafor, who chairs the panel, said it was “a farce.”"), [("Okafor".into(), Some(Name))]);
    }

    #[test]
    fn a_preposition_opening_the_sentence_is_no_part_of_a_name() {
        assert_eq!(
            speakers("Despite Dockworkers calling the cranes “unsafe”, the port reopened."),
            [("Dockworkers".into(), Some(SpeakerKind::Name))]
        );
    }

    #[test]
    fn a_lone_surname_opening_a_sentence_is_a_name_where_nothing_else_tells() {
        use SpeakerKind::{Name, Role};
        // One sentence (a headline, a sentence quoted alone): the capital is the sentence's, so the tagger decides.
        assert_eq!(speakers("Varga said the budget was “dead on arrival.”"), [("Varga".into(), Some(Name))]);
        assert_eq!(speakers("Okafor has called the ruling “a disgrace.”"), [("Okafor".into(), Some(Name))]);
        // Groups, collective nouns and amounts of people stay descriptions, and a noun before another is no subject.
        assert_eq!(speakers("Critics said the plan was “a giveaway.”"), [("Critics".into(), Some(Role))]);
        assert_eq!(speakers("Protesters chanted “no more cuts” outside."), [("Protesters".into(), Some(Role))]);
        assert_eq!(
            speakers("Police said the road was “closed until further notice.”"),
            [("Police".into(), Some(Role))]
        );
        assert_eq!(speakers("Dozens chanted “shame” at the council."), [("Dozens".into(), Some(Role))]);
        assert_eq!(speakers("Trade magazine Reelworld called it “a triumph.”"), [("Reelworld".into(), Some(Name))]);
    }

    #[test]
    fn a_lone_opening_word_with_a_singular_verb_or_a_group_of_its_own_is_a_name() {
        use SpeakerKind::{Name, Role};
        // Ends like a plural of people ("-ers"), but "says" agrees with one subject.
        assert_eq!(speakers("Sanders says the levy will fund “every classroom.”"), [("Sanders".into(), Some(Name))]);
        assert_eq!(speakers("Critics say the levy is “a giveaway.”"), [("Critics".into(), Some(Role))]);
        assert_eq!(
            speakers("Varga and his lawyers have fought the order, claiming he enjoys “total immunity” from it."),
            [("Varga".into(), Some(Name))]
        );
    }

    #[test]
    fn a_passive_verb_of_naming_gives_the_words_to_its_agent_or_to_no_one() {
        use SpeakerKind::{Name, Role};
        assert_eq!(
            speakers("The levy has been described by the press as a “giveaway” for the rich."),
            [("the press".into(), Some(Role))]
        );
        assert_eq!(speakers("Varga, often described as a “moderate,” voted against the bill."), [("".into(), None)]);
        assert_eq!(speakers("Born Ana, she was called “Nan” at school."), [("".into(), None)]);
        // Active verbs keep their subjects, after an apposition or a relative pronoun too.
        assert_eq!(
            speakers("Ana Ruiz, the campaign chief, called the suit a “sham” in a statement."),
            [("Ana Ruiz".into(), Some(Name))]
        );
        assert_eq!(speakers("Ruiz, who called the deal a “disaster,” left early."), [("Ruiz".into(), Some(Name))]);
    }

    #[test]
    fn a_parenthesis_a_date_or_a_phrase_after_a_preposition_before_the_verb_is_no_subject() {
        use SpeakerKind::{Name, Role};
        assert_eq!(
            speakers("Rep. Ana Ruiz (D-TX), the chair of the caucus, added that the party faces “a crisis” at home."),
            [("Ana Ruiz".into(), Some(Name))]
        );
        assert_eq!(
            speakers("Governor Ana Ruiz spoke on Tuesday, May 4, claiming that “socialist” rivals wanted to ruin it."),
            [("Ana Ruiz".into(), Some(Name))]
        );
        assert_eq!(
            speakers("Varga, who has long opposed the plan, in a post called the mayor “a fraud.”"),
            [("Varga".into(), Some(Name))]
        );
        assert_eq!(speakers("Ana Ruiz from Ohio called it a “farce.”"), [("Ana Ruiz".into(), Some(Name))]);
        // A clause after "in what" and a noun before a participle after "with" keep their own subjects.
        assert_eq!(
            speakers("Rivals filed suit on Monday, in what the mayor has called a “stunt.”"),
            [("what the mayor".into(), Some(Role))]
        );
        assert_eq!(
            speakers("Ruiz opposed the rule, with a spokesman stating: “It will not stand.”"),
            [("a spokesman".into(), Some(Role))]
        );
    }

    #[test]
    fn words_put_hailed_or_proclaimed_without_a_verb_of_saying_have_a_speaker() {
        use SpeakerKind::Name;
        assert_eq!(
            speakers("The levy was “dead on arrival” as Ana Ruiz so bluntly put it."),
            [("Ana Ruiz".into(), Some(Name))]
        );
        assert_eq!(
            speakers("Varga responded by angrily claiming that the plan was a bigger “failure,” since it cost more."),
            [("Varga".into(), Some(Name))]
        );
        assert_eq!(
            speakers(
                "Mayor Ana Ruiz on Monday hailed the ruling as “a great day for the city,” while aides stayed away."
            ),
            [("Ana Ruiz".into(), Some(Name))]
        );
        assert_eq!(
            speakers("“We will not back down,” the sleepy councillor Varga loudly proclaimed."),
            [("Varga".into(), Some(Name))]
        );
        // A description holding a relative clause describes the name before it; its last words are no speaker.
        assert_eq!(
            speakers(
                "At the rally, Varga, a banker who has given millions to the party’s campaign, went on stage, proclaiming that the mayor was “a fraud.”"
            ),
            [("Varga".into(), Some(Name))]
        );
    }

    #[test]
    fn a_tag_ending_the_sentence_reports_a_quotation_near_its_start() {
        use SpeakerKind::Name;
        assert_eq!(
            speakers(
                "Varga is “furious” that the board met without him in the spring, Ruiz said, adding that help was needed."
            ),
            [("Ruiz".into(), Some(Name))]
        );
        // A nickname between a first and a last name, and words deep in the sentence, are no one's.
        assert_eq!(speakers("Ana “The Hammer” Ruiz died on Monday at home, officials said."), [("".into(), None)]);
        assert_eq!(
            speakers(
                "The mayor, who once starred in a show of “water ballets” on the coast, died on Monday, her aide said."
            ),
            [("".into(), None)]
        );
        assert_eq!(speakers("Varga is “furious” about the vote, the paper said."), [("".into(), None)]);
    }

    #[test]
    fn a_lone_name_before_an_apposition_or_a_relative_clause_is_a_name() {
        use SpeakerKind::{Name, Role};
        assert_eq!(speakers("Okafor, who chairs the panel, said it was “a farce.”"), [("Okafor".into(), Some(Name))]);
        assert_eq!(speakers("Lee, 45, said the plan was “doomed.”"), [("Lee".into(), Some(Name))]);
        assert_eq!(speakers("Cuomo on Monday said the state would “never” reopen."), [("Cuomo".into(), Some(Name))]);
        assert_eq!(speakers("Meanwhile, the mayor said it was “fine.”"), [("the mayor".into(), Some(Role))]);
        assert_eq!(speakers("Critics, however, said it was “a sham.”"), [("Critics".into(), Some(Role))]);
    }

    #[test]
    fn comments_name_their_speaker_like_remarks() {
        assert_eq!(
            quotes("Kline's comments that the flood was “a hoax” angered residents."),
            [q("a hoax", "Kline", true)]
        );
        assert_eq!(
            quotes("Mayor Ed Kline's comment that the flood was “a hoax” angered residents."),
            [q("a hoax", "Ed Kline", true)]
        );
    }

    #[test]
    fn both_between_the_subject_and_its_verb_is_skipped() {
        assert_eq!(quotes("Hart and Lyle both called the nominee “unfit.”"), [q("unfit.", "Lyle", true)]);
    }

    #[test]
    fn said_in_a_statement_that_keeps_the_speaker_of_the_verb() {
        assert_eq!(
            quotes("The union said in a statement that the offer was “an insult.”"),
            [q("an insult.", "The union", true)]
        );
        assert_eq!(
            quotes("Mayor Ed Kline said in a written statement that it was “over.”"),
            [q("over.", "Ed Kline", true)]
        );
        // A statement issued, with no reporting verb before it, still names no one.
        assert_eq!(quotes("The ministry issued a terse statement that it would “respond.”")[0].1, "");
    }

    #[test]
    fn a_party_and_state_tag_is_no_name_and_leaves_the_name_before_it() {
        assert_eq!(quotes("Rep. Dan Ortiz (D-N.Y.) said the plan was “radical.”"), [q("radical.", "Dan Ortiz", true)]);
        assert_eq!(
            quotes(
                "Panel Chairman Al Reyes, R-Texas; and Rules Chairman Cy Moss, R-Calif., said in a joint statement that \
                 the report “settles it.”"
            ),
            [q("settles it.", "Cy Moss", true)]
        );
    }

    #[test]
    fn verbs_of_attack_and_lament_hand_words_to_their_subject() {
        assert_eq!(
            quotes("Senator Jo Hart blasted the “reckless” budget on Monday."),
            [q("reckless", "Jo Hart", true)]
        );
        assert_eq!(
            quotes("Governor Al Pike bashed the “secret deal” with the union."),
            [q("secret deal", "Al Pike", true)]
        );
        // "criticize" is left out: its stem is that of "critics", which would make every "Critics" a cue.
        assert_eq!(quotes("Critics see a so-called “reform” as a ploy."), [q("reform", "", false)]);
        assert_eq!(
            quotes("Senator Rita Gomez lamented that the park was “gone for good.”"),
            [q("gone for good.", "Rita Gomez", true)]
        );
    }

    #[test]
    fn a_description_is_a_noun_phrase_not_a_run_of_words_before_a_cue() {
        // A passive names no one: read back from the cue, "been" is no description.
        assert_eq!(quotes("The plan has been described as “a disaster.”")[0].1, "");
        assert_eq!(quotes("The law had been called “a betrayal” for years.")[0].1, "");
        // Descriptions stay, with a participle after the noun too.
        assert_eq!(quotes("The officers involved said the man was “armed.”")[0].1, "The officers involved");
        assert_eq!(quotes("A senior official said the talks were “frank.”")[0].1, "A senior official");
    }

    #[test]
    fn a_speech_tag_after_the_quotation_names_the_speaker() {
        assert_eq!(
            quotes("“We will not stop,” Donald Trump said on Friday."),
            [q("We will not stop,", "Donald Trump", true)]
        );
        assert_eq!(
            quotes("“No deal,” said Maria Lopez, a union organiser, after the vote."),
            [q("No deal,", "Maria Lopez", true)]
        );
        assert_eq!(
            quotes("“It is over,” the mayor's press secretary, Jane Roe, told reporters."),
            [q("It is over,", "Jane Roe", true)]
        );
        assert_eq!(quotes("“Talks go on,” a senior official said."), [q("Talks go on,", "a senior official", true)]);
    }

    #[test]
    fn a_reporting_verb_before_the_quotation_names_its_subject() {
        assert_eq!(
            quotes("The senator called the inquiry a “witch hunt” on Monday."),
            [q("witch hunt", "The senator", true)]
        );
        assert_eq!(
            quotes("US President Donald Trump warned that the town would face “fire and fury.”"),
            [q("fire and fury.", "Donald Trump", true)]
        );
        assert_eq!(
            quotes("Netanyahu, speaking to soldiers last year, said that “we will win.”"),
            [q("we will win.", "Netanyahu", true)]
        );
        assert_eq!(
            quotes("The mayor’s assertion that the budget was “balanced” is odd."),
            [q("balanced", "The mayor", true)]
        );
        assert_eq!(quotes("Hamas members are “sick,” in the words of the envoy."), [q("sick,", "the envoy", true)]);
    }

    #[test]
    fn pronouns_take_the_name_of_an_earlier_speaker_in_the_paragraph() {
        let text = "“We are ready,” Ana Ruiz said. “The rest is up to them,” she added.";
        assert_eq!(
            quotes(text),
            [q("We are ready,", "Ana Ruiz", true), q("The rest is up to them,", "Ana Ruiz", true)]
        );
        // Without an earlier named speaker the pronoun stays a pronoun.
        assert_eq!(
            quotes("He has steadfastly vowed that “nothing will change.”"),
            [q("nothing will change.", "He", true)]
        );
    }

    #[test]
    fn a_description_in_apposition_after_an_opening_name_leaves_the_name_the_subject() {
        use SpeakerKind::{Name, Role};
        assert_eq!(
            speakers("Harbour Watch, a group popular with young sailors, says the pier is “unsafe.”"),
            [("Harbour Watch".into(), Some(Name))]
        );
        // The apposition's closing comma left out.
        assert_eq!(
            speakers("Harbour Watch, the port's loudest critic says the pier is “unsafe.”"),
            [("Harbour Watch".into(), Some(Name))]
        );
        // A participle after the verb the apposition stood before.
        assert_eq!(
            speakers(
                "Harbour Watch, a group popular with young sailors, says it will act, saying the pier is “unsafe.”"
            ),
            [("Harbour Watch".into(), Some(Name))]
        );
        // Unchanged: a phrase of place before the comma, and a description opening the sentence.
        assert_eq!(speakers("In Lisbon, the mayor said the pier is “unsafe.”"), [("the mayor".into(), Some(Role))]);
        assert_eq!(
            speakers("The group, a coalition of dockers, said the pier is “unsafe.”"),
            speakers("The group said the pier is “unsafe.”")
        );
    }

    #[test]
    fn a_pronoun_with_no_earlier_speaker_stands_for_the_last_name_before_it() {
        // In its own sentence: the name nearest before the clause, not the sentence's subject.
        assert_eq!(
            quotes("The council thanked Petra Varga after she said the plan was “a small miracle.”"),
            [q("a small miracle.", "Petra Varga", true)]
        );
        // In the sentence before, where that sentence reports no speech.
        assert_eq!(
            quotes("That is what the coach Tomas Hale did on Sunday. He told the team it was “a long road.”"),
            [q("a long road.", "Tomas Hale", true)]
        );
        // Unchanged: a lone place after a preposition is no one, "they" is left alone, and an earlier speaker wins.
        assert_eq!(
            quotes("The storm was worst in Ohio before he said it was “a long road.”"),
            [q("a long road.", "he", true)]
        );
        assert_eq!(
            quotes("Petra Varga spoke of a trip to Key West. “It was calm,” she said."),
            [q("It was calm,", "Petra Varga", true)]
        );
        assert_eq!(
            quotes("The Dutch prime minister spoke first. He said it was “a long road.”"),
            [q("a long road.", "He", true)]
        );
        assert_eq!(
            quotes("The nurse was tired. “Tomas Hale asked for help,” she said."),
            [q("Tomas Hale asked for help,", "she", true)]
        );
        assert_eq!(
            quotes("The council met Petra Varga before they said it was “a long road.”"),
            [q("a long road.", "they", true)]
        );
        assert_eq!(
            quotes("“It works,” Ana Ruiz said of Tomas Hale. “It is fine,” she added."),
            [q("It works,", "Ana Ruiz", true), q("It is fine,", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn abbreviated_titles_and_initials_do_not_cut_a_speech_tag() {
        assert_eq!(
            quotes("“There is more to know,” Mr. Parscale said. “We will see,” said Michael J. Green, a scholar."),
            [q("There is more to know,", "Parscale", true), q("We will see,", "Michael J. Green", true)]
        );
        assert_eq!(
            quotes("“Trade is hard,” Ana Ruiz, Mr. Lee's chief adviser, told reporters."),
            [q("Trade is hard,", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_quotation_closing_its_sentence_takes_no_tag_from_the_next_one() {
        let text = "“We will fight,” Ana Ruiz said. “The offer is a sham.” Lee wrote that it was fine.";
        assert_eq!(quotes(text), [q("We will fight,", "Ana Ruiz", true), q("The offer is a sham.", "Ana Ruiz", true)]);
    }

    #[test]
    fn a_participle_after_a_speech_tag_keeps_its_speaker() {
        assert_eq!(
            quotes("“It is fair,” Ana Ruiz said, adding that “we will act.”"),
            [q("It is fair,", "Ana Ruiz", true), q("we will act.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn an_opening_phrase_is_not_the_subject() {
        assert_eq!(
            quotes("Just days earlier, President Ana Ruiz warned that the deal was “dead.”"),
            [q("dead.", "Ana Ruiz", true)]
        );
        assert_eq!(
            quotes("Dispensing with old quarrels, Ana Ruiz praised Lee, calling him “very honest.”"),
            [q("very honest.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_pronoun_stands_for_the_name_the_previous_sentence_opens_with() {
        let text = "“We are ready,” Lee said. Ana Ruiz then threatened a strike. “Write that down,” she said.";
        assert_eq!(quotes(text), [q("We are ready,", "Lee", true), q("Write that down,", "Ana Ruiz", true)]);
        // A quotation just before, in the previous sentence, decides first.
        let text = "“We are ready,” Ana Ruiz said. “The rest is up to them,” she said. “Vote,” she added.";
        let speakers: Vec<String> = quotes(text).into_iter().map(|(_, s, _)| s).collect();
        assert_eq!(speakers, ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]);
    }

    #[test]
    fn a_reporting_word_inside_an_earlier_quotation_is_not_the_sentences() {
        assert_eq!(
            quotes("Ana Ruiz warned that if Lee “threatens” the port, “he will pay a price.”"),
            [q("threatens", "Ana Ruiz", true), q("he will pay a price.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn verbs_that_hand_over_words_as_a_name() {
        assert_eq!(
            quotes("The deal, which Ana Ruiz has referred to as “the worst deal,” stands."),
            [q("the worst deal,", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("“Call me,” Mr. Lee was quoted as telling the envoys."), [q("Call me,", "Lee", true)]);
        assert_eq!(
            quotes("“We leaked nothing,” the statement read."),
            [q("We leaked nothing,", "the statement", true)]
        );
    }

    #[test]
    fn an_apposition_with_a_capitalised_word_is_not_a_clause_of_its_own() {
        assert_eq!(
            quotes("Nick Rowe, a former Watergate prosecutor, said the party could begin “taking depositions.”"),
            [q("taking depositions.", "Nick Rowe", true)]
        );
    }

    #[test]
    fn a_statement_named_after_the_verb_does_not_hide_its_speaker() {
        let text = "“It is a sham,” Lee said in a written statement. “We will win in court.”";
        let speakers: Vec<String> = quotes(text).into_iter().map(|(_, s, _)| s).collect();
        assert_eq!(speakers, ["Lee", "Lee"]);
        assert_eq!(quotes("The office released a terse statement that “talks go on.”"), [q("talks go on.", "", true)]);
    }

    #[test]
    fn days_prepositions_and_opening_participles_are_not_part_of_a_speaker() {
        assert_eq!(
            quotes("President Ana Ruiz late Monday posted that the files “show clearly” nothing."),
            [q("show clearly", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("“We won,” said party chair Ana Ruiz in a statement."), [q("We won,", "Ana Ruiz", true)]);
        assert_eq!(
            quotes("Hosting President Lee Park, Ana Ruiz again said she could agree to “a new deal.”"),
            [q("a new deal.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_claim_after_the_quotation_is_a_speech_tag() {
        assert_eq!(
            quotes("“Russia found a partner,” the suit claims."),
            [q("Russia found a partner,", "the suit", true)]
        );
    }

    #[test]
    fn reporting_words_used_as_nouns_or_adjectives_are_not_verbs() {
        // "talks" after an adjective, a nominalisation, "alleged" after a determiner.
        assert_eq!(
            quotes("The mayor said the unions were in direct talks at “a delicate stage.”"),
            [q("a delicate stage.", "The mayor", true)]
        );
        assert_eq!(
            quotes("Lena Park, the ranch owner, called the allegations a “shameless invention.”"),
            [q("shameless invention.", "Lena Park", true)]
        );
        assert_eq!(
            quotes("The council accused the firm of an alleged “cover-up.”"),
            [q("cover-up.", "The council", true)]
        );
    }

    #[test]
    fn a_participle_after_the_quotation_is_not_its_speech_tag() {
        assert_eq!(
            quotes("Karen Holt noted that the mayor “never answered,” adding that the matter was closed."),
            [q("never answered,", "Karen Holt", true)]
        );
    }

    #[test]
    fn an_inverted_tag_before_a_participle_names_the_speaker() {
        assert_eq!(
            quotes("“The bridge is safe,” said city engineer Tom Vance in a memo, calling the report “alarmist.”"),
            [q("The bridge is safe,", "Tom Vance", true), q("alarmist.", "Tom Vance", true)]
        );
    }

    #[test]
    fn time_phrases_between_subject_and_verb_are_skipped() {
        assert_eq!(quotes("The club on Friday noted that the rules were “final.”"), [q("final.", "The club", true)]);
        assert_eq!(quotes("The coach at times said he felt “tired of it.”"), [q("tired of it.", "The coach", true)]);
    }

    #[test]
    fn a_second_verb_shares_the_subject_of_the_first() {
        assert_eq!(
            quotes("The complaint alleged that the firm hid losses and accuses it of running a “shell game.”"),
            [q("shell game.", "The complaint", true)]
        );
        // "denounced …, nicknamed …, derided …": predicates of one subject.
        assert_eq!(
            quotes("The coach once called the referee a “clown,” mocked him as “blind” and left."),
            [q("clown,", "The coach", true), q("blind", "The coach", true)]
        );
    }

    #[test]
    fn a_person_of_a_place_a_party_tag_and_a_statement_from_someone() {
        assert_eq!(
            quotes("Rep. Maria Ortiz of Nevada, a senior Democrat, said the bill was “dead on arrival.”"),
            [q("dead on arrival.", "Maria Ortiz", true)]
        );
        assert_eq!(quotes("Senator Ada Lyle, D-Ore., said the bill was “dead.”"), [q("dead.", "Ada Lyle", true)]);
        assert_eq!(
            quotes("“We will appeal,” said a statement from Chairman Ray Olsen."),
            [q("We will appeal,", "Ray Olsen", true)]
        );
        // An indefinite description with a place in it is a role, not the place.
        assert_eq!(
            quotes("A Danish government official played it down, saying it was “too soon.”"),
            [q("too soon.", "A Danish government official", true)]
        );
    }

    #[test]
    fn words_asked_for_belong_to_whoever_asked() {
        assert_eq!(
            quotes("The coach told Mr. Berg to talk to “the captain” first."),
            [q("the captain", "The coach", true)]
        );
        // Not when the asking is far before: "prompting X to reply that …" gives X's reply.
        assert_eq!(
            quotes(
                "In a memo, Ana Gil describes Tom Ruiz asking her to see the plans in private, prompting Gil to reply that “it was not done.”"
            ),
            [q("it was not done.", "Ana Gil", true)]
        );
    }

    #[test]
    fn pronouns_find_people_named_in_reported_speech_or_clauses() {
        // The speaker of the previous sentence's reported speech.
        assert_eq!(
            quotes("Few would have voted for it, said Paul Grant, a local organiser. “They knew better,” he said."),
            [q("They knew better,", "Paul Grant", true)]
        );
        // A person the pronoun's own sentence opens with.
        assert_eq!(
            quotes("Mrs. Lund hinted at it when she said the vote was “a foregone conclusion.”"),
            [q("a foregone conclusion.", "Lund", true)]
        );
        // The subject of an opening subordinate clause, and not that of one before the main clause.
        assert_eq!(
            quotes("While Mr. Haas praised Ms. Cole for the plan, he did not back it. “It needs work,” he said."),
            [q("It needs work,", "Haas", true)]
        );
        assert_eq!(
            quotes("As Ms. Cole warned that costs would rise, Mr. Haas shrugged. “Let them,” he said."),
            [q("Let them,", "Haas", true)]
        );
        // A last name written in full elsewhere in the text is a person's.
        assert_eq!(
            quotes("Governor Ana Costa met the press. Costa looked tired. “We are done,” she said."),
            [q("We are done,", "Costa", true)]
        );
    }

    #[test]
    fn a_quotation_opening_its_own_sentence_carries_on_the_last_speaker() {
        let text = "“We are ready,” Ana Ruiz said. “The rest is up to them.” The vote is on Friday.";
        assert_eq!(
            quotes(text),
            [q("We are ready,", "Ana Ruiz", true), q("The rest is up to them.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_quotation_after_reported_speech_carries_on_its_speaker() {
        // The sentence before reports what someone said; the quotation that follows is theirs, not the last
        // quoted speaker's.
        let text = "“We are ready,” Ana Ruiz said. Ben Lee said the port would close. “It is over.”";
        assert_eq!(quotes(text), [q("We are ready,", "Ana Ruiz", true), q("It is over.", "Ben Lee", true)]);
        assert_eq!(quotes("The port is old, said Ben Lee, a docker. “It leaks.”"), [q("It leaks.", "Ben Lee", true)]);
        // Must not change: a quotation of its own in the sentence before is carried on, reported speech two
        // sentences back is not taken, and a quotation inside a sentence is not a carried-on one.
        assert_eq!(
            quotes("“We are ready,” Ana Ruiz said. “It is over.”"),
            [q("We are ready,", "Ana Ruiz", true), q("It is over.", "Ana Ruiz", true)]
        );
        assert_eq!(
            quotes("Ben Lee said the port would close. The vote is on Friday. “It is over.”"),
            [q("It is over.", "", false)]
        );
        assert_eq!(quotes("Ben Lee said the port would close. Its “future” is unclear."), [q("future", "", false)]);
        assert_eq!(quotes("The port is old. “It leaks.”"), [q("It leaks.", "", false)]);
    }

    #[test]
    fn past_tenses_of_speaking_make_speech_tags() {
        assert_eq!(quotes("“Stay out,” Ana Ruiz fumed on the radio."), [q("Stay out,", "Ana Ruiz", true)]);
        assert_eq!(quotes("“It is over,” the Harbour Gazette reported."), [q("It is over,", "Harbour Gazette", true)]);
        // Must not change: the noun right after a quotation is no tag, and words handed over by "said:" stay the
        // speaker's when a paper reports them.
        assert_eq!(quotes("The “zero day” report found nothing."), [q("zero day", "", false)]);
        assert_eq!(
            quotes("Ana Ruiz said: “We are done,” the Harbour Gazette reported."),
            [q("We are done,", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_verb_right_after_a_quotation_takes_no_subject_from_inside_it() {
        assert_eq!(
            quotes("“At one point the boat left,” says Ana Ruiz, “and then it rained.”"),
            [q("At one point the boat left,", "Ana Ruiz", true), q("and then it rained.", "Ana Ruiz", true)]
        );
        // Must not change: a participle after the quotation carries on the sentence's subject.
        assert_eq!(
            quotes("Ana Ruiz noted that Lee “never wrote back,” adding that Lee “went home early.”"),
            [q("never wrote back,", "Ana Ruiz", true), q("went home early.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_headline_in_title_case_names_no_one() {
        assert_eq!(quotes("Dockers “Walk Out” Talks Reportedly Stall Posted at noon"), [q("Walk Out", "", true)]);
        assert_eq!(quotes("Dockers “Walk Out” Over Pay Of Harbour Staff Posted"), [q("Walk Out", "", true)]);
        // Must not change: a small "of" inside a name, and a capitalised word after a speaker's name.
        assert_eq!(quotes("“We are done,” Ana Ruiz of Harbour Town said."), [q("We are done,", "Ana Ruiz", true)]);
        assert_eq!(quotes("“We are done,” Ana Ruiz told The Harbour Post."), [q("We are done,", "Ana Ruiz", true)]);
    }

    #[test]
    fn a_name_ending_in_ly_is_not_an_adverb() {
        assert_eq!(quotes("“We are done,” Ana Kelly told reporters."), [q("We are done,", "Ana Kelly", true)]);
        assert_eq!(quotes("Ben Daly said the port “is finished.”"), [q("is finished.", "Ben Daly", true)]);
        // Must not change: an adverb between subject and verb is skipped.
        assert_eq!(quotes("Ben Lee repeatedly said the port “is finished.”"), [q("is finished.", "Ben Lee", true)]);
    }

    #[test]
    fn a_word_of_rank_the_text_uses_as_a_last_name_is_a_name() {
        let text = "Coach Ana King met the press. “We lost,” King said. “It hurts,” she said.";
        assert_eq!(quotes(text), [q("We lost,", "King", true), q("It hurts,", "King", true)]);
        // Must not change: a word of rank the text writes before a name, or after a determiner, is a role, which
        // a pronoun does not stand for.
        let text = "King Olaf spoke. Ana King listened. “We won,” King said. “It hurts,” she said.";
        assert_eq!(quotes(text), [q("We won,", "King", true), q("It hurts,", "she", true)]);
        let text = "Ana King spoke. “We won,” the King said. “It hurts,” she said.";
        assert_eq!(quotes(text), [q("We won,", "the King", true), q("It hurts,", "she", true)]);
    }

    #[test]
    fn a_small_particle_inside_a_name_is_part_of_it() {
        assert_eq!(
            quotes("Public Advocate Ana de Souza came too. “We are tired,” she said."),
            [q("We are tired,", "Public Advocate Ana de Souza", true)]
        );
        assert_eq!(quotes("“We are tired,” said Ana van Dijk."), [q("We are tired,", "Ana van Dijk", true)]);
        // Must not change: a lowercase word between a name and a capitalised word that is no particle.
        assert_eq!(quotes("“We are tired,” said Ana in Lisbon."), [q("We are tired,", "Ana", true)]);
    }

    #[test]
    fn a_conjunction_opening_a_sentence_does_not_hide_its_subject() {
        let text = "But Judge Ana Ruiz made clear the witness was afraid. “The man is a wreck,” she said.";
        assert_eq!(quotes(text), [q("The man is a wreck,", "Ana Ruiz", true)]);
        // Must not change: a sentence opening with another word names no one.
        let text = "Still the witness was afraid. “The man is a wreck,” she said.";
        assert_eq!(quotes(text), [q("The man is a wreck,", "she", true)]);
    }

    #[test]
    fn a_description_with_a_list_in_it_follows_the_name_it_describes() {
        assert_eq!(
            quotes("Ana Ruiz, the port's head of safety, training and hiring, said the cuts “will cost lives.”"),
            [q("will cost lives.", "Ana Ruiz", true)]
        );
        // A degree after a name is not the apposition.
        let text = "Ben Lee, MD, a surgeon at the clinic, said the plan was sound. “It works,” he said.";
        assert_eq!(quotes(text), [q("It works,", "Ben Lee", true)]);
        // Must not change: a place before the description is no name in apposition.
        assert_eq!(
            quotes("In Lyon, the port's head of safety, training and hiring, said the cuts “will cost lives.”"),
            [q("will cost lives.", "the port's head of safety", true)]
        );
    }

    #[test]
    fn a_tag_after_the_rest_of_the_clause_is_inverted() {
        assert_eq!(
            quotes("“We need to set aside” the plan, said Mayor Ana Ruiz on Monday."),
            [q("We need to set aside", "Ana Ruiz", true)]
        );
        // Must not change: a name before the comma is the subject, and a tag with no name after its verb.
        assert_eq!(quotes("“We are done,” Ana Ruiz, a docker, said Tuesday."), [q("We are done,", "Ana Ruiz", true)]);
        assert_eq!(
            quotes("“We need to set aside” the plan, said the mayor."),
            [q("We need to set aside", "the plan", true)]
        );
        // A tag with its subject first after the rest of the clause.
        let text = "Ana Ruiz spoke. “Ben is a wise choice” for the job, she said.";
        assert_eq!(quotes(text), [q("Ben is a wise choice", "Ana Ruiz", true)]);
        assert_eq!(
            quotes("“Ben is a wise choice” for the job, Ana Ruiz said."),
            [q("Ben is a wise choice", "Ana Ruiz", true)]
        );
        // Must not change: a description after the comma names no one here, a quotation ending in a stop of its own
        // is no part of the clause, and a verb with words after it is no tag.
        assert_eq!(quotes("When Lee yelled, “Stop!” it was clear, she said."), [q("Stop!", "", false)]);
        assert_eq!(
            quotes("Instead of its “vague” lines on maps, Ana Ruiz insisted that they draw new ones."),
            [q("vague", "", false)]
        );
        assert_eq!(
            quotes("“Ben is a wise choice” for the job, the paper said."),
            [q("Ben is a wise choice", "", false)]
        );
    }

    #[test]
    fn a_participle_with_no_comma_takes_the_subject_of_its_sentence() {
        assert_eq!(
            quotes("A senior official downplayed the strike saying that “it changes nothing.”"),
            [q("it changes nothing.", "A senior official", true)]
        );
        // Must not change: "with X saying" names its own speaker.
        assert_eq!(
            quotes("The talks ended with Ana Ruiz saying that “it changes nothing.”"),
            [q("it changes nothing.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_verb_in_the_past_before_a_colon_hands_the_words_to_its_subject() {
        assert_eq!(quotes("Asked again, Mr. Lee demurred: “No comment.”"), [q("No comment.", "Lee", true)]);
        // Must not change: a description before a colon names no speaker, and one that is the subject of a verb
        // before it leaves the words to the reporting verb.
        assert_eq!(quotes("The plan was revealed: “no deal” for now."), [q("no deal", "", true)]);
        assert_eq!(quotes("Ana Ruiz said the plan was rejected: “no deal.”"), [q("no deal.", "Ana Ruiz", true)]);
    }

    #[test]
    fn a_pronoun_stands_for_the_subject_of_an_opening_clause_of_its_own_sentence() {
        assert_eq!(
            quotes("When Ana Ruiz hired Lee, she called him a “perfect fit” for the job."),
            [q("perfect fit", "Ana Ruiz", true)]
        );
        // Must not change: a name in the main clause comes first, and a clause inside the quotation is the speaker's.
        let text = "Ben Lee met the press. “When Ana Ruiz left, we stayed,” he said.";
        assert_eq!(quotes(text), [q("When Ana Ruiz left, we stayed,", "Ben Lee", true)]);
        assert_eq!(
            quotes("When Ana Ruiz hired him, Ben Lee said he was a “perfect fit” for the job."),
            [q("perfect fit", "Ben Lee", true)]
        );
    }

    #[test]
    fn a_participle_opening_the_sentence_shares_the_subject_after_the_quotation() {
        assert_eq!(
            quotes("Calling it an “assault on the port,” the Dockers Union filed suit on Friday."),
            [q("assault on the port,", "Dockers Union", true)]
        );
        assert_eq!(
            quotes("Calling it an “assault” on the port, the Dockers Union filed suit."),
            [q("assault", "Dockers Union", true)]
        );
        // Must not change: a participle later in the sentence keeps the sentence's subject.
        assert_eq!(
            quotes("The Dockers Union filed suit, calling it an “assault,” and the port shut."),
            [q("assault,", "Dockers Union", true)]
        );
    }

    #[test]
    fn verbs_of_praise_and_scorn_hand_words_to_their_subject() {
        assert_eq!(
            quotes("Ana Ruiz touted the deal as having “grown stronger.”"),
            [q("grown stronger.", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("Ben Lee chided “lazy dockers” on the radio."), [q("lazy dockers", "Ben Lee", true)]);
        assert_eq!(quotes("Dockers chanted “no more cuts” all day."), [q("no more cuts", "Dockers", true)]);
        // Must not change: a verb of no speech hands nothing over, and chants heard are not the hearer's.
        assert_eq!(quotes("Ana Ruiz left to chants of “one more year.”"), [q("one more year.", "", false)]);
        assert_eq!(quotes("Ana Ruiz signed the “new deal” today."), [q("new deal", "", false)]);
    }

    #[test]
    fn a_name_in_apposition_inside_an_opening_phrase_is_not_the_subject() {
        let text = "After reports about his lawyer, Ana Ruiz, and a book by Ben Lee, the man he fired, Mr. Park \
                    hailed the port chief, whom he called a “fine man.”";
        assert_eq!(quotes(text), [q("fine man.", "Park", true)]);
        // Must not change: a name after an opening phrase is the subject, and so is one with an apposition, or
        // one with a possessive after it.
        let text = "In a note sent by Mr. Lee, Ana Ruiz, Mr. Lee's lawyer, said he called it a “sham.”";
        assert_eq!(quotes(text), [q("sham.", "Ana Ruiz", true)]);
        assert_eq!(
            quotes("In Lyon, Ana Ruiz met the port chief, whom she called a “fine man.”"),
            [q("fine man.", "Ana Ruiz", true)]
        );
        assert_eq!(
            quotes("In Lyon, Ana Ruiz, the mayor, met the port chief, whom she called a “fine man.”"),
            [q("fine man.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_generational_suffix_in_figures_ends_a_name() {
        // A name, which the pronoun then stands for.
        let text = "“He was clever,” said Ben R. Lee 3rd, a former agent. “It was over,” he said.";
        assert_eq!(
            quotes(text),
            [q("He was clever,", "Ben R. Lee 3rd", true), q("It was over,", "Ben R. Lee 3rd", true)]
        );
        // Must not change: an ordinal after a description is no name.
        let text = "Ana Ruiz spoke first. “He was clever,” said the 3rd, a former agent.";
        assert_eq!(quotes(text), [q("He was clever,", "the 3rd", true)]);
    }

    #[test]
    fn a_capitalised_word_of_speech_inside_a_name_is_not_the_tag_verb() {
        assert_eq!(
            quotes("“We expected it,” Ohio State president Ana Ruiz said on Monday."),
            [q("We expected it,", "Ana Ruiz", true)]
        );
        // Must not change: the verb after a name.
        assert_eq!(quotes("“We expected it,” Ana Ruiz states."), [q("We expected it,", "Ana Ruiz", true)]);
    }

    #[test]
    fn modals_and_the_noun_state_do_not_make_speakers() {
        assert_eq!(
            quotes("Ana Ruiz may tell the council that “now is the time.”"),
            [q("now is the time.", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("The United States showed “complicity” there."), [q("complicity", "", false)]);
    }

    #[test]
    fn chained_and_colon_quotations_are_attributed() {
        assert_eq!(
            quotes("Officials dismissed the plan as “unacceptable” and “disappointing” today."),
            [q("unacceptable", "Officials", true), q("disappointing", "Officials", true)]
        );
        assert_eq!(quotes("The answer: “no deal” for now."), [q("no deal", "", true)]);
        assert_eq!(quotes("Then Ana Ruiz: “no deal” for now."), [q("no deal", "Ana Ruiz", true)]);
    }

    #[test]
    fn unattributed_quotations_have_no_speaker() {
        assert_eq!(quotes("They rebranded it as a “strategic pause” this week."), [q("strategic pause", "", false)]);
        assert_eq!(quotes("The \"peace plan\" was never published."), [q("peace plan", "", false)]);
        assert_eq!(quotes("It was a ‘temporary’ measure, the firm’s third."), [q("temporary", "", false)]);
        assert_eq!(quotes("Nobody read 'Conquest and settlement' twice."), [q("Conquest and settlement", "", false)]);
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        assert!(quotes("The players' union and the firm’s owners don’t agree; it's 'tis season.").is_empty());
    }

    #[test]
    fn a_quotation_left_open_runs_to_the_end_of_the_paragraph_and_nested_quotes_are_part_of_it() {
        let doc =
            Document::from_plain("t.txt", "He said: “We will go on, and the word ‘truce’ means nothing.\n\nNext.");
        let qs = of_document(&doc);
        assert_eq!(qs.len(), 1);
        assert_eq!(&doc.text[qs[0].inner.clone()], "We will go on, and the word ‘truce’ means nothing.");
    }

    #[test]
    fn a_stray_straight_mark_does_not_pair_across_two_quotations() {
        let text = "One stray\" mark. He wanted \"to prove it.\" Jones wrote that \"it was up to him.\"";
        let found: Vec<String> = quotes(text).into_iter().map(|(t, _, _)| t).collect();
        assert_eq!(found, ["to prove it.", "it was up to him."]);
    }

    #[test]
    fn a_closing_mark_with_a_misplaced_space_still_closes_its_quotation() {
        // Detokenised or carelessly pasted text: the space before the closing mark, not after it.
        let text = r#""It is hard to hit, "Lee said. "He was fast all night. " The crowd left."#;
        assert_eq!(quotes(text), [q("It is hard to hit, ", "Lee", true), q("He was fast all night. ", "Lee", true)]);
        let text = r#""We lost everything. It was a terrible day, "says a source. Police said little."#;
        assert_eq!(quotes(text), [q("We lost everything. It was a terrible day, ", "a source", true)]);
        // Well-set straight marks keep their reading.
        let text = r#"Ana Ruiz said, "No." Lee said, "Yes." Nobody had read the "peace plan" before."#;
        assert_eq!(quotes(text), [q("No.", "Ana Ruiz", true), q("Yes.", "Lee", true), q("peace plan", "", false)]);
    }

    #[test]
    fn a_single_closing_mark_after_a_stop_and_a_space_closes_its_quotation() {
        let text = "'We lost everything. There was blood, ' said Ana Ruiz. Lee told them, 'Stop. ' They ran.";
        assert_eq!(
            quotes(text),
            [q("We lost everything. There was blood, ", "Ana Ruiz", true), q("Stop. ", "Lee", true)]
        );
        // A spaced apostrophe is no closing mark, and a mark after a space with no stop before it is none either.
        assert_eq!(quotes("‘It ’ s a trap, ’ Lee said."), [q("It ’ s a trap, ", "Lee", true)]);
        assert!(quotes("The players ' union met; the firm ' s owners did not.").is_empty());
    }

    #[test]
    fn a_short_single_quotation_may_close_with_a_space_before_its_mark() {
        assert_eq!(quotes("He was known as 'Old Lantern ' in the reports."), [q("Old Lantern ", "", false)]);
        assert_eq!(quotes("The river was 'far too high ', Ana Ruiz said."), [q("far too high ", "Ana Ruiz", true)]);
        // Unchanged: a spaced possessive with no quotation open, a lone letter, and a longer run that a stray mark
        // opens.
        assert_eq!(quotes("They played rock 'n ' roll all night."), quotes("They played rock 'n roll all night."));
        assert_eq!(quotes("The States ' oldest port was 'closed' then."), [q("closed", "", false)]);
        assert_eq!(
            quotes("It was 'a very long night for all of us ' then."),
            quotes("It was 'a very long night for all of us then.")
        );
    }

    #[test]
    fn a_quotation_opened_with_a_curly_mark_may_close_with_a_straight_one() {
        let text = "Ana Ruiz met the press. “We lost the match, \"she says. \"And we lost the cup.”";
        assert_eq!(
            quotes(text),
            [q("We lost the match, ", "Ana Ruiz", true), q("And we lost the cup.", "Ana Ruiz", true)]
        );
        // Must not change: an opening mark inside a curly quotation opens its next paragraph, and a straight mark
        // never closed does not run on over the curly quotations after it.
        assert_eq!(quotes("“We lost. “We won,” Ana Ruiz said."), [q("We lost. “We won,", "Ana Ruiz", true)]);
        let text = "He called it \"a joke. Then “We lost,” Ana Ruiz said. “It hurts,” she said.";
        assert_eq!(quotes(text), [q("We lost,", "Ana Ruiz", true), q("It hurts,", "Ana Ruiz", true)]);
    }

    #[test]
    fn an_abbreviated_rank_is_part_of_the_name_it_precedes() {
        assert_eq!(quotes("“We were robbed,” said Det. Ana Ruiz."), [q("We were robbed,", "Ana Ruiz", true)]);
        assert_eq!(
            quotes("“We were robbed,” said Dist. Atty. Ana Ruiz. Ben Lee left."),
            [q("We were robbed,", "Ana Ruiz", true)]
        );
        // Must not change: a title the text spells out.
        assert_eq!(quotes("“We were robbed,” said Mayor Ana Ruiz."), [q("We were robbed,", "Ana Ruiz", true)]);
    }

    #[test]
    fn a_time_or_an_adverb_of_frequency_is_no_part_of_a_name() {
        assert_eq!(
            quotes("“We were robbed,” said Ana Ruiz yesterday. “It hurts.”"),
            [q("We were robbed,", "Ana Ruiz", true), q("It hurts.", "Ana Ruiz", true)]
        );
        assert_eq!(quotes("Ana Ruiz often speaks of “grit” on the pitch."), [q("grit", "Ana Ruiz", true)]);
        // Must not change: a name the tag ends with.
        assert_eq!(quotes("“We were robbed,” said Ana Ruiz."), [q("We were robbed,", "Ana Ruiz", true)]);
    }

    #[test]
    fn an_age_with_spaced_hyphens_before_a_name_is_no_speaker() {
        assert_eq!(
            quotes("“We were robbed,” said 61 - year - old Ana Ruiz, a docker."),
            [q("We were robbed,", "Ana Ruiz", true)]
        );
        // Must not change: an age written as one word.
        assert_eq!(
            quotes("“We were robbed,” said 61-year-old Ana Ruiz, a docker."),
            [q("We were robbed,", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_person_of_the_organisation_is_the_person() {
        assert_eq!(
            quotes("“We were robbed,” said Ana Ruiz of the Harbour Trust, a charity. “It hurts.”"),
            [q("We were robbed,", "Ana Ruiz", true), q("It hurts.", "Ana Ruiz", true)]
        );
        // Must not change: an organisation with no person before it.
        assert_eq!(
            quotes("“We were robbed,” said the head of the Harbour Trust."),
            [q("We were robbed,", "Harbour Trust", true)]
        );
    }

    #[test]
    fn a_statement_after_in_leaves_the_words_to_the_verb_before_it() {
        assert_eq!(
            quotes("Ana Ruiz and Ben Lee said in a statement: “We were robbed.”"),
            [q("We were robbed.", "Ben Lee", true)]
        );
        // Must not change: a statement with no verb of its own hands the words to no one named.
        assert_eq!(quotes("In a statement: “We were robbed.”"), [q("We were robbed.", "", true)]);
    }

    #[test]
    fn a_message_given_out_before_a_colon_is_the_giver_s() {
        assert_eq!(
            quotes("Ana Ruiz sent out the following message on her feed: “We won the cup.”"),
            [q("We won the cup.", "Ana Ruiz", true)]
        );
        let text = "Ana Ruiz won the award. She released a short response to the honour: “I am thrilled.”";
        assert_eq!(quotes(text), [q("I am thrilled.", "Ana Ruiz", true)]);
        // Must not change: words received are not the receiver's.
        assert_eq!(
            quotes("Ana Ruiz received the following message on her feed: “We won the cup.”"),
            [q("We won the cup.", "", true)]
        );
    }

    #[test]
    fn a_reporting_word_spent_inside_dashes_hands_nothing_after_them() {
        let text = "Ana Ruiz told the paper after the hearing — where Ben Lee said the man was “on his way” to court — \
                    “He has left the country.”";
        assert_eq!(quotes(text), [q("on his way", "Ben Lee", true), q("He has left the country.", "Ana Ruiz", true)]);
        // Must not change: a tag between dashes with no quotation of its own there.
        let text = "The plan — Ana Ruiz said — was “dead on arrival.”";
        assert_eq!(quotes(text), [q("dead on arrival.", "Ana Ruiz", true)]);
    }

    #[test]
    fn an_and_inside_a_name_does_not_end_the_subject_of_a_tag() {
        assert_eq!(
            quotes("“The port is shut,” Harbour and Rail Board deputy director Ana Ruiz told the paper."),
            [q("The port is shut,", "Ana Ruiz", true)]
        );
        // Must not change: an "and" between two subjects of their own is no part of a name.
        assert_eq!(
            quotes("“The port is shut,” the mayor and Ana Ruiz told the paper."),
            [q("The port is shut,", "", false)]
        );
        assert_eq!(
            quotes("Lee cited the “memo” alleging ties between Ruiz and Lyon, he said."),
            [q("memo", "Lee", true)]
        );
    }

    #[test]
    fn a_tag_after_the_last_quotation_of_a_sentence_is_that_of_the_chain_before_it() {
        let text = "Ben Lee insisted the club \"is in good shape.\" \"We won\" because of \"grit\" and because we \"never \
                    gave up,\" Ana Ruiz said.";
        assert_eq!(
            quotes(text),
            [
                q("is in good shape.", "Ben Lee", true),
                q("We won", "Ana Ruiz", true),
                q("grit", "Ana Ruiz", true),
                q("never gave up,", "Ana Ruiz", true)
            ]
        );
        // Must not change: a quotation with a tag of its own keeps it.
        let text = "Ben Lee insisted the club \"is in good shape.\" \"We won,\" Ben Lee added, and the fans sang \"never \
                    give up,\" Ana Ruiz said.";
        assert_eq!(
            quotes(text),
            [
                q("is in good shape.", "Ben Lee", true),
                q("We won,", "Ben Lee", true),
                q("never give up,", "Ana Ruiz", true)
            ]
        );
    }

    #[test]
    fn a_clause_opened_by_a_subordinator_after_a_quotation_is_no_tag() {
        assert_eq!(
            quotes(
                "Ben Lee told the paper there was “no foul” while Ana Ruiz, the referee, said “it was a foul” anyway."
            ),
            [q("no foul", "Ben Lee", true), q("it was a foul", "Ana Ruiz", true)]
        );
        // Must not change: a tag right after the quotation.
        assert_eq!(
            quotes("Ben Lee said there was “no foul,” Ana Ruiz, the referee, said."),
            [q("no foul,", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_verb_ending_the_sentence_before_a_quotation_has_its_subject_before_it() {
        assert_eq!(
            quotes("The match was close, Ana Ruiz, the coach of the club, says. “We won on grit.”"),
            [q("We won on grit.", "Ana Ruiz", true)]
        );
        // Must not change: an inverted tag names the speaker after its verb.
        assert_eq!(
            quotes("The match was close, says Ana Ruiz, the coach. “We won on grit.”"),
            [q("We won on grit.", "Ana Ruiz", true)]
        );
    }

    #[test]
    fn a_sentence_of_thousands_of_quotes_is_read_once() {
        let text = "the “pause” and ".repeat(20_000);
        let doc = Document::from_plain("t.txt", &text);
        assert_eq!(of_document(&doc).len(), 20_000);
    }
}
