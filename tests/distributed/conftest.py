"""Fixtures for the Dask engine: one small LocalCluster for the session, a corpus, row comparisons."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsgraph import load_options
from newsgraph.store.schema import TABLES

# Short wire-style paragraphs written for these tests: speakers, quotes, countries, places, dates.
LEADS = [
    '"We will not negotiate under fire," Foreign Minister Dmytro Kuleba told reporters in Kyiv on Tuesday.',
    "The Kremlin said Russian troops had withdrawn from positions near Kherson, a claim Ukraine denied.",
    "Iranian officials met European Union envoys in Vienna to discuss the nuclear programme, diplomats said.",
    "Houthi rebels fired two missiles at a Saudi oil terminal near Jeddah, the coalition said in a statement.",
    'According to a senior US official, Washington is sending "significant" air defence aid to Israel.',
    "Turkish President Recep Tayyip Erdogan warned that Ankara would act against Kurdish militants in Syria.",
]
TAILS = [
    "Talks are expected to resume in Geneva next week.",
    "The United Nations called for an immediate ceasefire.",
    "Sergei Lavrov said Moscow was ready for dialogue but would defend its interests.",
]


def article(i: int, marker: str = "") -> str:
    return f"{LEADS[i % len(LEADS)]} {TAILS[i % len(TAILS)]} Round {i} of the talks ended without a deal.{marker}"


@pytest.fixture
def corpus(tmp_path):
    """write(n, markers={i: text}) -> a directory with a JSONL file (n docs and one bad line) and a CSV."""

    def write(n: int = 24, markers: dict[int, str] | None = None) -> Path:
        markers = markers or {}
        root = tmp_path / "corpus"
        root.mkdir(exist_ok=True)
        with (root / "wire.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(n):
                date = None if i % 7 == 6 else f"2024-03-{1 + i % 3:02d}"
                fh.write(json.dumps({"id": f"w{i}", "text": article(i, markers.get(i, "")), "date": date}) + "\n")
            fh.write('{"id": "broken", "text": "unterminated\n')
        (root / "extra.csv").write_text('id,text,date\nc1,"Kyiv said the talks had failed, officials said.",2024-03-02\n'
                                        "c2,,2024-03-02\n", encoding="utf-8")
        return root

    return write


@pytest.fixture(scope="session")
def client():
    """2 worker processes with 1 thread each; a task is failed after its 2nd killed worker, not its 4th."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.CRITICAL)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def small_options(**sections):
    """Tiny tasks and segments, so a few dozen documents make many of each."""
    return load_options(distributed={"chunk_size": 4, "flush_every": 8, **sections.pop("distributed", {})},
                        **sections)


def normalise(table: str, rows: list[dict]) -> list[tuple]:
    """Rows comparable across the store and the dataset: no write timestamps, JSON parsed, sorted."""
    skip = {"ingested_at", "at"}
    out = []
    for row in rows:
        values = []
        for col, _ in TABLES[table]:
            if col in skip:
                continue
            v = row[col]
            values.append(json.loads(v) if col == "record" and v is not None else v)
        out.append(tuple(values))
    return sorted(out, key=repr)


def all_rows(store) -> dict[str, list[tuple]]:
    return {t: normalise(t, store.rows(f"SELECT * FROM {t}")) for t in TABLES}


@pytest.fixture
def options_for():
    return small_options


@pytest.fixture
def rows_of():
    """rows_of(store) -> every table's rows, normalised for comparison."""
    return all_rows


@pytest.fixture
def single_process(tmp_path, rows_of):
    """single_process(paths, options) -> the rows `batch.ingest` (one process, DuckDB) stores for them."""
    from newsgraph.batch import ingest
    from newsgraph.store import Store

    def run(paths, options):
        db = tmp_path / "single.duckdb"
        db.unlink(missing_ok=True)
        ingest(paths, db, options, jobs=1)
        with Store(db, read_only=True) as store:
            return rows_of(store)

    return run
