//! Matching claims across sources: which sentences of different documents
//! report the same thing, and how they group into claims.
//!
//! Every sentence is reduced to its content-word stems, names (with surname
//! aliases), figures with units, quotations and a static embedding
//! ([`corpus`]); an inverted index proposes candidate pairs ([`index`]); each
//! pair gets one number per signal ([`signals`]), combined by a logistic
//! model fitted on annotated news ([`model`]); links then group into claims
//! ([`cluster`]).

mod affinity;
pub mod clauses;
mod cluster;
pub mod corpus;
mod diff;
pub mod embed;
pub mod entities;
pub mod index;
pub mod minilm;
pub mod model;
pub mod numbers;
pub mod quotes;
pub mod refine;
pub mod signals;
pub mod tokens;

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;

pub use cluster::cluster;
pub use diff::word_diff;
pub use model::Model;
pub use signals::Signals;

/// A sentence of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SentenceRef {
    pub doc: usize,
    pub sentence: usize,
}

/// Two sentences of different documents that report the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Link {
    pub a: SentenceRef,
    pub b: SentenceRef,
    pub score: f32,
    /// The evidence gate held the pair back ([`model::passes`]): its sentences share names or a
    /// scene but not enough of what is said. Such a link scores below any default threshold and
    /// ranks after every counterpart the gate let through, whatever its score.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub held_back: bool,
}

/// A claim: sentences from two or more sources that report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    pub id: usize,
    pub members: Vec<SentenceRef>,
}

/// Links scoring below this are not shown by default. Both the fast and the refined model are
/// fitted so that this score is where linked pairs of the same-story set are right
/// [`model::TARGET_PRECISION`] of the time (see notes/claims.md).
pub const DEFAULT_THRESHOLD: f32 = 0.710;

/// Where a link's shared evidence lies when a linked sentence carries more than one claim:
/// the clause of each side (a byte range into its document's text), `None` for a whole sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseSpans {
    pub a: Option<Range<usize>>,
    pub b: Option<Range<usize>>,
}

/// A candidate pair: two sentences of different documents, `a.doc < b.doc`, with their signals.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub a: SentenceRef,
    pub b: SentenceRef,
    /// The pair's sentences in the corpus, in the order of `a`, `b`.
    at: (usize, usize),
    pub signals: Signals,
    pub spans: ClauseSpans,
    /// The transformer's signals are filled in.
    pub refined: bool,
}

/// Whether the links rest on the transformer's signals too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Refinement {
    /// Fast signals only: refinement was not asked for, or has not run yet.
    #[default]
    Fast,
    /// The transformer refined every candidate pair; `sentences` were encoded.
    Refined { sentences: usize },
    /// More sentences would need encoding than `limit`: the links are the fast ones.
    Skipped { sentences: usize, limit: usize },
}

/// The transformer's signals of a pair (see [`Signals`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RefinedSignals {
    pub token_aligned: f32,
    pub token_covered: f32,
    pub sentence_cosine: f32,
}

impl RefinedSignals {
    fn fill(self, s: &mut Signals) {
        (s.token_aligned, s.token_covered, s.sentence_cosine) =
            (self.token_aligned, self.token_covered, self.sentence_cosine);
    }

    pub fn of(s: &Signals) -> RefinedSignals {
        RefinedSignals {
            token_aligned: s.token_aligned,
            token_covered: s.token_covered,
            sentence_cosine: s.sentence_cosine,
        }
    }
}

/// The candidate pairs of a set of documents and their signals: the fast ones at once, the
/// transformer's after [`Scoring::refine`].
pub struct Scoring {
    corpus: corpus::Corpus,
    candidates: Vec<Candidate>,
    refinement: Refinement,
}

