"""The quote scorer's arithmetic on a tiny hand-made gold document."""

import pytest

from newsgraph.quotes.evaluate import format_table, score
from newsgraph.records import Document, Quote, Speaker

TEXT = ('Lavrov said the talks had failed. "We will win," he said. '
        'Polls show Trump ahead. Kirby said nothing new would happen.')


def span(s: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(s, start + 1)
    return [start, start + len(s)]


def gold_quote(content, speaker, cue, type_, nth_cue=0):
    c, s, q = span(content), span(speaker), span(cue, nth_cue)
    return {"content_span": c, "content_spans": [c], "content": content, "speaker": speaker,
            "speaker_span": s, "speaker_spans": [s], "cue": cue, "cue_span": q, "cue_spans": [q], "type": type_}


GOLD = {"id": "g", "text": TEXT, "quotes": [
    gold_quote("the talks had failed", "Lavrov", "said", "indirect"),
    gold_quote('"We will win,"', "he", "said", "direct", nth_cue=1),
    gold_quote("Trump ahead", "Polls", "show", "indirect"),  # not speech: filtered out
    gold_quote("nothing new would happen", "Kirby", "said", "indirect", nth_cue=2),
]}


def pred(content, type_, speaker=None, cue="said", nth_cue=0):
    s, e = span(content)
    sp = None
    if speaker:
        a, b = span(speaker)
        sp = Speaker(name=speaker, actor_id="a1", start=a, end=b)
    return Quote(text=content, start=s, end=e, type=type_, cue=cue, speaker=sp, via=None, sentence=0,
                 spans=[(s, e)], cue_span=tuple(span(cue, nth_cue)))


@pytest.fixture(scope="module")
def result():
    doc = Document(id="g", text=TEXT, quotes=[
        pred("the talks had failed", "indirect", "Lavrov"),          # exact match
        pred("We will win,", "direct", "he", nth_cue=1),             # exact once marks are ignored
        pred("Trump ahead", "indirect", "Polls", cue="show"),        # matches filtered gold: ignored
        pred("nothing new would", "indirect", "Polls", nth_cue=2),   # 15/21 letters: overlap only; wrong speaker
        pred("Polls show", "indirect"),                              # matches nothing: false positive
    ])
    return score([(GOLD, doc)])


def test_content_exact_and_overlap(result):
    a = result["types"]["all"]
    assert (a["gold"], a["pred"], a["ignored"]) == (3, 4, 1)
    assert a["content_exact"] == {"p": 0.5, "r": 0.6667, "f1": 0.5714}
    assert a["content_overlap"] == {"p": 0.75, "r": 1.0, "f1": 0.8571}


def test_per_type_counts_gold_type_for_recall_and_predicted_type_for_precision(result):
    d, i = result["types"]["direct"], result["types"]["indirect"]
    assert d["content_exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert i["content_overlap"] == {"p": 0.6667, "r": 1.0, "f1": 0.8}
    assert result["types"]["mixed"]["gold"] == 0


def test_speaker_and_cue_on_matched_quotes(result):
    a = result["types"]["all"]
    assert a["speaker_overlap"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert a["speaker_overlap"]["p"] == 0.5 and a["speaker_overlap"]["r"] == pytest.approx(2 / 3, abs=1e-4)
    assert a["cue_exact"]["accuracy"] == 1.0


def test_table_mentions_every_type(result):
    table = format_table(result)
    for t in ("direct", "mixed", "indirect", "all"):
        assert t in table


def test_a_prediction_for_another_text_is_refused():
    with pytest.raises(ValueError):
        score([(GOLD, Document(id="g", text="other"))])
