//! The evidence that two sentences report the same thing, one number per
//! signal, each in [0, 1] (meaning in [-1, 1]).

use serde::{Deserialize, Serialize};

use super::corpus::{Corpus, SentenceFeatures, mass};
use super::embed::DIMS;

/// The signals, in the order of [`Signals::values`] and of the weights file.
pub const NAMES: [&str; 17] = [
    "words",
    "containment",
    "rarity",
    "numbers",
    "entities",
    "quotes",
    "meaning",
    "length",
    "aligned",
    "covered",
    "evidence_aligned",
    "verbatim",
    "pieces",
    "apart",
    "token_aligned",
    "token_covered",
    "sentence_cosine",
];
/// The signals only the refinement stage fills in (see [`super::refine`]); the fast model gives them no weight.
pub const REFINED: [&str; 3] = ["token_aligned", "token_covered", "sentence_cosine"];
pub const COUNT: usize = NAMES.len();

/// Content words at which the length signal saturates.
const LENGTH_SATURATION: f32 = 20.0;
/// Shared words, each weighted by its rarity, at which the rarity signal saturates.
const RARITY_SATURATION: f32 = 4.0;
/// A shared word, name or figure is evidence when its weight is at least this share of the weight
/// of a key found in one sentence (in the seeds: "Qatar", "Trump", "distribution", not "Hamas", "Israel").
const EVIDENCE_RARITY: f32 = 0.45;
/// A rare shared word outside names counts this much, a name, figure or quotation one: a name and
/// one word ("the IDF’s advance" / "advanced ... by the IDF") are not two facts in common.
const WORD_EVIDENCE: f32 = 0.75;
/// A shared quotation is evidence when it shares more than this (see [`quotes`]): the same words
/// quoted in both, not one quoted word found unquoted in the other.
const EVIDENCE_QUOTE: f32 = 0.5;
/// How far above [`EVIDENCE_QUOTE`] a share must be: a quotation sharing exactly half its weight
/// sums its keys' weights in an order set by the documents' order, so the share comes out a
/// rounding above or below 0.5, and the same pair would be evidence in one order and not in the other.
const SHARE_ROUNDING: f32 = 1e-4;
/// A name this long is a person with a title or a full name ("President Donald Trump").
const SPEAKER_NAME_WORDS: usize = 3;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// Cosine of the IDF-weighted content-word stems.
    pub words: f32,
    /// Shared IDF mass over the smaller sentence's: a headline inside a long report.
    pub containment: f32,
    /// How many rare words the two share, each counting by its rarity: two short
    /// sentences sharing only "Trump" have a high cosine but little evidence.
    pub rarity: f32,
    /// The rarest shared figure, full weight when its unit matches too.
    pub numbers: f32,
    /// Cosine of the IDF-weighted names, surnames included, scaled by the rarity of the rarest shared one.
    pub entities: f32,
    /// The best IDF-weighted overlap of a quotation of one with a quotation (or the words) of the other.
    pub quotes: f32,
    /// Cosine of the static sentence embeddings.
    pub meaning: f32,
    /// How long the shorter sentence is: short ones share words by chance.
    pub length: f32,
    /// How much of each sentence's content the other covers, word by word (F1 of the two
    /// coverages): a word counts by its weight in the story, fully when the other holds it,
    /// in part when the other holds a word close in meaning.
    pub aligned: f32,
    /// The larger of the two coverages: a headline wholly inside a longer report.
    pub covered: f32,
    /// [`Signals::aligned`] over the words outside names: what is said or done, not who or where.
    pub evidence_aligned: f32,
    /// The share of the shorter sentence's words, function words included, the other holds.
    pub verbatim: f32,
    /// Independent pieces of rare shared evidence ([`Signals::evidence`]), a quarter each, at most 1.
    pub pieces: f32,
    /// How far apart the two sentences' documents are, next to each one's nearest among those
    /// loaded (see [`super::affinity`]): the same scene in an article on another event.
    pub apart: f32,
    /// Refinement: the F1 of the two token alignments over contextual vectors (see [`super::refine`]).
    pub token_aligned: f32,
    /// Refinement: the larger of the two token alignments.
    pub token_covered: f32,
    /// Refinement: the cosine of the transformer's sentence vectors.
    pub sentence_cosine: f32,
    /// What the two report in common, not who or where: how many words outside names each
    /// sentence has aligned in the other (the fewer of the two; a word close in meaning counts
    /// in part), plus one per shared figure and one for a shared quotation. Not a model input
    /// (see [`super::model`]).
    #[serde(default)]
    pub what: f32,
    /// Independent pieces of shared evidence (not a model input; see [`super::model`]):
    /// each rare word outside names (three quarters), each rare name (all its keys together),
    /// each rare figure, a shared quotation, and a titled full name in two sentences that both quote.
    #[serde(default)]
    pub evidence: f32,
    /// The two quote the same words, [`super::corpus::QUOTED_RUN`] or more in a row: the same
    /// statement, however differently its sentences go on (not a model input; see [`super::model`]).
    #[serde(default)]
    pub same_quotation: bool,
}

impl Signals {
    pub fn values(&self) -> [f32; COUNT] {
        [
            self.words,
            self.containment,
            self.rarity,
            self.numbers,
            self.entities,
            self.quotes,
            self.meaning,
            self.length,
            self.aligned,
            self.covered,
            self.evidence_aligned,
            self.verbatim,
            self.pieces,
            self.apart,
            self.token_aligned,
            self.token_covered,
            self.sentence_cosine,
        ]
    }
}

