"""A small store for the web tests: the example articles, one hand-annotated article with every kind of
record, and hand-made event rows over ten days, inserted directly so the timeline, network and map are
tested whatever the events component does yet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
HAND_ID = "hand-belgorod"
HAND_TEXT = (
    "Kremlin accuses Kyiv of drone attack on Belgorod\n\n"
    "MOSCOW, March 5 - Russian Foreign Minister Sergei Lavrov said on Tuesday that Ukrainian forces had attacked "
    "a fuel depot in Belgorod with drones. \"We will respond to this provocation,\" Lavrov told reporters in Moscow.\n\n"
    "Ukraine's defence ministry denied the attack and said its troops had not crossed the border. "
    "\"These claims are <false>,\" a ministry spokesman said.\n\n"
    "The European Union announced new sanctions against Russian banks on Monday, and Turkey offered to host talks "
    "between the two sides in Istanbul."
)


def span(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = HAND_TEXT.index(needle, start + 1)
    return start, start + len(needle)


def ref(name, actor_id, code):
    return {"name": name, "actor_id": actor_id, "code": code}


def hand_document():
    """An article annotated by hand, as the finished pipeline would annotate it."""
    from newsgraph.records import Actor, Document, Quote, Speaker

    lavrov, lavrov2 = span("Sergei Lavrov"), span("Lavrov", 1)
    q0 = span("Ukrainian forces had attacked a fuel depot in Belgorod with drones")
    q1 = span("We will respond to this provocation,")
    q2 = span("These claims are <false>,")
    def actor(i, name, kind, code, country, sector, mentions, kb_id, confidence):
        return Actor(id=f"a{i}", name=name, kind=kind, code=code, country=country, sector=sector, mentions=mentions,
                     kb_id=kb_id, confidence=confidence)

    def quote(q, type, cue, speaker, sentence, cue_span, confidence):
        return Quote(text=HAND_TEXT[slice(*q)], start=q[0], end=q[1], type=type, cue=cue, speaker=speaker, via=None,
                     sentence=sentence, spans=[q], cue_span=cue_span, confidence=confidence)

    actors = [
        actor(0, "Sergei Lavrov", "person", "RUSGOV", "RUS", "GOV", [lavrov, lavrov2], "lavrov", 0.95),
        actor(1, "Ukraine", "country", "UKR", "UKR", None, [span("Ukrainian"), span("Ukraine")], None, 0.9),
        actor(2, "Ukraine's defence ministry", "organization", "UKRMIL", "UKR", "MIL", [span("Ukraine's defence ministry")],
              None, 0.8),
        actor(3, "European Union", "organization", "IGOEU", None, None, [span("European Union")], "eu", 0.9),
        actor(4, "Turkey", "country", "TUR", "TUR", None, [span("Turkey")], None, 0.9),
    ]
    lavrov_ref = {"name": "Sergei Lavrov", "actor_id": "a0", "code": "RUSGOV"}
    quotes = [
        quote(q0, "indirect", "said", Speaker(**lavrov_ref, start=lavrov[0], end=lavrov[1]), 1, span("said"), 0.8),
        quote(q1, "direct", "told", Speaker(**lavrov_ref, start=lavrov2[0], end=lavrov2[1]), 1, span("told"), 0.9),
        quote(q2, "direct", "said", Speaker(name=None, actor_id=None, code="UKRMIL", start=span("a ministry spokesman")[0],
                                            end=span("a ministry spokesman")[1]), 3, span("said", 2), 0.7),
    ]
    belgorod = {"name": "Belgorod", "country": "RUS", "lat": 50.6, "lon": 36.6, "feature": "city"}
    istanbul = {"name": "Istanbul", "country": "TUR", "lat": 41.01, "lon": 28.98, "feature": "city"}

    def event(i, typ, cameo, quad, gold, source, target, trigger, modality, sentence, **extra):
        s, e = span(trigger)
        return {"id": f"ev{i}", "type": typ, "mode": extra.pop("mode", None), "cameo": cameo, "quad_class": quad,
                "goldstein": gold, "source": source, "target": target, "trigger": {"text": trigger, "start": s, "end": e},
                "sentence": sentence, "start": s, "end": e, "negated": extra.pop("negated", False), "modality": modality,
                "claimed_by": extra.pop("claimed_by", None), "location": extra.pop("location", None),
                "date": extra.pop("date", "2024-03-05"), "confidence": extra.pop("confidence", 0.7)}

    events = [
        event(0, "ASSAULT", "195", 4, -10.0, ref("Ukrainian forces", "a1", "UKRMIL"), ref("Russia", None, "RUS"),
              "attacked", "reported", 1, claimed_by=ref("Sergei Lavrov", "a0", "RUSGOV"), location=belgorod, mode="aerial"),
        event(1, "THREATEN", "138", 3, -7.0, ref("Sergei Lavrov", "a0", "RUSGOV"), ref("Ukraine", "a1", "UKR"),
              "respond", "future", 1),
        event(2, "REJECT", "023", 3, -4.0, ref("Ukraine's defence ministry", "a2", "UKRMIL"), ref("Sergei Lavrov", "a0", "RUSGOV"),
              "denied", "asserted", 2),
        event(3, "SANCTION", "163", 4, -8.0, ref("European Union", "a3", "IGOEU"), ref("Russia", None, "RUS"),
              "sanctions", "asserted", 4, date="2024-03-04"),
        event(4, "CONSULT", "046", 1, 7.0, ref("Turkey", "a4", "TUR"), ref("Ukraine", "a1", "UKR"), "host talks",
              "hypothetical", 4, location=istanbul),
    ]
    places = [{**belgorod, "start": span("Belgorod", 1)[0], "end": span("Belgorod", 1)[1], "sentence": 1,
               "geonames_id": "578072", "role": "event", "confidence": 0.9},
              {"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62, "feature": "capital",
               "start": span("Moscow")[0], "end": span("Moscow")[1], "sentence": 2, "geonames_id": "524901",
               "role": "mention", "confidence": 0.9},
              {**istanbul, "start": span("Istanbul")[0], "end": span("Istanbul")[1], "sentence": 4,
               "geonames_id": "745044", "role": "event", "confidence": 0.8}]
    dates = [{"text": "on Tuesday", "start": span("on Tuesday")[0], "end": span("on Tuesday")[1], "sentence": 1,
              "value": "2024-03-05", "start_date": "2024-03-05", "end_date": "2024-03-05", "granularity": "day",
              "confidence": 0.9},
             {"text": "on Monday", "start": span("on Monday")[0], "end": span("on Monday")[1], "sentence": 4,
              "value": "2024-03-04", "start_date": "2024-03-04", "end_date": "2024-03-04", "granularity": "day",
              "confidence": 0.9}]
    return Document(id=HAND_ID, text=HAND_TEXT, date="2024-03-06", source="newsgraph tests",
                    url="https://example.org/hand-belgorod", title="Kremlin accuses Kyiv of drone attack on Belgorod",
                    sentences=[(0, 48)], actors=actors, quotes=quotes, events=events, places=places, dates=dates,
                    version="hand-made")


EXTRA_SOURCES = [("RUSMIL", "Russian army"), ("UKRMIL", "Ukrainian army"), ("USAGOV", "US government"),
                 ("IGOEU", "European Union")]
EXTRA_TYPES = [("ASSAULT", 4, -10.0), ("AID", 2, 7.4), ("CONSULT", 1, 1.0), ("ACCUSE", 3, -2.0)]
EXTRA_PLACES = [("Kharkiv", "UKR", 49.99, 36.23), ("Kyiv", "UKR", 50.45, 30.52), ("Brussels", "BEL", 50.85, 4.35)]


def insert_events(con, doc_hash: str, n: int = 40) -> None:
    """Hand-made event rows spread over ten days of March 2024, straight into the events table."""
    rows = []
    for i in range(n):
        s_code, s_name = EXTRA_SOURCES[i % 4]
        t_code, t_name = EXTRA_SOURCES[(i + 1) % 4]
        typ, quad, gold = EXTRA_TYPES[(i // 2) % 4]
        place, country, lat, lon = EXTRA_PLACES[i % 3]
        rows.append([doc_hash, HAND_ID, f"x{i}", typ, quad, gold, s_code, s_name, t_code, t_name, "struck", place,
                     country, lat, lon, f"2024-03-{1 + i % 10:02d}", "asserted", 0.6, False])
    con.executemany(
        "INSERT INTO events (doc, doc_id, id, type, quad_class, goldstein, source_code, source_name, target_code, "
        "target_name, trigger_text, location_name, location_country, location_lat, location_lon, event_date, modality, "
        "confidence, negated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    from newsgraph.batch import ingest
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    ingest([EXAMPLES / "articles.jsonl"], path, jobs=1)
    with Store(path) as store:
        doc = hand_document()
        store.write([doc])
        insert_events(store.con, doc.hash)
    return path


@pytest.fixture(scope="session")
def client(store_path):
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(store_path)) as c:
        yield c


@pytest.fixture
def store_copy(store_path, tmp_path) -> Path:
    """A copy of the store for tests that write."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(store_path, path)
    return path
