//! Markdown rendered to readable text: headings, paragraphs, list items and
//! quotes become paragraphs; emphasis and links keep only their text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Returns the paragraphs of the rendered Markdown and the first heading, if any.
pub fn render(md: &str) -> (Vec<String>, Option<String>) {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut first_heading = None;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let t = current.trim();
        if !t.is_empty() {
            paragraphs.push(t.to_string());
        }
        current.clear();
    };
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut paragraphs);
            }
            Event::End(TagEnd::Heading(_)) => {
                if first_heading.is_none() && !current.trim().is_empty() {
                    first_heading = Some(current.trim().to_string());
                }
                flush(&mut current, &mut paragraphs);
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut paragraphs);
                current.push_str("• ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut paragraphs)
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push(' '),
            Event::Rule => flush(&mut current, &mut paragraphs),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    (paragraphs, first_heading)
}

/// Words of the text outside links: what a page of headlines or a menu lacks and an article has.
pub fn unlinked_words(md: &str) -> usize {
    let mut depth = 0usize;
    let mut words = 0;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 => {
                words += t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlinked_words_leave_out_link_text() {
        assert_eq!(unlinked_words("The *envoy* met [senior officials](http://x.test) today.\n\n- [one](/1)\n- two"), 5);
    }

    #[test]
    fn headings_kept_emphasis_and_links_flattened() {
        let (p, h) =
            render("# Talks stall\n\nThe *envoy* met [officials](http://x.test).\nThey talked.\n\n- one\n- two\n");
        assert_eq!(h.as_deref(), Some("Talks stall"));
        assert_eq!(p, vec!["Talks stall", "The envoy met officials. They talked.", "• one", "• two"]);
    }
}