/// The keys (or runs of keys) both sorted lists hold.
fn shared_keys<'a, T: Ord + Copy>(a: &'a [T], b: &'a [T]) -> impl Iterator<Item = T> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// Σ idf² over the keys both sorted lists hold.
fn shared_mass(a: &[u32], b: &[u32], idf: &[f32]) -> f32 {
    shared_keys(a, b).map(|k| idf[k as usize] * idf[k as usize]).sum()
}

fn cosine(shared: f32, na: f32, nb: f32) -> f32 {
    if na == 0.0 || nb == 0.0 { 0.0 } else { (shared / (na * nb).sqrt()).min(1.0) }
}

fn numbers(a: &SentenceFeatures, b: &SentenceFeatures, corpus: &Corpus) -> f32 {
    let mut best = 0f32;
    for fa in &a.figures {
        for fb in b.figures.iter().filter(|fb| fb.value == fa.value) {
            let unit = if fa.units.iter().any(|u| fb.units.contains(u)) {
                1.0
            } else if fa.units.is_empty() || fb.units.is_empty() {
                0.5
            } else {
                0.25
            };
            best = best.max(unit * corpus.idf[fa.value as usize] / corpus.max_idf);
        }
    }
    best
}

fn quotes(a: &SentenceFeatures, b: &SentenceFeatures, idf: &[f32]) -> f32 {
    let mut best = 0f32;
    for (x, y) in [(a, b), (b, a)] {
        for q in &x.quotes {
            let nq = mass(q, idf);
            for other in &y.quotes {
                let shared = shared_mass(q, other, idf);
                best = best.max(shared / nq.min(mass(other, idf)).max(f32::EPSILON));
            }
            // The same words unquoted in the other telling count for half.
            best = best.max(0.5 * shared_mass(q, &y.terms, idf) / nq.max(f32::EPSILON));
        }
    }
    best.min(1.0)
}

/// What the shared names of two sentences add up to: their IDF mass, the weight of the rarest,
/// and the evidence they give.
struct SharedNames {
    mass: f32,
    rarest: f32,
    /// Rare names, each counted once whichever of its keys both hold.
    rare: usize,
    /// A rare titled full name ("President Donald Trump") is among them.
    titled: bool,
}

fn shared_names(a: &SentenceFeatures, b: &SentenceFeatures, corpus: &Corpus, cut: f32) -> SharedNames {
    let idf = &corpus.idf;
    let mut out = SharedNames { mass: 0.0, rarest: 0.0, rare: 0, titled: false };
    // The last words of the rare names seen so far; sentences name few things, so a short list does.
    let mut seen: Vec<u32> = Vec::new();
    for k in shared_keys(&a.entities, &b.entities) {
        let w = idf[k as usize];
        out.mass += w * w;
        out.rarest = out.rarest.max(w);
        if w < cut {
            continue;
        }
        if let Ok(i) = a.entity_names.binary_search_by_key(&k, |e| e.0) {
            let (_, last, words) = a.entity_names[i];
            out.titled |= words >= SPEAKER_NAME_WORDS;
            if !seen.contains(&last) {
                seen.push(last);
            }
        }
    }
    out.rare = seen.len();
    out
}

/// Rare figures both hold, each value once (a value may be held twice with different units).
fn shared_figures(a: &SentenceFeatures, b: &SentenceFeatures, cut: f32, idf: &[f32]) -> usize {
    let mut values: Vec<u32> = a
        .figures
        .iter()
        .filter(|f| idf[f.value as usize] >= cut && b.figures.iter().any(|g| g.value == f.value))
        .map(|f| f.value)
        .collect();
    values.sort_unstable();
    values.dedup();
    values.len()
}

/// Static-vector similarity below which two different words do not align at all.
const SOFT_FLOOR: f32 = 0.4;
/// What the closest two different words can count for (the same word counts 1).
const SOFT_CEILING: f32 = 0.8;

/// How much of one sentence's words another covers (see [`Signals::aligned`]).
struct Coverage {
    /// Of all its content words, by weight.
    all: f32,
    /// Of its words outside names and figures, by weight, against the other's such words.
    evidence: f32,
    /// How many of those words that is, unweighted (a word close in meaning counts in part).
    evidence_count: f32,
}

/// The dot product of two static vectors, in eight lanes the compiler keeps in vector registers.
#[inline]
fn dot(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
    let mut lanes = [0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum()
}

/// [`dot`] of one vector with four others at once: each sum is added up in the same order as
/// there (so to the same bits), the four side by side.
#[inline]
fn dot4(a: &[f32; DIMS], b: [&[f32; DIMS]; 4]) -> [f32; 4] {
    let mut lanes = [[0f32; 8]; 4];
    for (c, x) in a.chunks_exact(8).enumerate() {
        for (l, y) in lanes.iter_mut().zip(b) {
            let y = &y[c * 8..c * 8 + 8];
            for i in 0..8 {
                l[i] += x[i] * y[i];
            }
        }
    }
    lanes.map(|l| l.iter().sum())
}

/// Cosines between the words of two sentences (static vectors), computed once per pair of
/// sentences and read by every pairing of their clauses (a clause's words are its sentence's).
pub struct Sims<'c> {
    rows: &'c [u32],
    cols: &'c [u32],
    /// `rows.len() × cols.len()`; below any floor where a word has no vector.
    cos: Vec<f32>,
}

