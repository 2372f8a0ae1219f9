//! What the matcher knows about every sentence of the loaded documents, and
//! how rare each word, name and figure is among them (inverse document
//! frequency over sentences: in a corpus about Gaza, "Hamas" is common and
//! weighs little, "Witkoff" or "59 hostages" weigh a lot).

use std::ops::Range;
use std::sync::LazyLock;

use super::SentenceRef;
use super::clauses::clauses as split_clauses;
use super::embed::{self, DIMS};
use super::entities::{Capitalisation, entity_keys};
use super::numbers::quantities;
use super::quotes::quotations;
use super::tokens::{data_lines, is_function_word, is_stopword};
use crate::document::Document;
use crate::words::FastMap;
use crate::words::{Forms, Word, key, words_with};

/// Sentences with fewer words, or fewer content words, say too little to link.
const MIN_WORDS: usize = 5;
const MIN_CONTENT_WORDS: usize = 3;
/// A shorter sentence is a candidate only where its words recur verbatim in another document;
/// one word ("Yes.") recurs by chance.
const MIN_PIECE_WORDS: usize = 2;
/// How many words in a row, quoted in both sentences, make the same quotation: six words
/// ("It would never have been made") are a statement, not a phrase both outlets might use.
pub const QUOTED_RUN: usize = 6;
/// Marks that open or close a quotation (’ is mostly an apostrophe, ' too).
const QUOTE_MARKS: [char; 7] = ['"', '“', '”', '„', '«', '»', '‘'];
/// Page furniture ("Table of Contents Toggle", donation appeals) is only recognised in sentences this short.
const BOILERPLATE_MAX_WORDS: usize = 25;

static BOILERPLATE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../assets/claims/boilerplate.txt")).collect());

/// A figure: the key of its value and the stems that may name what it counts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Figure {
    pub value: u32,
    pub units: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct SentenceFeatures {
    /// Content-word stems, sorted, unique.
    pub terms: Vec<u32>,
    /// The content-word stems outside names and figures (what is said or done, not who or
    /// where), sorted, unique.
    pub evidence_terms: Vec<u32>,
    /// By word of `terms`: whether it is in `evidence_terms`.
    pub is_evidence: Vec<bool>,
    /// The keys of all words, function words included, sorted, unique: a repeated quotation
    /// ("It would never have been made") may have one content word.
    pub all_words: Vec<u32>,
    /// The keys of all words in their order: where a short piece's words recur (see [`super::index`]).
    pub sequence: Vec<u32>,
    /// Too short to be a candidate on its own, but a piece whose words may recur verbatim in
    /// another document ("It's insane.", a quotation cut into its sentences).
    pub short_piece: bool,
    /// Holds a quotation mark: a short piece beside such a sentence is part of a quotation.
    pub quote_mark: bool,
    /// Σ idf² over `terms`, and over `entities`.
    pub terms_mass: f32,
    pub entities_mass: f32,
    /// Entity keys (full names and last words), sorted, unique.
    pub entities: Vec<u32>,
    /// Each entity key with the key of its name's last word and its number of words, sorted:
    /// "Donald Trump" and "Trump" are one name, one piece of evidence.
    pub entity_names: Vec<(u32, u32, usize)>,
    /// Stems of the words inside names, sorted, unique: "Prime" in "Prime Minister Netanyahu"
    /// is part of the name, not a second shared word.
    pub name_terms: Vec<u32>,
    pub figures: Vec<Figure>,
    /// Content-word stems of each quotation.
    pub quotes: Vec<Vec<u32>>,
    /// Every run of [`QUOTED_RUN`] words inside a quotation, function words included, sorted, unique:
    /// the same statement quoted by two outlets may hold no content word ("It would never have been made").
    pub quoted_runs: Vec<[u32; QUOTED_RUN]>,
    /// IDF-weighted mean of the word vectors, unit length (zero when no word has one).
    pub meaning: [f32; DIMS],
    pub content_words: usize,
    /// Long enough and not page furniture.
    pub eligible: bool,
}

