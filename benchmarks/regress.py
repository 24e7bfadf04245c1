"""Speed work must not change output: dump what `ingest` stores for a fixed sample, and compare.

    python benchmarks/regress.py save OUT.json [--n 200] [--jobs 1]
    python benchmarks/regress.py check OUT.json [--n 200] [--jobs 2]

`--extra FILE.jsonl` adds articles of your own (e.g. an evaluation set; a "text" field each).

The sample is the example articles plus n benchmark articles (benchmarks/corpus.py). The dump
holds every row of every table (ingest time left out), so it covers the JSON records (the
`record` column) and the row building of the store. `check` exits 1 and names the first
difference when the output changed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def dump(n: int, jobs: int, extra: list[str]) -> dict[str, list]:
    from newsgraph.batch import ingest
    from newsgraph.store import Store
    from newsgraph.store.schema import TABLES

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        corpus.write(sample, n)
        db = Path(tmp) / "regress.duckdb"
        ingest([corpus.EXAMPLES, sample, *extra], db, jobs=jobs)
        out: dict[str, list] = {}
        with Store(db, read_only=True) as store:
            for table, cols in TABLES.items():
                names = [c for c, _ in cols if c not in ("ingested_at", "at")]
                cols_sql = ", ".join(f'"{c}"' for c in names)
                rows = store.rows(f"SELECT {cols_sql} FROM {table}")
                out[table] = sorted(json.dumps(r, sort_keys=True, default=str).replace(tmp, "TMP")
                                    .replace(str(corpus.EXAMPLES), "EXAMPLES") for r in rows)  # any checkout
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("save", "check"))
    ap.add_argument("path")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--extra", action="append", default=[], metavar="FILE")
    args = ap.parse_args()
    got = dump(args.n, args.jobs, args.extra)
    if args.mode == "save":
        Path(args.path).write_text(json.dumps(got), encoding="utf-8")
        print({t: len(r) for t, r in got.items()})
        return
    want = json.loads(Path(args.path).read_text(encoding="utf-8"))
    for table in want:
        a, b = want[table], got.get(table, [])
        if a != b:
            extra = [r[:2000] for r in sorted(set(b) - set(a))[:1]]
            missing = [r[:2000] for r in sorted(set(a) - set(b))[:1]]
            print(f"{table}: {len(a)} rows expected, {len(b)} got\n  missing: {missing}\n  extra:   {extra}")
            sys.exit(1)
    print("identical:", {t: len(r) for t, r in got.items()})


if __name__ == "__main__":
    main()
