"""The store's tables, as column lists with DuckDB types, and how records flatten into rows.

One table per record kind; nested fields are flattened with "_" (speaker.name -> speaker_name).
Every row carries `doc` (the document's content hash), `doc_id` and the pipeline `version`.
Bump SCHEMA_VERSION and add a migration in db.py when a column changes.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 1

DOC_KEYS = [("doc", "VARCHAR"), ("doc_id", "VARCHAR")]
VERSION = [("version", "VARCHAR")]

TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("hash", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("date", "DATE"), ("source", "VARCHAR"),
        ("url", "VARCHAR"), ("title", "VARCHAR"), ("text", "VARCHAR"), ("n_sentences", "INTEGER"),
        ("origin", "VARCHAR"), ("ingested_at", "TIMESTAMP"), ("record", "JSON"), *VERSION,
    ],
    "actors": [
        *DOC_KEYS, ("id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"), ("code", "VARCHAR"),
        ("country", "VARCHAR"), ("sector", "VARCHAR"), ("kb_id", "VARCHAR"), ("confidence", "DOUBLE"),
        ("n_mentions", "INTEGER"), *VERSION,
    ],
    "mentions": [
        *DOC_KEYS, ("actor_id", "VARCHAR"), ("text", "VARCHAR"), ("label", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), *VERSION,
    ],
    "quotes": [
        *DOC_KEYS, ("n", "INTEGER"), ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("type", "VARCHAR"), ("cue", "VARCHAR"), ("speaker_name", "VARCHAR"), ("speaker_actor_id", "VARCHAR"),
        ("speaker_code", "VARCHAR"), ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"),
        ("via_name", "VARCHAR"), ("via_actor_id", "VARCHAR"), ("sentence", "INTEGER"),
        ("confidence", "DOUBLE"), ("date", "DATE"), *VERSION,
    ],
    "events": [
        *DOC_KEYS, ("id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"), ("cameo", "VARCHAR"),
        ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"),
        ("source_name", "VARCHAR"), ("source_actor_id", "VARCHAR"), ("source_code", "VARCHAR"),
        ("target_name", "VARCHAR"), ("target_actor_id", "VARCHAR"), ("target_code", "VARCHAR"),
        ("trigger_text", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("sentence", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"), ("negated", "BOOLEAN"),
        ("modality", "VARCHAR"), ("claimed_by_name", "VARCHAR"), ("claimed_by_actor_id", "VARCHAR"),
        ("claimed_by_code", "VARCHAR"), ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
        ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"), ("date", "VARCHAR"),
        ("confidence", "DOUBLE"), ("event_date", "DATE"), *VERSION,
    ],
    "places": [
        *DOC_KEYS, ("name", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("sentence", "INTEGER"),
        ("country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("feature", "VARCHAR"),
        ("geonames_id", "VARCHAR"), ("role", "VARCHAR"), ("confidence", "DOUBLE"), *VERSION,
    ],
    "dates": [
        *DOC_KEYS, ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("sentence", "INTEGER"),
        ("value", "VARCHAR"), ("start_date", "VARCHAR"), ("end_date", "VARCHAR"), ("granularity", "VARCHAR"),
        ("confidence", "DOUBLE"), *VERSION,
    ],
    "errors": [
        ("origin", "VARCHAR"), ("line", "INTEGER"), ("code", "VARCHAR"), ("reason", "VARCHAR"),
        ("doc_id", "VARCHAR"), ("at", "TIMESTAMP"),
    ],
}

CHILD_TABLES = ("actors", "mentions", "quotes", "events", "places", "dates")


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"speaker": {"name": "X"}} -> {"speaker_name": "X"}; lists are kept as they are."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}_"))
        else:
            out[name] = value
    return out


def create_statements() -> list[str]:
    stmts = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, cols in TABLES.items():
        body = ", ".join(f'"{c}" {t}' for c, t in cols)
        stmts.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    stmts += [f"CREATE INDEX IF NOT EXISTS {t}_doc ON {t}(doc)" for t in CHILD_TABLES]
    stmts += ["CREATE UNIQUE INDEX IF NOT EXISTS documents_id ON documents(id)",
              "CREATE INDEX IF NOT EXISTS errors_key ON errors(origin, code)"]
    return stmts
