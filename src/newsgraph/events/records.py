"""The event record: who did what to whom, where and when, and how sure the text is about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import ActorRef, as_plain

MODALITIES = ("asserted", "reported", "hypothetical", "future", "denied", "question")
"""asserted: the article states it in its own voice. reported: it is attributed to someone
(`claimed_by`) or hedged as a report ("reportedly", "reports of"). hypothetical: conditional,
proposed, demanded, threatened or merely discussed. future: promised, planned or announced as
coming. denied: someone denies it happened. question: asked, not stated."""


@dataclass
class Trigger:
    text: str
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    """One of the 16 PLOVER event types."""
    mode: str | None
    """PLOVER v2 mode (e.g. ASSAULT aerial); for AID newsgraph adds military, economic,
    humanitarian, peacekeeping and asylum after CAMEO 071-075."""
    cameo: str
    quad_class: int | None
    goldstein: float | None
    source: ActorRef | None
    target: ActorRef | None
    trigger: Trigger
    sentence: int
    start: int
    """Span of the event's clause (trigger plus its arguments) in the document text."""
    end: int
    negated: bool = False
    modality: str = "asserted"
    claimed_by: ActorRef | None = None
    location: Any = None
    """The document's place record (role "location") where the event happens, or null."""
    date: str | None = None
    """ISO date or range ("2015-09-04", "2015-08-24/2015-08-30")."""
    date_source: str | None = None
    """"sentence" when the date comes from a date expression in the event's sentence,
    "publication" when it is the article's date, null when neither is known."""
    confidence: float = 0.5
    """Estimated probability that type and source are both right, by trigger kind and argument
    evidence (see docs/evaluation.md#events for how it was calibrated)."""
    parent: str | None = None
    """Id of the speech act this event is embedded in: the AGREE of "agreed to withdraw", the
    THREATEN of "threatened to strike"; null for a main event."""
    quote: int | None = None
    """Index into Document.quotes of the quote holding the trigger, if any."""
    group: str | None = None
    """Events split from one clause with compound actors ("Hungarian and Romanian officials
    agreed") share a group id: one event per (source, target) pair."""
    source_role: str | None = None
    """How the source was found: subject, agent, possessive, modifier, speaker, controller, ..."""

    def to_dict(self) -> dict[str, Any]:
        return as_plain(self)

    @property
    def factual(self) -> bool:
        """Whether the text presents the event as having happened (asserted or reported, not negated)."""
        return not self.negated and self.modality in ("asserted", "reported")


@dataclass
class Candidate:
    """An event found in the parse before ids, places and dates are attached (internal)."""

    type: str
    mode: str | None
    cameo: str
    trigger_i: int
    wrap: bool = False
    sym: bool = False
    inv: bool = False
    nominal: bool = False
    depth: int = 0
    sources: list[Any] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)
    source_role: str | None = None
    negated: bool = False
    modality: str = "asserted"
    claimed_by: ActorRef | None = None
    quote: int | None = None
    parent: "Candidate | None" = None
    confidence: float = 0.5
    span: tuple[int, int] = (0, 0)
