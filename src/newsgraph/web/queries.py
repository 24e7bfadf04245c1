"""The web app's reads: filtered, sorted, paged lists and the aggregations behind the charts.

Every query is parameterised; the only identifiers spliced into SQL are column names read from
the store's own catalog, and a sort column is used only when it is one of them. The app holds
one read-only DuckDB connection (a cursor per request, interrupted after a time limit) and
swaps it for a short-lived write connection when a document is stored, because DuckDB lets one
process hold a file either read-only or read-write, not both.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import NewsgraphError

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class BadParameter(ValueError):
    """A request parameter that parses but makes no sense (unknown sort column, since > until)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class Unavailable(RuntimeError):
    """The store cannot be read right now (another process holds it for writing, or a query ran too long)."""


# -- connection ------------------------------------------------------------------------------


class _ReadWriteLock:
    """Many readers or one writer: a write waits for running queries and blocks new ones."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Database:
    """A store opened read-only for queries, with a short-lived write connection for new documents."""

    def __init__(self, path: str | Path, timeout_s: float = 10.0) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise NewsgraphError("E017", path=path)
        self.timeout_s = timeout_s
        self._lock = _ReadWriteLock()
        self._open_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self.columns: dict[str, list[str]] = {}
        self._connect()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        with self._open_lock:
            if self._con is None:
                try:
                    self._con = duckdb.connect(str(self.path), read_only=True)
                except duckdb.Error as err:
                    raise Unavailable(f"cannot open the store read-only ({err}); is another process writing to it?") from None
                rows = self._con.execute(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
                columns: dict[str, list[str]] = {}
                for table, column in rows:
                    columns.setdefault(table, []).append(column)
                self.columns = columns
            return self._con

    def close(self) -> None:
        with self._lock.write(), self._open_lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; a query still running after timeout_s is interrupted."""
        with self._lock.read():
            cur = self._connect().cursor()
            timer = threading.Timer(self.timeout_s, cur.interrupt)
            timer.daemon = True
            timer.start()
            try:
                yield cur
            except duckdb.InterruptException:
                raise Unavailable(f"query interrupted after {self.timeout_s:g} s") from None
            finally:
                timer.cancel()
                cur.close()

    def write(self, docs: Sequence[Any]) -> int:
        """Store documents through newsgraph's own Store, then reopen read-only; returns how many were new."""
        from ..store import Store

        with self._lock.write():
            with self._open_lock:
                if self._con is not None:
                    self._con.close()
                    self._con = None
            try:
                with Store(self.path) as store:
                    return store.write(docs)
            except duckdb.Error as err:
                raise Unavailable(f"cannot write to the store ({err}); is another process using it?") from None
            finally:
                self._connect()


# -- helpers ---------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """DuckDB values to JSON-ready ones."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def fetch(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [{n: plain(v) for n, v in zip(names, row)} for row in res.fetchall()]


def like(value: str, prefix_only: bool = False) -> str:
    """A LIKE pattern matching `value` literally (its % and _ escaped with backslash)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


def q(name: str) -> str:
    """A quoted identifier; only ever called on names from the store's catalog or this module."""
    return '"' + name.replace('"', '""') + '"'


