"""Pipeline components registered by name, so a stage is swapped by settings, not by edits.

A component factory takes the Options and returns a callable that adds records to an
Annotation. Built-in components register themselves exactly as a user's would:

    @registry.component("quotes")
    def make_quotes(options): return QuoteExtractor(options)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Protocol

from .errors import NewsgraphError

if TYPE_CHECKING:
    from .annotation import Annotation
    from .settings import Options


class Component(Protocol):
    def __call__(self, ann: "Annotation") -> None: ...


Factory = Callable[["Options"], Component]
_factories: dict[str, Factory] = {}

# Modules whose import registers the built-in components.
BUILTIN_MODULES = (
    "newsgraph.actors.component",
    "newsgraph.quotes.component",
    "newsgraph.events.component",
    "newsgraph.places.component",
    "newsgraph.dates.component",
)


def component(name: str) -> Callable[[Factory], Factory]:
    """Register a component factory under `name` (a later registration replaces an earlier one)."""

    def register(factory: Factory) -> Factory:
        _factories[name] = factory
        return factory

    return register


def get_component(name: str) -> Factory:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    if name not in _factories:
        raise NewsgraphError("E014", name=name, known=", ".join(sorted(_factories)))
    return _factories[name]
