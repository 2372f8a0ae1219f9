//! Web pages, saved or fetched: the article's title, byline and body via a
//! Readability port, without navigation, ads or scripts.
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
const MAX_DEPTH: usize = 256;

/// Most element levels (the sum of every element's depth, Readability's work)
/// handed to Readability: about a second. A large news page (30,000 elements,
/// 15 deep on average) has under half of it.
const MAX_LEVELS: usize = 1 << 20;

/// A fetched page whose body has fewer words outside links than this is a
/// teaser, a stub or a page of headlines, not an article.
const ARTICLE_MIN_WORDS: usize = 50;
/// How far into the body a byline already printed by the page is looked for.
const BYLINE_PARAGRAPHS: usize = 3;

/// How sure extraction must be that the page is an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Require {
    /// A page the user saved: whatever text Readability finds is kept.
    AnyText,
    /// A page fetched from a link: Readability's quick test must find enough
    /// paragraph text, and the body at least [`ARTICLE_MIN_WORDS`] words outside
    /// links, so a paywall stub, a page of links or an error page is refused.
    Article,
}

/// The article's paragraphs, filling title, source (site name), date and url
/// in `meta` where the page has them, and noting in `warnings` (under `path`)
/// when the page's whole text had to stand in for the article. `None` when no
/// article text is found (for a fetched page, also when the page is too deep
/// to search for one: its whole text is no article).
pub fn extract(
    path: &str,
    html: &str,
    meta: &mut Meta,
    require: Require,
    warnings: &mut Vec<String>,
) -> Option<Vec<String>> {
    let scan = scan(html);
    let too_deep = if scan.max_depth > MAX_DEPTH {
        Some(format!("elements nested {} deep (over {MAX_DEPTH})", scan.max_depth))
    } else if scan.levels > MAX_LEVELS {
        Some(format!("{} element levels (over {MAX_LEVELS})", scan.levels))
    } else {
        None
    };
    if let Some(why) = too_deep {
        if require == Require::Article {
            return None;
        }
        warnings.push(format!("{path}: {why}: shown as the page's plain text, without picking out the article"));
        return scan.into_plain(meta);
    }
    readability(html, meta, require)
}

