"""Score events against gold: PLOVER gold-standard sentences (GSR) and NGEC story labels.

GSR (`plover_gsr_dev.jsonl`: one record per gold event, several per sentence possible).
  Each sentence is run through the pipeline. Speech-act-embedded acts (`parent` set, e.g. the
  hypothetical ASSAULT under "threatened to shell") are not PLOVER-coded events and are left
  out; events split from compound actors count once (one per trigger and type). With k gold
  events in a sentence, the k top-ranked predictions are matched to gold by event type, one to
  one. Unmatched predictions are false positives of their type, unmatched gold false negatives.
  On matched events: source country accuracy (predicted source country among the gold actors'
  codes; no source counts as wrong), source sector accuracy (where gold has a sector), and the
  same for targets against the gold recipients. Where gold records carry them (newsgraph's own
  hand-written case files do), matched events are also scored for modality, negation and the
  claimant's country, and recall is broken down by the record's `construction` (plain, reported,
  quote, denied, negation, passive, nominal, compound, speech-act, multi). A secondary "all
  events" score compares the set of all predicted types in the sentence with the gold set.
NGEC (`dev.jsonl`: one weak label per synthetic story, `text` only).
  The story label is predicted by `story_type` (the trained story classifier when its model
  file is present, else the rules: the type of the first top-ranked event). Per-type P/R/F1 and
  macro-F1 over the 16 types.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..records import Document, RawDoc
from .cameo import PLOVER_TYPES
from .coding import SECTOR_CODES

# Legacy CAMEO country codes left in the GSR -> ISO 3166 alpha-3.
_LEGACY = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM", "KMP": "KHM", "ROM": "ROU", "GER": "DEU", "UK": "GBR"}


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def detect_format(records: list[dict[str, Any]]) -> str:
    first = records[0] if records else {}
    if "actors" in first and "event_type" in first:
        return "gsr"
    if "event_type" in first and "text" in first:
        return "ngec"
    raise ValueError("unknown gold format: expected PLOVER GSR records or NGEC stories")


def prf(tp: Counter, fp: Counter, fn: Counter, labels: Iterable[str]) -> dict[str, Any]:
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                    "support": tp[lab] + fn[lab]}
    present = [lab for lab in labels if per[lab]["support"] > 0]
    macro = sum(per[lab]["f1"] for lab in present) / len(present) if present else 0.0
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p = total_tp / (total_tp + total_fp) if total_tp + total_fp else 0.0
    micro_r = total_tp / (total_tp + total_fn) if total_tp + total_fn else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {"per_type": per, "macro_f1": round(macro, 3), "micro_f1": round(micro, 3),
            "micro_precision": round(micro_p, 3), "micro_recall": round(micro_r, 3)}


def _norm_country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.upper()
    return _LEGACY.get(code, code)[:3]


def _pred_country_sector(ev: Any, doc: Document, which: str) -> tuple[str | None, str | None]:
    ref = getattr(ev, which)
    if ref is None:
        return None, None
    code = ref.code
    actor = doc.actor(ref.actor_id) if ref.actor_id else None
    country = None
    sector = None
    if code and len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
        country, sector = code[:3], (code[3:6] or None)
    if country in SECTOR_CODES:  # a sector-only code ("REB": rebels of unknown country)
        country, sector = None, country
    if actor is not None:
        country = country or actor.country
        sector = sector or actor.sector
    return country, sector


def ranked(doc: Document) -> list[Any]:
    """Main events in rank order, one per (sentence, trigger, type)."""
    seen = set()
    out = []
    for ev in doc.events:
        if ev.parent is not None:
            continue
        key = (ev.sentence, ev.trigger.start, ev.type)
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out


def evaluate_gsr(records: list[dict[str, Any]], pipeline=None, limit: int | None = None) -> dict[str, Any]:
    from ..pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_text[r["text"]].append(r)
    texts = list(by_text)[:limit] if limit else list(by_text)
    docs = pipeline.pipe([RawDoc(text=t, id=f"gsr{i}", date="2000-01-01") for i, t in enumerate(texts)])
    tp, fp, fn = Counter(), Counter(), Counter()
    all_tp, all_fp, all_fn = Counter(), Counter(), Counter()
    src = Counter()
    tgt = Counter()
    attrs = Counter()
    constructions: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for text, doc in zip(texts, docs):
        gold = by_text[text]
        if not isinstance(doc, Document):
            for g in gold:
                fn[g["event_type"]] += 1
            continue
        preds = ranked(doc)
        top = preds[: len(gold)]
        unmatched = list(gold)
        for ev in top:
            g = next((g for g in unmatched if g["event_type"] == ev.type), None)
            if g is None:
                fp[ev.type] += 1
                continue
            unmatched.remove(g)
            tp[ev.type] += 1
            _score_args(ev, doc, g, src, tgt, errors)
            _score_attributes(ev, doc, g, attrs, errors)
        for g in gold:
            counts = constructions[g.get("construction") or "-"]
            counts["n"] += 1
            counts["matched"] += g not in unmatched
        for g in unmatched:
            fn[g["event_type"]] += 1
            errors.append({"id": g.get("id"), "text": text, "gold": g["event_type"],
                           "predicted": [e.type for e in top]})
        gold_types = {g["event_type"] for g in gold}
        pred_types = {e.type for e in preds}
        for t in pred_types & gold_types:
            all_tp[t] += 1
        for t in pred_types - gold_types:
            all_fp[t] += 1
        for t in gold_types - pred_types:
            all_fn[t] += 1
    out = prf(tp, fp, fn, PLOVER_TYPES)
    out["format"] = "gsr"
    out["sentences"] = len(texts)
    out["gold_events"] = sum(len(by_text[t]) for t in texts)
    out["matched"] = sum(tp.values())
    out["source_country_accuracy"] = _ratio(src["country_ok"], src["n"])
    out["source_sector_accuracy"] = _ratio(src["sector_ok"], src["sector_n"])
    out["source_found"] = _ratio(src["found"], src["n"])
    out["target_country_accuracy"] = _ratio(tgt["country_ok"], tgt["n"])
    out["target_sector_accuracy"] = _ratio(tgt["sector_ok"], tgt["sector_n"])
    for key in ("modality", "negated", "claimant_country"):
        out[f"{key}_accuracy"] = _ratio(attrs[f"{key}_ok"], attrs[f"{key}_n"])
    if set(constructions) != {"-"}:
        out["recall_by_construction"] = {c: {"n": v["n"], "recall": _ratio(v["matched"], v["n"])}
                                         for c, v in sorted(constructions.items())}
    out["all_events"] = {k: v for k, v in prf(all_tp, all_fp, all_fn, PLOVER_TYPES).items() if k != "per_type"}
    out["errors"] = errors
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _score_args(ev: Any, doc: Document, gold: dict[str, Any], src: Counter, tgt: Counter,
                errors: list[dict[str, Any]]) -> None:
    for which, key, counter in (("source", "actors", src), ("target", "recipients", tgt)):
        golds = [a for a in gold.get(key) or [] if a.get("code")]
        if not golds:
            continue
        counter["n"] += 1
        country, sector = _pred_country_sector(ev, doc, which)
        if country:
            counter["found"] += 1
        gold_countries = {_norm_country(a["code"]) for a in golds}
        if country and _norm_country(country) in gold_countries:
            counter["country_ok"] += 1
        else:
            errors.append({"id": gold.get("id"), "text": doc.text, "gold": gold["event_type"],
                           "attribute": {which: country, "expected": sorted(c for c in gold_countries if c)}})
        gold_sectors = {a["sector"][:3] for a in golds if a.get("sector") and a["sector"] != "***"}
        if gold_sectors:
            counter["sector_n"] += 1
            if sector and sector[:3] in gold_sectors:
                counter["sector_ok"] += 1


def _score_attributes(ev: Any, doc: Document, gold: dict[str, Any], attrs: Counter,
                      errors: list[dict[str, Any]]) -> None:
    """Modality, negation and claimant of a matched event, where the gold record states them."""
    wrong = {}
    if "modality" in gold:
        attrs["modality_n"] += 1
        if ev.modality == gold["modality"]:
            attrs["modality_ok"] += 1
        else:
            wrong["modality"] = ev.modality
    if "negated" in gold:
        attrs["negated_n"] += 1
        if bool(ev.negated) == bool(gold["negated"]):
            attrs["negated_ok"] += 1
        else:
            wrong["negated"] = ev.negated
    claimant = (gold.get("claimed_by") or {}).get("code")
    if claimant:
        attrs["claimant_country_n"] += 1
        country = _pred_country_sector(ev, doc, "claimed_by")[0]
        if country and _norm_country(country) == _norm_country(claimant):
            attrs["claimant_country_ok"] += 1
        else:
            wrong["claimant"] = country
    if wrong:
        errors.append({"id": gold.get("id"), "text": doc.text, "gold": gold["event_type"], "attribute": wrong})


def evaluate_ngec(records: list[dict[str, Any]], pipeline=None, limit: int | None = None,
                  method: str = "auto") -> dict[str, Any]:
    from ..pipeline import default_pipeline
    from ..nlp.encoder import load_encoder
    from .classify import load_story_model, story_type

    pipeline = pipeline or default_pipeline()
    records = records[:limit] if limit else records
    model = load_story_model() if method in ("auto", "model") else None
    if method == "model" and model is None:
        raise FileNotFoundError("story model not found: run scripts/train_events.py")
    encoder = load_encoder() if model is not None else None
    docs = pipeline.pipe([RawDoc(text=r["text"], id=r.get("id")) for r in records])
    tp, fp, fn = Counter(), Counter(), Counter()
    confusion: Counter = Counter()
    for r, doc in zip(records, docs):
        gold = r["event_type"]
        pred = story_type(doc, model, encoder)[0] if isinstance(doc, Document) else None
        confusion[(gold, pred)] += 1
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred:
                fp[pred] += 1
    out = prf(tp, fp, fn, PLOVER_TYPES)
    out["format"] = "ngec"
    out["stories"] = len(records)
    out["method"] = ("rules" if model is None else "model, three readers" if encoder is not None
                     else "model, two readers (no sentence encoder)")
    out["accuracy"] = round(sum(tp.values()) / len(records), 3) if records else 0.0
    out["confusion"] = {f"{g}->{p}": n for (g, p), n in confusion.most_common(30) if g != p}
    return out


def evaluate(gold: str | Path, limit: int | None = None, method: str = "auto", pipeline=None) -> dict[str, Any]:
    """Score events against a gold file in the PLOVER GSR or the NGEC story format."""
    records = read_jsonl(gold)
    fmt = detect_format(records)
    if fmt == "gsr":
        return evaluate_gsr(records, pipeline=pipeline, limit=limit)
    return evaluate_ngec(records, pipeline=pipeline, limit=limit, method=method)


def format_report(result: dict[str, Any]) -> str:
    """A readable table of a result of `evaluate`."""
    lines = [f"format: {result['format']}"]
    if result["format"] == "gsr":
        lines.append(f"sentences: {result['sentences']}  gold events: {result['gold_events']}  matched: {result['matched']}")
    else:
        lines.append(f"stories: {result['stories']}  method: {result['method']}  accuracy: {result['accuracy']}")
    lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for lab, m in result["per_type"].items():
        if m["support"] or m["precision"]:
            lines.append(f"{lab:<10} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {m['support']:>5}")
    lines.append(f"macro-F1: {result['macro_f1']}  micro-F1: {result['micro_f1']}")
    if result["format"] == "gsr":
        for key in ("source_country_accuracy", "source_sector_accuracy", "source_found",
                    "target_country_accuracy", "target_sector_accuracy", "modality_accuracy",
                    "negated_accuracy", "claimant_country_accuracy"):
            if result.get(key) is not None:
                lines.append(f"{key}: {result[key]}")
        for c, v in result.get("recall_by_construction", {}).items():
            lines.append(f"recall, {c}: {v['recall']} of {v['n']}")
        a = result["all_events"]
        lines.append(f"all events in sentence (set match): macro-F1 {a['macro_f1']}  micro P {a['micro_precision']} "
                     f"R {a['micro_recall']} F1 {a['micro_f1']}")
    return "\n".join(lines)
