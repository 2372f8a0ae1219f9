//! Everything parallax finds in a set of documents: framing spans per
//! document, links between sentences of different documents, and claims.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::claims::{self, ClauseSpans, Cluster, Link, Refinement, Scoring, SentenceRef};
use crate::document::Document;
use crate::framing::{self, Category, ContrastUse, FramingSpan, Lexicon, Mention};
use crate::quotes::Quotation;

#[derive(Clone, Debug)]
pub struct Options {
    /// Links scoring below this are dropped; `0` keeps every scored candidate.
    pub min_score: f32,
    /// The framing lexicon: the embedded defaults unless the user merged files over them.
    pub lexicon: Arc<Lexicon>,
    /// Refine the links with the transformer (see [`claims::refine`]) when at most
    /// `refine_limit` sentences need encoding.
    pub refine: bool,
    pub refine_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_score: claims::DEFAULT_THRESHOLD,
            lexicon: Lexicon::embedded(),
            refine: true,
            refine_limit: claims::REFINE_LIMIT,
        }
    }
}

/// What a running analysis reports ([`Analysis::run_with_progress`]), in this order: the
/// analysis from the fast signals, then, while the transformer refines the links, how far it
/// has got. The refined analysis is what `run_with_progress` returns.
#[derive(Debug)]
pub enum Progress {
    /// Framing and the links from the fast signals: show them at once. `refining` says whether
    /// refined links will replace these (otherwise this analysis is the final one).
    First { analysis: Box<Analysis>, refining: bool },
    /// Refinement: `done` of `total` sentences encoded.
    Refining { done: usize, total: usize },
}

/// A sentence of another document reporting the same thing, with its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counterpart {
    pub sentence: SentenceRef,
    pub score: f32,
    /// See [`Link::held_back`].
    pub held_back: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Per document, sorted by start.
    pub framing: Vec<Vec<FramingSpan>>,
    /// Each cross-document pair once, at or above the threshold.
    pub links: Vec<Link>,
    pub clusters: Vec<Cluster>,
    counterparts: HashMap<SentenceRef, Vec<Counterpart>>,
    /// Sorted by link (`a`, `b`): the clauses that carry it, for links between sentences that
    /// split (a sorted list, not a map: analyses travel through the reader's channel by value).
    clause_spans: Vec<((SentenceRef, SentenceRef), ClauseSpans)>,
    /// Whether the links rest on the transformer's signals too.
    pub refinement: Refinement,
    lexicon: Arc<Lexicon>,
    /// What the framing of each document needs besides its spans.
    documents: Vec<DocumentInfo>,
}

#[derive(Clone, Debug, Default)]
struct DocumentInfo {
    /// Its quotations, in text order ([`FramingSpan::quote`] indexes them).
    quotes: Vec<Quotation>,
    /// Every use of a label contrast-set term, with its referent.
    mentions: Vec<Mention>,
    words: usize,
}

impl Analysis {
    /// The final analysis: framing, and links refined by the transformer when the options ask
    /// for it and the input is small enough.
    pub fn run(docs: &[Document], options: &Options) -> Analysis {
        Self::run_listened(docs, options, None)
    }

    /// [`Analysis::run`], reporting on the way: first the analysis from the fast signals, then
    /// the refinement's progress (see [`Progress`]). Returns the final analysis.
    pub fn run_with_progress(docs: &[Document], options: &Options, on: &mut (dyn FnMut(Progress) + Send)) -> Analysis {
        Self::run_listened(docs, options, Some(on))
    }