/// Stands for "no similarity" (a word without a static vector).
const NO_VECTOR: f32 = -1.0;

/// The similarities of one sentence's words with every distinct word of its candidate partners:
/// the partners of a sentence share most of their words, so each pair of words is computed once
/// per sentence instead of once per pair of sentences. [`PartnerSims::between`] gives the values
/// [`Sims::new`] computes (the dot product is symmetric to the bit).
pub struct PartnerSims {
    /// The sentence whose words are the rows.
    sentence: usize,
    /// By key: the column of a word of the partners, `u32::MAX` for none.
    column: Vec<u32>,
    /// The partners' distinct words, in column order.
    words: Vec<u32>,
    /// `sentence`'s words × `words`.
    cos: Vec<f32>,
    /// Buffers of the last pair's [`Sims`], reused for the next pair (ECB+ scores 300,000
    /// pairs; allocating a matrix for each was a tenth of the time spent in the allocator).
    spare_at: Vec<usize>,
    spare_cos: Vec<f32>,
}

impl PartnerSims {
    pub fn new(corpus: &Corpus) -> PartnerSims {
        PartnerSims {
            sentence: usize::MAX,
            column: vec![u32::MAX; corpus.vectors.len()],
            words: Vec::new(),
            cos: Vec::new(),
            spare_at: Vec::new(),
            spare_cos: Vec::new(),
        }
    }

    /// Computes the similarities of sentence `sentence`'s words with those of `partners`.
    pub fn load(&mut self, corpus: &Corpus, sentence: usize, partners: impl IntoIterator<Item = usize>) {
        for &w in &self.words {
            self.column[w as usize] = u32::MAX;
        }
        self.words.clear();
        for p in partners {
            for &u in &corpus.sentences[p].terms {
                if self.column[u as usize] == u32::MAX {
                    self.column[u as usize] = self.words.len() as u32;
                    self.words.push(u);
                }
            }
        }
        self.sentence = sentence;
        let width = self.words.len();
        let terms = &corpus.sentences[sentence].terms;
        self.cos.clear();
        self.cos.resize(terms.len() * width, NO_VECTOR);
        let (columns, vectors): (Vec<usize>, Vec<&[f32; DIMS]>) = (self.words.iter().enumerate())
            .filter_map(|(k, &u)| corpus.vectors[u as usize].as_ref().map(|v| (k, v)))
            .unzip();
        for (&t, row) in terms.iter().zip(self.cos.chunks_exact_mut(width.max(1))) {
            let Some(v) = &corpus.vectors[t as usize] else { continue };
            let (quads, rest) = vectors.as_chunks::<4>();
            for (q, quad) in quads.iter().enumerate() {
                for (k, c) in columns[4 * q..4 * q + 4].iter().zip(dot4(v, *quad)) {
                    row[*k] = c;
                }
            }
            for (&k, x) in columns[4 * quads.len()..].iter().zip(rest) {
                row[k] = dot(v, x);
            }
        }
    }

    /// The similarities between sentences `a` and `b` of the corpus, one of them the loaded
    /// sentence and the other one of its partners.
    pub fn between<'c>(&mut self, corpus: &'c Corpus, a: usize, b: usize) -> Sims<'c> {
        let (rows, cols) = (&corpus.sentences[a].terms[..], &corpus.sentences[b].terms[..]);
        let width = self.words.len();
        let mut cos = std::mem::take(&mut self.spare_cos);
        cos.clear();
        cos.reserve(rows.len() * cols.len());
        if a == self.sentence {
            let at = &mut self.spare_at;
            at.clear();
            at.extend(cols.iter().map(|&u| self.column[u as usize] as usize));
            for r in 0..rows.len() {
                let row = &self.cos[r * width..(r + 1) * width];
                cos.extend(at.iter().map(|&k| row[k]));
            }
        } else {
            debug_assert_eq!(b, self.sentence, "one of the pair is the loaded sentence");
            for &t in rows {
                let k = self.column[t as usize] as usize;
                cos.extend((0..cols.len()).map(|c| self.cos[c * width + k]));
            }
        }
        Sims { rows, cols, cos }
    }

    /// Takes back the buffer of a pair's similarities once they have been read.
    pub fn recycle(&mut self, sims: Sims) {
        self.spare_cos = sims.cos;
    }
}

impl<'c> Sims<'c> {
    pub fn new(corpus: &Corpus, a: &'c SentenceFeatures, b: &'c SentenceFeatures) -> Sims<'c> {
        let (rows, cols) = (&a.terms[..], &b.terms[..]);
        let mut cos = Vec::with_capacity(rows.len() * cols.len());
        let col_vectors: Vec<Option<&[f32; DIMS]>> =
            cols.iter().map(|&u| corpus.vectors[u as usize].as_ref()).collect();
        for &t in rows {
            match &corpus.vectors[t as usize] {
                Some(v) => cos.extend(col_vectors.iter().map(|x| x.map_or(NO_VECTOR, |x| dot(v, x)))),
                None => cos.extend(std::iter::repeat_n(NO_VECTOR, cols.len())),
            }
        }
        Sims { rows, cols, cos }
    }

    /// Where each of `terms` (a subset of one side's words) sits on that side.
    fn positions(side: &[u32], terms: &[u32]) -> Vec<usize> {
        terms.iter().map(|t| side.binary_search(t).expect("a clause's words are its sentence's")).collect()
    }
}

