"""What runs on a Dask worker: one Pipeline per worker process, and chunks of RawDocs to Arrow rows.

The pipeline travels as a WorkerPlugin (options plus the source of any user component files),
so every worker, including one that joins or is restarted mid-run, gets it without shared disks.
It is built on the worker's first task and kept for the worker's life: loading spaCy costs
seconds, a chunk of 32 articles a few seconds, so it must happen once, not per task.

Rows are made on the worker (document_rows, then Arrow): the driver only concatenates and
writes, so it stays cheap however many workers feed it.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import os
import signal
import sys
import threading
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from distributed import WorkerPlugin, get_worker

from ..records import Document, ErrorRecord, RawDoc
from ..settings import Options
from ..store.db import document_rows
from ..store.schema import TABLES
from .dataset import to_arrow

RECORDS = ("actors", "quotes", "events", "places", "dates")


class PipelineUnavailable(RuntimeError):
    """The pipeline cannot be built on a worker: a fault of the set-up, not of any document."""


class TaskTimeout(BaseException):
    """Raised inside a task that ran over its time; a BaseException so that the pipeline's
    per-document `except Exception` does not turn it into an error on whichever document runs."""


class Watchdog:
    """Stops the task thread after `seconds`; if it is stuck in C code and does not stop, kills the process.

    Python cannot kill a thread, but it can raise an exception in one at its next bytecode
    (PyThreadState_SetAsyncExc). A loop inside a C extension never gets there: after `grace`
    seconds more the worker process is killed, and Dask reruns or fails the task as for any
    worker that dies.
    """

    def __init__(self, seconds: float, grace: float = 30.0) -> None:
        self.seconds, self.grace = seconds, grace
        self.thread = threading.get_ident()
        self.lock = threading.Lock()
        self.done = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def __enter__(self) -> "Watchdog":
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.done = True
        self.timer.cancel()

    def _fire(self) -> None:
        with self.lock:
            if self.done:
                return
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), ctypes.py_object(TaskTimeout))
        time.sleep(self.grace)
        with self.lock:
            if not self.done:
                os.kill(os.getpid(), signal.SIGKILL)


def load_code(sources: dict[str, str]) -> None:
    """Run user component files (name -> source) so their @component registrations exist here."""
    for name, source in sources.items():
        digest = hashlib.sha256(source.encode()).hexdigest()[:8]  # a changed file is a new module
        module_name = f"newsgraph_user_code_{Path(name).stem}_{digest}"
        if module_name in sys.modules:
            continue
        module = types.ModuleType(module_name)
        module.__file__ = name
        sys.modules[module_name] = module
        exec(compile(source, name, "exec"), module.__dict__)


class PipelinePlugin(WorkerPlugin):
    """Holds one newsgraph Pipeline per worker process, built on first use."""

    def __init__(self, options: Options, code: dict[str, str] | None = None) -> None:
        self.options = options
        self.code = code or {}
        self.pipeline: Any = None
        digest = hashlib.sha256(repr((options, sorted(self.code.items()))).encode()).hexdigest()[:12]
        self.name = f"newsgraph-pipeline-{digest}"

    def setup(self, worker: Any) -> None:
        self.pipeline = None

    def teardown(self, worker: Any) -> None:
        self.pipeline = None

    def get(self) -> Any:
        if self.pipeline is None:
            try:
                from ..pipeline import Pipeline

                load_code(self.code)
                self.pipeline = Pipeline(self.options)
            except Exception as exc:
                raise PipelineUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return self.pipeline


@dataclass
class ChunkResult:
    """A processed chunk: Arrow rows per table (with their partition), and what the driver counts."""

    tables: dict[str, pa.Table]
    hashes: list[str]
    errors: list[tuple[ErrorRecord, str | None]] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORDS, 0))
    seconds: float = 0.0


def rows_of(results: list[tuple[RawDoc, Document | ErrorRecord]], now: dt.datetime) -> ChunkResult:
    """Documents to store rows (the same function the DuckDB store uses), errors kept aside."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES if t != "errors"}
    published: dict[str, list[str | None]] = {t: [] for t in rows}
    out = ChunkResult(tables={}, hashes=[])
    for raw, result in results:
        if isinstance(result, ErrorRecord):
            out.errors.append((result, iso_date(raw.date)))
            continue
        out.hashes.append(result.hash)
        for key in RECORDS:
            out.records[key] += len(getattr(result, key))
        for table, new in document_rows(result, now).items():
            rows[table] += new
            published[table] += [result.date] * len(new)
    out.tables = {t: to_arrow(t, rows[t], published[t]) for t in rows if rows[t]}
    return out


def iso_date(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def _malloc_trim() -> Any:
    """glibc's malloc_trim, or None elsewhere (musl, macOS)."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_trim = _malloc_trim()


def process_chunk(chunk: list[RawDoc], plugin_name: str) -> ChunkResult:
    """The Dask task: run the worker's pipeline over a chunk, in order, and make the rows.

    Local workers run without Dask's low MALLOC_TRIM_THRESHOLD_ (engine.worker_environ, 12 %
    faster), so freed memory is handed back here, once a task (no measurable cost on 1,000
    articles). The soak's growth was the worker profiler, not this (docs/scaling.md)."""
    start = time.perf_counter()
    plugin = get_worker().plugins[plugin_name]
    pipeline = plugin.get()
    with Watchdog(pipeline.options.distributed.seconds_per_document * len(chunk)):
        results = list(zip(chunk, pipeline.pipe(chunk)))
    out = rows_of(results, dt.datetime.now())
    del results
    if _trim is not None:
        _trim(0)
    out.seconds = time.perf_counter() - start
    return out
