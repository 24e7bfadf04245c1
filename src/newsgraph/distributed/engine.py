"""The driver of `newsgraph ingest --engine dask`: stream input to a Dask cluster, write Parquet.

Design (docs/scaling.md has the reasoning and the figures):
- The driver reads the input with the ordinary streaming readers and sends chunks of RawDocs as
  tasks, with a bounded number in flight; workers need no access to the input or output disks.
  Reading costs microseconds per article, the NLP tens of milliseconds, so one reader feeds
  many workers.
- Workers return Arrow rows; the driver alone writes, so the manifest has one writer and each
  segment commits atomically (dataset.py).
- A task that fails (its worker died every time it tried, or the code raised) is split in
  halves and retried until the one document at fault is isolated; it becomes an error record
  and the run goes on. Workers killed by the OS or a user are handled by Dask itself, which
  reruns their tasks elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..batch import Summary, cores
from ..errors import NewsgraphError
from ..records import ErrorRecord, RawDoc, content_hash
from ..settings import Options, load_options
from .dataset import Dataset, error_key, error_rows
from .worker import ChunkResult, PipelinePlugin, PipelineUnavailable, TaskTimeout, iso_date, process_chunk

log = logging.getLogger(__name__)


@dataclass
class RunSummary(Summary):
    """Summary of a distributed run: `stored` counts documents written to the dataset."""

    workers: int = 0
    segments: int = 0
    recovered: int = 0
    """Tasks that failed and were split to isolate a bad document."""
    busy: float = 0.0
    """Seconds workers spent inside tasks (pipeline and rows): wall time x workers minus this is overhead."""

    def __str__(self) -> str:
        recs = ", ".join(f"{v} {k}" for k, v in self.records.items())
        rate = self.stored / self.seconds if self.seconds else 0.0
        return (f"{self.read} documents read: {self.stored} written, {self.skipped} already done, "
                f"{self.errors} errors; {recs}; {self.segments} segments; {self.workers} workers; "
                f"{self.seconds:.1f} s ({rate:.1f} documents/s)")


def ingest(paths: Iterable[str | Path], out: str | Path, options: Options | None = None, *,
           scheduler: str | None = None, workers: int | None = None, client: Any = None,
           date: str | None = None, code: Sequence[str | Path] = (), progress: bool = False,
           on_error: Callable[[ErrorRecord], Any] | None = None) -> RunSummary:
    """Process `paths` on a Dask cluster into the Parquet dataset `out`, resuming what it holds.

    The cluster is `client` (a distributed.Client), else the scheduler at `scheduler`
    (tcp://host:8786), else a LocalCluster of `workers` processes (default: one per core)
    started and stopped here. `code` names Python files that register user components; their
    source is sent to every worker.
    """
    options = options or load_options()
    sources = {str(p): Path(p).read_text(encoding="utf-8") for p in code}
    _check_components(options, sources)
    paths = list(paths)
    with ExitStack() as stack:
        dataset = stack.enter_context(Dataset.open(out))
        if client is None:
            client = stack.enter_context(_client(scheduler, workers))
        plugin = PipelinePlugin(options, sources)
        _register(client, plugin)
        return _Run(client, plugin.name, dataset, options, on_error).run(paths, date, progress)


def _check_components(options: Options, sources: dict[str, str]) -> None:
    """Unknown component names fail here, once, not as one error record per document."""
    from ..registry import get_component
    from .worker import load_code

    load_code(sources)
    for name in options.pipeline.components:
        get_component(name)


def worker_environ() -> dict[str, Any]:
    """The environment a nanny gives the worker processes it starts: Dask's, without its
    MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand memory back at every free and the
    pipeline ~12 % slower (55 -> 62 ms an article). Workers trim after each task instead
    (worker.process_chunk), which keeps RSS as flat and costs nothing measurable."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


def local_cluster(workers: int | None) -> Any:
    """A LocalCluster of one-thread worker processes (spaCy and the components hold the GIL,
    so processes scale and threads do not), started with `worker_environ()`."""
    import dask
    from distributed import LocalCluster

    # the worker's statistical profiler keeps an hour of 1-second call-tree profiles, and spaCy's
    # call trees are deep: off, as a batch job has no use for the dashboard's profile page
    with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ(),
                          "distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=cores(workers), threads_per_worker=1, processes=True,
                            dashboard_address=":0", silence_logs=logging.ERROR)


