//! A sentence carrying two claims links to the source of each, through its clauses.

use parallax::analysis::{Analysis, Options};
use parallax::claims::SentenceRef;
use parallax::document::Document;

/// Unrelated sentences, so that rarity means something in a small corpus.
const PAD: &str = "Markets rallied on Tuesday after the central bank cut rates. Farmers welcomed the early rain \
                   this spring. The museum reopened its east wing to visitors. A storm closed schools across the \
                   valley. The league postponed two matches because of the frost.";

fn doc(name: &str, text: &str) -> Document {
    Document::from_plain(name, &format!("{text} {PAD}"))
}

#[test]
fn a_two_claim_sentence_links_to_two_counterparts_through_its_clauses() {
    let two = "Mediator Yusuf Karim said the 59 hostages would be freed at the Rafah crossing on Thursday; \
               Defence Minister Lena Ostrova warned that the Kerem Shalom depot would stay shut until the \
               harvest festival.";
    let docs = [
        doc("a.txt", two),
        doc(
            "b.txt",
            "The 59 hostages will be freed at the Rafah crossing on Thursday, mediator Yusuf Karim told reporters.",
        ),
        doc("c.txt", "The Kerem Shalom depot will stay shut until the harvest festival, Lena Ostrova warned on radio."),
    ];
    let analysis = Analysis::run(&docs, &Options::default());
    let first = SentenceRef { doc: 0, sentence: 0 };
    let mut spans = Vec::new();
    for other in [1, 2] {
        let link = analysis
            .links
            .iter()
            .find(|l| l.a == first && l.b == SentenceRef { doc: other, sentence: 0 })
            .unwrap_or_else(|| panic!("no link to document {other}: {:?}", analysis.links));
        let span = analysis.clause_spans(link).and_then(|c| c.a.clone()).expect("linked through a clause");
        assert_eq!(analysis.clause_spans(link).unwrap().b, None, "the counterpart is one claim");
        spans.push(docs[0].text[span].to_string());
    }
    assert!(spans[0].starts_with("Mediator Yusuf Karim") && spans[0].ends_with("on Thursday"), "{spans:?}");
    assert!(spans[1].starts_with("Defence Minister Lena Ostrova") && spans[1].ends_with("festival."), "{spans:?}");
}

#[test]
fn the_json_report_names_the_clause_of_a_clause_link_only() {
    let docs = [
        doc(
            "a.txt",
            "Mediator Yusuf Karim said the 59 hostages would be freed at the Rafah crossing on Thursday; \
             Defence Minister Lena Ostrova warned that the Kerem Shalom depot would stay shut until the \
             harvest festival.",
        ),
        doc(
            "b.txt",
            "The 59 hostages will be freed at the Rafah crossing on Thursday, mediator Yusuf Karim told reporters.",
        ),
        doc("c.txt", "The museum reopened its east wing to visitors after the storm closed schools across the valley."),
    ];
    let analysis = Analysis::run(&docs, &Options::default());
    let json: serde_json::Value = serde_json::from_str(&parallax::report::to_json(&docs, &analysis)).unwrap();
    let links = json["links"].as_array().unwrap();
    let clause_link = links.iter().find(|l| l["b"]["doc"] == 1).expect("a–b linked");
    let (start, end) =
        (clause_link["a_span"]["start"].as_u64().unwrap(), clause_link["a_span"]["end"].as_u64().unwrap());
    assert!(docs[0].text[start as usize..end as usize].ends_with("on Thursday"));
    assert!(clause_link.get("b_span").is_none());
    for l in links.iter().filter(|l| l["a"]["doc"] != 0) {
        assert!(l.get("a_span").is_none() && l.get("b_span").is_none(), "{l}");
    }
}
