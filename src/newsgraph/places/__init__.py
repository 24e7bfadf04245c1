"""Places: offline geocoding of the places an article names (see component.py).

    from newsgraph.places import Place, places_of, places_for_sentence
"""

from .records import Place
from .resolve import places_for_sentence, places_of

__all__ = ["Place", "places_of", "places_for_sentence"]
