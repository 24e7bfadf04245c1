"""The guarantees of the Dask engine hold for single-process `ingest` into DuckDB too."""

from newsgraph import load_options
from newsgraph.batch import ingest
from newsgraph.registry import component
from newsgraph.store import Store


@component("test_crashy")
def make_crashy(options):
    def crash(ann):
        if "[crash]" in ann.document.text:
            raise ZeroDivisionError("a component bug")
    return crash


def test_document_that_raises_is_an_error_row_and_the_rest_is_stored(tmp_path):
    path, db = tmp_path / "a.jsonl", tmp_path / "s.duckdb"
    texts = ["Kyiv said the talks had failed.", "Moscow said the talks had failed. [crash]",
             "Ankara said the talks would resume."]
    path.write_text("".join(f'{{"id": "d{i}", "text": "{t}"}}\n' for i, t in enumerate(texts)))
    options = load_options(pipeline={"components": ["actors", "test_crashy"]})
    summary = ingest([path], db, options, jobs=1)
    assert (summary.stored, summary.errors) == (2, 1)
    again = ingest([path], db, options, jobs=1)  # the failed document is retried, its error kept once
    assert (again.stored, again.skipped, again.errors) == (0, 2, 1)
    with Store(db, read_only=True) as store:
        [err] = store.errors()
        assert err["code"] == "E013" and "ZeroDivisionError: a component bug" in err["reason"]
        assert err["origin"].endswith("a.jsonl") and err["line"] == 2
        assert [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY id")] == ["d0", "d2"]
