//! The terminal reader (placeholder until the reader lands).

use crate::document::Document;

pub struct Settings {
    pub mouse: bool,
}

pub fn run(docs: Vec<Document>, _settings: Settings) -> std::io::Result<()> {
    for d in docs {
        println!("{}", d.title);
    }
    Ok(())
}
