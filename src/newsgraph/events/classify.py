"""Story-level event type: which of the 16 PLOVER types an article is mainly about.

Rules alone answer with the first top-ranked event of the article. The learned classifier
(trained by scripts/train_events.py on the NGEC synthetic stories, whose labels come from the
headline each story was written to) averages three readers' probabilities:

- words: a multinomial logistic regression over hashed word uni/bigrams of the text and of its
  lead sentence plus the rule events found in it (type, mode, CAMEO root, weighted by position);
- headline words: TF-IDF cosine between the story and prototypes of the headlines it was
  trained on (one per headline template), the best prototype of each type scoring the type;
- headline vectors: the same with MiniLM sentence vectors of the first three sentences, through
  a learned bilinear similarity, when the sentence encoder is installed (nlp/encoder.py).

A story written to a headline echoes it, in words or in meaning, so matching headlines reads
what a bag of words spread over the whole text dilutes. No torch and no spaCy at inference: the
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


PROTO_BUCKETS = 1 << 20  # the headline prototypes' own hashed space: wider, so fewer bigrams collide
STORY_SENTENCES = (1.0, 0.5, 0.25)  # weights of the first three sentences in the story's vector


def _grams(text: str) -> dict[int, int]:
    words = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    counts: dict[int, int] = {}
    for gram in [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]:
        k = zlib.crc32(gram.encode("utf-8")) & (PROTO_BUCKETS - 1)
        counts[k] = counts.get(k, 0) + 1
    return counts


def tfidf(text: str, idf: dict[int, float]) -> dict[int, float]:
    """Sublinear TF-IDF of the text's hashed uni/bigrams, L2-normalised; buckets without an idf
    (never seen in a headline) are left out."""
    vec = {k: (1.0 + math.log(n)) * idf[k] for k, n in _grams(text).items() if k in idf}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def headline_query(text: str, idf: dict[int, float]) -> dict[int, float]:
    """What the headline prototypes are matched against: the lead sentence plus the text's start."""
    query = tfidf(lead_sentence(text), idf)
    for k, v in tfidf(text[:1500], idf).items():
        query[k] = query.get(k, 0.0) + v
    return query


def story_sentences(text: str, n: int = len(STORY_SENTENCES)) -> list[str]:
    """The first n sentences; a fragment under 20 characters joins the next one."""
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if m.end() - pos < 20:
            continue
        out.append(text[pos: m.end()].strip())
        pos = m.end()
        if len(out) == n:
            return out
    tail = text[pos:].strip()
    return out + [tail] if tail else out or [text]


def story_vector(vectors: np.ndarray) -> np.ndarray:
    """One unit vector from the sentence vectors of story_sentences, the lead weighted most."""
    v = sum(w * x for w, x in zip(STORY_SENTENCES, vectors))
    return v / max(float(np.linalg.norm(v)), 1e-12)


def type_max(similarity: np.ndarray, proto_type: np.ndarray, n_types: int) -> np.ndarray:
    """(..., n_types): each type's best prototype; -1 for a type without prototypes."""
    out = np.full(similarity.shape[:-1] + (n_types,), -1.0, dtype=np.float32)
    for t in range(n_types):
        cols = proto_type == t
        if cols.any():
            out[..., t] = similarity[..., cols].max(-1)
    return out


