//! Saved web pages: the article's title, byline and body via a Readability
//! port, without navigation, ads or scripts.
//!
//! The Readability port's work grows with the number of elements times their
//! depth (it walks each candidate's descendants and ancestors), so 20,000
//! unclosed `<div>` took over a minute. Every page is first tokenized once
//! (linear), which measures how deep its elements nest; a page nested deeper
//! than [`MAX_DEPTH`], or whose elements' depths add up to more than
//! [`MAX_LEVELS`], is shown as the plain text of its body instead, with a
//! warning that says so.

use std::cell::{Cell, RefCell};

use dom_smoothie::{Config, Readability, TextMode};
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

use crate::document::Meta;
use crate::load::markdown;

/// Deepest element nesting handed to Readability. Real pages nest a few dozen
/// deep; Blink's parser stops nesting at 512.
pub const MAX_DEPTH: usize = 256;

/// Most element levels (the sum of every element's depth, Readability's work)
/// handed to Readability: about a second. A large news page (30,000 elements,
/// 15 deep on average) has under half of it.
pub const MAX_LEVELS: usize = 1 << 20;

/// The article's paragraphs, filling title, source (site name), date and url
/// in `meta` where the page has them, and noting in `warnings` (under `path`)
/// when the page's whole text had to stand in for the article. `None` when no
/// text is found.
pub fn extract(path: &str, html: &str, meta: &mut Meta, warnings: &mut Vec<String>) -> Option<Vec<String>> {
    let scan = scan(html);
    let too_deep = if scan.max_depth > MAX_DEPTH {
        Some(format!("elements nested {} deep (over {MAX_DEPTH})", scan.max_depth))
    } else if scan.levels > MAX_LEVELS {
        Some(format!("{} element levels (over {MAX_LEVELS})", scan.levels))
    } else {
        None
    };
    if let Some(why) = too_deep {
        warnings.push(format!("{path}: {why}: shown as the page's plain text, without picking out the article"));
        return scan.into_plain(meta);
    }
    readability(html, meta)
}

fn readability(html: &str, meta: &mut Meta) -> Option<Vec<String>> {
    let cfg = Config { text_mode: TextMode::Markdown, ..Config::default() };
    let article = Readability::new(html, None, Some(cfg)).ok()?.parse().ok()?;
    let (mut paragraphs, _) = markdown::render(&article.text_content);
    if paragraphs.is_empty() {
        return None;
    }
    let title = article.title.trim();
    if !title.is_empty() {
        meta.title.get_or_insert_with(|| title.to_string());
        // Readability sometimes repeats the title as the first heading.
        if paragraphs.first().is_some_and(|p| p == title) {
            paragraphs.remove(0);
        }
    }
    if let Some(byline) = article.byline.map(|b| b.trim().to_string()).filter(|b| !b.is_empty()) {
        paragraphs.insert(0, byline);
    }
    meta.source = meta.source.take().or(article.site_name.filter(|s| !s.trim().is_empty()));
    meta.date = meta.date.take().or(article.published_time);
    meta.url = meta.url.take().or(article.url);
    Some(paragraphs)
}

/// What one pass of the tokenizer learns about a page.
#[derive(Default)]
struct Scan {
    max_depth: usize,
    /// The sum of every nesting element's depth.
    levels: usize,
    title: String,
    paragraphs: Vec<String>,
}

impl Scan {
    fn into_plain(self, meta: &mut Meta) -> Option<Vec<String>> {
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if !title.is_empty() {
            meta.title.get_or_insert(title);
        }
        (!self.paragraphs.is_empty()).then_some(self.paragraphs)
    }
}

fn scan(html: &str) -> Scan {
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(Scanner::default(), TokenizerOpts::default());
    // The sink never asks the tokenizer to stop for a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    sink.flush();
    Scan {
        max_depth: sink.max_depth.get(),
        levels: sink.levels.get(),
        title: sink.title.take(),
        paragraphs: sink.paragraphs.take(),
    }
}

/// Elements without content.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose end tag may be left out: the parser closes them itself, so
/// an unclosed one does not nest the next.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "rt", "rp", "rb", "rtc", "optgroup", "option", "colgroup", "caption", "thead", "tbody",
    "tfoot", "tr", "td", "th", "html", "head", "body",
];

/// Elements that start a new paragraph of the plain text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content is not text to read.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "textarea", "select", "svg", "math"];

