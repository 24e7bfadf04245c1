"""Readers turn files into RawDoc records, streaming, and bad input into ErrorRecords.

A reader never raises for a bad document: it yields an ErrorRecord (file, line where it
applies, coded reason) and goes on, so one broken line never costs the rest of a batch.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import NewsgraphError
from ..records import ErrorRecord, RawDoc

FIELDS = ("id", "text", "date", "url", "source", "title")
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
Item = RawDoc | ErrorRecord

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def kind_of(path: Path) -> str:
    """The format's suffix, looking through a trailing .gz."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | ErrorRecord]:
    """Files named, and files under directories named (sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        elif p.exists():
            yield p
        else:
            yield ErrorRecord(str(p), "E017", NewsgraphError("E017", path=p).reason)


def _open_bytes(path: Path, max_bytes: int) -> bytes:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NewsgraphError("E005", size=f">{max_bytes}" if opener is gzip.open else path.stat().st_size, limit=max_bytes)
    return data


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); NUL bytes mean binary, bad bytes are reported by position."""
    if b"\x00" in data[:8192]:
        raise NewsgraphError("E002", detail="contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NewsgraphError("E003", position=err.start) from None


def _error(origin: str, err: NewsgraphError, line: int | None = None) -> ErrorRecord:
    return ErrorRecord(origin, err.code, err.reason, line=line)


def _record(obj: object, origin: str, line: int, default_date: str | None) -> Item:
    if not isinstance(obj, dict):
        return _error(origin, NewsgraphError("E006", detail="line is not a JSON object"), line)
    text = obj.get("text")
    if not isinstance(text, str):
        return _error(origin, NewsgraphError("E007"), line)
    if not text.strip():
        return _error(origin, NewsgraphError("E001"), line)
    meta = {k: (None if obj.get(k) in (None, "") else str(obj[k])) for k in FIELDS if k != "text"}
    meta["date"] = meta["date"] or default_date
    return RawDoc(text=text, origin=origin, line=line, **meta)


def read_text(path: Path, max_bytes: int, default_date: str | None) -> Iterator[Item]:
    text = decode(_open_bytes(path, max_bytes))
    yield RawDoc(text=text, id=path.name.split(".")[0], date=default_date, origin=str(path))


def read_html(path: Path, max_bytes: int, default_date: str | None) -> Iterator[Item]:
    import trafilatura

    html = decode(_open_bytes(path, max_bytes))
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    meta = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (meta.get("text") or "").strip()
    if not text:
        raise NewsgraphError("E009")
    yield RawDoc(text=text, id=path.name.split(".")[0], date=meta.get("date") or default_date,
                 url=meta.get("url"), source=meta.get("sitename") or meta.get("hostname"),
                 title=meta.get("title"), origin=str(path))


def read_jsonl(path: Path, max_bytes: int, default_date: str | None) -> Iterator[Item]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield _error(str(path), NewsgraphError("E005", size=len(raw), limit=max_bytes), n)
                continue
            try:
                obj = json.loads(decode(raw))
            except NewsgraphError as err:
                yield _error(str(path), err, n)
                continue
            except json.JSONDecodeError as err:
                yield _error(str(path), NewsgraphError("E006", detail=err.msg + f" at column {err.colno}"), n)
                continue
            yield _record(obj, str(path), n, default_date)


def read_csv(path: Path, max_bytes: int, default_date: str | None) -> Iterator[Item]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        head = fh.read(8192)
    if b"\x00" in head:
        raise NewsgraphError("E002", detail="contains NUL bytes")
    with opener(path, "rt", encoding="utf-8-sig", errors="strict", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            if not reader.fieldnames or "text" not in reader.fieldnames:
                raise NewsgraphError("E008", detail="no 'text' column in the header")
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    yield _error(str(path), NewsgraphError("E008", detail=str(err)), reader.line_num)
                    return
                if None in row:  # more cells than header columns
                    yield _error(str(path), NewsgraphError("E008", detail="more cells than columns"), reader.line_num)
                    continue
                yield _record(row, str(path), reader.line_num, default_date)
        except UnicodeDecodeError as err:
            raise NewsgraphError("E003", position=err.start) from None


READERS = {
    **{s: read_text for s in TEXT_SUFFIXES},
    **{s: read_html for s in HTML_SUFFIXES},
    **{s: read_jsonl for s in JSONL_SUFFIXES},
    **{s: read_csv for s in CSV_SUFFIXES},
}


def read_file(path: Path, max_bytes: int = 20_000_000, default_date: str | None = None) -> Iterator[Item]:
    """RawDocs of one file, with its errors as ErrorRecords."""
    reader = READERS.get(kind_of(path))
    if reader is None:
        yield _error(str(path), NewsgraphError("E010", suffix=kind_of(path) or "(none)"))
        return
    try:
        if path.stat().st_size == 0:
            raise NewsgraphError("E001")
        yield from reader(path, max_bytes, default_date)
    except NewsgraphError as err:
        yield _error(str(path), err)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield _error(str(path), NewsgraphError("E011", detail=f"{type(err).__name__}: {err}"))


def read_paths(paths: Iterable[str | Path], max_bytes: int = 20_000_000, default_date: str | None = None) -> Iterator[Item]:
    """Every document under `paths`, in a stable order, streaming."""
    for item in iter_files(paths):
        if isinstance(item, ErrorRecord):
            yield item
        else:
            yield from read_file(item, max_bytes, default_date)


def read_stream(stream: io.BufferedReader | io.TextIOBase, name: str = "<stdin>", default_date: str | None = None) -> Iterator[Item]:
    """Plain text from a stream (stdin) as one document."""
    data = stream.read()
    text = data if isinstance(data, str) else decode(data)
    yield RawDoc(text=text, date=default_date, origin=name)