/// Refinement is skipped when more sentences than this would need encoding (see notes/claims.md:
/// on this project's machine, about this many seconds' work at full load on two cores / 40).
pub const REFINE_LIMIT: usize = 2_000;
/// From this many candidate pairs on, scoring them is shared between two threads (the seeds have
/// about 7,600, some 130 ms of work on one; a thread costs well under a millisecond).
const PARALLEL_PAIRS: usize = 2_000;

impl Scoring {
    /// The candidates with their fast signals; the evidence gate counted per clause when a
    /// sentence carries more than one claim.
    pub fn new(docs: &[Document]) -> Scoring {
        let corpus = corpus::Corpus::build(docs);
        let fast = Model::fast();
        let pairs = index::candidates(&corpus);
        let affinity = affinity::Affinity::new(&corpus, &pairs);
        let score = |&(i, j): &(u32, u32), partner_sims: &mut signals::PartnerSims| {
            let (i, j) = (i as usize, j as usize);
            let (i, j) = if corpus.refs[i] < corpus.refs[j] { (i, j) } else { (j, i) };
            let (a, b) = (corpus.refs[i], corpus.refs[j]);
            let sims = partner_sims.between(&corpus, i, j);
            let mut signals = signals::signals_sharing(&corpus, &corpus.sentences[i], &corpus.sentences[j], &sims);
            signals.apart = affinity.apart(a.doc, b.doc);
            let mut spans = ClauseSpans::default();
            // Clauses can only thin the evidence, so a pair the gate already holds back needs no more work.
            if let Some((what, x, y)) =
                model::passes(&signals).then(|| clause_evidence(&corpus, fast, i, j, &sims)).flatten()
            {
                signals.what = signals.what.min(what);
                let in_doc = |r: SentenceRef, c: Option<&corpus::Clause>| {
                    let start = docs[r.doc].sentences[r.sentence].start;
                    c.map(|c| start + c.range.start..start + c.range.end)
                };
                spans = ClauseSpans { a: in_doc(a, x), b: in_doc(b, y) };
            }
            partner_sims.recycle(sims);
            Candidate { a, b, at: (i, j), signals, spans, refined: false }
        };
        // The pairs come sorted by their first sentence, whose words' similarities with all its
        // partners' words are computed at once.
        let score_run = |pairs: &[(u32, u32)]| {
            let mut partner_sims = signals::PartnerSims::new(&corpus);
            let mut out = Vec::with_capacity(pairs.len());
            for group in pairs.chunk_by(|x, y| x.0 == y.0) {
                partner_sims.load(&corpus, group[0].0 as usize, group.iter().map(|&(_, j)| j as usize));
                out.extend(group.iter().map(|p| score(p, &mut partner_sims)));
            }
            out
        };
        // Pairs score independently: all but small inputs share their work between two threads,
        // in pieces of whole groups (the order, and so every result, is the same as on one). The
        // cost of a group varies with its sentences' lengths and splits, so halves by count left
        // one thread idle for a tenth of the work or more; pieces of ~1/64 of the pairs even it out.
        let candidates = if pairs.len() < PARALLEL_PAIRS {
            score_run(&pairs)
        } else {
            let pieces = whole_groups(&pairs, pairs.len().div_ceil(64));
            crate::parallel::map_concat(&pieces, pairs.len(), |piece| score_run(piece))
        };
        Scoring { corpus, candidates, refinement: Refinement::Fast }
    }

    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    pub fn refinement(&self) -> Refinement {
        self.refinement
    }

    /// How many sentences [`Scoring::refine`] would encode: those of every candidate pair.
    /// (Refining only the pairs the fast model left in play lost the paraphrases the lexical
    /// signals miss: 26 of the 135 strong pairs of the same-story set.)
    pub fn sentences_to_refine(&self) -> usize {
        self.sentences_of(self.candidates.iter()).len()
    }

