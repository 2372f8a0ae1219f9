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
