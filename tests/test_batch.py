import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newsgraph import load_options
from newsgraph.batch import ingest, process
from newsgraph.records import Document, ErrorRecord, RawDoc
from newsgraph.store import Store

SENTENCES = [
    "Ukrainian forces shelled positions near Donetsk on Monday, the Russian defence ministry said.",
    "The European Union imposed new sanctions on Iranian officials over drone deliveries.",
    "Turkish President Recep Tayyip Erdogan met Syrian opposition leaders in Ankara.",
    "Houthi rebels fired missiles at a Saudi oil facility, a coalition spokesman said.",
]


def corpus(tmp_path, n=24):
    path = tmp_path / "corpus.jsonl"
    with path.open("w") as fh:
        for i in range(n):
            text = f"{SENTENCES[i % 4]} Officials met for round {i} of talks in Geneva."
            fh.write(json.dumps({"id": f"d{i}", "text": text, "date": "2023-05-0%d" % (1 + i % 9)}) + "\n")
        fh.write("{not json\n")
    return path


def test_process_keeps_order_and_errors_in_place():
    items = [RawDoc(text=SENTENCES[0], id="a"), ErrorRecord("x", "E006", "bad"), RawDoc(text="", id="c"),
             RawDoc(text=SENTENCES[1], id="d")]
    out = list(process(items, jobs=1))
    assert [type(o).__name__ for o in out] == ["Document", "ErrorRecord", "ErrorRecord", "Document"]
    assert [o.id if isinstance(o, Document) else o.code for o in out] == ["a", "E006", "E001", "d"]


def test_two_workers_give_the_single_process_output(tmp_path):
    items = [RawDoc(text=f"{s} Round {i}.", id=str(i)) for i, s in enumerate(SENTENCES * 3)]
    opts = load_options(nlp={"batch_size": 2})
    one = [d.to_dict() for d in process(items, opts, jobs=1)]
    two = [d.to_dict() for d in process(items, opts, jobs=2)]
    assert one == two


def test_ingest_twice_stores_once(tmp_path):
    path, db = corpus(tmp_path), tmp_path / "s.duckdb"
    first = ingest([path], db, jobs=1)
    assert (first.read, first.stored, first.errors) == (25, 24, 1)
    again = ingest([path], db, jobs=1)
    assert (again.stored, again.skipped, again.errors) == (0, 24, 1)
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 24 and store.counts()["errors"] == 1


def test_crash_mid_run_then_resume(tmp_path, monkeypatch):
    path, db = corpus(tmp_path), tmp_path / "s.duckdb"
    opts = load_options(ingest={"commit_every": 5})
    calls = {"n": 0}
    real_write = Store.write

    def crashing_write(self, docs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("simulated kill")
        return real_write(self, docs)

    monkeypatch.setattr(Store, "write", crashing_write)
    with pytest.raises(KeyboardInterrupt):
        ingest([path], db, opts, jobs=1)
    monkeypatch.setattr(Store, "write", real_write)
    with Store(db, read_only=True) as store:
        partial = store.counts()["documents"]
    assert 0 < partial < 24
    summary = ingest([path], db, opts, jobs=1)
    assert summary.skipped == partial and summary.stored == 24 - partial
    with Store(db, read_only=True) as store:
        ids = [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY id")]
    assert sorted(ids) == sorted(f"d{i}" for i in range(24))


@pytest.mark.slow
def test_sigkill_leaves_whole_documents(tmp_path):
    path, db = corpus(tmp_path, n=60), tmp_path / "s.duckdb"
    cfg = tmp_path / "c.toml"
    cfg.write_text("[ingest]\ncommit_every = 4\n")
    cmd = [sys.executable, "-m", "newsgraph.cli.main", "ingest", str(path), "--db", str(db), "-j", "1", "-q", "--config", str(cfg)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(6)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run(cmd, check=False, stderr=subprocess.DEVNULL)
    with Store(db, read_only=True) as store:
        rows = store.rows("SELECT id, count(*) AS n FROM documents GROUP BY id")
        orphans = store.rows("SELECT count(*) AS n FROM actors WHERE doc NOT IN (SELECT hash FROM documents)")
    assert len(rows) == 60 and all(r["n"] == 1 for r in rows)
    assert orphans[0]["n"] == 0
