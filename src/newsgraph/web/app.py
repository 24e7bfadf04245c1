"""`newsgraph serve`: a store as a browsable site and a JSON API (FastAPI + uvicorn).

Every HTML page has a JSON twin that returns the same data: the page names it in a
`<link rel="alternate" type="application/json">` element and a `Link` response header, and the
twin of `/X` is `/api/X` with the same query string, except where docs/web.md says otherwise
(`/articles` -> `/api/documents`, `/` -> `/api/overview`, `/docs` -> `/openapi.json`).

Safety: the server binds 127.0.0.1 unless told otherwise; queries run on a read-only
connection with parameterised SQL and a time limit; request bodies are size-limited; only the
package's own static folder is served; storing a document needs a token whenever the server
listens beyond localhost (or whenever a token is set).
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
import secrets
import tempfile
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional
from urllib.parse import quote as urlquote
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..about import __version__
from ..errors import NewsgraphError
from . import queries
from .queries import BadParameter, Database, Filters, Unavailable
from .render import article_view

HERE = Path(__file__).parent
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Limits:
    """Request limits; the defaults suit one analyst's machine."""

    max_body_bytes: int = 2_000_000
    """Largest request body (an uploaded article); larger ones get 413."""
    max_text_chars: int = 200_000
    """Longest text /api/extract takes (about 30,000 words)."""
    query_timeout_s: float = 10.0
    """A query running longer is interrupted and answered with 503."""
    max_page: int = 1000
    """Largest `limit` of a paged list."""
    max_download: int = 100_000
    """Most rows in one CSV or JSON download."""


# -- parameters ------------------------------------------------------------------------------

PARAMS: dict[str, tuple[Any, dict[str, Any]]] = {
    "actor": (Optional[str], dict(max_length=100, description="actor: code prefix (RUS matches RUSGOV) or part of a name")),
    "source": (Optional[str], dict(max_length=100, description="source actor: its code (or its name where it has no code)")),
    "target": (Optional[str], dict(max_length=100, description="target actor: its code (or its name where it has no code)")),
    "involving": (Optional[str], dict(max_length=100, description="an actor on either side, exactly: its code "
                                                                  "(or its name where it has no code), as the network's nodes")),
    "speaker": (Optional[str], dict(max_length=100, description="speaker: code prefix or part of a name")),
    "code": (Optional[str], dict(max_length=20, pattern=r"^[A-Za-z0-9]+$", description="exact actor code, e.g. RUSGOV")),
    "type": (Optional[list[str]], dict(description="type(s), repeated or comma-separated: PLOVER types for events "
                                                   "(ASSAULT, AID, ...), direct/indirect/mixed for quotes")),
    "quad_class": (Optional[list[str]], dict(description="quad class(es) 1-4, repeated or comma-separated")),
    "country": (Optional[str], dict(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 country code")),
    "since": (Optional[dt.date], dict(description="from this date (YYYY-MM-DD), inclusive")),
    "until": (Optional[dt.date], dict(description="to this date (YYYY-MM-DD), inclusive")),
    "q": (Optional[str], dict(max_length=200, description="full-text search (case-insensitive substring)")),
    "doc": (Optional[str], dict(max_length=300, description="document id")),
    "location": (Optional[str], dict(max_length=200, description="event location name, exactly")),
    "modality": (Optional[str], dict(pattern=r"^[a-z]{1,20}$", description="event modality: asserted, reported, ...")),
    "kind": (Optional[str], dict(pattern=r"^[a-z]{1,20}$", description="actor kind: person, organization, country, group")),
}
EVENT_FILTERS = ("actor", "source", "target", "involving", "type", "quad_class", "country", "since", "until", "q", "doc",
                 "location", "modality")
FILTERS = {
    "documents": ("actor", "type", "country", "since", "until", "q"),
    "quotes": ("speaker", "code", "type", "country", "since", "until", "q", "doc"),
    "events": EVENT_FILTERS,
    "actors": ("actor", "code", "kind", "country", "doc"),
    "places": ("q", "country", "doc", "since", "until"),
}
FILTERS["speakers"] = FILTERS["quotes"]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def make_filters(**kw: Any) -> Filters:
    """Filters from query parameters, with list parameters split and checked."""
    types = _split(kw.pop("type", None))
    for t in types:
        if not (t.replace("_", "").isalpha() and len(t) <= 20):
            raise BadParameter("type", f"not a type: {t[:40]!r}")
    quads = []
    for v in _split(kw.pop("quad_class", None)):
        if v not in ("1", "2", "3", "4"):
            raise BadParameter("quad_class", f"quad_class must be 1, 2, 3 or 4, not {v[:20]!r}")
        quads.append(int(v))
    f = Filters(**kw, type=[t.upper() for t in types], quad_class=quads)
    if f.country:
        f.country = f.country.upper()
    f.check()
    return f


def filter_dependency(names: tuple[str, ...]):
    """A FastAPI dependency taking exactly these filters, so /docs lists only what applies."""

    def dependency(**kw: Any) -> Filters:
        return make_filters(**kw)

    dependency.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=Query(None, **PARAMS[n][1]),
                          annotation=PARAMS[n][0]) for n in names])
    return dependency


