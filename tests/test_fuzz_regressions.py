"""Bugs the fuzzing found, kept fixed."""

from newsgraph import Pipeline
from newsgraph.batch import ingest
from newsgraph.records import Document, ErrorRecord, RawDoc
from newsgraph.store import Store


def test_lone_surrogate_from_json_is_an_error_not_a_failed_run(tmp_path):
    # "\ud800" is valid JSON but not valid Unicode: spaCy's tokenizer and the store's UTF-8 both raised,
    # which stopped the whole batch
    path, db = tmp_path / "a.jsonl", tmp_path / "s.duckdb"
    path.write_text('{"id": "1", "text": "Kyiv said no."}\n'
                    '{"id": "2", "text": "Minsk \\ud800 said yes."}\n'
                    '{"id": "3", "text": "Ankara said maybe.", "title": "bad \\udfff title"}\n'
                    '{"id": "4", "text": "Baku said later."}\n')
    summary = ingest([path], db, jobs=1)
    assert (summary.stored, summary.errors) == (2, 2)
    with Store(db, read_only=True) as store:
        errors = [(e["line"], e["code"], e["reason"]) for e in store.errors()]
    assert errors == [(2, "E021", "invalid Unicode in text: lone surrogate at character 6"),
                      (3, "E021", "invalid Unicode in title: lone surrogate at character 4")]


def test_spacy_failing_on_one_text_does_not_cost_its_batch(pipeline: Pipeline, monkeypatch):
    real = pipeline.nlp

    class Fragile:
        """spaCy that raises on one text, as its tokenizer did on lone surrogates."""

        def pipe(self, texts, **kw):
            for text in texts:
                if "[boom]" in text:
                    raise ValueError("spaCy cannot take this text")
            return real.pipe(texts, **kw)

        def __call__(self, text):
            if "[boom]" in text:
                raise ValueError("spaCy cannot take this text")
            return real(text)

        def memory_zone(self):
            return real.memory_zone()

    monkeypatch.setattr(pipeline, "nlp", Fragile())
    raws = [RawDoc(text="Kyiv said no.", id="a"), RawDoc(text="Minsk [boom] said yes.", id="b", line=2, origin="f"),
            RawDoc(text="Ankara said maybe.", id="c")]
    out = list(pipeline.pipe(raws))
    assert [type(r) for r in out] == [Document, ErrorRecord, Document]
    assert out[1].code == "E013" and "ValueError: spaCy cannot take this text" in out[1].reason