impl Default for SentenceFeatures {
    fn default() -> Self {
        SentenceFeatures {
            terms: Vec::new(),
            evidence_terms: Vec::new(),
            is_evidence: Vec::new(),
            all_words: Vec::new(),
            sequence: Vec::new(),
            short_piece: false,
            quote_mark: false,
            terms_mass: 0.0,
            entities_mass: 0.0,
            entities: Vec::new(),
            entity_names: Vec::new(),
            name_terms: Vec::new(),
            figures: Vec::new(),
            quotes: Vec::new(),
            quoted_runs: Vec::new(),
            meaning: [0.0; DIMS],
            content_words: 0,
            eligible: false,
        }
    }
}

/// The interned keys of a corpus and their weights.
#[derive(Debug, Default)]
pub struct Corpus {
    pub refs: Vec<SentenceRef>,
    pub sentences: Vec<SentenceFeatures>,
    /// Clauses of the sentences that carry more than one claim, each sentence's together.
    pub clauses: Vec<Clause>,
    /// By sentence: its clauses in `clauses` (empty when it is one clause).
    clauses_of: Vec<Range<u32>>,
    /// By key: ln(1 + N / df), N the number of sentences.
    pub idf: Vec<f32>,
    /// By key: the smoothed IDF ln((1 + N) / (1 + df)) + 1, with which alignments weigh words:
    /// it keeps the story's common words ("nuclear", "deal") in the sums, at a low weight.
    pub align_weight: Vec<f32>,
    /// By key: the static vector of the word it was first seen as (none for names' "@" keys and figures).
    pub vectors: Vec<Option<[f32; DIMS]>>,
    /// By key: the number of sentences holding it.
    pub df: Vec<u32>,
    /// By key: a word written in digits ("7", "60-day"), which is also a figure.
    pub numeric: Vec<bool>,
    /// ln(1 + N): the weight of a key found in one sentence.
    pub max_idf: f32,
    keys: FastMap<String, u32>,
}

#[derive(Default)]
struct Interner {
    ids: FastMap<String, u32>,
}

impl Interner {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(key.to_string(), next);
        next
    }
}

/// The keys being interned, with the stem key of each name word remembered: name words come
/// as lower-case strings, and stemming is the costliest step per word.
#[derive(Default)]
struct Keys {
    interner: Interner,
    stems: FastMap<String, u32>,
}

impl Keys {
    fn id(&mut self, key: &str) -> u32 {
        self.interner.id(key)
    }

    fn stem_id(&mut self, lower: &str) -> u32 {
        match self.stems.get(lower) {
            Some(&id) => id,
            None => {
                let id = self.interner.id(&key(lower));
                self.stems.insert(lower.to_string(), id);
                id
            }
        }
    }
}

/// The most clauses a sentence is cut into. The evidence gate weighs every pairing of the clauses
/// of two sentences, so its work grows with the product of their counts: a hostile sentence of
/// thousands of clauses would take seconds. No sentence of the dev sets (ECB+, the same-story set,
/// the seeds) has more than 7.
pub const MAX_CLAUSES: usize = 12;

/// `clauses` with everything from the [`MAX_CLAUSES`]th on joined into one.
fn bounded(mut clauses: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if clauses.len() > MAX_CLAUSES {
        let end = clauses[clauses.len() - 1].end;
        clauses.truncate(MAX_CLAUSES);
        clauses[MAX_CLAUSES - 1].end = end;
    }
    clauses
}

/// A clause of a sentence that carries more than one claim (see [`super::clauses`]).
#[derive(Clone, Debug)]
pub struct Clause {
    /// Byte range into its sentence's text.
    pub range: Range<usize>,
    pub features: SentenceFeatures,
}

/// Per content word of a sentence or clause: its index among the words, and its key.
type Content = Vec<(usize, u32)>;
/// A clause's words and its [`Content`].
type ClauseWords = (Vec<Word>, Content);

