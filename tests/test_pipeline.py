import pytest

from newsgraph import NewsgraphError, Pipeline, component, load_options
from newsgraph.records import ErrorRecord, RawDoc

REQUIRED = {"id", "date", "source", "url", "title", "text", "entities", "actors", "quotes",
            "events", "places", "dates", "errors", "version"}


def test_contract_keys(extract):
    d = extract("Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara.", date="2015-09-05").to_dict()
    assert REQUIRED <= set(d)
    assert d["date"] == "2015-09-05"
    for ent in d["entities"]:
        assert d["text"][ent["start"]:ent["end"]] == ent["text"]
    assert "newsgraph" in d["version"] and "en_core_web_sm" in d["version"]


def test_bad_inputs_become_error_records(pipeline):
    out = list(pipeline.pipe([RawDoc(text="  \n", origin="a.txt"), RawDoc(text="Fine text.", date="2015-13-45", origin="b.txt"),
                              RawDoc(text="Moscow said nothing.", origin="c.txt")]))
    assert [type(o).__name__ for o in out] == ["ErrorRecord", "ErrorRecord", "Document"]
    assert out[0].code == "E001" and out[1].code == "E012"


def test_extract_raises_on_bad_input(extract):
    with pytest.raises(NewsgraphError, match="E001"):
        extract("")


def test_registered_component_replaces_a_stage():
    calls = []

    @component("test-probe")
    def make(options):
        return lambda ann: calls.append(ann.document.id)

    opts = load_options(pipeline={"components": ["actors", "test-probe"]})
    Pipeline(opts)("The ministry said nothing.", doc_id="x1")
    assert calls == ["x1"]


def test_unknown_component_is_coded_error():
    with pytest.raises(NewsgraphError, match="E014"):
        Pipeline(load_options(pipeline={"components": ["nope"]}))


def test_crashing_component_gives_error_record():
    @component("test-crash")
    def make(options):
        def crash(ann):
            raise RuntimeError("boom")
        return crash

    p = Pipeline(load_options(pipeline={"components": ["test-crash"]}))
    out = list(p.pipe([RawDoc(text="One.", origin="x.txt"), RawDoc(text="Two.", origin="y.txt")]))
    assert all(isinstance(o, ErrorRecord) and o.code == "E013" and "boom" in o.reason for o in out)


def test_too_long_text_is_refused_before_parsing(pipeline):
    [err] = list(pipeline.pipe([RawDoc(text="word " * 300_000, origin="long.txt")]))
    assert isinstance(err, ErrorRecord) and err.code == "E004"
