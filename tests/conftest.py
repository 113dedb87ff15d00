"""Shared fixtures: one rules pipeline per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def rules_nlp():
    from evnews.pipeline import load_pipeline

    nlp, _info = load_pipeline("rules")
    return nlp


@pytest.fixture(scope="session")
def analyze_text():
    """`analyze_text(text, date=None)` on the rules pipeline."""
    import evnews

    def run(text: str, date: str | None = None):
        return evnews.analyze(text, date, model="rules")

    return run
