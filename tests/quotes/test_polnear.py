"""The issue's targets on PolNeAR dev, speech attributions (see docs/evaluation.md)."""

import pytest
from conftest import shared_file

from newsgraph.quotes.evaluate import evaluate


@pytest.mark.slow
@pytest.mark.shared
def test_polnear_dev_targets(pipeline):
    result = evaluate(shared_file("quotes", "polnear", "dev.jsonl"), pipeline=pipeline)
    direct, everything = result["types"]["direct"], result["types"]["all"]
    assert result["documents"] == 84
    assert direct["content_overlap"]["f1"] >= 0.92
    assert everything["speaker_overlap"]["accuracy"] >= 0.90
    assert everything["speaker_exact"]["accuracy"] >= 0.85
    assert everything["content_overlap"]["f1"] >= 0.75