    /// The analysis, reporting its progress to `on` if there is a listener; without one the
    /// first analysis is neither copied nor, when links will be refined, built at all.
    fn run_listened(
        docs: &[Document],
        options: &Options,
        mut on: Option<&mut (dyn FnMut(Progress) + Send)>,
    ) -> Analysis {
        let lexicon = Arc::clone(&options.lexicon);
        // Framing and claims are independent: on two cores they run side by side.
        // Framing takes less time than the claims: its thread counts the words too.
        let ((found, words), scoring) = crate::parallel::join(
            || (framing::detect_corpus(docs, &lexicon), docs.iter().map(Document::word_count).collect::<Vec<_>>()),
            // Links join different documents: one document has none, however long it is.
            || (docs.len() > 1).then(|| Scoring::new(docs)),
        );
        let mut framing = Vec::with_capacity(docs.len());
        let mut documents = Vec::with_capacity(docs.len());
        for (f, words) in found.into_iter().zip(words) {
            framing.push(f.spans);
            documents.push(DocumentInfo { quotes: f.quotes, mentions: f.mentions, words });
        }
        // `candidates`: the links at or above the threshold.
        let build = |candidates: Vec<(Link, ClauseSpans)>, refinement: Refinement| {
            let mut clause_spans = Vec::new();
            let mut links = Vec::new();
            for (link, spans) in candidates {
                if spans != ClauseSpans::default() {
                    clause_spans.push(((link.a, link.b), spans));
                }
                links.push(link);
            }
            links.sort_by_key(|x| (x.a, x.b));
            clause_spans.sort_by_key(|x| x.0);
            let clusters = claims::cluster(docs, &links);
            Analysis {
                lexicon: Arc::clone(&lexicon),
                documents: documents.clone(),
                clause_spans,
                refinement,
                ..Analysis::from_parts(framing.clone(), links, clusters)
            }
        };
        // The last analysis: the scoring is freed on the other core while it is built (the
        // corpus and candidates of ECB+ are a few hundred thousand allocations).
        let last = |scoring: Option<Scoring>| {
            let links = scoring.as_ref().map(|s| s.links_from(options.min_score)).unwrap_or_default();
            let refinement = scoring.as_ref().map_or(Refinement::Fast, Scoring::refinement);
            let ((), analysis) = crate::parallel::join(move || drop(scoring), || build(links, refinement));
            analysis
        };
        let mut scoring = match scoring {
            Some(scoring) if options.refine => scoring,
            fast_only => {
                let analysis = last(fast_only);
                if let Some(on) = on {
                    on(Progress::First { analysis: Box::new(analysis.clone()), refining: false });
                }
                return analysis;
            }
        };
        let to_encode = scoring.sentences_to_refine();
        let refining = to_encode > 0 && to_encode <= options.refine_limit;
        if !refining {
            // No candidate pair, or too much: the refinement says which without encoding anything.
            scoring.refine(docs, options.refine_limit, &|_, _| {});
            let analysis = last(Some(scoring));
            if let Some(on) = on {
                on(Progress::First { analysis: Box::new(analysis.clone()), refining: false });
            }
            return analysis;
        }
        if let Some(on) = on.as_mut() {
            on(Progress::First {
                analysis: Box::new(build(scoring.links_from(options.min_score), scoring.refinement())),
                refining: true,
            });
        }
        let on = Mutex::new(on);
        scoring.refine(docs, options.refine_limit, &|done, total| {
            if let Some(on) = on.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
                on(Progress::Refining { done, total })
            }
        });
        last(Some(scoring))
    }

    /// Assembles an analysis from its parts, deriving each sentence's counterparts
    /// from the links (also how the reader's tests build analyses of their own).
    /// Quotations, label mentions and densities need the documents, so they stay empty here.
    pub fn from_parts(framing: Vec<Vec<FramingSpan>>, links: Vec<Link>, clusters: Vec<Cluster>) -> Analysis {
        let mut counterparts: HashMap<SentenceRef, Vec<Counterpart>> = HashMap::new();
        for l in &links {
            let held_back = l.held_back;
            counterparts.entry(l.a).or_default().push(Counterpart { sentence: l.b, score: l.score, held_back });
            counterparts.entry(l.b).or_default().push(Counterpart { sentence: l.a, score: l.score, held_back });
        }
        // Best first: pairs the evidence gate let through before those it held back (the
        // transformer can score two sentences of one scene above the sentence reporting the
        // same claim), then by score.
        for list in counterparts.values_mut() {
            list.sort_by(|x, y| {
                x.held_back.cmp(&y.held_back).then(y.score.total_cmp(&x.score)).then(x.sentence.cmp(&y.sentence))
            });
        }
        Analysis {
            framing,
            links,
            clusters,
            counterparts,
            clause_spans: Vec::new(),
            refinement: Refinement::Fast,
            lexicon: Lexicon::embedded(),
            documents: Vec::new(),
        }
    }

    /// Adds per-document details to an analysis built with [`Analysis::from_parts`]: each
    /// document's quotations, label mentions and word count (hand-made analyses for the compare
    /// screen's tests; `mentions` index the embedded lexicon's entries).
    pub fn with_details(mut self, details: Vec<(Vec<Quotation>, Vec<Mention>, usize)>) -> Analysis {
        self.documents =
            details.into_iter().map(|(quotes, mentions, words)| DocumentInfo { quotes, mentions, words }).collect();
        self
    }

    /// The lexicon the framing was found with ([`Mention::entry`] indexes its entries).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The same analysis with quotations given per document, which [`FramingSpan::quote`] indexes
    /// (for analyses built by hand: the reader's tests name whose words a quoted span is).
    pub fn with_quotes(mut self, quotes: Vec<Vec<Quotation>>) -> Analysis {
        if self.documents.len() < quotes.len() {
            self.documents.resize_with(quotes.len(), DocumentInfo::default);
        }
        for (info, q) in self.documents.iter_mut().zip(quotes) {
            info.quotes = q;
        }
        self
    }

    /// Counterparts of a sentence, best first.
    pub fn counterparts(&self, s: SentenceRef) -> &[Counterpart] {
        self.counterparts.get(&s).map_or(&[], Vec::as_slice)
    }

    /// The clauses that carry `link`, when a linked sentence carries more than one claim.
    pub fn clause_spans(&self, link: &Link) -> Option<&ClauseSpans> {
        let at = self.clause_spans.binary_search_by_key(&(link.a, link.b), |x| x.0).ok()?;
        Some(&self.clause_spans[at].1)
    }
}

