"""No text breaks the quotes stage, and every record points back into its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.quotes.direct import scan

PIECES = ['"', "“", "”", "''", "‘", "’", "'", " ", ", ", ". ", "\n\n", "\n", ": ", " - ",
          "he said", "said Lavrov", "The ministry said", "according to officials", "Mr Lavrov",
          "the Kremlin", "we will win", "told Reuters", "that the talks failed", "quoted",
          "as saying", "they", "she added", "the Russian foreign minister", "denied"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_scanner_spans_stay_inside_their_marks(text):
    for m in scan(text):
        assert len(m.spans) == len(m.outers)
        for (s, e), (a, b) in zip(m.spans, m.outers):
            assert 0 <= a <= s < e <= b <= len(text)
            assert "\n" not in text[s:e]


@given(texts)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_records_point_into_the_text(extract, text):
    if not text.strip():
        return
    doc = extract(text)
    for q in doc.quotes:
        assert q.text == " ".join(doc.text[s:e] for s, e in q.spans)
        assert (q.start, q.end) == (q.spans[0][0], q.spans[-1][1])
        assert doc.text[q.cue_span[0]:q.cue_span[1]].split()[0] == q.cue.split()[0]
        assert 0 <= q.sentence < len(doc.sentences) and 0 < q.confidence <= 1
        assert q.type in ("direct", "indirect", "mixed")
        if q.speaker is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(doc.text)
            assert q.speaker.actor_id is None or doc.actor(q.speaker.actor_id) is not None
