//! A three-source story written for these tests, with claims, label mentions and framing spans chosen
//! by hand (quotations are found by `quotes`, the module these tables build on).

use std::sync::Arc;

use crate::analysis::Analysis;
use crate::claims::{Cluster, Link, SentenceRef};
use crate::document::{Document, Meta};
use crate::framing::{ANONYMOUS_SOURCE, Category, FramingSpan, Lexicon, Mention};

pub const TEXTS: [(&str, &str); 3] = [
    (
        "Harbour Herald",
        "Talks on the port strike collapsed on Tuesday after the authority refused a raise. \
         “We will not accept this insult to the dockers,” union leader Mara Lind said. \
         “The strike has cost us two million dollars,” a port official said. \
         The terror group Harbour Front blocked the gates, helped by the Dock Guard militia. Read more.",
    ),
    (
        "Port Weekly",
        "The union walked away from the talks on Tuesday when the authority refused a raise. \
         Lind called the offer “an insult to the dockers.” \
         “It has cost us two million dollars,” a senior port official said. \
         The militant group Harbour Front blocked the gates at dawn with the Dock Guard militia. \
         Ships waited for three days outside the harbour. \
         “The gates stay shut,” Lind said.",
    ),
    (
        "Dock Voice",
        "Dockers walked out of the talks on Tuesday. \
         “We will not accept this insult,” said Mara Lind. \
         Officials put the cost of the strike at two million dollars. \
         “The resistance movement Harbour Front stood with us at the gates,” a docker said. \
         “The gates stay shut,” said Tom Berg.",
    ),
];

pub fn docs() -> Vec<Document> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, (source, text))| {
            let meta = Meta { path: format!("{i}.txt"), source: Some((*source).into()), ..Meta::default() };
            Document::new(meta, (*text).into())
        })
        .collect()
}

pub fn sref(docs: &[Document], doc: usize, needle: &str) -> SentenceRef {
    let at = docs[doc].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {doc}"));
    SentenceRef { doc, sentence: docs[doc].sentence_at(at).unwrap() }
}

fn range(docs: &[Document], doc: usize, needle: &str) -> std::ops::Range<usize> {
    let at = docs[doc].text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {doc}"));
    at..at + needle.len()
}

/// A label mention of the lexicon's `term` at `needle`, naming `referent`.
fn mention(docs: &[Document], doc: usize, needle: &str, term: &str, referent: &str) -> Mention {
    let lexicon = Lexicon::embedded();
    let entry = lexicon.entries().iter().position(|e| e.term == term).expect("term in the lexicon");
    let set = lexicon.entries()[entry].contrast.clone().expect("a contrast set");
    Mention { range: range(docs, doc, needle), entry, set, referent: Some(Arc::from(referent)), shown: true }
}

/// The story's analysis: four claims, label mentions, a few spans.
pub fn analysis(docs: &[Document]) -> Analysis {
    let claims: [&[(usize, &str)]; 4] = [
        &[(0, "Talks on the port"), (1, "The union walked"), (2, "Dockers walked")],
        &[(0, "We will not accept this insult to"), (1, "Lind called"), (2, "said Mara Lind")],
        &[(0, "The strike has cost"), (1, "It has cost"), (2, "Officials put")],
        &[(0, "The terror group"), (1, "The militant group")],
    ];
    let mut clusters = Vec::new();
    let mut links = Vec::new();
    for (id, members) in claims.iter().enumerate() {
        let members: Vec<SentenceRef> = members.iter().map(|(d, n)| sref(docs, *d, n)).collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                links.push(Link { a, b, score: 0.9, held_back: false });
            }
        }
        clusters.push(Cluster { id, members });
    }
    let quotes: Vec<_> = docs.iter().map(crate::quotes::of_document).collect();
    let mut insult = FramingSpan::new(range(docs, 0, "insult"), Category::Loaded, "insult");
    insult.quote = Some(0);
    let framing = vec![
        vec![insult],
        vec![FramingSpan::new(range(docs, 1, "militant group"), Category::Label, "militant group")],
        vec![FramingSpan::new(range(docs, 2, "Officials"), Category::Attribution, ANONYMOUS_SOURCE)],
    ];
    let mentions = vec![
        vec![
            mention(docs, 0, "terror group", "terror group", "Harbour Front"),
            mention(docs, 0, "militia", "militia", "Dock Guard"),
        ],
        vec![
            mention(docs, 1, "militant group", "militant group", "Harbour Front"),
            mention(docs, 1, "militia", "militia", "Dock Guard"),
        ],
        vec![mention(docs, 2, "resistance movement", "resistance movement", "Harbour Front")],
    ];
    let details =
        quotes.into_iter().zip(mentions).zip(docs).map(|((q, m), d)| (q, m, d.word_count())).collect::<Vec<_>>();
    Analysis::from_parts(framing, links, clusters).with_details(details)
}

pub fn story() -> (Vec<Document>, Analysis) {
    let docs = docs();
    let analysis = analysis(&docs);
    (docs, analysis)
}
