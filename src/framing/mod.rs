//! Framing language: where and how a source's wording frames the story.

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Loaded,
    Label,
    Hedge,
    Booster,
    Attribution,
    Passive,
    ScareQuote,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Loaded,
        Category::Label,
        Category::Hedge,
        Category::Booster,
        Category::Attribution,
        Category::Passive,
        Category::ScareQuote,
    ];
}

/// One highlighted span of framing language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FramingSpan {
    pub range: Range<usize>,
    pub category: Category,
    /// The lexicon entry or rule id that matched.
    pub rule: String,
}

pub fn detect(_doc: &Document) -> Vec<FramingSpan> {
    Vec::new()
}

impl Category {
    /// Stable id used in JSON, lexicon files and the keymap.
    pub fn id(self) -> &'static str {
        match self {
            Category::Loaded => "loaded",
            Category::Label => "label",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Attribution => "attribution",
            Category::Passive => "passive",
            Category::ScareQuote => "scare_quote",
        }
    }

    /// Name shown to the reader.
    pub fn name(self) -> &'static str {
        match self {
            Category::Loaded => "loaded language",
            Category::Label => "label",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Attribution => "attribution",
            Category::Passive => "agentless passive",
            Category::ScareQuote => "scare quotes",
        }
    }
}

/// Why a span is marked: what the reader sees after pressing Enter on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub category: Category,
    pub category_description: String,
    /// The lexicon entry or rule that matched.
    pub rule: String,
    /// The text that matched.
    pub matched: String,
    pub note: Option<String>,
    /// For labels: how each other source names the same thing.
    pub contrast: Vec<ContrastUse>,
}

/// The terms of a label contrast set that one document uses.
#[derive(Clone, Debug, PartialEq)]
pub struct ContrastUse {
    pub doc: usize,
    pub terms: Vec<String>,
}
