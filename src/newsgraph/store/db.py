"""DuckDB store: whole documents in, written in transactions, never twice.

A document is identified by the SHA-256 of its text. Writing a batch is one transaction, so a
killed process leaves only whole documents; re-running the same input skips what is stored and
continues where it stopped. Query helpers use parameterised SQL only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import NewsgraphError
from ..records import Document, ErrorRecord, as_plain
from .schema import CHILD_TABLES, SCHEMA_VERSION, TABLES, create_statements, flatten

ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
               "DATE": pa.string(), "TIMESTAMP": pa.timestamp("us"), "JSON": pa.string()}


def _coerce(value: Any, sql_type: str) -> Any:
    if value is None:
        return None
    base = sql_type.split()[0]
    try:
        if base == "INTEGER":
            return int(value)
        if base == "DOUBLE":
            return float(value)
        if base == "BOOLEAN":
            return bool(value)
        if base == "DATE":
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except (TypeError, ValueError):
        return None
    if base in ("VARCHAR", "JSON") and not isinstance(value, str):
        return json.dumps(value) if isinstance(value, (list, dict)) else str(value)
    return value


_NATIVE = {"VARCHAR": str, "JSON": str, "INTEGER": int, "DOUBLE": float}


def column(values: list[Any], sql_type: str) -> list[Any]:
    """`_coerce` over a column, skipped when every value already has the column's type (the usual case)."""
    native = _NATIVE.get(sql_type.split()[0])
    if native is not None and all(v is None or type(v) is native for v in values):
        return values
    return [_coerce(v, sql_type) for v in values]


def _arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.table({c: pa.array(column([r.get(c) for r in rows], t), type=ARROW_TYPES[t.split()[0]])
                     for c, t in TABLES[table]})


def document_rows(doc: Document, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """The rows one document adds to each table."""
    record = doc.to_dict()
    keys = {"doc": doc.hash, "doc_id": doc.id, "version": doc.version}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in CHILD_TABLES}
    rows["documents"] = [{**{k: v for k, v in record.items() if k != "text"}, "text": doc.text,
                          "hash": doc.hash, "n_sentences": len(doc.sentences),
                          "ingested_at": now, "record": json.dumps({k: v for k, v in record.items() if k != "text"})}]
    labels = {(e["start"], e["end"]): e["label"] for e in record["entities"]}
    for actor in record["actors"]:
        rows["actors"].append({**actor, **keys, "n_mentions": len(actor["mentions"])})
        for s, e in actor["mentions"]:
            rows["mentions"].append({**keys, "actor_id": actor["id"], "text": doc.text[s:e],
                                     "label": labels.get((s, e)), "start": s, "end": e})
    for n, quote in enumerate(record["quotes"]):
        rows["quotes"].append({**flatten(quote), **keys, "n": n, "date": doc.date})
    for event in record["events"]:
        flat = flatten(event)
        rows["events"].append({**flat, **keys, "event_date": flat.get("date") or doc.date})
    for table in ("places", "dates"):
        rows[table] = [{**flatten(r), **keys} for r in record[table]]
    return rows


