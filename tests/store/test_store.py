import duckdb
import pytest

from newsgraph.records import ErrorRecord
from newsgraph.store import Store
from newsgraph.store.export import export

TEXT_A = "Russian Foreign Minister Sergei Lavrov said on Friday that Moscow would not send troops."
TEXT_B = "Turkish President Recep Tayyip Erdogan met the Syrian opposition in Ankara."


@pytest.fixture
def docs(extract):
    return [extract(TEXT_A, date="2015-09-05", doc_id="a"), extract(TEXT_B, date="2015-09-06", doc_id="b")]


def test_write_is_idempotent(tmp_path, docs):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.write(docs) == 2
        assert store.write(docs) == 0
        counts = store.counts()
    assert counts["documents"] == 2
    with Store(db, read_only=True) as store:
        assert store.counts() == counts
        record = store.document("a")
    assert record["text"] == TEXT_A and record["date"] == "2015-09-05"
    assert record["version"].startswith("newsgraph ")


def test_same_id_other_text_keeps_both(tmp_path, extract):
    with Store(tmp_path / "s.duckdb") as store:
        store.write([extract(TEXT_A, doc_id="x")])
        store.write([extract(TEXT_B, doc_id="x")])
        ids = sorted(r["id"] for r in store.rows("SELECT id FROM documents"))
    assert ids[0] == "x" and ids[1].startswith("x~")


def test_rows_made_in_a_worker_store_as_documents_do(tmp_path, extract):
    """`ingest` writes rows prepared in the workers (Arrow, split per document, concatenated
    again): duplicates, renames and every row must come out as from Documents."""
    from newsgraph.records import content_hash
    from newsgraph.store.db import Prepared, prepare

    def batch():  # both named "x", which is taken: renamed; the third repeats the first text
        return [extract(TEXT_A, date="2015-09-05", doc_id="x"), extract(TEXT_B, doc_id="x"),
                extract(TEXT_A, date="2015-09-05", doc_id="y")]

    dumps = []
    for n, to_write in enumerate((batch, lambda: Prepared.concat(prepare(batch()).split()))):
        with Store(tmp_path / f"s{n}.duckdb") as store:
            store.write([extract("Iran test-fired a missile on Sunday.", doc_id="x")])
            assert store.write(to_write()) == 2 and store.write(to_write()) == 0
            renamed = f"x~{content_hash(TEXT_B)[:8]}"
            assert store.document(renamed)["id"] == renamed and store.document(renamed)["text"] == TEXT_B
            dumps.append({t: store.rows(f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL") if t == "documents"
                          else store.rows(f"SELECT * FROM {t} ORDER BY ALL") for t in ("documents", "actors", "mentions")})
    assert sorted(r["id"] for r in dumps[0]["documents"]) == sorted(["x", f"x~{content_hash(TEXT_A)[:8]}", renamed])
    assert dumps[0] == dumps[1]


def test_failed_transaction_leaves_nothing(tmp_path, docs, monkeypatch):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write(docs[:1])
        before = store.counts()
        import newsgraph.store.db as dbmod

        def broken(doc, now):
            rows = real(doc, now)
            rows["quotes"].append({"start": "not a number"})  # coerced to NULL: fine
            raise RuntimeError("killed mid-write")

        real = dbmod.document_rows
        monkeypatch.setattr(dbmod, "document_rows", broken)
        with pytest.raises(RuntimeError):
            store.write(docs[1:])
        assert store.counts() == before


def test_errors_recorded_once(tmp_path):
    errs = [ErrorRecord("a.jsonl", "E006", "malformed JSON: x", line=3), ErrorRecord("b.txt", "E001", "empty")]
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write_errors(errs) == 2
        assert store.write_errors(errs) == 0
        assert [(e["origin"], e["line"], e["code"]) for e in store.errors()] == [("a.jsonl", 3, "E006"), ("b.txt", None, "E001")]


def test_rows_carry_the_pipeline_version(tmp_path, docs):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(docs)
        versions = store.rows("SELECT DISTINCT version FROM actors UNION SELECT DISTINCT version FROM documents")
    assert versions and all(v["version"].startswith("newsgraph ") for v in versions)


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    from newsgraph import NewsgraphError

    with pytest.raises(NewsgraphError, match="E016"):
        Store(db)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_round_trips(tmp_path, docs, fmt):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write(docs)
        files = export(store, fmt, tmp_path / "out")
    if fmt == "jsonl":
        import json

        lines = files[0].read_text().splitlines()
        assert sorted(json.loads(line)["id"] for line in lines) == ["a", "b"]
    else:
        path = tmp_path / "out" / f"documents.{fmt}"
        n = duckdb.connect().execute(f"SELECT count(*) FROM '{path}'").fetchone()[0]
        assert n == 2 and path in files


TEXT_C = ("Russian troops shelled the town of Bakhmut on Friday, Ukraine's military said. Russia denied "
          "sending troops to Belarus.")


def test_event_exports_have_one_line_per_stored_event(tmp_path, extract):
    import json

    doc = extract(TEXT_C, date="2023-02-04", doc_id="c", url="https://example.org/c")
    assert doc.events, "the fixture must hold events"
    with Store(tmp_path / "s.duckdb") as store:
        store.write([doc])
        gdelt = export(store, "gdelt", tmp_path / "out")[0]
        plover = export(store, "plover", tmp_path / "out")[0]
    header, *rows = [line.split("\t") for line in gdelt.read_text().splitlines()]
    assert len(rows) == len(doc.events) and all(len(r) == len(header) for r in rows)
    first = dict(zip(header, rows[0]))
    assert first["EventCode"] == doc.events[0].cameo and first["SOURCEURL"] == "https://example.org/c"
    assert first["SQLDATE"].startswith("2023")
    records = [json.loads(line) for line in plover.read_text().splitlines()]
    assert [r["event"] for r in records] == [[e.type] for e in doc.events]
    denied = [r for r, e in zip(records, doc.events) if e.modality == "denied" or e.negated]
    assert denied and all("negation" in r["aux_mode"] and not r["has_event"] for r in denied)
    assert all(r["text"] == TEXT_C[r["text_info"]["start"]:r["text_info"]["end"]] for r in records)


def test_a_stored_record_reads_back_as_the_same_document(docs, extract):
    from newsgraph.records import Document

    for doc in docs + [extract(TEXT_C, date="2023-02-04", doc_id="c")]:
        again = Document.from_dict(doc.to_dict())
        assert again.to_dict() == doc.to_dict()
        assert [type(e) for e in again.events] == [type(e) for e in doc.events]


def test_event_filters_are_parameterised(tmp_path, docs):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(docs)
        store.con.execute("DELETE FROM events")
        rows = [("RUSMIL", "UKR", "ASSAULT", "2022-03-01"), ("USAGOV", "UKR", "AID", "2022-03-05"),
                ("RUSGOV", "USAGOV", "ACCUSE", "2022-04-01")]
        for i, (src, tgt, typ, day) in enumerate(rows):
            store.con.execute("INSERT INTO events (doc, doc_id, id, type, source_code, target_code, event_date, start) "
                              "VALUES ('h', 'd', ?, ?, ?, ?, ?, ?)", [f"e{i}", typ, src, tgt, day, i])
        assert [e["type"] for e in store.events(actor="RUS")] == ["ASSAULT", "ACCUSE"]
        assert [e["type"] for e in store.events(country="ukr", since="2022-03-02")] == ["AID"]
        assert [e["type"] for e in store.events(type="accuse", until="2022-12-31")] == ["ACCUSE"]
        assert store.events(actor="' OR 1=1 --") == []