/// Everything but the weights, which need the whole corpus: the features, and per content
/// word its index among the words and its stem's key, for the embedding.
/// `quoted` are the quoted words in `text` (byte ranges into it), as the whole paragraph pairs the marks.
fn features(
    text: &str,
    ws: &[Word],
    quoted: &[Range<usize>],
    caps: &Capitalisation,
    keys: &mut Keys,
) -> (SentenceFeatures, Content) {
    let mut f = SentenceFeatures::default();
    let mut words_here = Vec::new();
    let mut numbers = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let id = keys.id(&w.key);
        f.all_words.push(id);
        f.sequence.push(id);
        if !is_function_word(w) {
            f.terms.push(id);
            words_here.push((i, id));
            if w.is_number() {
                numbers.push(id);
            }
        }
    }
    f.content_words = f.terms.len();
    for k in entity_keys(text, ws, caps) {
        let last = k.rsplit(' ').next().unwrap_or(&k);
        let last_id = keys.id(&format!("@{last}"));
        for w in k.split(' ').filter(|w| !is_stopword(w)) {
            f.name_terms.push(keys.stem_id(w));
        }
        let id = keys.id(&format!("@{k}"));
        f.entities.push(id);
        f.entity_names.push((id, last_id, k.split(' ').count()));
    }
    f.figures = quantities(ws)
        .into_iter()
        .map(|q| Figure {
            value: keys.id(&format!("#{}", q.value)),
            units: q.units.into_iter().map(|u| keys.id(&u)).collect(),
        })
        .collect();
    f.quotes = quoted
        .iter()
        .map(|r| {
            let mut q: Vec<u32> = ws
                .iter()
                .filter(|w| w.range.start >= r.start && w.range.end <= r.end && !is_function_word(w))
                .map(|w| keys.id(&w.key))
                .collect();
            q.sort_unstable();
            q.dedup();
            q
        })
        .filter(|q| !q.is_empty())
        .collect();
    for r in quoted {
        let inside: Vec<(&Word, u32)> = ws
            .iter()
            .zip(f.sequence.iter().copied())
            .filter(|(w, _)| r.start <= w.range.start && w.range.end <= r.end)
            .collect();
        if is_title(text, inside.iter().map(|(w, _)| *w)) {
            continue;
        }
        let keys: Vec<u32> = inside.iter().map(|(_, k)| *k).collect();
        f.quoted_runs.extend(
            keys.windows(QUOTED_RUN).map(|w| <[u32; QUOTED_RUN]>::try_from(w).expect("a window of QUOTED_RUN")),
        );
    }
    f.quoted_runs.sort_unstable();
    f.quoted_runs.dedup();
    let boilerplate = is_boilerplate(text, ws.len());
    f.eligible = ws.len() >= MIN_WORDS && f.content_words >= MIN_CONTENT_WORDS && !boilerplate;
    // A piece that starts or ends with a figure is mostly a decimal cut in two ("… $1." "9 million.").
    let figure_at_edge = ws.first().is_some_and(Word::is_number) || ws.last().is_some_and(Word::is_number);
    f.quote_mark = text.contains(QUOTE_MARKS) || text.contains("``") || text.contains("''");
    f.short_piece = !f.eligible
        && ws.len() >= MIN_PIECE_WORDS
        && f.content_words > numbers.len()
        && !figure_at_edge
        && !boilerplate;
    f.entity_names.sort_unstable();
    for v in [&mut f.terms, &mut f.entities, &mut f.name_terms, &mut f.all_words] {
        v.sort_unstable();
        v.dedup();
    }
    // A figure's digits count with the figure, a name's words with the name.
    f.is_evidence = f.terms.iter().map(|t| f.name_terms.binary_search(t).is_err() && !numbers.contains(t)).collect();
    f.evidence_terms = f.terms.iter().zip(&f.is_evidence).filter(|(_, e)| **e).map(|(t, _)| *t).collect();
    f.figures.sort_unstable();
    f.figures.dedup();
    (f, words_here)
}

/// The static vector of each lower-case form met, looked up once (a WordPiece split).
type FormVectors = FastMap<String, Option<[f32; DIMS]>>;

