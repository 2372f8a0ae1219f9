//! Web pages, saved or fetched: the article's title, byline and body via a
//! Readability port, without navigation, ads or scripts.

use dom_smoothie::{Config, Readability, TextMode};

use crate::document::Meta;
use crate::load::markdown;

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

/// Returns the article's paragraphs, filling title, source (site name), date
/// and url in `meta` where the page has them. `None` when no article text is found.
pub fn extract(html: &str, meta: &mut Meta, require: Require) -> Option<Vec<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let paragraphs = extract(&page(head, BODY), &mut meta, Require::Article).unwrap();
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
        let paragraphs = extract(&page(head, &body), &mut meta, Require::Article).unwrap();
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
            assert_eq!(extract(html, &mut Meta::default(), Require::Article), None);
        }
        assert!(extract(&stub, &mut Meta::default(), Require::AnyText).is_some(), "a saved page keeps what it has");
    }
}
