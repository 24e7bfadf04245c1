"""The story-level classifier: its readers, its model file, and what it says of plain stories."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.events.cameo import PLOVER_TYPES
from newsgraph.events.classify import (
    StoryModel, load_story_model, rule_story_type, save_story_model, softmax, story_sentences, story_type,
    story_vector, tfidf, type_max)
from newsgraph.nlp.encoder import load_encoder


def test_story_sentences_joins_short_fragments_and_stops_at_three():
    text = "KYIV (AP) -- Drones struck a depot overnight. Officials said two people died. A fire burned. More later."
    assert story_sentences(text) == [
        "KYIV (AP) -- Drones struck a depot overnight.", "Officials said two people died.", "A fire burned. More later."]
    assert story_sentences("No sentence end here") == ["No sentence end here"]
    assert story_sentences("") == [""]


def test_story_vector_weights_the_lead_most():
    lead, other = np.eye(4, dtype=np.float32)[:2]
    v = story_vector(np.array([lead, other]))
    assert np.isclose(np.linalg.norm(v), 1.0) and v[0] > v[1] > 0


def test_type_max_takes_each_type_s_best_prototype_and_marks_types_without_one():
    sims = np.array([0.2, 0.9, 0.5, 0.1])
    out = type_max(sims, np.array([0, 0, 2, 2]), 3)
    assert out.tolist() == pytest.approx([0.9, -1.0, 0.5])
    assert softmax(out, 0.05).argmax() == 0


def test_tfidf_keeps_only_known_buckets_and_is_unit_length():
    idf = {k: 2.0 for k in tfidf("Ankara recalls ambassador", {k: 1.0 for k in range(1 << 20)})}
    v = tfidf("Ankara recalls its ambassador from Vienna", idf)
    assert set(v) <= set(idf) and sum(x * x for x in v.values()) == pytest.approx(1.0)


def _tiny_model() -> StoryModel:
    """Two prototypes, one ASSAULT (air strikes) and one PROTEST (a march), no word weights."""
    labels = tuple(PLOVER_TYPES)
    assault, protest = labels.index("ASSAULT"), labels.index("PROTEST")
    everything = {k: 1.0 for k in range(1 << 20)}
    a = tfidf("jets carry out air strikes on rebel positions", everything)
    p = tfidf("thousands march in protest against the new law", everything)
    idf = {k: 1.0 for k in {**a, **p}}
    keys = np.array(list(a) + list(p))
    ids = np.array([0] * len(a) + [1] * len(p))
    vals = np.array(list(a.values()) + list(p.values()), dtype=np.float32)
    vecs = np.eye(2, 384, dtype=np.float32)
    return StoryModel(np.zeros((1 << 16, 16), np.float32), np.zeros(16, np.float32), labels, idf,
                      (keys, ids, vals), np.array([assault, protest]), vecs, np.eye(384, dtype=np.float32), (0.05, 0.03))


def test_the_headline_readers_match_the_prototype_the_story_echoes(tmp_path):
    model = _tiny_model()
    story = "Government jets carried out air strikes on rebel positions near the border, officials said."
    assert model.labels[int(model.headline_word_scores(story).argmax())] == "ASSAULT"
    assert model.labels[int(model.headline_vector_scores(np.eye(1, 384, 1, dtype=np.float32)[0]).argmax())] == "PROTEST"
    p3 = model.probabilities(story, [], np.eye(1, 384, 1, dtype=np.float32)[0])
    p2 = model.probabilities(story, [])
    assert p3.sum() == pytest.approx(1.0) and p2.sum() == pytest.approx(1.0)
    assert p3[model.labels.index("PROTEST")] > p2[model.labels.index("PROTEST")]
    save_story_model(tmp_path / "m.npz", model)
    again = load_story_model(str(tmp_path / "m.npz"))
    assert np.allclose(again.probabilities(story, []), p2, atol=1e-3)


def test_rules_answer_without_a_model():
    events = [{"type": "ACCUSE", "parent": None, "negated": True, "modality": "asserted"},
              {"type": "ASSAULT", "parent": None, "negated": False, "modality": "asserted"}]
    assert rule_story_type(events) == "ASSAULT"
    assert story_type({"text": "x", "events": events}) == ("ASSAULT", {})


STORIES = {
    "ASSAULT": "Government warplanes bombed rebel positions outside the northern town on Tuesday, killing at least "
               "twelve fighters, a military spokesman said. Residents said the air strikes destroyed several houses "
               "and a bridge. The army has stepped up its air campaign against the insurgents in recent weeks.",
    "PROTEST": "Thousands of people marched through the capital on Saturday to protest against rising fuel "
               "prices, chanting slogans and waving flags. The demonstrators gathered outside parliament and "
               "called on the government to resign. Organisers said more rallies were planned for next week.",
    "SANCTION": "The European Union imposed new sanctions on twelve officials on Monday, freezing their assets and "
                "banning them from travel in the bloc over the crackdown on the opposition. The measures also "
                "restrict exports of surveillance equipment, a statement from the EU council said.",
}


@pytest.mark.parametrize("use_encoder", [False, True])
@pytest.mark.parametrize("gold", sorted(STORIES))
def test_the_shipped_classifier_reads_plain_stories(gold, use_encoder):
    from newsgraph import extract

    model = load_story_model()
    assert model is not None and model.labels == tuple(PLOVER_TYPES)
    encoder = load_encoder() if use_encoder else None
    if use_encoder and encoder is None:
        pytest.skip("sentence encoder not installed")
    doc = extract(STORIES[gold])
    label, scores = story_type(doc, model, encoder)
    assert label == gold, scores
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