@dataclass
class Where:
    """Conjunctive WHERE clauses with their parameters, in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " AND ".join(f"({c})" for c in self.clauses) or "TRUE"


# -- filters ---------------------------------------------------------------------------------


@dataclass
class Filters:
    """Every filter the API knows; each resource applies those that make sense for it."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    involving: str | None = None
    speaker: str | None = None
    code: str | None = None
    type: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = None
    doc: str | None = None
    location: str | None = None
    modality: str | None = None
    kind: str | None = None

    def check(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise BadParameter("since", f"since ({self.since}) is after until ({self.until})")

    def query(self) -> dict[str, Any]:
        """The filters as query parameters (for links and the JSON twin)."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if value in (None, [], ""):
                continue
            out[key] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        return out


def _actor_match(where: Where, value: str, sides: Sequence[str]) -> None:
    """An actor by code prefix (RUS matches RUSGOV) or by name substring, on any of `sides`."""
    parts = []
    for side in sides:
        parts += [f"{side}_code ILIKE ? ESCAPE '\\'", f"{side}_name ILIKE ? ESCAPE '\\'"]
        where.params += [like(value, prefix_only=True), like(value)]
    where.clauses.append(" OR ".join(parts))


def _exact_actor(where: Where, value: str, side: str) -> None:
    """One side of an edge: the key the network uses (the code, or the name when there is none)."""
    where.add(f"coalesce({side}_code, {side}_name) = ?", value)


def event_where(f: Filters) -> Where:
    w = Where()
    if f.actor:
        _actor_match(w, f.actor, ("source", "target"))
    if f.source:
        _exact_actor(w, f.source, "source")
    if f.target:
        _exact_actor(w, f.target, "target")
    if f.involving:
        w.add("coalesce(source_code, source_name) = ? OR coalesce(target_code, target_name) = ?", f.involving, f.involving)
    if f.type:
        w.add("type IN (SELECT unnest(?))", f.type)
    if f.quad_class:
        w.add("quad_class IN (SELECT unnest(?))", f.quad_class)
    if f.country:
        w.add("location_country = ? OR left(source_code, 3) = ? OR left(target_code, 3) = ?", *[f.country] * 3)
    if f.since:
        w.add("event_date >= ?", f.since)
    if f.until:
        w.add("event_date <= ?", f.until)
    if f.doc:
        w.add("doc_id = ?", f.doc)
    if f.location:
        w.add("location_name = ?", f.location)
    if f.modality:
        w.add("modality = ?", f.modality)
    if f.q:
        pat = like(f.q)
        w.add("trigger_text ILIKE ? ESCAPE '\\' OR source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\' "
              "OR EXISTS (SELECT 1 FROM documents d WHERE d.hash = events.doc "
              "AND substr(d.text, events.start + 1, events.\"end\" - events.start) ILIKE ? ESCAPE '\\')", *[pat] * 4)
    return w


def quote_where(f: Filters) -> Where:
    w = Where()
    who = f.speaker or f.actor
    if who:
        _actor_match(w, who, ("speaker",))
    if f.code:
        w.add("speaker_code = ?", f.code)
    if f.type:
        w.add("type IN (SELECT unnest(?))", [t.lower() for t in f.type])
    if f.country:
        w.add("left(speaker_code, 3) = ?", f.country)
    if f.since:
        w.add("date >= ?", f.since)
    if f.until:
        w.add("date <= ?", f.until)
    if f.doc:
        w.add("doc_id = ?", f.doc)
    if f.q:
        w.add("text ILIKE ? ESCAPE '\\'", like(f.q))
    return w


def document_where(f: Filters) -> Where:
    w = Where()
    if f.actor:
        w.add("EXISTS (SELECT 1 FROM actors a WHERE a.doc = documents.hash AND "
              "(a.code ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\'))", like(f.actor, True), like(f.actor))
    if f.type:
        w.add("EXISTS (SELECT 1 FROM events e WHERE e.doc = documents.hash AND e.type IN (SELECT unnest(?)))", f.type)
    if f.country:
        w.add("EXISTS (SELECT 1 FROM actors a WHERE a.doc = documents.hash AND a.country = ?) "
              "OR EXISTS (SELECT 1 FROM places p WHERE p.doc = documents.hash AND p.country = ?)", f.country, f.country)
    if f.since:
        w.add("date >= ?", f.since)
    if f.until:
        w.add("date <= ?", f.until)
    if f.q:
        w.add("title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\'", like(f.q), like(f.q))
    return w


def actor_where(f: Filters) -> Where:
    w = Where()
    who = f.actor or f.q
    if who:
        w.add("code ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\'", like(who, True), like(who))
    if f.code:
        w.add("code = ?", f.code)
    if f.kind:
        w.add("kind = ?", f.kind)
    if f.country:
        w.add("country = ?", f.country)
    if f.doc:
        w.add("doc_id = ?", f.doc)
    return w


def place_where(f: Filters) -> Where:
    w = Where()
    if f.q:
        w.add("name ILIKE ? ESCAPE '\\'", like(f.q))
    if f.country:
        w.add("country = ?", f.country)
    if f.doc:
        w.add("doc_id = ?", f.doc)
    if f.since or f.until:
        w.add("EXISTS (SELECT 1 FROM documents d WHERE d.hash = places.doc AND d.date BETWEEN ? AND ?)",
              f.since or dt.date.min, f.until or dt.date.max)
    return w


# -- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One listable thing: the SQL that yields its rows (with a {where} slot), its sort keys."""

    name: str
    table: str
    where: Any
    default_sort: str
    grouped: tuple[str, ...] = ()
    """For aggregated lists: the computed output columns (the rest come from `group_by`)."""
    group_by: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ("doc", "version")
    counted: tuple[str, ...] = ()
    """Child tables whose rows per document are counted into a column of the same name."""

    def columns(self, db: Database) -> list[str]:
        if self.group_by:
            return [*self.group_by, *self.grouped]
        return [c for c in db.columns.get(self.table, []) if c not in self.hidden] + list(self.counted)

    def select(self, db: Database) -> str:
        if self.name == "actors":
            return ("SELECT coalesce(name, '(unnamed)') AS name, code, kind, country, sector, "
                    "count(DISTINCT doc) AS documents, sum(n_mentions) AS mentions "
                    "FROM actors WHERE {where} GROUP BY ALL")
        if self.name == "places":
            return ("SELECT name, country, lat, lon, feature, count(*) AS mentions, count(DISTINCT doc) AS documents "
                    "FROM places WHERE {where} GROUP BY ALL")
        if self.name == "speakers":
            return ("SELECT coalesce(speaker_name, '(unnamed)') AS name, speaker_code AS code, count(*) AS quotes, "
                    "count(DISTINCT doc) AS documents, min(date) AS first, max(date) AS last "
                    "FROM quotes WHERE {where} GROUP BY ALL")
        cols = [q(c) for c in self.columns(db) if c not in self.counted]
        cols += [f"(SELECT count(*) FROM {q(t)} c WHERE c.doc = {self.table}.hash) AS {q(t)}" for t in self.counted]
        return f"SELECT {', '.join(cols)} FROM {self.table} WHERE {{where}}"


RESOURCES: dict[str, Resource] = {
    "documents": Resource("documents", "documents", document_where, "-date",
                          hidden=("text", "record", "version", "hash"), counted=("quotes", "events")),
    "quotes": Resource("quotes", "quotes", quote_where, "date"),
    "events": Resource("events", "events", event_where, "-event_date"),
    "actors": Resource("actors", "actors", actor_where, "-mentions", group_by=("name", "code", "kind", "country", "sector"),
                       grouped=("documents", "mentions")),
    "places": Resource("places", "places", place_where, "-mentions", group_by=("name", "country", "lat", "lon", "feature"),
                       grouped=("mentions", "documents")),
    "speakers": Resource("speakers", "quotes", quote_where, "-quotes", group_by=("name", "code"),
                         grouped=("quotes", "documents", "first", "last")),
}


def order_by(resource: Resource, db: Database, sort: str | None) -> tuple[str, str]:
    """`sort` ("date" or "-date") checked against the resource's columns; returns (ORDER BY sql, sort used)."""
    sort = sort or resource.default_sort
    column = sort.lstrip("-")
    allowed = resource.columns(db)
    if column not in allowed:
        raise BadParameter("sort", f"cannot sort {resource.name} by {column!r}; choose one of {', '.join(allowed)}")
    direction = "DESC" if sort.startswith("-") else "ASC"
    tiebreak = ", ".join(q(c) for c in allowed[:3] if c != column)
    return f"{q(column)} {direction} NULLS LAST" + (f", {tiebreak}" if tiebreak else ""), sort


def list_rows(db: Database, name: str, f: Filters, sort: str | None, limit: int, offset: int,
              total: bool = True) -> dict[str, Any]:
    """One page of a filtered, sorted list, with the total count of matching rows."""
    f.check()
    resource = RESOURCES[name]
    order, sort = order_by(resource, db, sort)
    where = resource.where(f)
    base = resource.select(db).format(where=where.sql)
    with db.cursor() as cur:
        items = fetch(cur, f"SELECT * FROM ({base}) ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, limit, offset])
        n = cur.execute(f"SELECT count(*) FROM ({base})", where.params).fetchone()[0] if total else None
    return {"total": n, "limit": limit, "offset": offset, "sort": sort, "filters": f.query(), "items": items}


# -- single records and aggregations ---------------------------------------------------------


def document(db: Database, doc_id: str) -> dict[str, Any] | None:
    """The full document record, as the pipeline returned it."""
    with db.cursor() as cur:
        row = cur.execute("SELECT record, text FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    return {**json.loads(row[0]), "text": row[1]}


def overview(db: Database, top: int = 10) -> dict[str, Any]:
    """What the home page shows: counts, date range, top actors, speakers and event types."""
    with db.cursor() as cur:
        counts = {t: cur.execute(f"SELECT count(*) FROM {q(t)}").fetchone()[0]
                  for t in ("documents", "actors", "quotes", "events", "places", "dates") if t in db.columns}
        first, last = cur.execute("SELECT min(date), max(date) FROM documents").fetchone()
        types = fetch(cur, "SELECT type, count(*) AS events, round(avg(goldstein), 2) AS goldstein FROM events "
                           "GROUP BY type ORDER BY events DESC, type LIMIT ?", [top])
        recent = fetch(cur, "SELECT id, date, title, source FROM documents ORDER BY date DESC NULLS LAST, id LIMIT ?", [top])
    return {"counts": counts, "first_date": plain(first), "last_date": plain(last),
            "actors": list_rows(db, "actors", Filters(), None, top, 0, total=False)["items"],
            "speakers": list_rows(db, "speakers", Filters(), None, top, 0, total=False)["items"],
            "event_types": types, "recent_documents": recent}


def speaker(db: Database, name: str, code: str | None, limit: int = 500) -> dict[str, Any]:
    """One speaker's quotes and the articles they come from."""
    w = Where()
    if name == "(unnamed)":
        w.add("speaker_name IS NULL")
    else:
        w.add("speaker_name = ?", name)
    w.add("speaker_code IS NOT DISTINCT FROM ?", code or None)
    with db.cursor() as cur:
        quotes = fetch(cur, f"SELECT doc_id, date, type, cue, text, via_name, start, \"end\" FROM quotes WHERE {w.sql} "
                            "ORDER BY date DESC NULLS LAST, doc_id, n LIMIT ?", [*w.params, limit])
        articles = fetch(cur, f"SELECT d.id, d.date, d.title, d.source, count(*) AS quotes FROM quotes JOIN documents d "
                              f"ON d.hash = quotes.doc WHERE {w.sql} GROUP BY ALL ORDER BY d.date DESC NULLS LAST, d.id",
                         w.params)
        others = fetch(cur, "SELECT DISTINCT coalesce(speaker_name, '(unnamed)') AS name, speaker_code AS code FROM quotes "
                            "WHERE speaker_code = ? AND speaker_name IS DISTINCT FROM ? ORDER BY name LIMIT 20",
                       [code, None if name == "(unnamed)" else name]) if code else []
    return {"name": name, "code": code, "quotes": quotes, "articles": articles, "same_code": others}


def bucket_for(first: dt.date | None, last: dt.date | None) -> str:
    """Days for up to about a year, weeks for a few years, months beyond: a chart stays readable."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    return "day" if span <= 400 else "week" if span <= 5 * 365 else "month"


def timeline(db: Database, f: Filters, by: str = "type", bucket: str | None = None) -> dict[str, Any]:
    """Events per day (or week, month) stacked by PLOVER type or quad class, with the mean Goldstein score."""
    f.check()
    key = {"type": "type", "quad_class": "CAST(quad_class AS VARCHAR)"}[by]
    where = event_where(f)
    with db.cursor() as cur:
        first, last = cur.execute(f"SELECT min(event_date), max(event_date) FROM events WHERE {where.sql}",
                                  where.params).fetchone()
        bucket = bucket or bucket_for(first, last)
        day = f"CAST(date_trunc('{bucket}', event_date) AS DATE)"
        rows = cur.execute(f"SELECT {day} AS day, coalesce({key}, '?') AS k, count(*) AS n, sum(goldstein) AS g, "
                           f"count(goldstein) AS ng FROM events WHERE {where.sql} AND event_date IS NOT NULL "
                           "GROUP BY ALL ORDER BY day, k", where.params).fetchall()
    days: dict[str, dict[str, Any]] = {}
    totals: dict[str, int] = {}
    for d, k, n, g, ng in rows:
        entry = days.setdefault(d.isoformat(), {"day": d.isoformat(), "total": 0, "counts": {}, "_g": 0.0, "_ng": 0})
        entry["counts"][k] = n
        entry["total"] += n
        entry["_g"] += g or 0.0
        entry["_ng"] += ng
        totals[k] = totals.get(k, 0) + n
    out = []
    for entry in days.values():
        g, ng = entry.pop("_g"), entry.pop("_ng")
        entry["goldstein"] = round(g / ng, 3) if ng else None
        out.append(entry)
    keys = sorted(totals, key=lambda k: (-totals[k], k))
    labels = {k: QUAD_CLASSES.get(int(k), k) if by == "quad_class" and k.isdigit() else k for k in keys}
    return {"by": by, "bucket": bucket, "keys": keys, "labels": labels, "totals": totals, "days": out,
            "filters": f.query()}


def network(db: Database, f: Filters, limit: int = 150) -> dict[str, Any]:
    """Actors as nodes, source->target pairs as edges with their count and mean Goldstein score."""
    f.check()
    where = event_where(f)
    sql = (
        "SELECT coalesce(source_code, source_name) AS source, coalesce(target_code, target_name) AS target, "
        "count(*) AS events, round(avg(goldstein), 3) AS goldstein, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        "mode(source_name) AS source_name, mode(target_name) AS target_name "
        f"FROM events WHERE {where.sql} AND coalesce(source_code, source_name) IS NOT NULL "
        "AND coalesce(target_code, target_name) IS NOT NULL "
        "AND coalesce(source_code, source_name) <> coalesce(target_code, target_name) "
        "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?")
    with db.cursor() as cur:
        edges = fetch(cur, sql, [*where.params, limit])
        total = cur.execute(f"SELECT count(*) FROM events WHERE {where.sql}", where.params).fetchone()[0]
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        names = {"source": e.pop("source_name"), "target": e.pop("target_name")}
        for side in ("source", "target"):
            node = nodes.setdefault(e[side], {"id": e[side], "name": names[side] or e[side], "events": 0,
                                              "sent": 0, "received": 0})
            node["events"] += e["events"]
            node["sent" if side == "source" else "received"] += e["events"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])), "edges": edges,
            "events": total, "filters": f.query()}


def map_points(db: Database, f: Filters, limit: int = 2000) -> dict[str, Any]:
    """Event locations (with counts and mean Goldstein) and mentioned places, for the world map."""
    f.check()
    ew = event_where(f)
    pw = place_where(f)
    with db.cursor() as cur:
        events = fetch(cur, "SELECT location_name AS name, location_country AS country, round(location_lat, 3) AS lat, "
                            "round(location_lon, 3) AS lon, count(*) AS events, round(avg(goldstein), 2) AS goldstein "
                            f"FROM events WHERE {ew.sql} AND location_lat IS NOT NULL AND location_lon IS NOT NULL "
                            "GROUP BY ALL ORDER BY events DESC LIMIT ?", [*ew.params, limit])
        places = fetch(cur, "SELECT name, country, round(lat, 3) AS lat, round(lon, 3) AS lon, count(*) AS mentions, "
                            f"count(DISTINCT doc) AS documents FROM places WHERE {pw.sql} AND lat IS NOT NULL "
                            "AND lon IS NOT NULL GROUP BY ALL ORDER BY mentions DESC LIMIT ?", [*pw.params, limit])
    return {"events": events, "places": places, "filters": f.query()}
