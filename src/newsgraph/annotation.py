"""The state one document carries through the pipeline: the spaCy parse and the records so far.

Components read the parse and earlier components' records, and add their own. Helpers here
are the ones several components need (sentence lookup, actor lookup by span).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import Actor, Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .settings import Options


@dataclass
class Annotation:
    doc: "Doc"
    document: Document
    options: "Options"
    shared: dict[str, Any] = field(default_factory=dict)
    """Scratch space for components that pass data on to later ones (keyed by component name)."""

    def __post_init__(self) -> None:
        self._sent_starts = [s for s, _ in self.document.sentences]

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character offset `char`."""
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest mention."""
        best: tuple[int, Actor] | None = None
        for actor in self.document.actors:
            for s, e in actor.mentions:
                if s < end and start < e:
                    slack = abs(s - start) + abs(e - end)
                    if best is None or slack < best[0]:
                        best = (slack, actor)
        return best[1] if best else None
