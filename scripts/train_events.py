"""Train the story-level event classifier (newsgraph/events/story_model.npz).

Data: ../shared/data/plover/dev.jsonl, the NGEC synthetic stories (dev split, 5,099 stories,
one weak PLOVER label each). Only `text` is read as input, never `headline` (it holds the
label). The GSR records are not used for training: they stay an untouched rule benchmark.

Steps: (1) run spaCy and the events component over every story and cache the
events (build/ngec_events.jsonl); (2) cross-validate the classifier, five folds by text hash
(the design of the held-out test split) and five folds by template (no template shared between
train and test: the harder figure); (3) fit on all of dev and save the weights.

    .venv/bin/python scripts/train_events.py [--data FILE] [--out FILE] [--epochs 120]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.events.cameo import PLOVER_TYPES  # noqa: E402
from newsgraph.events.classify import MODEL_FILE, N_BUCKETS, rule_story_type, story_features  # noqa: E402
from newsgraph.events.evaluate import prf  # noqa: E402

EVENT_KEYS = ("type", "mode", "cameo", "modality", "negated", "parent", "sentence")


def cache_events(data: Path, cache: Path) -> list[dict]:
    records = [json.loads(line) for line in data.open(encoding="utf-8") if line.strip()]
    done: dict[str, dict] = {}
    if cache.exists():
        for line in cache.open(encoding="utf-8"):
            row = json.loads(line)
            done[row["id"]] = row
    todo = [r for r in records if r["id"] not in done]
    if todo:
        from newsgraph import Pipeline, load_options
        from newsgraph.records import Document, RawDoc

        # the classifier reads event types, modes and modality only, which do not depend on the
        # actor stages: running spaCy + events alone keeps the 5,099 stories quick to parse
        pipe = Pipeline(load_options(pipeline={"components": ["events"]}))
        cache.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.time()
        with cache.open("a", encoding="utf-8") as out:
            raws = (RawDoc(text=r["text"], id=r["id"]) for r in todo)
            for n, (r, doc) in enumerate(zip(todo, pipe.pipe(raws)), 1):
                events = [{k: getattr(e, k) for k in EVENT_KEYS} for e in doc.events] if isinstance(doc, Document) else []
                row = {"id": r["id"], "events": events}
                done[r["id"]] = row
                out.write(json.dumps(row) + "\n")
                if n % 500 == 0:
                    print(f"  parsed {n}/{len(todo)} stories, {time.time() - t0:.0f}s", file=sys.stderr)
    for r in records:
        r["events"] = done[r["id"]]["events"]
    return records


def matrix(records: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows, cols, vals = [], [], []
    for i, r in enumerate(records):
        idx, val = story_features(r["text"], r["events"])
        rows.append(np.full(len(idx), i, dtype=np.int64))
        cols.append(idx)
        vals.append(val)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def fit(rows, cols, vals, y, n, epochs=60, lr=0.1, l2=1e-5):
    """Softmax regression by full-batch Adam on a sparse design matrix (numpy only).
    `rows` must be sorted (entries grouped by story, as `matrix` and `subset` give them)."""
    k = len(PLOVER_TYPES)
    W = np.zeros((N_BUCKETS, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    Y = np.zeros((n, k), dtype=np.float32)
    Y[np.arange(n), y] = 1.0
    row_starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    order = np.argsort(cols, kind="stable")
    c_sorted, r_sorted, v_sorted = cols[order], rows[order], vals[order]
    uniq, col_starts = np.unique(c_sorted, return_index=True)
    # class weights: the stories are unbalanced (CONCEDE 898, AID 98)
    counts = np.bincount(y, minlength=k).astype(np.float32)
    cw = (n / (k * np.maximum(counts, 1)))[y][:, None]
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, epochs + 1):
        Z = np.add.reduceat(W[cols] * vals[:, None], row_starts) + b
        Z -= Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        D = (P - Y) * cw / n
        G = np.zeros_like(W)
        G[uniq] = np.add.reduceat(D[r_sorted] * v_sorted[:, None], col_starts)
        G += l2 * W
        gb = D.sum(0)
        for param, grad, m, v in ((W, G, mW, vW), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return W, b


def predict(W, b, rows, cols, vals, n):
    row_starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    return (np.add.reduceat(W[cols] * vals[:, None], row_starts) + b).argmax(1)


def subset(rows, cols, vals, idx):
    """The design-matrix entries of stories `idx`, renumbered 0..len(idx)-1."""
    pos = np.full(rows.max() + 1, -1, dtype=np.int64)
    pos[idx] = np.arange(len(idx))
    keep = pos[rows] >= 0
    return pos[rows[keep]], cols[keep], vals[keep]


def score(y_true, y_pred) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(y_true, y_pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            if p:
                fp[p] += 1
    out = prf(tp, fp, fn, PLOVER_TYPES)
    return {"macro_f1": out["macro_f1"], "accuracy": round(sum(tp.values()) / len(y_true), 3)}


def cross_validate(records, rows, cols, vals, y, folds, how, epochs) -> dict:
    n = len(records)
    if how == "hash":
        fold = np.array([int(hashlib.sha256(r["id"].encode()).hexdigest()[:8], 16) % folds for r in records])
    else:
        templates = sorted({r["template_id"] for r in records})
        tfold = {t: int(hashlib.sha256(str(t).encode()).hexdigest()[:8], 16) % folds for t in templates}
        fold = np.array([tfold[r["template_id"]] for r in records])
    pred = np.zeros(n, dtype=np.int64)
    for f in range(folds):
        tr, te = np.where(fold != f)[0], np.where(fold == f)[0]
        W, b = fit(*subset(rows, cols, vals, tr), y[tr], len(tr), epochs=epochs)
        pred[te] = predict(W, b, *subset(rows, cols, vals, te), len(te))
    labels = list(PLOVER_TYPES)
    return score([labels[i] for i in y], [labels[i] for i in pred])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "plover" / "dev.jsonl")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "ngec_events.jsonl")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true")
    args = ap.parse_args()

    records = cache_events(args.data, args.cache)
    labels = list(PLOVER_TYPES)
    y = np.array([labels.index(r["event_type"]) for r in records])
    rows, cols, vals = matrix(records)
    report = {"data": str(args.data), "stories": len(records)}
    report["rules_only"] = score([r["event_type"] for r in records], [rule_story_type(r["events"]) for r in records])
    if not args.no_cv:
        report["cv_hash_folds"] = cross_validate(records, rows, cols, vals, y, args.folds, "hash", args.epochs)
        report["cv_template_folds"] = cross_validate(records, rows, cols, vals, y, args.folds, "template", args.epochs)
    W, b = fit(rows, cols, vals, y, len(records), epochs=args.epochs)
    np.savez_compressed(args.out, weights=W.astype(np.float16), bias=b, labels=np.array(labels))
    report["model"] = f"{args.out} ({args.out.stat().st_size / 1e6:.1f} MB)"
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
