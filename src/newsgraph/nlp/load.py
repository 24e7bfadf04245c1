"""Load the spaCy pipeline once per process: loading costs about a second and 200 MB."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def load_spacy(model: str) -> Language:
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"
