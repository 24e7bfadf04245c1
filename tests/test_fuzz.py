"""Fuzzing extract()/Pipeline.pipe and the readers: no exception escapes, each bad document is an error record.

The checks are plain functions so that benchmarks/fuzz_campaign.py runs the same properties for
much longer; here they run a few dozen examples each.
"""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.errors import MESSAGES, NewsgraphError
from newsgraph.ingest.readers import FIELDS, read_paths
from newsgraph.records import Document, ErrorRecord, RawDoc
from newsgraph.store import Store

# -- strategies ---------------------------------------------------------------------------------

NEWS = ["Sergei Lavrov said", "“We will not retreat,” he said.", "the Kremlin said on Monday", "told Reuters",
        "according to a senior US official,", "Mr. Erdogan", "U.S.-led", "Kyiv", "Gaza", "Hamas", "the U.N.",
        '"', "“", "”", "‘", "’", "'", "«", "»", "„", "<p>", "</p>", "<script>alert('x')</script>", "<!--", "]]>",
        "&amp;", "&#x0;", "\x00", "\u200b", "\u202e", "\ufeff", "\u2028", "\r\n", "\n\n", "\t", "—", "...", "🇺🇦",
        "مرحبا", "Москва", "北京", "e\u0301", "ﬁ", "İ", "ß", "2023-02-30", "1/2/3", "said:", ":", ";", "(", ")"]

control = st.characters(codec=None, categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Co"])
fragment = st.one_of(
    st.text(max_size=80),  # any Unicode but lone surrogates
    st.sampled_from(NEWS),
    st.text(alphabet=control, max_size=20),
)
huge = st.builds(lambda c, n: c * n, st.sampled_from(["a", "“", '"', "-", ".", "<b>", "ab ", "\n"]),
                 st.integers(300, 2000))  # huge tokens, long runs of marks (the campaign goes further)
texts = st.lists(fragment, max_size=15).map(" ".join)
huge_texts = st.tuples(texts, huge, texts).map(" ".join)
surrogate_texts = st.tuples(texts, st.characters(categories=["Cs"]), texts).map("".join)
dates = st.one_of(st.none(), st.sampled_from(["2023-05-01", "2023-02-30", "yesterday", "", "2023-05-01T12:00:00Z",
                                             "99999-01-01", "\x00"]), st.text(max_size=12))

json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                          max_leaves=6)
record = st.dictionaries(st.sampled_from([*FIELDS, "extra"]), st.one_of(texts, json_value), max_size=7)


@st.composite
def jsonl_bytes(draw) -> bytes:
    lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in draw(st.lists(record, max_size=5))]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):  # truncated mid-record
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(st.lists(st.sampled_from([*FIELDS, "body", ""]), min_size=1, max_size=7))
    cell = st.one_of(texts, st.sampled_from(['"', '"unbalanced', 'a""b', '","', "\r", "\n"]))
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 2), max_size=4))
    quote = draw(st.booleans())
    def fmt(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if quote else v
    data = "\n".join(",".join(fmt(v) for v in row) for row in [header, *rows]).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def files(draw) -> list[tuple[str, bytes]]:
    """A small directory: each file a name and the bytes in it, often not what the name promises."""
    out = []
    for n in range(draw(st.integers(1, 4))):
        suffix = draw(st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".xyz", ""]))
        content = draw(st.one_of(
            st.binary(max_size=600),
            st.tuples(texts, st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])).map(
                lambda t: t[0].encode(t[1], "replace")),
            jsonl_bytes(), csv_bytes(),
            texts.map(lambda t: f"<html><body><article><p>{t}</p>".encode("utf-8", "surrogatepass")),
        ))
        if draw(st.booleans()):
            packed = gzip.compress(content)
            content = packed[: draw(st.integers(0, len(packed)))] if draw(st.booleans()) else packed
            suffix += ".gz"
        out.append((f"f{n}{suffix}", content))
    return out


# -- properties ---------------------------------------------------------------------------------

def _spans(value: Any, limit: int) -> None:
    """Every start/end pair anywhere in a record lies inside the text."""
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        if isinstance(start, int) and isinstance(end, int):
            assert 0 <= start <= end <= limit, value
        for v in value.values():
            _spans(v, limit)
    elif isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            assert 0 <= value[0] <= value[1] <= limit, value
        for v in value:
            _spans(v, limit)


def check_error(err: ErrorRecord) -> None:
    assert err.code in MESSAGES and err.reason.strip() and isinstance(err.origin, str), err


def check_results(raws: list[RawDoc], results: list[Document | ErrorRecord]) -> None:
    """One result per input, in order; documents are well-formed and storable."""
    assert len(results) == len(raws)
    docs = []
    for raw, result in zip(raws, results):
        if isinstance(result, ErrorRecord):
            check_error(result)
            continue
        assert isinstance(result, Document) and result.text == raw.text
        record = result.to_dict()
        json.dumps(record)
        _spans({k: v for k, v in record.items() if k != "text"}, len(result.text))
        docs.append(result)
    with Store(":memory:") as store:  # what ingest does next must not fail either
        store.write(docs)
        store.write_errors([r for r in results if isinstance(r, ErrorRecord)])


def check_pipeline(pipeline, text: str, date: str | None) -> None:
    raws = [RawDoc(text=text, id="fuzz", date=date, origin="<fuzz>")]
    check_results(raws, list(pipeline.pipe(raws)))
    try:
        doc = pipeline(text, date=date)
    except NewsgraphError as err:
        assert err.code in MESSAGES
    else:
        assert doc.text == text


def check_readers(root: Path, named: list[tuple[str, bytes]], pipeline=None) -> list[RawDoc | ErrorRecord]:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in named:
        (root / name).write_bytes(content)
    items = list(read_paths([root], max_bytes=50_000, default_date="2023-01-01"))
    for item in items:
        if isinstance(item, ErrorRecord):
            check_error(item)
        else:
            assert isinstance(item, RawDoc) and isinstance(item.text, str)  # a blank one is the pipeline's E001
            assert all(getattr(item, f) is None or isinstance(getattr(item, f), str) for f in FIELDS)
    if pipeline is not None:
        raws = [i for i in items if isinstance(i, RawDoc)]
        check_results(raws, list(pipeline.pipe(raws)))
    return items


# -- tests --------------------------------------------------------------------------------------

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(text=st.one_of(texts, huge_texts, surrogate_texts), date=dates)
@example(text="“Unbalanced, he said. " * 50, date=None)
@example(text="x" * 200_000, date="2023-01-01")
@example(text="\ud800 Kyiv said no.", date=None)
def test_pipeline_never_raises(pipeline, text, date):
    check_pipeline(pipeline, text, date)


@FUZZ
@given(named=files())
@example(named=[("a.jsonl", b'{"text": "Kyiv \\ud800 said no."}\n')])
@example(named=[("a.csv", b'id,text\n1,"unbalanced\n2,ok\n')])
@example(named=[("a.jsonl.gz", gzip.compress(b'{"text": "ok"}\n')[:-6])])
@example(named=[("a.txt", "Bogotá".encode("utf-16"))])
def test_readers_never_raise(tmp_path_factory, named):
    check_readers(tmp_path_factory.mktemp("fuzz"), named)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(named=files())
def test_readers_then_pipeline_then_store(tmp_path_factory, pipeline, named):
    check_readers(tmp_path_factory.mktemp("fuzz"), named, pipeline)
