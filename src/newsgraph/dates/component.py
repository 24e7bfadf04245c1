"""The 'dates' component. Placeholder until its issue lands: adds no records, so the contract's
'dates' list is present and empty."""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options


@component("dates")
def make_dates(options: Options):
    def dates(ann: Annotation) -> None:
        return None

    return dates
