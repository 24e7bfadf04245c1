"""Load the spaCy pipeline once per process: loading costs about a second and 200 MB."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .attribute_ruler import use_array_ruler
from .lemmatizer import use_cached_lemmatizer


@lru_cache(maxsize=4)
def load_spacy(model: str, fast_rules: bool = True) -> Language:
    """The model; with fast_rules its attribute ruler and lemmatizer give the same output faster."""
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if fast_rules:
        use_array_ruler(nlp)
        use_cached_lemmatizer(nlp)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"
