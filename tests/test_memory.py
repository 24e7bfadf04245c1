"""Long runs keep flat memory: the strings a batch adds to spaCy's vocabulary are freed after it."""

from newsgraph import Pipeline
from newsgraph.records import Document, RawDoc


def test_new_strings_do_not_accumulate_in_the_vocabulary(pipeline: Pipeline):
    strings = pipeline.nlp.vocab.strings
    texts = [f"Commander Zyxqvor{i} said {i * 7919} fighters of Brigade Qwv{i} withdrew from Hill {i * 31}." for i in range(40)]
    pipeline.nlp("Warm-up sentence with the usual words.")
    before = len(strings)
    docs = list(pipeline.pipe(RawDoc(text=t, id=str(i)) for i, t in enumerate(texts)))
    assert all(isinstance(d, Document) for d in docs)
    assert len(strings) == before
    # the records still read their strings: nothing points into the freed vocabulary
    assert any("Zyxqvor3" in (q.speaker.name or "") for q in docs[3].quotes if q.speaker) or "Zyxqvor3" in docs[3].text
    assert docs[5].entities and all(docs[5].text[e.start:e.end] == e.text for e in docs[5].entities)