/// Fills in what needs the weights: the masses and the IDF-weighted mean word vector.
fn weigh(f: &mut SentenceFeatures, content: &[(usize, u32)], ws: &[Word], idf: &[f32], vectors: &mut FormVectors) {
    f.terms_mass = mass(&f.terms, idf);
    f.entities_mass = mass(&f.entities, idf);
    let model = embed::model();
    let mut sum = [0f32; DIMS];
    for (i, id) in content {
        let lower = &ws[*i].lower;
        let v = match vectors.get(&**lower) {
            Some(v) => v,
            None => vectors.entry(lower.to_string()).or_insert_with(|| model.word(lower)),
        };
        if let Some(v) = v {
            let w = idf[*id as usize];
            sum.iter_mut().zip(v.iter()).for_each(|(s, x)| *s += w * x);
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    f.meaning = sum;
}

/// [`weigh`] for each sentence of `sentences` (with its content words and words, in step) and each
/// clause of `clauses` (likewise); the vectors of the forms met are returned.
fn weigh_all(
    sentences: &mut [SentenceFeatures],
    surface: &[Content],
    words: &[Vec<Word>],
    clauses: &mut [Clause],
    clause_words: &[ClauseWords],
    idf: &[f32],
) -> FormVectors {
    let mut vectors = FormVectors::default();
    for ((f, content), ws) in sentences.iter_mut().zip(surface).zip(words) {
        weigh(f, content, ws, idf, &mut vectors);
    }
    for (c, (ws, content)) in clauses.iter_mut().zip(clause_words) {
        weigh(&mut c.features, content, ws, idf, &mut vectors);
    }
    vectors
}

/// A share of the corpus's sentences tokenised on one thread: their words, the forms seen and the
/// capitalisation counted.
struct Tokenised<'d> {
    texts: Vec<&'d str>,
    /// By text: its quoted words (see [`quoted_by_sentence`]).
    quoted: &'d [Vec<Range<usize>>],
    words: Vec<Vec<Word>>,
    forms: Forms,
    caps: Capitalisation,
}

fn tokenise<'d>(texts: &[&'d str], quoted: &'d [Vec<Range<usize>>]) -> Tokenised<'d> {
    // Each distinct form is normalised and stemmed once in the share, clauses included.
    let mut forms = Forms::default();
    let mut caps = Capitalisation::default();
    let words = texts
        .iter()
        .map(|text| {
            let ws = words_with(text, &mut forms);
            caps.observe(text, &ws);
            ws
        })
        .collect();
    Tokenised { texts: texts.to_vec(), quoted, words, forms, caps }
}

/// A share of the sentences described: keys interned in the order a serial pass over the share
/// meets them, and their clauses.
#[derive(Default)]
struct Described {
    keys: Keys,
    sentences: Vec<SentenceFeatures>,
    /// By sentence: its content words (see [`features`]).
    surface: Vec<Content>,
    clauses: Vec<Clause>,
    clause_words: Vec<ClauseWords>,
    clauses_of: Vec<Range<u32>>,
}

fn describe(share: &mut Tokenised, caps: &Capitalisation) -> Described {
    let mut d = Described::default();
    // Clauses are described like sentences but do not count in the weights: a key is as rare
    // as the sentences holding it.
    for ((text, ws), quoted) in share.texts.iter().zip(&share.words).zip(share.quoted) {
        let (f, content) = features(text, ws, quoted, caps, &mut d.keys);
        let first = d.clauses.len() as u32;
        if f.eligible {
            for range in bounded(split_clauses(text)) {
                let cws = words_with(&text[range.clone()], &mut share.forms);
                let in_clause = clipped(quoted, &range);
                let (features, content) = features(&text[range.clone()], &cws, &in_clause, caps, &mut d.keys);
                d.clauses.push(Clause { range, features });
                d.clause_words.push((cws, content));
            }
        }
        d.clauses_of.push(first..d.clauses.len() as u32);
        d.surface.push(content);
        d.sentences.push(f);
    }
    d
}

