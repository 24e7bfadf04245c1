"""POST /api/extract returns a record without storing; POST /api/documents stores, behind a token off localhost."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.web.app import create_app

TEXT = ("Turkey's foreign minister said on Friday that Ankara was ready to host talks between Russia and Ukraine. "
        "\"We are in contact with both sides,\" he told reporters in Istanbul.")


def count(c):
    return c.get("/api/overview").json()["counts"]["documents"]


def test_extract_returns_the_record_and_stores_nothing(client):
    before = count(client)
    r = client.post("/api/extract", json={"text": TEXT, "date": "2024-03-08", "title": "Talks", "id": "talks-1"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["id"] == "talks-1" and doc["date"] == "2024-03-08" and doc["text"] == TEXT
    assert {"actors", "quotes", "events", "places", "dates", "entities", "version"} <= set(doc)
    assert any(e["text"] == "Istanbul" for e in doc["entities"])
    assert count(client) == before
    assert client.get("/api/documents/talks-1").status_code == 404


def test_extract_takes_a_file_or_form_text(client):
    r = client.post("/api/extract", files={"file": ("talks.txt", TEXT.encode())}, data={"date": "2024-03-08"})
    assert r.status_code == 200 and r.json()["text"] == TEXT and r.json()["date"] == "2024-03-08"
    html = b"<html><head><title>Talks</title></head><body><article><p>" + TEXT.encode() * 3 + b"</p></article></body></html>"
    r = client.post("/api/extract", files={"file": ("talks.html", html)})
    assert r.status_code == 200 and "host talks" in r.json()["text"]
    r = client.post("/api/extract", data={"text": TEXT})
    assert r.status_code == 200 and r.json()["text"] == TEXT
    r = client.post("/api/extract", content=TEXT.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200 and r.json()["text"] == TEXT


def test_extract_page_shows_the_text_annotated(client):
    r = client.post("/extract", data={"text": TEXT + " <script>alert(1)</script>", "title": "Talks"})
    assert r.status_code == 200 and "not stored" in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text and "<script>alert(1)" not in r.text
    assert 'class="m m-actor"' in r.text  # NER actors are marked even before later components land
    r = client.post("/extract", data={"text": ""})
    assert r.status_code == 200 and 'class="error"' in r.text


def test_store_on_localhost_needs_no_token(store_copy):
    with TestClient(create_app(store_copy)) as c:
        before = count(c)
        r = c.post("/api/documents", json={"text": TEXT, "id": "talks-2", "date": "2024-03-08"})
        assert r.status_code == 201 and r.json()["stored"] is True and r.json()["id"] == "talks-2"
        assert count(c) == before + 1
        stored = c.get("/api/documents/talks-2").json()
        assert stored["text"] == TEXT and stored["date"] == "2024-03-08"
        again = c.post("/api/documents", json={"text": TEXT, "id": "other-id"})
        assert again.status_code == 200 and again.json() == {**again.json(), "stored": False, "id": "talks-2"}
        assert count(c) == before + 1
        assert c.get("/articles/talks-2").status_code == 200


def test_store_beyond_localhost_needs_the_token(store_copy):
    with TestClient(create_app(store_copy, host="0.0.0.0")) as c:
        r = c.post("/api/documents", json={"text": TEXT})
        assert r.status_code == 403 and "token" in r.json()["error"]
    with TestClient(create_app(store_copy, host="0.0.0.0", token="s3cret")) as c:
        before = count(c)
        assert c.post("/api/documents", json={"text": TEXT}).status_code == 401
        assert c.post("/api/documents", json={"text": TEXT}, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/documents", json={"text": TEXT}, headers={"x-newsgraph-token": "s3cre"}).status_code == 401
        assert count(c) == before
        r = c.post("/api/documents", json={"text": TEXT}, headers={"authorization": "Bearer s3cret"})
        assert r.status_code == 201 and count(c) == before + 1
        assert c.get("/api/extract").json()["store_needs_token"] is True


def test_a_token_set_on_localhost_is_required_too(store_copy):
    with TestClient(create_app(store_copy, token="abc")) as c:
        assert c.post("/api/documents", json={"text": TEXT}).status_code == 401
        assert c.post("/api/documents", json={"text": TEXT}, headers={"x-newsgraph-token": "abc"}).status_code == 201


def test_cli_serve_reads_the_token_from_the_environment(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import newsgraph.web.app as web
    from newsgraph.cli.main import app

    seen = {}
    monkeypatch.setattr(web, "serve", lambda db, host, port, token: seen.update(db=db, host=host, port=port, token=token))
    db = tmp_path / "x.duckdb"
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123"], env={"NEWSGRAPH_TOKEN": "tok"})
    assert result.exit_code == 0, result.output
    assert seen == {"db": db, "host": "127.0.0.1", "port": 8123, "token": "tok"}