    /// The sentences of `candidates`, in corpus order, each once (marked, not sorted: ECB+ has
    /// 300,000 candidates).
    fn sentences_of<'a>(&self, candidates: impl Iterator<Item = &'a Candidate>) -> Vec<usize> {
        let mut marked = vec![false; self.corpus.sentences.len()];
        for c in candidates {
            (marked[c.at.0], marked[c.at.1]) = (true, true);
        }
        marked.iter().enumerate().filter(|(_, m)| **m).map(|(k, _)| k).collect()
    }

    /// Adds the transformer's signals to every candidate pair, reporting `progress(done, total)`
    /// in sentences encoded; skipped (and said so in [`Scoring::refinement`]) when more than
    /// `limit` sentences would need encoding.
    pub fn refine(&mut self, docs: &[Document], limit: usize, progress: &(dyn Fn(usize, usize) + Sync)) {
        self.refine_reusing(docs, limit, progress, &|_, _| None);
    }

    /// [`Scoring::refine`], taking the transformer's signals of a pair of sentence texts from
    /// `known` when it has them (from an earlier refinement of the same documents): only the
    /// sentences of the other pairs are encoded.
    pub fn refine_reusing(
        &mut self,
        docs: &[Document],
        limit: usize,
        progress: &(dyn Fn(usize, usize) + Sync),
        known: &dyn Fn(&str, &str) -> Option<RefinedSignals>,
    ) {
        let text = |k: usize| {
            let r = self.corpus.refs[k];
            docs[r.doc].sentence(r.sentence)
        };
        for c in &mut self.candidates {
            if let Some(r) = known(text(c.at.0), text(c.at.1)) {
                r.fill(&mut c.signals);
                c.refined = true;
            }
        }
        let sentences = self.sentences_of(self.candidates.iter().filter(|c| !c.refined));
        if sentences.len() > limit {
            self.refinement = Refinement::Skipped { sentences: sentences.len(), limit };
            return;
        }
        let texts: Vec<&str> = sentences.iter().map(|&k| text(k)).collect();
        let encoded = refine::encode_all(&texts, progress);
        let weights = if encoded.is_empty() { Default::default() } else { refine::piece_weights(docs) };
        let at = |k: usize| &encoded[sentences.binary_search(&k).expect("an encoded sentence")];
        for c in self.candidates.iter_mut().filter(|c| !c.refined) {
            let (x, y) = (at(c.at.0), at(c.at.1));
            let (r, p) = refine::token_alignment(x, y, &weights);
            let refined = RefinedSignals {
                token_aligned: signals::f1(r, p),
                token_covered: r.max(p),
                sentence_cosine: refine::sentence_cosine(x, y),
            };
            refined.fill(&mut c.signals);
            c.refined = true;
        }
        self.refinement = Refinement::Refined { sentences: sentences.len() };
    }

    /// A candidate's score: the refined model's when the transformer refined it, the fast
    /// model's otherwise (before refinement, or when it was skipped).
    pub fn score(&self, c: &Candidate) -> f32 {
        if c.refined { Model::refined().score(&c.signals) } else { Model::fast().score(&c.signals) }
    }

    /// Every candidate as a scored link, with the clauses that carry it.
    pub fn links(&self) -> Vec<(Link, ClauseSpans)> {
        self.links_where(|_| true)
    }

    /// [`Scoring::links`] scoring at least `min_score`.
    pub fn links_from(&self, min_score: f32) -> Vec<(Link, ClauseSpans)> {
        self.links_where(|l| l.score >= min_score)
    }

    fn links_where(&self, keep: impl Fn(&Link) -> bool + Sync) -> Vec<(Link, ClauseSpans)> {
        let link = |c: &Candidate| {
            (Link { a: c.a, b: c.b, score: self.score(c), held_back: !model::passes(&c.signals) }, c.spans.clone())
        };
        let kept = |candidates: &[Candidate]| candidates.iter().map(link).filter(|(l, _)| keep(l)).collect::<Vec<_>>();
        if self.candidates.len() < PARALLEL_PAIRS {
            return kept(&self.candidates);
        }
        // ECB+'s 300,000 candidates take the model some tens of milliseconds on one thread, which
        // would be the only one working at that point: the two threads score a share each.
        let pieces: Vec<&[Candidate]> = self.candidates.chunks(self.candidates.len().div_ceil(16)).collect();
        crate::parallel::map_concat(&pieces, 0, |piece| kept(piece))
    }
}

