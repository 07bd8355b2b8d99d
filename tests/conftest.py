"""Shared fixtures: the pipeline is built once per test session (loading underthesea and
spaCy takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    import minutes_nlp

    return minutes_nlp.load()


@pytest.fixture(scope="session")
def rules_nlp():
    import minutes_nlp

    return minutes_nlp.load(use_models=False)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")
