//! Saved web pages: the article's title, byline and body via a Readability
//! port, without navigation, ads or scripts.

use dom_smoothie::{Config, Readability, TextMode};

use crate::document::Meta;
use crate::load::markdown;

/// Returns the article's paragraphs, filling title, source (site name), date
/// and url in `meta` where the page has them. `None` when no article text is found.
pub fn extract(html: &str, meta: &mut Meta) -> Option<Vec<String>> {
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
