//! How the signals combine into one score: a logistic regression fitted on
//! the ECB+ train topics by `examples/eval_claims.rs --fit`, shipped as data.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::signals::{COUNT, NAMES, Signals};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub bias: f32,
    /// One weight per signal, keyed by its name in [`NAMES`].
    pub weights: std::collections::BTreeMap<String, f32>,
}

static DEFAULT: LazyLock<Model> = LazyLock::new(|| {
    Model::from_json(include_str!("../../assets/claims/weights.json")).expect("shipped weights parse")
});

impl Model {
    pub fn shipped() -> &'static Model {
        &DEFAULT
    }

    pub fn from_json(text: &str) -> Result<Model, String> {
        let m: Model = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if let Some(unknown) = m.weights.keys().find(|k| !NAMES.contains(&k.as_str())) {
            return Err(format!("unknown signal {unknown:?} in weights"));
        }
        Ok(m)
    }

    pub fn from_vector(bias: f32, w: &[f32; COUNT]) -> Model {
        Model { bias, weights: NAMES.iter().zip(w).map(|(n, w)| (n.to_string(), *w)).collect() }
    }

    pub fn vector(&self) -> [f32; COUNT] {
        NAMES.map(|n| self.weights.get(n).copied().unwrap_or(0.0))
    }

    /// The probability-like score in [0, 1].
    pub fn score(&self, s: &Signals) -> f32 {
        let z = self.bias + self.vector().iter().zip(s.values()).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_favour_shared_words() {
        let m = Model::shipped();
        let none = Signals { length: 0.5, ..Signals::default() };
        let some = Signals { words: 0.6, containment: 0.7, meaning: 0.6, length: 0.5, ..Signals::default() };
        assert!(m.score(&some) > m.score(&none));
        assert!((0.0..=1.0).contains(&m.score(&some)));
    }

    #[test]
    fn unknown_signals_are_rejected() {
        assert!(Model::from_json(r#"{"bias": 0, "weights": {"vibes": 1}}"#).is_err());
        assert!(Model::from_json("not json").is_err());
    }
}
