"""The development set `data/eval` in rules mode: every field must stay above its floor.

Reproduce the numbers with `.venv/bin/evnews eval data/eval --model rules`. The floors, the
figures they come from and the history live in tests/data/eval_floors.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evnews.api import analyze_articles
from evnews.evaluate import gold_pairs, metric, score_article, summarize
from evnews.gold import load_gold
from evnews.sources import read_article

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"

FLOORS_FILE = Path(__file__).parent / "data" / "eval_floors.json"
FLOORS_DATA = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
FLOORS: dict[str, float] = FLOORS_DATA["floors"]


@pytest.fixture(scope="module")
def summary(rules_nlp) -> dict:
    pairs = gold_pairs(EVAL_DIR)
    articles = [read_article(str(article)) for _name, article, _gold in pairs]
    results = analyze_articles(articles, model="rules")
    scores = [
        score_article(result, load_gold(gold), name)
        for (name, _article, gold), result in zip(pairs, results, strict=True)
    ]
    return summarize(scores)


def test_development_set_is_complete(summary):
    assert summary["articles"] >= FLOORS_DATA["min_articles"]
    assert summary["status"]["companies_with_claim"] >= FLOORS_DATA["min_companies_with_claim"]


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(summary, field):
    got = metric(summary, field)
    assert got is not None and got >= FLOORS[field], f"{field}: {got} < floor {FLOORS[field]}"


def test_holdout_gold_files_are_valid():
    """The holdout is never scored by the suite, but its gold files must stay loadable."""
    pairs = gold_pairs(EVAL_DIR.parent / "holdout")
    assert len(pairs) >= 180
    for _name, _article, gold in pairs:
        load_gold(gold)


def test_agreement_annotations_are_valid():
    """Each second annotation (bench/agreement.py) loads and has a first gold to compare to."""
    data = EVAL_DIR.parent
    second = sorted((data / "agreement").glob("*.gold.json"))
    assert len(second) >= 48
    for path in second:
        gold = load_gold(path)
        assert gold.companies and gold.partnerships is not None, path.name
        assert any((data / s / path.name).exists() for s in ("eval", "holdout")), path.name
