"""The 'events' component. Placeholder until its issue lands: adds no records, so the contract's
'events' list is present and empty."""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options


@component("events")
def make_events(options: Options):
    def events(ann: Annotation) -> None:
        return None

    return events
