"""How far do two annotators agree on statuses and partnerships, and how far is evnews?

`data/agreement/` holds second annotations (companies with status, partnerships) of 48
articles from `data/eval` and `data/holdout`, made blind by annotators who saw only the
article and the gold conventions. This script scores them against the first gold exactly
as `evnews eval` scores evnews (status accuracy over the first gold's companies with a
claim; pair F1 with and without status), and scores evnews on the same articles.

A company of one annotation is the other's when any of their names or aliases match (the
names annotators write differ more than evnews's canonicals do).

.venv/bin/python bench/agreement.py
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ("eval", "holdout")
CLAIMS = ("confirmed", "rumoured", "speculative", "denied")


def _companies(gold) -> list[tuple[frozenset[str], str | None]]:
    from evnews.evaluate import name_keys

    return [(name_keys(c.name, c.aliases), c.status) for c in gold.companies or []]


def _pairs(gold) -> list[tuple[frozenset[str], frozenset[str], str | None]]:
    from evnews.evaluate import company_resolver

    resolve = company_resolver(gold.companies)
    return [
        (resolve(p.companies[0])[1], resolve(p.companies[1])[1], p.status)
        for p in gold.partnerships or []
    ]


def compare(first, second, tally: collections.Counter) -> None:
    """Add one article's agreement counts (second annotation scored against the first)."""
    a, b = _companies(first), _companies(second)
    free = list(b)
    for keys, status in a:
        hit = next((c for c in free if c[0] & keys), None)
        if hit:
            free.remove(hit)
        if status in CLAIMS:
            tally["claims"] += 1
            tally["claims_agree"] += bool(hit and hit[1] == status)
    # a second-annotation pair end also carries the first gold's keys for the same name
    pa = _pairs(first)
    pb = [
        (x | next((k for k, _ in a if k & x), x), y | next((k for k, _ in a if k & y), y), s)
        for x, y, s in _pairs(second)
    ]
    for field, with_status in (("pairs", False), ("pairs+status", True)):
        left = list(pb)
        for g1, g2, gs in pa:
            hit = next(
                (
                    p
                    for p in left
                    if ((g1 & p[0] and g2 & p[1]) or (g1 & p[1] and g2 & p[0]))
                    and (not with_status or gs == p[2])
                ),
                None,
            )
            if hit:
                left.remove(hit)
                tally[f"{field}_tp"] += 1
        tally[f"{field}_gold"] += len(pa)
        tally[f"{field}_other"] += len(pb)


def f1(tp: int, gold: int, other: int) -> float:
    return 2 * tp / (gold + other) if gold + other else 0.0


def main() -> int:
    from evnews.api import analyze_articles
    from evnews.evaluate import metric, score_article, summarize
    from evnews.gold import load_gold
    from evnews.sources import read_article

    second = sorted((ROOT / "data" / "agreement").glob("*.gold.json"))
    rows = collections.defaultdict(list)
    for path in second:
        stem = path.name.removesuffix(".gold.json")
        article = next(p for s in SETS if (p := ROOT / "data" / s / f"{stem}.txt").exists())
        rows[article.parent.name].append((article, article.with_suffix(".gold.json"), path))
    print(
        "set | articles | second annotator: status acc. (claims) | pairs F1 | +status | "
        "evnews: status acc. | pairs F1 | +status"
    )
    for name in SETS:
        tally: collections.Counter = collections.Counter()
        scores = []
        results = analyze_articles((read_article(str(a)) for a, _, _ in rows[name]), model="rules")
        for (article, first, other), result in zip(rows[name], results, strict=True):
            gold = load_gold(first)
            compare(gold, load_gold(other), tally)
            scores.append(score_article(result, gold, article.stem))
        s = summarize(scores)
        human = (
            f"{tally['claims_agree'] / tally['claims']:.3f} ({tally['claims']}) | "
            + " | ".join(
                f"{f1(tally[f + '_tp'], tally[f + '_gold'], tally[f + '_other']):.3f}"
                for f in ("pairs", "pairs+status")
            )
        )
        machine = " | ".join(
            f"{metric(s, f):.3f}" for f in ("status", "partnerships", "partnerships+status")
        )
        print(f"{name} | {len(rows[name])} | {human} | {machine}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
