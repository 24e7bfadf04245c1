"""The records newsgraph reads and returns: the JSON contract as dataclasses.

Offsets are Python `str` offsets into the document text, end exclusive. `Document.to_dict()`
gives the contract; records of later stages (events, places, dates) are dataclasses of their
own packages and serialise the same way.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """Identity of a document's content: the same text is never stored twice."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def as_plain(value: Any) -> Any:
    """Dataclasses, tuples and nested lists to JSON-ready dicts and lists (field names are
    looked up once per class: this runs for every record the store writes)."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _field_names(cls)
    if names is not None:  # most fields are scalars: no call for them
        out = {}
        for n in names:
            v = getattr(value, n)
            out[n] = v if type(v) in _SCALARS else as_plain(v)
        return out
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _SCALARS else as_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    return value


@dataclass
class RawDoc:
    """A document as read from input, before any NLP."""

    text: str
    id: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    origin: str | None = None
    """The file it came from, for error messages and provenance."""
    line: int | None = None
    """The line (JSONL) or record (CSV) within that file."""


@dataclass
class ErrorRecord:
    """A document that could not be read or processed: one line on stderr, one row in the store."""

    origin: str
    code: str
    reason: str
    line: int | None = None
    doc_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: [{self.code}] {self.reason}"


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int
    actor_id: str | None = None


@dataclass
class Actor:
    """A document-level actor: every mention of one person, organisation, country or group."""

    id: str
    name: str | None
    kind: str  # person | organization | country | group
    code: str | None = None  # CAMEO-style: country + sector, e.g. RUSGOV
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, OPP, REB, MED, ...
    mentions: list[tuple[int, int]] = field(default_factory=list)
    kb_id: str | None = None
    confidence: float = 0.5


@dataclass
class ActorRef:
    """A pointer to an actor from another record (a quote's `via`, an event's source)."""

    name: str | None
    actor_id: str | None
    code: str | None = None


@dataclass
class Speaker(ActorRef):
    start: int | None = None
    end: int | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    type: str  # direct | indirect | mixed
    cue: str | None
    speaker: Speaker | None
    via: ActorRef | None
    sentence: int
    """Index into Document.sentences of the sentence where the quote starts."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    """The content fragments (a quote split around its cue has two)."""
    cue_span: tuple[int, int] | None = None
    confidence: float = 0.5


@dataclass
class Document:
    id: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None
    """The file (and line) it was read from, when it came from a file."""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    version: str = ""

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        out = as_plain(self)
        out["hash"] = self.hash
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """The Document of a stored record (`to_dict` output), so exports and tools that take
        Documents also run on a store. Places and dates stay dicts; extra keys are ignored."""
        from .events.records import Event, Trigger

        def ref(kind: type, value: dict[str, Any] | None) -> Any:
            return kind(**value) if value else None

        def event(e: dict[str, Any]) -> Event:
            return Event(**{**e, "source": ref(ActorRef, e.get("source")), "target": ref(ActorRef, e.get("target")),
                            "claimed_by": ref(ActorRef, e.get("claimed_by")), "trigger": Trigger(**e["trigger"])})

        def quote(q: dict[str, Any]) -> Quote:
            return Quote(**{**q, "speaker": ref(Speaker, q.get("speaker")), "via": ref(ActorRef, q.get("via")),
                            "spans": [tuple(x) for x in q.get("spans") or []],
                            "cue_span": tuple(q["cue_span"]) if q.get("cue_span") else None})

        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{**{k: v for k, v in d.items() if k in names},
                      "sentences": [tuple(x) for x in d.get("sentences") or []],
                      "entities": [Entity(**x) for x in d.get("entities") or []],
                      "actors": [Actor(**{**a, "mentions": [tuple(m) for m in a.get("mentions") or []]})
                                 for a in d.get("actors") or []],
                      "quotes": [quote(q) for q in d.get("quotes") or []],
                      "events": [event(e) for e in d.get("events") or []],
                      "errors": [ErrorRecord(**x) for x in d.get("errors") or []]})
