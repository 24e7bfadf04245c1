"""Story-level event type: which of the 16 PLOVER types an article is mainly about.

Rules alone answer with the first top-ranked event of the article. The learned classifier (a
multinomial logistic regression in numpy, trained by scripts/train_events.py on the NGEC
synthetic stories) reads hashed word uni/bigrams of the text plus the rule events found in it
(type, mode, CAMEO root, weighted by position), so it can still answer where the rules found
nothing and overrule a first event that is background. No torch, no spaCy at inference: the
features come from Document.text and Document.events.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .cameo import PLOVER_TYPES

MODEL_FILE = Path(__file__).with_name("story_model.npz")
N_BUCKETS = 1 << 16
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset("""the a an of to in and or for on at by with from as is was were are be been being has have had it its
    this that these those he she they we you i his her their our them him said says say will would also but not
    which who whom after before into over about than more most some such other""".split())


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (N_BUCKETS - 1)


_SENT_END = re.compile(r"[.!?][\"')\]]?\s")


def lead_sentence(text: str) -> str:
    """The story's first sentence: the synthetic stories (and news) put the main event there."""
    m = _SENT_END.search(text, 40)
    return text[: m.end()] if m else text[:300]


def _bag(text: str, prefix: str) -> dict[int, float]:
    """Hashed, log-scaled, L2-normalised word uni- and bigrams."""
    words = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    counts: dict[int, float] = {}
    for i, w in enumerate(words):
        k = _h(f"{prefix}w:{w}")
        counts[k] = counts.get(k, 0.0) + 1.0
        if i:
            k = _h(f"{prefix}b:{words[i - 1]}_{w}")
            counts[k] = counts.get(k, 0.0) + 1.0
    for k in counts:
        counts[k] = 1.0 + math.log(counts[k])
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {k: v / norm for k, v in counts.items()}


def story_features(text: str, events: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Sparse feature vector (bucket indices, values) of one story: words of the whole text,
    words of its lead sentence, and the rule events (type, mode, CAMEO base code, modality),
    weighted by rank and position."""
    feats = _bag(text, "")
    for k, v in _bag(lead_sentence(text), "f").items():
        feats[k] = feats.get(k, 0.0) + v
    main = [e for e in events if _get(e, "parent") is None]
    for rank, e in enumerate(main[:12]):
        w = (1.0 if rank == 0 else 0.6 if rank < 3 else 0.3)
        if _get(e, "sentence", 0) > 3:
            w *= 0.5
        if _get(e, "negated") or _get(e, "modality") not in ("asserted", "reported"):
            w *= 0.5
        etype, mode, cameo = _get(e, "type"), _get(e, "mode"), _get(e, "cameo") or ""
        for name in (f"e:{etype}", f"em:{etype}:{mode}", f"ec:{cameo[:3]}", f"et:{etype}:{_get(e, 'modality')}"):
            k = _h(name)
            feats[k] = feats.get(k, 0.0) + 0.5 * w
        if rank == 0:
            k = _h(f"e1:{etype}")
            feats[k] = feats.get(k, 0.0) + 0.5
    if not main:
        feats[_h("e:none")] = 0.5
    idx = np.fromiter(feats.keys(), dtype=np.int64, count=len(feats))
    val = np.fromiter(feats.values(), dtype=np.float32, count=len(feats))
    return idx, val


def _get(e: Any, key: str, default: Any = None) -> Any:
    return e.get(key, default) if isinstance(e, dict) else getattr(e, key, default)


@dataclass
class StoryModel:
    weights: np.ndarray  # (N_BUCKETS, n_labels)
    bias: np.ndarray
    labels: tuple[str, ...]

    def scores(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        z = (self.weights[idx].astype(np.float32) * val[:, None]).sum(0) + self.bias
        z = z - z.max()
        p = np.exp(z)
        return p / p.sum()


@lru_cache(maxsize=2)
def load_story_model(path: str | None = None) -> StoryModel | None:
    p = Path(path) if path else MODEL_FILE
    if not p.exists():
        return None
    data = np.load(p, allow_pickle=False)
    return StoryModel(data["weights"], data["bias"].astype(np.float32), tuple(str(x) for x in data["labels"]))


def rule_story_type(events: list[Any]) -> str | None:
    main = [e for e in events if _get(e, "parent") is None]
    factual = [e for e in main if not _get(e, "negated") and _get(e, "modality") in ("asserted", "reported")]
    pick = (factual or main)
    return _get(pick[0], "type") if pick else None


def story_type(document: Any, model: StoryModel | None = None) -> tuple[str | None, dict[str, float]]:
    """(type, scores) for a Document; scores are the classifier's probabilities (empty for rules)."""
    text = _get(document, "text", "")
    events = _get(document, "events", []) or []
    if model is None:
        return rule_story_type(events), {}
    idx, val = story_features(text, events)
    p = model.scores(idx, val)
    best = int(p.argmax())
    return model.labels[best], {lab: round(float(x), 4) for lab, x in zip(model.labels, p)}


__all__ = ["PLOVER_TYPES", "StoryModel", "load_story_model", "story_features", "story_type", "rule_story_type"]
