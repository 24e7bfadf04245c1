"""`newsgraph load` merges a dataset into a store once; the CLI drives a cluster and reads the dataset."""

import json

import pytest
from typer.testing import CliRunner

from newsgraph.batch import ingest as ingest_store
from newsgraph.cli.main import app
from newsgraph.distributed import ingest, load
from newsgraph.store import Store
from newsgraph.store.schema import TABLES

runner = CliRunner()


def test_load_gives_the_single_process_store_and_is_idempotent(client, corpus, options_for, rows_of,
                                                               single_process, tmp_path):
    root, out, db = corpus(16), tmp_path / "out", tmp_path / "merged.duckdb"
    ingest([root], out, options_for(), client=client)
    added = load(out, db)
    assert added["documents"] == 17 and added["errors"] == 2 and added["actors"] > 0
    with Store(db, read_only=True) as store:
        got = rows_of(store)
    want = single_process([root], options_for())
    for table in TABLES:
        assert got[table] == want[table], table
    assert set(load(out, db).values()) == {0}


def test_load_into_a_store_that_has_some_documents(client, corpus, options_for, tmp_path):
    root, out, db = corpus(10), tmp_path / "out", tmp_path / "s.duckdb"
    lines = (root / "wire.jsonl").read_text().splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:4]) + '\n{"id": "w7", "text": "Another text that took the id w7."}\n')
    ingest_store([first], db, options_for(), jobs=1)
    ingest([root], out, options_for(), client=client)
    added = load(out, db)
    assert added["documents"] == 11 - 4
    with Store(db, read_only=True) as store:
        ids = [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY id")]
        renamed = store.rows("SELECT hash, record FROM documents WHERE id LIKE 'w7~%'")
        orphans = store.rows("SELECT count(*) AS n FROM actors a LEFT JOIN documents d "
                             "ON a.doc = d.hash AND a.doc_id = d.id WHERE d.hash IS NULL")
    assert len(ids) == len(set(ids)) == 12
    [row] = renamed  # the dataset's w7 met the store's other w7: renamed as Store.write renames
    assert json.loads(row["record"])["id"] == f"w7~{row['hash'][:8]}"
    assert orphans[0]["n"] == 0  # child rows follow the renamed id


def test_cli_joins_a_scheduler_and_reads_the_dataset(client, corpus, tmp_path):
    root, out, db = corpus(6), tmp_path / "out", tmp_path / "s.duckdb"
    address = client.scheduler.address
    result = runner.invoke(app, ["ingest", str(root), "--engine", "dask", "--scheduler", address,
                                 "--out", str(out), "-q"])
    assert result.exit_code == 1, result.output  # 1: some documents were refused
    assert "7 written" in result.stderr and "2 errors" in result.stderr
    quotes = runner.invoke(app, ["quotes", "--db", str(out), "--format", "json"])
    assert quotes.exit_code == 0 and json.loads(quotes.stdout)
    errors = runner.invoke(app, ["errors", "--db", str(out), "--format", "json"])
    assert sorted(e["code"] for e in json.loads(errors.stdout)) == ["E001", "E006"]
    merged = runner.invoke(app, ["load", "--db", str(db), str(out)])
    assert merged.exit_code == 0 and "7 documents" in merged.stderr


@pytest.mark.parametrize("args", [["--engine", "dask"], ["--engine", "spark", "--out", "x"]])
def test_cli_refuses_an_incomplete_dask_command(tmp_path, args):
    (tmp_path / "a.txt").write_text("Kyiv said the talks had failed.")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), *args])
    assert result.exit_code == 2 and "--engine dask with --out" in result.stderr
