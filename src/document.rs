//! The document model: one article as clean text, with paragraphs and
//! sentences as byte ranges into that text.

use std::ops::Range;

use crate::sentences;

/// Where a document came from and what to call it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The path as the user gave it (or `-` for standard input, or the seed's name).
    pub path: String,
    /// A title given by front matter or the page; when absent, one is derived from the text.
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// When a page fetched from `url` was downloaded (RFC 3339, UTC); `None` for local files.
    pub fetched: Option<String>,
}

/// One article, cleaned for reading. `text` is exactly what the reader shows;
/// every range below indexes into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// When a page fetched from `url` was downloaded (RFC 3339, UTC); `None` for local files.
    pub fetched: Option<String>,
    pub text: String,
    /// Paragraphs, separated in `text` by one blank line.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in text order, each inside one paragraph, trimmed of surrounding whitespace.
    pub sentences: Vec<Range<usize>>,
}

/// Longest first line (in characters) that still reads as a headline.
const TITLE_LINE_MAX: usize = 120;
/// How many words of the first sentence name a pane when the first line is not a headline.
const TITLE_WORDS: usize = 8;

impl Document {
    /// Builds a document from text that is already clean (see [`crate::clean`]):
    /// paragraphs separated by blank lines.
    pub fn new(meta: Meta, text: String) -> Self {
        Document::new_reporting(meta, text, &mut Vec::new())
    }

    /// [`Document::new`], adding a warning (naming the path) to `warnings` when
    /// the sentence splitter had to cut passages without a sentence end.
    pub fn new_reporting(meta: Meta, text: String, warnings: &mut Vec<String>) -> Self {
        let paragraphs = paragraph_ranges(&text);
        let mut sentences = Vec::new();
        let mut forced_cuts = 0;
        for p in &paragraphs {
            let split = sentences::split_reporting(&text[p.clone()]);
            forced_cuts += split.forced_cuts;
            sentences.extend(split.sentences.into_iter().map(|s| s.start + p.start..s.end + p.start));
        }
        if forced_cuts > 0 {
            warnings.push(format!(
                "{}: {forced_cuts} long passage(s) without a sentence end were cut at a space \
                 (sentences are looked for in bounded pieces)",
                meta.path
            ));
        }
        let title = meta.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| derive_title(&text));
        Document {
            path: meta.path,
            title,
            source: meta.source,
            date: meta.date,
            url: meta.url,
            fetched: meta.fetched,
            text,
            paragraphs,
            sentences,
        }
    }

    /// Convenience for tests and benchmarks: clean `raw` as plain text and build a document.
    pub fn from_plain(path: &str, raw: &str) -> Self {
        Document::new(Meta { path: path.to_string(), ..Meta::default() }, crate::clean::clean_plain(raw))
    }

    pub fn sentence(&self, index: usize) -> &str {
        &self.text[self.sentences[index].clone()]
    }

    /// The sentence containing byte `offset`, or the last one starting before it.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let after = self.sentences.partition_point(|s| s.start <= offset);
        after.checked_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Number of words, counted as whitespace-separated runs containing a letter or digit.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
    }

    /// The file name of `path` (what a pane header shows beside the title).
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for block in text.split("\n\n") {
        let lead = block.len() - block.trim_start().len();
        let trimmed = block.trim();
        if !trimmed.is_empty() {
            out.push(start + lead..start + lead + trimmed.len());
        }
        start += block.len() + 2;
    }
    out
}

/// The first line when it is short enough to be a headline, else the opening
/// words of the first sentence.
fn derive_title(text: &str) -> String {
    let first_line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first_line.is_empty() {
        return "(empty)".to_string();
    }
    if first_line.chars().count() <= TITLE_LINE_MAX {
        return first_line.to_string();
    }
    let words: Vec<&str> = first_line.split_whitespace().collect();
    let mut title = words[..words.len().min(TITLE_WORDS)].join(" ");
    title = title.trim_end_matches([',', ';', ':', '—', '–', '-']).to_string();
    title.push('…');
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_blank_line_separated_and_trimmed() {
        let d = Document::new(Meta::default(), "One. Two.\n\nThree.".to_string());
        assert_eq!(d.paragraphs, vec![0..9, 11..17]);
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(d.sentence(2), "Three.");
    }

    #[test]
    fn short_first_line_is_the_title_and_stays_in_text() {
        let d = Document::from_plain("a.txt", "Hamas just admitted defeat.\nThe rest follows here.\n");
        assert_eq!(d.title, "Hamas just admitted defeat.");
        assert!(d.text.starts_with("Hamas just admitted defeat."));
    }

    #[test]
    fn long_first_line_gives_opening_words() {
        let line = "According to senior Israeli security officials, the organization is clinging to its hold on Gaza at any cost, even rejecting recent ceasefire and hostage deal proposals.";
        let d = Document::from_plain("a.txt", line);
        assert_eq!(d.title, "According to senior Israeli security officials, the organization…");
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let d = Document::from_plain("a.txt", "First one. Second one.");
        assert_eq!(d.sentence_at(0), Some(0));
        assert_eq!(d.sentence_at(12), Some(1));
    }

    #[test]
    fn file_name_strips_directories() {
        let d = Document::from_plain("dir/sub/x.md", "x");
        assert_eq!(d.file_name(), "x.md");
    }
}
