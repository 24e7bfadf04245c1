"""The `newsgraph` command: a thin layer over plain library functions.

Each command parses its flags, calls one library function and prints the result; no logic
lives here that a Python user could not reach. Exit codes: 0 all documents processed,
1 some documents were refused or failed (each reported on stderr and in the store's errors
table; the rest were processed), 2 bad usage or a fatal error (no store, bad settings).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import NewsgraphError
from .output import emit

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_enable=False)
eval_app = typer.Typer(no_args_is_help=True, help="Score newsgraph against gold data.")
app.add_typer(eval_app, name="eval")

ConfigOpt = typer.Option(None, "--config", help="TOML file overriding settings.toml")
DbOpt = typer.Option(Path("newsgraph.duckdb"), "--db", help="DuckDB store file")
JobsOpt = typer.Option(None, "--jobs", "-j", help="worker processes (default: one per core)")
DateOpt = typer.Option(None, "--date", help="publication date YYYY-MM-DD where the input has none")
FormatOpt = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv")
KbOpt = typer.Option(None, "--kb", help="extra actor knowledge-base YAML file (repeatable; adds to actors.kb_files)")


def with_kb(options, kb: Optional[list[Path]]):
    """Options with `--kb` files appended to the setting actors.kb_files."""
    if not kb:
        return options
    return options.with_("actors", kb_files=tuple(options.actors.kb_files) + tuple(str(p) for p in kb))


def options_from(config: Optional[Path]):
    from ..settings import load_options

    return load_options(config)


def fail(message: str) -> None:
    typer.echo(f"newsgraph: {message}", err=True)
    raise typer.Exit(2)


def report_error(err) -> None:
    """One line on stderr, printed above the progress bar rather than through it."""
    from tqdm import tqdm

    tqdm.write(str(err), file=sys.stderr)


def open_store(db: Path, read_only: bool = True):
    from ..store import Store

    try:
        if db.is_dir():  # the Parquet dataset of `ingest --engine dask`, queried in place
            from ..distributed import DatasetStore

            return DatasetStore(db)
        return Store(db, read_only=read_only)
    except NewsgraphError as err:
        fail(str(err))


@app.command()
def extract(paths: list[str] = typer.Argument(..., help="files or directories; - reads text from stdin"),
            date: Optional[str] = DateOpt,
            fmt: str = typer.Option(None, "--format", "-f", help="json (one document), jsonl or table"),
            jobs: Optional[int] = JobsOpt, config: Optional[Path] = ConfigOpt,
            kb: Optional[list[Path]] = KbOpt) -> None:
    """Print one document record per input document (JSON for one, JSON Lines for several)."""
    from ..batch import process
    from ..ingest.readers import read_paths, read_stream
    from ..records import ErrorRecord

    options = with_kb(options_from(config), kb)
    items = read_stream(sys.stdin.buffer, default_date=date) if paths == ["-"] else read_paths(paths, options.ingest.max_bytes, date)
    failed = 0
    docs = []
    for result in process(items, options, jobs):
        if isinstance(result, ErrorRecord):
            failed += 1
            report_error(result)
            continue
        if fmt in (None, "json"):
            docs.append(result.to_dict())
        elif fmt == "jsonl":
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        else:
            emit([{"speaker": q.speaker.name if q.speaker else None, "type": q.type, "cue": q.cue, "quote": q.text}
                  for q in result.quotes], "table", title=f"{result.id}: quotes")
    if docs:
        if len(docs) == 1 and fmt is None or fmt == "json":
            print(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
        else:
            for d in docs:
                print(json.dumps(d, ensure_ascii=False))
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="files or directories"), db: Path = DbOpt,
           date: Optional[str] = DateOpt, jobs: Optional[int] = JobsOpt, config: Optional[Path] = ConfigOpt,
           quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
           engine: str = typer.Option("local", "--engine", help="local (into --db) or dask (Parquet into --out)"),
           scheduler: Optional[str] = typer.Option(None, "--scheduler", help="dask: join tcp://HOST:8786"),
           workers: Optional[int] = typer.Option(None, "--workers", help="dask: local worker processes (default: cores)"),
           out: Optional[Path] = typer.Option(None, "--out", help="dask: output directory (Parquet dataset)"),
           kb: Optional[list[Path]] = KbOpt) -> None:
    """Process documents into the store; re-running skips what is stored and resumes after a crash."""
    from ..batch import ingest as run_ingest

    if engine not in ("local", "dask") or (engine == "dask") != (out is not None):
        fail("use --engine local with --db, or --engine dask with --out DIR")
    try:
        if engine == "dask":
            from ..distributed import ingest as run_dask

            summary = run_dask(paths, out, with_kb(options_from(config), kb), scheduler=scheduler, workers=workers, date=date,
                               on_error=report_error, progress=not quiet)
        else:
            summary = run_ingest(paths, db, with_kb(options_from(config), kb), date=date, jobs=jobs, on_error=report_error,
                                 progress=not quiet)
    except NewsgraphError as err:
        fail(str(err))
    typer.echo(str(summary), err=True)
    raise typer.Exit(1 if summary.errors else 0)


@app.command()
def load(directory: Path = typer.Argument(..., help="output directory of `ingest --engine dask`"), db: Path = DbOpt) -> None:
    """Merge a Parquet dataset written by `ingest --engine dask` into the store (by content hash, idempotent)."""
    from ..distributed import load as run_load

    try:
        added = run_load(directory, db)
    except NewsgraphError as err:
        fail(str(err))
    typer.echo("added " + ", ".join(f"{n} {table}" for table, n in added.items()), err=True)


@app.command()
def quotes(db: Path = DbOpt, speaker: Optional[str] = typer.Option(None, help="name (substring) or code"),
           since: Optional[str] = typer.Option(None, help="YYYY-MM-DD"), limit: Optional[int] = None,
           fmt: str = FormatOpt) -> None:
    """List stored quotes, optionally by speaker and date."""
    with open_store(db) as store:
        emit(store.quotes(speaker=speaker, since=since, limit=limit), fmt, title="quotes")


@app.command()
def actors(db: Path = DbOpt, limit: Optional[int] = None, fmt: str = FormatOpt) -> None:
    """List actors across stored documents, most mentioned first."""
    with open_store(db) as store:
        emit(store.actors(limit=limit), fmt, title="actors")


@app.command()
def events(db: Path = DbOpt, actor: Optional[str] = typer.Option(None, help="actor code (prefix) or name"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT"),
           since: Optional[str] = typer.Option(None, help="YYYY-MM-DD"), until: Optional[str] = typer.Option(None, help="YYYY-MM-DD"),
           country: Optional[str] = typer.Option(None, help="ISO3 of an actor or of the location"),
           limit: Optional[int] = None, fmt: str = FormatOpt) -> None:
    """List stored events, filtered by actor, type, dates and country."""
    with open_store(db) as store:
        emit(store.events(actor=actor, type=type, since=since, until=until, country=country, limit=limit), fmt,
             title="events", width=40)


@app.command()
def errors(db: Path = DbOpt, fmt: str = FormatOpt) -> None:
    """List documents that were refused or failed, with file, line and reason."""
    with open_store(db) as store:
        emit(store.errors(), fmt, title="errors", width=100)


@app.command()
def summary(db: Path = DbOpt) -> None:
    """A readable overview of a store: counts, quotes by speaker, actors."""
    from ..store.report import summary as make_summary

    with open_store(db) as store:
        for title, rows in make_summary(store):
            emit(rows, "table", title=title, width=90)


@app.command()
def export(db: Path = DbOpt, fmt: str = typer.Option("jsonl", "--format", "-f", help="parquet, csv, jsonl, gdelt (events as GDELT 2.0 rows) or plover (events as PLOVER JSON)"),
           out: Path = typer.Option(Path("export"), "--out", help="output directory")) -> None:
    """Write every table of the store to files in OUT (one file per table; jsonl: one document a line)."""
    from ..store.export import export as run_export

    with open_store(db) as store:
        try:
            written = run_export(store, fmt, out)
        except NewsgraphError as err:
            fail(str(err))
    for path in written:
        typer.echo(str(path))


@eval_app.command("quotes")
def eval_quotes(gold: Path = typer.Option(..., "--gold", exists=True, help="PolNeAR-format gold (JSONL)"),
                limit: Optional[int] = typer.Option(None, help="score only the first N documents"),
                as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
                every: bool = typer.Option(False, "--all-attributions", help="score against every gold attribution, not only speech"),
                config: Optional[Path] = ConfigOpt) -> None:
    """Quote content, speaker and cue P/R/F1 by type, on speech attributions (docs/evaluation.md)."""
    import json as _json

    from ..pipeline import Pipeline
    from ..quotes.evaluate import evaluate as run_eval, format_table

    result = run_eval(gold, limit=limit, pipeline=Pipeline(options_from(config)), speech_only=not every)
    typer.echo(_json.dumps(result, indent=1) if as_json else format_table(result))


@eval_app.command("events")
def eval_events(gold: Path = typer.Option(..., "--gold", exists=True, help="PLOVER GSR or NGEC stories (JSONL)"),
                limit: Optional[int] = typer.Option(None, help="score only the first N sentences/stories"),
                method: str = typer.Option("auto", help="NGEC stories: auto, model or rules"),
                as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
                config: Optional[Path] = ConfigOpt) -> None:
    """Per-type P/R/F1, macro-F1 and source/target accuracy of events against gold."""
    import json as _json

    from ..events.evaluate import evaluate as run_eval, format_report
    from ..pipeline import Pipeline

    result = run_eval(gold, limit=limit, method=method, pipeline=Pipeline(options_from(config)))
    if as_json:
        typer.echo(_json.dumps(result, indent=1))
    else:
        typer.echo(format_report(result))


@eval_app.command("actors")
def eval_actors(gold: Optional[Path] = typer.Option(None, "--gold", exists=True,
                                                    help="PLOVER GSR sentences or NGEC actor cases (JSONL); default: ../shared GSR dev"),
                limit: Optional[int] = typer.Option(None, help="score only the first N rows"),
                errors: int = typer.Option(0, "--errors", help="also print the first N misses"),
                coref: bool = typer.Option(False, "--coref", help="score in-document coreference on the shipped hand-made articles"),
                as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
                config: Optional[Path] = ConfigOpt, kb: Optional[list[Path]] = KbOpt) -> None:
    """Actor country and country + sector accuracy on gold actor spans (docs/evaluation.md)."""
    import json as _json

    from ..actors.evaluate import DEFAULT_GOLD, evaluate as run_eval, evaluate_coref, format_report

    if coref:
        result = evaluate_coref(options=with_kb(options_from(config), kb))
        typer.echo(_json.dumps(result, indent=1) if as_json else format_report(result, errors=errors))
        return
    gold = gold or DEFAULT_GOLD
    if not gold.exists():
        fail(f"no gold file {gold}; pass --gold FILE")
    result = run_eval(gold, limit=limit, options=with_kb(options_from(config), kb))
    typer.echo(_json.dumps(result, indent=1) if as_json else format_report(result, errors=errors))


@eval_app.command("places")
def eval_places(cases: Optional[Path] = typer.Option(None, "--cases", exists=True,
                                                     help="JSONL cases (default: the shipped hand-made set)"),
                as_json: bool = typer.Option(False, "--json", help="print the full result as JSON"),
                config: Optional[Path] = ConfigOpt) -> None:
    """Place country accuracy and distance error on hand-made cases (docs/evaluation.md)."""
    import json as _json

    from ..pipeline import Pipeline
    from ..places.evaluate import evaluate as run_eval, format_report, load_cases

    options = options_from(config).with_("pipeline", components=("places",))
    result = run_eval(load_cases(cases), pipeline=Pipeline(options))
    typer.echo(_json.dumps(result, indent=1) if as_json else format_report(result))


@app.command()
def serve(db: Path = DbOpt,
          host: str = typer.Option("127.0.0.1", help="address to listen on; beyond localhost, storing needs a token"),
          port: int = typer.Option(8000, help="port to listen on"),
          token: Optional[str] = typer.Option(None, "--token", envvar="NEWSGRAPH_TOKEN",
                                              help="token POST /api/documents requires (env NEWSGRAPH_TOKEN)")) -> None:
    """Browse and query a store in a web browser, with a JSON API (docs/web.md)."""
    from ..web import app as web
    from ..web.queries import Unavailable

    try:
        web.serve(db, host=host, port=port, token=token)
    except (NewsgraphError, Unavailable) as err:
        fail(str(err))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
