"""The 'actors' component: NER names and actor noun phrases -> coded document-level actors.

Runs first after spaCy. The knowledge base is loaded once per process (kb.load_kb) and the
resolver of each document is left in `ann.shared["actors"]`, so the quotes and events
components can resolve more phrases with `newsgraph.actors.resolve.link_mention`.
"""

from __future__ import annotations

from ..annotation import Annotation
from ..registry import component
from ..settings import Options
from .kb import load_kb
from .resolve import Resolver


@component("actors")
def make_actors(options: Options):
    files = tuple(options.actors.kb_files)

    def actors(ann: Annotation) -> None:
        res = Resolver(ann, load_kb(files))
        ann.shared["actors"] = res
        res.run()

    return actors