@dataclass
class Prepared:
    """Store rows of some documents as Arrow tables, made where the documents were processed
    (a worker), so the process that writes the store only inserts them."""

    keys: list[tuple[str, str]]
    """(content hash, id) of each document, in order."""
    counts: dict[str, list[int]]
    """Rows of each table per document, in the same order."""
    tables: dict[str, pa.Table]

    def __len__(self) -> int:
        return len(self.keys)

    def records(self) -> dict[str, int]:
        """How many rows each table gets (actors, quotes, ... for the run summary)."""
        return {t: sum(n) for t, n in self.counts.items()}

    def split(self) -> list["Prepared"]:
        """One Prepared per document, sharing these tables (Arrow slices copy nothing)."""
        out, offsets = [], dict.fromkeys(self.tables, 0)
        for i, key in enumerate(self.keys):
            counts, tables = {}, {}
            for t, arrow in self.tables.items():
                n = self.counts[t][i]
                counts[t], tables[t] = [n], arrow.slice(offsets[t], n)
                offsets[t] += n
            out.append(Prepared([key], counts, tables))
        return out

    @staticmethod
    def concat(parts: Sequence["Prepared"]) -> "Prepared":
        if len(parts) == 1:
            return parts[0]
        tables = {t: pa.concat_tables([p.tables[t] for p in parts]) for t in parts[0].tables} if parts else {}
        return Prepared([k for p in parts for k in p.keys],
                        {t: [n for p in parts for n in p.counts[t]] for t in tables}, tables)

    def select(self, keep: list[bool], renamed: dict[str, str]) -> dict[str, pa.Table]:
        """The tables without the documents not kept, and with the renamed ones' new ids."""
        if all(keep) and not renamed:
            return self.tables
        out = {}
        for t, arrow in self.tables.items():
            mask = [k for k, n in zip(keep, self.counts[t]) for _ in range(n)]
            arrow = arrow.filter(pa.array(mask, type=pa.bool_()))
            if renamed:
                arrow = _rename(t, arrow, renamed)
            out[t] = arrow
        return out


def _rename(table: str, arrow: pa.Table, renamed: dict[str, str]) -> pa.Table:
    key, name = ("hash", "id") if table == "documents" else ("doc", "doc_id")
    hashes = arrow.column(key).to_pylist()
    ids = [renamed.get(h, i) for h, i in zip(hashes, arrow.column(name).to_pylist())]
    arrow = arrow.set_column(arrow.schema.get_field_index(name), name, pa.array(ids, type=pa.string()))
    if table == "documents":
        records = [json.dumps({**json.loads(r), "id": renamed[h]}) if h in renamed else r
                   for h, r in zip(hashes, arrow.column("record").to_pylist())]
        arrow = arrow.set_column(arrow.schema.get_field_index("record"), "record", pa.array(records, type=pa.string()))
    return arrow


def prepare(docs: Sequence[Document], now: dt.datetime | None = None) -> Prepared:
    """The rows of `docs`, ready to insert."""
    now = now or dt.datetime.now()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES if t != "errors"}
    counts: dict[str, list[int]] = {t: [] for t in rows}
    for doc in docs:
        for table, new in document_rows(doc, now).items():
            rows[table] += new
            counts[table].append(len(new))
    return Prepared([(d.hash, d.id) for d in docs], counts, {t: _arrow(t, r) for t, r in rows.items()})


