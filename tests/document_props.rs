//! Properties of cleaning and the document model on arbitrary input.

use parallax::document::Document;
use parallax::load::{self, Format};
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    // Mix prose-like pieces with hostile ones: escapes, controls, CRs, RTL, wide and combining characters.
    let piece = prop_oneof![
        Just("Hamas said. ".to_string()),
        Just("U.S. envoy met Dr. Smith at 3 p.m. ".to_string()),
        Just("“Total victory,” he said? ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\x1b[31m".to_string()),
        Just("\x1b]0;x\x07".to_string()),
        Just("\u{202E}".to_string()),
        Just("שלום עולם. ".to_string()),
        Just("漢字テキスト。".to_string()),
        Just("e\u{301} ".to_string()),
        Just("stages1. ".to_string()),
        Just("\x1b]0 unterminated ".to_string()),
        Just("\x0c\x0b\u{85}\u{2028}".to_string()),
        Just("\u{200E}\u{200F}\u{061C}\u{E0041}\u{2060}".to_string()),
        Just("``a é ".to_string()),
        Just("“Why?” Ms. Lee said at 2 p.m. ET. ".to_string()),
        "[ -~]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn cleaned_text_is_safe_and_ranges_are_sound(raw in text_strategy(), fmt in 0..3u8) {
        let format = [Format::Plain, Format::Markdown, Format::Html][fmt as usize];
        let d: Document = load::parse("x", &raw, format);
        prop_assert!(!d.text.chars().any(|c| c.is_control() && c != '\n'), "control char in {:?}", d.text);
        prop_assert!(!d.text.contains("\n\n\n"));
        prop_assert!(!d.text.contains('\u{202E}'), "bidi override kept");
        prop_assert!(
            !d.text.chars().any(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{2028}' | '\u{E0000}'..='\u{E007F}')),
            "invisible format character kept in {:?}", d.text
        );
        let mut prev = 0;
        for s in &d.sentences {
            prop_assert!(prev <= s.start && s.start < s.end && s.end <= d.text.len());
            prop_assert!(d.text.is_char_boundary(s.start) && d.text.is_char_boundary(s.end));
            prop_assert!(d.paragraphs.iter().any(|p| p.start <= s.start && s.end <= p.end), "sentence outside paragraphs");
            prop_assert_eq!(d.text[s.clone()].trim(), &d.text[s.clone()]);
            prev = s.end;
        }
        prop_assert!(!d.title.is_empty());
    }
}
