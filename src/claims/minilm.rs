//! all-MiniLM-L6-v2, the sentence transformer, run in pure Rust for the refinement stage:
//! contextual vectors for every word piece of a sentence ("sued" in "the party sued Russia"
//! close to "lawsuit" in "filed a lawsuit against Russia"), and the mean-pooled sentence vector.
//!
//! The weights ship as `assets/claims/minilm.bin` (22.9 MB): every matrix quantised to int8
//! with one scale per row by `scripts/export_minilm.py`, biases and layer norms in f32. The
//! word-embedding table stays int8 in memory and is read row by row; the layer matrices are
//! expanded to f32 once, when the encoder is first used (about 45 MB). Matrix products go
//! through ndarray (matrixmultiply's blocked kernels); the layers are the model's own:
//! 6 × (12-head self-attention, GELU feed-forward), hidden size 384, post-layer-norm.

use std::sync::LazyLock;

use std::ops::Range;

use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis, Slice};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::embed::{Vocabulary, vocabulary};

pub const HIDDEN: usize = 384;
/// Word pieces per sentence, [CLS] and [SEP] included: longer sentences are cut (the export
/// keeps this many position embeddings). Sentences of news text rarely reach it.
pub const MAX_TOKENS: usize = 128;
const HEADS: usize = 12;
const HEAD_DIM: usize = HIDDEN / HEADS;
const LAYERS: usize = 6;
const NORM_EPSILON: f32 = 1e-12;

static BYTES: &[u8] = include_bytes!("../../assets/claims/minilm.bin");
static ENCODER: LazyLock<Encoder> =
    LazyLock::new(|| Encoder::parse(BYTES, vocabulary()).expect("embedded MiniLM weights are well-formed"));

/// The shipped encoder, loaded on first use.
pub fn encoder() -> &'static Encoder {
    &ENCODER
}

/// A matrix stored as int8 rows, each with its own scale.
struct QuantisedRows {
    cols: usize,
    scales: Vec<f32>,
    values: &'static [u8],
}

impl QuantisedRows {
    fn row(&self, r: usize, out: &mut [f32]) {
        let scale = self.scales[r];
        for (x, &q) in out.iter_mut().zip(&self.values[r * self.cols..(r + 1) * self.cols]) {
            *x = f32::from(q as i8) * scale;
        }
    }

    /// The whole matrix in f32, transposed: `x.dot(&w)` applies it to row vectors `x`.
    fn transposed(&self) -> Array2<f32> {
        let rows = self.scales.len();
        let mut w = Array2::zeros((self.cols, rows));
        let mut row = vec![0f32; self.cols];
        for r in 0..rows {
            self.row(r, &mut row);
            w.column_mut(r).iter_mut().zip(&row).for_each(|(x, v)| *x = *v);
        }
        w
    }
}

struct LayerNorm {
    weight: Array1<f32>,
    bias: Array1<f32>,
}

impl LayerNorm {
    fn apply(&self, x: &mut Array2<f32>) {
        for mut row in x.rows_mut() {
            let n = row.len() as f32;
            let mean = row.sum() / n;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
            let inv = 1.0 / (var + NORM_EPSILON).sqrt();
            for ((v, w), b) in row.iter_mut().zip(&self.weight).zip(&self.bias) {
                *v = (*v - mean) * inv * w + b;
            }
        }
    }
}

struct Linear {
    /// Input × output.
    weight: Array2<f32>,
    bias: Array1<f32>,
}

impl Linear {
    fn apply(&self, x: &ArrayView2<f32>) -> Array2<f32> {
        x.dot(&self.weight) + &self.bias
    }
}

