//! Properties of anchoring on arbitrary text: offsets convert both ways, an
//! unchanged text places every passage where it was, text added far from a
//! passage never moves it onto other words, and no selector, however
//! mangled, makes anchoring panic or return a range off character boundaries.

use parallax::notes::{Placement, Text, TextPosition, TextQuote};
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The envoy met officials. ".to_string()),
        Just("“Total victory,” he said? ".to_string()),
        Just("\n\n".to_string()),
        Just("שלום עולם. ".to_string()),
        Just("漢字テキスト。".to_string()),
        Just("e\u{301} ".to_string()),
        "[ -~]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 1..30).prop_map(|v| v.concat())
}

/// A non-empty range of `text` on character boundaries, from two fractions.
fn range_in(text: &str, a: f64, b: f64) -> Option<std::ops::Range<usize>> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let i = ((bounds.len() - 1) as f64 * a.min(b)) as usize;
    let j = ((bounds.len() - 1) as f64 * a.max(b)).ceil() as usize;
    (bounds[i] < bounds[j]).then(|| bounds[i]..bounds[j])
}

proptest! {
    #[test]
    fn offsets_round_trip(text in text_strategy()) {
        let t = Text::new(text.as_str());
        for (i, (byte, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(t.char_of(byte), i);
            prop_assert_eq!(t.byte_of(i), Some(byte));
        }
        prop_assert_eq!(t.byte_of(t.chars()), Some(text.len()));
    }

    #[test]
    fn an_unchanged_text_places_by_position(text in text_strategy(), a in 0.0..1.0f64, b in 0.0..1.0f64) {
        let Some(range) = range_in(&text, a, b) else { return Ok(()) };
        let t = Text::new(text.as_str());
        let (q, p) = t.describe(range.clone());
        let anchor = t.anchor(&q, &p).expect("placed");
        prop_assert_eq!(anchor.range, range);
        prop_assert_eq!(anchor.placement, Placement::Position);
    }

    #[test]
    fn text_added_far_before_never_moves_a_passage_onto_other_words(
        text in text_strategy(), a in 0.0..1.0f64, b in 0.0..1.0f64, added in "[a-z ]{1,80}"
    ) {
        let Some(range) = range_in(&text, a, b) else { return Ok(()) };
        let (q, p) = Text::new(text.as_str()).describe(range.clone());
        let edited = format!("{added}{text}");
        let t = Text::new(edited.as_str());
        if let Some(anchor) = t.anchor(&q, &p)
            && matches!(anchor.placement, Placement::Position | Placement::Quote)
        {
            prop_assert_eq!(&edited[anchor.range.clone()], &text[range.clone()]);
        }
        // When the text before is long enough to hold the whole context, the passage is found.
        if text[..range.start].chars().count() >= 40 {
            let anchor = t.anchor(&q, &p).expect("placed");
            prop_assert_eq!(&edited[anchor.range.clone()], &text[range]);
        }
    }

    #[test]
    fn any_selectors_give_a_valid_range_or_none(
        text in text_strategy(), exact in "\\PC{0,20}", prefix in "\\PC{0,40}", suffix in "\\PC{0,40}",
        start in 0usize..400, len in 0usize..60
    ) {
        let t = Text::new(text.as_str());
        let q = TextQuote { exact, prefix, suffix };
        if let Some(anchor) = t.anchor(&q, &TextPosition { start, end: start + len }) {
            prop_assert!(anchor.range.start <= anchor.range.end && anchor.range.end <= text.len());
            prop_assert!(text.is_char_boundary(anchor.range.start) && text.is_char_boundary(anchor.range.end));
        }
    }
}
