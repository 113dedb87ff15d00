"""Scoring an `Analysis` against a hand-written gold file (`evnews eval`).

Every field is scored as a set per article: duplicates on either side collapse, each gold
item is matched to at most one prediction, and the counts are summed over the corpus
(micro-average). Names are compared after `norm` (case, accents, spaces and punctuation
ignored). A predicted company or product also matches a gold name that the knowledge base
lists among its aliases (`KGM` = gold `SsangYong`, `Niro EV` = gold `e-Niro`), in a second
pass over what the names left unmatched.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from evnews import knowledge
from evnews.gold import Gold, GoldCompany
from evnews.result import STATUSES, Analysis

FIELDS: tuple[str, ...] = (
    "companies",
    "products",
    "products+company",
    "vehicle_types",
    "amounts",
    "dates",
    "partnerships",
    "partnerships+status",
)
MISSING = "missing"  # predicted column of the confusion matrix: company not found
AMOUNT_TOLERANCE = 0.005


def norm(text: str) -> str:
    """Lowercase letters and digits only, accents removed: `Lynk & Co` -> `lynkco`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


@dataclass
class Counts:
    """True/false positives and false negatives, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class FieldScore:
    """One field of one article: counts plus the missed and spurious items."""

    counts: Counts
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


@dataclass
class ArticleScore:
    """All scored fields of one article and its (company, gold, predicted) statuses."""

    name: str
    fields: dict[str, FieldScore]
    statuses: list[tuple[str, str, str]]


@dataclass(frozen=True)
class _Item:
    keys: frozenset[str]
    label: str
    extra: tuple = ()


def _dedupe(items: Iterable[_Item], same: Callable[[_Item, _Item], bool]) -> list[_Item]:
    kept: list[_Item] = []
    for item in items:
        if not any(same(k, item) for k in kept):
            kept.append(item)
    return kept


def _match(
    gold: list[_Item],
    pred: list[_Item],
    same: Callable[[_Item, _Item], bool],
    alias: Callable[[_Item, _Item], bool] | None = None,
) -> tuple[list[tuple[_Item, _Item]], FieldScore]:
    """Greedy one-to-one matching in gold order; returns the pairs and the field score.

    `alias`, when given, is a looser test tried in a second pass on what `same` left over.
    """
    gold, pred = _dedupe(gold, same), _dedupe(pred, same)
    free = list(pred)
    pairs: list[tuple[_Item, _Item]] = []
    left = gold
    for test in (same, alias) if alias else (same,):
        todo, left = left, []
        for g in todo:
            hit = next((p for p in free if test(g, p)), None)
            if hit is None:
                left.append(g)
            else:
                free.remove(hit)
                pairs.append((g, hit))
    counts = Counts(tp=len(pairs), fp=len(free), fn=len(left))
    return pairs, FieldScore(counts, [g.label for g in left], [p.label for p in free])


def _overlap(a: _Item, b: _Item) -> bool:
    return bool(a.keys & b.keys)


def name_keys(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """A name and its aliases as normalised match keys."""
    return frozenset(norm(n) for n in (name, *aliases)) - {""}


@functools.cache
def _known_names(name: str) -> frozenset[str]:
    """A predicted company's name with the aliases the knowledge base gives it."""
    company = knowledge.companies().get(name)
    return name_keys(name, company.forms if company else ())


@functools.cache
def _product_forms() -> dict[tuple[str, str], tuple[str, ...]]:
    return {(p.name, p.company): p.forms for p in knowledge.products()}


def _known_product_names(name: str, company: str | None) -> frozenset[str]:
    """A predicted product's name keys with the aliases the knowledge base gives it."""
    forms = _product_forms().get((name, company or ""), (name,))
    return frozenset().union(*(_product_keys(f, company) for f in forms))


def _same_company(gold_name: str, gold_keys: frozenset[str], predicted: str) -> bool:
    """A predicted company is a gold one by the gold's names or by the knowledge base's."""
    return norm(predicted) in gold_keys or norm(gold_name) in _known_names(predicted)


def _product_keys(name: str, company: str | None, aliases: Iterable[str] = ()) -> frozenset[str]:
    """A product name with and without its brand in front (`Tesla Model Y` = `Model Y`)."""
    keys = set(name_keys(name, aliases))
    if company:
        brand = norm(company)
        keys |= {k[len(brand) :] for k in list(keys) if k.startswith(brand) and k != brand}
        keys |= {brand + k for k in list(keys)}
    return frozenset(keys)


def company_resolver(
    gold: list[GoldCompany] | None,
) -> Callable[[str], tuple[str, frozenset[str]]]:
    """Map a name used in gold products/partnerships to its gold company's name and names."""
    companies = [(c.name, name_keys(c.name, c.aliases)) for c in gold or []]

    def resolve(name: str) -> tuple[str, frozenset[str]]:
        key = norm(name)
        return next((c for c in companies if key in c[1]), (name, frozenset({key})))

    return resolve