/// [`closest`] per word of one side: its best similarity with any of the other side's words
/// (`all`), and with any of the other side's evidence words (`evidence`).
struct Closest<'a> {
    all: &'a [f32],
    evidence: &'a [f32],
}

/// The larger of two similarities (never NaN), as one compare the compiler can vectorise
/// (`f32::max` also orders NaN).
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if b > a { b } else { a }
}

/// [`Closest`] for the rows and for the columns of a similarity matrix (`rows × cols`, row by
/// row), in one pass over it; `row_evidence` and `col_evidence` tell which words are evidence.
/// Starts from 0, as nothing below [`SOFT_FLOOR`] counts anyway. `out` holds the four vectors.
fn closest<'o>(
    cos: &[f32],
    row_evidence: &[bool],
    col_evidence: &[bool],
    out: &'o mut Vec<f32>,
) -> (Closest<'o>, Closest<'o>) {
    let (height, width) = (row_evidence.len(), col_evidence.len());
    out.clear();
    out.resize(2 * (height + width), 0.0);
    let (rows, cols) = out.split_at_mut(2 * height);
    let (row_all, row_best_evidence) = rows.split_at_mut(height);
    let (col_all, col_best_evidence) = cols.split_at_mut(width);
    if width > 0 {
        for (r, row) in cos.chunks_exact(width).enumerate() {
            let (mut all, mut evidence) = (0f32, 0f32);
            for ((&c, &e), best) in row.iter().zip(col_evidence).zip(col_all.iter_mut()) {
                all = larger(all, c);
                evidence = larger(evidence, if e { c } else { 0.0 });
                *best = larger(*best, c);
            }
            (row_all[r], row_best_evidence[r]) = (all, evidence);
            if row_evidence[r] {
                for (&c, best) in row.iter().zip(col_best_evidence.iter_mut()) {
                    *best = larger(*best, c);
                }
            }
        }
    }
    (Closest { all: row_all, evidence: row_best_evidence }, Closest { all: col_all, evidence: col_best_evidence })
}

/// The best similarities of every pairing of two sentences' word groups (each sentence whole and
/// each of its clauses), from one pass per group over the pair's matrix instead of a gathered
/// sub-matrix per pairing. The maximum of a set of similarities does not depend on the order it
/// is taken in, so each pairing gets the bits [`closest`] gives its own matrix.
pub struct GroupClosest {
    /// Per group of each side: where its words sit in the sentence, and which are evidence.
    rows: Vec<(Vec<usize>, Vec<bool>)>,
    cols: Vec<(Vec<usize>, Vec<bool>)>,
    /// Per group of the columns, per word of the row sentence: its best similarity with the
    /// group's words, and with the group's evidence words (`group * height + row`).
    row_all: Vec<f32>,
    row_evidence: Vec<f32>,
    /// Per group of the rows, per word of the column sentence, likewise (`group * width + column`).
    col_all: Vec<f32>,
    col_evidence: Vec<f32>,
    height: usize,
    width: usize,
}

impl GroupClosest {
    /// `rows` and `cols`: the word groups of `sims`'s two sentences, the sentence itself first,
    /// then its clauses. Pairings of the two whole sentences are not served (see [`coverages`]).
    pub fn new(sims: &Sims, rows: &[&SentenceFeatures], cols: &[&SentenceFeatures]) -> GroupClosest {
        let (height, width) = (sims.rows.len(), sims.cols.len());
        let place = |side: &[u32], f: &SentenceFeatures| (Sims::positions(side, &f.terms), f.is_evidence.clone());
        let rows: Vec<_> = rows.iter().map(|f| place(sims.rows, f)).collect();
        let cols: Vec<_> = cols.iter().map(|f| place(sims.cols, f)).collect();
        let (mut row_all, mut row_evidence) = (vec![0f32; cols.len() * height], vec![0f32; cols.len() * height]);
        let (mut col_all, mut col_evidence) = (vec![0f32; rows.len() * width], vec![0f32; rows.len() * width]);
        // A whole sentence's table serves only pairings with a clause of the other side.
        let (rows_split, cols_split) = (rows.len() > 1, cols.len() > 1);
        if width > 0 {
            for (g, (at, evidence)) in cols.iter().enumerate().filter(|(g, _)| *g > 0 || rows_split) {
                for (r, row) in sims.cos.chunks_exact(width).enumerate() {
                    let (mut all, mut best_evidence) = (0f32, 0f32);
                    if g == 0 {
                        // The whole sentence: its columns in order.
                        for (&c, &e) in row.iter().zip(evidence) {
                            all = larger(all, c);
                            best_evidence = larger(best_evidence, if e { c } else { 0.0 });
                        }
                    } else {
                        for (&c, &e) in at.iter().zip(evidence) {
                            all = larger(all, row[c]);
                            best_evidence = larger(best_evidence, if e { row[c] } else { 0.0 });
                        }
                    }
                    (row_all[g * height + r], row_evidence[g * height + r]) = (all, best_evidence);
                }
            }
            for (g, (at, evidence)) in rows.iter().enumerate().filter(|(g, _)| *g > 0 || cols_split) {
                let all = &mut col_all[g * width..(g + 1) * width];
                let best_evidence = &mut col_evidence[g * width..(g + 1) * width];
                for (&r, &e) in at.iter().zip(evidence) {
                    let row = &sims.cos[r * width..(r + 1) * width];
                    for (&c, best) in row.iter().zip(all.iter_mut()) {
                        *best = larger(*best, c);
                    }
                    if e {
                        for (&c, best) in row.iter().zip(best_evidence.iter_mut()) {
                            *best = larger(*best, c);
                        }
                    }
                }
            }
        }
        GroupClosest { rows, cols, row_all, row_evidence, col_all, col_evidence, height, width }
    }

