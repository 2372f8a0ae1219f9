//! Issue 7's bar for the default view, on both framing dev sets: token precision at least 1.3× the
//! VADER baseline's and recall at least its recall. Kept as a test because changes far from the
//! lexicons move it: speaker rules once gave more quoted words a speaker, fewer counted as the
//! outlet's scare quotes, and NewsWCL50's recall fell under VADER's without any framing code changing.
//!
//! Reads the dev sets at run time from `../shared/eval` (or `PARALLAX_EVAL`), as `eval_framing`
//! does, with the same loading and scoring (`examples/support/framing_gold.rs`). The baseline's
//! counts are `eval_framing --vader`'s (the VADER lexicon is MIT-licensed and not shipped here).

#[path = "../examples/support/framing_gold.rs"]
#[allow(dead_code)] // `eval_framing` uses the rest (`annotated`, `read`)
mod framing_gold;

use std::ops::Range;
use std::path::PathBuf;

use framing_gold::{Corpus, overlaps_any, word_tokens};
use parallax::framing::{Lexicon, View, detect_corpus};

/// VADER's words with |valence| ≥ 1.5, scored the same way: gold tokens hit, tokens highlighted.
struct Baseline {
    hit: usize,
    highlighted: usize,
}

fn eval_dir() -> PathBuf {
    std::env::var_os("PARALLAX_EVAL").map_or_else(|| PathBuf::from("../shared/eval"), PathBuf::from)
}

fn load(corpus: fn(&std::path::Path) -> Result<Corpus, String>, file: &str) -> Corpus {
    let path = eval_dir().join(file);
    corpus(&path).unwrap_or_else(|e| {
        panic!("{e}: the framing dev sets are read from ../shared/eval beside the repository, or PARALLAX_EVAL")
    })
}

/// (gold tokens the default view hits, tokens it highlights, gold tokens).
fn default_view(corpus: Corpus) -> (usize, usize, usize) {
    let lexicon = Lexicon::embedded();
    let standard = View::standard();
    let (mut hit, mut highlighted, mut gold_tokens) = (0, 0, 0);
    for run in corpus.runs {
        for ((doc, gold), found) in run.docs.iter().zip(&run.gold).zip(detect_corpus(&run.docs, &lexicon)) {
            let shown: Vec<Range<usize>> =
                found.spans.iter().filter(|s| standard.shows(s)).map(|s| s.range.clone()).collect();
            for t in word_tokens(&doc.text) {
                let is_gold = overlaps_any(&t, gold);
                gold_tokens += usize::from(is_gold);
                if overlaps_any(&t, &shown) {
                    highlighted += 1;
                    hit += usize::from(is_gold);
                }
            }
        }
    }
    (hit, highlighted, gold_tokens)
}

fn assert_bar(name: &str, (hit, highlighted, gold_tokens): (usize, usize, usize), vader: Baseline) {
    let precision = hit as f64 / highlighted as f64;
    let vader_precision = vader.hit as f64 / vader.highlighted as f64;
    assert!(
        precision >= 1.3 * vader_precision,
        "{name}: default-view token precision {precision:.3} under 1.3 × VADER's {vader_precision:.3}"
    );
    assert!(
        hit >= vader.hit,
        "{name}: default-view token recall {hit}/{gold_tokens} under VADER's {}/{gold_tokens}",
        vader.hit
    );
}

#[test]
fn newswcl50_default_view_meets_the_bar() {
    let counts = default_view(load(framing_gold::newswcl50, framing_gold::NEWSWCL50));
    assert_eq!(counts.2, 4222, "the gold tokens the baseline was counted on");
    assert_bar("NewsWCL50", counts, Baseline { hit: 472, highlighted: 936 });
}

#[test]
fn babe_default_view_meets_the_bar() {
    let counts = default_view(load(framing_gold::babe, framing_gold::BABE));
    assert_eq!(counts.2, 1978, "the gold tokens the baseline was counted on");
    assert_bar("BABE", counts, Baseline { hit: 388, highlighted: 2867 });
}
