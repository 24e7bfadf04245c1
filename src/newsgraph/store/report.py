"""The readable overview `newsgraph summary` prints (and `make demo` ends with)."""

from __future__ import annotations

from typing import Any

from .db import Store


def summary(store: Store, top: int = 15) -> list[tuple[str, list[dict[str, Any]]]]:
    """Titled tables: counts, quotes by speaker, the quotes themselves, actors, errors."""
    counts = store.counts()
    sections = [("store", [{"table": t, "rows": n} for t, n in counts.items()])]
    sections.append(("quotes by speaker", store.rows(
        "SELECT coalesce(speaker_name, '(unnamed)') AS speaker, speaker_code AS code, count(*) AS quotes, "
        "count(*) FILTER (WHERE type = 'direct') AS direct, count(*) FILTER (WHERE type = 'indirect') AS indirect, "
        "count(*) FILTER (WHERE type = 'mixed') AS mixed FROM quotes GROUP BY ALL ORDER BY quotes DESC, speaker "
        f"LIMIT {int(top)}")))
    sections.append(("quotes", store.rows(
        "SELECT doc_id AS doc, coalesce(speaker_name, '(unnamed)') AS speaker, via_name AS via, type, cue, "
        "CASE WHEN length(text) > 90 THEN left(text, 87) || '...' ELSE text END AS quote "
        f"FROM quotes ORDER BY doc_id, n LIMIT {int(top) * 3}")))
    sections.append(("actors", store.actors(limit=top)))
    if counts["events"]:
        sections.append(("events by type", store.rows(
            "SELECT type, count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein FROM events "
            "GROUP BY type ORDER BY events DESC")))
    if counts["errors"]:
        sections.append(("errors", store.errors()))
    return sections
