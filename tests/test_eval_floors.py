"""The development set `data/eval` in rules mode: every field must stay above its floor.

Reproduce the numbers with `.venv/bin/evnews eval data/eval --model rules`.
Measured on 37 articles (2026-11-27, rules mode), F1 unless noted:
    companies 0.966, products 0.868, products+company 0.868, vehicle_types 0.950,
    amounts 0.991, dates 0.937, partnerships 0.262, partnerships+status 0.230,
    status accuracy over companies with a claim 0.717;
    status F1: confirmed 0.708, rumoured 0.632, speculative 0.444, denied 0.571,
    mentioned 0.533.
The floors are those numbers minus a small margin: raise them when the scores improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evnews.api import analyze_articles
from evnews.evaluate import gold_pairs, metric, score_article, summarize
from evnews.gold import load_gold
from evnews.sources import read_article

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"

FLOORS = {
    "companies": 0.94,
    "products": 0.84,
    "products+company": 0.84,
    "vehicle_types": 0.92,
    "amounts": 0.97,
    "dates": 0.91,
    "partnerships": 0.23,
    "partnerships+status": 0.20,
    "status": 0.69,
    "status:confirmed": 0.68,
    "status:rumoured": 0.60,
    "status:speculative": 0.40,
    "status:denied": 0.54,
    "status:mentioned": 0.50,
}


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
    assert summary["articles"] >= 30
    assert summary["status"]["companies_with_claim"] >= 80


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(summary, field):
    got = metric(summary, field)
    assert got is not None and got >= FLOORS[field], f"{field}: {got} < floor {FLOORS[field]}"
