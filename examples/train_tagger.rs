//! Trains the part-of-speech tagger shipped in assets/tagger/ewt-upos.bin:
//! an averaged perceptron over the features of `parallax::tagger`, on the
//! Universal Dependencies English EWT treebank (CC BY-SA 4.0), read from
//! CoNLL-U files at run time (see scripts/train_tagger.sh; nothing of the
//! treebank is stored in this repository but the learned weights).
//!
//!     cargo run --release --example train_tagger -- --train TRAIN.conllu --dev DEV.conllu \
//!         [--test TEST.conllu] [--epochs 6] [--min-count 2] [--out assets/tagger/ewt-upos.bin]
//!
//! Each treebank sentence is cut into parallax's own words (`parallax::words`),
//! and each word takes the tag of the treebank word it starts with (the first
//! part of a contraction such as "don't", the last non-punctuation part of a
//! hyphenated compound such as "23-day-old"), so the tagger learns exactly
//! the words it will see. Accuracy is printed for the quantised model, read
//! back through the same code the library uses.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use parallax::tagger::{Model, Pos, extract, previous};
use parallax::words::{Word, words};

struct Sentence {
    text: String,
    words: Vec<Word>,
    gold: Vec<Pos>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_tagger: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut train = None;
    let mut dev = None;
    let mut test = None;
    let mut epochs = 6usize;
    let mut min_count = 2usize;
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/tagger/ewt-upos.bin");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--train" => train = Some(PathBuf::from(value()?)),
            "--dev" => dev = Some(PathBuf::from(value()?)),
            "--test" => test = Some(PathBuf::from(value()?)),
            "--epochs" => epochs = value()?.parse().map_err(|_| "--epochs takes a number")?,
            "--min-count" => min_count = value()?.parse().map_err(|_| "--min-count takes a number")?,
            "--out" => out = PathBuf::from(value()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let train = read(&train.ok_or("--train is required")?)?;
    let dev = read(&dev.ok_or("--dev is required")?)?;
    let test = test.map(|t| read(&t)).transpose()?;
    println!("train: {} sentences, {} words", train.len(), train.iter().map(|s| s.words.len()).sum::<usize>());

    let mut p = Perceptron::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..epochs {
        // A fixed shuffle per epoch: the result does not depend on the run.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let (mut right, mut all) = (0, 0);
        for &k in &order {
            let s = &train[k];
            let mut tags: Vec<Pos> = Vec::with_capacity(s.words.len());
            let mut features = Vec::new();
            for i in 0..s.words.len() {
                features.clear();
                extract(&s.text, &s.words, i, previous(&tags, 1), previous(&tags, 2), &mut features);
                if epoch == 0 {
                    for f in &features {
                        *p.counts.entry(*f).or_default() += 1;
                    }
                }
                let guess = p.predict(&features);
                p.update(&features, s.gold[i], guess);
                right += usize::from(guess == s.gold[i]);
                all += 1;
                tags.push(guess);
            }
        }
        println!("epoch {}: training accuracy {:.4}", epoch + 1, right as f64 / all as f64);
    }
    let averaged = p.average();
    let kept: Vec<(u32, [f32; 17])> = averaged
        .into_iter()
        .filter(|(f, w)| p.counts.get(f).copied().unwrap_or(0) >= min_count && w.iter().any(|x| x.abs() > 1e-3))
        .collect();
    let bytes = Model::write(&kept);
    let model = Model::read(&bytes)?;
    println!("kept {} features, {} bytes", kept.len(), bytes.len());
    println!("dev accuracy (quantised): {:.4}", accuracy(&model, &dev));
    if let Some(test) = &test {
        println!("test accuracy (quantised): {:.4}", accuracy(&model, test));
    }
    std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn accuracy(model: &Model, sentences: &[Sentence]) -> f64 {
    let (mut right, mut all) = (0, 0);
    for s in sentences {
        for (t, g) in model.tag(&s.text, &s.words).into_iter().zip(&s.gold) {
            right += usize::from(t == *g);
            all += 1;
        }
    }
    right as f64 / all.max(1) as f64
}

/// An averaged perceptron (Collins 2002): weights, their running totals and when each last changed.
#[derive(Default)]
struct Perceptron {
    weights: HashMap<u32, [f32; 17]>,
    totals: HashMap<u32, [f32; 17]>,
    stamps: HashMap<u32, [u32; 17]>,
    counts: HashMap<u32, usize>,
    step: u32,
}

impl Perceptron {
    fn predict(&self, features: &[u32]) -> Pos {
        let mut scores = [0.0f32; 17];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
        let best = (0..17).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a))).unwrap_or(7);
        Pos::ALL[best]
    }

    fn update(&mut self, features: &[u32], truth: Pos, guess: Pos) {
        self.step += 1;
        if truth == guess {
            return;
        }
        for f in features {
            for (tag, delta) in [(truth as usize, 1.0f32), (guess as usize, -1.0)] {
                let w = self.weights.entry(*f).or_insert([0.0; 17]);
                let total = self.totals.entry(*f).or_insert([0.0; 17]);
                let stamp = self.stamps.entry(*f).or_insert([0; 17]);
                total[tag] += (self.step - stamp[tag]) as f32 * w[tag];
                stamp[tag] = self.step;
                w[tag] += delta;
            }
        }
    }

    fn average(&self) -> Vec<(u32, [f32; 17])> {
        self.weights
            .iter()
            .map(|(f, w)| {
                let total = &self.totals[f];
                let stamp = &self.stamps[f];
                let mut avg = [0.0f32; 17];
                for t in 0..17 {
                    avg[t] = (total[t] + (self.step - stamp[t]) as f32 * w[t]) / self.step as f32;
                }
                (*f, avg)
            })
            .collect()
    }
}

