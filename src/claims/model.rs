//! How the signals combine into one score: two logistic regressions, fitted on the ECB+ train
//! topics and the same-story set by `examples/eval_claims.rs --fit` and shipped as data: the
//! fast model over the static signals, the refined one over those and the transformer's.
//! Both are shifted so that [`super::DEFAULT_THRESHOLD`] is where they reach the precision the
//! default links are chosen for, and both go through the same gate: names are context, and a
//! link needs what is said or done to match.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::signals::{COUNT, NAMES, Signals};

/// What is said or done ([`Signals::what`]: words outside names aligned, shared figures and
/// quotations) a link needs in common: a shared name, place or venue makes a match plausible but
/// cannot make one alone ("Qatar and Egypt" as mediators and as the addressees of a plea;
/// "Netanyahu" and "Hamas" in two assertions).
pub const MIN_WHAT: f32 = 2.0;
/// ...or one piece of it, with this much rare shared evidence ([`Signals::evidence`], where rare
/// names count as context): "identified the suspect as <name> of <town>".
pub const RARE_EVIDENCE: f32 = 2.0;
/// The factor on the score of a pair the gate holds back: below the default threshold
/// whatever the signals (a probability of 1 scores 0.7 < 0.71), but still ordered among
/// themselves for `--min-score` below it. The largest such factor keeps the most of the
/// model's order between held-back and passing pairs (0.6 → 0.7: ECB+ dev AUC 0.825 → 0.827,
/// same-story AP 0.566 → 0.568; notes/claims.md).
pub const THIN_EVIDENCE: f32 = 0.7;
const _: () = assert!(THIN_EVIDENCE < super::DEFAULT_THRESHOLD, "a held-back pair must never be a default link");
/// The least score of two sentences quoting the same words ([`Signals::same_quotation`]): the same
/// statement, a link whatever else their sentences say (on the same-story set, all 15 such pairs
/// are the same claim to both readers).
pub const SAME_QUOTATION: f32 = 0.9;
const _: () = assert!(SAME_QUOTATION > super::DEFAULT_THRESHOLD, "the same quotation is a default link");
/// The precision on the same-story set the default threshold is chosen for, fitted on all of it;
/// cross-validated by event it comes out at 0.873 (0.88 gave 0.824, below the issue's 0.85).
pub const TARGET_PRECISION: f64 = 0.9;

/// Whether the gate lets a pair through (see [`MIN_WHAT`]; the same quotation always passes).
pub fn passes(s: &Signals) -> bool {
    s.same_quotation || s.what >= MIN_WHAT || (s.what >= 1.0 && s.evidence >= RARE_EVIDENCE)
}

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

static FAST: LazyLock<Model> = LazyLock::new(|| {
    Model::from_json(include_str!("../../assets/claims/weights.json")).expect("shipped weights parse")
});
static REFINED: LazyLock<Model> = LazyLock::new(|| {
    Model::from_json(include_str!("../../assets/claims/weights_refined.json")).expect("shipped weights parse")
});

impl Model {
    /// The model over the static signals: the links shown at once.
    pub fn fast() -> &'static Model {
        &FAST
    }

    /// The model over the static and the transformer's signals.
    pub fn refined() -> &'static Model {
        &REFINED
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

    /// The probability-like score in [0, 1]. A pair the gate holds back ([`passes`]) keeps its
    /// rank among such pairs but is scaled by [`THIN_EVIDENCE`]; two sentences quoting the same
    /// words score at least [`SAME_QUOTATION`].
    pub fn score(&self, s: &Signals) -> f32 {
        let p = self.probability(s);
        if s.same_quotation {
            p.max(SAME_QUOTATION)
        } else if passes(s) {
            p
        } else {
            p * THIN_EVIDENCE
        }
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
        let m = Model::fast();
        let none = Signals { length: 0.5, ..Signals::default() };
        let some = Signals { words: 0.6, containment: 0.7, rarity: 0.8, length: 0.5, ..Signals::default() };
        assert!(m.score(&some) > m.score(&none));
        assert!((0.0..=1.0).contains(&m.score(&some)));
    }

    #[test]
    fn the_same_scene_in_an_article_on_another_event_scores_lower_in_both_models() {
        let scene =
            Signals { words: 0.6, containment: 0.7, rarity: 0.8, entities: 0.5, length: 0.5, ..Signals::default() };
        let elsewhere = Signals { apart: 1.0, ..scene };
        for m in [Model::fast(), Model::refined()] {
            assert!(m.score(&elsewhere) < m.score(&scene), "{} vs {}", m.score(&elsewhere), m.score(&scene));
        }
    }

    #[test]
    fn thin_evidence_stays_below_the_default_threshold() {
        let m = Model::fast();
        let strong = Signals {
            words: 0.8,
            containment: 0.8,
            rarity: 1.0,
            entities: 0.8,
            length: 0.5,
            aligned: 0.8,
            covered: 0.9,
            evidence_aligned: 0.8,
            verbatim: 0.7,
            pieces: 1.0,
            ..Signals::default()
        };
        let two = Signals { what: 2.0, ..strong };
        let one = Signals { what: 1.75, ..strong };
        let names_only = Signals { what: 0.5, evidence: 3.0, ..strong };
        let word_and_names = Signals { what: 1.0, evidence: 3.0, ..strong };
        assert!(!passes(&names_only) && passes(&word_and_names));
        assert!(m.score(&two) > crate::claims::DEFAULT_THRESHOLD, "{}", m.score(&two));
        assert!(m.score(&one) < crate::claims::DEFAULT_THRESHOLD, "{}", m.score(&one));
        assert_eq!(m.score(&two), m.probability(&two));
    }

    #[test]
    fn weights_round_trip_and_unknown_signals_are_rejected() {
        let m = Model::refined();
        assert_eq!(&Model::from_json(&m.to_json()).unwrap(), m);
        assert!(Model::from_json(r#"{"bias": 0, "weights": {"vibes": 1}}"#).is_err());
        assert!(Model::from_json("not json").is_err());
    }
}
