//! The hand judgements of claim links on the bundled seeds (`tests/data/seed_links.toml`),
//! shared by the claims evaluation and the seed tests.

use std::collections::HashMap;

use parallax::claims::SentenceRef;
use parallax::document::Document;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    link: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    a: Side,
    b: Side,
    same: bool,
}

#[derive(Deserialize)]
struct Side {
    doc: usize,
    starts: String,
}

/// Each judged pair, `(a, b)` in link order (`a < b`), mapped to whether it is the same claim.
pub fn judgements(docs: &[Document]) -> HashMap<(SentenceRef, SentenceRef), bool> {
    let file: File = toml::from_str(include_str!("../../tests/data/seed_links.toml")).expect("seed_links.toml parses");
    let at = |s: &Side| {
        let sentence = (0..docs[s.doc].sentences.len())
            .find(|&i| docs[s.doc].sentence(i).starts_with(&s.starts))
            .unwrap_or_else(|| panic!("no sentence of seed {} starts with {:?}", s.doc, s.starts));
        SentenceRef { doc: s.doc, sentence }
    };
    file.link
        .iter()
        .map(|j| {
            let (x, y) = (at(&j.a), at(&j.b));
            (if x < y { (x, y) } else { (y, x) }, j.same)
        })
        .collect()
}
