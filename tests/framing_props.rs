//! Framing spans for any text: inside it, on character boundaries, sorted and
//! disjoint; every span can be explained and densities are finite.

use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::framing::{self, Category, Lexicon};
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("were killed".to_string()),
        Just("“pause”".to_string()),
        Just("\"quoted".to_string()),
        Just("officials say".to_string()),
        Just("according to sources".to_string()),
        Just("terror group’s".to_string()),
        Just("very".to_string()),
        Just("massacre".to_string()),
        Just("‘x’".to_string()),
        Just("by".to_string()),
        Just("שלום".to_string()),
        "[a-zA-Z’'\\-]{1,8}",
        "[ .,;:!?\n]{1,2}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn spans_are_sound(raw in words()) {
        let doc = Document::from_plain("p.txt", &raw);
        let lexicon = Lexicon::embedded();
        let spans = framing::detect(&doc, &lexicon);
        let mut prev_end = 0;
        for s in &spans {
            prop_assert!(prev_end <= s.range.start && s.range.start < s.range.end && s.range.end <= doc.text.len());
            prop_assert!(doc.text.is_char_boundary(s.range.start) && doc.text.is_char_boundary(s.range.end));
            prev_end = s.range.end;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_span_explains_itself(a in words(), b in words()) {
        let docs = vec![Document::from_plain("a.txt", &a), Document::from_plain("b.txt", &b)];
        let analysis = Analysis::run(&docs, &Options { refine: false, ..Options::default() });
        for (d, spans) in analysis.framing.iter().enumerate() {
            for (i, s) in spans.iter().enumerate() {
                let e = analysis.explain(&docs, d, i);
                prop_assert_eq!(e.category, s.category);
                prop_assert_eq!(&e.matched, &docs[d].text[s.range.clone()]);
                prop_assert!(e.contrast.iter().all(|c| c.doc != d && c.doc < docs.len()));
                // A label whose referent the text gives is compared with the other document; one whose
                // referent it does not give is compared with nothing.
                let compared = if e.referent.is_some() { 1 } else { 0 };
                prop_assert!(e.category != Category::Label || e.contrast.len() == compared);
                prop_assert!((0.0..=1.0).contains(&s.confidence));
                prop_assert_eq!(e.quoted.is_some(), s.quote.is_some());
            }
            prop_assert!(analysis.density(d).iter().all(|x| x.own.is_finite() && x.own >= 0.0 && x.quoted >= 0.0));
        }
    }
}
