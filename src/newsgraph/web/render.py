"""An article's text as HTML with every record marked on its span, and each record as readable fields.

Records overlap freely (an actor inside a quote, an event trigger inside both), so the text is cut
at every record boundary and marks are opened and closed around each piece, outermost first; a
mark interrupted by one that ends inside it is reopened after. Every mark carries `data-m`, the
key of its record ("q0", "e3", "a1", "p0", "d2"), and the first piece of each record its anchor
`id="m-<key>"`, which the list beside the text links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from .queries import QUAD_CLASSES

PALETTE_SIZE = 10
"""Speaker colours are CSS classes spk-0 .. spk-9 (inline styles are barred by the page's CSP)."""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    key: str
    classes: str
    rank: int = 0
    """Among marks of the same span, lower ranks are outside."""
    anchor: bool = True
    """Whether the record's anchor may sit here (a quote's is on its text, not on its speaker)."""


def _ref(value: Any) -> str | None:
    """An actor reference {"name", "code"} as 'Name (CODE)'."""
    if not isinstance(value, dict):
        return None
    name, code = value.get("name"), value.get("code")
    if name and code:
        return f"{name} ({code})"
    return name or code or None


def _yes(value: Any) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _num(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def _fields(pairs: list[tuple[str, Any]]) -> list[list[str]]:
    return [[label, str(value)] for label, value in pairs if value not in (None, "", [])]


def speaker_key(quote: dict[str, Any]) -> str | None:
    speaker = quote.get("speaker") or {}
    return speaker.get("actor_id") or speaker.get("name") or speaker.get("code")


def speaker_classes(record: dict[str, Any]) -> dict[str, str]:
    """A colour class per speaker, in order of first quote."""
    out: dict[str, str] = {}
    for quote in record.get("quotes") or []:
        key = speaker_key(quote)
        if key is not None and key not in out:
            out[key] = f"spk-{len(out) % PALETTE_SIZE}"
    return out


def describe(kind: str, rec: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """What a mark's card shows: a title and (label, value) rows."""
    if kind == "quote":
        speaker = rec.get("speaker") or {}
        return {"kind": "quote", "title": f"{rec.get('type') or ''} quote".strip(),
                "fields": _fields([("speaker", _ref(speaker) or ("unnamed" if speaker else "unknown")),
                                   ("via", _ref(rec.get("via"))), ("cue", rec.get("cue")),
                                   ("confidence", _num(rec.get("confidence"))), ("text", rec.get("text"))])}
    if kind == "event":
        quad = rec.get("quad_class")
        source, target = _ref(rec.get("source")) or "?", _ref(rec.get("target")) or "?"
        location = rec.get("location") or {}
        date = rec.get("date")
        if isinstance(date, dict):
            date = date.get("value") or date.get("start")
        return {"kind": "event", "rid": rec.get("id"), "title": " / ".join(str(x) for x in (rec.get("type"), rec.get("mode")) if x) or "event",
                "fields": _fields([("source → target", f"{source} → {target}"),
                                   ("trigger", (rec.get("trigger") or {}).get("text")),
                                   ("CAMEO", rec.get("cameo")),
                                   ("quad class", f"{quad} {QUAD_CLASSES.get(quad, '')}".strip() if quad else None),
                                   ("Goldstein", _num(rec.get("goldstein"))), ("modality", rec.get("modality")),
                                   ("negated", _yes(rec.get("negated"))), ("claimed by", _ref(rec.get("claimed_by"))),
                                   ("location", location.get("name") if isinstance(location, dict) else location),
                                   ("date", f"{date} ({rec['date_source']})" if date and rec.get("date_source") else date),
                                   ("confidence", _num(rec.get("confidence")))])}
    if kind == "actor":
        return {"kind": "actor", "title": rec.get("name") or rec.get("code") or "actor",
                "fields": _fields([("code", rec.get("code")), ("kind", rec.get("kind")), ("country", rec.get("country")),
                                   ("sector", rec.get("sector")), ("knowledge base", rec.get("kb_id")),
                                   ("mentions", len(rec.get("mentions") or [])),
                                   ("confidence", _num(rec.get("confidence")))])}
    if kind == "place":
        lat, lon = rec.get("lat"), rec.get("lon")
        return {"kind": "place", "title": rec.get("name") or "place",
                "fields": _fields([("country", rec.get("country")), ("feature", rec.get("feature")),
                                   ("coordinates", f"{lat:.3f}, {lon:.3f}" if lat is not None and lon is not None else None),
                                   ("role", rec.get("role")), ("gazetteer id", rec.get("geonames_id")),
                                   ("confidence", _num(rec.get("confidence")))])}
    return {"kind": "date", "title": rec.get("text") or "date",
            "fields": _fields([("value", rec.get("value")), ("from", rec.get("start_date")), ("to", rec.get("end_date")),
                               ("granularity", rec.get("granularity")), ("confidence", _num(rec.get("confidence")))])}


def _span(rec: dict[str, Any], start: str = "start", end: str = "end") -> tuple[int, int] | None:
    s, e = rec.get(start), rec.get(end)
    return (s, e) if isinstance(s, int) and isinstance(e, int) else None


def marks_and_cards(record: dict[str, Any]) -> tuple[list[Mark], dict[str, dict[str, Any]]]:
    """Every record of a document as marks on the text, and its card by key."""
    marks: list[Mark] = []
    cards: dict[str, dict[str, Any]] = {}
    colours = speaker_classes(record)
    for i, actor in enumerate(record.get("actors") or []):
        key = f"a{i}"
        cards[key] = describe("actor", actor, record)
        for span in actor.get("mentions") or []:
            if isinstance(span, (list, tuple)) and len(span) == 2:
                marks.append(Mark(span[0], span[1], key, "m-actor", rank=1))
    for i, quote in enumerate(record.get("quotes") or []):
        key = f"q{i}"
        cards[key] = describe("quote", quote, record)
        colour = colours.get(speaker_key(quote) or "", "spk-none")
        spans = [tuple(s) for s in quote.get("spans") or [] if isinstance(s, (list, tuple)) and len(s) == 2]
        for s, e in spans or [_span(quote) or (0, 0)]:
            marks.append(Mark(s, e, key, f"m-quote {colour}"))
        speaker_span = _span(quote.get("speaker") or {})
        if speaker_span:
            marks.append(Mark(*speaker_span, key, f"m-speaker {colour}", rank=2, anchor=False))
    for i, event in enumerate(record.get("events") or []):
        key = f"e{i}"
        cards[key] = describe("event", event, record)
        span = _span(event.get("trigger") or {})
        quad = event.get("quad_class")
        if span:
            marks.append(Mark(*span, key, f"m-event quad-{quad if quad in QUAD_CLASSES else 0}", rank=3))
    for i, place in enumerate(record.get("places") or []):
        key = f"p{i}"
        cards[key] = describe("place", place, record)
        if span := _span(place):
            marks.append(Mark(*span, key, "m-place", rank=2))
    for i, date in enumerate(record.get("dates") or []):
        key = f"d{i}"
        cards[key] = describe("date", date, record)
        if span := _span(date):
            marks.append(Mark(*span, key, "m-date", rank=2))
    return marks, cards


def annotate(text: str, marks: list[Mark]) -> Markup:
    """The text as HTML with nested <mark>-like spans; offsets outside the text are ignored."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    def outer_first(m: Mark) -> tuple[int, int, int]:
        return (m.start, -m.end, m.rank)

    pending = sorted(marks, key=outer_first, reverse=True)  # popped from the end, earliest first
    active: list[Mark] = []
    anchored: set[str] = set()
    out: list[str] = []
    stack: list[Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a]
        while pending and pending[-1].start <= a:
            active.append(pending.pop())
        want = sorted(active, key=outer_first)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] is want[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        for m in want[keep:]:
            anchor = f' id="m-{m.key}"' if m.anchor and m.key not in anchored else ""
            if m.anchor:
                anchored.add(m.key)
            out.append(f'<span class="m {m.classes}" data-m="{m.key}"{anchor}>')
        stack = want
        out.append(str(escape(text[a:b])))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def article_view(record: dict[str, Any]) -> dict[str, Any]:
    """Everything the article template needs: the marked-up text, cards, and side lists."""
    marks, cards = marks_and_cards(record)
    colours = speaker_classes(record)
    speakers = []
    for quote in record.get("quotes") or []:
        key = speaker_key(quote)
        if key is not None and all(s["key"] != key for s in speakers):
            speaker = quote.get("speaker") or {}
            speakers.append({"key": key, "name": speaker.get("name") or "(unnamed)", "code": speaker.get("code"),
                             "colour": colours[key]})
    return {"html": annotate(record.get("text") or "", marks), "cards": cards, "speakers": speakers,
            "colours": colours}
