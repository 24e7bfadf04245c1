import gzip
import json

from newsgraph.ingest.readers import read_paths
from newsgraph.records import ErrorRecord, RawDoc


def items(*paths, **kw):
    return list(read_paths(paths, **kw))


def codes(found):
    return [(i.code, i.line) for i in found if isinstance(i, ErrorRecord)]


def test_text_file_with_default_date(tmp_path):
    (tmp_path / "kyiv.txt").write_text("Kyiv said the talks had failed.", encoding="utf-8")
    [doc] = items(tmp_path / "kyiv.txt", default_date="2022-03-01")
    assert isinstance(doc, RawDoc) and doc.id == "kyiv" and doc.date == "2022-03-01"


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "One.", "date": "2020-01-02"}\n{broken\n\n{"id": "3"}\n["x"]\n'
                    '{"id": "5", "text": "Five.", "source": "AFP"}\n', encoding="utf-8")
    found = items(path, default_date="1999-01-01")
    docs = [i for i in found if isinstance(i, RawDoc)]
    assert [d.id for d in docs] == ["1", "5"]
    assert docs[0].date == "2020-01-02" and docs[1].date == "1999-01-01" and docs[1].source == "AFP"
    assert docs[1].line == 6
    assert codes(found) == [("E006", 2), ("E007", 4), ("E006", 5)]


def test_jsonl_invalid_utf8_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    assert codes(items(path)) == [("E003", 2)]


def test_csv_with_same_columns_and_gzip(tmp_path):
    path = tmp_path / "a.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('id,text,date,title\n1,"Damascus said, again, ""no"".",2013-08-30,T\n2,,2013-08-31,\n')
    found = items(path)
    assert found[0].text == 'Damascus said, again, "no".' and found[0].title == "T"
    assert codes(found) == [("E001", 3)]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,hello\n")
    assert codes(items(path)) == [("E008", None)]


def test_bad_files_in_a_mixed_directory(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Bogotá".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "good.txt").write_text("Ankara warned of consequences.")
    (tmp_path / ".hidden.txt").write_text("never read")
    found = items(tmp_path)
    by_file = {i.origin.rsplit("/", 1)[-1]: i.code for i in found if isinstance(i, ErrorRecord)}
    assert by_file == {"binary.txt": "E002", "empty.txt": "E001", "image.png": "E010", "latin1.txt": "E003"}
    assert [i.id for i in found if isinstance(i, RawDoc)] == ["good"]


def test_too_big_file_is_refused(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    assert codes(items(tmp_path / "big.txt", max_bytes=100)) == [("E005", None)]


def test_missing_path(tmp_path):
    assert codes(items(tmp_path / "nope.txt")) == [("E017", None)]


def test_html_main_text_without_scripts(tmp_path):
    body = "<p>" + "The Pentagon said on Tuesday that it had sent more air defence systems to the region. " * 3 + "</p>"
    html = (f"<html><head><title>Air defence</title><script>var x = 'alert(1)';</script></head><body>"
            f"<nav>Home | World</nav><article><h1>Air defence</h1>{body}"
            f"<script>document.write('tracking pixel')</script></article></body></html>")
    (tmp_path / "page.html").write_text(html)
    [doc] = items(tmp_path / "page.html")
    assert "Pentagon" in doc.text and "tracking" not in doc.text and "alert" not in doc.text


def test_html_of_only_scripts_is_an_error(tmp_path):
    (tmp_path / "s.html").write_text("<html><script>" + "var a = 1;" * 100 + "</script></html>")
    assert codes(items(tmp_path / "s.html")) == [("E009", None)]


def test_twenty_megabyte_text_is_refused_and_the_rest_goes_on(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"Diplomats met again. " * 1_000_000)  # 21 MB
    (tmp_path / "small.txt").write_text("Diplomats met again.")
    found = items(tmp_path)
    assert codes(found) == [("E005", None)]
    assert [i.id for i in found if isinstance(i, RawDoc)] == ["small"]
