//! The bundled default corpus: five articles on the 2025 Gaza ceasefire talks,
//! embedded so an installed binary needs no files.

use crate::document::Document;
use crate::load::{self, Format};

pub const SEEDS: [(&str, &str); 5] = [
    ("seeds/000_41da83b0a29dd146.txt", include_str!("../seeds/000_41da83b0a29dd146.txt")),
    ("seeds/001_1809fc4b99e82cd7.txt", include_str!("../seeds/001_1809fc4b99e82cd7.txt")),
    ("seeds/002_fa88d73c38dbfb6d.txt", include_str!("../seeds/002_fa88d73c38dbfb6d.txt")),
    ("seeds/003_9e9019732da31b20.txt", include_str!("../seeds/003_9e9019732da31b20.txt")),
    ("seeds/004_0e219b9c6fc7574c.txt", include_str!("../seeds/004_0e219b9c6fc7574c.txt")),
];

pub fn documents() -> Vec<Document> {
    SEEDS.iter().map(|(path, text)| load::parse(path, text, Format::Plain)).collect()
}
