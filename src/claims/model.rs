//! How the signals combine into one score: a logistic regression fitted on
//! the ECB+ train topics by `examples/eval_claims.rs --fit`, shipped as data.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::signals::{COUNT, NAMES, Signals};

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

    /// The probability-like score in [0, 1].
    pub fn score(&self, s: &Signals) -> f32 {
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
    fn weights_round_trip_and_unknown_signals_are_rejected() {
        let m = Model::shipped();
        assert_eq!(&Model::from_json(&m.to_json()).unwrap(), m);
        assert!(Model::from_json(r#"{"bias": 0, "weights": {"vibes": 1}}"#).is_err());
        assert!(Model::from_json("not json").is_err());
    }
}
