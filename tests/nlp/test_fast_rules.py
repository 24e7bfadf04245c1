"""The fast rule components must give exactly what spaCy's own components give, token by token."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from newsgraph.nlp import load_spacy
from newsgraph.nlp.attribute_ruler import compile_ruler, use_array_ruler
from newsgraph.nlp.lemmatizer import use_cached_lemmatizer
from newsgraph.settings import load_options

from conftest import EXAMPLES

# Space tokens (paragraph breaks, tabs), contractions, the ruler's regex and two-token patterns
# ("ai n't", "y' all", "there are"), pronoun case by dependency, auxiliaries, determiners used as pronouns.
HARD = [
    "Y'all ain't seen nothin' yet, y' all. Nuthin' at all, he said.\n\n\n",
    "It is what it is. There are two convoys. I gave it to you, and you gave it to me.\t\tThat was that.",
    "He gets what he got.  She did it; they do. Have you had any? Which one does?\n \n",
    "“We will not withdraw,” the minister said on Friday. 'Nuff said.",
    "\n",
    "",
]


def signature(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def models():
    model = load_options().nlp.model
    return load_spacy(model, fast_rules=False), load_spacy(model)


def test_same_annotations_as_spacy(models):
    stock, fast = models
    texts = HARD + [json.loads(line)["text"] for line in (EXAMPLES / "articles.jsonl").open(encoding="utf-8")
                    if line.strip()]
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "ArrayAttributeRuler"
    assert type(fast.get_pipe("lemmatizer")).__name__ == "CachedLemmatizer"
    assert stock.pipe_names == fast.pipe_names
    n = 0
    for _ in range(2):  # the second time from the lemma cache, in a memory zone as the pipeline runs
        with fast.memory_zone():
            for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
                assert signature(a) == signature(b)
                n += len(a)
    assert n > 4000


def test_rules_skip_nothing_they_should_match(models):
    """Every pattern the model ships compiles, and the tag map covers the tags the tagger gives."""
    stock, fast = models
    ruler = stock.get_pipe("attribute_ruler")
    rules = compile_ruler(ruler)
    assert rules is not None and len(rules) >= len(ruler.patterns)
    doc = fast("Officials said the troops had withdrawn.")
    assert [t.pos_ for t in doc] == ["NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]


def test_patterns_out_of_reach_keep_spacys_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})
    assert compile_ruler(ruler) is None
    assert not use_array_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_later_patterns_win_and_index_picks_the_token():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks"}]], {"LEMMA": "talk"})
    ruler.add([[{"LOWER": {"IN": ["talks", "meetings"]}}]], {"LEMMA": "meeting"})
    ruler.add([[{"LOWER": "peace"}, {"LOWER": {"REGEX": "^talks?$"}}]], {"LEMMA": "negotiation"}, index=-1)
    ruler.add([[{"LOWER": {"NOT_IN": ["peace", "talks", "meetings"]}}]], {"LEMMA": "other"})
    expected = [t.lemma_ for t in nlp("peace talks and meetings")]
    assert expected == ["", "negotiation", "other", "meeting"]  # a blank model has no lemma for "peace"
    assert use_array_ruler(nlp)
    assert [t.lemma_ for t in nlp("peace talks and meetings")] == expected


def test_lemmatizer_keeps_lemmas_already_set_and_skips_other_kinds():
    nlp = spacy.blank("en")
    assert not use_cached_lemmatizer(nlp)  # none in the pipeline
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not use_cached_lemmatizer(nlp)  # lookup mode: not the rule lemmatizer it wraps


def test_patterns_longer_than_the_document():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "no"}] * 5], {"LEMMA": "never"}, index=2)  # every word present, the doc too short
    ruler.add([[{"LOWER": "no"}]], {"LEMMA": "nay"})
    texts = [" ".join(["no"] * k) for k in range(7)]
    expected = [[t.lemma_ for t in nlp(text)] for text in texts]
    assert use_array_ruler(nlp)
    assert [[t.lemma_ for t in nlp(text)] for text in texts] == expected