# -- responses -------------------------------------------------------------------------------


def error_json(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path.startswith("/static") or path == "/openapi.json"


def download(rows: list[dict[str, Any]], name: str, fmt: str) -> Response:
    """A filtered list as a file: CSV with a header, or a JSON array."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "json":
        return Response(json.dumps(rows, ensure_ascii=False, default=str), media_type="application/json", headers=headers)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in row.items()})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


class _BodyTooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: body size limit, Host check against DNS rebinding, security headers."""

    HEADERS = [
        (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),  # "no-referrer" would make form posts send Origin: null
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: Any, max_body: int, allowed_hosts: set[str] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts

    async def _refuse(self, send: Any, status: int, message: str) -> None:
        body = json.dumps({"error": message, "status": status}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                *self.HEADERS]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        if self.allowed_hosts is not None:
            host = urlsplit("//" + headers.get(b"host", b"").decode("latin-1")).hostname or ""
            if host not in self.allowed_hosts:
                return await self._refuse(send, 400, "unexpected Host header")
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit():
                return await self._refuse(send, 400, "invalid Content-Length")
            if int(length) > self.max_body:
                return await self._refuse(send, 413, f"request body over {self.max_body} bytes")
        received = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def secure_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secure_send)
        except _BodyTooLarge:
            if not started:
                await self._refuse(send, 413, f"request body over {self.max_body} bytes")


# -- the app ---------------------------------------------------------------------------------


def create_app(db: str | Path, *, token: str | None = None, host: str = "127.0.0.1",
               limits: Limits | None = None) -> FastAPI:
    """The web app over the store at `db`; `host` is where it will listen (it decides whether writes need a token)."""
    limits = limits or Limits()
    database = Database(db, timeout_s=limits.query_timeout_s)
    local = host in LOCAL_HOSTS

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()  # so the file can be opened again, read-write, in this process

    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Quotes, actors, events, places and dates extracted from news articles. "
                              "Every list takes filters, `sort` (a column, `-column` for descending), `limit`, "
                              "`offset` and `format=csv|json` for a download of the whole filtered list.")
    app.state.db = database
    app.state.limits = limits
    app.add_middleware(Guard, max_body=limits.max_body_bytes,
                       allowed_hosts=LOCAL_HOSTS | {"testserver"} if local else None)
    app.mount("/static", StaticFiles(directory=HERE / "static", follow_symlink=False), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.globals["qs"] = lambda params, **over: urlencode(
        {k: v for k, v in {**params, **over}.items() if v not in (None, "")})
    env.globals["urlquote"] = lambda s: urlquote(str(s), safe="")
    env.globals["version"] = __version__
    env.globals["quad_classes"] = queries.QUAD_CLASSES
    extract_lock = threading.Lock()

    # -- errors ------------------------------------------------------------------------------

    def page_error(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "title": f"{status}",
                                                                  "twin": None}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if not wants_json(request):
            return page_error(request, 422, "; ".join(f"{d['loc'][-1]}: {d['msg']}" for d in detail if d["loc"]))
        return error_json(422, "invalid parameters", detail=detail)

    @app.exception_handler(BadParameter)
    async def on_bad(request: Request, exc: BadParameter) -> Response:
        if not wants_json(request):
            return page_error(request, 422, f"{exc.name}: {exc.message}")
        return error_json(422, "invalid parameters", detail=[{"loc": ["query", exc.name], "msg": exc.message}])

    @app.exception_handler(Unavailable)
    async def on_unavailable(request: Request, exc: Unavailable) -> Response:
        return error_json(503, str(exc)) if wants_json(request) else page_error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        return error_json(500, f"internal error: {type(exc).__name__}")

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> Response:
        if not wants_json(request) and exc.status_code in (404, 405):
            return page_error(request, exc.status_code, str(exc.detail))
        return JSONResponse({"error": str(exc.detail), "status": exc.status_code}, status_code=exc.status_code,
                            headers=exc.headers)

    # -- helpers -----------------------------------------------------------------------------

    def page(request: Request, name: str, twin: str, **context: Any) -> Response:
        """An HTML page with its JSON twin named in a <link> and a Link header."""
        response = templates.TemplateResponse(request, name, {"twin": twin, "params": dict(request.query_params),
                                                              **context})
        response.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
        return response

    def twin_of(request: Request, path: str) -> str:
        query = request.url.query
        return f"{path}?{query}" if query else path

    def listing(name: str, f: Filters, sort: str | None, limit: int | None, offset: int, fmt: str | None) -> Any:
        if fmt:
            rows = queries.list_rows(database, name, f, sort, min(limit or limits.max_download, limits.max_download),
                                     offset, total=False)["items"]
            return download(rows, name, fmt)
        return queries.list_rows(database, name, f, sort, limit or 50, offset)

    def check_origin(request: Request) -> None:
        """A cross-site form must not post to a server on the user's own machine."""
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403, "cross-origin request refused")
        if origin == "null":
            raise HTTPException(403, "cross-origin request refused")

    def check_token(request: Request) -> None:
        if token is None and local:
            return
        if token is None:
            raise HTTPException(403, "storing is disabled: the server listens beyond localhost and has no token "
                                     "(start it with --token or NEWSGRAPH_TOKEN)")
        auth = request.headers.get("authorization", "")
        supplied = auth[7:] if auth.lower().startswith("bearer ") else request.headers.get("x-newsgraph-token", "")
        if not secrets.compare_digest(supplied.encode(), token.encode()):
            raise HTTPException(401, "a valid token is required to store documents", headers={"WWW-Authenticate": "Bearer"})

    async def read_input(request: Request):
        """A RawDoc from a JSON body, a form (text field or uploaded file) or a text/plain body."""
        from ..ingest.readers import READERS, decode, read_file
        from ..records import ErrorRecord, RawDoc

        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        meta: dict[str, Any] = {}
        try:
            if ctype == "application/json":
                try:
                    body = await request.json()
                except (ValueError, UnicodeDecodeError):
                    raise HTTPException(400, "malformed JSON body") from None
                if not isinstance(body, dict) or not isinstance(body.get("text"), str):
                    raise HTTPException(422, "the JSON body needs a string field 'text'")
                text = body["text"]
                meta = {k: body.get(k) for k in ("id", "date", "title", "source", "url")}
            elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
                form = await request.form(max_files=1, max_fields=10, max_part_size=limits.max_body_bytes)
                meta = {k: form.get(k) or None for k in ("id", "date", "title", "source", "url")}
                upload = form.get("file")
                if upload is not None and not isinstance(upload, str) and upload.filename:
                    suffix = Path(upload.filename or "").suffix.lower()
                    if suffix not in READERS:
                        raise HTTPException(415, f"unsupported file type {suffix or '(none)'}: use one of "
                                                 f"{', '.join(sorted(READERS))}")
                    data = await upload.read()
                    with tempfile.TemporaryDirectory() as tmp:
                        path = Path(tmp) / f"upload{suffix}"
                        path.write_bytes(data)
                        first = next(iter(read_file(path, limits.max_body_bytes, meta.get("date"))), None)
                    if first is None or isinstance(first, ErrorRecord):
                        reason = first.reason if first else "no document in the file"
                        raise HTTPException(422, f"cannot read {upload.filename}: {reason}")
                    text = first.text
                    meta = {k: meta.get(k) or getattr(first, k) for k in meta}
                else:
                    text = form.get("text")
                    if not isinstance(text, str):
                        raise HTTPException(422, "send a 'text' field or a 'file'")
            elif ctype == "text/plain":
                text = decode(await request.body())
            else:
                raise HTTPException(415, "send application/json, multipart/form-data, "
                                         "application/x-www-form-urlencoded or text/plain")
        except NewsgraphError as err:
            raise HTTPException(422, err.reason) from None
        if len(text) > limits.max_text_chars:
            raise HTTPException(413, f"text of {len(text)} characters is over the limit of {limits.max_text_chars}")
        meta = {k: (str(v) if v not in (None, "") else None) for k, v in meta.items()}
        return RawDoc(text=text, origin="<web>", **meta)

    def run_pipeline(raw: Any) -> Any:
        from ..pipeline import default_pipeline

        with extract_lock:  # one pipeline per process, not thread-safe
            try:
                return next(default_pipeline().pipe([raw], raise_errors=True))
            except NewsgraphError as err:
                raise HTTPException(422, err.reason) from None

    async def extract_document(request: Request) -> Any:
        check_origin(request)
        raw = await read_input(request)
        return await run_in_threadpool(run_pipeline, raw)

    body_doc = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "date": {"type": "string", "format": "date"}, "id": {"type": "string"},
            "title": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"}}}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary", "description": ".txt, .html, .jsonl or .csv (first record)"},
            "text": {"type": "string"}, "date": {"type": "string", "format": "date"}, "title": {"type": "string"}}}},
        "text/plain": {"schema": {"type": "string"}}}}}

    # -- API ---------------------------------------------------------------------------------

    Limit = Query(None, ge=1, le=limits.max_page, description="rows per page (default 50)")
    Offset = Query(0, ge=0, le=10_000_000, description="rows to skip")
    Sort = Query(None, max_length=64, pattern=r"^-?[A-Za-z_]+$", description="a column; prefix - for descending")
    Format = Query(None, description="download the whole filtered list (up to the download limit) as csv or json")

    def list_endpoint(name: str, summary: str) -> None:
        dep = filter_dependency(FILTERS[name])

        def endpoint(f: Filters = Depends(dep), sort: Optional[str] = Sort, limit: Optional[int] = Limit,
                     offset: int = Offset, format: Optional[Literal["csv", "json"]] = Format) -> Any:
            return listing(name, f, sort, limit, offset, format)

        app.get(f"/api/{name}", summary=summary, tags=["lists"], name=f"api_{name}")(endpoint)

    list_endpoint("documents", "Documents (without text), with quote and event counts")
    list_endpoint("quotes", "Quotes with their speakers")
    list_endpoint("speakers", "Speakers: quotes and documents per speaker")
    list_endpoint("events", "Events: who did what to whom, where and when")
    list_endpoint("actors", "Actors across documents, grouped by name and code")
    list_endpoint("places", "Places mentioned, grouped by name and coordinates")

    @app.get("/api/overview", tags=["overview"])
    def api_overview() -> dict[str, Any]:
        """Counts, date range, top actors, speakers and event types, recent documents."""
        return queries.overview(database)

    @app.get("/api/documents/{doc_id:path}", tags=["records"])
    def api_document(doc_id: str) -> dict[str, Any]:
        """One document's full record (the JSON contract), text included."""
        record = queries.document(database, doc_id)
        if record is None:
            raise HTTPException(404, f"no document with id {doc_id[:200]!r}")
        return record

    @app.get("/api/speaker", tags=["records"])
    def api_speaker(name: str = Query(..., max_length=200), code: Optional[str] = Query(None, max_length=20)) -> dict[str, Any]:
        """One speaker's quotes and the articles they come from (name "(unnamed)" for unnamed sources)."""
        return queries.speaker(database, name, code)

    @app.get("/api/events/timeline", tags=["charts"])
    def api_timeline(f: Filters = Depends(filter_dependency(EVENT_FILTERS)),
                     by: Literal["type", "quad_class"] = "type",
                     bucket: Optional[Literal["day", "week", "month"]] = None) -> dict[str, Any]:
        """Events per day (week, month) stacked by PLOVER type or quad class, with the mean Goldstein score."""
        return queries.timeline(database, f, by, bucket)

    @app.get("/api/network", tags=["charts"])
    def api_network(f: Filters = Depends(filter_dependency(EVENT_FILTERS)),
                    limit: int = Query(150, ge=1, le=1000, description="most edges")) -> dict[str, Any]:
        """Actors as nodes, events between them as edges (count, mean Goldstein, cooperation/conflict counts)."""
        return queries.network(database, f, limit)

    @app.get("/api/map", tags=["charts"])
    def api_map(f: Filters = Depends(filter_dependency(EVENT_FILTERS))) -> dict[str, Any]:
        """Event locations and mentioned places with coordinates."""
        return queries.map_points(database, f)

    @app.get("/api/extract", tags=["extract"])
    def api_extract_help() -> dict[str, Any]:
        """How to call POST /api/extract (the extract page's twin)."""
        return {"method": "POST", "path": "/api/extract", "store": "/api/documents",
                "accepts": ["application/json {text, date, id, title, source, url}",
                            "multipart/form-data (text or file)", "text/plain"],
                "max_body_bytes": limits.max_body_bytes, "max_text_chars": limits.max_text_chars,
                "store_needs_token": token is not None or not local}

    @app.post("/api/extract", tags=["extract"], openapi_extra=body_doc)
    async def api_extract(request: Request) -> dict[str, Any]:
        """Run the pipeline on one text and return its document record; nothing is stored."""
        return (await extract_document(request)).to_dict()

    @app.post("/api/documents", tags=["extract"], status_code=201, openapi_extra=body_doc)
    async def api_store(request: Request) -> Response:
        """Extract and store one document (needs a token when the server listens beyond localhost)."""
        check_token(request)
        doc = await extract_document(request)
        new = await run_in_threadpool(database.write, [doc])
        record = doc.to_dict()
        if not new:
            with database.cursor() as cur:
                row = cur.execute("SELECT id FROM documents WHERE hash = ?", [doc.hash]).fetchone()
            record["id"] = row[0] if row else record["id"]
        return JSONResponse({"stored": bool(new), "id": record["id"], "document": record},
                            status_code=201 if new else 200)

    # -- pages -------------------------------------------------------------------------------

    def html(path: str):
        return app.get(path, response_class=HTMLResponse, include_in_schema=False)

    @html("/")
    def home(request: Request) -> Response:
        return page(request, "home.html", "/api/overview", data=queries.overview(database), title="Overview")

    @html("/articles")
    def articles(request: Request, f: Filters = Depends(filter_dependency(FILTERS["documents"])),
                 sort: Optional[str] = Sort, limit: Optional[int] = Limit, offset: int = Offset) -> Response:
        data = listing("documents", f, sort, limit, offset, None)
        return page(request, "articles.html", twin_of(request, "/api/documents"), data=data, title="Articles")

    @html("/articles/{doc_id:path}")
    def article(request: Request, doc_id: str) -> Response:
        record = queries.document(database, doc_id)
        if record is None:
            raise HTTPException(404, f"no document with id {doc_id[:200]!r}")
        return page(request, "article.html", f"/api/documents/{urlquote(doc_id, safe='')}", record=record,
                    view=article_view(record), stored=True, title=record.get("title") or record["id"])

    @html("/events")
    def events(request: Request, f: Filters = Depends(filter_dependency(EVENT_FILTERS)),
               sort: Optional[str] = Sort, limit: Optional[int] = Limit, offset: int = Offset) -> Response:
        data = listing("events", f, sort, limit, offset, None)
        return page(request, "events.html", twin_of(request, "/api/events"), data=data, title="Events")

    @html("/network")
    def network_page(request: Request, f: Filters = Depends(filter_dependency(EVENT_FILTERS))) -> Response:
        return page(request, "network.html", twin_of(request, "/api/network"), filters=f.query(), title="Actor network")

    @html("/map")
    def map_page(request: Request, f: Filters = Depends(filter_dependency(EVENT_FILTERS))) -> Response:
        return page(request, "map.html", twin_of(request, "/api/map"), filters=f.query(), title="Map")

    @html("/quotes")
    def quotes_page(request: Request, f: Filters = Depends(filter_dependency(FILTERS["quotes"])),
                    sort: Optional[str] = Sort, limit: Optional[int] = Limit, offset: int = Offset) -> Response:
        data = listing("quotes", f, sort, limit, offset, None)
        speakers = queries.list_rows(database, "speakers", f, None, 100, 0)
        return page(request, "quotes.html", twin_of(request, "/api/quotes"), data=data, speakers=speakers,
                    title="Quotes")

    @html("/speaker")
    def speaker_page(request: Request, name: str = Query(..., max_length=200),
                     code: Optional[str] = Query(None, max_length=20)) -> Response:
        data = queries.speaker(database, name, code)
        return page(request, "speaker.html", twin_of(request, "/api/speaker"), data=data, title=name)

    @html("/actors")
    def actors_page(request: Request, f: Filters = Depends(filter_dependency(FILTERS["actors"])),
                    sort: Optional[str] = Sort, limit: Optional[int] = Limit, offset: int = Offset) -> Response:
        data = listing("actors", f, sort, limit, offset, None)
        return page(request, "actors.html", twin_of(request, "/api/actors"), data=data, title="Actors")

    @html("/places")
    def places_page(request: Request, f: Filters = Depends(filter_dependency(FILTERS["places"])),
                    sort: Optional[str] = Sort, limit: Optional[int] = Limit, offset: int = Offset) -> Response:
        data = listing("places", f, sort, limit, offset, None)
        return page(request, "places.html", twin_of(request, "/api/places"), data=data, title="Places")

    @html("/extract")
    def extract_page(request: Request) -> Response:
        return page(request, "extract.html", "/api/extract", title="Extract", limits=limits)

    @app.post("/extract", response_class=HTMLResponse, include_in_schema=False)
    async def extract_result(request: Request) -> Response:
        try:
            doc = await extract_document(request)
        except HTTPException as exc:
            return page(request, "extract.html", "/api/extract", title="Extract", limits=limits, error=exc.detail)
        record = doc.to_dict()
        return page(request, "article.html", "/api/extract", record=record, view=article_view(record), stored=False,
                    title=record.get("title") or "Extracted text")

    @html("/docs")
    def docs_page(request: Request) -> Response:
        return page(request, "docs.html", "/openapi.json", spec=app.openapi(), title="API")

    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          limits: Limits | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    app = create_app(db, token=token, host=host, limits=limits)
    if host not in LOCAL_HOSTS and token is None:
        print(f"newsgraph: listening on {host}: storing documents is disabled without --token", flush=True)
    print(f"newsgraph: serving {db} at http://{'[' + host + ']' if ':' in host else host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info", limit_concurrency=64, timeout_keep_alive=5,
                h11_max_incomplete_event_size=64 * 1024)
