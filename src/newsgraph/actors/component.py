"""The 'actors' component (first sketch): NER mentions grouped by name variants, no codes yet."""

from __future__ import annotations

from ..annotation import Annotation
from ..records import Actor
from ..registry import component
from ..settings import Options

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


@component("actors")
def make_actors(options: Options):
    def actors(ann: Annotation) -> None:
        by_key: dict[str, Actor] = {}
        for ent in ann.document.entities:
            if ent.label not in KINDS:
                continue
            key = ent.text.split()[-1].lower() if ent.label == "PERSON" else ent.text.lower()
            actor = by_key.get(key)
            if actor is None:
                actor = by_key[key] = Actor(id=f"a{len(by_key)}", name=ent.text, kind=KINDS[ent.label])
            actor.mentions.append((ent.start, ent.end))
            ent.actor_id = actor.id
        ann.document.actors = list(by_key.values())

    return actors
