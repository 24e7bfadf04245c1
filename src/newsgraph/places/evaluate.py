"""Score place resolution on hand-made cases: country accuracy and distance error.

A case is one short text with one target mention and its true country (and, for cities, true
coordinates), written for newsgraph (data/eval_cases.jsonl):

    {"id": "place-004", "text": "... in Tripoli, Lebanon, ...", "date": "2015-09-05",
     "mention": "Tripoli", "occurrence": 1, "country": "LBN", "lat": 34.44, "lon": 35.85,
     "role": "location", "note": "Tripoli LB by qualifier"}

`country` may be null for seas and multi-country regions; `lat`/`lon` are null for countries and
regions (a country's "point" is a convention, not a fact to score); `role` is optional. A target
the component does not find counts as wrong.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any, Iterable

from .gazetteer import haversine_km

CASES = Path(__file__).with_name("data") / "eval_cases.jsonl"


def load_cases(path: str | Path | None = None) -> list[dict[str, Any]]:
    with open(path or CASES, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _target_span(case: dict[str, Any]) -> tuple[int, int]:
    start = -1
    for _ in range(int(case.get("occurrence", 1))):
        start = case["text"].index(case["mention"], start + 1)
    return start, start + len(case["mention"])


def evaluate(cases: Iterable[dict[str, Any]], pipeline=None) -> dict[str, Any]:
    """Run `pipeline` (default: spaCy + the 'places' component only, so that the score is the
    places component's own) over each case and compare the place found at the target span."""
    if pipeline is None:
        from ..pipeline import Pipeline
        from ..settings import load_options

        pipeline = Pipeline(load_options(pipeline={"components": ["places"]}))
    cases = list(cases)
    rows = []
    for case in cases:
        doc = pipeline(case["text"], date=case.get("date"), doc_id=case.get("id"))
        start, end = _target_span(case)
        overlapping = [p for p in doc.places if p.start < end and start < p.end]
        place = max(overlapping, key=lambda p: min(p.end, end) - max(p.start, start), default=None)
        row: dict[str, Any] = {"id": case.get("id"), "mention": case["mention"], "expected": case["country"],
                               "found": place is not None and place.gazetteer_id is not None,
                               "predicted": place.country if place else None,
                               "resolved": place.resolved if place else None,
                               "confidence": place.confidence if place else 0.0, "note": case.get("note", "")}
        row["country_ok"] = row["found"] and row["predicted"] == case["country"]
        if case.get("lat") is not None:
            row["km"] = (haversine_km(case["lat"], case["lon"], place.lat, place.lon)
                         if place is not None and place.lat is not None else None)
        if case.get("role"):
            row["role_expected"], row["role"] = case["role"], place.role if place else None
        rows.append(row)
    return summarise(rows)


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    with_coords = [r for r in rows if "km" in r]
    dists = [r["km"] for r in with_coords if r["km"] is not None]
    roles = [r for r in rows if "role_expected" in r]
    right = [r["confidence"] for r in rows if r["country_ok"]]
    wrong = [r["confidence"] for r in rows if not r["country_ok"]]
    return {
        "cases": n,
        "found": round(sum(r["found"] for r in rows) / n, 4) if n else 0.0,
        "country_accuracy": round(sum(r["country_ok"] for r in rows) / n, 4) if n else 0.0,
        "distance_cases": len(with_coords),
        "median_km": round(statistics.median(dists), 1) if dists else None,
        "mean_km": round(statistics.fmean(dists), 1) if dists else None,
        "within_25km": round(sum(d <= 25 for d in dists) / len(with_coords), 4) if with_coords else None,
        "within_100km": round(sum(d <= 100 for d in dists) / len(with_coords), 4) if with_coords else None,
        "role_cases": len(roles),
        "role_accuracy": round(sum(r["role"] == r["role_expected"] for r in roles) / len(roles), 4) if roles else None,
        "mean_confidence_right": round(statistics.fmean(right), 3) if right else None,
        "mean_confidence_wrong": round(statistics.fmean(wrong), 3) if wrong else None,
        "errors": [r for r in rows if not r["country_ok"] or (r.get("km") or 0) > 100
                   or ("role_expected" in r and r["role"] != r["role_expected"])],
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [f"cases {result['cases']}   found {result['found']:.3f}   country accuracy {result['country_accuracy']:.3f}",
             f"distance ({result['distance_cases']} cases with coordinates): median {result['median_km']} km, "
             f"mean {result['mean_km']} km, within 25 km {result['within_25km']}, within 100 km {result['within_100km']}",
             f"role accuracy ({result['role_cases']} cases): {result['role_accuracy']}",
             f"mean confidence: right {result['mean_confidence_right']}, wrong {result['mean_confidence_wrong']}"]
    for r in result["errors"]:
        lines.append(f"  {r['id']}: {r['mention']!r} expected {r['expected']} got {r['predicted']} "
                     f"({r['resolved']}, {r.get('km') and round(r['km'])} km, role {r.get('role')}) {r['note']}")
    return "\n".join(lines)
