"""CAMEO tables, the lexicon file, exports and the scorer: no parsing needed."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import shared_file
from newsgraph.events import Event, Trigger, gdelt_row, plover_record
from newsgraph.events.export import GDELT_COLUMNS
from newsgraph.events.cameo import DEFAULT_CAMEO, PLOVER_TYPES, goldstein, plover_type_of, quad_class
from newsgraph.events.evaluate import detect_format, prf
from newsgraph.events.lexicon import load_lexicon
from newsgraph.records import Actor, ActorRef, Document

PLOVER_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "AID": {"military", "economic", "humanitarian", "peacekeeping", "asylum"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"}, "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
                "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"},
}


def test_goldstein_and_quad_class_follow_cameo():
    assert goldstein("072") == 8.3 and goldstein("0874") == 10.0
    assert goldstein("1384") == goldstein("138") == -7.0  # a child takes its parent's score
    assert goldstein("1823") == -10.0 and goldstein("057") == 8.0
    assert [quad_class(c) for c in ("036", "072", "0871", "111", "138", "145", "190")] == [1, 2, 2, 3, 3, 4, 4]
    assert quad_class(None) is None and goldstein("99") is None
    assert plover_type_of("0841") == "RETREAT" and plover_type_of("083") == "CONCEDE"
    assert all(goldstein(c) is not None for c in DEFAULT_CAMEO.values())


def test_every_lexicon_entry_is_a_valid_plover_coding():
    lex = load_lexicon()
    entries = [e for group in lex.entries.values() for e in group]
    assert len(entries) > 400
    for e in entries:
        if e.type is None:
            continue
        assert e.type in PLOVER_TYPES, e
        assert e.mode is None or e.mode in PLOVER_MODES.get(e.type, set()), e
        assert e.cameo and goldstein(e.cameo) is not None, e
    assert {e.type for e in entries if e.type} == set(PLOVER_TYPES)


def _doc():
    doc = Document(id="d1", text="Israeli jets struck a convoy near Gaza City.", date="2015-09-05", url="http://x/1",
                   version="newsgraph test")
    doc.actors = [Actor(id="a1", name="Israel", kind="country", code="ISR", country="ISR", mentions=[(0, 7)])]
    ev = Event(id="e1", type="ASSAULT", mode="aerial", cameo="195", quad_class=4, goldstein=-10.0,
               source=ActorRef("Israeli jets", "a1", "ISRMIL"), target=ActorRef("a convoy", None, None),
               trigger=Trigger("struck", 13, 19), sentence=0, start=0, end=26, date="2015-09-05",
               date_source="publication", location={"name": "Gaza City", "country": "PSE", "lat": 31.5, "lon": 34.47,
                                                    "feature_type": "city", "geonameid": 281133, "start": 32})
    doc.events = [ev]
    return doc, ev


def test_gdelt_row():
    doc, ev = _doc()
    row = gdelt_row(ev, doc)
    assert row["SQLDATE"] == 20150905 and row["EventCode"] == "195" and row["EventRootCode"] == "19"
    assert row["Actor1Code"] == "ISRMIL" and row["Actor1CountryCode"] == "ISR" and row["Actor1Type1Code"] == "MIL"
    assert row["Actor2Code"] is None and row["QuadClass"] == 4 and row["GoldsteinScale"] == -10.0
    assert row["IsRootEvent"] == 1 and row["ActionGeo_CountryCode"] == "PSE" and row["ActionGeo_Type"] == 4  # world city
    assert 0 < row["GLOBALEVENTID"] < 2 ** 63 and row["SOURCEURL"] == "http://x/1"
    assert list(row) == list(GDELT_COLUMNS)  # every column filled is exported, in GDELT's order


def test_plover_record():
    doc, ev = _doc()
    rec = plover_record(ev, doc)
    assert rec["event"] == ["ASSAULT"] and rec["mode"] == ["aerial"] and rec["has_event"] is True
    assert rec["actor"][0]["code"] == "ISR" and rec["actor"][0]["sector"] == "MIL"
    assert rec["date"] == "2015-09-05" and rec["event_loc"]["country_code"] == "PSE"
    ev.modality, ev.negated = "hypothetical", False
    assert plover_record(ev, doc)["aux_mode"] == ["hypothetical"] and not plover_record(ev, doc)["has_event"]


def test_prf_macro_over_types_with_support():
    tp, fp, fn = Counter(AID=2, ASSAULT=1), Counter(ASSAULT=1), Counter(AID=2)
    out = prf(tp, fp, fn, PLOVER_TYPES)
    assert out["per_type"]["AID"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667, "support": 4}
    assert out["per_type"]["ASSAULT"]["f1"] == 0.667
    assert out["macro_f1"] == pytest.approx(0.667, abs=1e-3)


def test_detect_format():
    assert detect_format([{"text": "x", "event_type": "AID", "actors": []}]) == "gsr"
    assert detect_format([{"text": "x", "event_type": "AID", "template_id": 3}]) == "ngec"
    with pytest.raises(ValueError):
        detect_format([{"text": "x"}])


def test_gsr_scorer_reads_modality_negation_claimant_and_construction():
    from newsgraph.events.evaluate import evaluate_gsr

    doc, ev = _doc()
    ev.modality, ev.claimed_by = "reported", ActorRef("Israel", "a1", "ISR")

    class Stub:
        def pipe(self, raws):
            return [doc for _ in raws]

    gold = {"text": doc.text, "event_type": "ASSAULT", "actors": [{"code": "ISR", "sector": "MIL"}],
            "recipients": [], "modality": "reported", "negated": True, "claimed_by": {"code": "ISR"},
            "construction": "reported"}
    missed = dict(gold, text="Another sentence.", event_type="AID", construction="nominal")
    out = evaluate_gsr([gold, missed], pipeline=Stub())
    assert out["modality_accuracy"] == 1.0 and out["claimant_country_accuracy"] == 1.0
    assert out["negated_accuracy"] == 0.0  # the event is not negated, the gold says it is
    assert out["recall_by_construction"] == {"nominal": {"n": 1, "recall": 0.0}, "reported": {"n": 1, "recall": 1.0}}
    assert [e.get("attribute") for e in out["errors"]] == [{"negated": False}, None]


@pytest.mark.shared
def test_gsr_dev_sample_scores(pipeline):
    from newsgraph.events.evaluate import evaluate

    result = evaluate(shared_file("plover", "plover_gsr_dev.jsonl"), limit=60, pipeline=pipeline)
    assert result["format"] == "gsr" and result["sentences"] == 60
    assert result["macro_f1"] >= 0.6, result["per_type"]
    assert result["source_country_accuracy"] is not None


def test_gdelt_geo_type_tells_us_places_from_the_world():
    from newsgraph.events.export import _geo_type

    assert [_geo_type(f, c) for f, c in [("country", "UKR"), ("admin1", "USA"), ("city", "USA"), ("city", "UKR"),
                                         ("admin2", "PHL"), ("water", None)]] == [1, 2, 3, 4, 5, None]


def test_no_lexicon_entry_is_unreachable():
    """Entries for one lemma are tried in file order: an entry after an unconditional one with the
    same particle, or after an identical one, can never fire (an edit that added it was lost)."""
    lex = load_lexicon()
    for key, group in lex.entries.items():
        for i, e in enumerate(group):
            for later in group[i + 1:]:
                same = later.particle == e.particle
                assert not (same and (not e.tests or later.tests == e.tests)), (key, e.line, later.line)
