"""The 'dates' component over real parses: spans, tense from the verb, null publication dates,
and `date_for_sentence` for the events component."""

import pytest

from newsgraph import Pipeline, load_options
from newsgraph.annotation import Annotation
from newsgraph.dates import DateRef, date_for_sentence, date_for_token, dates_of

SAT = "2015-09-05"  # a Saturday


@pytest.fixture(scope="module")
def run():
    p = Pipeline(load_options(pipeline={"components": ["dates"]}))
    return lambda text, date=SAT: p(text, date=date)


def by_text(doc):
    return {d.text: d for d in doc.dates}


def test_every_brief_case_in_context(run):
    doc = run("Rebels shelled Aleppo on Friday and last week, three days ago, yesterday and earlier this month; "
              "they also struck on September 14, and in 2011, last year, on Sept. 4 and on 14 September 2015. "
              "The 1990s were calmer, but by mid-2014 the front had moved.")
    got = {d.text: (d.value, d.start_date, d.end_date, d.granularity) for d in doc.dates}
    assert got["Friday"] == ("2015-09-04", "2015-09-04", "2015-09-04", "day")
    assert got["last week"] == ("2015-W35", "2015-08-24", "2015-08-30", "week")
    assert got["three days ago"][0] == "2015-09-02"
    assert got["yesterday"][0] == "2015-09-04"
    assert got["earlier this month"] == ("2015-09", "2015-09-01", "2015-09-05", "month")
    assert got["September 14"][0] == "2014-09-14"  # past verb: the last September 14
    assert got["2011"][0] == "2011"
    assert got["last year"][0] == "2014"
    assert got["Sept. 4"][0] == "2015-09-04"
    assert got["14 September 2015"][0] == "2015-09-14"
    assert got["The 1990s"][:3] == ("199X", "1990-01-01", "1999-12-31")
    assert got["mid-2014"][1:] == ("2014-05-01", "2014-08-31", "year")
    for d in doc.dates:
        assert doc.text[d.start:d.end] == d.text and isinstance(d, DateRef)


@pytest.mark.parametrize("text, expected", [
    ("The ministers met on Friday in Geneva.", "2015-09-04"),
    ("The ministers will meet on Friday in Geneva.", "2015-09-11"),
    ("The ministers are due to meet on Friday in Geneva.", "2015-09-11"),
    ("The ministers are expected to meet on Friday in Geneva.", "2015-09-11"),
    ("Moscow said on Friday it would send more troops.", "2015-09-04"),  # "said on Friday", not "would send"
    ("He said the talks would resume on Monday.", "2015-09-07"),
    ("The talks resumed on Monday.", "2015-08-31"),
    ("Friday's attack killed 20 people.", "2015-09-04"),
    ("He will travel to Kiev next Monday.", "2015-09-07"),
    ("Talks resume on Monday in Vienna.", "2015-09-07"),
    ("Elections will be held on September 14.", "2015-09-14"),
    ("Elections were held on September 14.", "2014-09-14"),
])
def test_tense_decides_the_weekday(run, text, expected):
    doc = run(text)
    assert [d.value for d in doc.dates if d.granularity == "day"] == [expected]


def test_null_publication_date_keeps_spans(run):
    doc = run("Rebels shelled Aleppo on Friday and last week, and in 2011 they took Raqqa.", date=None)
    got = by_text(doc)
    assert got["Friday"].value is None and got["Friday"].relative and got["Friday"].start_date is None
    assert got["last week"].value is None
    assert got["2011"].value == "2011"


def test_spans_merged_missed_and_filtered(run):
    doc = run("The 62-year-old envoy arrived on Tuesday, 14 September 2015, and left the next day.")
    got = by_text(doc)
    assert "62-year-old" not in got
    assert got["Tuesday, 14 September 2015"].value == "2015-09-14"
    assert got["the next day"].value == "2015-09-15" and got["the next day"].confidence < 0.8


def test_duration_is_not_a_date(run):
    doc = run("The siege lasted three years, and the town fell in 2014.")
    got = by_text(doc)
    assert got["three years"].type == "duration" and got["three years"].value == "P3Y"


def test_date_for_sentence(run, pipeline):
    p = Pipeline(load_options(pipeline={"components": []}))
    doc = p.nlp("Rebels took the town on Friday. Nothing happened. In 2011, over several weeks, protests began.")
    from newsgraph.records import Document
    document = Document(id="x", text=doc.text, date=SAT, sentences=[(s.start_char, s.end_char) for s in doc.sents])
    ann = Annotation(doc=doc, document=document, options=p.options)
    assert date_for_sentence(ann, 0).value == "2015-09-04"  # works before the 'dates' component ran
    assert date_for_sentence(ann, 1) is None
    assert date_for_sentence(ann, 2).value == "2011"
    verb = [t for t in doc if t.lemma_ == "take"][0]
    assert date_for_token(ann, verb).value == "2015-09-04"
    assert dates_of(ann) is not None and ann.shared["dates"]  # computed once, shared
