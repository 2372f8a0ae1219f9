//! Highlights a teacher can defend (issue 7): one regression test per indefensible highlight found on
//! three-outlet stories, with sentences written for these tests; and the rules that replace them —
//! layers, quote ownership, labels compared by referent.

use parallax::analysis::{Analysis, Options};
use parallax::document::Document;
use parallax::framing::{Category, Layer, View};

fn docs(texts: &[&str]) -> Vec<Document> {
    texts.iter().enumerate().map(|(i, t)| Document::from_plain(&format!("{i}.txt"), t)).collect()
}

/// Every span of the one document, as (text, category).
fn marked(text: &str) -> Vec<(String, Category)> {
    let docs = docs(&[text]);
    let a = Analysis::run(&docs, &Options::default());
    a.framing[0].iter().map(|s| (docs[0].text[s.range.clone()].to_string(), s.category)).collect()
}

fn terms(text: &str) -> Vec<String> {
    marked(text).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn legal_facts_are_not_loaded_language() {
    assert_eq!(terms("The former aide pleaded guilty in March to lying to investigators."), Vec::<String>::new());
    assert_eq!(terms("The developer now faces fraud charges in two states."), Vec::<String>::new());
    assert_eq!(terms("A jury convicted him of wire fraud last year."), Vec::<String>::new());
    // The same words outside a legal context are still judgements.
    assert_eq!(terms("The mayor is lying about the budget."), ["lying"]);
}

#[test]
fn a_criminal_charge_is_not_a_label_for_an_armed_group() {
    // Regression: "terroristic threats" was a label, explained with a note about naming armed groups.
    assert!(marked("The suspect had prior arrests for terroristic threats and theft.").is_empty());
    // A terrorist attack reported as such describes an act; it names no group.
    assert!(
        marked("Officials counted two terrorist attacks in the region this year.")
            .iter()
            .all(|(_, c)| *c != Category::Label)
    );
    assert_eq!(terms("The town was seized by a terrorist group at dawn."), ["terrorist group"]);
}

#[test]
fn other_senses_are_not_framing() {
    assert!(marked("People critical of the plan spoke at the meeting.").is_empty());
    assert!(marked("Two patients remain in critical condition.").is_empty());
    assert!(marked("Mr. Okafor's occupation was listed as a bus driver; his occupation paid well.").is_empty());
    assert!(marked("The weapons inspection regime was extended; the sanctions regime stays.").is_empty());
    assert!(marked("The senator spent the weekend at his golf retreat.").is_empty());
    assert!(marked("Shipping in the Pacific slowed.").is_empty(), "Pacific is not pacification");
    // The senses that are framing still are.
    assert_eq!(terms("The regime jailed its critics; the occupation of the valley went on."), ["regime", "occupation"]);
}

#[test]
fn modals_of_plain_prediction_are_not_hedges() {
    assert!(marked("The storm could reach the coast by Friday, and prices may rise next week.").is_empty());
    assert!(marked("The team is likely to win on Sunday.").is_empty());
    let hedges: Vec<String> = marked("The group could be hiding weapons, and the minister may have known.")
        .into_iter()
        .filter(|(_, c)| *c == Category::Hedge)
        .map(|(t, _)| t)
        .collect();
    assert_eq!(hedges, ["could", "may"]);
}

#[test]
fn words_inside_a_speakers_quotation_are_the_speakers() {
    let docs = docs(&["“This inquiry is a hoax, a disgrace,” Senator Ana Ruiz said on Monday. The vote was a hoax."]);
    let a = Analysis::run(&docs, &Options::default());
    let spans = &a.framing[0];
    let quoted: Vec<(&str, bool)> = spans.iter().map(|s| (&docs[0].text[s.range.clone()], s.is_quoted())).collect();
    assert_eq!(quoted, [("hoax", true), ("disgrace", true), ("hoax", false)]);
    let e = a.explain(&docs, 0, 0);
    assert_eq!(e.quoted.as_ref().map(|q| q.describe()), Some("quoted: Ana Ruiz".to_string()));
    assert!(a.explain(&docs, 0, 2).quoted.is_none());
    let hoax = a.counts(0).into_iter().find(|(c, _)| *c == Category::Loaded).unwrap().1;
    assert_eq!((hoax.own, hoax.quoted), (1, 2));
}

#[test]
fn a_scare_quote_stays_the_outlets() {
    let docs = docs(&["The ministry called it a pause. Critics see a so-called “humanitarian pause” as a ploy."]);
    let a = Analysis::run(&docs, &Options::default());
    let s: Vec<(&str, bool)> = a.framing[0].iter().map(|s| (&docs[0].text[s.range.clone()], s.is_quoted())).collect();
    assert!(s.contains(&("“humanitarian pause”", false)), "{s:?}");
    assert!(s.contains(&("ploy", false)), "{s:?}");
}

#[test]
fn a_label_is_compared_only_with_names_of_the_same_referent() {
    // Regression: on "terror group" the explanation listed "militia" (another group) and "extremist" (said of
    // politicians), because it compared every name of the set.
    let docs = docs(&[
        "Hamas fighters crossed the line. The terror group then fired rockets.",
        "Hamas militants crossed the line. Israel armed the militia led by a clan chief.",
        "The minister governs with far-right extremists. Then Hamas, the militant group, fired rockets.",
    ]);
    let a = Analysis::run(&docs, &Options::default());
    let i = a.framing[0].iter().position(|s| &docs[0].text[s.range.clone()] == "terror group").unwrap();
    let e = a.explain(&docs, 0, i);
    assert_eq!(e.referent.as_deref(), Some("Hamas"));
    let named: Vec<(usize, Vec<String>)> = e.contrast.iter().map(|c| (c.doc, c.terms.clone())).collect();
    assert_eq!(named, [(1, vec!["militant".to_string()]), (2, vec!["militant group".to_string()])]);
}

#[test]
fn the_plain_name_every_source_uses_is_not_highlighted() {
    let plain = docs(&[
        "Migrants crossed the river at dawn. The migrants were given water.",
        "Hundreds of migrants crossed the river. Border agents met the migrants.",
    ]);
    let a = Analysis::run(&plain, &Options::default());
    assert!(a.framing.iter().all(|spans| spans.is_empty()), "{:?}", a.framing);
    // Where one source chooses a marked name, both choices are highlighted.
    let contrasted = docs(&[
        "Illegal aliens crossed the river at dawn. Agents said the illegal aliens were armed.",
        "Hundreds of migrants crossed the river. Agents met the migrants.",
    ]);
    let a = Analysis::run(&contrasted, &Options::default());
    let marked: Vec<Vec<&str>> = a
        .framing
        .iter()
        .zip(&contrasted)
        .map(|(spans, d)| spans.iter().map(|s| &d.text[s.range.clone()]).collect())
        .collect();
    assert_eq!(marked[0], ["Illegal aliens", "illegal aliens"]);
    assert!(marked[1].contains(&"migrants"), "{marked:?}");
}

#[test]
fn every_span_has_a_layer_and_a_confidence_and_the_default_view_is_the_wording_layer() {
    let docs = docs(&["Officials say the brutal raid was reportedly planned; aid was blocked, a “temporary” step."]);
    let a = Analysis::run(&docs, &Options::default());
    let standard = View::standard();
    for s in &a.framing[0] {
        assert!((0.0..=1.0).contains(&s.confidence));
        assert_eq!(s.layer(), s.category.layer());
        if s.layer() == Layer::Sourcing {
            assert!(!standard.shows(s), "{s:?}");
        }
        assert!(View::all().shows(s));
    }
    let layers: Vec<Layer> = a.framing[0].iter().map(|s| s.layer()).collect();
    assert!(layers.contains(&Layer::Wording) && layers.contains(&Layer::Sourcing), "{layers:?}");
}

// Audit of unseen news (notes/framing-audit.md): ordinary uses a word list over-matches, one sentence each.

#[test]
fn technical_and_medical_senses_are_not_framing() {
    assert!(marked("The update fixes a flaw rated critical by the vendor.").is_empty());
    assert!(marked("Opening the malicious document lets an attacker in.").is_empty());
    assert!(marked("Extreme heat closed the schools; hikers need extreme caution.").is_empty());
    assert!(marked("The virus is highly contagious among children.").is_empty());
    assert!(marked("Symptoms include a fever and a rash.").is_empty());
    assert!(marked("Her skin rash faded within a week.").is_empty());
    assert!(marked("A free radical damages the cell wall.").is_empty());
    assert!(marked("The effect was statistically significant in both groups.").is_empty());
    assert!(marked("The drug had no toxic side effects, the disaster agency said.").is_empty());
    // The judging senses stay.
    assert_eq!(terms("The minister made a rash decision."), ["rash decision"]);
    assert_eq!(terms("Her attack on the judge was malicious."), ["malicious"]);
    assert_eq!(terms("The flood was a disaster for the town."), ["disaster"]);
}

#[test]
fn business_and_sports_senses_are_not_framing() {
    assert!(marked("The firm announced an aggressive plan to open 40 stores.").is_empty());
    assert!(marked("The team lost after a poor offensive effort.").is_empty());
    assert!(marked("He spoke with a great number of voters and a great amount of patience.").is_empty());
    assert_eq!(
        terms("The senator's aggressive questioning of the witness drew complaints."),
        ["aggressive questioning"]
    );
}

#[test]
fn legal_and_medical_facts_are_not_framing() {
    // Regression: "lied" after "Prosecutors said" and "the most serious count" were loaded language and a booster.
    assert!(marked("Prosecutors said the broker lied to his clients for years.").is_empty());
    assert!(marked("He faces ten years in prison on the most serious count.").is_empty());
    assert!(marked("Two riders suffered serious injuries in the crash.").is_empty());
    assert!(marked("Police arrested the driver after failing sobriety tests.").is_empty());
    assert!(marked("Police seized two assault rifles from the van.").is_empty());
    assert!(marked("Two climbers are feared dead after the avalanche.").is_empty());
    assert_eq!(terms("The plan has a serious flaw."), ["serious flaw"]);
}

#[test]
fn a_plain_fact_about_no_one_is_not_an_absolute() {
    assert!(marked("The roof collapsed overnight. No one was inside, and nobody else was home.").is_empty());
    assert_eq!(terms("Nobody believes the figures any more."), ["Nobody"]);
}

#[test]
fn a_reported_designation_is_not_the_outlets_label() {
    // Regression (seed 003): "groups it deems to be terrorist organizations" was the outlet's label.
    assert!(marked("The ministry does not talk with groups it deems to be terrorist organizations.").is_empty());
    assert!(marked("The State Department designated the militia a terrorist organization.").is_empty());
    assert_eq!(terms("The terrorist organization has a new leader."), ["terrorist organization"]);
}

#[test]
fn removing_a_capability_or_a_tax_is_not_a_killing() {
    // Regression (seeds 001, 003): "neutralize Hamas' remaining capabilities", "eliminate its ability to threaten".
    assert!(marked("The army set out to neutralize the rebels’ remaining capabilities.").is_empty());
    assert!(marked("The strikes aim to eliminate its ability to threaten the port.").is_empty());
    assert!(marked("The bill would eliminate the tax on tips and the need for a waiver.").is_empty());
    assert!(marked("The Hawks were eliminated in the first round of the playoffs.").is_empty());
    assert_eq!(terms("Commandos were sent to eliminate the cell's leaders."), ["eliminate"]);
    assert_eq!(terms("The rebels threaten to shell the port."), ["threaten"]);
}

#[test]
fn an_adverbial_phrase_does_not_take_in_the_name_after_it() {
    // Regression: "Of course DeGeneres" was one booster span.
    let spans = terms("She hosted twice. Of course Rivera also won an award for it.");
    assert_eq!(spans, ["Of course"]);
}