/// Every candidate pair with its fast signals, `a.doc < b.doc`, each pair once.
pub fn candidate_signals(docs: &[Document]) -> Vec<(SentenceRef, SentenceRef, Signals)> {
    Scoring::new(docs).candidates.into_iter().map(|c| (c.a, c.b, c.signals)).collect()
}

/// Every scored candidate pair from the fast signals, each cross-document pair once, `a.doc < b.doc`.
pub fn score_pairs(docs: &[Document]) -> Vec<Link> {
    Scoring::new(docs).links().into_iter().map(|(link, _)| link).collect()
}

/// `pairs` cut into pieces of about `size` pairs (at least one whole group of pairs sharing their
/// first sentence each: a group's similarities are computed together).
fn whole_groups(pairs: &[(u32, u32)], size: usize) -> Vec<&[(u32, u32)]> {
    let mut pieces = Vec::new();
    let mut rest = pairs;
    while !rest.is_empty() {
        let mut end = size.min(rest.len());
        while end < rest.len() && rest[end].0 == rest[end - 1].0 {
            end += 1;
        }
        let (piece, after) = rest.split_at(end);
        pieces.push(piece);
        rest = after;
    }
    pieces
}

/// When sentence `i` or `j` splits into clauses: the most evidence (words outside names aligned,
/// [`Signals::what`]) one pairing of a clause with the other sentence or one of its clauses
/// shares, and that pairing (`None` standing for a whole sentence). Ties go to the pairing the
/// model scores higher.
fn clause_evidence<'c>(
    corpus: &'c corpus::Corpus,
    model: &Model,
    i: usize,
    j: usize,
    sims: &signals::Sims,
) -> Option<(f32, Option<&'c corpus::Clause>, Option<&'c corpus::Clause>)> {
    let (ci, cj) = (corpus.clauses_of(i), corpus.clauses_of(j));
    if ci.is_empty() && cj.is_empty() {
        return None;
    }
    let sides = |k: usize, clauses: &'c [corpus::Clause]| {
        std::iter::once((None, &corpus.sentences[k])).chain(clauses.iter().map(|c| (Some(c), &c.features)))
    };
    let groups = |k: usize, clauses: &'c [corpus::Clause]| sides(k, clauses).map(|(_, f)| f).collect::<Vec<_>>();
    let closest = signals::GroupClosest::new(sims, &groups(i, ci), &groups(j, cj));
    let pairings: Vec<_> = (sides(i, ci).enumerate())
        .flat_map(|(gx, (x, fx))| {
            (sides(j, cj).enumerate())
                .filter(move |(_, (y, _))| x.is_some() || y.is_some())
                .map(move |(gy, (y, fy))| (gx, x, fx, gy, y, fy))
        })
        .map(|(gx, x, fx, gy, y, fy)| (closest.what(corpus, gx, fx, gy, fy), (gx, x, fx), (gy, y, fy)))
        .collect();
    // The most evidence, then the model's probability among the pairings sharing it (only
    // those need the whole signals), the first of equals winning.
    let most = pairings.iter().map(|p| p.0).reduce(|a, b| if b > a { b } else { a })?;
    let mut best: Option<(f32, f32, Option<&corpus::Clause>, Option<&corpus::Clause>)> = None;
    for &(what, (gx, x, fx), (gy, y, fy)) in pairings.iter().filter(|p| p.0 == most) {
        let p = model.probability(&closest.signals(corpus, gx, fx, gy, fy));
        if best.is_none_or(|(_, q, _, _)| p > q) {
            best = Some((what, p, x, y));
        }
    }
    best.map(|(e, _, x, y)| (e, x, y))
}
