"""A synthetic benchmark corpus: articles of about 600 words made from the example articles' paragraphs.

Each article is a deterministic shuffle of paragraphs with a unique closing line, so every text
(and content hash) differs while the language stays that of real conflict news.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles" / "articles.jsonl"


def paragraphs() -> list[str]:
    out = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out += [p for p in json.loads(line)["text"].split("\n\n") if len(p.split()) > 8]
    return out


def articles(n: int, words: int = 600, seed: int = 7) -> Iterator[dict[str, str]]:
    paras = paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        chosen, count = [], 0
        while count < words:
            p = rng.choice(paras)
            chosen.append(p)
            count += len(p.split())
        chosen.append(f"This is report number {i} of the benchmark series, filed on day {i % 28 + 1}.")
        yield {"id": f"bench-{i}", "date": f"2015-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "text": "\n\n".join(chosen)}


def write(path: Path, n: int, words: int = 600) -> int:
    """Write n articles as JSON Lines; returns the number of words."""
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in articles(n, words):
            total += len(art["text"].split())
            fh.write(json.dumps(art) + "\n")
    return total