    /// How much of each other's words row group `x` (`fa`) and column group `y` (`fb`) cover,
    /// the groups given to [`GroupClosest::new`] in that order (see [`coverages`]).
    fn coverages(
        &self,
        corpus: &Corpus,
        x: usize,
        fa: &SentenceFeatures,
        y: usize,
        fb: &SentenceFeatures,
    ) -> (Coverage, Coverage) {
        debug_assert!(x > 0 || y > 0, "a pairing with a clause");
        let pick = |table: &[f32], group: usize, stride: usize, at: &[usize]| -> Vec<f32> {
            at.iter().map(|&k| table[group * stride + k]).collect()
        };
        let (at_a, at_b) = (&self.rows[x].0, &self.cols[y].0);
        let (height, width) = (self.height, self.width);
        let (a_all, a_evidence) = (pick(&self.row_all, y, height, at_a), pick(&self.row_evidence, y, height, at_a));
        let (b_all, b_evidence) = (pick(&self.col_all, x, width, at_b), pick(&self.col_evidence, x, width, at_b));
        (
            coverage(fa, fb, corpus, &Closest { all: &a_all, evidence: &a_evidence }),
            coverage(fb, fa, corpus, &Closest { all: &b_all, evidence: &b_evidence }),
        )
    }

    /// [`Signals::what`] of row group `x` (`fa`) and column group `y` (`fb`) alone, as
    /// [`GroupClosest::signals`] computes it.
    pub fn what(&self, corpus: &Corpus, x: usize, fa: &SentenceFeatures, y: usize, fb: &SentenceFeatures) -> f32 {
        let (ca, cb) = self.coverages(corpus, x, fa, y, fb);
        let quoted = quotes(fa, fb, &corpus.idf) > EVIDENCE_QUOTE + SHARE_ROUNDING;
        what(ca.evidence_count, cb.evidence_count, fa, fb, &corpus.idf, quoted)
    }

    /// The signals between row group `x` (`fa`) and column group `y` (`fb`), as
    /// [`signals_between`] computes them.
    pub fn signals(
        &self,
        corpus: &Corpus,
        x: usize,
        fa: &SentenceFeatures,
        y: usize,
        fb: &SentenceFeatures,
    ) -> Signals {
        signals_covering(corpus, fa, fb, self.coverages(corpus, x, fa, y, fb))
    }
}

/// How much of `a`'s words `b` covers: each word of `a` counts by its alignment weight, fully when
/// `b` holds it, in part by its similarity to the closest word of `b` (static vectors; nothing
/// below [`SOFT_FLOOR`]). One pass serves all words and the words outside names. `closest`
/// holds, per word of `a`, its best similarities with `b`'s words.
fn coverage(a: &SentenceFeatures, b: &SentenceFeatures, corpus: &Corpus, closest: &Closest) -> Coverage {
    let soft = |cos: f32| ((cos - SOFT_FLOOR) / (1.0 - SOFT_FLOOR)).max(0.0) * SOFT_CEILING;
    let (mut all, mut all_total, mut evidence, mut evidence_total, mut count) = (0f32, 0f32, 0f32, 0f32, 0f32);
    // Both word lists are sorted: one walk through `b`'s finds each word of `a` there.
    let mut k = 0;
    for (i, (&t, &is_evidence)) in a.terms.iter().zip(&a.is_evidence).enumerate() {
        let w = corpus.align_weight[t as usize];
        all_total += w;
        if is_evidence {
            evidence_total += w;
        }
        while k < b.terms.len() && b.terms[k] < t {
            k += 1;
        }
        let in_b = k < b.terms.len() && b.terms[k] == t;
        let in_b_evidence = is_evidence && in_b && b.is_evidence[k];
        // A word of `a`'s evidence that `b` holds only inside a name still looks for its closest
        // evidence word in `b`.
        let best_all = if in_b { 1.0 } else { soft(closest.all[i]) };
        let best_evidence = if in_b_evidence { 1.0 } else { soft(closest.evidence[i]) };
        all += w * best_all;
        if is_evidence {
            evidence += w * best_evidence;
            count += best_evidence;
        }
    }
    let share = |x: f32, total: f32| if total > 0.0 { x / total } else { 0.0 };
    Coverage { all: share(all, all_total), evidence: share(evidence, evidence_total), evidence_count: count }
}

pub(crate) fn f1(r: f32, p: f32) -> f32 {
    if r + p > 0.0 { 2.0 * r * p / (r + p) } else { 0.0 }
}

/// How much of each other's words the sentences of `sims`, `fa` and `fb`, cover (see [`coverage`]).
fn coverages(corpus: &Corpus, fa: &SentenceFeatures, fb: &SentenceFeatures, sims: &Sims) -> (Coverage, Coverage) {
    debug_assert!(fa.terms == sims.rows && fb.terms == sims.cols, "the similarities are those of the pair");
    let mut best = Vec::new();
    let (closest_a, closest_b) = closest(&sims.cos, &fa.is_evidence, &fb.is_evidence, &mut best);
    (coverage(fa, fb, corpus, &closest_a), coverage(fb, fa, corpus, &closest_b))
}