impl Analysis {
    /// The explanation of framing span `span` of document `doc`: what the category marks, the entry or rule
    /// and its note, its layer and confidence, whose words they are when quoted, and for a label, what it
    /// names and how each other document names that same referent (empty when it uses none of the set's
    /// names for it; no comparison at all when the text does not say what the label names).
    pub fn explain(&self, docs: &[Document], doc: usize, span: usize) -> framing::Explanation {
        let s = &self.framing[doc][span];
        let (note, contrast_set) = framing::note_and_contrast(&self.lexicon, &docs[doc].text, s);
        let mention = self.mentions(doc).iter().find(|m| m.range == s.range);
        let referent = mention.and_then(|m| m.referent.clone());
        let contrast = match (contrast_set.or_else(|| mention.map(|m| m.set.clone())), &referent) {
            (Some(set), Some(referent)) => (0..docs.len().min(self.documents.len()))
                .filter(|&d| d != doc)
                .map(|d| ContrastUse {
                    doc: d,
                    terms: framing::labels::terms_for(self.mentions(d), &set, referent, &self.lexicon),
                })
                .collect(),
            _ => Vec::new(),
        };
        let quoted = self
            .quote_of(doc, s)
            .map(|q| framing::Quoted { speaker: q.speaker_name(&docs[doc].text).map(str::to_string) });
        framing::Explanation {
            category: s.category,
            category_description: self.lexicon.description(s.category).to_string(),
            rule: s.rule.clone(),
            matched: docs[doc].text[s.range.clone()].to_string(),
            note,
            contrast,
            layer: s.layer(),
            confidence: s.confidence,
            confident: framing::confidence::is_confident(s),
            quoted,
            referent: referent.map(|r| r.to_string()),
        }
    }

    /// The quotations of document `doc`, in text order.
    pub fn quotes(&self, doc: usize) -> &[Quotation] {
        self.documents.get(doc).map_or(&[], |d| d.quotes.as_slice())
    }

    /// The quotation a span of document `doc` lies in (its words are the quoted speaker's).
    pub fn quote_of(&self, doc: usize, span: &FramingSpan) -> Option<&Quotation> {
        span.quote.and_then(|q| self.quotes(doc).get(q))
    }

    /// Every use of a label contrast-set term in document `doc`, shown or not, with what it names.
    pub fn mentions(&self, doc: usize) -> &[Mention] {
        self.documents.get(doc).map_or(&[], |d| d.mentions.as_slice())
    }

    /// Framing spans per category per 1,000 words of document `doc`, in [`Category::ALL`] order, the outlet's
    /// own wording apart from quoted words.
    pub fn density(&self, doc: usize) -> Vec<framing::Density> {
        framing::density(&self.framing[doc], self.documents.get(doc).map_or(0, |d| d.words))
    }

    /// Spans per category of document `doc`, own and quoted apart, and how many of each are at or above the
    /// default threshold.
    pub fn counts(&self, doc: usize) -> Vec<(Category, framing::Count)> {
        framing::counts(&self.framing[doc])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counterparts_the_gate_let_through_come_before_those_it_held_back() {
        let s = |doc, sentence| SentenceRef { doc, sentence };
        let link = |b, score, held_back| Link { a: s(0, 0), b, score, held_back };
        let links = vec![link(s(1, 0), 0.35, true), link(s(1, 2), 0.16, false), link(s(2, 1), 0.5, false)];
        let analysis = Analysis::from_parts(Vec::new(), links, Vec::new());
        let order: Vec<_> = analysis.counterparts(s(0, 0)).iter().map(|c| c.sentence).collect();
        assert_eq!(order, [s(2, 1), s(1, 2), s(1, 0)]);
        assert!(analysis.counterparts(s(1, 0))[0].held_back);
    }
}
