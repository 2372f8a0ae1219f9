//! The evidence that two sentences report the same thing, one number per
//! signal, each in [0, 1] (meaning in [-1, 1]).

use serde::{Deserialize, Serialize};

use super::corpus::{Corpus, SentenceFeatures, mass};

/// The signals, in the order of [`Signals::values`] and of the weights file.
pub const NAMES: [&str; 8] = ["words", "containment", "rarity", "numbers", "entities", "quotes", "meaning", "length"];
pub const COUNT: usize = NAMES.len();

/// Content words at which the length signal saturates.
const LENGTH_SATURATION: f32 = 20.0;
/// Shared words, each weighted by its rarity, at which the rarity signal saturates.
const RARITY_SATURATION: f32 = 4.0;

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
}

impl Signals {
    pub fn values(&self) -> [f32; COUNT] {
        [self.words, self.containment, self.rarity, self.numbers, self.entities, self.quotes, self.meaning, self.length]
    }
}

/// The keys both sorted lists hold.
fn shared_keys<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
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
            let unit = match (fa.unit, fb.unit) {
                (Some(x), Some(y)) if x == y => 1.0,
                (Some(_), Some(_)) => 0.25,
                _ => 0.5,
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

pub fn signals(corpus: &Corpus, a: usize, b: usize) -> Signals {
    let (fa, fb) = (&corpus.sentences[a], &corpus.sentences[b]);
    let idf = &corpus.idf;
    let (shared, na, nb) = (shared_mass(&fa.terms, &fb.terms, idf), fa.terms_mass, fb.terms_mass);
    let (shared_e, na_e, nb_e) = (shared_mass(&fa.entities, &fb.entities, idf), fa.entities_mass, fb.entities_mass);
    let shorter = fa.content_words.min(fb.content_words) as f32;
    let rarity: f32 = shared_keys(&fa.terms, &fb.terms).map(|k| idf[k as usize] / corpus.max_idf).sum();
    let rarest_name = shared_keys(&fa.entities, &fb.entities).map(|k| idf[k as usize]).fold(0.0, f32::max);
    Signals {
        words: cosine(shared, na, nb),
        containment: if na.min(nb) > 0.0 { shared / na.min(nb) } else { 0.0 },
        rarity: (rarity / RARITY_SATURATION).min(1.0),
        numbers: numbers(fa, fb, corpus),
        entities: cosine(shared_e, na_e, nb_e) * rarest_name / corpus.max_idf,
        quotes: quotes(fa, fb, idf),
        // Both vectors are unit length (or zero), so the dot product is the cosine.
        meaning: fa.meaning.iter().zip(&fb.meaning).map(|(x, y)| x * y).sum(),
        length: (shorter / LENGTH_SATURATION).min(1.0),
    }
}