#[derive(Default)]
struct Scanner {
    depth: Cell<usize>,
    max_depth: Cell<usize>,
    levels: Cell<usize>,
    /// Open hidden elements (script, style, …): their text is not kept.
    hidden: Cell<usize>,
    in_title: Cell<bool>,
    title: RefCell<String>,
    current: RefCell<String>,
    paragraphs: RefCell<Vec<String>>,
}

impl Scanner {
    fn flush(&self) {
        let mut current = self.current.borrow_mut();
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            self.paragraphs.borrow_mut().push(p);
        }
        current.clear();
    }
}

impl TokenSink for Scanner {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) => {
                let name: &str = &tag.name;
                let nests = !VOID.contains(&name) && !OPTIONAL_END.contains(&name);
                if BLOCK.contains(&name) {
                    self.flush();
                }
                match tag.kind {
                    StartTag => {
                        if nests {
                            self.depth.set(self.depth.get() + 1);
                            self.max_depth.set(self.max_depth.get().max(self.depth.get()));
                            self.levels.set(self.levels.get().saturating_add(self.depth.get()));
                        }
                        if HIDDEN.contains(&name) {
                            self.hidden.set(self.hidden.get() + 1);
                        }
                        // The tokenizer needs to be told which elements hold raw text,
                        // as the tree builder would.
                        match name {
                            "title" => {
                                self.in_title.set(true);
                                return TokenSinkResult::RawData(RawKind::Rcdata);
                            }
                            "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                            "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                return TokenSinkResult::RawData(RawKind::Rawtext);
                            }
                            "plaintext" => return TokenSinkResult::Plaintext,
                            _ => {}
                        }
                    }
                    EndTag => {
                        if nests {
                            self.depth.set(self.depth.get().saturating_sub(1));
                        }
                        if HIDDEN.contains(&name) {
                            self.hidden.set(self.hidden.get().saturating_sub(1));
                        }
                        if name == "title" {
                            self.in_title.set(false);
                        }
                    }
                }
            }
            CharacterTokens(text) => {
                if self.in_title.get() {
                    self.title.borrow_mut().push_str(&text);
                } else if self.hidden.get() == 0 {
                    self.current.borrow_mut().push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_nesting_is_bounded_and_the_text_kept() {
        // Issue 13: 20,000 unclosed <div> took over a minute in Readability.
        // Scaled down; the page is measured in one linear pass and read as plain text.
        let html = format!(
            "<html><head><title>Deep page</title><style>p {{}}</style></head><body>{}<p>The envoy met leaders.</p><script>x()</script><p>Talks go on.</p></body></html>",
            "<div>".repeat(2000)
        );
        let mut meta = Meta::default();
        let mut warnings = Vec::new();
        let paragraphs = extract("deep.html", &html, &mut meta, &mut warnings).unwrap();
        assert_eq!(paragraphs, ["The envoy met leaders.", "Talks go on."]);
        assert_eq!(meta.title.as_deref(), Some("Deep page"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("deep.html: elements nested 2001 deep (over 256)"), "{warnings:?}");
    }

    #[test]
    fn many_deep_chains_are_bounded_too() {
        // Each chain is within the depth limit, but together they would cost Readability
        // elements × depth: past the level budget the page is read as plain text.
        let chain = format!("{}<p>Deep down.</p>{}", "<div>".repeat(200), "</div>".repeat(200));
        let mut warnings = Vec::new();
        let few = extract("few.html", &chain.repeat(2), &mut Meta::default(), &mut warnings);
        assert!(warnings.is_empty() && few.is_some());
        let many = extract("many.html", &chain.repeat(60), &mut Meta::default(), &mut warnings).unwrap();
        assert_eq!(many.len(), 60);
        assert_eq!(
            warnings,
            [
                "many.html: 1206000 element levels (over 1048576): shown as the page's plain text, without picking out the article"
            ]
        );
    }

    #[test]
    fn depth_counts_only_elements_that_nest() {
        let p = "<p>one<p>two<li>three<br><img src=x>".repeat(1000);
        assert!(scan(&p).max_depth <= 1);
        let nested = format!("{}x{}", "<section><b>".repeat(10), "</b></section>".repeat(10));
        assert_eq!(scan(&nested).max_depth, 20);
        // Markup inside a script or a comment is not markup.
        assert_eq!(scan("<script>let s = '<div><div><div>';</script><!-- <div><div> -->").max_depth, 1);
    }
}