/// [`Signals::what`], from the two sentences' evidence counts (see [`Coverage`]).
fn what(count_a: f32, count_b: f32, fa: &SentenceFeatures, fb: &SentenceFeatures, idf: &[f32], quoted: bool) -> f32 {
    count_a.min(count_b) + shared_figures(fa, fb, 0.0, idf) as f32 + f32::from(u8::from(quoted))
}

/// The signals between sentences `a` and `b` of the corpus.
pub fn signals(corpus: &Corpus, a: usize, b: usize) -> Signals {
    signals_between(corpus, &corpus.sentences[a], &corpus.sentences[b])
}

/// The signals between two sentences or clauses of the corpus.
pub fn signals_between(corpus: &Corpus, fa: &SentenceFeatures, fb: &SentenceFeatures) -> Signals {
    signals_sharing(corpus, fa, fb, &Sims::new(corpus, fa, fb))
}

/// [`signals_between`] with the word similarities of the sentences `fa` and `fb` computed once
/// (for clauses, see [`GroupClosest::signals`]).
pub fn signals_sharing(corpus: &Corpus, fa: &SentenceFeatures, fb: &SentenceFeatures, sims: &Sims) -> Signals {
    signals_covering(corpus, fa, fb, coverages(corpus, fa, fb, sims))
}

