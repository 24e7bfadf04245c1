"""Dates: time expressions normalised against the publication date (see component.py).

    from newsgraph.dates import DateRef, dates_of, date_for_sentence, date_for_token, normalise

`date_for_sentence(ann, i)` and `date_for_token(ann, token)` are for the events component:
they work before or after the 'dates' component has run (the work is shared via ann.shared).
"""

from .extract import date_for_sentence, date_for_token, dates_of
from .normalise import normalise
from .records import DateRef

__all__ = ["DateRef", "dates_of", "date_for_sentence", "date_for_token", "normalise"]
