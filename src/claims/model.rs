//! How the signals combine into one score: a logistic regression fitted on
//! the ECB+ train topics by `examples/eval_claims.rs --fit`, shipped as data.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::signals::{COUNT, NAMES, Signals};

/// Pieces of independent rare evidence (see [`Signals::evidence`]) a link needs: on the
/// seeds, one shared name ("IDF", "Biden", "the United States") carried links between
/// sentences that merely mention it, and a wrong link misleads more than a missing one helps.
pub const MIN_EVIDENCE: f32 = 2.0;
/// The factor on the score of a pair with thinner evidence: below the default threshold
/// whatever the signals, but still ordered among themselves for `--min-score` below it.
pub const THIN_EVIDENCE: f32 = 0.6;

/// The weights file: one weight per signal, keyed by its name in [`NAMES`].
#[derive(Serialize, Deserialize)]
struct WeightsFile {
    bias: f32,
    weights: BTreeMap<String, f32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub bias: f32,
    /// In the order of [`NAMES`].
    pub weights: [f32; COUNT],
}

static DEFAULT: LazyLock<Model> = LazyLock::new(|| {
    Model::from_json(include_str!("../../assets/claims/weights.json")).expect("shipped weights parse")
});

impl Model {
    pub fn shipped() -> &'static Model {
        &DEFAULT
    }

    /// Reads a weights file; signals it does not name weigh nothing.
    pub fn from_json(text: &str) -> Result<Model, String> {
        let file: WeightsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if let Some(unknown) = file.weights.keys().find(|k| !NAMES.contains(&k.as_str())) {
            return Err(format!("unknown signal {unknown:?} in weights"));
        }
        Ok(Model { bias: file.bias, weights: NAMES.map(|n| file.weights.get(n).copied().unwrap_or(0.0)) })
    }

    pub fn to_json(&self) -> String {
        let weights = NAMES.iter().zip(self.weights).map(|(n, w)| (n.to_string(), w)).collect();
        serde_json::to_string_pretty(&WeightsFile { bias: self.bias, weights }).expect("weights serialise") + "\n"
    }

    /// The probability-like score in [0, 1]. A pair with fewer than [`MIN_EVIDENCE`] pieces of
    /// rare shared evidence keeps its rank among such pairs but is scaled by [`THIN_EVIDENCE`].
    pub fn score(&self, s: &Signals) -> f32 {
        let p = self.probability(s);
        if s.evidence < MIN_EVIDENCE { p * THIN_EVIDENCE } else { p }
    }

    /// The logistic regression alone, without the evidence gate.
    pub fn probability(&self, s: &Signals) -> f32 {
        let z = self.bias + self.weights.iter().zip(s.values()).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_favour_shared_rare_words() {
        let m = Model::shipped();
        let none = Signals { length: 0.5, ..Signals::default() };
        let some = Signals { words: 0.6, containment: 0.7, rarity: 0.8, length: 0.5, ..Signals::default() };
        assert!(m.score(&some) > m.score(&none));
        assert!((0.0..=1.0).contains(&m.score(&some)));
    }

    #[test]
    fn thin_evidence_stays_below_the_default_threshold() {
        let m = Model::shipped();
        let strong =
            Signals { words: 0.6, containment: 0.6, rarity: 1.0, entities: 0.8, length: 0.5, ..Signals::default() };
        let two = Signals { evidence: 2.0, ..strong };
        let one = Signals { evidence: 1.75, ..strong };
        assert!(m.score(&two) > crate::claims::DEFAULT_THRESHOLD, "{}", m.score(&two));
        assert!(m.score(&one) < crate::claims::DEFAULT_THRESHOLD, "{}", m.score(&one));
        assert_eq!(m.score(&two), m.probability(&two));
    }

    #[test]
    fn weights_round_trip_and_unknown_signals_are_rejected() {
        let m = Model::shipped();
        assert_eq!(&Model::from_json(&m.to_json()).unwrap(), m);
        assert!(Model::from_json(r#"{"bias": 0, "weights": {"vibes": 1}}"#).is_err());
        assert!(Model::from_json("not json").is_err());
    }
}
