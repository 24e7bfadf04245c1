import json

from typer.testing import CliRunner

from newsgraph.cli.main import app

runner = CliRunner()
TEXT = "Sergei Lavrov said on Friday that Moscow would not send troops to Syria."


def test_extract_one_file_prints_one_json_document(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--date", "2015-09-05", "-j", "1"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["id"] == "a" and doc["date"] == "2015-09-05" and doc["text"] == TEXT


def test_extract_several_prints_json_lines_and_exit_1_on_errors(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("Kyiv said the talks had failed.")
    (tmp_path / "c.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path), "-j", "1"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["id"] for d in lines] == ["a", "b"]
    assert "c.txt: [E001]" in result.stderr


def test_ingest_then_list(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db, "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.stderr
    actors = runner.invoke(app, ["actors", "--db", db, "--format", "json"])
    assert any(a["name"] for a in json.loads(actors.stdout))
    assert runner.invoke(app, ["summary", "--db", db]).exit_code == 0
    out = tmp_path / "exp"
    assert runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out", str(out)]).exit_code == 0
    assert (out / "quotes.csv").exists()


def test_missing_store_is_exit_2(tmp_path):
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "E017" in result.stderr


def test_bad_export_format_is_exit_2(tmp_path):
    db = str(tmp_path / "s.duckdb")
    from newsgraph.store import Store

    Store(db).close()
    result = runner.invoke(app, ["export", "--db", db, "--format", "xml"])
    assert result.exit_code == 2 and "E018" in result.stderr
