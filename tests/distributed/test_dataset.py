"""The output directory's commit protocol, crash by crash, without a cluster."""

import datetime as dt
import json
import os

import pytest

from newsgraph.distributed import Dataset, committed_files, read_manifest
from newsgraph.distributed.dataset import MANIFEST, error_key, error_rows
from newsgraph.distributed.worker import rows_of
from newsgraph.errors import NewsgraphError
from newsgraph.records import Document, ErrorRecord, RawDoc


def segment(*texts, date="2024-01-05"):
    """Rows for documents without records (enough to exercise the files and the manifest)."""
    results = [(RawDoc(text=t), Document(id=f"d{i}", text=t, date=date)) for i, t in enumerate(texts)]
    chunk = rows_of(results, dt.datetime(2024, 1, 5))
    return {t: [rows] for t, rows in chunk.tables.items()}, chunk.hashes


def test_commit_then_reopen_knows_what_is_done(tmp_path):
    with Dataset.open(tmp_path) as ds:
        tables, hashes = segment("Kyiv said no.", "Minsk said yes.")
        err = ErrorRecord("a.jsonl", "E006", "malformed JSON", line=3)
        tables["errors"] = [error_rows([(err, None)], dt.datetime.now())]
        seg = ds.commit(tables, hashes, [error_key(err)])
    assert seg.files == ["documents/published=2024-01-05/part-%s.parquet" % seg.name,
                         "errors/published=undated/part-%s.parquet" % seg.name]
    with Dataset.open(tmp_path) as again:
        assert again.done == set(hashes) and again.done_errors == {("a.jsonl", 3, "E006")}
        assert again.removed == []


def test_crash_between_rename_and_manifest_leaves_nothing_after_reopen(tmp_path, monkeypatch):
    with Dataset.open(tmp_path) as ds:
        ds.commit(*segment("Ankara warned."), [])
    renames = []
    real_replace = os.replace

    def crash_on_second(src, dst):
        renames.append(dst)
        if len(renames) == 2:
            raise KeyboardInterrupt("killed mid-commit")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second)
    undated, hashes = segment("Doha hosted talks.", "Cairo objected.", date=None)
    dated, more = segment("Riyadh agreed.", date="2024-01-06")
    tables = {"documents": undated["documents"] + dated["documents"]}  # two partitions: two renames
    with pytest.raises(KeyboardInterrupt), Dataset.open(tmp_path) as ds:
        ds.commit(tables, hashes + more, [])
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(list(tmp_path.rglob("*.parquet"))) == 2 and list(tmp_path.rglob(".*.tmp"))  # orphan + temp
    with Dataset.open(tmp_path) as ds:
        assert len(ds.done) == 1  # only the first segment counts
        assert len(ds.removed) == 2
    assert sorted(tmp_path.rglob("*.parquet")) == sorted(committed_files(tmp_path))
    assert not list(tmp_path.rglob("*.tmp"))


def test_torn_manifest_line_is_cut_and_its_files_removed(tmp_path):
    with Dataset.open(tmp_path) as ds:
        first = ds.commit(*segment("Kabul fell."), [])
        second = ds.commit(*segment("Tehran denied it."), [])
    manifest = tmp_path / MANIFEST
    data = manifest.read_bytes()
    manifest.write_bytes(data[: len(data) - 40])  # the second line lost its end: a crash mid-append
    with Dataset.open(tmp_path) as ds:
        assert ds.removed == second.files and ds.files == first.files
        ds.commit(*segment("Baghdad welcomed it."), [])
    lines = [json.loads(line) for line in manifest.read_text().splitlines()]  # every line parses
    assert len(lines) == 2 == len(list(read_manifest(tmp_path)))


def test_a_second_writer_is_refused(tmp_path):
    with Dataset.open(tmp_path):
        with pytest.raises(NewsgraphError) as err:
            Dataset.open(tmp_path)
    assert err.value.code == "E020"
    Dataset.open(tmp_path).close()  # released with the first


def test_count_documents_for_the_progress_bar(tmp_path):
    import gzip

    from newsgraph.distributed import count_documents

    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{broken\n')
    (tmp_path / "b.csv").write_text('id,text\n1,"two\nlines"\n2,x\n')
    (tmp_path / "c.txt").write_text("One text file.")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt") as fh:
        fh.write('{"text": "c"}\n{"text": "d"}\n')
    assert count_documents([tmp_path, tmp_path / "missing.txt"]) == 3 + 2 + 1 + 2 + 1
