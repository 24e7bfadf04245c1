"""The model's attribute ruler, run as array operations: the same annotations in a tenth of the time.

en_core_web_sm's `attribute_ruler` maps every tag to its POS and morphology and fixes a few
words through 179 Matcher patterns. spaCy's Matcher tries every pattern at every token, which
costs as much as the parser (28 ms an article, 17 % of the whole pipeline here). All of those patterns are
one or two tokens of plain attribute tests, so each becomes a boolean mask over the document's
token arrays; the masks are applied in the ruler's order (later patterns win, as in spaCy) and
the attributes written back with `Doc.from_array`. `compile_ruler` returns None for a ruler with
a pattern this does not cover (operators, other predicates), and the stock component stays.
tests/nlp/test_fast_rules.py checks every token attribute against the stock component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
WRITE = (POS, MORPH, LEMMA, TAG, DEP)


class Unsupported(ValueError):
    """A pattern the array form does not cover: keep spaCy's own component."""


@dataclass(frozen=True)
class Test:
    """One token's test on one attribute: equal to, in or not in a set, or a regular expression."""

    column: int
    values: frozenset[int] = frozenset()
    negate: bool = False
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Rule:
    tokens: tuple[tuple[Test, ...], ...]  # one tuple of tests per pattern token
    index: int  # the token of the match that gets the attributes
    attrs: tuple[tuple[int, int], ...]  # (column in WRITE, value)


def _test(name: str, spec: object) -> Test:
    if name not in READ:
        raise Unsupported(name)
    column = list(READ).index(name)

    def ids(values: object) -> frozenset[int]:
        return frozenset(int(v) if name == "IS_SPACE" else get_string_id(v) for v in values)  # type: ignore[union-attr]

    if isinstance(spec, dict):
        if len(spec) != 1:
            raise Unsupported(str(spec))
        (op, arg), = spec.items()
        if op == "IN":
            return Test(column, ids(arg))
        if op == "NOT_IN":
            return Test(column, ids(arg), negate=True)
        if op == "REGEX" and name == "LOWER":
            return Test(column, regex=re.compile(arg))
        raise Unsupported(op)
    if isinstance(spec, (str, bool)):
        return Test(column, ids([spec]))
    raise Unsupported(str(spec))


def compile_ruler(ruler: AttributeRuler) -> list[Rule] | None:
    """The ruler's patterns as Rules in its order, or None when one is out of reach."""
    rules = []
    try:
        for entry, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices):
            if set(attrs) - set(WRITE):
                raise Unsupported(str(attrs))
            values = tuple((WRITE.index(a), int(v)) for a, v in attrs.items())
            for pattern in entry["patterns"]:
                if isinstance(pattern, str) or any("OP" in tok or not tok for tok in pattern):
                    raise Unsupported(str(pattern))
                tokens = tuple(tuple(_test(k.upper(), v) for k, v in tok.items()) for tok in pattern)
                if not -len(tokens) <= index < len(tokens):
                    raise Unsupported(f"index {index}")
                rules.append(Rule(tokens, index % len(tokens), values))
    except Unsupported:
        return None
    return rules


class ArrayAttributeRuler:
    """A drop-in for spaCy's AttributeRuler once `compile_ruler` has taken its patterns."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._regex: dict[tuple[str, int], bool] = {}  # (pattern, LOWER id) -> match

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        read = doc.to_array(list(READ.values())).astype(np.uint64, copy=False)
        present = [set(np.unique(read[:, c]).tolist()) for c in range(len(READ))]
        before = doc.to_array(list(WRITE)).astype(np.uint64, copy=False)
        written = before.copy()
        for rule in self.rules:
            if any(t.regex is None and not t.negate and t.values.isdisjoint(present[t.column])
                   for tests in rule.tokens for t in tests):
                continue  # a word or tag this document lacks: the common case, and cheap
            width = len(rule.tokens)
            if width > n:
                continue  # a pattern longer than the document
            mask = np.ones(n - width + 1, dtype=bool)
            for offset, tests in enumerate(rule.tokens):
                for test in tests:
                    mask &= self._apply(doc, test, read[offset:n - width + 1 + offset, test.column])
            hits = np.flatnonzero(mask) + rule.index
            for column, value in rule.attrs:
                written[hits, column] = value
        cols = [i for i, attr in enumerate(WRITE) if attr != DEP and (written[:, i] != before[:, i]).any()]
        if cols:
            doc.from_array([WRITE[i] for i in cols], written[:, cols])
        dep = WRITE.index(DEP)
        for i in np.flatnonzero(written[:, dep] != before[:, dep]).tolist():  # space tokens: heads untouched
            doc[i].dep = int(written[i, dep])
        return doc

    def _apply(self, doc: Doc, test: Test, column: np.ndarray) -> np.ndarray:
        if test.regex is None:
            hit = np.zeros(len(column), dtype=bool)
            for value in test.values:
                hit |= column == value
            return ~hit if test.negate else hit
        out = np.zeros(len(column), dtype=bool)
        strings = doc.vocab.strings
        for value in np.unique(column).tolist():
            key = (test.regex.pattern, value)
            if key not in self._regex:
                if len(self._regex) > 200_000:
                    self._regex.clear()
                self._regex[key] = bool(test.regex.search(strings[value]))
            if self._regex[key]:
                out |= column == value
        return out


@Language.factory("newsgraph_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    """Registered so `nlp.replace_pipe` can put it in; `use_array_ruler` gives it the rules."""
    return ArrayAttributeRuler([])


def use_array_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's attribute ruler for the array form; False (and no change) when it can't."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return False
    rules = compile_ruler(nlp.get_pipe(name))
    if rules is None:
        return False
    nlp.replace_pipe(name, "newsgraph_attribute_ruler")
    nlp.get_pipe(name).rules = rules
    return True


__all__ = ["ArrayAttributeRuler", "compile_ruler", "use_array_ruler"]
