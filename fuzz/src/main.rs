//! AFL++ target: one input file → loader, cleaner, splitter, analysis, report,
//! checked by `harness::run` (shared with the corpus test in `tests/fuzz_corpus.rs`).

#[path = "../harness.rs"]
mod harness;

fn main() {
    afl::fuzz!(|data: &[u8]| harness::run(data));
}
