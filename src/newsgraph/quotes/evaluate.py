"""Score quotes against gold attributions in the PolNeAR JSONL format (see docs/evaluation.md).

What is compared:
- *content*: the characters of the quote's fragments, counting letters and digits only, so
  quotation marks, spacing and punctuation at the edges (annotators disagree on them) never
  decide a match. *exact*: the same characters; *overlap*: the shared characters are at least
  half of the longer of the two. Gold and predictions are matched one to one, best overlap first.
- *speaker* and *cue*: on matched quotes, the predicted surface span (Speaker.start/end,
  Quote.cue_span) against the gold span: *overlap* when they share a character (or both are
  absent), *exact* when they have the same letters and digits.
- *speech filter*: PolNeAR annotates every attribution (beliefs, polls, documents). Only gold
  whose cue is a speech verb of `cues.SPEECH_VERBS` (any inflection) or "according to" is
  scored. A prediction matching a filtered-out gold quote is ignored (neither right nor
  wrong); any other unmatched prediction is a false positive.
- *types*: recall of a type counts gold quotes of that type, precision counts predictions of
  that (predicted) type; "all" pools every type.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..records import Document, Quote
from .cues import is_speech_cue

TYPES = ("direct", "mixed", "indirect", "all")


def load_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold documents of a PolNeAR-format JSONL file (first `limit` only if given)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Positions of letters and digits inside the spans."""
    return frozenset(i for s, e in spans for i in range(s, e) if text[i].isalnum())


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


class _Unit:
    """One quote (gold or predicted) reduced to what is compared."""

    def __init__(self, text: str, type_: str, content, speaker, cue) -> None:
        self.type = type_
        self.content = _chars(text, content)
        self.speaker = _chars(text, speaker) if speaker else frozenset()
        self.cue = _chars(text, cue) if cue else frozenset()


def _gold_units(doc: dict[str, Any], speech_only: bool = True) -> tuple[list[_Unit], list[_Unit]]:
    """(scored attributions, filtered-out attributions) of a gold document."""
    speech, other = [], []
    for q in doc["quotes"]:
        u = _Unit(doc["text"], q["type"], q["content_spans"], q.get("speaker_spans") or [],
                  q.get("cue_spans") or [])
        (speech if not speech_only or is_speech_cue(q.get("cue")) else other).append(u)
    return speech, other


def _pred_unit(text: str, q: Quote) -> _Unit:
    speaker = [(q.speaker.start, q.speaker.end)] if q.speaker and q.speaker.start is not None else []
    return _Unit(text, q.type, q.spans or [(q.start, q.end)], speaker, [q.cue_span] if q.cue_span else [])


