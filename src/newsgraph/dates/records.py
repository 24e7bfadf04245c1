"""The date record that the 'dates' component adds to `Document.dates`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DateRef:
    """One time expression, normalised against the publication date (TIMEX3-like).

    `value` is ISO 8601 at the expression's own precision: "2015-09-04" (day), "2015-W35"
    (week), "2015-09" (month), "2015-Q3" (quarter), "2015-SU" (season, as TIMEX3), "2015" (year),
    "199X" (decade, EDTF), "19" (century), "2011/2013" (a range), "P3D" (a duration). It is null
    when the expression cannot be resolved, e.g. "last week" in a document without a date.

    `start_date`/`end_date` are the first and last days covered (inclusive, ISO dates): equal
    for a day, Monday..Sunday for a week, 2014-05-01..2014-08-31 for "mid-2014". Null for
    durations and sets.

    `mod` qualifies the value as TIMEX3 does: "start" | "mid" | "end" (early/mid/late),
    "earlier" | "later" ("earlier this month": from the month's start to the publication date),
    "since" | "until" | "before" | "after" | "by", "approx" ("in recent weeks").

    `relative` is true when the value depends on the publication date or on an earlier date of
    the article ("the next day"). `confidence` is a rough probability that start/end are right:
    0.95 explicit full dates, ~0.85 a year or weekday inferred, ~0.6 approximate or anaphoric
    expressions, 0 unresolved.
    """

    text: str
    start: int
    end: int
    sentence: int
    value: str | None
    start_date: str | None
    end_date: str | None
    granularity: str | None  # day | week | weekend | month | quarter | season | year | decade | century
    relative: bool
    type: str = "date"  # date | range | duration | set
    mod: str | None = None
    confidence: float = 0.0
