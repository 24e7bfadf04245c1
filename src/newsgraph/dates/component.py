"""The 'dates' component: every time expression of the article, normalised against its
publication date (`Document.date`); without one, relative expressions keep their span and get
a null value.

See `normalise.py` for the rules and `extract.py` for spans, tense and `date_for_sentence`.
"""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options
from .extract import dates_of


@component("dates")
def make_dates(options: Options):
    def dates(ann: Annotation) -> None:
        ann.document.dates = dates_of(ann)

    return dates
