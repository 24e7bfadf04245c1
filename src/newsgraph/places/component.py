"""The 'places' component: every place mention of the article, geocoded offline.

See `resolve.py` for how mentions are found and disambiguated and `gazetteer.py` for the data.
The work is shared through `places_of(ann)`, so the events component may ask for places first.
"""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options
from .resolve import places_of


@component("places")
def make_places(options: Options):
    def places(ann: Annotation) -> None:
        ann.document.places = list(places_of(ann))

    return places
