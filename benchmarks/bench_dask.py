"""Dask engine benchmark: speed-up from 1 to 2 workers, articles/s per core, overhead against one process.

    .venv/bin/python benchmarks/bench_dask.py                # 5,000 articles of ~600 words
    .venv/bin/python benchmarks/bench_dask.py -n 500 --workers 1,2

Prints figures (no timed assertions). The articles are generated here from templated sentences
(news-agency style, written for this benchmark): every article differs, so no content hash repeats.
Each configuration runs on the same corpus, in a fresh output directory, with a fresh cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# one BLAS thread, as Dask gives each worker: "per core" figures then compare like with like
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

LEADERS = [("Russian Foreign Minister", "Sergei Lavrov", "Russia", "Moscow"),
           ("US Secretary of State", "Antony Blinken", "the United States", "Washington"),
           ("Turkish President", "Recep Tayyip Erdogan", "Turkey", "Ankara"),
           ("Ukrainian President", "Volodymyr Zelensky", "Ukraine", "Kyiv"),
           ("Iranian Foreign Minister", "Abbas Araghchi", "Iran", "Tehran"),
           ("Israeli Prime Minister", "Benjamin Netanyahu", "Israel", "Jerusalem"),
           ("Chinese Foreign Minister", "Wang Yi", "China", "Beijing"),
           ("French President", "Emmanuel Macron", "France", "Paris"),
           ("German Chancellor", "Olaf Scholz", "Germany", "Berlin"),
           ("Syrian Foreign Minister", "Faisal Mekdad", "Syria", "Damascus"),
           ("Qatari Prime Minister", "Mohammed bin Abdulrahman Al Thani", "Qatar", "Doha"),
           ("Egyptian President", "Abdel Fattah al-Sisi", "Egypt", "Cairo")]
ORGS = ["the United Nations", "the European Union", "NATO", "the International Committee of the Red Cross",
        "the International Atomic Energy Agency", "the Arab League", "the African Union", "the World Food Programme"]
FORCES = ["Russian troops", "Ukrainian forces", "Syrian government forces", "Houthi rebels", "Israeli warplanes",
          "Kurdish-led fighters", "Hamas militants", "Turkish drones", "Sudanese paramilitaries", "Wagner mercenaries"]
CITIES = ["Kharkiv", "Aleppo", "Idlib", "Gaza City", "Rafah", "Sanaa", "Hodeidah", "Kherson", "Bakhmut", "Mosul",
          "Khartoum", "Beirut", "Tripoli", "Goma", "Donetsk", "Zaporizhzhia", "Deir al-Zor", "Marib"]
VENUES = ["Geneva", "Vienna", "Istanbul", "Doha", "Cairo", "Riyadh", "Brussels", "New York", "Astana", "Oslo"]
AGENCIES = ["Reuters", "the Associated Press", "AFP", "Interfax", "TASS", "Anadolu", "Al Jazeera", "IRNA"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]

TEMPLATES = [
    '"We will not accept any attempt to change borders by force," {title} {name} told reporters in {venue} on {day}.',
    "{title} {name} said {country} was ready to resume talks but would not abandon its security demands.",
    "{force} shelled villages near {city} overnight, killing {n} civilians and wounding dozens, local officials said.",
    "According to {agency}, {force} advanced several kilometres toward {city} on {day} despite heavy losses.",
    '{agency} quoted {surname} as saying that the new sanctions "will only harden our resolve".',
    "{org} called for an immediate ceasefire and urged all sides to protect civilians and hospitals.",
    "{title} {name} met his counterpart from {country2} in {venue} to discuss a prisoner exchange.",
    'The foreign ministry in {capital} denied the report, calling it "a provocation designed to derail the talks".',
    '"The humanitarian situation is catastrophic," a spokesman for {org} said. "Aid convoys cannot reach {city}."',
    "{country} imposed new sanctions on {n} officials accused of supplying drones and missile parts.",
    "A senior US official, speaking on condition of anonymity, said Washington was weighing more air defence aid.",
    "Diplomats said the talks in {venue} had made little progress after {n} hours of negotiations.",
    "{force} said they had shot down {n} drones launched overnight from across the border.",
    "Residents of {city} described hearing loud explosions shortly after midnight, followed by sirens.",
    '{surname} warned that {country} would respond "decisively and without hesitation" to any further attacks.',
    "The defence ministry in {capital} said {n} soldiers had been wounded in the fighting near {city}.",
    "Oil prices rose on {day} after {force} attacked a tanker in the Red Sea, shipping sources said.",
    "{org} said more than {n},000 people had fled their homes since the offensive began in {month}.",
    "In a statement, {org} condemned the strike on a hospital in {city} and demanded an investigation.",
    "{title} {name} is expected to travel to {venue} next week for talks with {title2} {name2}.",
    "{surname} told {agency} that any agreement must include guarantees for the return of refugees.",
    "The ceasefire, brokered by {country2} in {month}, has been violated repeatedly, observers said.",
    "{name2} accused {country} of using the negotiations to buy time and rearm its forces.",
    "Satellite images reviewed by analysts showed new fortifications around {city}.",
    '"Nobody wants a wider war, but we must be prepared for one," {surname} said in a televised address.',
    "Officials in {capital} said the president had spoken by telephone with {title2} {name2} on {day}.",
    "Human rights groups said at least {n} people had been detained after the protests in {city}.",
    "{org} warned that the fighting had cut water and electricity to about {n},000 households.",
    "The talks were suspended on {day} after the delegation from {country2} walked out, a source said.",
    "{force} withdrew from two villages south of {city}, according to a statement from the general staff.",
]


def article(i: int, words: int = 600, seed: int = 11) -> dict[str, str]:
    """One synthetic article of about `words` words, different for every i."""
    rng = random.Random(seed * 1_000_003 + i)
    text, count, paragraph = [], 0, []
    while count < words:
        (title, name, country, capital), (title2, name2, country2, _) = rng.sample(LEADERS, 2)
        sentence = rng.choice(TEMPLATES).format(
            title=title, name=name, surname=name.split()[-1], country=country, capital=capital, title2=title2,
            name2=name2, country2=country2, org=rng.choice(ORGS), force=rng.choice(FORCES), city=rng.choice(CITIES),
            venue=rng.choice(VENUES), agency=rng.choice(AGENCIES), day=rng.choice(DAYS), month=rng.choice(MONTHS),
            n=rng.randint(2, 90))
        sentence = sentence[0].upper() + sentence[1:]
        paragraph.append(sentence)
        count += len(sentence.split())
        if len(paragraph) >= rng.randint(1, 3):
            text.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        text.append(" ".join(paragraph))
    text.append(f"This report, number {i} in the series, was filed from {rng.choice(VENUES)}.")
    date = f"2024-{1 + i % 6:02d}-{1 + (i * 7) % 28:02d}"
    return {"id": f"syn-{i}", "date": date, "source": rng.choice(AGENCIES), "text": "\n\n".join(text)}


def articles(n: int, start: int = 0, words: int = 600) -> Iterator[dict[str, str]]:
    for i in range(start, start + n):
        yield article(i, words)


def write_corpus(path: Path, n: int, start: int = 0, words_per_article: int = 600) -> int:
    """n articles as JSON Lines; returns the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in articles(n, start, words_per_article):
            words += len(art["text"].split())
            fh.write(json.dumps(art) + "\n")
    return words


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def bench_single(corpus: Path, n: int) -> float:
    from newsgraph import load_options
    from newsgraph.batch import process
    from newsgraph.ingest import read_paths

    start = time.perf_counter()
    done = sum(1 for _ in process(read_paths([corpus]), load_options(), jobs=1))
    seconds = time.perf_counter() - start
    assert done == n, done
    return seconds


