"""The development set `data/eval` in rules mode: every field must stay above its floor.

Reproduce the numbers with `.venv/bin/evnews eval data/eval --model rules`.
Measured on 66 articles (2026-11-27 14:40 UTC, rules mode), F1 unless noted:
    companies 0.989, products 0.990, products+company 0.990, vehicle_types 0.992,
    amounts 1.000, dates 0.985, partnerships 0.766, partnerships+status 0.702,
    status accuracy over companies with a claim 0.819 (204 companies);
    status F1: confirmed 0.838, rumoured 0.831, speculative 0.700, denied 0.930,
    mentioned 0.846.
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
    "companies": 0.97,
    "products": 0.97,
    "products+company": 0.97,
    "vehicle_types": 0.97,
    "amounts": 0.97,
    "dates": 0.96,
    "partnerships": 0.74,
    "partnerships+status": 0.68,
    "status": 0.80,
    "status:confirmed": 0.81,
    "status:rumoured": 0.80,
    "status:speculative": 0.66,
    "status:denied": 0.90,
    "status:mentioned": 0.82,
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
    assert summary["articles"] >= 66
    assert summary["status"]["companies_with_claim"] >= 200


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_floor(summary, field):
    got = metric(summary, field)
    assert got is not None and got >= FLOORS[field], f"{field}: {got} < floor {FLOORS[field]}"