struct Layer {
    qkv: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

pub struct Encoder {
    vocabulary: &'static Vocabulary,
    word: QuantisedRows,
    /// Position embeddings plus the (single) token-type embedding.
    position: Array2<f32>,
    norm: LayerNorm,
    layers: Vec<Layer>,
    cls: u32,
    sep: u32,
    unknown: u32,
}

/// One sentence through the encoder.
#[derive(Clone, Debug)]
pub struct Encoded {
    /// The word pieces, without [CLS] and [SEP].
    pub pieces: Vec<u32>,
    /// For each piece, the index of the word it comes from among [`Encoder::words`] of the text.
    pub word_of_piece: Vec<usize>,
    /// For each piece, its contextual vector, unit length (pieces × [`HIDDEN`]).
    pub vectors: Array2<f32>,
    /// The mean-pooled sentence vector, unit length.
    pub sentence: Array1<f32>,
}

/// The tensors of the weights file, in file order.
struct Tensors {
    entries: Vec<(String, Tensor)>,
}

enum Tensor {
    F32(Array2<f32>),
    Int8(QuantisedRows),
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if bytes.len() < n {
        return Err("MiniLM weights file is truncated".into());
    }
    let (head, rest) = bytes.split_at(n);
    *bytes = rest;
    Ok(head)
}

fn u32_le(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn f32s(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

impl Tensors {
    fn parse(mut bytes: &'static [u8]) -> Result<Tensors, String> {
        if take(&mut bytes, 7)? != b"PXBERT1" {
            return Err("MiniLM weights file has no PXBERT1 header".into());
        }
        let count = u32_le(take(&mut bytes, 4)?) as usize;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let len = take(&mut bytes, 2)?;
            let len = u16::from_le_bytes([len[0], len[1]]) as usize;
            let name = String::from_utf8(take(&mut bytes, len)?.to_vec()).map_err(|e| e.to_string())?;
            let kind = take(&mut bytes, 1)?[0];
            let rows = u32_le(take(&mut bytes, 4)?) as usize;
            let cols = u32_le(take(&mut bytes, 4)?) as usize;
            let tensor = match kind {
                0 => {
                    let values = f32s(take(&mut bytes, rows * cols * 4)?);
                    Tensor::F32(Array2::from_shape_vec((rows, cols), values).map_err(|e| e.to_string())?)
                }
                1 => {
                    let scales = f32s(take(&mut bytes, rows * 4)?);
                    Tensor::Int8(QuantisedRows { cols, scales, values: take(&mut bytes, rows * cols)? })
                }
                k => return Err(format!("MiniLM tensor {name} has unknown kind {k}")),
            };
            entries.push((name, tensor));
        }
        if !bytes.is_empty() {
            return Err("MiniLM weights file has trailing bytes".into());
        }
        Ok(Tensors { entries })
    }

    fn remove(&mut self, name: &str) -> Result<Tensor, String> {
        let at = self.entries.iter().position(|(n, _)| n == name).ok_or(format!("MiniLM tensor {name} is missing"))?;
        Ok(self.entries.swap_remove(at).1)
    }

    fn f32(&mut self, name: &str, shape: (usize, usize)) -> Result<Array2<f32>, String> {
        match self.remove(name)? {
            Tensor::F32(a) if a.dim() == shape => Ok(a),
            _ => Err(format!("MiniLM tensor {name} is not f32 {shape:?}")),
        }
    }

    fn vector(&mut self, name: &str, len: usize) -> Result<Array1<f32>, String> {
        Ok(self.f32(name, (1, len))?.index_axis_move(Axis(0), 0))
    }

    fn int8(&mut self, name: &str, shape: (usize, usize)) -> Result<QuantisedRows, String> {
        match self.remove(name)? {
            Tensor::Int8(q) if (q.scales.len(), q.cols) == shape => Ok(q),
            _ => Err(format!("MiniLM tensor {name} is not int8 {shape:?}")),
        }
    }

    fn linear(&mut self, name: &str, inputs: usize, outputs: usize) -> Result<Linear, String> {
        Ok(Linear {
            weight: self.int8(&format!("{name}.weight"), (outputs, inputs))?.transposed(),
            bias: self.vector(&format!("{name}.bias"), outputs)?,
        })
    }

    fn norm(&mut self, name: &str) -> Result<LayerNorm, String> {
        Ok(LayerNorm {
            weight: self.vector(&format!("{name}.weight"), HIDDEN)?,
            bias: self.vector(&format!("{name}.bias"), HIDDEN)?,
        })
    }
}

impl Encoder {
    fn parse(bytes: &'static [u8], vocabulary: &'static Vocabulary) -> Result<Encoder, String> {
        let mut t = Tensors::parse(bytes)?;
        let word = t.int8("embeddings.word", (vocabulary.len(), HIDDEN))?;
        let token_type = t.vector("embeddings.token_type", HIDDEN)?;
        let position = t.f32("embeddings.position", (MAX_TOKENS, HIDDEN))? + &token_type;
        let norm = t.norm("embeddings.norm")?;
        let layers = (0..LAYERS)
            .map(|l| {
                Ok(Layer {
                    qkv: t.linear(&format!("layer.{l}.qkv"), HIDDEN, 3 * HIDDEN)?,
                    attention_out: t.linear(&format!("layer.{l}.attention_out"), HIDDEN, HIDDEN)?,
                    attention_norm: t.norm(&format!("layer.{l}.attention_norm"))?,
                    intermediate: t.linear(&format!("layer.{l}.intermediate"), HIDDEN, 4 * HIDDEN)?,
                    output: t.linear(&format!("layer.{l}.output"), 4 * HIDDEN, HIDDEN)?,
                    output_norm: t.norm(&format!("layer.{l}.output_norm"))?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let special = |p: &str| vocabulary.id(p).ok_or(format!("the vocabulary has no {p}"));
        Ok(Encoder {
            vocabulary,
            word,
            position,
            norm,
            layers,
            cls: special("[CLS]")?,
            sep: special("[SEP]")?,
            unknown: special("[UNK]")?,
        })
    }

    /// BERT's basic tokenisation, uncased: lower case, accents stripped, each punctuation
    /// mark a word of its own.
    pub fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for c in text.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)) {
            if c.is_whitespace() || c.is_control() {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            } else if c.is_alphanumeric() {
                current.push(c);
            } else {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                out.push(c.to_string());
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        out
    }

    /// The word pieces of `text` (at most [`MAX_TOKENS`] − 2) and the word each comes from.
    pub fn pieces(&self, text: &str) -> (Vec<u32>, Vec<usize>) {
        let (mut pieces, mut word_of) = (Vec::new(), Vec::new());
        let mut split = Vec::new();
        for (i, w) in Self::words(text).iter().enumerate() {
            split.clear();
            if w.chars().count() > 100 || self.vocabulary.split(w, &mut split).is_none() {
                split.clear();
                split.push(self.unknown);
            }
            for &p in &split {
                if pieces.len() == MAX_TOKENS - 2 {
                    return (pieces, word_of);
                }
                pieces.push(p);
                word_of.push(i);
            }
        }
        (pieces, word_of)
    }

    /// Encodes sentences together: the position-wise layers run over all their pieces at once.
    pub fn encode(&self, texts: &[&str]) -> Vec<Encoded> {
        let split: Vec<(Vec<u32>, Vec<usize>)> = texts.iter().map(|t| self.pieces(t)).collect();
        let lengths: Vec<usize> = split.iter().map(|(p, _)| p.len() + 2).collect();
        let total: usize = lengths.iter().sum();
        let mut x = Array2::<f32>::zeros((total, HIDDEN));
        let mut at = 0;
        for (pieces, _) in &split {
            let ids = std::iter::once(self.cls).chain(pieces.iter().copied()).chain([self.sep]);
            for (pos, id) in ids.enumerate() {
                let mut row = x.row_mut(at);
                self.word.row(id as usize, row.as_slice_mut().expect("rows of a standard array are contiguous"));
                row += &self.position.row(pos);
                at += 1;
            }
        }
        self.norm.apply(&mut x);
        for layer in &self.layers {
            x = self.layer(layer, x, &lengths);
        }
        let mut out = Vec::with_capacity(texts.len());
        let mut start = 0;
        for ((pieces, word_of_piece), len) in split.into_iter().zip(&lengths) {
            let all = x.slice_axis(Axis(0), Slice::from(start..start + len));
            let mut sentence = all.mean_axis(Axis(0)).expect("a sentence has [CLS] and [SEP]");
            normalise(sentence.view_mut());
            let mut vectors = all.slice_axis(Axis(0), Slice::from(1..len - 1)).to_owned();
            for row in vectors.rows_mut() {
                normalise(row);
            }
            out.push(Encoded { pieces, word_of_piece, vectors, sentence });
            start += len;
        }
        out
    }

    fn layer(&self, layer: &Layer, x: Array2<f32>, lengths: &[usize]) -> Array2<f32> {
        let qkv = layer.qkv.apply(&x.view());
        let mut context = Array2::<f32>::zeros((x.nrows(), HIDDEN));
        let scale = 1.0 / (HEAD_DIM as f32).sqrt();
        let mut start = 0;
        for &len in lengths {
            let rows = start..start + len;
            for h in 0..HEADS {
                let cols = |part: usize| part * HIDDEN + h * HEAD_DIM..part * HIDDEN + (h + 1) * HEAD_DIM;
                let q = block(qkv.view(), rows.clone(), cols(0));
                let k = block(qkv.view(), rows.clone(), cols(1));
                let v = block(qkv.view(), rows.clone(), cols(2));
                let mut scores = q.dot(&k.t()) * scale;
                for mut row in scores.rows_mut() {
                    let max = row.fold(f32::NEG_INFINITY, |m, v| m.max(*v));
                    row.mapv_inplace(|v| (v - max).exp());
                    let sum = row.sum();
                    row /= sum;
                }
                block_mut(context.view_mut(), rows.clone(), h * HEAD_DIM..(h + 1) * HEAD_DIM).assign(&scores.dot(&v));
            }
            start += len;
        }
        let mut x = x + layer.attention_out.apply(&context.view());
        layer.attention_norm.apply(&mut x);
        let mut h = layer.intermediate.apply(&x.view());
        h.mapv_inplace(gelu);
        let mut x = x + layer.output.apply(&h.view());
        layer.output_norm.apply(&mut x);
        x
    }
}

/// Rows and columns of a matrix (ndarray's `s!` macro would need unsafe code allowed).
fn block(m: ArrayView2<'_, f32>, rows: Range<usize>, cols: Range<usize>) -> ArrayView2<'_, f32> {
    m.slice_axis_move(Axis(0), Slice::from(rows)).slice_axis_move(Axis(1), Slice::from(cols))
}

fn block_mut(m: ArrayViewMut2<'_, f32>, rows: Range<usize>, cols: Range<usize>) -> ArrayViewMut2<'_, f32> {
    m.slice_axis_move(Axis(0), Slice::from(rows)).slice_axis_move(Axis(1), Slice::from(cols))
}

fn normalise(mut v: ndarray::ArrayViewMut1<f32>) {
    let norm = v.dot(&v).sqrt();
    if norm > 0.0 {
        v /= norm;
    }
}

/// BERT's GELU, with erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
fn gelu(x: f32) -> f32 {
    let z = x / std::f32::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let poly = ((((1.061_405_4 * t - 1.453_152) * t + 1.421_413_8) * t - 0.284_496_72) * t + 0.254_829_6) * t;
    let erf = (1.0 - poly * (-z * z).exp()).copysign(z);
    0.5 * x * (1.0 + erf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Reference {
        sentence: String,
        pieces: Vec<u32>,
        vector: Vec<f32>,
    }

    /// The f32 model's output for two sentences, written by scripts/export_minilm.py.
    fn references() -> Vec<Reference> {
        serde_json::from_str(include_str!("../../tests/data/minilm_reference.json")).unwrap()
    }

    #[test]
    fn pieces_match_the_reference_tokeniser() {
        for r in references() {
            assert_eq!(encoder().pieces(&r.sentence).0, r.pieces, "{}", r.sentence);
        }
    }

    #[test]
    fn int8_weights_reproduce_the_f32_model() {
        let refs = references();
        let texts: Vec<&str> = refs.iter().map(|r| r.sentence.as_str()).collect();
        // Together and alone: sentences encoded side by side do not see each other.
        let together = encoder().encode(&texts);
        for (r, e) in refs.iter().zip(&together) {
            let cosine: f32 = e.sentence.iter().zip(&r.vector).map(|(a, b)| a * b).sum();
            assert!(cosine > 0.995, "{}: cosine {cosine}", r.sentence);
            let alone = &encoder().encode(&[&r.sentence])[0];
            assert!((alone.sentence.dot(&e.sentence) - 1.0).abs() < 1e-4);
            assert_eq!(e.vectors.nrows(), e.pieces.len());
        }
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_sentences() {
        let e = encoder().encode(&[
            "The Democratic Party sued Russia and the campaign.",
            "Democrats filed a lawsuit against Russia and the campaign.",
            "The orchestra played a new symphony downtown.",
        ]);
        assert!(e[0].sentence.dot(&e[1].sentence) > e[0].sentence.dot(&e[2].sentence) + 0.3);
    }

    #[test]
    fn long_sentences_are_cut_and_odd_words_are_unknown() {
        let long = "word ".repeat(400);
        let e = &encoder().encode(&[&long, "x"])[0];
        assert_eq!(e.pieces.len(), MAX_TOKENS - 2);
        let odd = encoder().pieces(&"ǅ".repeat(120)).0;
        assert_eq!(odd, [encoder().unknown]);
        assert_eq!(Encoder::words("Naïve “U.S.” 60-day"), ["naive", "“", "u", ".", "s", ".", "”", "60", "-", "day"]);
    }

    #[test]
    fn bad_weight_files_are_rejected() {
        assert!(Tensors::parse(b"PXBERT0\0\0\0\0").is_err());
        assert!(Tensors::parse(b"PXBERT1\x01\0\0\0").is_err());
        assert!(Encoder::parse(b"PXBERT1\0\0\0\0", vocabulary()).is_err());
    }
}
