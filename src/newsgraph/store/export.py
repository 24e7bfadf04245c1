"""Exports of a store: every table as Parquet or CSV, the documents as JSON Lines, or the events
as GDELT 2.0 event rows (tab-separated, GDELT's column order) or PLOVER JSON records.

Parquet and CSV are written by DuckDB itself (COPY), so exports stream and keep column types;
the event formats stream the stored records through `newsgraph.events.export`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import NewsgraphError
from .db import Store
from .schema import TABLES

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "plover")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(store: Store, fmt: str, out: str | Path) -> list[Path]:
    """Write the store to `out` in `fmt`; returns the files written."""
    if fmt not in FORMATS:
        raise NewsgraphError("E018", fmt=fmt, choices=", ".join(FORMATS))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        path = out / "documents.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in store.documents():
                fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        return [path]
    if fmt in ("gdelt", "plover"):
        return [_events(store, fmt, out)]
    written = []
    for table in TABLES:
        path = out / f"{table}.{fmt}"
        cols = "* EXCLUDE (record)" if table == "documents" else "*"
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO {_literal(path)} ({options})")
        written.append(path)
    return written


def _events(store: Store, fmt: str, out: Path) -> Path:
    """Every stored event, document by document: GDELT rows (a header line, tabs, empty for null)
    or PLOVER records (JSON Lines)."""
    from ..events.export import GDELT_COLUMNS, gdelt_row, plover_record
    from ..records import Document

    path = out / ("events.gdelt.tsv" if fmt == "gdelt" else "events.plover.jsonl")
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "gdelt":
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        for record in store.documents():
            doc = Document.from_dict(record)
            for event in doc.events:
                if fmt == "plover":
                    fh.write(json.dumps(plover_record(event, doc), ensure_ascii=False) + "\n")
                else:
                    row = gdelt_row(event, doc)
                    fh.write("\t".join(_cell(row[c]) for c in GDELT_COLUMNS) + "\n")
    return path


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")
