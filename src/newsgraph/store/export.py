"""Exports of a store: every table as Parquet or CSV, or the documents as JSON Lines.

Parquet and CSV are written by DuckDB itself (COPY), so exports stream and keep column types.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import NewsgraphError
from .db import Store
from .schema import TABLES

FORMATS = ("parquet", "csv", "jsonl")


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
    written = []
    for table in TABLES:
        path = out / f"{table}.{fmt}"
        cols = "* EXCLUDE (record)" if table == "documents" else "*"
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO {_literal(path)} ({options})")
        written.append(path)
    return written
