//! `y`, `Y` and `C`: the cursor sentence to the clipboard as plain text, with a
//! citation line, or with the other sources' tellings, each under its source.

use crate::document::Document;

use super::super::app::Shared;
use super::super::clipboard::{MAX_BYTES, osc52};
use super::Reader;

impl Reader {
    pub(super) fn copy_sentence(&mut self, shared: &mut Shared, cited: bool) {
        let Some(here) = self.cursor_sentence(shared, self.focus) else {
            shared.say("no sentence under the cursor to copy");
            return;
        };
        let d = &shared.docs[here.doc];
        let mut text = d.sentence(here.sentence).to_string();
        if cited {
            text.push_str("\n— ");
            text.push_str(&citation(d));
        }
        let what = if cited { "1 sentence with its citation" } else { "1 sentence" };
        copy(shared, &text, what);
    }

    pub(super) fn copy_counterparts(&mut self, shared: &mut Shared) {
        let Some(here) = self.cursor_sentence(shared, self.focus) else {
            shared.say("no sentence under the cursor to copy");
            return;
        };
        let Some(analysis) = shared.analysis.clone() else {
            shared.say(shared.no_analysis());
            return;
        };
        let docs = &shared.docs;
        let mut tellings = vec![here];
        tellings.extend(analysis.counterparts(here).iter().map(|c| c.sentence));
        let text = tellings
            .iter()
            .map(|s| format!("{}\n— {}", docs[s.doc].sentence(s.sentence), source_name(&docs[s.doc])))
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut sources: Vec<usize> = tellings.iter().map(|s| s.doc).collect();
        sources.sort_unstable();
        sources.dedup();
        let n = tellings.len();
        let what = match n {
            1 => "1 sentence (no other source reports it)".to_string(),
            _ => format!("{n} tellings from {} sources", sources.len()),
        };
        copy(shared, &text, &what);
    }
}

/// Sends `text` to the clipboard and says what was copied.
fn copy(shared: &mut Shared, text: &str, what: &str) {
    let chars = text.chars().count();
    if text.len() > MAX_BYTES {
        shared.say(format!("not copied: {chars} characters is more than terminals take over OSC 52"));
        return;
    }
    shared.write_to_terminal(&osc52(text));
    shared.say(format!("copied {what}, {chars} characters"));
}

/// Who published `d`: its source, else its title.
fn source_name(d: &Document) -> &str {
    d.source.as_deref().unwrap_or(&d.title)
}

/// "“Title”, Source, 2025-07-25, https://…": what is known of a document, its path when it has no URL.
fn citation(d: &Document) -> String {
    let title = format!("“{}”", d.title);
    let place = d.url.as_deref().unwrap_or(&d.path);
    let parts = [Some(title.as_str()), d.source.as_deref(), d.date.as_deref(), Some(place)];
    parts.into_iter().flatten().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;

    #[test]
    fn a_citation_names_what_is_known() {
        let meta = Meta {
            path: "story.md".into(),
            title: Some("Talks stall".into()),
            source: Some("Example Wire".into()),
            date: Some("2025-07-25".into()),
            url: Some("https://example.org/story".into()),
            ..Meta::default()
        };
        let d = Document::new(meta, "Talks stall. Ships wait.".into());
        assert_eq!(citation(&d), "“Talks stall”, Example Wire, 2025-07-25, https://example.org/story");
        let bare = Document::from_plain("notes/a.txt", "Talks stall.");
        assert_eq!(citation(&bare), "“Talks stall.”, notes/a.txt");
        assert_eq!(source_name(&bare), "Talks stall.");
    }
}
