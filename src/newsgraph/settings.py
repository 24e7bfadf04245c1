"""One options object, passed down the pipeline instead of long argument lists (as trafilatura does).

Defaults live in `settings.toml` beside this file. A user's TOML file (or `NEWSGRAPH_CONFIG`)
overrides only the keys it sets; an unknown key is an error, so typos do not pass silently.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import NewsgraphError

DEFAULTS_FILE = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class NlpOptions:
    model: str
    max_chars: int
    batch_size: int
    fast_rules: bool


@dataclass(frozen=True)
class PipelineOptions:
    components: tuple[str, ...]


@dataclass(frozen=True)
class IngestOptions:
    jobs: int
    max_bytes: int
    commit_every: int


@dataclass(frozen=True)
class ActorOptions:
    kb_files: tuple[str, ...]


@dataclass(frozen=True)
class QuoteOptions:
    min_direct_words: int


@dataclass(frozen=True)
class DistributedOptions:
    chunk_size: int
    tasks_per_worker: int
    flush_every: int
    flush_seconds: float
    seconds_per_document: float


@dataclass(frozen=True)
class PlaceOptions:
    cities: str


@dataclass(frozen=True)
class DateOptions:
    dateparser_fallback: bool


@dataclass(frozen=True)
class Options:
    nlp: NlpOptions
    pipeline: PipelineOptions
    ingest: IngestOptions
    actors: ActorOptions
    quotes: QuoteOptions
    distributed: DistributedOptions
    places: PlaceOptions
    dates: DateOptions
    extra: dict[str, Any] = field(default_factory=dict)
    """Sections no built-in component knows: left for user components to read."""

    def with_(self, section: str, **changes: Any) -> "Options":
        """A copy with some keys of one section changed (for CLI flags)."""
        return replace(self, **{section: replace(getattr(self, section), **changes)})


def _merge(base: dict[str, Any], over: dict[str, Any], where: str = "") -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if key not in base:
            if not where:  # a new top-level section is a user component's
                out[key] = value
                continue
            raise NewsgraphError("E015", key=f"{where}{key}", detail="unknown key")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise NewsgraphError("E015", key=f"{where}{key}", detail="expected a table")
            out[key] = _merge(base[key], value, f"{where}{key}.")
        else:
            out[key] = value
    return out


def _build(data: dict[str, Any]) -> Options:
    sections = {}
    for f in fields(Options):
        if f.name == "extra":
            continue
        cls = f.type if isinstance(f.type, type) else globals()[f.type]
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data[f.name].items()}
        sections[f.name] = cls(**values)
    known = {f.name for f in fields(Options)}
    return Options(**sections, extra={k: v for k, v in data.items() if k not in known})


def load_options(path: str | os.PathLike[str] | None = None, **overrides: dict[str, Any]) -> Options:
    """Defaults, then the user's file (argument or NEWSGRAPH_CONFIG), then keyword sections."""
    data = tomllib.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    path = path or os.environ.get("NEWSGRAPH_CONFIG")
    if path:
        if not Path(path).exists():
            raise NewsgraphError("E017", path=path)
        data = _merge(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
    if overrides:
        data = _merge(data, overrides)
    return _build(data)