def _score_companies(analysis: Analysis, gold: Gold) -> tuple[FieldScore, list]:
    gold_items = [_Item(name_keys(c.name, c.aliases), c.name, (c.status,)) for c in gold.companies]
    pred_items = [_Item(name_keys(c.name), c.name, (c.status,)) for c in analysis.companies]
    pairs, score = _match(
        gold_items, pred_items, _overlap, lambda g, p: _same_company(g.label, g.keys, p.label)
    )
    found = {g.label: p.extra[0] for g, p in pairs}
    statuses = [
        (g.label, g.extra[0], found.get(g.label, MISSING))
        for g in _dedupe(gold_items, _overlap)
        if g.extra[0] is not None
    ]
    return score, statuses


def _score_products(analysis: Analysis, gold: Gold) -> dict[str, FieldScore]:
    resolve = company_resolver(gold.companies)
    gold_items = [
        _Item(_product_keys(p.name, p.company, p.aliases), p.name, (p.company,))
        for p in gold.products
    ]
    pred_items = [
        _Item(_product_keys(p.name, p.company), p.name, (p.company,)) for p in analysis.products
    ]

    def same_company(g: _Item, p: _Item) -> bool:
        if not _overlap(g, p):
            return False
        if g.extra[0] is None:
            return True
        return p.extra[0] is not None and _same_company(*resolve(g.extra[0]), p.extra[0])

    def alias(g: _Item, p: _Item) -> bool:
        """The gold name is one the knowledge base gives the predicted model."""
        gold_name = _product_keys(g.label, g.extra[0])
        return bool(gold_name & _known_product_names(p.label, p.extra[0]))

    def alias_company(g: _Item, p: _Item) -> bool:
        return alias(g, p) and same_company(replace(g, keys=p.keys), p)

    return {
        "products": _match(gold_items, pred_items, _overlap, alias)[1],
        "products+company": _match(gold_items, pred_items, same_company, alias_company)[1],
    }


def _score_vehicles(analysis: Analysis, gold: Gold) -> FieldScore:
    gold_items = [_Item(name_keys(v.name, v.aliases), v.name) for v in gold.vehicle_types]
    pred_items = [_Item(name_keys(v.canonical), v.canonical) for v in analysis.vehicle_types]
    return _match(gold_items, pred_items, _overlap)[1]


def _same_amount(a: _Item, b: _Item) -> bool:
    (va, ca), (vb, cb) = a.extra, b.extra
    return ca == cb and abs(va - vb) <= AMOUNT_TOLERANCE * abs(va)


def _score_amounts(analysis: Analysis, gold: Gold) -> FieldScore:
    def item(value: float, currency: str, text: str | None) -> _Item:
        label = f"{value:g} {currency.upper()}" + (f" ({text})" if text else "")
        return _Item(frozenset(), label, (value, currency.upper()))

    gold_items = [item(a.value, a.currency, a.text) for a in gold.amounts]
    pred_items = [item(a.value, a.currency, a.text) for a in analysis.amounts]
    return _match(gold_items, pred_items, _same_amount)[1]


def _same_date(a: _Item, b: _Item) -> bool:
    """Resolved dates match on value; unresolved ones on text (one containing the other)."""
    if a.keys or b.keys:
        return _overlap(a, b)
    ta, tb = a.extra[0], b.extra[0]
    return bool(ta and tb) and (ta in tb or tb in ta)


def _score_dates(analysis: Analysis, gold: Gold) -> FieldScore:
    gold_items = [
        _Item(frozenset(v.strip() for v in d.values), f"{d.text} = {d.value}", (norm(d.text),))
        for d in gold.dates
    ]
    pred_items = [
        _Item(
            frozenset({d.value.strip()}) if d.value else frozenset(),
            f"{d.text} = {d.value}",
            (norm(d.text),),
        )
        for d in analysis.dates
    ]
    return _match(gold_items, pred_items, _same_date)[1]