class _client:
    """A Client of an existing scheduler, or of a local cluster (`local_cluster`)."""

    def __init__(self, scheduler: str | None, workers: int | None) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.cluster = self.client = None

    def __enter__(self) -> Any:
        from distributed import Client

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = local_cluster(self.workers)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _register(client: Any, plugin: PipelinePlugin) -> None:
    """Send the pipeline plugin, unless this cluster already has one for the same options and code."""
    known = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
    if plugin.name not in known:
        client.register_plugin(plugin)


class _Run:
    def __init__(self, client: Any, plugin: str, dataset: Dataset, options: Options,
                 on_error: Callable[[ErrorRecord], Any] | None) -> None:
        self.client, self.plugin, self.dataset, self.options = client, plugin, dataset, options
        self.settings = options.distributed
        self.on_error = on_error
        self.summary = RunSummary()
        self.inflight: dict[Any, list[RawDoc]] = {}
        self.resubmitted: dict[int, int] = {}  # id(chunk) -> times its result was lost with a worker
        self.pending: set[str] = set()  # hashes sent or buffered, not yet committed
        self.buffer: dict[str, list[pa.Table]] = {}
        self.buffer_docs: list[str] = []
        self.buffer_errors: list[tuple[ErrorRecord, str | None]] = []
        self.buffer_keys: set[tuple[str, int | None, str]] = set()
        self.last_flush = time.monotonic()
        self.bar: Any = None

    # -- input ---------------------------------------------------------------------------------

    def _fresh(self, paths: list[str | Path], date: str | None) -> Iterator[RawDoc]:
        """RawDocs not yet written; reader errors go straight to the buffer."""
        from ..ingest import read_paths

        for item in read_paths(paths, self.options.ingest.max_bytes, date):
            self.summary.read += 1
            if isinstance(item, ErrorRecord):
                self._error(item, date)
                self._tick(1)
                continue
            digest = content_hash(item.text)
            if digest in self.dataset.done or digest in self.pending:
                self.summary.skipped += 1
                self._tick(0, done=True)
                continue
            self.pending.add(digest)
            yield item

    def _chunks(self, items: Iterator[RawDoc]) -> Iterator[list[RawDoc]]:
        chunk: list[RawDoc] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.settings.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    # -- the loop ------------------------------------------------------------------------------

    def run(self, paths: list[str | Path], date: str | None, progress: bool) -> RunSummary:
        from distributed import wait

        start = time.perf_counter()
        self.bar = _progress_bar(paths, progress)
        chunks = self._chunks(self._fresh(paths, date))
        exhausted = False
        try:
            while True:
                limit = max(2, self._nworkers()) * self.settings.tasks_per_worker
                while not exhausted and len(self.inflight) < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        self._submit(chunk)
                if not self.inflight:
                    break
                try:
                    done, _ = wait(list(self.inflight), timeout=self.settings.flush_seconds, return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished for a while: still flush what is buffered
                    done = set()
                for future in done:
                    self._collect(future, self.inflight.pop(future))
                if (len(self.buffer_docs) + len(self.buffer_errors) >= self.settings.flush_every
                        or time.monotonic() - self.last_flush >= self.settings.flush_seconds):
                    self._flush()
            self._flush()
        finally:
            for future in self.inflight:
                future.cancel()
            if self.bar is not None:
                self.bar.close()
        self.summary.workers = self._nworkers()
        self.summary.seconds = time.perf_counter() - start
        return self.summary

    def _nworkers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def _submit(self, chunk: list[RawDoc]) -> None:
        future = self.client.submit(process_chunk, chunk, self.plugin, pure=False)
        self.inflight[future] = chunk

    def _collect(self, future: Any, chunk: list[RawDoc]) -> None:
        if future.status == "error":
            exc = future.exception()
            if isinstance(exc, PipelineUnavailable):
                raise NewsgraphError("E013", detail=f"cannot build the pipeline on a worker: {exc}") from exc
            self._recover(chunk, exc)
            return
        if future.status == "lost" and self.resubmitted.get(id(chunk), 0) < 3:
            # it had finished on a worker that died since (another chunk's document killed it):
            # run it again rather than stop the whole run
            self.resubmitted[id(chunk)] = self.resubmitted.get(id(chunk), 0) + 1
            self._submit(chunk)
            return
        if future.status != "finished":  # cancelled: the scheduler or the connection is gone
            raise RuntimeError(f"Dask task {future.key} {future.status}; re-run the same command to resume")
        result: ChunkResult = future.result()
        future.release()
        for table, rows in result.tables.items():
            self.buffer.setdefault(table, []).append(rows)
        self.buffer_docs += result.hashes
        for key, n in result.records.items():
            self.summary.records[key] = self.summary.records.get(key, 0) + n
        for err, published in result.errors:
            self._error(err, published)
        self.summary.stored += len(result.hashes)
        self.summary.busy += result.seconds
        self._tick(len(chunk))

    def _recover(self, chunk: list[RawDoc], exc: BaseException | None) -> None:
        """A failed task: split it until the document at fault is alone, then record that document.

        A task that died with its worker is halved (each half costs a retry); one that ran out
        of time is split into single documents at once, so the slow one is found in one round.
        """
        self.summary.recovered += 1
        timeout = isinstance(exc, TaskTimeout)
        if len(chunk) > 1:
            size = 1 if timeout else len(chunk) // 2
            for i in range(0, len(chunk), size):
                self._submit(chunk[i:i + size])
            return
        [raw] = chunk
        if timeout:
            error = NewsgraphError("E023", seconds=self.settings.seconds_per_document)
        else:
            error = NewsgraphError("E019", detail=f"{type(exc).__name__}: {exc}"[:300])
        err = ErrorRecord(raw.origin or raw.id or "<text>", error.code, error.reason, line=raw.line, doc_id=raw.id)
        self.pending.discard(content_hash(raw.text))
        self._error(err, raw.date)
        self._tick(1)

    def _error(self, err: ErrorRecord, published: str | None) -> None:
        """Report every error; write each (origin, line, code) once, however often the input is re-run."""
        self.summary.errors += 1
        if self.on_error:
            self.on_error(err)
        key = error_key(err)
        if key not in self.dataset.done_errors and key not in self.buffer_keys:
            self.buffer_keys.add(key)
            self.buffer_errors.append((err, iso_date(published)))

    def _flush(self) -> None:
        self.last_flush = time.monotonic()
        if not self.buffer_docs and not self.buffer_errors:
            return
        tables = dict(self.buffer)
        if self.buffer_errors:
            tables["errors"] = [error_rows(self.buffer_errors, dt.datetime.now())]
        self.dataset.commit(tables, self.buffer_docs, [error_key(e) for e, _ in self.buffer_errors])
        self.pending.difference_update(self.buffer_docs)
        self.summary.segments += 1
        self.buffer, self.buffer_docs, self.buffer_errors, self.buffer_keys = {}, [], [], set()

    def _tick(self, n: int, done: bool = False) -> None:
        if self.bar is None:
            return
        if done and self.bar.total:  # already written: shrinks the job, not progress (keeps the rate honest)
            self.bar.total -= 1
        elif n:
            self.bar.update(n)


def _progress_bar(paths: list[str | Path], enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=count_documents(paths), unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)


def count_documents(paths: Iterable[str | Path]) -> int:
    """A quick count of the documents under `paths` (lines, rows, files) for the progress bar's ETA."""
    from ..ingest.readers import CSV_SUFFIXES, JSONL_SUFFIXES, iter_files, kind_of

    total = 0
    for path in iter_files(paths):
        if isinstance(path, ErrorRecord):
            total += 1
            continue
        kind = kind_of(path)
        opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
        try:
            if kind in JSONL_SUFFIXES:
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif kind in CSV_SUFFIXES:
                with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
                    total += max(0, sum(1 for _ in csv.reader(fh)) - 1)
            else:
                total += 1
        except (OSError, EOFError, csv.Error):
            total += 1
    return total
