//! What every input must satisfy, whatever its bytes: it loads or is refused
//! as binary, never panics, and what comes out is sound (clean printable text,
//! sentences covering every word of it, spans and links in bounds, valid JSON).
//!
//! Input layout: the first byte picks the format (plain, Markdown, HTML); the
//! rest is one document, or two separated by [`SEPARATOR`] (so claim matching
//! runs on fuzzed text on both sides); without a separator the second document
//! is a fixed short article.

use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::load::{self, Format};
use parallax::report;

pub const SEPARATOR: &[u8] = b"\n--8<--\n";

/// Longer inputs are passed over: the fuzzer looks for wrong results and crashes
/// in many small inputs; growth with size is measured by `benches/hostile.rs`.
const MAX_INPUT: usize = 64 * 1024;

const OTHER: &[u8] = b"Officials said the talks in Doha would resume on Monday. \
The envoy met Dr. Smith at 3 p.m. to discuss a \xe2\x80\x9cstrategic pause\xe2\x80\x9d.\n\n\
Hamas reportedly rejected the proposal, sources said.\n";

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    if rest.len() > MAX_INPUT {
        return;
    }
    let format = [Format::Plain, Format::Markdown, Format::Html][usize::from(selector) % 3];
    let (a, b) = match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(i) => (&rest[..i], &rest[i + SEPARATOR.len()..]),
        None => (rest, OTHER),
    };
    let mut warnings = Vec::new();
    let docs: Vec<Document> = [a, b]
        .iter()
        .enumerate()
        .filter_map(|(i, bytes)| load::from_bytes(&format!("doc{i}"), bytes, format, &mut warnings).ok())
        .collect();
    for d in &docs {
        check_document(d);
    }
    let analysis = Analysis::run(&docs, &Options::default());
    check_analysis(&docs, &analysis);
    let json = report::to_json(&docs, &analysis);
    let value: serde_json::Value = serde_json::from_str(&json).expect("the report is valid JSON");
    assert_eq!(value["documents"].as_array().map(Vec::len), Some(docs.len()));
}

/// Characters no cleaned text may hold: controls (but the newline), bidi
/// controls and the invisible format characters the cleaner removes.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFF9}'..='\u{FFFB}')
}

fn printable(s: &str) -> bool {
    !s.chars().any(|c| forbidden(c) || c == '\n')
}

pub fn check_document(d: &Document) {
    let text = &d.text;
    assert!(!text.chars().any(forbidden), "forbidden character in {text:?}");
    assert!(!text.contains("\n\n\n"), "more than one blank line");
    assert_eq!(text.trim(), text, "text not trimmed");
    assert!(printable(&d.title) && !d.title.is_empty(), "title {:?}", d.title);
    for field in [&d.source, &d.date, &d.url].into_iter().flatten() {
        assert!(printable(field) && !field.trim().is_empty(), "metadata {field:?}");
    }
    let mut prev_end = 0;
    for p in &d.paragraphs {
        assert!(prev_end <= p.start && p.start < p.end && p.end <= text.len(), "paragraph {p:?}");
        prev_end = p.end;
    }
    let mut prev_end = 0;
    for s in &d.sentences {
        assert!(prev_end <= s.start && s.start < s.end && s.end <= text.len(), "sentence {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(text[s.clone()].trim(), &text[s.clone()], "sentence not trimmed");
        assert!(d.paragraphs.iter().any(|p| p.start <= s.start && s.end <= p.end), "sentence outside paragraphs");
        prev_end = s.end;
    }
    // Sentences cover all the text but its spaces: nothing is lost between them.
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let in_sentences: String = d.sentences.iter().map(|s| visible(&text[s.clone()])).collect();
    assert_eq!(in_sentences, visible(text), "sentences do not cover the text");
}

fn check_analysis(docs: &[Document], analysis: &Analysis) {
    assert_eq!(analysis.framing.len(), docs.len());
    for (d, spans) in docs.iter().zip(&analysis.framing) {
        let mut prev_start = 0;
        for s in spans {
            let r = &s.range;
            assert!(r.start < r.end && r.end <= d.text.len(), "framing span {r:?}");
            assert!(d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end));
            assert!(prev_start <= r.start, "framing spans out of order");
            prev_start = r.start;
        }
    }
    let valid = |r: &parallax::claims::SentenceRef| r.doc < docs.len() && r.sentence < docs[r.doc].sentences.len();
    for l in &analysis.links {
        assert!(l.a.doc < l.b.doc && valid(&l.a) && valid(&l.b), "link {l:?}");
        assert!(l.score.is_finite() && (0.0..=1.0).contains(&l.score), "score {}", l.score);
        if let Some(spans) = analysis.clause_spans(l) {
            for (side, span) in [(l.a, &spans.a), (l.b, &spans.b)] {
                if let Some(span) = span {
                    let sentence = &docs[side.doc].sentences[side.sentence];
                    assert!(sentence.start <= span.start && span.end <= sentence.end, "clause {span:?}");
                }
            }
        }
    }
    for c in &analysis.clusters {
        assert!(c.members.len() >= 2 && c.members.iter().all(valid), "cluster {c:?}");
    }
}
