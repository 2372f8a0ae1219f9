//! Sources: one row per source. Its size, its framing per 1,000 words (the
//! outlet's own wording apart from quoted words), how much of it is quotation,
//! whom it quotes and how (named, by role, not at all), and its share of the
//! claims.

use std::collections::HashMap;

use serde::Serialize;

use super::{Coverage, Place, is_anonymous, is_named, speaker_key};
use crate::analysis::Analysis;
use crate::document::Document;
use crate::framing::{ANONYMOUS_SOURCE, Category, Layer};

/// How many of the most quoted speakers a row lists.
const TOP_SPEAKERS: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceRow {
    pub doc: usize,
    pub words: usize,
    pub sentences: usize,
    /// Framing spans per 1,000 words by category, in [`Category::ALL`] order.
    pub density: Vec<CategoryDensity>,
    /// The same by layer (wording, sourcing).
    pub layers: Vec<LayerDensity>,
    pub quotations: usize,
    /// Words inside quotation marks.
    pub quoted_words: usize,
    /// `quoted_words` as a share of all words, 0 to 1.
    pub quoted_share: f64,
    pub speakers: SpeakerKinds,
    /// "Officials say", "according to sources": unnamed sourcing outside quotations.
    pub anonymous_sourcing: usize,
    /// The most quoted speakers, most quotations first.
    pub top_speakers: Vec<SpeakerCount>,
    pub claims_shared: usize,
    pub claims_only_here: usize,
    pub claims_left_out: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CategoryDensity {
    pub category: Category,
    pub layer: Layer,
    pub own: f64,
    pub quoted: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LayerDensity {
    pub layer: Layer,
    pub own: f64,
    pub quoted: f64,
}

/// Quotations by how their speaker is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SpeakerKinds {
    /// A name, or a pronoun standing for one.
    pub named: usize,
    /// A role only: "a senior official", "analysts".
    pub anonymous: usize,
    /// A pronoun the text does not resolve.
    pub unresolved: usize,
    /// No speaker given.
    pub none: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerCount {
    /// The fullest form the source gives ("Mara Lind" over "Lind").
    pub name: String,
    pub named: bool,
    pub quotations: usize,
    /// The quotations, in text order.
    pub places: Vec<Place>,
}

pub(super) fn build(docs: &[Document], analysis: &Analysis, coverage: &Coverage) -> Vec<SourceRow> {
    docs.iter()
        .enumerate()
        .map(|(d, doc)| {
            let words = doc.word_count();
            let density: Vec<CategoryDensity> = analysis
                .density(d)
                .into_iter()
                .map(|x| CategoryDensity {
                    category: x.category,
                    layer: x.category.layer(),
                    own: x.own,
                    quoted: x.quoted,
                })
                .collect();
            let layers = Layer::ALL
                .iter()
                .map(|&layer| {
                    let of = density.iter().filter(|x| x.layer == layer);
                    LayerDensity { layer, own: of.clone().map(|x| x.own).sum(), quoted: of.map(|x| x.quoted).sum() }
                })
                .collect();
            let quotes = analysis.quotes(d);
            let quoted_words: usize =
                quotes.iter().map(|q| crate::words::spans(&doc.text[q.inner.clone()]).len()).sum();
            let mut speakers = SpeakerKinds::default();
            let mut by_speaker: HashMap<String, SpeakerCount> = HashMap::new();
            for q in quotes {
                match &q.speaker {
                    None => speakers.none += 1,
                    Some(_) if is_named(q) => speakers.named += 1,
                    Some(_) if is_anonymous(q) => speakers.anonymous += 1,
                    Some(_) => speakers.unresolved += 1,
                }
                let (Some(key), Some(name)) = (speaker_key(q, &doc.text), q.speaker_name(&doc.text)) else { continue };
                if !is_named(q) && !is_anonymous(q) {
                    continue;
                }
                let e = by_speaker.entry(key).or_insert_with(|| SpeakerCount {
                    name: name.to_string(),
                    named: is_named(q),
                    quotations: 0,
                    places: Vec::new(),
                });
                if name.len() > e.name.len() {
                    e.name = name.to_string();
                }
                e.quotations += 1;
                e.places.push(Place::new(d, &q.range));
            }
            let mut top: Vec<SpeakerCount> = by_speaker.into_values().collect();
            top.sort_by(|a, b| b.quotations.cmp(&a.quotations).then_with(|| a.places[0].cmp(&b.places[0])));
            top.truncate(TOP_SPEAKERS);
            let anonymous_sourcing = analysis
                .framing
                .get(d)
                .into_iter()
                .flatten()
                .filter(|s| s.rule == ANONYMOUS_SOURCE && !s.is_quoted())
                .count();
            let cov = coverage.summary.get(d).copied().unwrap_or_default();
            SourceRow {
                doc: d,
                words,
                sentences: doc.sentences.len(),
                density,
                layers,
                quotations: quotes.len(),
                quoted_words,
                quoted_share: if words == 0 { 0.0 } else { (quoted_words as f64 / words as f64).min(1.0) },
                speakers,
                anonymous_sourcing,
                top_speakers: top,
                claims_shared: cov.shared,
                claims_only_here: cov.only_here,
                claims_left_out: cov.left_out,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Tables, fixture};
    use crate::framing::{Category, Layer};

    #[test]
    fn a_row_per_source_with_its_own_and_quoted_framing() {
        let (docs, analysis) = fixture::story();
        let rows = Tables::build(&docs, &analysis).sources;
        assert_eq!(rows.len(), 3);
        let r = &rows[0];
        assert_eq!((r.words, r.sentences), (docs[0].word_count(), 5));
        let loaded = r.density.iter().find(|x| x.category == Category::Loaded).unwrap();
        let per_thousand = 1000.0 / r.words as f64;
        assert_eq!((loaded.own, loaded.quoted), (0.0, per_thousand), "the one loaded word is Lind's");
        let wording = r.layers.iter().find(|x| x.layer == Layer::Wording).unwrap();
        assert_eq!(wording.quoted, per_thousand);
        assert_eq!(rows[2].anonymous_sourcing, 1);
        assert_eq!((r.claims_shared, r.claims_only_here, r.claims_left_out), (4, 0, 0));
    }

    #[test]
    fn quotations_their_share_and_their_speakers() {
        let (docs, analysis) = fixture::story();
        let rows = Tables::build(&docs, &analysis).sources;
        let r = &rows[1];
        assert_eq!(r.quotations, 3);
        // "an insult to the dockers" 5, "It has cost us two million dollars" 7, "The gates stay shut" 4.
        assert_eq!(r.quoted_words, 16);
        assert!((r.quoted_share - 16.0 / r.words as f64).abs() < 1e-9);
        assert_eq!((r.speakers.named, r.speakers.anonymous, r.speakers.none), (2, 1, 0));
        assert_eq!(r.top_speakers[0].name, "Lind");
        assert_eq!(r.top_speakers[0].quotations, 2);
        assert!(r.top_speakers[0].named);
        assert_eq!(r.top_speakers[1].name, "a senior port official");
        // Mara Lind and "Lind" are one speaker, written in full.
        let herald = &rows[0];
        assert_eq!(herald.top_speakers[0].name, "Mara Lind");
    }
}
