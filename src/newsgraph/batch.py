"""Many documents: read, process on all cores, store. The library behind `extract` and `ingest`.

Each worker process loads the pipeline once. Work is sent in chunks with a bounded number in
flight, so a corpus streams through in constant memory, and results come back in input order,
so a re-run after a crash sees the same sequence and resumes where the store stops.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import time
from collections import deque
from itertools import chain, islice
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Document, ErrorRecord, RawDoc, content_hash
from .settings import Options, load_options
from .store.db import Prepared, prepare

Item = RawDoc | ErrorRecord
Result = Document | ErrorRecord
Done = list[Result] | tuple[list[ErrorRecord | None], Prepared]

_worker_pipeline = None
WARM_UP = "Russia's foreign minister said in Moscow on Friday that talks with Kyiv would resume."


def _init_worker(options: Options) -> None:
    """Build the worker's pipeline and run one sentence through it, so the knowledge base and
    gazetteer are loaded too; then freeze what is loaded out of the garbage collector's sight
    (its full collections would otherwise walk ~300,000 long-lived objects again and again)."""
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(options)
    list(_worker_pipeline.pipe([RawDoc(text=WARM_UP, date="2015-09-05")]))
    gc.collect()
    gc.freeze()


def _work(chunk: list[RawDoc], rows: bool = False) -> Done:
    assert _worker_pipeline is not None
    return _finish(list(_worker_pipeline.pipe(chunk)), rows)


def _finish(results: list[Result], rows: bool) -> Done:
    """With `rows`, documents become store rows here, in the worker: the main process competes
    for the same cores, and unpickling Documents and building their rows there cost it ~8 ms a
    document (Arrow tables unpickle in ~0.2 ms)."""
    if not rows:
        return results
    return ([r if isinstance(r, ErrorRecord) else None for r in results],
            prepare([r for r in results if isinstance(r, Document)]))


def cores(jobs: int | None) -> int:
    """Worker count: `jobs`, or one per available core when 0 or None."""
    if jobs and jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process(items: Iterable[Item], options: Options | None = None, jobs: int | None = None,
            rows: bool = False) -> Iterator[Result | Prepared]:
    """Documents (or error records) for `items`, in input order, using `jobs` processes; with
    `rows`, each document comes as its store rows (a one-document `Prepared`) instead."""
    options = options or load_options()
    jobs = cores(jobs if jobs is not None else options.ingest.jobs)
    size = options.nlp.batch_size
    items = iter(items)
    first = list(islice(items, size))
    items = chain(first, items)
    if jobs == 1 or len(first) < size:  # one batch: starting workers would cost more than it saves
        from .pipeline import Pipeline

        pipeline = Pipeline(options)
        for chunk in _chunks(items, size):
            raws = [i for i in chunk if isinstance(i, RawDoc)]
            yield from _merge(chunk, _finish(list(pipeline.pipe(raws)), rows))
        return
    ctx = mp.get_context("spawn")  # fork would copy DuckDB and tqdm threads into the workers
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(options,)) as pool:
        window: deque[tuple[list[Item], Future[Done]]] = deque()
        for chunk in _chunks(items, size):
            raws = [i for i in chunk if isinstance(i, RawDoc)]
            window.append((chunk, pool.submit(_work, raws, rows)))
            if len(window) >= 3 * jobs:
                chunk, future = window.popleft()
                yield from _merge(chunk, future.result())
        while window:
            chunk, future = window.popleft()
            yield from _merge(chunk, future.result())


def _merge(chunk: list[Item], done: Done) -> Iterator[Result | Prepared]:
    if isinstance(done, tuple):
        errors, prepared = done
        docs = iter(prepared.split())
        done = [e or next(docs) for e in errors]
    results = iter(done)
    for item in chunk:
        yield item if isinstance(item, ErrorRecord) else next(results)


@dataclass
class Summary:
    """What a run did, for the closing line and for tests."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    errors: int = 0
    records: dict[str, int] = field(default_factory=lambda: {"actors": 0, "quotes": 0, "events": 0, "places": 0, "dates": 0})
    seconds: float = 0.0

    def add(self, doc: Prepared) -> None:
        for key, n in doc.records().items():
            if key in self.records:
                self.records[key] += n

    def __str__(self) -> str:
        recs = ", ".join(f"{v} {k}" for k, v in self.records.items())
        rate = self.stored / self.seconds if self.seconds else 0.0
        return (f"{self.read} documents read: {self.stored} stored, {self.skipped} already stored, "
                f"{self.errors} errors; {recs}; {self.seconds:.1f} s ({rate:.1f} documents/s)")


def ingest(paths: Iterable[str | Path], db: str | Path, options: Options | None = None, *, date: str | None = None,
           jobs: int | None = None, on_error: Callable[[ErrorRecord], Any] | None = None,
           progress: bool = False) -> Summary:
    """Read `paths`, process what the store lacks, and store it in whole-document transactions."""
    from .ingest import read_paths
    from .store import Store

    options = options or load_options()
    summary = Summary()
    start = time.perf_counter()
    with Store(db) as store:
        known = store.known_hashes()

        def fresh() -> Iterator[Item]:
            for item in read_paths(paths, options.ingest.max_bytes, date):
                summary.read += 1
                if isinstance(item, RawDoc) and content_hash(item.text) in known:
                    summary.skipped += 1
                    continue
                yield item

        bar = _progress_bar(progress)
        pending: list[Prepared] = []
        errors: list[ErrorRecord] = []

        def flush() -> None:
            stored = store.write(Prepared.concat(pending))
            summary.skipped += len(pending) - stored  # the same text twice in one run
            summary.stored += stored
            summary.errors += len(errors)
            store.write_errors(errors)
            pending.clear()
            errors.clear()

        for result in process(fresh(), options, jobs, rows=True):
            if isinstance(result, ErrorRecord):
                errors.append(result)
                if on_error:
                    on_error(result)
            else:
                pending.append(result)
                summary.add(result)
            if bar is not None:
                bar.update(1)
            if len(pending) + len(errors) >= options.ingest.commit_every:
                flush()
        flush()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
