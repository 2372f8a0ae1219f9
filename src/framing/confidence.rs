//! How far a highlight can be trusted: each rule and lexicon group has an
//! estimated precision (the share of its highlights that annotators of
//! framing agree with, measured on annotated news), and context moves it
//! (a judgement inside a quotation is the speaker's; a phrase is more often
//! what annotators mark than a lone word). The default view shows the wording
//! layer at or above a threshold chosen for precision.
//!
//! The figures are data (`assets/framing/confidence.toml`), written by the
//! framing evaluation (`examples/eval_framing.rs --fit`), which says where
//! they were fitted and where checked.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Category, FramingSpan, Layer};

const FILE: &str = include_str!("../../assets/framing/confidence.toml");

static MODEL: LazyLock<Model> = LazyLock::new(|| toml::from_str(FILE).expect("embedded confidence model is valid"));

/// The fitted confidences (see the module documentation).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Where the figures were estimated.
    pub fitted_on: String,
    /// Spans at or above this confidence are shown by default.
    pub threshold: f32,
    /// By rule id: `anonymous_source`, `scare_quote`, `agentless_passive`, `label_contrast`.
    rules: BTreeMap<String, f32>,
    /// By category id: the prior of a lexicon group with no estimate of its own.
    categories: BTreeMap<String, f32>,
    /// By context: added to the log-odds.
    context: Context,
}

#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Inside a quotation: the quoted speaker's words.
    pub quoted: f32,
    /// The highlight takes in the phrase the word judges.
    pub phrase: f32,
}

/// What is known about a span's context when its confidence is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    pub quoted: bool,
    pub phrase: bool,
}

impl Model {
    /// The model shipped with parallax.
    pub fn shipped() -> &'static Model {
        &MODEL
    }

    pub fn rule(&self, rule: &str) -> f32 {
        self.rules.get(rule).copied().unwrap_or(0.5)
    }

    pub fn category(&self, category: Category) -> f32 {
        self.categories.get(category.id()).copied().unwrap_or(0.5)
    }

    pub fn context(&self) -> Context {
        self.context
    }

    /// `base` moved by the context that applies.
    pub fn adjust(&self, base: f32, cues: Cues) -> f32 {
        let mut shift = 0.0;
        if cues.quoted {
            shift += self.context.quoted;
        }
        if cues.phrase {
            shift += self.context.phrase;
        }
        if shift == 0.0 {
            return base;
        }
        let p = base.clamp(0.001, 0.999);
        let logit = (p / (1.0 - p)).ln() + shift;
        1.0 / (1.0 + (-logit).exp())
    }
}

/// Which highlights to show: layers and a lowest confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub wording: bool,
    pub sourcing: bool,
    pub min_confidence: f32,
}

impl View {
    /// What the reader shows by default: the wording layer, at or above the shipped threshold.
    pub fn standard() -> View {
        View { wording: true, sourcing: false, min_confidence: Model::shipped().threshold }
    }

    /// Both layers at or above the shipped threshold: the reader's default with the sourcing layer
    /// switched on (`f s`). The classroom's answer key (handout, `score`) uses it: the marking
    /// exercise asks for the categories of both layers, and a key holds only highlights a teacher
    /// can defend, as the reader shows by default.
    pub fn both_layers() -> View {
        View { sourcing: true, ..View::standard() }
    }

    /// Everything: both layers, every confidence.
    pub fn all() -> View {
        View { wording: true, sourcing: true, min_confidence: 0.0 }
    }

    pub fn shows(&self, span: &FramingSpan) -> bool {
        let layer = match span.layer() {
            Layer::Wording => self.wording,
            Layer::Sourcing => self.sourcing,
        };
        layer && span.confidence >= self.min_confidence
    }
}

/// Whether `span` is at or above the shipped threshold (the reader dims the rest).
pub fn is_confident(span: &FramingSpan) -> bool {
    span.confidence >= Model::shipped().threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses_and_names_every_rule_and_category() {
        let m = Model::shipped();
        for rule in ["anonymous_source", "scare_quote", "agentless_passive", "label_contrast"] {
            assert!(m.rules.contains_key(rule), "{rule}");
        }
        for c in Category::ALL {
            assert!(m.categories.contains_key(c.id()), "{}", c.id());
        }
        assert!((0.0..=1.0).contains(&m.threshold));
    }

    #[test]
    fn context_moves_the_log_odds() {
        let m = Model {
            fitted_on: String::new(),
            threshold: 0.5,
            rules: BTreeMap::new(),
            categories: BTreeMap::new(),
            context: Context { quoted: -(3.0f32.ln()), phrase: 0.0 },
        };
        assert_eq!(m.adjust(0.6, Cues::default()), 0.6);
        let quoted = m.adjust(0.75, Cues { quoted: true, phrase: false });
        assert!((quoted - 0.5).abs() < 1e-4, "{quoted}");
    }
}
