"""Where end-to-end time goes, in CPU time measured within one run (the machine is shared).

    python benchmarks/bench_stages.py stages [--n 160]           # spaCy and each component
    python benchmarks/bench_stages.py ingest [--n 300] [--jobs 2] # main process vs workers
    python benchmarks/bench_stages.py spacy [--n 300] [--jobs 2]  # bare spaCy, same texts

`stages` times spaCy and the components batch by batch in one process, so a change of load hits
both alike, and prints each as a share of spaCy. `ingest` runs `batch.ingest` and prints the CPU
of the main process (reading, inserting) and of its workers per document; `spacy` does the
same for `nlp.pipe(n_process=jobs)`. Start-up is included, as in `make bench`.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def stages(n: int) -> None:
    from newsgraph.annotation import Annotation
    from newsgraph.pipeline import Pipeline
    from newsgraph.records import Entity, RawDoc

    arts = list(corpus.articles(n))
    p = Pipeline()
    list(p.pipe([RawDoc(text=a["text"], date=a["date"]) for a in arts[-16:]]))  # warm up
    clock = time.process_time
    costs = {"spacy": 0.0, "setup": 0.0, **{name: 0.0 for name, _ in p.components}}
    for i in range(0, n, p.options.nlp.batch_size):
        batch = arts[i:i + p.options.nlp.batch_size]
        t = clock()
        docs = list(p.nlp.pipe([a["text"] for a in batch], batch_size=len(batch)))
        costs["spacy"] += clock() - t
        for a, doc in zip(batch, docs):
            document = p._start(RawDoc(text=a["text"], id=a["id"], date=a["date"]))
            t = clock()
            document.sentences = [(s.start_char, s.end_char) for s in doc.sents]
            document.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
            ann = Annotation(doc=doc, document=document, options=p.options)
            costs["setup"] += clock() - t
            for name, component in p.components:
                t = clock()
                component(ann)
                costs[name] += clock() - t
    for name, s in costs.items():
        print(f"{name:>8}: {1000 * s / n:7.2f} ms/doc  {100 * s / costs['spacy']:5.1f} % of spaCy")
    print(f"components: {100 * (sum(costs.values()) - costs['spacy']) / costs['spacy']:.1f} % of spaCy")


def cpu(kind: str, n: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        corpus.write(path, n)
        r0, t = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        if kind == "spacy":
            from newsgraph import load_options
            from newsgraph.nlp import load_spacy

            opts = load_options()
            texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
            sum(1 for _ in load_spacy(opts.nlp.model, False).pipe(texts, batch_size=opts.nlp.batch_size, n_process=jobs))
        else:
            from newsgraph.batch import ingest

            ingest([path], Path(tmp) / "bench.duckdb", jobs=jobs)
        wall, r1 = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    main = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
    print(f"{kind} n={n} jobs={jobs}: wall {wall:.1f} s; CPU per document: main {1000 * main / n:.1f} ms, "
          f"workers {1000 * (kids.ru_utime + kids.ru_stime) / n:.1f} ms; peak RSS main "
          f"{r1.ru_maxrss / 1024:.0f} MB, largest worker {kids.ru_maxrss / 1024:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("stages", "ingest", "spacy"))
    ap.add_argument("--n", type=int)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.what == "stages":
        stages(args.n or 160)
    else:
        cpu(args.what, args.n or 300, args.jobs)


if __name__ == "__main__":
    main()
