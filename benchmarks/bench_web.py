"""Web benchmark (figures, not a timed test): median latency of the API and pages on 100,000 events.

Builds a synthetic store: 1,000 articles written through Store.write with full records (so the
article page has quotes, events, actors, places and dates to mark), then event rows inserted
directly up to the total. Each request runs in process through the whole app (routing,
validation, SQL, JSON or HTML), a few times to warm up, then `--repeat` times.

    .venv/bin/python benchmarks/bench_web.py [--events 100000] [--repeat 30] [--keep DIR]

Targets (issue 5): filtered events list and network query < 100 ms median; article page < 300 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa

TYPES = [("AGREE", 1, 4.0), ("CONSULT", 1, 1.0), ("SUPPORT", 1, 3.5), ("COOPERATE", 2, 6.0), ("AID", 2, 7.4),
         ("REQUEST", 1, 3.0), ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0), ("THREATEN", 3, -7.0), ("PROTEST", 3, -6.5),
         ("SANCTION", 4, -8.0), ("MOBILIZE", 4, -7.2), ("COERCE", 4, -9.0), ("ASSAULT", 4, -10.0)]
COUNTRIES = ["RUS", "UKR", "USA", "SYR", "TUR", "IRN", "ISR", "CHN", "FRA", "GBR", "DEU", "YEM", "SAU", "IRQ", "AFG",
             "PAK", "IND", "EGY", "LBY", "SDN"]
SECTORS = ["", "GOV", "MIL", "REB", "OPP", "MED"]
PLACES = [(f"Town {i}", COUNTRIES[i % len(COUNTRIES)], random.Random(i).uniform(-40, 60),
           random.Random(-i).uniform(-100, 140)) for i in range(300)]
WORDS = ("the officials said forces talks border ministry attack aid troops ceasefire spokesman government "
         "rebels city region agreement sanctions statement convoy negotiators president minister").split()


def article(rng: random.Random, n: int):
    """One synthetic document with every kind of record, offsets consistent with its text."""
    from newsgraph.records import Actor, Document, Quote, Speaker

    parts, spans = [], []
    pos = 0
    for s in range(40):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + ". "
        spans.append((pos, pos + len(sentence) - 1))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts)
    actors, quotes, events, places, dates = [], [], [], [], []
    for i in range(12):
        s, e = spans[i * 3]
        code = rng.choice(COUNTRIES) + rng.choice(SECTORS)
        actors.append(Actor(f"a{i}", f"Actor {code} {i}", "organization", code, code[:3], code[3:] or None,
                            [(s, s + 3), (spans[i * 3 + 1][0], spans[i * 3 + 1][0] + 3)], None, 0.8))
    for i in range(6):
        s, e = spans[i * 6 + 2]
        speaker = actors[i]
        quotes.append(Quote(text[s + 5:e], s + 5, e, rng.choice(["direct", "indirect", "mixed"]), "said",
                            Speaker(speaker.name, speaker.id, speaker.code, *speaker.mentions[0]), None, i * 6 + 2,
                            [(s + 5, e)], None, 0.7))
    for i in range(10):
        s, e = spans[i * 4 + 1]
        typ, quad, gold = rng.choice(TYPES)
        src, tgt = rng.sample(actors, 2)
        place = rng.choice(PLACES)
        events.append({"id": f"e{i}", "type": typ, "mode": None, "cameo": "000", "quad_class": quad, "goldstein": gold,
                       "source": {"name": src.name, "actor_id": src.id, "code": src.code},
                       "target": {"name": tgt.name, "actor_id": tgt.id, "code": tgt.code},
                       "trigger": {"text": text[s + 8:s + 14], "start": s + 8, "end": s + 14}, "sentence": i * 4 + 1,
                       "start": s, "end": e, "negated": False, "modality": "asserted", "claimed_by": None,
                       "location": {"name": place[0], "country": place[1], "lat": place[2], "lon": place[3]},
                       "date": None, "confidence": 0.6})
        places.append({"name": place[0], "start": e - 6, "end": e - 1, "sentence": i * 4 + 1, "country": place[1],
                       "lat": place[2], "lon": place[3], "feature": "city", "geonames_id": None, "role": "location",
                       "confidence": 0.7})
        dates.append({"text": text[e - 12:e - 8], "start": e - 12, "end": e - 8, "sentence": i * 4 + 1,
                      "value": None, "start_date": None, "end_date": None, "granularity": "day", "confidence": 0.5})
    day = f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return Document(id=f"bench-{n}", text=text, date=day, title=f"Synthetic article {n}", source="bench",
                    sentences=spans, actors=actors, quotes=quotes, events=events, places=places, dates=dates,
                    version="bench")


def extra_events(con, docs: list[tuple[str, str, str]], n: int, rng: random.Random) -> None:
    """`n` event rows straight into the table, spread over the documents and two years."""
    cols: dict[str, list] = {k: [] for k in ("doc", "doc_id", "id", "type", "quad_class", "goldstein", "source_name",
                                             "source_code", "target_name", "target_code", "trigger_text",
                                             "location_name", "location_country", "location_lat", "location_lon",
                                             "event_date", "modality", "confidence", "negated", "start", "end")}
    for i in range(n):
        doc_hash, doc_id, _ = docs[i % len(docs)]
        typ, quad, gold = TYPES[rng.randrange(len(TYPES))]
        src = rng.choice(COUNTRIES) + rng.choice(SECTORS)
        tgt = rng.choice(COUNTRIES) + rng.choice(SECTORS)
        place = PLACES[rng.randrange(len(PLACES))]
        row = (doc_hash, doc_id, f"x{i}", typ, quad, gold, f"Actor {src}", src, f"Actor {tgt}", tgt, "struck",
               place[0], place[1], place[2], place[3], f"{2022 + i % 2}-{1 + i % 12:02d}-{1 + (i // 12) % 28:02d}",
               "asserted", 0.6, False, 0, 10)
        for key, value in zip(cols, row):
            cols[key].append(value)
    rows = pa.table(cols)  # noqa: F841 (read by DuckDB by name)
    names = ", ".join(f'"{c}"' for c in cols)
    values = ", ".join("CAST(event_date AS DATE)" if c == "event_date" else f'"{c}"' for c in cols)
    con.execute(f"INSERT INTO events ({names}) SELECT {values} FROM rows")


def build(path: Path, n_events: int, n_docs: int = 1000) -> None:
    from newsgraph.store import Store

    rng = random.Random(7)
    with Store(path) as store:
        docs = [article(rng, i) for i in range(n_docs)]
        for i in range(0, len(docs), 200):
            store.write(docs[i:i + 200])
        keys = [(d.hash, d.id, d.date) for d in docs]
        extra_events(store.con, keys, n_events - sum(len(d.events) for d in docs), rng)
        store.con.execute("CHECKPOINT")


def median_ms(client, url: str, repeat: int) -> tuple[float, float]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, url
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build the store in this directory and keep it")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench-web.duckdb"
        path.unlink(missing_ok=True)
        start = time.perf_counter()
        build(path, args.events)
        print(f"store: {args.events:,} events, 1,000 articles, built in {time.perf_counter() - start:.1f} s")
        cases = [
            ("events list, filtered (actor, type, dates, sort)", "/api/events?actor=RUS&type=ASSAULT,COERCE"
             "&since=2022-03-01&until=2023-06-30&sort=-goldstein&limit=50", 100),
            ("events list, filtered by quad class and country", "/api/events?quad_class=4&country=UKR&limit=50", 100),
            ("events list, first page, no filter", "/api/events?limit=50", 100),
            ("events list, full-text filter", "/api/events?q=struck&actor=SYR&limit=50", None),
            ("network, all events", "/api/network", 100),
            ("network, filtered (type, dates)", "/api/network?type=ASSAULT&since=2023-01-01", 100),
            ("timeline, all events", "/api/events/timeline", None),
            ("map, all events", "/api/map", None),
            ("article page (HTML)", "/articles/bench-17", 300),
            ("article record (JSON)", "/api/documents/bench-17", None),
            ("events page (HTML, filtered)", "/events?actor=RUS&type=ASSAULT", None),
        ]
        with TestClient(create_app(path)) as client:
            print(f"{'request':52} {'median ms':>10} {'max ms':>8}  target")
            for label, url, target in cases:
                med, worst = median_ms(client, url, args.repeat)
                verdict = "" if target is None else f"< {target} ms {'ok' if med < target else 'MISSED'}"
                print(f"{label:52} {med:10.1f} {worst:8.1f}  {verdict}")


if __name__ == "__main__":
    main()
