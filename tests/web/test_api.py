"""The JSON API in process: lists, filters, sorting, paging, downloads, records and aggregations."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

HAND = "hand-belgorod"


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json() if r.headers["content-type"].startswith("application/json") else r


def all_events(client, query=""):
    return get(client, f"/api/events?format=json&{query}")


def test_overview_counts_every_table(client):
    data = get(client, "/api/overview")
    assert data["counts"]["documents"] >= 6  # five examples and the hand-made one
    assert data["counts"]["events"] >= 45 and data["counts"]["quotes"] >= 3
    assert any(s["name"] == "Sergei Lavrov" for s in data["speakers"])


def test_document_record_is_the_contract(client):
    doc = get(client, f"/api/documents/{HAND}")
    assert doc["id"] == HAND and doc["text"].startswith("Kremlin accuses")
    assert len(doc["quotes"]) == 3 and len(doc["events"]) == 5 and len(doc["places"]) == 3
    assert doc["quotes"][0]["speaker"]["code"] == "RUSGOV"
    missing = get(client, "/api/documents/no-such-id", 404)
    assert "no-such-id" in missing["error"] and missing["status"] == 404


def test_documents_full_text_date_and_actor_filters(client):
    hits = get(client, "/api/documents?q=fuel%20depot")
    assert [d["id"] for d in hits["items"]] == [HAND] and hits["total"] == 1
    assert hits["items"][0]["quotes"] == 3 and hits["items"][0]["events"] == 45
    assert "text" not in hits["items"][0] and "record" not in hits["items"][0]
    assert get(client, "/api/documents?since=2024-03-06&until=2024-03-06")["total"] == 1
    by_actor = get(client, "/api/documents?actor=IGOEU")
    assert HAND in [d["id"] for d in by_actor["items"]]


def test_documents_sort_and_pages(client):
    asc = get(client, "/api/documents?sort=title&limit=100")["items"]
    desc = get(client, "/api/documents?sort=-title&limit=100")["items"]
    titles = [d["title"] for d in asc]
    assert titles == sorted(titles) and [d["title"] for d in desc] == titles[::-1]
    first, second = (get(client, f"/api/documents?sort=title&limit=1&offset={i}") for i in (0, 1))
    assert first["items"][0]["id"] == asc[0]["id"] and second["items"][0]["id"] == asc[1]["id"]
    assert first["total"] == len(asc) and first["limit"] == 1 and second["offset"] == 1


def test_events_filter_by_type_quad_and_several_types(client):
    assault = get(client, "/api/events?type=ASSAULT&limit=1000")
    assert assault["total"] > 0 and {e["type"] for e in assault["items"]} == {"ASSAULT"}
    two = get(client, "/api/events?type=assault,aid&limit=1000")
    assert {e["type"] for e in two["items"]} == {"ASSAULT", "AID"}
    assert two["total"] == get(client, "/api/events?type=ASSAULT&type=AID")["total"]
    quad = get(client, "/api/events?quad_class=4&limit=1000")
    assert quad["total"] > 0 and {e["quad_class"] for e in quad["items"]} == {4}


def test_events_filter_by_actor_code_prefix_or_name(client):
    rus = all_events(client, "actor=RUS")
    codes = {e["source_code"] for e in rus} | {e["target_code"] for e in rus}
    assert {"RUS", "RUSGOV", "RUSMIL"} <= codes
    assert all(any((e[f"{side}_code"] or "").startswith("RUS") or "rus" in (e[f"{side}_name"] or "").lower()
                   for side in ("source", "target")) for e in rus)
    lavrov = all_events(client, f"actor=lavrov&doc={HAND}")
    assert {e["id"] for e in lavrov} == {"ev1", "ev2"}


def test_events_filter_by_country_dates_text_and_exact_sides(client):
    bel = all_events(client, "country=bel")
    assert bel and all(e["location_country"] == "BEL" for e in bel)
    days = all_events(client, "since=2024-03-02&until=2024-03-03")
    assert days and {e["event_date"] for e in days} == {"2024-03-02", "2024-03-03"}
    talks = all_events(client, f"q=host%20talks&doc={HAND}")
    assert [e["id"] for e in talks] == ["ev4"]
    edge = all_events(client, "source=UKRMIL&target=USAGOV")
    assert edge and all((e["source_code"], e["target_code"]) == ("UKRMIL", "USAGOV") for e in edge)
    involving = all_events(client, f"involving=TUR&doc={HAND}")
    assert [e["id"] for e in involving] == ["ev4"]


def test_events_sorting_whitelisted(client):
    items = get(client, "/api/events?sort=goldstein&limit=1000")["items"]
    scores = [e["goldstein"] for e in items if e["goldstein"] is not None]
    assert scores == sorted(scores)
    items = get(client, "/api/events?sort=-event_date&limit=1000")["items"]
    dates = [e["event_date"] for e in items if e["event_date"]]
    assert dates == sorted(dates, reverse=True)


def test_csv_and_json_downloads_hold_the_whole_filtered_list(client):
    total = get(client, "/api/events?type=ACCUSE")["total"]
    r = client.get("/api/events?type=ACCUSE&format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total > 0 and {row["type"] for row in rows} == {"ACCUSE"}
    r = client.get(f"/api/quotes?speaker=Lavrov&doc={HAND}&format=json")
    assert r.headers["content-disposition"].startswith("attachment") and len(r.json()) == 2


def test_quotes_by_speaker_and_speaker_page(client):
    lavrov = get(client, f"/api/quotes?speaker=lavrov&doc={HAND}")
    assert lavrov["total"] == 2 and {q["speaker_name"] for q in lavrov["items"]} == {"Sergei Lavrov"}
    assert get(client, "/api/quotes?type=direct&doc=hand-belgorod")["total"] == 2
    speaker = get(client, "/api/speaker?name=Sergei%20Lavrov&code=RUSGOV")
    assert len(speaker["quotes"]) >= 2 and HAND in [a["id"] for a in speaker["articles"]]
    assert all(q["doc_id"] in {a["id"] for a in speaker["articles"]} for q in speaker["quotes"])
    unnamed = get(client, "/api/speaker?name=(unnamed)&code=UKRMIL")
    assert "These claims are <false>," in [q["text"] for q in unnamed["quotes"]]
    speakers = get(client, "/api/speakers?doc=hand-belgorod")
    assert {(s["name"], s["code"], s["quotes"]) for s in speakers["items"]} == {
        ("Sergei Lavrov", "RUSGOV", 2), ("(unnamed)", "UKRMIL", 1)}


def test_actors_and_places(client):
    eu = get(client, f"/api/actors?actor=IGOEU&doc={HAND}")
    assert [a["name"] for a in eu["items"]] == ["European Union"]
    people = get(client, "/api/actors?kind=person&doc=hand-belgorod")
    assert [a["name"] for a in people["items"]] == ["Sergei Lavrov"] and people["items"][0]["mentions"] == 2
    places = get(client, f"/api/places?country=RUS&sort=name&doc={HAND}")
    assert [p["name"] for p in places["items"]] == ["Belgorod", "Moscow"]
    assert places["items"][0]["lat"] == pytest.approx(50.6)


def test_timeline_sums_and_means_match_the_events(client):
    events = all_events(client, f"doc={HAND}")
    data = get(client, f"/api/events/timeline?doc={HAND}")
    assert data["bucket"] == "day"
    assert sum(d["total"] for d in data["days"]) == len([e for e in events if e["event_date"]])
    day = "2024-03-05"
    on_day = [e for e in events if e["event_date"] == day]
    entry = next(d for d in data["days"] if d["day"] == day)
    assert entry["counts"] == dict(Counter(e["type"] for e in on_day))
    scores = [e["goldstein"] for e in on_day if e["goldstein"] is not None]
    assert entry["goldstein"] == pytest.approx(sum(scores) / len(scores), abs=1e-3)
    quads = get(client, "/api/events/timeline?by=quad_class&type=ASSAULT")
    assert get(client, "/api/events/timeline?bucket=month&since=2024-01-01")["days"][0]["day"] == "2024-03-01"
    assert quads["keys"] == ["4"] and quads["labels"]["4"] == "material conflict"


def test_network_edges_count_the_events_between_actors(client):
    data = get(client, "/api/network")
    ids = {n["id"] for n in data["nodes"]}
    edge = next(e for e in data["edges"] if (e["source"], e["target"]) == ("UKRMIL", "USAGOV"))
    assert edge["events"] == get(client, "/api/events?source=UKRMIL&target=USAGOV")["total"]
    assert edge["cooperation"] + edge["conflict"] == edge["events"]
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    only_aid = get(client, f"/api/network?type=AID&doc={HAND}")
    assert sum(e["events"] for e in only_aid["edges"]) == get(client, f"/api/events?type=AID&doc={HAND}")["total"]
    assert all(e["goldstein"] > 0 for e in only_aid["edges"])


def test_map_points_are_event_locations_and_places(client):
    data = get(client, f"/api/map?doc={HAND}")
    brussels = next(p for p in data["events"] if p["name"] == "Brussels")
    assert brussels["events"] == get(client, f"/api/events?location=Brussels&doc={HAND}")["total"] == 13
    assert {p["name"] for p in data["places"]} == {"Belgorod", "Moscow", "Istanbul"}
    assert get(client, f"/api/map?country=TUR&doc={HAND}")["events"][0]["name"] == "Istanbul"


def test_empty_store_answers_every_list(tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.store import Store
    from newsgraph.web.app import create_app

    path = tmp_path / "empty.duckdb"
    Store(path).close()
    with TestClient(create_app(path)) as c:
        for url in ("/api/documents", "/api/quotes", "/api/events", "/api/actors", "/api/places", "/api/speakers"):
            assert get(c, url)["items"] == []
        assert get(c, "/api/events/timeline")["days"] == []
        assert get(c, "/api/network")["nodes"] == []
        assert get(c, "/api/map") == {"events": [], "places": [], "filters": {}}
        for page in ("/", "/articles", "/events", "/network", "/map", "/quotes", "/actors", "/places"):
            assert c.get(page).status_code == 200


def test_missing_store_is_a_clear_error(tmp_path):
    from newsgraph.errors import NewsgraphError
    from newsgraph.web.app import create_app

    with pytest.raises(NewsgraphError, match="E017"):
        create_app(tmp_path / "nope.duckdb")
