"""CSV rendering: one flat, long-format table for one or many analyses.

Every row is one finding; `kind` says which (company, partnership, amount, date,
vehicle_type, product, claim) and the other columns are filled where they apply:

- company: `type` company type, `value` mentions, `status`, evidence of the main claim
- partnership: `name` "A + B", `companies`, `type` the kinds of tie, `status`, evidence
- amount: `name` the text, `value`, `unit` ISO currency, `approximate`
- date: `name` the text, `type` date or duration, `value` ISO 8601
- vehicle_type: `name` canonical, `type` powertrain, `value` count, `text` forms seen
- product: `name`, `companies` its company
- claim: `status`, `cues`, `cited`, `companies`, `sentence`, `text`
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import TextIO

from evnews.result import Analysis, Evidence

FIELDS = (
    "article",
    "date",
    "kind",
    "name",
    "type",
    "value",
    "unit",
    "approximate",
    "status",
    "cues",
    "cited",
    "companies",
    "sentence",
    "text",
)


def _evidence(items: list[Evidence]) -> dict:
    if not items:
        return {}
    e = items[-1]
    return {"cues": "; ".join(e.cues), "cited": e.source, "sentence": e.sentence, "text": e.text}


def _rows(result: Analysis) -> Iterator[dict]:
    for c in result.companies:
        yield {
            "kind": "company",
            "name": c.name,
            "type": c.type,
            "value": c.mentions,
            "status": c.status,
            **_evidence(c.evidence),
        }
    for p in result.partnerships:
        yield {
            "kind": "partnership",
            "name": " + ".join(p.companies),
            "companies": "; ".join(p.companies),
            "type": "; ".join(p.kinds),
            "status": p.status,
            **_evidence(p.evidence),
        }
    for a in result.amounts:
        yield {
            "kind": "amount",
            "name": a.text,
            "value": a.value,
            "unit": a.currency,
            "approximate": "true" if a.approximate else "false",
            "sentence": a.sentence,
        }
    for d in result.dates:
        yield {
            "kind": "date",
            "name": d.text,
            "type": d.kind,
            "value": d.value,
            "sentence": d.sentence,
        }
    for v in result.vehicle_types:
        yield {
            "kind": "vehicle_type",
            "name": v.canonical,
            "type": v.powertrain,
            "value": v.count,
            "text": "; ".join(v.texts),
        }
    for p in result.products:
        yield {"kind": "product", "name": p.name, "companies": p.company}
    for c in result.claims:
        yield {
            "kind": "claim",
            "status": c.status,
            "cues": "; ".join(c.cues),
            "cited": c.source,
            "companies": "; ".join(c.companies),
            "sentence": c.sentence,
            "text": c.text,
        }


def rows(result: Analysis) -> Iterator[dict]:
    """The findings of one analysis as CSV rows: dicts over FIELDS, None for empty cells."""
    base = {f: None for f in FIELDS}
    base.update(article=result.source.path, date=result.article.date)
    for row in _rows(result):
        yield {**base, **row}


def write_csv(results: Iterable[Analysis], out: TextIO, *, header: bool = True) -> None:
    """Write the rows of every analysis to `out` (one header line unless `header=False`)."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    if header:
        writer.writeheader()
    for result in results:
        writer.writerows(rows(result))


def to_csv(results: Iterable[Analysis]) -> str:
    """The CSV document (with header) for `results`."""
    buf = io.StringIO()
    write_csv(results, buf)
    return buf.getvalue()
