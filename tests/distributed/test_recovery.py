"""Never lose, never duplicate: killed workers, a killed driver, documents that crash the pipeline."""

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from newsgraph.distributed import DatasetStore, ingest, read_manifest
from newsgraph.store.schema import TABLES

KILL_ONCE = '''
import os, signal
from pathlib import Path
from newsgraph.registry import component

MARK = Path({mark!r})

@component("kill_once")
def make(options):
    def kill(ann):
        # the first worker to meet this document dies; Dask reruns its task on a worker that lives
        if "[kill]" in ann.document.text and not MARK.exists():
            MARK.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
    return kill
'''

POISON = '''
import os, signal
from newsgraph.registry import component

@component("poison")
def make(options):
    def kill(ann):
        if "[poison]" in ann.document.text:  # kills every worker that tries it
            os.kill(os.getpid(), signal.SIGKILL)
    return kill
'''

RAISES = '''
from newsgraph.registry import component

@component("crashy")
def make(options):
    def crash(ann):
        if "[crash]" in ann.document.text:
            raise RuntimeError("crashy component met a bad document")
    return crash
'''

HANGS = '''
from newsgraph.registry import component

@component("hangs")
def make(options):
    def hang(ann):
        while "[hang]" in ann.document.text:  # never returns
            pass
    return hang
'''


def with_component(options_for, name, **distributed):
    options = options_for(distributed=distributed)
    return options.with_("pipeline", components=(*options.pipeline.components, name))


def test_killed_worker_mid_run_changes_nothing(client, corpus, options_for, rows_of, single_process, tmp_path):
    code = tmp_path / "kill_once.py"
    mark = tmp_path / "killed.pid"
    code.write_text(KILL_ONCE.format(mark=str(mark)))
    root, out = corpus(30, markers={13: " [kill]"}), tmp_path / "out"
    options = with_component(options_for, "kill_once")
    pids_before = set(client.run(os.getpid).values())
    summary = ingest([root], out, options, client=client, code=[code])
    assert int(mark.read_text()) in pids_before  # a worker really died in the middle of the run
    assert summary.stored == 31 and summary.errors == 2
    with DatasetStore(out) as dataset:
        got = rows_of(dataset)
    want = single_process([root], options)  # the mark exists now: the component does nothing here
    for table in TABLES:
        assert got[table] == want[table], table


def test_document_that_kills_every_worker_becomes_an_error(client, corpus, options_for, tmp_path):
    code = tmp_path / "poison.py"
    code.write_text(POISON)
    root, out = corpus(10, markers={4: " [poison]"}), tmp_path / "out"
    options = with_component(options_for, "poison", chunk_size=2)
    summary = ingest([root], out, options, client=client, code=[code])
    assert summary.stored == 10 and summary.recovered >= 1
    with DatasetStore(out) as dataset:
        errors = dataset.rows("SELECT origin, line, code, reason, doc_id FROM errors WHERE code = 'E019'")
        ids = {r["id"] for r in dataset.rows("SELECT id FROM documents")}
    assert [(e["line"], e["doc_id"]) for e in errors] == [(5, "w4")]
    assert "worker process died" in errors[0]["reason"] and errors[0]["origin"].endswith("wire.jsonl")
    assert ids == {f"w{i}" for i in range(10) if i != 4} | {"c1"}


def test_document_that_raises_becomes_an_error_record(client, corpus, options_for, tmp_path):
    code = tmp_path / "crashy.py"
    code.write_text(RAISES)
    root, out = corpus(12, markers={2: " [crash]", 9: " [crash]"}), tmp_path / "out"
    summary = ingest([root], out, with_component(options_for, "crashy"), client=client, code=[code])
    assert (summary.stored, summary.errors) == (11, 4)  # 2 crashes + the bad JSON line + the empty CSV row
    with DatasetStore(out) as dataset:
        crashed = dataset.rows("SELECT doc_id, reason FROM errors WHERE code = 'E013' ORDER BY doc_id")
    assert [c["doc_id"] for c in crashed] == ["w2", "w9"]
    assert all("RuntimeError: crashy component met a bad document" in c["reason"] for c in crashed)


def test_document_that_hangs_is_stopped_and_becomes_an_error(client, corpus, options_for, tmp_path):
    code = tmp_path / "hangs.py"
    code.write_text(HANGS)
    root, out = corpus(8, markers={3: " [hang]"}), tmp_path / "out"
    options = with_component(options_for, "hangs", seconds_per_document=3)
    summary = ingest([root], out, options, client=client, code=[code])
    assert summary.stored == 8 and summary.recovered >= 1
    with DatasetStore(out) as dataset:
        [hung] = dataset.rows("SELECT doc_id, reason FROM errors WHERE code = 'E023'")
        assert dataset.rows("SELECT count(*) AS n FROM documents")[0]["n"] == 8
    assert hung["doc_id"] == "w3" and "longer than 3 s" in hung["reason"]


@pytest.mark.slow
def test_killed_driver_then_rerun_gives_every_document_once(corpus, options_for, rows_of, single_process, tmp_path):
    root, out = corpus(48), tmp_path / "out"
    for path in [root / "wire.jsonl"]:  # longer articles, so the run lasts long enough to be killed
        lines = path.read_text().splitlines()
        path.write_text("\n".join(line.replace("without a deal.", "without a deal. " + "Kyiv and Moscow traded "
                                               "accusations over the shelling of the power plant. " * 6)
                                  for line in lines) + "\n")
    config = tmp_path / "small.toml"
    config.write_text("[distributed]\nchunk_size = 2\nflush_every = 4\n")
    cmd = [sys.executable, "-m", "newsgraph.cli.main", "ingest", str(root), "--engine", "dask", "--workers", "2",
           "--out", str(out), "--config", str(config), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while len(list(read_manifest(out))) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver, its scheduler and its workers
    proc.wait()
    partial = {h for e in read_manifest(out) for h in e["docs"]}
    assert 0 < len(partial) < 49, "the driver was not killed mid-run"
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr  # 1: the corpus has bad lines
    assert f"{len(partial)} already done" in rerun.stderr
    hashes = [h for e in read_manifest(out) for h in e["docs"]]
    assert len(hashes) == len(set(hashes)) == 49
    glob = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT hash) FROM read_parquet('{out}/documents/*/*.parquet')").fetchone()
    assert glob == (49, 49)  # what a plain reader sees: no leftovers of the killed run
    with DatasetStore(out) as dataset:
        got = rows_of(dataset)
    want = single_process([root], options_for())
    for table in TABLES:
        assert got[table] == want[table], table
