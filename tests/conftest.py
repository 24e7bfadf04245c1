"""Shared fixtures: one pipeline per test session (loading spaCy costs a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, date=None) with the session's pipeline."""
    return lambda text, date=None, **meta: pipeline(text, date=date, **meta)


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data, or skip the test when it is absent (a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared/data is only present in CI and development")
    return path