def softmax(z: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = (z - z.max(-1, keepdims=True)) / temperature
    p = np.exp(z)
    return p / p.sum(-1, keepdims=True)


@dataclass
class StoryModel:
    weights: np.ndarray  # (N_BUCKETS, n_labels): the words reader
    bias: np.ndarray
    labels: tuple[str, ...]
    idf: dict[int, float]  # headline-words reader: idf of the buckets seen in headlines
    proto_words: tuple[np.ndarray, np.ndarray, np.ndarray]  # (bucket, prototype, value): one TF-IDF
    # prototype per headline template, flattened
    proto_type: np.ndarray  # (n_protos,) label index of each prototype
    proto_vectors: np.ndarray  # (n_protos, 384) headline-vector prototypes, unit length
    bilinear: np.ndarray  # (384, 384) learned similarity story . M . prototype
    temperatures: tuple[float, float]  # softmax temperatures of the two headline readers

    def scores(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        """The words reader's probabilities."""
        z = (self.weights[idx].astype(np.float32) * val[:, None]).sum(0) + self.bias
        return softmax(z)

    def headline_word_scores(self, text: str) -> np.ndarray:
        query = headline_query(text, self.idf)
        keys, protos, values = self.proto_words
        weights = values * np.array([query.get(k, 0.0) for k in keys.tolist()], dtype=np.float32)
        sims = np.bincount(protos, weights=weights, minlength=len(self.proto_type))
        return softmax(type_max(sims, self.proto_type, len(self.labels)), self.temperatures[0])

    def headline_vector_scores(self, vector: np.ndarray) -> np.ndarray:
        sims = vector @ self.bilinear @ self.proto_vectors.T
        return softmax(type_max(sims, self.proto_type, len(self.labels)), self.temperatures[1])

    def probabilities(self, text: str, events: list[Any], vector: np.ndarray | None = None) -> np.ndarray:
        """The mean of the readers' probabilities (two readers without a story vector)."""
        readers = [self.scores(*story_features(text, events)), self.headline_word_scores(text)]
        if vector is not None:
            readers.append(self.headline_vector_scores(vector))
        return np.mean(readers, axis=0)


def save_story_model(path: Path, model: StoryModel) -> None:
    idf_keys = np.fromiter(model.idf.keys(), dtype=np.int64)
    keys, protos, values = model.proto_words
    np.savez_compressed(
        path, weights=model.weights.astype(np.float16), bias=model.bias, labels=np.array(model.labels),
        idf_keys=idf_keys, idf_values=np.array([model.idf[k] for k in idf_keys], dtype=np.float32),
        proto_keys=keys, proto_ids=protos, proto_values=values.astype(np.float16),
        proto_type=model.proto_type, proto_vectors=model.proto_vectors.astype(np.float16),
        bilinear=model.bilinear.astype(np.float16), temperatures=np.array(model.temperatures))


@lru_cache(maxsize=2)
def load_story_model(path: str | None = None) -> StoryModel | None:
    p = Path(path) if path else MODEL_FILE
    if not p.exists():
        return None
    d = np.load(p, allow_pickle=False)
    return StoryModel(
        d["weights"], d["bias"].astype(np.float32), tuple(str(x) for x in d["labels"]),
        dict(zip(d["idf_keys"].tolist(), d["idf_values"].tolist())),
        (d["proto_keys"], d["proto_ids"], d["proto_values"].astype(np.float32)), d["proto_type"],
        d["proto_vectors"].astype(np.float32), d["bilinear"].astype(np.float32),
        tuple(float(t) for t in d["temperatures"]))


def rule_story_type(events: list[Any]) -> str | None:
    main = [e for e in events if _get(e, "parent") is None]
    factual = [e for e in main if not _get(e, "negated") and _get(e, "modality") in ("asserted", "reported")]
    pick = (factual or main)
    return _get(pick[0], "type") if pick else None


def story_type(document: Any, model: StoryModel | None = None, encoder: Any = None) -> tuple[str | None, dict[str, float]]:
    """(type, scores) for a Document; scores are the classifier's probabilities (empty for rules).
    With a sentence encoder (nlp.encoder.load_encoder()) the headline-vector reader joins in."""
    text = _get(document, "text", "")
    events = _get(document, "events", []) or []
    if model is None:
        return rule_story_type(events), {}
    vector = story_vector(encoder.encode(story_sentences(text))) if encoder is not None else None
    p = model.probabilities(text, events, vector)
    return model.labels[int(p.argmax())], {lab: round(float(x), 4) for lab, x in zip(model.labels, p)}


__all__ = ["PLOVER_TYPES", "StoryModel", "load_story_model", "save_story_model", "story_features", "story_type",
           "rule_story_type"]