def _score_partnerships(analysis: Analysis, gold: Gold) -> dict[str, FieldScore]:
    resolve = company_resolver(gold.companies)

    def item(names: list[str], status: str | None, ends: list[frozenset[str]]) -> _Item:
        return _Item(frozenset(), f"{names[0]} + {names[1]} ({status})", (*ends, status, names))

    gold_items = []
    for p in gold.partnerships:
        (n1, k1), (n2, k2) = (resolve(n) for n in p.companies)
        gold_items.append(item([n1, n2], p.status, [k1, k2]))
    pred_items = [
        item(p.companies, p.status, [frozenset({norm(n)}) for n in p.companies])
        for p in analysis.partnerships
    ]

    def same_pair(a: _Item, b: _Item) -> bool:
        (a1, a2, *_), (b1, b2, *_) = a.extra, b.extra
        return bool((a1 & b1 and a2 & b2) or (a1 & b2 and a2 & b1))

    def alias_pair(g: _Item, p: _Item) -> bool:
        (g1, g2, _, (n1, n2)), (p1, p2) = g.extra, p.extra[3]
        return (_same_company(n1, g1, p1) and _same_company(n2, g2, p2)) or (
            _same_company(n1, g1, p2) and _same_company(n2, g2, p1)
        )

    def same_status(a: _Item, b: _Item) -> bool:
        return same_pair(a, b) and a.extra[2] == b.extra[2]

    def alias_status(g: _Item, p: _Item) -> bool:
        return alias_pair(g, p) and g.extra[2] == p.extra[2]

    return {
        "partnerships": _match(gold_items, pred_items, same_pair, alias_pair)[1],
        "partnerships+status": _match(gold_items, pred_items, same_status, alias_status)[1],
    }


def score_article(analysis: Analysis, gold: Gold, name: str = "") -> ArticleScore:
    """Score one article's analysis against its gold; unannotated fields are skipped."""
    fields: dict[str, FieldScore] = {}
    statuses: list[tuple[str, str, str]] = []
    if gold.companies is not None:
        fields["companies"], statuses = _score_companies(analysis, gold)
    if gold.products is not None:
        fields.update(_score_products(analysis, gold))
    if gold.vehicle_types is not None:
        fields["vehicle_types"] = _score_vehicles(analysis, gold)
    if gold.amounts is not None:
        fields["amounts"] = _score_amounts(analysis, gold)
    if gold.dates is not None:
        fields["dates"] = _score_dates(analysis, gold)
    if gold.partnerships is not None:
        fields.update(_score_partnerships(analysis, gold))
    return ArticleScore(name, fields, statuses)


def confusion(scores: Iterable[ArticleScore]) -> dict[str, dict[str, int]]:
    """Gold status x predicted status (plus `missing` for companies not found)."""
    matrix = {g: dict.fromkeys((*STATUSES, MISSING), 0) for g in STATUSES}
    for score in scores:
        for _company, gold_status, predicted in score.statuses:
            matrix[gold_status][predicted] += 1
    return matrix


def status_counts(matrix: dict[str, dict[str, int]]) -> dict[str, Counts]:
    """Per-status counts from a confusion matrix (a missing company is a false negative)."""
    out = {}
    for s in STATUSES:
        tp = matrix[s][s]
        fp = sum(row[s] for g, row in matrix.items() if g != s)
        fn = sum(n for p, n in matrix[s].items() if p != s)
        out[s] = Counts(tp, fp, fn)
    return out


def summarize(scores: list[ArticleScore]) -> dict:
    """Corpus totals as a JSON-ready dict: fields, status accuracy, per-status, matrix."""
    totals: dict[str, Counts] = {}
    for score in scores:
        for name, fs in score.fields.items():
            totals[name] = totals.get(name, Counts()) + fs.counts
    matrix = confusion(scores)
    claims = [(g, p) for s in scores for _c, g, p in s.statuses if g != "mentioned"]
    every = [(g, p) for s in scores for _c, g, p in s.statuses]

    def accuracy(pairs: list[tuple[str, str]]) -> float | None:
        return round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else None

    return {
        "articles": len(scores),
        "fields": {f: totals[f].as_dict() for f in FIELDS if f in totals},
        "status": {
            "accuracy": accuracy(claims),
            "companies_with_claim": len(claims),
            "accuracy_all": accuracy(every),
            "companies": len(every),
            "per_status": {s: c.as_dict() for s, c in status_counts(matrix).items()},
            "confusion": matrix,
        },
        "per_article": [
            {
                "name": s.name,
                "fields": {
                    f: {**fs.counts.as_dict(), "missed": fs.missed, "spurious": fs.spurious}
                    for f, fs in s.fields.items()
                },
                "statuses": [{"company": c, "gold": g, "predicted": p} for c, g, p in s.statuses],
            }
            for s in scores
        ],
    }


def metric(summary: dict, name: str) -> float | None:
    """Look up a threshold target: a field's F1, `status` (accuracy) or `status:<s>` F1."""
    if name == "status":
        return summary["status"]["accuracy"]
    if name.startswith("status:"):
        row = summary["status"]["per_status"].get(name.split(":", 1)[1])
        return row["f1"] if row else None
    row = summary["fields"].get(name)
    return row["f1"] if row else None


def gold_pairs(directory: Path) -> list[tuple[str, Path, Path]]:
    """(name, article, gold) for every `NAME.gold.json` in `directory`, sorted by name."""
    out = []
    for gold in sorted(directory.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        article = next(
            (p for p in (directory / f"{name}.txt", directory / f"{name}.md") if p.exists()),
            directory / f"{name}.txt",
        )
        out.append((name, article, gold))
    return out
