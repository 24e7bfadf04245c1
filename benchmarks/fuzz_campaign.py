"""A longer fuzz campaign over the properties of tests/test_fuzz.py; prints how many inputs were tried.

    .venv/bin/python benchmarks/fuzz_campaign.py --seconds 300      # per target

Unlike the test, it keeps going after a failure and reports each distinct one (exception type
and where it was raised) with a short repr of the first input that caused it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import test_fuzz as fz  # noqa: E402  (the strategies and checks of the suite)

bigger = st.builds(lambda c, n: c * n, st.sampled_from(["a", "“", '"', "-", ".", "<b>", "ab ", "\n", "\x00", "é"]),
                   st.integers(300, 20000))


def run_target(name: str, strategy: Any, check: Callable[[Any], None], seconds: float) -> dict[str, Any]:
    tried, failures = 0, {}
    stop = time.monotonic() + seconds

    @settings(max_examples=50, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def batch(value: Any) -> None:
        nonlocal tried
        if time.monotonic() > stop:
            return
        tried += 1
        try:
            check(value)
        except Exception as exc:  # record and go on: a campaign counts distinct failures
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            failures.setdefault(key, {"count": 0, "example": repr(value)[:300], "message": str(exc)[:300]})
            failures[key]["count"] += 1

    start = time.monotonic()
    while time.monotonic() < stop:
        batch()
    elapsed = time.monotonic() - start
    print(f"{name}: {tried} inputs in {elapsed:.0f} s ({tried / elapsed:.1f}/s), {len(failures)} distinct failures")
    for key, info in failures.items():
        print(f"  {key} x{info['count']}: {info['message']}\n    first input: {info['example']}")
    return {"target": name, "inputs": tried, "seconds": elapsed, "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120, help="time per target")
    parser.add_argument("--targets", default="pipeline,readers,end-to-end")
    args = parser.parse_args()
    from newsgraph import Pipeline

    pipeline = Pipeline()
    scratch = Path(tempfile.mkdtemp(prefix="ng-fuzz-"))
    counter = iter(range(10**9))
    texts = st.one_of(fz.texts, fz.huge_texts, fz.surrogate_texts, st.tuples(fz.texts, bigger).map(" ".join))
    targets = {
        "pipeline": (st.tuples(texts, fz.dates), lambda v: fz.check_pipeline(pipeline, *v)),
        "readers": (fz.files(), lambda v: fz.check_readers(scratch / f"r{next(counter)}", v)),
        "end-to-end": (fz.files(), lambda v: fz.check_readers(scratch / f"e{next(counter)}", v, pipeline)),
    }
    try:
        results = [run_target(name, *targets[name], args.seconds) for name in args.targets.split(",")]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = sum(r["inputs"] for r in results)
    failed = sum(len(r["failures"]) for r in results)
    print(f"total: {total} inputs tried, {failed} distinct failures")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
