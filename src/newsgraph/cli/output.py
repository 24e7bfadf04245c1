"""Printing rows as a table, JSON, JSON Lines or CSV: one place for every listing command."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def emit(rows: Sequence[dict[str, Any]], fmt: str = "table", title: str | None = None, width: int = 60) -> None:
    rows = [{k: _plain(v) for k, v in r.items()} for r in rows]
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for col in rows[0] if rows else []:
            table.add_column(col, overflow="fold", max_width=width)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r.values()))
        Console(width=160).print(table if rows else f"{title or 'rows'}: none")
