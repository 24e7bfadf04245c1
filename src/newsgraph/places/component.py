"""The 'places' component. Placeholder until its issue lands: adds no records, so the contract's
'places' list is present and empty."""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options


@component("places")
def make_places(options: Options):
    def places(ann: Annotation) -> None:
        return None

    return places
