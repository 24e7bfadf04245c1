"""`make bench`: newsgraph end to end (extract + store) against the bare spaCy pipeline.

Each configuration runs in a fresh process, so peak RSS is its own. Prints articles/s, words/s
and peak RSS per process, for one process and for all cores, and the ratio to bare spaCy.
Bare spaCy is the model as spaCy ships it; `--loader` also times it as newsgraph loads it (its
rule components made faster, identical annotations), which shows what the components cost.
Usage: python benchmarks/bench_pipeline.py [--n 2000] [--words 600] [--loader] [--all-only]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest child, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def run_spacy(path: str, jobs: int, fast_rules: bool = False) -> dict:
    """The bare pipeline as spaCy ships it (or, with fast_rules, as newsgraph loads it)."""
    from newsgraph import load_options
    from newsgraph.nlp import load_spacy

    opts = load_options()
    nlp = load_spacy(opts.nlp.model, fast_rules)
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    start = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=opts.nlp.batch_size, n_process=jobs))
    return {"seconds": time.perf_counter() - start, "docs": n}


def run_newsgraph(path: str, jobs: int) -> dict:
    from newsgraph.batch import ingest

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = ingest([path], Path(tmp) / "bench.duckdb", jobs=jobs)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "docs": summary.stored, "records": summary.records}


def child(kind: str, path: str, jobs: int) -> None:
    if kind == "newsgraph":
        result = run_newsgraph(path, jobs)
    else:
        result = run_spacy(path, jobs, fast_rules=kind == "spacy-fast")
    result["rss_main_mb"], result["rss_worker_mb"] = peak_rss_mb()
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--all-only", action="store_true", help="skip the one-process configuration")
    ap.add_argument("--loader", action="store_true",
                    help="also time spaCy as newsgraph loads it (fast rule components): the components' own share")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' configuration")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], int(args.child[2]))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        words = corpus.write(path, args.n, args.words)
        print(f"corpus: {args.n} articles, {words} words ({words / args.n:.0f} words/article)")
        results = {}
        for jobs in [args.jobs] if args.all_only else sorted({1, args.jobs}):
            for kind in ("spacy", "newsgraph") + (("spacy-fast",) if args.loader else ()):
                out = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(jobs)],
                                     check=True, capture_output=True, text=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                results[(kind, jobs)] = r
                rss = max(r["rss_main_mb"], r["rss_worker_mb"])
                print(f"{kind:>9} jobs={jobs}: {r['seconds']:7.1f} s  {args.n / r['seconds']:7.1f} articles/s  "
                      f"{words / r['seconds']:8.0f} words/s  peak RSS {r['rss_main_mb']:.0f} MB main, "
                      f"{r['rss_worker_mb']:.0f} MB largest worker (max {rss:.0f} MB)", flush=True)
                if kind == "newsgraph":
                    print(f"           records: {r['records']}")
            ratio = results[("newsgraph", jobs)]["seconds"] / results[("spacy", jobs)]["seconds"]
            print(f"  jobs={jobs}: newsgraph end to end / bare spaCy = {ratio:.2f}x (target <= 1.25x)", flush=True)
            if args.loader:
                own = results[("newsgraph", jobs)]["seconds"] / results[("spacy-fast", jobs)]["seconds"]
                print(f"  jobs={jobs}: newsgraph end to end / spaCy as newsgraph loads it = {own:.2f}x", flush=True)


if __name__ == "__main__":
    main()
