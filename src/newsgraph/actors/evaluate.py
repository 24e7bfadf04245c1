"""Actor coding accuracy against PLOVER gold: country, and country + sector, per actor span.

Two gold formats, told apart by their fields:
- PLOVER GSR sentences (`plover_gsr*.jsonl`): every `actors`/`recipients` entry is located in
  the sentence (its offsets in `spans`, else the first occurrence of its text), the sentence
  is run through spaCy and the actors component at the gold date (2000-01-01), and the span
  is resolved with `link_mention` exactly as the quotes and events components resolve a
  phrase. Entries whose text is not in the sentence are counted as skipped.
- NGEC actor-resolution cases (`ngec_actor_resolution_cases.jsonl`): the phrase is a
  document of its own (or is located in its `context`), dated `query_date` when it is a date,
  else 2023-01-01 (the cases reflect office holders of 2022-2024); `query_wiki` cases check
  that the knowledge base names the expected entity; cases the NGEC author marked xfail are
  left out.

Codes are compared in PLOVER's terms (coding.py): CAMEO MED/HLH become JRN/MED, gold
"CVLalb" is CVL, gold IGO accepts any intergovernmental code, a gold sector of null means the
actor has no sector (a bare country), "***" means the sector is not scored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from ..annotation import Annotation
from ..records import Actor, Document, Entity
from ..settings import Options, load_options
from .coding import country_key, country_matches, gold_country, gold_sector, plover_sector
from .kb import key, load_kb
from .resolve import Resolver, link_mention

NGEC_DATE = "2023-01-01"
DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "plover" / "plover_gsr_dev.jsonl"


class Annotator:
    """spaCy plus the actors component only: what the scorer needs, at a tenth of the cost."""

    def __init__(self, options: Options | None = None) -> None:
        from ..nlp import load_spacy

        self.options = options or load_options()
        self.nlp = load_spacy(self.options.nlp.model, self.options.nlp.fast_rules)
        self.kb = load_kb(self.options.actors.kb_files)

    def annotate(self, texts: list[tuple[str, str | None]]) -> Iterable[Annotation]:
        for (text, date), doc in zip(texts, self.nlp.pipe(t for t, _ in texts)):
            document = Document(id="eval", text=text, date=date,
                                sentences=[(s.start_char, s.end_char) for s in doc.sents],
                                entities=[Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents])
            ann = Annotation(doc=doc, document=document, options=self.options)
            res = Resolver(ann, self.kb)
            ann.shared["actors"] = res
            res.run()
            yield ann


def sector_matches(actor: Actor | None, gold: str | None, alternatives: Iterable[str] = ()) -> bool:
    predicted = plover_sector(actor.sector) if actor else None
    wanted = {gold, *alternatives} - {""} if gold else set(alternatives) - {""}
    if not wanted:
        return predicted is None
    if predicted == "MED" and "HLH" in wanted:  # NGEC also writes CAMEO's HLH
        return True
    return predicted in wanted


def _gsr_items(row: dict[str, Any]) -> list[tuple[int | None, int | None, dict[str, Any]]]:
    """Gold actors of a GSR sentence with their offsets (None when not found)."""
    out = []
    used: set[tuple[int, int]] = set()
    spans = [s for s in row.get("spans") or () if ("SRC" in s["tag"] or "TAR" in s["tag"]) and s.get("start") is not None]
    for a in (row.get("actors") or []) + (row.get("recipients") or []):
        hit = next((s for s in spans if s["text"] == a["text"] and (s["start"], s["end"]) not in used), None)
        if hit is not None:
            start, end = hit["start"], hit["end"]
        else:
            start = row["text"].find(a["text"].strip())
            end = start + len(a["text"].strip()) if start >= 0 else None
            start = start if start >= 0 else None
        if start is not None:
            used.add((start, end))
        out.append((start, end, a))
    return out


def evaluate_gsr(rows: list[dict[str, Any]], annotator: Annotator) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    errors = []
    texts = [(r["text"], "2000-01-01") for r in rows]
    for row, ann in zip(rows, annotator.annotate(texts)):
        for start, end, gold in _gsr_items(row):
            if start is None:
                counts["skipped"] += 1
                continue
            actor = link_mention(ann, start, end)
            gc, gs = gold_country(gold.get("code")), gold.get("sector")
            counts["n"] += 1
            c_ok = country_matches(actor, gc)
            counts["country"] += c_ok
            if gs and gs.startswith("*"):
                counts["sector_unscored"] += 1
                continue
            counts["n_sector"] += 1
            s_ok = sector_matches(actor, gold_sector(gs))
            counts["sector"] += s_ok
            counts["country_sector"] += c_ok and s_ok
            if not (c_ok and s_ok):
                errors.append({"id": row["id"], "text": gold["text"], "gold": f"{gc or ''}/{gs or ''}",
                               "got": f"{country_key(actor) or ''}/{actor.sector if actor else ''}",
                               "actor": actor.name if actor else None})
    n, ns = counts["n"] or 1, counts["n_sector"] or 1
    return {"set": "gsr", "actors": counts["n"], "skipped": counts["skipped"],
            "country_accuracy": round(counts["country"] / n, 4),
            "sector_accuracy": round(counts["sector"] / ns, 4),
            "country_sector_accuracy": round(counts["country_sector"] / ns, 4),
            "sector_scored": counts["n_sector"], "errors": errors}


def _ngec_date(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return NGEC_DATE


def evaluate_ngec(rows: list[dict[str, Any]], annotator: Annotator) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    errors = []
    cases = [r for r in rows if not r.get("xfail") and r.get("method") in ("agent_to_code", "short_text_to_agent", "search_nat")]
    texts, spans = [], []
    for r in cases:
        text = r["input"]["text"].strip()
        context = r["input"].get("context") or ""
        if context and text in context:
            texts.append((context, _ngec_date(r["input"].get("query_date"))))
            i = context.index(text)
            spans.append((i, i + len(text)))
        else:
            texts.append((text, _ngec_date(r["input"].get("query_date"))))
            spans.append((0, len(text)))
    for r, ann, (s, e) in zip(cases, annotator.annotate(texts), spans):
        actor = link_mention(ann, s, e)
        exp = r["expected"]
        bad = []
        if "country" in exp:
            counts["n_country"] += 1
            ok = country_matches(actor, gold_country(exp["country"]) or None)
            counts["country"] += ok
            bad += [] if ok else ["country"]
        if "code_1" in exp:
            counts["n_sector"] += 1
            alts = [exp["code_2"]] if exp.get("code_2") else []
            ok = sector_matches(actor, exp["code_1"] or None, alts)
            counts["sector"] += ok
            bad += [] if ok else ["sector"]
        if bad:
            errors.append({"id": r["case_id"], "text": r["input"]["text"], "expected": exp,
                           "got": f"{country_key(actor) or ''}/{actor.sector if actor else ''}"})
    kb = load_kb(annotator.options.actors.kb_files)
    names: dict[tuple[str, ...], int] = {}
    for e in kb.entries.values():
        for form in (e.name, *e.aliases):
            names.setdefault(key(form), 1)
    wiki = [r for r in rows if r.get("method") == "query_wiki" and not r.get("xfail")]
    found = sum(1 for r in wiki if key(r["input"]["query_term"]) in names and key(r["expected"]["title"]) in names)
    return {"set": "ngec", "cases": len(cases),
            "country_accuracy": round(counts["country"] / (counts["n_country"] or 1), 4), "country_cases": counts["n_country"],
            "sector_accuracy": round(counts["sector"] / (counts["n_sector"] or 1), 4), "sector_cases": counts["n_sector"],
            "kb_names_found": round(found / (len(wiki) or 1), 4), "kb_name_cases": len(wiki), "errors": errors}


COREF_CASES = Path(__file__).with_name("data") / "coref_cases.jsonl"


def evaluate_coref(cases: str | Path = COREF_CASES, options: Options | None = None) -> dict[str, Any]:
    """In-document coreference of names, titles and descriptions, on hand-written articles.

    Each gold mention (its n-th occurrence in the text, in cluster order) is resolved with
    `link_mention`; two mentions are linked when they resolve to the same actor. Scored over
    mention pairs: a link inside a gold cluster is right, a link across clusters is wrong, a
    missing link inside a cluster is missed. Pronouns are not included (the quotes component
    resolves them)."""
    rows = [json.loads(line) for line in Path(cases).read_text(encoding="utf-8").splitlines() if line.strip()]
    annotator = Annotator(options)
    tp = fp = fn = 0
    misses = []
    for row, ann in zip(rows, annotator.annotate([(r["text"], r["date"]) for r in rows])):
        text, seen, mentions = row["text"], {}, []
        for c, cluster in enumerate(row["clusters"]):
            for m in cluster:
                start = text.index(m, seen.get(m, 0))
                seen[m] = start + 1
                mentions.append((c, m, link_mention(ann, start, start + len(m))))
        for i, (ci, mi, ai) in enumerate(mentions):
            for cj, mj, aj in mentions[i + 1:]:
                linked = ai is not None and ai is aj
                if ci == cj:
                    tp += linked
                    fn += not linked
                elif linked:
                    fp += 1
                if (ci == cj) != linked:
                    misses.append({"id": row["id"], "pair": [mi, mj], "gold_same": ci == cj})
    p, r = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    return {"set": "coref", "articles": len(rows), "pairs_right": tp, "pairs_wrong": fp, "pairs_missed": fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / ((p + r) or 1), 4),
            "errors": misses, "gold": str(cases)}


def evaluate(gold: str | Path, limit: int | None = None, options: Options | None = None) -> dict[str, Any]:
    """Score actor coding on a GSR or NGEC gold file (the format is detected per file)."""
    rows = [json.loads(line) for line in Path(gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    annotator = Annotator(options)
    if rows and "case_id" in rows[0]:
        result = evaluate_ngec(rows, annotator)
    else:
        result = evaluate_gsr(rows, annotator)
    result["gold"] = str(gold)
    return result


def format_report(result: dict[str, Any], errors: int = 0) -> str:
    lines = [f"gold: {result['gold']}"]
    if result["set"] == "coref":
        lines += [f"articles: {result['articles']}; mention pairs right {result['pairs_right']}, "
                  f"wrong {result['pairs_wrong']}, missed {result['pairs_missed']}",
                  f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"]
    elif result["set"] == "gsr":
        lines += [f"actor spans: {result['actors']} (skipped, text not in sentence: {result['skipped']})",
                  f"country accuracy:          {result['country_accuracy']:.3f}",
                  f"sector accuracy:           {result['sector_accuracy']:.3f}  (on {result['sector_scored']} spans with a scored sector)",
                  f"country + sector accuracy: {result['country_sector_accuracy']:.3f}"]
    else:
        lines += [f"cases: {result['cases']}",
                  f"country accuracy: {result['country_accuracy']:.3f} ({result['country_cases']} cases)",
                  f"sector accuracy:  {result['sector_accuracy']:.3f} ({result['sector_cases']} cases)",
                  f"KB names found:   {result['kb_names_found']:.3f} ({result['kb_name_cases']} query_wiki cases)"]
    for e in result["errors"][:errors]:
        lines.append("  miss: " + json.dumps(e, ensure_ascii=False))
    return "\n".join(lines)
