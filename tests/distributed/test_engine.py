"""The Dask engine gives the single-process output, in a dataset DuckDB and pandas read directly."""

import duckdb
import pytest

from newsgraph.distributed import DatasetStore, committed_files, ingest, read_manifest
from newsgraph.store.schema import TABLES


def test_dask_output_equals_single_process_output(client, corpus, options_for, rows_of, single_process, tmp_path):
    root, out = corpus(30), tmp_path / "out"
    options = options_for()
    errors = []
    summary = ingest([root], out, options, client=client, on_error=errors.append)
    assert (summary.read, summary.stored, summary.errors) == (33, 31, 2)
    assert sorted(e.code for e in errors) == ["E001", "E006"]
    assert summary.segments >= 2  # flush_every = 8: several segments, each its own files and manifest line
    with DatasetStore(out) as dataset:
        got = rows_of(dataset)
    want = single_process([root], options)
    for table in TABLES:
        assert got[table] == want[table], table
    assert len(got["documents"]) == 31 and got["quotes"] and got["actors"]


def test_dataset_is_partitioned_by_date_and_read_directly(client, corpus, options_for, tmp_path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "out"
    ingest([corpus(14)], out, options_for(), client=client)
    days = sorted(p.name for p in (out / "documents").iterdir())
    assert days == ["published=2024-03-01", "published=2024-03-02", "published=2024-03-03", "published=undated"]
    # DuckDB: a glob, with the Hive key as an extra column; the file columns are the store's
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_parquet('{out}/documents/*/*.parquet')")
    assert rel.columns == [c for c, _ in TABLES["documents"]] + ["published"]
    undated = con.execute(f"SELECT count(*) FROM '{out}/actors/*/*.parquet' WHERE published = 'undated'").fetchone()[0]
    assert undated > 0
    # pandas: the table's directory
    frame = pandas.read_parquet(out / "quotes")
    assert set(c for c, _ in TABLES["quotes"]) < set(frame.columns)
    assert len(frame) == con.execute(f"SELECT count(*) FROM '{out}/quotes/*/*.parquet'").fetchone()[0] > 0
    # every file on disk is one the manifest committed
    on_disk = sorted(p for p in out.rglob("*.parquet"))
    assert on_disk == sorted(committed_files(out))


def test_rerun_writes_nothing_twice_and_adds_new_input(client, corpus, options_for, tmp_path):
    root, out = corpus(12), tmp_path / "out"
    options = options_for()
    first = ingest([root], out, options, client=client)
    files = sorted(out.rglob("*.parquet"))
    again = ingest([root], out, options, client=client)
    assert (again.stored, again.skipped, again.segments) == (0, first.stored, 0)
    assert sorted(out.rglob("*.parquet")) == files  # known errors are not written again either
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "n1", "text": "Qatar said mediators would meet in Doha on Sunday.", "date": "2024-03-09"}\n')
    third = ingest([root, more], out, options, client=client)
    assert (third.stored, third.skipped) == (1, first.stored)
    hashes = [h for e in read_manifest(out) for h in e["docs"]]
    assert len(hashes) == len(set(hashes)) == first.stored + 1


def test_same_text_twice_in_one_run_is_written_once(client, tmp_path, options_for):
    path = tmp_path / "dup.jsonl"
    text = "Egypt said the Rafah crossing would reopen on Monday for aid convoys."
    path.write_text("".join(f'{{"id": "d{i}", "text": "{text}"}}\n' for i in range(3)))
    summary = ingest([path], tmp_path / "out", options_for(), client=client)
    assert (summary.stored, summary.skipped) == (1, 2)


def test_local_workers_keep_glibc_trimming_its_own_way():
    """Dask's MALLOC_TRIM_THRESHOLD_=65536 slows the pipeline ~12 %; workers trim after each task instead."""
    import dask

    from newsgraph.distributed import worker
    from newsgraph.distributed.engine import worker_environ

    env = worker_environ()
    assert "MALLOC_TRIM_THRESHOLD_" not in env
    assert env.get("OMP_NUM_THREADS") == dask.config.get("distributed.nanny.pre-spawn-environ")["OMP_NUM_THREADS"]
    assert worker._trim is not None  # glibc here: the per-task trim is live
