"""Hostile and malformed requests: SQL injection, path traversal, oversized bodies, bad parameters, tokens."""

from __future__ import annotations

import pytest

from newsgraph.web.app import Limits, create_app

HAND = "hand-belgorod"


def error(r, status):
    assert r.status_code == status, (r.status_code, r.text[:300])
    body = r.json()
    assert body["status"] == status and body["error"]
    return body


def events_count(client):
    return client.get("/api/overview").json()["counts"]["events"]


@pytest.mark.parametrize("url", [
    "/api/events?q=%27%3B%20DROP%20TABLE%20events%3B%20--",
    "/api/events?actor=%25%27%20OR%20%271%27%3D%271",
    "/api/documents?q=%27)%20OR%201%3D1%20--",
    "/api/quotes?speaker=x%27%20UNION%20SELECT%20*%20FROM%20documents%20--",
    "/api/events?location=%27%20OR%20%27%27%3D%27",
    "/api/actors?actor=%27%3B%20DELETE%20FROM%20actors%3B",
    "/api/speaker?name=%27%20OR%201%3D1%20--",
])
def test_sql_injection_is_only_ever_data(client, url):
    before = events_count(client)
    r = client.get(url)
    assert r.status_code == 200
    body = r.json()
    assert body.get("items", body.get("quotes")) == []
    assert events_count(client) == before


def test_like_wildcards_match_literally(client):
    assert client.get("/api/events?q=%25").json()["total"] == 0
    assert client.get("/api/events?actor=_").json()["total"] == 0
    assert client.get("/api/documents?q=%25%25").json()["total"] == 0


def test_injection_through_the_path_finds_nothing(client):
    error(client.get("/api/documents/x%27%20OR%20%271%27%3D%271"), 404)


@pytest.mark.parametrize("sort", ["type;DROP TABLE events", "id--", "doc", "record", "(SELECT 1)", "text", "-", "1"])
def test_sort_accepts_only_listed_columns(client, sort):
    r = client.get("/api/events", params={"sort": sort})
    body = error(r, 422)
    assert body["detail"][0]["loc"][-1] == "sort"


@pytest.mark.parametrize("url,param", [
    ("/api/events?since=2024-13-01", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?since=2024-03-05&until=2024-03-01", "since"),
    ("/api/events?quad_class=7", "quad_class"),
    ("/api/events?quad_class=one", "quad_class"),
    ("/api/events?type=ASSAULT%27--", "type"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=100000", "limit"),
    ("/api/events?limit=ten", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?format=xml", "format"),
    ("/api/events?country=RUSSIA", "country"),
    ("/api/events/timeline?by=actor", "by"),
    ("/api/network?limit=0", "limit"),
    ("/api/events?q=" + "x" * 201, "q"),
    ("/api/speaker", "name"),
])
def test_malformed_parameters_get_clear_json_errors(client, url, param):
    body = error(client.get(url), 422)
    assert param in [d["loc"][-1] for d in body["detail"]], body


def test_malformed_parameters_on_a_page_get_an_html_error(client):
    r = client.get("/events?since=notadate")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html") and "since" in r.text


@pytest.mark.parametrize("path", [
    "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore%2fdb.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/vendor/%2e%2e%2f%2e%2e%2fqueries.py", "/articles/..%2f..%2fetc%2fpasswd", "/api/documents/..%2f..%2fapp.py",
    "/templates/base.html", "/app.py", "/static/app.css%00.py",
])
def test_no_route_serves_files_outside_the_assets(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "def create_app" not in r.text and "root:" not in r.text and "{% block" not in r.text


def test_assets_are_served(client):
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"


def test_oversized_bodies_are_refused(store_path):
    from fastapi.testclient import TestClient

    with TestClient(create_app(store_path, limits=Limits(max_body_bytes=10_000, max_text_chars=5_000))) as c:
        error(c.post("/api/extract", json={"text": "word " * 5_000}), 413)  # Content-Length over the limit

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(20):
                yield b"x" * 1_000

        error(c.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"}), 413)
        body = error(c.post("/api/extract", json={"text": "word " * 1_500}), 413)  # small body, text over the limit
        assert "characters" in body["error"]
        error(c.post("/api/extract", files={"file": ("big.txt", b"x" * 20_000)}), 413)


def test_bad_bodies_get_clear_errors(client):
    error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}), 400)
    error(client.post("/api/extract", json={"title": "no text"}), 422)
    error(client.post("/api/extract", json=["text"]), 422)
    error(client.post("/api/extract", content=b"<xml/>", headers={"content-type": "application/xml"}), 415)
    error(client.post("/api/extract", files={"file": ("a.exe", b"MZ\x00\x00")}), 415)
    error(client.post("/api/extract", files={"file": ("a.txt", b"\x00\x01binary")}), 422)
    error(client.post("/api/extract", json={"text": "   "}), 422)
    body = error(client.post("/api/extract", json={"text": "Troops moved.", "date": "March"}), 422)
    assert "date" in body["error"]
    error(client.post("/api/extract", content=b"caf\xe9", headers={"content-type": "text/plain"}), 422)
    error(client.get("/api/nothing-here"), 404)
    error(client.delete("/api/events"), 405)


def test_host_header_must_be_local_when_bound_locally(client):
    r = client.get("/api/overview", headers={"host": "attacker.example"})
    assert r.status_code == 400
    assert client.get("/api/overview", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_cross_origin_posts_are_refused(client):
    error(client.post("/api/extract", json={"text": "x"}, headers={"origin": "https://evil.example"}), 403)
    error(client.post("/api/documents", json={"text": "x"}, headers={"origin": "null"}), 403)


def test_pages_carry_security_headers(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


def test_slow_queries_are_interrupted(store_path):
    from newsgraph.web.queries import Database, Unavailable

    db = Database(store_path, timeout_s=0.2)
    try:
        with pytest.raises(Unavailable, match="interrupted"):
            with db.cursor() as cur:
                cur.execute("SELECT count(*) FROM range(1000000000000) a").fetchone()
        with db.cursor() as cur:  # the connection is still usable
            assert cur.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    finally:
        db.close()


def test_queries_use_a_read_only_connection(store_path):
    import duckdb

    from newsgraph.web.queries import Database

    db = Database(store_path)
    try:
        with pytest.raises(duckdb.Error, match="read-only|read only"), db.cursor() as cur:
            cur.execute("DELETE FROM events")
    finally:
        db.close()
