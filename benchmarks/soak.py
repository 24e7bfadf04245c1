"""Soak: many articles through one Dask worker, its RSS sampled over time; reports the slope after warm-up.

    .venv/bin/python benchmarks/soak.py                  # 20,000 articles
    .venv/bin/python benchmarks/soak.py -n 2000 --every 5
    .venv/bin/python benchmarks/soak.py --words 200       # 20,000 shorter articles, 3x sooner

A leak shows as RSS growing with the articles processed once caches and arenas are warm; the
slope is fitted (least squares) over the samples after the warm-up share of the run. The samples
are written as CSV next to the summary so the curve can be plotted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dask import load, write_corpus  # noqa: E402  (the same synthetic articles)


def slope(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20000, help="articles")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between RSS samples")
    parser.add_argument("--warmup", type=float, default=0.2, help="share of the articles counted as warm-up")
    parser.add_argument("--csv", type=Path, default=Path("soak-rss.csv"), help="where to write the samples")
    args = parser.parse_args()

    import psutil
    from distributed import Client

    from newsgraph import load_options
    from newsgraph.distributed import ingest, read_manifest
    from newsgraph.distributed.engine import local_cluster

    scratch = Path(tempfile.mkdtemp(prefix="ng-soak-"))
    corpus, out = scratch / "corpus.jsonl", scratch / "out"
    words = write_corpus(corpus, args.n, words_per_article=args.words)
    print(f"{args.n} articles, {words} words; {load()}", flush=True)
    # segments of 500 articles: the progress the sampler reads, and a driver that holds little
    options = load_options(distributed={"flush_every": 500})
    cluster = local_cluster(1)  # the cluster `ingest --engine dask --workers 1` starts
    client = Client(cluster)
    samples: list[tuple[float, int, float, float, int]] = []  # seconds, articles done, worker MB, driver MB, worker pid
    stop = threading.Event()
    start = time.perf_counter()

    def sample() -> None:
        while not stop.is_set():
            try:
                pid = next(iter(client.run(os.getpid).values()))
                worker = psutil.Process(pid).memory_info().rss / 2**20
                done = sum(len(e["docs"]) for e in read_manifest(out))
                samples.append((time.perf_counter() - start, done, worker,
                                psutil.Process().memory_info().rss / 2**20, pid))
            except Exception as exc:  # a sample lost is not a failed soak
                print(f"sample failed: {exc}", file=sys.stderr)
            stop.wait(args.every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        summary = ingest([corpus], out, options, client=client)
    finally:
        stop.set()
        sampler.join()
        client.close()
        cluster.close()
    seconds = time.perf_counter() - start
    print(summary)
    print(f"{args.n / seconds:.2f} articles/s over {seconds / 60:.1f} min; {load()}")
    with args.csv.open("w") as fh:
        fh.write("seconds,articles,worker_rss_mb,driver_rss_mb,worker_pid\n")
        for row in samples:
            fh.write(",".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in row) + "\n")
    pids = {s[4] for s in samples}
    warm = [s for s in samples if s[1] >= args.warmup * args.n]
    print(f"{len(samples)} samples every {args.every:.0f} s -> {args.csv}; worker processes seen: {len(pids)}"
          f"{' (a restart!)' if len(pids) > 1 else ''}")
    if len(warm) >= 3:
        per_k = slope([s[1] / 1000 for s in warm], [s[2] for s in warm])
        per_h = slope([s[0] / 3600 for s in warm], [s[2] for s in warm])
        drv = slope([s[1] / 1000 for s in warm], [s[3] for s in warm])
        print(f"worker RSS: {samples[0][2]:.0f} MB at start, {warm[0][2]:.0f} MB after warm-up "
              f"({warm[0][1]} articles), {warm[-1][2]:.0f} MB at the end, peak {max(s[2] for s in samples):.0f} MB")
        late = [s for s in samples if s[1] >= args.n / 2]
        late_k = slope([s[1] / 1000 for s in late], [s[2] for s in late]) if len(late) >= 3 else float("nan")
        print(f"slope after warm-up: worker {per_k:+.2f} MB per 1,000 articles ({per_h:+.1f} MB/hour); "
              f"over the second half {late_k:+.2f} MB per 1,000 articles; driver {drv:+.2f} MB per 1,000 articles")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