fn readability(html: &str, meta: &mut Meta, require: Require) -> Option<Vec<String>> {
    let cfg = Config { text_mode: TextMode::Markdown, ..Config::default() };
    let mut readability = Readability::new(html, None, Some(cfg)).ok()?;
    // The quick test reads the page before `parse` rewrites it.
    if require == Require::Article && !readability.is_probably_readable() {
        return None;
    }
    let article = readability.parse().ok()?;
    let (mut paragraphs, _) = markdown::render(&article.text_content);
    if paragraphs.is_empty() {
        return None;
    }
    if require == Require::Article && markdown::unlinked_words(&article.text_content) < ARTICLE_MIN_WORDS {
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
    if let Some(byline) = article.byline.as_deref().and_then(|b| byline(b, &paragraphs, article.lang.as_deref())) {
        paragraphs.insert(0, byline);
    }
    meta.source = meta.source.take().or(article.site_name.filter(|s| !s.trim().is_empty()));
    meta.date = meta.date.take().or(article.published_time);
    meta.url = meta.url.take().or(article.url);
    Some(paragraphs)
}

/// The byline line to put above the body, if the body does not already show it
/// near the top. A bare name from the page's metadata reads as a byline with
/// "By " before it (on English pages; other languages have their own word).
fn byline(byline: &str, paragraphs: &[String], lang: Option<&str>) -> Option<String> {
    let byline = byline.split_whitespace().collect::<Vec<_>>().join(" ");
    if byline.is_empty() {
        return None;
    }
    let name = strip_by(&byline).to_lowercase();
    if paragraphs.iter().take(BYLINE_PARAGRAPHS).any(|p| p.to_lowercase().contains(&name)) {
        return None;
    }
    let english = lang.is_none_or(|l| l.to_ascii_lowercase().starts_with("en"));
    Some(if english && strip_by(&byline).len() == byline.len() { format!("By {byline}") } else { byline })
}

fn strip_by(byline: &str) -> &str {
    match byline.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => byline[3..].trim_start(),
        _ => byline,
    }
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
        let paragraphs = extract("deep.html", &html, &mut meta, Require::AnyText, &mut warnings).unwrap();
        assert_eq!(paragraphs, ["The envoy met leaders.", "Talks go on."]);
        assert_eq!(meta.title.as_deref(), Some("Deep page"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("deep.html: elements nested 2001 deep (over 256)"), "{warnings:?}");
    }

    #[test]
    fn a_fetched_page_too_deep_to_search_is_no_article() {
        let html = format!("<html><body>{}<p>Text.</p></body></html>", "<div>".repeat(300));
        let mut warnings = Vec::new();
        assert_eq!(extract("u", &html, &mut Meta::default(), Require::Article, &mut warnings), None);
        assert!(warnings.is_empty());
    }

    #[test]
    fn many_deep_chains_are_bounded_too() {
        // Each chain is within the depth limit, but together they would cost Readability
        // elements × depth: past the level budget the page is read as plain text.
        let chain = format!("{}<p>Deep down.</p>{}", "<div>".repeat(200), "</div>".repeat(200));
        let mut warnings = Vec::new();
        let few = extract("few.html", &chain.repeat(2), &mut Meta::default(), Require::AnyText, &mut warnings);
        assert!(warnings.is_empty() && few.is_some());
        let many =
            extract("many.html", &chain.repeat(60), &mut Meta::default(), Require::AnyText, &mut warnings).unwrap();
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

    const BODY: &str = "<p>Negotiators walked out of the harbour talks on Tuesday after the port authority \
        rejected a twelve percent pay rise for the night shift, union officials said on the quay.</p>\
        <p>The union leader said the offer was an insult to the dockers who kept the cranes running \
        through the winter storms, and promised further action next week at the gates.</p>\
        <p>A spokesperson for the port authority said the figures would be published on Friday and \
        that the night shift would continue as planned in the meantime.</p>";

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html lang=\"en\"><head>{head}</head><body><article>{body}</article></body></html>")
    }

    #[test]
    fn metadata_names_the_source_date_and_byline() {
        let head = r#"<title>Harbour talks stall | Coastal Herald</title>
            <meta property="og:site_name" content="Coastal Herald">
            <meta property="og:title" content="Harbour talks stall">
            <meta property="article:published_time" content="2025-07-25T09:30:00Z">
            <meta name="author" content="Mara Quill">"#;
        let mut meta = Meta::default();
        let paragraphs = extract("p.html", &page(head, BODY), &mut meta, Require::Article, &mut Vec::new()).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Harbour talks stall"));
        assert_eq!(meta.source.as_deref(), Some("Coastal Herald"));
        assert_eq!(meta.date.as_deref(), Some("2025-07-25T09:30:00Z"));
        assert_eq!(paragraphs[0], "By Mara Quill");
        assert!(paragraphs[1].starts_with("Negotiators walked out"));
    }

    /// Regression: the author named in the metadata was added above a byline the page already printed.
    #[test]
    fn a_byline_printed_by_the_page_is_not_repeated() {
        let head = r#"<title>Harbour talks stall</title><meta name="author" content="Mara Quill">"#;
        let body = format!("<h1>Harbour talks stall</h1><p class=\"byline\">By Mara Quill</p>{BODY}");
        let mut meta = Meta::default();
        let paragraphs = extract("p.html", &page(head, &body), &mut meta, Require::Article, &mut Vec::new()).unwrap();
        assert_eq!(paragraphs.iter().filter(|p| p.contains("Mara Quill")).count(), 1, "{paragraphs:?}");
    }

    #[test]
    fn a_bare_name_on_a_page_in_another_language_is_kept_as_written() {
        assert_eq!(byline("Hans Berg", &[], Some("de")).as_deref(), Some("Hans Berg"));
        assert_eq!(byline("by Hans Berg", &[], None).as_deref(), Some("by Hans Berg"));
        assert_eq!(byline("  ", &[], None), None);
    }

    #[test]
    fn a_stub_or_a_page_of_links_is_no_article_when_one_is_required() {
        let stub = page(
            "<title>Harbour talks stall</title>",
            "<h1>Harbour talks stall</h1><p>Negotiators walked out of the harbour talks on Tuesday.</p>\
             <p>Subscribe to keep reading.</p>",
        );
        let links: String =
            (0..40).map(|i| format!("<li><a href=\"/story/{i}\">Story number {i} of the day</a></li>")).collect();
        let links = page("<title>Port news</title>", &format!("<ul>{links}</ul>"));
        for html in [&stub, &links] {
            assert_eq!(extract("p.html", html, &mut Meta::default(), Require::Article, &mut Vec::new()), None);
        }
        assert!(
            extract("p.html", &stub, &mut Meta::default(), Require::AnyText, &mut Vec::new()).is_some(),
            "a saved page keeps what it has"
        );
    }
}
