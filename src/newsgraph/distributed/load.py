"""Reading a distributed run's Parquet dataset: merge it into a DuckDB store, or query it in place.

Both read only the files the manifest names, so a crashed, not yet resumed run shows whole
committed segments and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ..errors import NewsgraphError
from ..store import Store
from ..store.schema import CHILD_TABLES, TABLES, create_statements
from .dataset import MANIFEST, read_manifest


def _files(entry: dict[str, Any], table: str) -> list[str]:
    return [f for f in entry["files"] if f.split("/", 1)[0] == table]


def _scan(root: Path, files: list[str]) -> str:
    paths = ", ".join("'" + str(root / f).replace("'", "''") + "'" for f in files)
    return f"read_parquet([{paths}], hive_partitioning = false)"


def _cols(table: str, prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{c}"' for c, _ in TABLES[table])


def load(root: str | Path, db: str | Path) -> dict[str, int]:
    """Merge the dataset at `root` into the store `db`, one transaction per segment.

    Idempotent by content hash, as the store's own writes are: a document already stored is
    skipped with its records; an id already taken by another text is renamed id~hash8;
    errors are added once per (origin, line, code). Returns the rows added per table.
    """
    root = Path(root)
    if not (root / MANIFEST).exists():
        raise NewsgraphError("E017", path=root / MANIFEST)
    added = dict.fromkeys(TABLES, 0)
    with Store(db) as store:
        con = store.con
        for entry in read_manifest(root):
            con.begin()
            try:
                for table, n in _load_segment(con, root, entry).items():
                    added[table] += n
                con.commit()
            except BaseException:
                con.rollback()
                raise
    return added


def _load_segment(con: duckdb.DuckDBPyConnection, root: Path, entry: dict[str, Any]) -> dict[str, int]:
    added: dict[str, int] = {}
    docs = _files(entry, "documents")
    if docs:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _new AS
            SELECT * REPLACE (CASE WHEN renamed THEN id || '~' || hash[1:8] ELSE id END AS id,
                              CASE WHEN renamed THEN json_merge_patch(record, json_object('id', id || '~' || hash[1:8]))
                                   ELSE record END AS record)
            FROM (SELECT *, (id IN (SELECT id FROM documents)
                             OR row_number() OVER (PARTITION BY id ORDER BY hash) > 1) AS renamed
                  FROM (SELECT * FROM {_scan(root, docs)}
                        WHERE hash NOT IN (SELECT hash FROM documents)
                        QUALIFY row_number() OVER (PARTITION BY hash) = 1))""")
        con.execute(f"INSERT INTO documents ({_cols('documents')}) SELECT {_cols('documents')} FROM _new")
        added["documents"] = con.execute("SELECT count(*) FROM _new").fetchone()[0]
        for table in CHILD_TABLES:
            files = _files(entry, table)
            if not files:
                continue
            select = _cols(table, "c.").replace('c."doc_id"', 'n."id" AS "doc_id"')
            n = con.execute(f"INSERT INTO {table} ({_cols(table)}) SELECT {select} FROM {_scan(root, files)} c "
                            f"JOIN _new n ON c.doc = n.hash").fetchone()[0]
            added[table] = n
        con.execute("DROP TABLE _new")
    errors = _files(entry, "errors")
    if errors:
        added["errors"] = con.execute(f"""
            INSERT INTO errors ({_cols('errors')})
            SELECT {_cols('errors', 'e.')} FROM {_scan(root, errors)} e
            WHERE NOT EXISTS (SELECT 1 FROM errors x WHERE x.origin = e.origin AND x.code = e.code
                              AND x.line IS NOT DISTINCT FROM e.line)""").fetchone()[0]
    return added


class DatasetStore(Store):
    """A read-only Store over a dataset directory, so `newsgraph quotes/actors/summary --db OUT` work."""

    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        self.path = Path(path)
        if not (self.path / MANIFEST).exists():
            raise NewsgraphError("E017", path=self.path / MANIFEST)
        self.con = duckdb.connect(":memory:")
        entries = list(read_manifest(self.path))
        for stmt in create_statements():
            if " INDEX " not in stmt:
                self.con.execute(stmt)
        for table in TABLES:
            files = [f for e in entries for f in _files(e, table)]
            if files:
                self.con.execute(f"DROP TABLE {table}")
                self.con.execute(f"CREATE VIEW {table} AS SELECT {_cols(table)} FROM {_scan(self.path, files)}")


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """A DuckDB store file, or (for a directory with a manifest) the dataset a distributed run wrote."""
    if Path(path).is_dir() and (Path(path) / MANIFEST).exists():
        return DatasetStore(path)
    return Store(path, read_only=read_only)
