"""The date rules on expression text alone (no spaCy): every case of the brief, exactly.

Publication date for most cases: Saturday 5 September 2015.
"""

import datetime as dt

import pytest

from newsgraph.dates.normalise import NOT_A_DATE, normalise

SAT = dt.date(2015, 9, 5)


def norm(text, anchor=SAT, tense=None, **kw):
    r = normalise(text, anchor, tense, **kw)
    assert r is not None, text
    return r


def span(r):
    return (r.start.isoformat() if r.start else None, r.end.isoformat() if r.end else None)


@pytest.mark.parametrize("text, value, start, end, granularity", [
    ("on Friday", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("last week", "2015-W35", "2015-08-24", "2015-08-30", "week"),
    ("yesterday", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("on September 14", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("earlier this month", "2015-09", "2015-09-01", "2015-09-05", "month"),
    ("in 2011", "2011", "2011-01-01", "2011-12-31", "year"),
    ("three days ago", "2015-09-02", "2015-09-02", "2015-09-02", "day"),
    ("last year", "2014", "2014-01-01", "2014-12-31", "year"),
    ("next Monday", "2015-09-07", "2015-09-07", "2015-09-07", "day"),
    ("this week", "2015-W36", "2015-08-31", "2015-09-06", "week"),
    ("on Sept. 4", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("14 September 2015", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("the 1990s", "199X", "1990-01-01", "1999-12-31", "decade"),
    ("mid-2014", "2014", "2014-05-01", "2014-08-31", "year"),
    ("September 14, 2015", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("Tuesday, 14 September 2015", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("Sept 4", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("the 4th of September", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("today", "2015-09-05", "2015-09-05", "2015-09-05", "day"),
    ("this morning", "2015-09-05", "2015-09-05", "2015-09-05", "day"),
    ("last night", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("tomorrow", "2015-09-06", "2015-09-06", "2015-09-06", "day"),
    ("the day before yesterday", "2015-09-03", "2015-09-03", "2015-09-03", "day"),
    ("Friday night", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("early Friday", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("last Friday", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("Saturday", "2015-09-05", "2015-09-05", "2015-09-05", "day"),
    ("Monday of last week", "2015-08-24", "2015-08-24", "2015-08-24", "day"),
    ("next week", "2015-W37", "2015-09-07", "2015-09-13", "week"),
    ("last month", "2015-08", "2015-08-01", "2015-08-31", "month"),
    ("this month", "2015-09", "2015-09-01", "2015-09-30", "month"),
    ("next year", "2016", "2016-01-01", "2016-12-31", "year"),
    ("this year", "2015", "2015-01-01", "2015-12-31", "year"),
    ("earlier this year", "2015", "2015-01-01", "2015-09-05", "year"),
    ("later this week", "2015-W36", "2015-09-05", "2015-09-06", "week"),
    ("earlier this week", "2015-W36", "2015-08-31", "2015-09-05", "week"),
    ("late last year", "2014", "2014-09-01", "2014-12-31", "year"),
    ("early next year", "2016", "2016-01-01", "2016-04-30", "year"),
    ("the end of last year", "2014", "2014-09-01", "2014-12-31", "year"),
    ("the beginning of 2015", "2015", "2015-01-01", "2015-04-30", "year"),
    ("early September", "2015-09", "2015-09-01", "2015-09-10", "month"),
    ("mid-August", "2015-08", "2015-08-11", "2015-08-20", "month"),
    ("late August", "2015-08", "2015-08-21", "2015-08-31", "month"),
    ("in May", "2015-05", "2015-05-01", "2015-05-31", "month"),
    ("May 2014", "2014-05", "2014-05-01", "2014-05-31", "month"),
    ("March of 2011", "2011-03", "2011-03-01", "2011-03-31", "month"),
    ("September 14 in 2011", "2011-09-14", "2011-09-14", "2011-09-14", "day"),
    ("last September", "2014-09", "2014-09-01", "2014-09-30", "month"),
    ("next March", "2016-03", "2016-03-01", "2016-03-31", "month"),
    ("two weeks ago", "2015-W34", "2015-08-17", "2015-08-23", "week"),
    ("a year ago", "2014", "2014-01-01", "2014-12-31", "year"),
    ("two decades ago", "1995", "1995-01-01", "1995-12-31", "year"),
    ("in two weeks", "2015-W38", "2015-09-14", "2015-09-20", "week"),
    ("this weekend", "2015-W36-WE", "2015-09-05", "2015-09-06", "weekend"),
    ("last weekend", "2015-W35-WE", "2015-08-29", "2015-08-30", "weekend"),
    ("the early 1990s", "199X", "1990-01-01", "1993-12-31", "decade"),
    ("the late '90s", "199X", "1997-01-01", "1999-12-31", "decade"),
    ("the 2000s", "200X", "2000-01-01", "2009-12-31", "decade"),
    ("the 20th century", "19", "1900-01-01", "1999-12-31", "century"),
    ("the third quarter", "2015-Q3", "2015-07-01", "2015-09-30", "quarter"),
    ("Q1 2014", "2014-Q1", "2014-01-01", "2014-03-31", "quarter"),
    ("last summer", "2015-SU", "2015-06-01", "2015-08-31", "season"),
    ("the summer of 2014", "2014-SU", "2014-06-01", "2014-08-31", "season"),
    ("this winter", "2015-WI", "2015-12-01", "2016-02-29", "season"),
    ("Christmas", "2015-12-25", "2015-12-25", "2015-12-25", "day"),
    ("New Year's Day 2014", "2014-01-01", "2014-01-01", "2014-01-01", "day"),
    ("2015-09-04", "2015-09-04", "2015-09-04", "2015-09-04", "day"),
    ("9/14/2015", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("14/09/2015", "2015-09-14", "2015-09-14", "2015-09-14", "day"),
    ("9/11", "2001-09-11", "2001-09-11", "2001-09-11", "day"),
])
def test_expression(text, value, start, end, granularity):
    r = norm(text)
    assert (r.value, *span(r), r.granularity) == (value, start, end, granularity)


@pytest.mark.parametrize("text, value, start, end, granularity", [
    ("between 2011 and 2013", "2011/2013", "2011-01-01", "2013-12-31", "year"),
    ("2011-2013", "2011/2013", "2011-01-01", "2013-12-31", "year"),
    ("2011-13", "2011/2013", "2011-01-01", "2013-12-31", "year"),
    ("from March to May 2015", "2015-03/2015-05", "2015-03-01", "2015-05-31", "month"),
    ("Sept. 4-6", "2015-09-04/2015-09-06", "2015-09-04", "2015-09-06", "day"),
    ("Friday and Saturday", "2015-09-04/2015-09-05", "2015-09-04", "2015-09-05", "day"),
    ("the past week", "2015-08-30/2015-09-05", "2015-08-30", "2015-09-05", "week"),
    ("the past three years", "2012-09-06/2015-09-05", "2012-09-06", "2015-09-05", "year"),
    ("the next two weeks", "2015-09-05/2015-09-18", "2015-09-05", "2015-09-18", "week"),
])
def test_range(text, value, start, end, granularity):
    r = norm(text)
    assert (r.value, *span(r), r.granularity, r.type) == (value, start, end, granularity, "range")


@pytest.mark.parametrize("text, value", [("three years", "P3Y"), ("36 hours", "PT36H"), ("a week", "P1W"),
                                         ("decades", "PXDE"), ("two-month", "P2M")])
def test_duration(text, value):
    r = norm(text)
    assert (r.type, r.value, r.start) == ("duration", value, None)


@pytest.mark.parametrize("text", ["62-year-old", "aged 45", "the 70th anniversary"])
def test_not_a_date(text):
    assert normalise(text, SAT) is NOT_A_DATE


def test_mods():
    assert norm("since 2011").mod == "since" and span(norm("since 2011")) == ("2011-01-01", "2015-09-05")
    assert norm("2011", lead="since").mod == "since"
    until = norm("until 2020")
    assert until.mod == "until" and span(until) == ("2015-09-05", "2020-12-31")
    assert norm("in recent weeks").mod == "approx"
    assert norm("a few days ago").mod == "approx"
    assert norm("mid-2014").mod == "mid" and norm("early September").mod == "start"
    assert norm("every Friday").type == "set"


def test_weekday_follows_tense():
    """News convention: a bare weekday is past unless the verb is future; today counts both ways."""
    assert norm("Friday").value == "2015-09-04"
    assert norm("Friday", tense="past").value == "2015-09-04"
    assert norm("Friday", tense="future").value == "2015-09-11"
    assert norm("on Monday", tense="future").value == "2015-09-07"
    assert norm("on Monday", tense="past").value == "2015-08-31"
    assert norm("Monday", tense="present").value == "2015-09-07"  # nearest: "talks resume on Monday"
    assert norm("Thursday", tense="present").value == "2015-09-03"
    assert norm("Saturday", tense="future").value == "2015-09-05"
    assert norm("next Friday", tense="past").value == "2015-09-11"  # an explicit word beats the tense
    assert norm("last Monday", tense="future").value == "2015-08-31"


def test_month_day_follows_tense():
    assert norm("September 14", tense="past").value == "2014-09-14"
    assert norm("September 14", tense="future").value == "2015-09-14"
    assert norm("September 14").value == "2015-09-14"  # nearest
    assert norm("December 28", anchor=dt.date(2016, 1, 5), tense="past").value == "2015-12-28"
    assert norm("January 10", anchor=dt.date(2015, 12, 20), tense="future").value == "2016-01-10"
    assert norm("Friday, Sept. 4").value == "2015-09-04"


def test_anaphoric_uses_previous_date():
    prev = norm("Sept. 4")
    assert norm("the next day", previous=prev).value == "2015-09-05"
    assert norm("the day before", previous=prev).value == "2015-09-03"
    assert norm("two days later", previous=prev).value == "2015-09-06"
    assert norm("that day", previous=prev).value == "2015-09-04"
    assert norm("the following week", previous=prev).value == "2015-W37"
    assert norm("the next day").value is None  # nothing to count from


def test_no_publication_date():
    """Relative expressions are recognised but get no value; absolute ones still resolve."""
    for text in ("on Friday", "last week", "yesterday", "three days ago", "earlier this month", "September 14"):
        r = normalise(text, None)
        assert r is not None and r.value is None and r.start is None and r.relative, text
    assert normalise("14 September 2015", None).value == "2015-09-14"
    assert normalise("in 2011", None).value == "2011"
    assert normalise("the 1990s", None).value == "199X"


def test_other_anchors():
    mon = dt.date(2015, 9, 7)
    assert norm("last weekend", anchor=mon).value == "2015-W36-WE"
    assert norm("last week", anchor=mon).value == "2015-W36"
    sun = dt.date(2015, 9, 6)
    assert span(norm("last weekend", anchor=sun)) == ("2015-08-29", "2015-08-30")
    assert norm("yesterday", anchor=dt.date(2016, 3, 1)).value == "2016-02-29"
    assert norm("last month", anchor=dt.date(2016, 1, 15)).value == "2015-12"
    assert norm("a month ago", anchor=dt.date(2015, 3, 31)).value == "2015-02"


def test_unknown_text_gives_none():
    assert normalise("the holy month of Ramadan", SAT) is None
