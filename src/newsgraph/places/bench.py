"""Cost of the places and dates components against the bare spaCy parse.

    python -m newsgraph.places.bench [N_SYNTHETIC] [--cold]

Parses the example articles (x8) and N synthetic five-sentence articles (default 60) once with
spaCy, then times `places_of` and `dates_of` on the parses. The gazetteer is loaded before
timing: it is a once-per-process cost, reported on its own (`gazetteer_load_s`, from the cache);
`--cold` also times a build from scratch in an empty cache folder (`gazetteer_build_s`).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from ..annotation import Annotation
from ..dates.extract import dates_of
from ..pipeline import Pipeline
from ..records import Document
from ..settings import load_options
from .gazetteer import Gazetteer, gazetteer
from .resolve import places_of

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "articles" / "articles.jsonl"
PLACES = ["Aleppo", "Donetsk", "Kharkov", "Tripoli", "Paris", "Sanaa", "Gaza", "Crimea", "Moscow", "Washington",
          "Idlib province", "Mosul"]
DATES = ["on Friday", "last week", "yesterday", "on September 14", "earlier this month", "in 2011",
         "three days ago", "next Monday", "mid-2014"]


def documents(n_synthetic: int) -> list[dict]:
    docs = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()] * 8 \
        if EXAMPLES.exists() else []
    rng = random.Random(1)
    for _ in range(n_synthetic):
        sents = [f"Rebels shelled {rng.choice(PLACES)} {rng.choice(DATES)}, and officials in {rng.choice(PLACES)} "
                 f"said {rng.choice(DATES)} that talks would resume." for _ in range(5)]
        docs.append({"text": " ".join(sents), "date": "2015-09-05"})
    return docs


def cold_build_s(cities: str) -> float:
    """Seconds to build the gazetteer with no cache (the first use on a machine)."""
    old = os.environ.get("NEWSGRAPH_CACHE_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSGRAPH_CACHE_DIR"] = tmp
        try:
            t = time.perf_counter()
            Gazetteer(cities)
            return time.perf_counter() - t
        finally:
            if old is None:
                del os.environ["NEWSGRAPH_CACHE_DIR"]
            else:
                os.environ["NEWSGRAPH_CACHE_DIR"] = old


def main(n_synthetic: int = 60, cold: bool = False) -> dict:
    docs = documents(n_synthetic)
    p = Pipeline(load_options(pipeline={"components": []}))
    cities = p.options.places.cities
    t_build = cold_build_s(cities) if cold else None
    Gazetteer(cities)  # make sure the cache exists, so that the next line times a load from it
    t = time.perf_counter()
    gazetteer(cities)
    t_gaz = time.perf_counter() - t
    t = time.perf_counter()
    parsed = list(p.nlp.pipe([d["text"] for d in docs], batch_size=16))
    t_spacy = time.perf_counter() - t
    t_places = t_dates = 0.0
    n_places = n_dates = 0
    for d, doc in zip(docs, parsed):
        document = Document(id="bench", text=d["text"], date=d.get("date"),
                            sentences=[(s.start_char, s.end_char) for s in doc.sents])
        ann = Annotation(doc=doc, document=document, options=p.options)
        t = time.perf_counter()
        n_places += len(places_of(ann))
        t_places += time.perf_counter() - t
        t = time.perf_counter()
        n_dates += len(dates_of(ann))
        t_dates += time.perf_counter() - t
    return {"documents": len(docs), "characters": sum(len(d["text"]) for d in docs), "places": n_places,
            "dates": n_dates, "gazetteer": cities, "gazetteer_load_s": round(t_gaz, 3),
            **({"gazetteer_build_s": round(t_build, 3)} if t_build is not None else {}), "spacy_s": round(t_spacy, 3),
            "places_s": round(t_places, 3), "dates_s": round(t_dates, 3),
            "places_share": round(t_places / t_spacy, 4), "dates_share": round(t_dates / t_spacy, 4)}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--cold"]
    print(json.dumps(main(int(args[0]) if args else 60, cold="--cold" in sys.argv), indent=1))