impl Described {
    /// Appends a later share, its keys renumbered as one serial pass over both shares would have
    /// numbered them: the keys of `self` keep theirs, and the later share's keys new to `self`
    /// follow in the order that share met them, which is the order of its own numbering.
    fn append(&mut self, later: Described) {
        let mut by_id = vec![""; later.keys.interner.ids.len()];
        for (key, &id) in &later.keys.interner.ids {
            by_id[id as usize] = key;
        }
        let global: Vec<u32> = by_id.iter().map(|key| self.keys.id(key)).collect();
        let offset = self.clauses.len() as u32;
        let Described { mut sentences, mut surface, mut clauses, mut clause_words, clauses_of, .. } = later;
        // Each sentence and clause is renumbered on its own: half of each on either thread.
        let sentences_at = sentences.len() / 2;
        let clauses_at = clauses.len() / 2;
        let (s1, s2) = sentences.split_at_mut(sentences_at);
        let (w1, w2) = surface.split_at_mut(sentences_at);
        let (c1, c2) = clauses.split_at_mut(clauses_at);
        let (cw1, cw2) = clause_words.split_at_mut(clauses_at);
        let global = &global[..];
        let renumber_all = |s: &mut [SentenceFeatures], w: &mut [Content], c: &mut [Clause], cw: &mut [ClauseWords]| {
            for (f, content) in s.iter_mut().zip(w) {
                renumber(f, content, global);
            }
            for (c, (_, content)) in c.iter_mut().zip(cw) {
                renumber(&mut c.features, content, global);
            }
        };
        crate::parallel::join(|| renumber_all(s1, w1, c1, cw1), || renumber_all(s2, w2, c2, cw2));
        self.sentences.append(&mut sentences);
        self.surface.append(&mut surface);
        self.clauses.append(&mut clauses);
        self.clause_words.append(&mut clause_words);
        self.clauses_of.extend(clauses_of.into_iter().map(|r| r.start + offset..r.end + offset));
    }
}

/// Quoted words in title case are a title ("The Quiet Clerk: The Story of the Harbour Levy"), which
/// two sentences may name while saying different things: most of its content words start with a capital
/// and go on in lower case (shouted capitals, "NO COLLUSION", are a statement).
fn is_title<'w>(text: &str, words: impl Iterator<Item = &'w Word>) -> bool {
    let (mut content, mut titled) = (0, 0);
    for w in words.filter(|w| !is_function_word(w)) {
        content += 1;
        let written = &text[w.range.clone()];
        titled +=
            usize::from(written.starts_with(char::is_uppercase) && written.chars().skip(1).any(char::is_lowercase));
    }
    content > 0 && titled * 3 >= content * 2
}

/// Renumbers the keys of features built by [`features`] and sorts them again: what a serial
/// pass would have built (the renumbering is one to one, so nothing merges or splits).
fn renumber(f: &mut SentenceFeatures, content: &mut [(usize, u32)], global: &[u32]) {
    let to = |k: &mut u32| *k = global[*k as usize];
    let mut terms: Vec<(u32, bool)> =
        f.terms.iter().map(|&t| global[t as usize]).zip(f.is_evidence.iter().copied()).collect();
    terms.sort_unstable();
    (f.terms, f.is_evidence) = terms.into_iter().unzip();
    f.evidence_terms = f.terms.iter().zip(&f.is_evidence).filter(|(_, e)| **e).map(|(t, _)| *t).collect();
    for v in [&mut f.all_words, &mut f.entities, &mut f.name_terms] {
        v.iter_mut().for_each(to);
        v.sort_unstable();
    }
    f.sequence.iter_mut().for_each(to);
    for (id, last, _) in &mut f.entity_names {
        to(id);
        to(last);
    }
    f.entity_names.sort_unstable();
    for g in &mut f.figures {
        to(&mut g.value);
        g.units.iter_mut().for_each(to);
    }
    f.figures.sort_unstable();
    for q in &mut f.quotes {
        q.iter_mut().for_each(to);
        q.sort_unstable();
    }
    for run in &mut f.quoted_runs {
        run.iter_mut().for_each(to);
    }
    f.quoted_runs.sort_unstable();
    content.iter_mut().for_each(|(_, k)| to(k));
}

/// The parts of `spans` (in order and apart, as quotations are) inside `range`, as byte ranges into it.
/// A document can hold thousands of quotations: the first one reaching into `range` is looked up.
fn clipped(spans: &[Range<usize>], range: &Range<usize>) -> Vec<Range<usize>> {
    let first = spans.partition_point(|q| q.end <= range.start);
    spans[first..]
        .iter()
        .take_while(|q| q.start < range.end)
        .map(|q| q.start.max(range.start) - range.start..q.end.min(range.end) - range.start)
        .collect()
}

