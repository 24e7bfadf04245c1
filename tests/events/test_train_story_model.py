"""scripts/train_events.py on a hand-made handful of stories: the training code CI never runs
on the real data (it needs ../shared and half an hour) still has to produce a working model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from newsgraph.events.cameo import PLOVER_TYPES
from newsgraph.events.classify import load_story_model, save_story_model, story_features

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_events.py"

TEMPLATES = {  # template id: (type, headline, two stories written to it)
    1: ("ASSAULT", "Jets Bomb Rebel Positions Near {city}", [
        "Government jets bombed rebel positions near the town overnight, killing dozens of fighters.",
        "Warplanes pounded insurgent trenches outside the city for a third night, residents said."]),
    2: ("PROTEST", "Thousands March Against New Press Law in {city}", [
        "Thousands of people marched through the capital to protest against a new press law.",
        "Demonstrators filled the main square, chanting slogans against the media bill."]),
    3: ("SANCTION", "EU Imposes Sanctions on {country} Officials", [
        "The European Union imposed sanctions on twelve officials, freezing their assets.",
        "Brussels banned travel by senior officials and froze their bank accounts in the bloc."]),
}


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("train_events", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _data(records):
    """The training inputs, with stand-in vectors: one direction per template, stories nearby."""
    rng = np.random.default_rng(0)
    labels = list(PLOVER_TYPES)
    direction = {t: rng.normal(size=384) for t in TEMPLATES}
    def unit(v):
        return (v / np.linalg.norm(v)).astype(np.float32)
    return {"y": np.array([labels.index(r["event_type"]) for r in records]),
            "stories": [story_features(r["text"], []) for r in records],
            "headlines": [story_features(r["headline"], []) for r in records],
            "headline_vecs": np.array([unit(direction[r["template_id"]]) for r in records]),
            "story_vecs": np.array([unit(direction[r["template_id"]] + rng.normal(size=384)) for r in records])}


def test_training_gives_a_model_that_reads_its_stories(train, tmp_path):
    records = [{"id": f"{t}-{i}", "template_id": t, "event_type": etype, "text": text,
                "headline": headline.format(city="Aleppo", country="Belarus"), "events": []}
               for t, (etype, headline, texts) in TEMPLATES.items() for i, text in enumerate(texts)]
    data = _data(records)
    model = train.fit_model(records, data, np.arange(len(records)), epochs=30)
    assert len(model.proto_type) == len(TEMPLATES) and model.bilinear.shape == (384, 384)
    for r, vector in zip(records, data["story_vecs"]):
        assert model.labels[int(model.probabilities(r["text"], [], vector).argmax())] == r["event_type"], r["id"]
        if r["id"].endswith("-0"):  # the first story of each template echoes its headline's words
            assert model.labels[int(model.headline_word_scores(r["text"]).argmax())] == r["event_type"], r["id"]
    save_story_model(tmp_path / "m.npz", model)
    again = load_story_model(str(tmp_path / "m.npz"))
    r = records[0]
    assert np.allclose(again.probabilities(r["text"], [], data["story_vecs"][0]),
                       model.probabilities(r["text"], [], data["story_vecs"][0]), atol=2e-3)


def test_cross_validation_reports_every_reader(train):
    records = [{"id": f"{t}-{i}-{k}", "template_id": t, "event_type": etype, "text": text,
                "headline": headline.format(city="Aleppo", country="Belarus"), "events": []}
               for t, (etype, headline, texts) in TEMPLATES.items() for k in range(2) for i, text in enumerate(texts)]
    report = train.cross_validate(records, _data(records), 2, "hash", 20)
    assert set(report) == {"words", "headline words", "headline vectors", "words + headline words (no encoder)",
                           "all three (shipped)"}
    assert all(0.0 <= v["macro_f1"] <= 1.0 for v in report.values())
