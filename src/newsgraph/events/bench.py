"""What the events component costs next to spaCy and the other stages, on the same texts.

    python -m newsgraph.events.bench FILE.jsonl [--limit 300]

FILE is JSON Lines with a "text" field (e.g. the NGEC stories or the GSR sentences). Prints
milliseconds per document for the bare spaCy pipeline and for each component, one process.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict

from ..annotation import Annotation
from ..records import Document, Entity


def bench(texts: list[str], pipeline=None) -> dict[str, float]:
    from ..pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    list(pipeline.nlp.pipe(texts[:20]))  # warm up
    t0 = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=pipeline.options.nlp.batch_size))
    spacy_s = time.perf_counter() - t0
    costs: dict[str, float] = defaultdict(float)
    n_events = 0
    for doc in docs:
        document = Document(id="b", text=doc.text, date="2015-09-05")
        document.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        document.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
        ann = Annotation(doc=doc, document=document, options=pipeline.options)
        for name, component in pipeline.components:
            t = time.perf_counter()
            component(ann)
            costs[name] += time.perf_counter() - t
        n_events += len(document.events)
    n = len(texts)
    out = {"documents": n, "words": sum(len(d) for d in docs), "events": n_events,
           "spacy_ms_per_doc": round(1000 * spacy_s / n, 2)}
    for name, s in costs.items():
        out[f"{name}_ms_per_doc"] = round(1000 * s / n, 2)
    total = spacy_s + sum(costs.values())
    out["events_share_of_spacy"] = round(costs["events"] / spacy_s, 3)
    out["all_components_over_spacy"] = round(total / spacy_s, 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    with open(args.file, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    texts = list(dict.fromkeys(texts))[: args.limit]
    print(json.dumps(bench(texts), indent=1))


if __name__ == "__main__":
    main()