/// The sentences of a CoNLL-U file, cut into parallax's words, each with its treebank tag.
fn read(path: &PathBuf) -> Result<Vec<Sentence>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut skipped = 0;
    for block in data.split("\n\n").filter(|b| !b.trim().is_empty()) {
        match sentence(block) {
            Some(s) => out.push(s),
            None => skipped += 1,
        }
    }
    if skipped > 0 {
        eprintln!("{}: {skipped} sentences whose words could not be found in their text were skipped", path.display());
    }
    Ok(out)
}

fn sentence(block: &str) -> Option<Sentence> {
    let text = block.lines().find_map(|l| l.strip_prefix("# text = "))?.to_string();
    // Treebank words with their byte range in the text; the parts of a contraction share its range.
    let mut spans: Vec<(std::ops::Range<usize>, Pos, bool)> = Vec::new();
    let mut cursor = 0;
    let mut contraction_end = 0u32;
    for line in block.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains('.') {
            continue;
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            let at = cursor + text[cursor..].find(cols[1])?;
            cursor = at + cols[1].len();
            contraction_end = b.parse().ok()?;
            let _ = a;
            spans.push((at..cursor, Pos::X, true));
            continue;
        }
        let id: u32 = cols[0].parse().ok()?;
        let pos = Pos::from_ud(cols[3])?;
        if id <= contraction_end {
            // The first part of a contraction gives its tag to the contraction's range.
            if let Some(last) = spans.last_mut()
                && last.2
                && last.1 == Pos::X
            {
                last.1 = pos;
            }
            continue;
        }
        let at = cursor + text[cursor..].find(cols[1])?;
        cursor = at + cols[1].len();
        spans.push((at..cursor, pos, false));
    }
    let ws = words(&text);
    let gold = ws
        .iter()
        .map(|w| {
            let parts: Vec<&(std::ops::Range<usize>, Pos, bool)> =
                spans.iter().filter(|(r, _, _)| r.start < w.range.end && w.range.start < r.end).collect();
            match parts.iter().find(|(r, _, _)| r.start <= w.range.start) {
                Some((_, p, true)) => Some(*p),
                _ => parts.iter().rev().find(|(_, p, _)| *p != Pos::Punct).map(|(_, p, _)| *p),
            }
        })
        .collect::<Option<Vec<Pos>>>()?;
    Some(Sentence { text, words: ws, gold })
}
