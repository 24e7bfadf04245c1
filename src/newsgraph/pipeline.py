"""Text in, Document out: spaCy, then the registered components in the order settings give.

`Pipeline.pipe` streams many documents through spaCy in batches; `newsgraph.parallel` runs one
Pipeline per core. A document that breaks a component becomes an ErrorRecord, never a crash.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from .about import __version__
from .annotation import Annotation
from .errors import NewsgraphError
from .nlp import load_spacy, model_version
from .records import Document, Entity, ErrorRecord, RawDoc, content_hash
from .registry import get_component
from .settings import Options, load_options

log = logging.getLogger(__name__)


def check_date(value: str | None) -> str | None:
    """ISO date string or None; anything else is error E012."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise NewsgraphError("E012", value=value) from None


class Pipeline:
    def __init__(self, options: Options | None = None) -> None:
        self.options = options or load_options()
        self.nlp = load_spacy(self.options.nlp.model, self.options.nlp.fast_rules)
        names = self.options.pipeline.components
        self.components = [(name, get_component(name)(self.options)) for name in names]
        self.version = f"newsgraph {__version__}; {model_version(self.nlp)}; {'+'.join(names)}"

    def __call__(self, text: str, *, date: str | None = None, doc_id: str | None = None, **meta: str | None) -> Document:
        """One document; raises NewsgraphError on bad input (use `pipe` for error records)."""
        result = next(self.pipe([RawDoc(text=text, id=doc_id, date=date, **meta)], raise_errors=True))
        assert isinstance(result, Document)
        return result

    def pipe(self, raws: Iterable[RawDoc], raise_errors: bool = False) -> Iterator[Document | ErrorRecord]:
        """Results in input order: a Document, or an ErrorRecord for bad input or a failed component."""
        batch: list[tuple[RawDoc, Document | ErrorRecord]] = []
        for raw in raws:
            try:
                batch.append((raw, self._start(raw)))
            except NewsgraphError as err:
                if raise_errors:
                    raise
                batch.append((raw, ErrorRecord(raw.origin or raw.id or "<text>", err.code, err.reason,
                                               line=raw.line, doc_id=raw.id)))
            if len(batch) >= self.options.nlp.batch_size:
                yield from self._run(batch, raise_errors)
                batch = []
        if batch:
            yield from self._run(batch, raise_errors)

    def _start(self, raw: RawDoc) -> Document:
        text = raw.text
        if not text or not text.strip():
            raise NewsgraphError("E001")
        if len(text) > self.options.nlp.max_chars:
            raise NewsgraphError("E004", length=len(text), limit=self.options.nlp.max_chars)
        for name in ("text", "id", "date", "url", "source", "title"):  # e.g. "\ud800" in JSON: spaCy and the store need UTF-8
            value = getattr(raw, name)
            if isinstance(value, str) and not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as err:
                    raise NewsgraphError("E021", field=name, position=err.start) from None
        doc_id = raw.id or content_hash(text)[:16]
        return Document(id=str(doc_id), text=text, date=check_date(raw.date), source=raw.source,
                        url=raw.url, title=raw.title, origin=f"{raw.origin}:{raw.line}" if raw.line else raw.origin,
                        version=self.version)

    def _run(self, batch: list[tuple[RawDoc, Document | ErrorRecord]], raise_errors: bool) -> list[Document | ErrorRecord]:
        """One batch, inside a spaCy memory zone: the strings its texts add to the vocabulary are freed
        afterwards, so a long run's memory stays flat however many new names and numbers it reads.
        Documents hold plain Python values, never spaCy objects, so nothing outlives the zone."""
        todo = [d for _, d in batch if isinstance(d, Document)]
        out: list[Document | ErrorRecord] = []
        with self.nlp.memory_zone():
            parsed = iter(self._parse([d.text for d in todo]))
            for raw, document in batch:
                if isinstance(document, ErrorRecord):
                    out.append(document)
                    continue
                doc = next(parsed)
                try:
                    if isinstance(doc, Exception):
                        raise doc
                    out.append(self._annotate(doc, document))
                except Exception as exc:  # a bug on one document must not stop the batch
                    if raise_errors:
                        raise
                    log.exception("pipeline failed on %s", document.id)
                    detail = f"{type(exc).__name__}: {exc}"[:300]
                    out.append(ErrorRecord(raw.origin or document.id, "E013", NewsgraphError("E013", detail=detail).reason,
                                           line=raw.line, doc_id=document.id))
        return out

    def _parse(self, texts: list[str]) -> list:
        """spaCy Docs in one batch; if spaCy fails, one by one, so only the text at fault fails (as its exception)."""
        try:
            return list(self.nlp.pipe(texts, batch_size=max(1, len(texts))))
        except Exception:
            docs: list = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as exc:
                    docs.append(exc)
            return docs

    def _annotate(self, doc, document: Document) -> Document:
        document.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        document.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
        ann = Annotation(doc=doc, document=document, options=self.options)
        for _, component in self.components:
            component(ann)
        return document


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default settings, built on first use."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(text: str, date: str | None = None, doc_id: str | None = None, **meta: str | None) -> Document:
    """Extract quotes, actors, events, places and dates from one article."""
    return default_pipeline()(text, date=date, doc_id=doc_id, **meta)