/// Per sentence of `docs`, in order, its quoted words as byte ranges into the sentence. The marks
/// are paired over the whole paragraph: a sentence cut from a quotation of several holds one mark
/// or none ("It's ridiculous.", “It would never have been made,” he said), and read alone its
/// closing mark would open a quotation of the speech tag.
fn quoted_by_sentence(docs: &[Document]) -> Vec<Vec<Range<usize>>> {
    docs.iter()
        .flat_map(|d| {
            let spans = crate::quotes::quoted_spans(&d.text, &d.paragraphs);
            d.sentences
                .iter()
                .map(move |s| {
                    let mut quoted = clipped(&spans, s);
                    // ``…'' (the Penn Treebank style of detokenised text such as ECB+'s) are not marks the
                    // quotation finder pairs; an opening `` never closes anything, so the sentence alone
                    // reads them.
                    let text = &d.text[s.clone()];
                    if text.contains("``") {
                        quoted.extend(quotations(text).into_iter().filter(|r| text[..r.start].ends_with("``")));
                        quoted.sort_by_key(|r| r.start);
                    }
                    quoted
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Corpus {
    pub fn build(docs: &[Document]) -> Corpus {
        let texts: Vec<&str> = docs.iter().flat_map(|d| (0..d.sentences.len()).map(|s| d.sentence(s))).collect();
        // Shares of equal text, not of equal sentence counts: a corpus's later documents can be
        // the longer ones (ECB+'s second half of sentences holds more text than its first), and
        // the thread with the lighter share would wait for the other.
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let mut before = 0;
        let at = texts.iter().take_while(|t| {
            before += t.len();
            before * 2 <= total
        });
        Self::build_shared(docs, &texts, at.count())
    }

    /// [`Corpus::build`], the sentences tokenised, described and weighed in two shares, before
    /// `at` and from it, on two threads (the result does not depend on `at`).
    fn build_shared(docs: &[Document], texts: &[&str], at: usize) -> Corpus {
        let quoted = quoted_by_sentence(docs);
        let (first, second) = texts.split_at(at);
        let (quoted_first, quoted_second) = quoted.split_at(at);
        let (mut first, mut second) =
            crate::parallel::join(|| tokenise(first, quoted_first), || tokenise(second, quoted_second));
        // Whether a word is a name depends on the whole corpus's capitalisation.
        let mut caps = std::mem::take(&mut first.caps);
        caps.merge(std::mem::take(&mut second.caps));
        let (mut all, later) = crate::parallel::join(|| describe(&mut first, &caps), || describe(&mut second, &caps));
        all.append(later);
        let Described { keys, mut sentences, surface, mut clauses, clause_words, clauses_of } = all;
        let words: Vec<Vec<Word>> = first.words.into_iter().chain(second.words).collect();
        let refs: Vec<SentenceRef> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| (0..doc.sentences.len()).map(move |s| SentenceRef { doc: d, sentence: s }))
            .collect();
        // Document frequencies: each half of the sentences counted on its own thread, then summed.
        let count = |sentences: &[SentenceFeatures]| {
            let mut df = vec![0u32; keys.interner.ids.len()];
            for f in sentences {
                let figures = f.figures.iter().map(|g| g.value);
                let mut all: Vec<u32> = f.terms.iter().chain(&f.entities).copied().chain(figures).collect();
                all.sort_unstable();
                all.dedup();
                for k in all {
                    df[k as usize] += 1;
                }
            }
            df
        };
        let (first_half, second_half) = sentences.split_at(sentences.len() / 2);
        let (mut df, later) = crate::parallel::join(|| count(first_half), || count(second_half));
        df.iter_mut().zip(later).for_each(|(d, l)| *d += l);
        let n = sentences.len().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d.max(1) as f32).ln()).collect();
        let align_weight: Vec<f32> = df.iter().map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0).collect();
        // Each sentence's and clause's weights are its own: each share's on its thread.
        let (s_at, c_at) = (at, clauses_of.get(at).map_or(clauses.len(), |r| r.start as usize));
        let (s1, s2) = sentences.split_at_mut(s_at);
        let (c1, c2) = clauses.split_at_mut(c_at);
        let (surface, clause_words) = (&surface[..], &clause_words[..]);
        let (first, second) = crate::parallel::join(
            || weigh_all(s1, &surface[..s_at], &words[..s_at], c1, &clause_words[..c_at], &idf),
            || weigh_all(s2, &surface[s_at..], &words[s_at..], c2, &clause_words[c_at..], &idf),
        );
        // A key's vector is that of the form it is first met as, sentences before clauses.
        let mut by_key = vec![None; idf.len()];
        let met = (surface.iter().zip(&words)).chain(clause_words.iter().map(|(ws, content)| (content, ws)));
        for (content, ws) in met {
            for &(i, id) in content {
                if by_key[id as usize].is_none() {
                    let lower = &*ws[i].lower;
                    by_key[id as usize] =
                        *first.get(lower).or_else(|| second.get(lower)).expect("every form met is looked up");
                }
            }
        }
        for v in by_key.iter_mut().flatten() {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|x| *x /= norm);
            }
        }
        let mut numeric = vec![false; keys.interner.ids.len()];
        for (k, &id) in &keys.interner.ids {
            numeric[id as usize] = k.starts_with(|c: char| c.is_ascii_digit());
        }
        Corpus {
            numeric,
            refs,
            sentences,
            clauses,
            clauses_of,
            idf,
            align_weight,
            vectors: by_key,
            df,
            max_idf: (1.0 + n).ln(),
            keys: keys.interner.ids,
        }
    }

    /// The clauses of sentence `i`, when it carries more than one claim.
    pub fn clauses_of(&self, i: usize) -> &[Clause] {
        let r = &self.clauses_of[i];
        &self.clauses[r.start as usize..r.end as usize]
    }

    /// The weight of a key: a stem, "@name" or "#figure".
    pub fn weight(&self, key: &str) -> Option<f32> {
        self.keys.get(key).map(|&k| self.idf[k as usize])
    }
}