/// The signals between two sentences or clauses, given how much of each other's words they cover.
fn signals_covering(
    corpus: &Corpus,
    fa: &SentenceFeatures,
    fb: &SentenceFeatures,
    (ca, cb): (Coverage, Coverage),
) -> Signals {
    let idf = &corpus.idf;
    let cut = EVIDENCE_RARITY * corpus.max_idf;
    let (mut shared, mut rarity, mut rare_words) = (0f32, 0f32, 0usize);
    for k in shared_keys(&fa.terms, &fb.terms) {
        let w = idf[k as usize];
        shared += w * w;
        rarity += w / corpus.max_idf;
        // A word of a name counts with the name; a figure's digits count with the figure.
        let in_name = |s: &SentenceFeatures| s.name_terms.binary_search(&k).is_ok();
        if w >= cut && !corpus.numeric[k as usize] && !in_name(fa) && !in_name(fb) {
            rare_words += 1;
        }
    }
    let (na, nb) = (fa.terms_mass, fb.terms_mass);
    let names = shared_names(fa, fb, corpus, cut);
    let shorter = fa.content_words.min(fb.content_words) as f32;
    let quotes = quotes(fa, fb, idf);
    let quoted = quotes > EVIDENCE_QUOTE + SHARE_ROUNDING;
    // Both quote, and both name someone in full with a title: the same speaker quoted, evidence
    // only where the quoted words meet (the same speaker quoting other words is another statement).
    let same_speaker = names.titled && !fa.quotes.is_empty() && !fb.quotes.is_empty() && quotes > 0.0;
    let pieces = names.rare + shared_figures(fa, fb, cut, idf) + usize::from(quoted) + usize::from(same_speaker);
    let (r, p) = (ca.all, cb.all);
    let evidence_aligned = f1(ca.evidence, cb.evidence);
    let (count_a, count_b) = (ca.evidence_count, cb.evidence_count);
    let shared_words = shared_keys(&fa.all_words, &fb.all_words).count();
    Signals {
        words: cosine(shared, na, nb),
        containment: if na.min(nb) > 0.0 { shared / na.min(nb) } else { 0.0 },
        rarity: (rarity / RARITY_SATURATION).min(1.0),
        numbers: numbers(fa, fb, corpus),
        entities: cosine(names.mass, fa.entities_mass, fb.entities_mass) * names.rarest / corpus.max_idf,
        quotes,
        // Both vectors are unit length (or zero), so the dot product is the cosine.
        meaning: fa.meaning.iter().zip(&fb.meaning).map(|(x, y)| x * y).sum(),
        length: (shorter / LENGTH_SATURATION).min(1.0),
        aligned: f1(r, p),
        covered: r.max(p),
        evidence_aligned,
        verbatim: shared_words as f32 / fa.all_words.len().min(fb.all_words.len()).max(1) as f32,
        // Figures and quoted words are what is said as much as words are; names are not.
        what: what(count_a, count_b, fa, fb, idf, quoted),
        pieces: ((WORD_EVIDENCE * rare_words as f32 + pieces as f32) / 4.0).min(1.0),
        evidence: WORD_EVIDENCE * rare_words as f32 + pieces as f32,
        same_quotation: shared_keys(&fa.quoted_runs, &fb.quoted_runs).next().is_some(),
        ..Signals::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// Signals between sentence 0 of the first text and sentence 0 of the second,
    /// in a corpus padded with unrelated sentences so rarity means something.
    fn between(a: &str, b: &str) -> Signals {
        let pad = "Markets rallied on Tuesday after the bank cut rates. Farmers welcomed the early rain this spring. \
                   The museum reopened its east wing to visitors. A storm closed schools across the valley.";
        let docs = [Document::from_plain("a.txt", &format!("{a} {pad}")), Document::from_plain("b.txt", b)];
        let corpus = Corpus::build(&docs);
        let second = corpus.refs.iter().position(|r| r.doc == 1).unwrap();
        signals(&corpus, 0, second)
    }

    #[test]
    fn shared_similarities_are_those_of_the_pair_to_the_bit() {
        let docs = [
            Document::from_plain("a.txt", "Israeli troops withdrew from the city overnight. The envoy flew to Doha."),
            Document::from_plain("b.txt", "The army pulled its soldiers out of the town. Talks resumed in Qatar."),
            Document::from_plain("c.txt", "Soldiers left the town before dawn, officials said. Mediators met again."),
        ];
        let corpus = Corpus::build(&docs);
        let n = corpus.sentences.len();
        let mut shared = PartnerSims::new(&corpus);
        for i in 0..n {
            let partners: Vec<usize> = (0..n).filter(|&j| corpus.refs[j].doc != corpus.refs[i].doc).collect();
            shared.load(&corpus, i, partners.iter().copied());
            for &j in &partners {
                // The loaded sentence as rows and as columns.
                for (a, b) in [(i, j), (j, i)] {
                    let (fa, fb) = (&corpus.sentences[a], &corpus.sentences[b]);
                    let own = Sims::new(&corpus, fa, fb);
                    let gathered = shared.between(&corpus, a, b);
                    let bits = |s: &Sims| s.cos.iter().map(|c| c.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&own), bits(&gathered), "{a} {b}");
                    let s = signals_sharing(&corpus, fa, fb, &gathered);
                    assert_eq!(s, signals_between(&corpus, fa, fb));
                }
            }
        }
    }

    #[test]
    fn group_signals_are_those_of_each_pairing_to_the_bit() {
        let docs = [
            Document::from_plain(
                "a.txt",
                "The envoy flew to Cairo on Sunday; the delegation stayed behind in Doha for more talks. \
                 Troops withdrew from the city overnight, and the mayor said 12 shops had reopened.",
            ),
            Document::from_plain(
                "b.txt",
                "The delegation remained in Doha for further talks, while the envoy went to Cairo. \
                 The army pulled out of the town; twelve shops reopened, the mayor said.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        let n = corpus.sentences.len();
        let groups = |k: usize| {
            std::iter::once(&corpus.sentences[k]).chain(corpus.clauses_of(k).iter().map(|c| &c.features)).collect()
        };
        let mut pairings = 0;
        for i in 0..n {
            for j in (0..n).filter(|&j| corpus.refs[j].doc != corpus.refs[i].doc) {
                let (gi, gj): (Vec<_>, Vec<_>) = (groups(i), groups(j));
                let sims = Sims::new(&corpus, &corpus.sentences[i], &corpus.sentences[j]);
                let closest = GroupClosest::new(&sims, &gi, &gj);
                for (x, fa) in gi.iter().enumerate() {
                    for (y, fb) in gj.iter().enumerate().filter(|(y, _)| x > 0 || *y > 0) {
                        // The pairing's own similarities, computed afresh.
                        let own = signals_between(&corpus, fa, fb);
                        let bits = |s: &Signals| {
                            s.values().into_iter().chain([s.what, s.evidence]).map(f32::to_bits).collect::<Vec<_>>()
                        };
                        let grouped = closest.signals(&corpus, x, fa, y, fb);
                        assert_eq!(bits(&grouped), bits(&own), "{i} {j} {x} {y}");
                        assert_eq!(closest.what(&corpus, x, fa, y, fb).to_bits(), own.what.to_bits());
                        pairings += usize::from(x > 0 && y > 0 && own.what > 0.0);
                    }
                }
            }
        }
        assert!(pairings > 0, "clauses of both sides share evidence somewhere");
    }

    #[test]
    fn figures_with_matching_units_count_most() {
        let same = between("Hamas still holds 59 hostages in tunnels.", "Officials said 59 hostages remain in Gaza.");
        let other_unit =
            between("Hamas still holds 59 hostages in tunnels.", "Officials said talks lasted 59 days in Cairo.");
        let none =
            between("Hamas still holds many hostages in tunnels.", "Officials said talks lasted for days in Cairo.");
        assert!(same.numbers > other_unit.numbers, "{same:?} {other_unit:?}");
        assert!(other_unit.numbers > none.numbers, "{other_unit:?} {none:?}");
    }

    #[test]
    fn surname_alone_matches_the_full_name() {
        let s = between("The envoy Steve Witkoff flew to Doha overnight.", "In Doha, Witkoff met the mediators again.");
        assert!(s.entities > 0.0);
        let t = between("The envoy Steve Witkoff flew to Doha overnight.", "The minister Ron Dermer stayed at home.");
        assert_eq!(t.entities, 0.0);
    }

    #[test]
    fn shared_quotation_is_found_whoever_says_it() {
        let s = between(
            "Netanyahu vowed to fight on until “total victory” over the group.",
            "The prime minister's oft-vaunted “total victory” looks distant now.",
        );
        assert!(s.quotes > 0.9, "{s:?}");
        let t = between(
            "Netanyahu vowed to fight on until total defeat of the group.",
            "A “red line” was drawn by mediators today.",
        );
        assert!(t.quotes < 0.1, "{t:?}");
    }

    #[test]
    fn a_name_written_out_in_both_is_one_piece_of_evidence() {
        let s =
            between("The envoy Steve Witkoff flew to Doha overnight.", "Reporters asked Steve Witkoff about tariffs.");
        assert!(s.entities > 0.0);
        assert!(s.evidence < 2.0, "{s:?}");
    }

    #[test]
    fn a_name_and_one_word_are_thin_but_two_names_are_not() {
        let thin =
            between("Soldiers slowed the IDF advance near Khan Younis.", "Critics say the IDF advanced its goals.");
        assert!(thin.evidence < 2.0, "{thin:?}");
        let two =
            between("Negotiators from Qatar and Egypt met on Sunday.", "Earlier talks ran through Egypt and Qatar.");
        assert!(two.evidence >= 2.0, "{two:?}");
    }

    #[test]
    fn a_titled_speaker_quoting_the_same_words_is_a_second_piece_other_words_are_not() {
        let same_words = between(
            "US President Donald Trump called the group “sick and twisted” on Monday.",
            "Later, President Donald Trump repeated that they were “sick and twisted” people.",
        );
        assert!(same_words.evidence >= 2.0, "{same_words:?}");
        // The same speaker quoting other words is another statement (the seeds' judged links):
        // the name is context, not a second piece.
        let other_words = between(
            "US President Donald Trump called the group “sick and twisted” on Monday.",
            "Later, President Donald Trump said “they want to die” after the talks.",
        );
        assert!(other_words.evidence < 2.0, "{other_words:?}");
        let unquoted = between(
            "US President Donald Trump called the group sick and twisted on Monday.",
            "Later, President Donald Trump said they want to die after the talks.",
        );
        assert!(unquoted.evidence < 2.0, "{unquoted:?}");
    }

    #[test]
    fn rare_shared_words_outweigh_common_ones() {
        // "storm" also occurs in the padding, "Rafah" only in the two sentences compared.
        let a = "Negotiators discussed troops from Rafah as the storm hit.";
        let rare = between(a, "Families fled Rafah overnight.");
        let common = between(a, "Families fled the storm overnight.");
        assert!(rare.rarity > common.rarity, "{rare:?} {common:?}");
    }

    #[test]
    fn paraphrase_is_closer_in_meaning_than_an_unrelated_sentence() {
        let para = between(
            "Israeli troops withdrew from the city overnight.",
            "The army pulled its soldiers out of the town.",
        );
        let other = between(
            "Israeli troops withdrew from the city overnight.",
            "The orchestra played a new symphony downtown.",
        );
        assert!(para.meaning > other.meaning, "{para:?} {other:?}");
    }

    #[test]
    fn names_are_context_and_cannot_pass_the_gate_alone() {
        // Two shared names, nothing said or done in common: plausible, not a link.
        let names = between(
            "Rebels pleaded with Egypt and Qatar to rescue the fragile truce.",
            "Previous talks were all held through Qatar and Egypt as intermediaries.",
        );
        assert!(names.evidence >= 2.0, "two rare names are two pieces of evidence: {names:?}");
        assert!(!crate::claims::model::passes(&names), "{names:?}");
        // The same names with the same action: the what matches.
        let claim = between(
            "Egypt and Qatar mediated the truce talks between the two sides.",
            "The truce talks were mediated by Qatar and Egypt.",
        );
        assert!(crate::claims::model::passes(&claim), "{claim:?}");
        assert!(claim.evidence_aligned > names.evidence_aligned, "{claim:?} {names:?}");
    }

    #[test]
    fn alignment_counts_words_close_in_meaning() {
        let a = "The party sued the government over the hacked emails.";
        let near = between(a, "The party filed a lawsuit against the government over hacked emails.");
        let far = between(a, "The party held a picnic near the government buildings.");
        assert!(near.aligned > far.aligned, "{near:?} {far:?}");
        let same = between(a, a);
        assert!(same.aligned > 0.99 && same.covered > 0.99 && same.verbatim > 0.99, "{same:?}");
    }

    #[test]
    fn a_headline_inside_a_longer_report_is_covered() {
        let headline = "Rebels free six hostages.";
        let report = "On Saturday the rebels said they would free six hostages in one go, instead of two stages.";
        let s = between(report, headline);
        assert!(s.covered > 0.9, "the headline's words are all in the report: {s:?}");
        assert!(s.aligned < s.covered);
    }

    #[test]
    fn six_words_quoted_in_both_are_the_same_quotation() {
        let s = between(
            "“It would never have been made,” Mayor Lunde said of the levy on Monday.",
            "Lunde, asked about the levy in the hall, told reporters: “It would never have been made.”",
        );
        assert!(s.same_quotation && crate::claims::model::passes(&s), "{s:?}");
        let model = crate::claims::Model::from_json(r#"{"bias": -10.0, "weights": {}}"#).unwrap();
        assert!(model.score(&s) >= crate::claims::model::SAME_QUOTATION, "a link whatever the model says");
        // Five words, the same words unquoted, or a title are not the same statement.
        let five = between("“It would never be made,” Lunde said.", "Varga said: “It would never be made.”");
        let unquoted =
            between("“It would never have been made,” Lunde said.", "It would never have been made, Varga wrote.");
        let title = between(
            "Lunde praised “The Long Road To The Northern Harbour Levy” on Monday.",
            "Varga's book, “The Long Road To The Northern Harbour Levy,” sold out.",
        );
        assert!(
            !five.same_quotation && !unquoted.same_quotation && !title.same_quotation,
            "{five:?} {unquoted:?} {title:?}"
        );
    }

    #[test]
    fn a_repeated_quotation_of_function_words_is_verbatim() {
        let s = between("“It would never have been made,” he said of the deal.", "“It would never have been made.”");
        assert!(s.verbatim > 0.99, "{s:?}");
    }
}
