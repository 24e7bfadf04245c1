"""Scores on shared gold data (skipped without ../shared): the targets of issue 3, and our
office dates checked against an independent dictionary (Phoenix, read only, never copied)."""

from __future__ import annotations

import datetime as dt
import json

from conftest import shared_file

from newsgraph.actors.evaluate import evaluate, format_report
from newsgraph.actors.kb import key, load_kb


def test_gsr_dev_meets_the_targets():
    result = evaluate(shared_file("plover", "plover_gsr_dev.jsonl"))
    print(format_report(result))
    assert result["actors"] > 300 and result["skipped"] < 20
    assert result["country_accuracy"] >= 0.95
    assert result["country_sector_accuracy"] >= 0.85


def test_ngec_cases_are_scored():
    result = evaluate(shared_file("plover", "ngec_actor_resolution_cases.jsonl"))
    print(format_report(result))
    assert result["country_cases"] > 250 and result["sector_cases"] > 250
    assert result["country_accuracy"] >= 0.6 and result["sector_accuracy"] >= 0.55  # wide open-domain cases


def test_office_dates_agree_with_phoenix():
    """For every KB office holder Phoenix also lists, the country Phoenix codes them with in
    the middle of each of our offices is ours (a check on our dates and countries)."""
    kb = load_kb()
    people = {key(e.name): e for e in kb.entries.values() if e.kind == "person" and e.offices}
    agree = total = 0
    with open(shared_file("petrarch", "phoenix_actors.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            person = next((people[key(n)] for n in row["names"] if key(n) in people), None)
            if person is None:
                continue
            for office in person.offices:
                end = office.end or dt.date(2015, 1, 1)
                mid = office.start + (end - office.start) / 2
                codes = [c["code"] for c in row["codes"] if c.get("from") and c["from"] <= mid.isoformat()
                         and (c.get("to") is None or mid.isoformat() < c["to"])]
                if not codes or office.where and office.where not in kb.country_names:
                    continue
                total += 1
                ours = office.where or person.country
                agree += any(c[:3] == ours for c in codes)
    print(f"office countries agreeing with Phoenix: {agree}/{total}")
    assert total > 100
    assert agree / total >= 0.9, (agree, total)