def bench_dask(corpus: Path, out: Path, workers: int, n: int) -> tuple[float, float, float, float]:
    """(cluster start-up s, ingest s, worker busy s, driver CPU s) with a fresh LocalCluster of `workers` processes.

    The driver's CPU time includes the scheduler, which a LocalCluster runs in the driver's process.
    """
    from distributed import Client

    from newsgraph.distributed import ingest
    from newsgraph.distributed.engine import local_cluster

    start = time.perf_counter()
    cluster = local_cluster(workers)  # the cluster `ingest --engine dask --workers N` starts
    client = Client(cluster)
    startup = time.perf_counter() - start
    try:
        start, cpu = time.perf_counter(), time.process_time()
        summary = ingest([corpus], out, client=client)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        client.close()
        cluster.close()
    assert summary.stored == n, summary
    return startup, seconds, summary.busy, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=5000, help="articles")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--words", type=int, default=600, help="words per article")
    parser.add_argument("--no-single", action="store_true", help="skip the single-process baseline")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="ng-bench-dask-"))
    try:
        corpus = scratch / "corpus.jsonl"
        words = write_corpus(corpus, args.n, words_per_article=args.words)
        print(f"{args.n} articles, {words} words ({words / args.n:.0f} per article); {os.cpu_count()} cores; {load()}")
        single = None
        if not args.no_single:
            single = bench_single(corpus, args.n)
            print(f"single process (batch.process, jobs=1): {single:.1f} s, {args.n / single:.2f} articles/s, "
                  f"{words / single:.0f} words/s; {load()}")
        times: dict[int, float] = {}
        for w in map(int, args.workers.split(",")):
            startup, seconds, busy, driver = bench_dask(corpus, scratch / f"out-{w}", w, args.n)
            times[w] = seconds
            print(f"dask, {w} worker(s): {seconds:.1f} s (+{startup:.1f} s cluster start), {args.n / seconds:.2f} "
                  f"articles/s, {args.n / seconds / w:.2f} articles/s per core, {words / seconds:.0f} words/s; "
                  f"workers busy {busy / (seconds * w) * 100:.0f} % of the time ({busy / args.n * 1000:.0f} ms per "
                  f"article in tasks); driver+scheduler CPU {driver / args.n * 1000:.2f} ms per article; {load()}")
        if 1 in times and single is not None:
            overhead = (times[1] - single) / args.n * 1000
            print(f"dask overhead against one process: {overhead:+.2f} ms per article "
                  f"({(times[1] / single - 1) * 100:+.1f} %; includes rows, Arrow and Parquet writing)")
        if 1 in times and 2 in times:
            print(f"speed-up 1 -> 2 workers: {times[1] / times[2]:.2f}x")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
