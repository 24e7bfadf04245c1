"""The output of a distributed run: a Parquet dataset partitioned by publication date, plus a manifest.

Layout of an output directory::

    OUT/<table>/published=<YYYY-MM-DD|undated>/part-<segment>.parquet
    OUT/_manifest.jsonl     one line per committed segment: its files, document hashes, error keys
    OUT/_lock               held (flock) by the one driver writing OUT

The files hold exactly the DuckDB store's columns (store.schema.TABLES, typed as the store types
them); `published` is only the directory key, so Hive-aware readers (DuckDB, pandas) add it as
an extra column and plain readers see the store's columns. It is not named `date` because
documents, quotes and events already have a `date` column. Undated documents go to
`published=undated`, not to a null partition, which pyarrow cannot read back into pandas.

Exactly once: a segment's files are written under hidden temporary names, fsynced and renamed;
only then is its manifest line appended (and fsynced). The manifest is the truth: on opening,
a torn last line is cut off, and Parquet files that no manifest line names (a crash between
rename and manifest) are deleted, so their documents are simply done again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..records import ErrorRecord
from ..store.db import _coerce
from ..store.schema import TABLES

MANIFEST = "_manifest.jsonl"
LOCK = "_lock"
PART_KEY = "published"
UNDATED = "undated"
_PUBLISHED = "__published"  # the partition value carried beside the rows until they are written

_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "JSON": pa.string()}


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one store table: same names, same types as DuckDB gives them."""
    return pa.schema([(name, _TYPES[sql.split()[0]]) for name, sql in TABLES[table]])


def to_arrow(table: str, rows: list[dict[str, Any]], published: list[str | None]) -> pa.Table:
    """Rows of one table (as store.db.document_rows gives them) with their partition values."""
    arrays = []
    for name, sql in TABLES[table]:
        base = sql.split()[0]
        values = [_coerce(r.get(name), sql) for r in rows]
        if base == "DATE":  # _coerce gives ISO strings, which Arrow casts to date32
            arrays.append(pa.array(values, type=pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, type=_TYPES[base]))
    arrays.append(pa.array([p or UNDATED for p in published], type=pa.string()))
    return pa.Table.from_arrays(arrays, schema=schema(table).append(pa.field(_PUBLISHED, pa.string())))


def error_key(err: ErrorRecord) -> tuple[str, int | None, str]:
    """An error is recorded once per (origin, line, code), as the DuckDB store does."""
    return (err.origin, err.line, err.code)


def error_rows(errors: list[tuple[ErrorRecord, str | None]], now: dt.datetime) -> pa.Table:
    rows = [{"origin": e.origin, "line": e.line, "code": e.code, "reason": e.reason, "doc_id": e.doc_id, "at": now}
            for e, _ in errors]
    return to_arrow("errors", rows, [d for _, d in errors])


@dataclass
class Segment:
    """What one flush committed."""

    name: str
    files: list[str]
    docs: list[str]
    errors: list[tuple[str, int | None, str]]


@dataclass
class Dataset:
    """An output directory being written by one driver; open() resumes where a crashed run stopped."""

    root: Path
    done: set[str] = field(default_factory=set)
    """Content hashes of documents already written."""
    done_errors: set[tuple[str, int | None, str]] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    """Committed files, relative to root."""
    removed: list[str] = field(default_factory=list)
    """Uncommitted leftovers of a crashed run, deleted on opening."""
    _lock: Any = None
    _run: str = ""
    _seq: int = 0

    @classmethod
    def open(cls, root: str | Path, lock: bool = True) -> "Dataset":
        """Read the manifest and clean up what a crash left; with `lock`, refuse a second writer."""
        ds = cls(Path(root))
        ds.root.mkdir(parents=True, exist_ok=True)
        if lock:
            ds._acquire()
        for entry in read_manifest(ds.root, repair=lock):
            ds.files += entry["files"]
            ds.done.update(entry["docs"])
            ds.done_errors.update((o, ln, c) for o, ln, c in entry["errors"])
        if lock:
            ds.removed = _remove_uncommitted(ds.root, set(ds.files))
        ds._run = f"{dt.datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        return ds

    def _acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, one writer is then the user's promise
            return
        self._lock = open(self.root / LOCK, "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            from ..errors import NewsgraphError

            raise NewsgraphError("E020", path=self.root) from None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing releases the flock
            self._lock = None

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self, tables: dict[str, list[pa.Table]], docs: list[str],
               errors: list[tuple[str, int | None, str]]) -> Segment:
        """Write one segment: data files first (atomically), then its manifest line."""
        self._seq += 1
        name = f"{self._run}-{self._seq:05d}"
        written: list[str] = []
        for table, parts in tables.items():
            parts = [p for p in parts if p.num_rows]
            if not parts:
                continue
            data = pa.concat_tables(parts)
            for value in sorted(set(data.column(_PUBLISHED).to_pylist())):
                rows = data.filter(pc.equal(data.column(_PUBLISHED), value)).drop_columns([_PUBLISHED])
                rel = f"{table}/{PART_KEY}={value}/part-{name}.parquet"
                _write_atomic(rows, self.root / rel)
                written.append(rel)
        entry = {"segment": name, "at": dt.datetime.now().isoformat(timespec="seconds"), "files": written,
                 "docs": docs, "errors": [list(k) for k in errors]}
        with open(self.root / MANIFEST, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.files += written
        self.done.update(docs)
        self.done_errors.update(errors)
        return Segment(name, written, docs, errors)


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # hidden and not *.parquet: no reader globs it
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_manifest(root: str | Path, repair: bool = False) -> Iterable[dict[str, Any]]:
    """Manifest entries in order; a torn last line (a crash mid-append) is skipped, or cut off with `repair`."""
    path = Path(root) / MANIFEST
    if not path.exists():
        return []
    data = path.read_bytes()
    whole = data[: data.rfind(b"\n") + 1]
    if repair and len(whole) < len(data):
        with open(path, "r+b") as fh:
            fh.truncate(len(whole))
    return [json.loads(line) for line in whole.decode("utf-8").splitlines() if line.strip()]


def committed_files(root: str | Path, table: str | None = None) -> list[Path]:
    """Files the manifest names (optionally of one table): what a consistent reader should read."""
    root = Path(root)
    out = [root / f for e in read_manifest(root) for f in e["files"]]
    return [p for p in out if table is None or p.relative_to(root).parts[0] == table]


def _remove_uncommitted(root: Path, committed: set[str]) -> list[str]:
    removed = []
    for table in TABLES:
        base = root / table
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and (path.name.endswith(".tmp") or path.suffix == ".parquet") and rel not in committed:
                path.unlink()
                removed.append(rel)
    return removed