/// Σ idf² over keys.
pub fn mass(keys: &[u32], idf: &[f32]) -> f32 {
    keys.iter().map(|&k| idf[k as usize] * idf[k as usize]).sum()
}

/// Page furniture ("Please consider supporting our mission"): never linked, and no claim of its own.
pub(crate) fn is_boilerplate(text: &str, word_count: usize) -> bool {
    if word_count > BOILERPLATE_MAX_WORDS {
        return false;
    }
    let lower = text.to_lowercase();
    BOILERPLATE.iter().any(|b| lower.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        let docs: Vec<Document> = texts.iter().map(|t| Document::from_plain("t.txt", t)).collect();
        Corpus::build(&docs)
    }

    /// Everything a corpus holds, its keys in a fixed order (a map's iteration order may vary).
    fn contents(c: &Corpus) -> String {
        let mut keys: Vec<_> = c.keys.iter().collect();
        keys.sort();
        format!(
            "{:?}",
            (
                &c.refs,
                &c.sentences,
                &c.clauses,
                &c.clauses_of,
                &c.idf,
                &c.align_weight,
                &c.vectors,
                &c.df,
                &c.numeric,
                c.max_idf,
                keys
            )
        )
    }

    #[test]
    fn the_corpus_is_the_same_wherever_the_threads_share_it() {
        // Names written in lower case in one share and capitalised in the other, figures, quotes,
        // a sentence that splits into clauses, words repeated across the shares and words new in each.
        let docs: Vec<Document> = [
            "Senior officials in Doha said 59 hostages remain. The envoy Witkoff met the mediators on Sunday; \
             the delegation stayed behind in Cairo for three more days of talks.",
            "Mediators said the talks in Doha would resume. “It is a red line,” Zuhri told the station, \
             and senior negotiators flew home after 12 hours.",
            "The senior envoy Witkoff arrived in Cairo with 59 names on a list. Nothing moved; the station reported \
             that the mediators would meet again on Monday in Doha.",
        ]
        .iter()
        .map(|t| Document::from_plain("t.txt", t))
        .collect();
        let texts: Vec<&str> = docs.iter().flat_map(|d| (0..d.sentences.len()).map(|s| d.sentence(s))).collect();
        assert!(texts.len() >= 6);
        let serial = contents(&Corpus::build_shared(&docs, &texts, texts.len()));
        assert!(!Corpus::build_shared(&docs, &texts, texts.len()).clauses.is_empty(), "some sentence splits");
        for at in 0..texts.len() {
            assert_eq!(contents(&Corpus::build_shared(&docs, &texts, at)), serial, "shares split before sentence {at}");
        }
    }

    #[test]
    fn common_words_weigh_less_than_rare_ones() {
        let c = corpus(&[
            "Hamas rejected the truce offer from Cairo. Hamas met mediators in Doha on Sunday.",
            "Mediators said Hamas and the envoy Witkoff had left. Hamas leaders gathered again.",
        ]);
        let hamas = c.weight(&crate::words::key("hamas")).unwrap();
        assert!(hamas < c.weight(&crate::words::key("cairo")).unwrap());
        assert!(c.weight("@witkoff").unwrap() > c.weight("@hamas").unwrap());
    }

    #[test]
    fn short_and_boilerplate_sentences_are_not_eligible() {
        let c = corpus(&["Table of Contents Toggle. Thanks. The envoy met both negotiating teams in Doha on Sunday."]);
        let eligible: Vec<bool> = c.sentences.iter().map(|s| s.eligible).collect();
        assert_eq!(eligible, [false, false, true]);
    }

    #[test]
    fn figures_and_quotes_are_interned() {
        let c = corpus(&["Hamas holds 59 hostages, an official said, calling disarmament “a red line”."]);
        let s = &c.sentences[0];
        assert_eq!(s.figures.len(), 1);
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].len(), 2);
        assert!(s.meaning.iter().any(|x| *x != 0.0));
    }

    #[test]
    fn a_quotation_of_several_sentences_is_quoted_in_each_piece() {
        // Cut into sentences, the last piece holds only the closing mark: read alone, that mark
        // would open a "quotation" of the speech tag after it.
        let c =
            corpus(&["\"The levy is unfair. It hurts every grower in the valley,\" Mayor Ilse Varga told reporters. \
             She left the hall."]);
        let quoted: Vec<usize> = c.sentences.iter().map(|s| s.quotes.len()).collect();
        assert_eq!(quoted, [1, 1, 0], "each piece of the quotation is quoted, the next sentence is not");
        let id = |w: &str| c.keys[&key(w)];
        let tag = [id("mayor"), id("told"), id("reporters")];
        assert!(c.sentences[1].quotes[0].iter().all(|k| !tag.contains(k)), "the tag is not quoted");
        assert!(c.sentences[1].quotes[0].contains(&id("grower")), "the quoted words are");
    }

    #[test]
    fn treebank_quotation_marks_are_read_too() {
        let c = corpus(&["The mayor called the levy ``unfair to every grower'' on Monday."]);
        let id = |w: &str| c.keys[&key(w)];
        let quotes = &c.sentences[0].quotes;
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert!(quotes[0].contains(&id("grower")) && !quotes[0].contains(&id("levy")), "{quotes:?}");
    }

    #[test]
    fn a_sentence_of_many_clauses_is_cut_into_at_most_max_clauses() {
        let text = "Officials reported soldiers attacked villages; ".repeat(40);
        let c = corpus(&[text.trim_end(), "Officials reported soldiers attacked villages again on Monday."]);
        let clauses = c.clauses_of(0);
        assert_eq!(clauses.len(), MAX_CLAUSES);
        let last = &clauses[MAX_CLAUSES - 1].range;
        assert!(matches!(&text.trim_end()[last.end..], "" | ";"), "the last clause runs to the end: {last:?}");
        assert!(clauses.windows(2).all(|w| w[0].range.end < w[1].range.start), "in order, apart");
    }

    #[test]
    fn clauses_of_a_two_claim_sentence_are_described_like_sentences() {
        let c = corpus(&[
            "The envoy flew to Cairo on Sunday; the delegation stayed behind in Doha for more talks. Talks resumed; nothing.",
        ]);
        let clauses = c.clauses_of(0);
        assert_eq!(clauses.len(), 2);
        for clause in clauses {
            assert!(clause.features.eligible);
            assert!(clause.features.terms.iter().all(|t| c.sentences[0].terms.contains(t)));
        }
        assert!(c.clauses_of(1).is_empty(), "a sentence too short to link is not split");
    }
}