class Store:
    """One DuckDB file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise NewsgraphError("E017", path=path)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self._migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _migrate(self) -> None:
        for stmt in create_statements():
            self.con.execute(stmt)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            raise NewsgraphError("E016", found=row[0], expected=SCHEMA_VERSION)

    # -- writing ---------------------------------------------------------------------------

    def known_hashes(self) -> set[str]:
        return {h for (h,) in self.con.execute("SELECT hash FROM documents").fetchall()}

    def write(self, docs: Sequence[Document] | Prepared) -> int:
        """Store whole documents in one transaction; returns how many were new."""
        rows = docs if isinstance(docs, Prepared) else prepare(docs)
        self.con.begin()
        try:
            hashes = [h for h, _ in rows.keys]
            stored = {h for (h,) in self.con.execute(
                "SELECT hash FROM documents WHERE hash IN (SELECT unnest(?))", [hashes]).fetchall()}
            taken = {i for (i,) in self.con.execute(
                "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [[i for _, i in rows.keys]]).fetchall()}
            keep: list[bool] = []
            renamed: dict[str, str] = {}
            for h, doc_id in rows.keys:
                keep.append(h not in stored)
                if h in stored:
                    continue
                stored.add(h)
                if doc_id in taken:  # same id, other text: keep both, the newer one renamed
                    doc_id = renamed[h] = f"{doc_id}~{h[:8]}"
                taken.add(doc_id)
            if not isinstance(docs, Prepared):
                for doc, kept in zip(docs, keep):
                    doc.id = renamed.get(doc.hash, doc.id) if kept else doc.id
            for table, arrow in rows.select(keep, renamed).items():  # DuckDB reads `arrow` by name
                if arrow.num_rows:
                    cols = ", ".join(f'"{c}"' for c, _ in TABLES[table])
                    self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM arrow")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return sum(keep)

    def write_errors(self, errors: Iterable[ErrorRecord]) -> int:
        """Record errors, each (origin, line, code) once however often a batch is re-run."""
        n = 0
        for err in errors:
            exists = self.con.execute(
                "SELECT 1 FROM errors WHERE origin = ? AND line IS NOT DISTINCT FROM ? AND code = ?",
                [err.origin, err.line, err.code]).fetchone()
            if not exists:
                self.con.execute("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                                 [err.origin, err.line, err.code, err.reason, err.doc_id, dt.datetime.now()])
                n += 1
        return n

    # -- reading ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The full document record (the JSON contract) by id."""
        row = self.con.execute("SELECT record, text FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        return {**json.loads(row[0]), "text": row[1]}

    def documents(self) -> Iterable[dict[str, Any]]:
        cur = self.con.execute("SELECT record, text FROM documents ORDER BY date, id")
        while batch := cur.fetchmany(256):
            for record, text in batch:
                yield {**json.loads(record), "text": text}

    def quotes(self, speaker: str | None = None, since: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where, params = ["TRUE"], []
        if speaker:
            where.append("(speaker_name ILIKE ? OR speaker_code = ?)")
            params += [f"%{speaker}%", speaker.upper()]
        if since:
            where.append("date >= CAST(? AS DATE)")
            params.append(since)
        sql = (f"SELECT doc_id, date, speaker_name, speaker_code, type, cue, text, via_name, start, \"end\" "
               f"FROM quotes WHERE {' AND '.join(where)} ORDER BY date, doc_id, n")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.rows(sql, params)

    def actors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors across documents, grouped by name and code, most mentioned first."""
        sql = ("SELECT coalesce(name, '(unnamed)') AS name, code, kind, count(DISTINCT doc) AS documents, "
               "sum(n_mentions) AS mentions FROM actors GROUP BY ALL ORDER BY mentions DESC, name")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.rows(sql)

    def events(self, actor: str | None = None, type: str | None = None, since: str | None = None,
               until: str | None = None, country: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Events filtered by actor (code prefix or name substring, as source or target), PLOVER type,
        event date range and country (an actor's country or the location's)."""
        where, params = ["TRUE"], []
        if actor:
            where.append("(source_code LIKE ? OR target_code LIKE ? OR source_name ILIKE ? OR target_name ILIKE ?)")
            params += [f"{actor.upper()}%", f"{actor.upper()}%", f"%{actor}%", f"%{actor}%"]
        if type:
            where.append("type = ?")
            params.append(type.upper())
        if since:
            where.append("event_date >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("event_date <= CAST(? AS DATE)")
            params.append(until)
        if country:
            where.append("(left(source_code, 3) = ? OR left(target_code, 3) = ? OR location_country = ?)")
            params += [country.upper()] * 3
        sql = ("SELECT doc_id, event_date AS date, type, mode, cameo, source_name AS source, source_code, "
               "target_name AS target, target_code, modality, negated, claimed_by_name AS claimed_by, "
               "location_name AS location, trigger_text AS trigger, confidence "
               f"FROM events WHERE {' AND '.join(where)} ORDER BY event_date, doc_id, start")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.rows(sql, params)

    def errors(self) -> list[dict[str, Any]]:
        return self.rows("SELECT origin, line, code, reason FROM errors ORDER BY \"at\"")
