"""The 'quotes' component. Placeholder until its issue lands: adds no records, so the contract's
'quotes' list is present and empty."""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options


@component("quotes")
def make_quotes(options: Options):
    def quotes(ann: Annotation) -> None:
        return None

    return quotes
