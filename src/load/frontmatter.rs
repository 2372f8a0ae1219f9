//! Optional `---` front matter at the top of a text or Markdown file.

use crate::document::Meta;

/// Splits leading front matter off `text`, filling `meta` from its `title`,
/// `source`, `date` and `url` keys. Text without front matter is returned whole.
pub fn split<'a>(text: &'a str, meta: &mut Meta) -> &'a str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    let Some(end) =
        rest.find("\n---\n").map(|i| (i, i + 5)).or_else(|| rest.strip_suffix("\n---").map(|b| (b.len(), rest.len())))
    else {
        return text;
    };
    let (block, body) = (&rest[..end.0], &rest[end.1..]);
    let mut any = false;
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "source" => &mut meta.source,
            "date" => &mut meta.date,
            "url" => &mut meta.url,
            _ => continue,
        };
        *slot = Some(value.to_string());
        any = true;
    }
    // A horizontal rule that merely opens a document is not front matter.
    if any || block.lines().all(|l| l.trim().is_empty() || l.contains(':')) { body } else { text }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_strips_block() {
        let mut m = Meta::default();
        let body = split(
            "---\ntitle: \"Talks stall\"\nsource: Example Times\ndate: 2025-06-01\nurl: https://x.test/a\nauthor: ignored\n---\nBody text.\n",
            &mut m,
        );
        assert_eq!(body, "Body text.\n");
        assert_eq!(m.title.as_deref(), Some("Talks stall"));
        assert_eq!(m.source.as_deref(), Some("Example Times"));
        assert_eq!(m.date.as_deref(), Some("2025-06-01"));
        assert_eq!(m.url.as_deref(), Some("https://x.test/a"));
    }

    #[test]
    fn no_front_matter_leaves_text() {
        let mut m = Meta::default();
        assert_eq!(split("Just text.\n---\nmore", &mut m), "Just text.\n---\nmore");
        assert_eq!(m, Meta::default());
    }

    #[test]
    fn unterminated_block_is_text() {
        let mut m = Meta::default();
        assert_eq!(split("---\ntitle: x\nno end", &mut m), "---\ntitle: x\nno end");
    }
}
