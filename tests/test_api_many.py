"""evnews.analyze_many: input order, texts and Articles, one process or a worker pool."""

from __future__ import annotations

import pytest

import evnews
from evnews.sources import InputError, parse_article

TEXTS = [
    "Volgens bronnen bij Reuters wil Xiaomi een elektrische auto bouwen.",
    "Hyundai ontkent dat het met Apple samenwerkt.",
    "BYD bevestigt dat het in Hongarije een fabriek bouwt.",
    "Renault en Nissan zetten hun alliantie voort, zegt de topman.",
    "Misschien brengt Sony ooit een eigen auto op de markt.",
]


def _names(results):
    return [[(c.name, c.status) for c in r.companies] for r in results]


@pytest.mark.parametrize("workers", [1, 2])
def test_same_results_in_input_order(workers):
    items = [*TEXTS[:3], parse_article(TEXTS[3], "vier.txt"), TEXTS[4]]
    results = list(evnews.analyze_many(items, workers=workers, model="rules", batch_size=2))
    assert _names(results) == _names(evnews.analyze(t, model="rules") for t in TEXTS)
    assert [r.source.path for r in results] == ["-", "-", "-", "vier.txt", "-"]


def test_bad_item_raises_input_error():
    results = evnews.analyze_many(["Kia bouwt een fabriek.", "   "], model="rules")
    assert next(results).companies[0].name == "Kia"
    with pytest.raises(InputError, match="empty article"):
        next(results)
