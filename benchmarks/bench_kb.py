"""Actor knowledge base and actors component: load time and cost against spaCy.

    .venv/bin/python benchmarks/bench_kb.py            # load time in fresh processes + component share
    .venv/bin/python benchmarks/bench_kb.py --runs 5

Prints figures (no timed assertions). The load time is measured in a fresh process after
newsgraph is imported (the KB is loaded once per process, lazily, by the actors component).
The component share runs the example articles (examples/articles/articles.jsonl) through
spaCy once, then times the actors component alone on the parsed documents.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOAD = """
import time
import newsgraph.actors.kb as kb
t = time.perf_counter()
k = kb.load_kb()
print(time.perf_counter() - t, len(k.entries), sum(len(e.aliases) + 1 for e in k.entries.values()))
"""


def load_times(runs: int) -> tuple[list[float], int, int]:
    times, entries, names = [], 0, 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True, cwd=ROOT)
        t, entries, names = out.stdout.split()
        times.append(float(t))
    return times, int(entries), int(names)


def component_share(repeat: int) -> tuple[float, float, int]:
    from newsgraph.actors.kb import load_kb
    from newsgraph.actors.resolve import Resolver
    from newsgraph.annotation import Annotation
    from newsgraph.nlp import load_spacy
    from newsgraph.records import Document, Entity
    from newsgraph.settings import load_options

    options = load_options()
    nlp = load_spacy(options.nlp.model)
    rows = [json.loads(line) for line in (ROOT / "examples" / "articles" / "articles.jsonl").read_text().splitlines() if line.strip()]
    texts = [(r["text"], r.get("date")) for r in rows] * repeat
    load_kb()
    t = time.perf_counter()
    docs = list(nlp.pipe(t for t, _ in texts))
    spacy_s = time.perf_counter() - t

    def run(pairs) -> None:
        for (text, date), doc in pairs:
            document = Document(id="b", text=text, date=date, sentences=[(s.start_char, s.end_char) for s in doc.sents],
                                entities=[Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents])
            Resolver(Annotation(doc=doc, document=document, options=options)).run()

    run(list(zip(texts, docs))[:len(rows)])  # once untimed: lazy loads (KB, gazetteer) are not per-document costs
    t = time.perf_counter()
    run(zip(texts, docs))
    return spacy_s, time.perf_counter() - t, len(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="fresh processes for the load time")
    ap.add_argument("--repeat", type=int, default=10, help="times the example articles are processed")
    args = ap.parse_args()
    times, entries, names = load_times(args.runs)
    print(f"KB load: median {statistics.median(times):.3f} s over {args.runs} fresh processes "
          f"(min {min(times):.3f}, max {max(times):.3f}); {entries} entries, {names} names and aliases")
    spacy_s, actors_s, n = component_share(args.repeat)
    print(f"{n} articles: spaCy {spacy_s:.2f} s, actors component {actors_s:.3f} s "
          f"= {100 * actors_s / spacy_s:.1f} % of spaCy")


if __name__ == "__main__":
    main()