def _match(gold: list[_Unit], pred: list[_Unit], exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if exact:
                if g.content and g.content == p.content:
                    pairs.append((1.0, i, j))
            else:
                o = _overlap(g.content, p.content)
                if o >= 0.5:
                    pairs.append((o, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _span_ok(g: frozenset[int], p: frozenset[int], exact: bool) -> bool:
    if not g or not p:
        return not g and not p
    return g == p if exact else bool(g & p)


class _Counts:
    def __init__(self) -> None:
        self.c: dict[str, dict[str, int]] = {t: {} for t in TYPES}

    def add(self, type_: str, key: str, n: int = 1) -> None:
        for t in (type_, "all"):
            self.c[t][key] = self.c[t].get(key, 0) + n


def score(pairs: Iterable[tuple[dict[str, Any], Document]], speech_only: bool = True) -> dict[str, Any]:
    """Scores for (gold document, predicted Document) pairs; see the module docstring.
    `speech_only=False` scores against every gold attribution (beliefs and polls included)."""
    counts = _Counts()
    n_docs = 0
    for gold_doc, document in pairs:
        n_docs += 1
        text = gold_doc["text"]
        if document.text != text:
            raise ValueError(f"prediction for {gold_doc.get('id')} has another text than its gold")
        gold, other = _gold_units(gold_doc, speech_only)
        pred = [_pred_unit(text, q) for q in document.quotes]
        for mode in ("exact", "overlap"):
            matched = _match(gold, pred, exact=mode == "exact")
            got_p = {j for _, j in matched}
            ignored = {j for j, p in enumerate(pred) if j not in got_p
                       and any(_overlap(o.content, p.content) >= 0.5 for o in other)}
            for g in gold:
                counts.add(g.type, f"{mode}.gold")
            for j, p in enumerate(pred):
                if j not in ignored:
                    counts.add(p.type, f"{mode}.pred")
            for i, j in matched:
                g, p = gold[i], pred[j]
                counts.add(g.type, f"{mode}.tp_gold")
                counts.add(p.type, f"{mode}.tp_pred")
                if mode == "overlap":
                    for part in ("speaker", "cue"):
                        for how in ("overlap", "exact"):
                            if _span_ok(getattr(g, part), getattr(p, part), how == "exact"):
                                counts.add(g.type, f"{part}.{how}.ok")
                                counts.add(p.type, f"{part}.{how}.ok_pred")
            counts.c["all"][f"{mode}.ignored"] = counts.c["all"].get(f"{mode}.ignored", 0) + len(ignored)
    what = "speech cues (cues.SPEECH_VERBS, 'according to')" if speech_only else "none (every attribution)"
    return {"documents": n_docs, "filter": what,
            "types": {t: _figures(counts.c[t]) for t in TYPES}}


def _prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> dict[str, float]:
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _figures(c: dict[str, int]) -> dict[str, Any]:
    g = lambda k: c.get(k, 0)  # noqa: E731
    out: dict[str, Any] = {"gold": g("overlap.gold"), "pred": g("overlap.pred"), "ignored": g("overlap.ignored")}
    for mode in ("exact", "overlap"):
        out[f"content_{mode}"] = _prf(g(f"{mode}.tp_pred"), g(f"{mode}.pred"), g(f"{mode}.tp_gold"), g(f"{mode}.gold"))
    matched = g("overlap.tp_gold")
    for part in ("speaker", "cue"):
        for how in ("overlap", "exact"):
            ok, ok_pred = g(f"{part}.{how}.ok"), g(f"{part}.{how}.ok_pred")
            fig = _prf(ok_pred, g("overlap.pred"), ok, g("overlap.gold"))
            fig["accuracy"] = round(ok / matched, 4) if matched else 0.0
            out[f"{part}_{how}"] = fig
    return out


def predict(gold: list[dict[str, Any]], pipeline=None) -> Iterator[tuple[dict[str, Any], Document]]:
    """Run the pipeline over the gold texts (in spaCy batches)."""
    from ..pipeline import default_pipeline
    from ..records import RawDoc

    pipeline = pipeline or default_pipeline()
    raws = (RawDoc(text=d["text"], id=str(d.get("id"))) for d in gold)
    for gold_doc, result in zip(gold, pipeline.pipe(raws, raise_errors=True)):
        yield gold_doc, result


def evaluate(gold: str | Path, limit: int | None = None, pipeline=None, speech_only: bool = True) -> dict[str, Any]:
    """Scores of the pipeline's quotes against a PolNeAR-format gold file."""
    docs = load_gold(gold, limit)
    result = score(predict(docs, pipeline), speech_only)
    result["gold_file"] = str(gold)
    return result


def format_table(result: dict[str, Any]) -> str:
    """The scores as a plain-text table (one row per type)."""
    head = (f"{'type':<9}{'gold':>6}{'pred':>6}  {'exact P/R/F1':<19}{'overlap P/R/F1':<19}"
            f"{'speaker acc ov/ex':<19}{'cue acc ov/ex':<15}")
    lines = [f"{result['documents']} documents; gold filtered to {result['filter']}", head]
    for t in TYPES:
        f = result["types"][t]
        prf = lambda x: f"{x['p']:.3f}/{x['r']:.3f}/{x['f1']:.3f}"  # noqa: E731
        lines.append(f"{t:<9}{f['gold']:>6}{f['pred']:>6}  {prf(f['content_exact']):<19}{prf(f['content_overlap']):<19}"
                     f"{f['speaker_overlap']['accuracy']:.3f}/{f['speaker_exact']['accuracy']:.3f}      "
                     f"{f['cue_overlap']['accuracy']:.3f}/{f['cue_exact']['accuracy']:.3f}")
    lines.append(f"predictions ignored (they match non-speech gold): {result['types']['all']['ignored']}")
    return "\n".join(lines)
