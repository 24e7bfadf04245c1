"""The model's rule lemmatizer, asked once per distinct word form instead of once per token.

spaCy's English lemmatizer works token by token in Python and reads each token's morphology as
a dict, even for the forms it never caches (base forms), about 3 % of the pipeline's time. A
lemma depends only on the token's (ORTH, POS, MORPH), so this wrapper asks the stock component
once per distinct triple, keeps the answer, and writes a document's lemmas with one
`Doc.from_array`. The answers are kept as strings, never as hashes: a string added inside a
spaCy memory zone is forgotten when the zone closes. tests/nlp checks every lemma against the
stock component.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

MAX_CACHE = 500_000  # distinct (form, POS, morphology) triples: a few tens of MB at most


class CachedLemmatizer:
    """A drop-in for a rule Lemmatizer that does not overwrite lemmas already set."""

    def __init__(self, stock: Lemmatizer | None = None) -> None:
        self.stock = stock
        self.cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.flatnonzero(arr[:, 3] == 0)
        if not todo.size:
            return doc
        if len(self.cache) > MAX_CACHE:
            self.cache.clear()
        add = doc.vocab.strings.add
        lemmas = arr[:, 3].copy()
        hashes: dict[tuple[int, int, int], int] = {}
        for i, key in zip(todo.tolist(), map(tuple, arr[todo, :3].tolist())):
            h = hashes.get(key)
            if h is None:
                lemma = self.cache.get(key)
                if lemma is None:
                    lemma = self.cache[key] = self.stock.lemmatize(doc[i])[0]
                h = hashes[key] = add(lemma)
            lemmas[i] = h
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("newsgraph_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Registered so `nlp.replace_pipe` can put it in; `use_cached_lemmatizer` gives it the rules."""
    return CachedLemmatizer()


def use_cached_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Wrap the pipeline's rule lemmatizer; False (and no change) when it is another kind."""
    stock = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule" or stock.overwrite:
        return False
    if not stock._validated:
        stock._validate_tables()
    nlp.replace_pipe(name, "newsgraph_lemmatizer")
    nlp.get_pipe(name).stock = stock
    return True
