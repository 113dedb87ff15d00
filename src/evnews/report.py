"""A corpus view over many analyses (from a store or a results .jsonl file).

Aggregates are kept per company, pair, currency and month, never per article, so memory
stays flat however many articles are read.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from evnews.result import STATUSES

# When two statuses are equally frequent for a company in one month, the first one wins.
_PRECEDENCE = ("confirmed", "denied", "rumoured", "speculative")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _span(row: dict, date: str | None) -> None:
    if date:
        if row["first_seen"] is None or date < row["first_seen"]:
            row["first_seen"] = date
        if row["last_seen"] is None or date > row["last_seen"]:
            row["last_seen"] = date


class CompanyCounts:
    """Per company: articles by status, mentions, first and last article date."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def add(self, doc: Mapping[str, Any]) -> None:
        """Count one analysis (an `Analysis` JSON document, or a projection of it)."""
        date = (doc.get("article") or {}).get("date")
        for company in doc.get("companies", ()):
            row = self.rows.get(company["name"])
            if row is None:
                row = self.rows[company["name"]] = {
                    "name": company["name"],
                    "articles": 0,
                    "mentions": 0,
                    **dict.fromkeys(STATUSES, 0),
                    "first_seen": None,
                    "last_seen": None,
                }
            row["articles"] += 1
            row["mentions"] += company.get("mentions", 0)
            row[company["status"]] += 1
            _span(row, date)

    def table(self) -> list[dict[str, Any]]:
        """Rows, most frequent company first."""
        return sorted(self.rows.values(), key=lambda r: (-r["articles"], r["name"]))

    def to_csv(self) -> str:
        """The table as CSV text with a header line."""
        out = io.StringIO()
        fields = ["name", "articles", "mentions", *STATUSES, "first_seen", "last_seen"]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.table())
        return out.getvalue()


def _dominant(counts: Counter) -> str:
    return max(counts, key=lambda s: (counts[s], -_PRECEDENCE.index(s)))


def _sentence_companies(doc: Mapping[str, Any]) -> dict[int, set[str]]:
    """Company names per sentence, from entities and from claims (which resolve references)."""
    found: dict[int, set[str]] = {}
    for ent in doc.get("entities", ()):
        if ent.get("label") == "COMPANY":
            found.setdefault(ent["sentence"], set()).add(ent.get("canonical") or ent["text"])
    for claim in doc.get("claims", ()):
        found.setdefault(claim["sentence"], set()).update(claim.get("companies", ()))
    return found


class Corpus:
    """Everything `evnews report` shows, accumulated one analysis at a time."""

    def __init__(self) -> None:
        self.articles = 0
        self.errors = 0
        self.undated = 0
        self.first_date: str | None = None
        self.last_date: str | None = None
        self.pipelines: Counter[tuple[str, str]] = Counter()
        self.companies = CompanyCounts()
        self.months: dict[str, dict[str, Counter]] = {}
        self.pairs: dict[tuple[str, str], dict[str, Any]] = {}
        self.amounts: dict[str, dict[str, dict[str, Any]]] = {}
        self.vehicles: dict[str, dict[str, Any]] = {}

    def add(self, doc: Mapping[str, Any]) -> None:
        """Add one analysis document, or count an error record `{"source", "error"}`."""
        if "error" in doc and "article" not in doc:
            self.errors += 1
            return
        self.articles += 1
        date = doc["article"].get("date")
        source = doc["source"]["path"]
        if date:
            if self.first_date is None or date < self.first_date:
                self.first_date = date
            if self.last_date is None or date > self.last_date:
                self.last_date = date
        else:
            self.undated += 1
        pipe = doc.get("pipeline") or {}
        self.pipelines[(pipe.get("model", "?"), pipe.get("mode", "?"))] += 1
        self.companies.add(doc)
        if date:
            for company in doc.get("companies", ()):
                if company["status"] != "mentioned":
                    month = self.months.setdefault(company["name"], {})
                    month.setdefault(date[:7], Counter())[company["status"]] += 1
        for part in doc.get("partnerships", ()):
            pair = tuple(sorted(part["companies"]))
            row = self.pairs.get(pair)
            if row is None:
                row = self.pairs[pair] = {
                    "companies": list(pair),
                    "kinds": [],
                    "articles": 0,
                    **dict.fromkeys(STATUSES, 0),
                    "first_seen": None,
                    "last_seen": None,
                }
            row["articles"] += 1
            row[part["status"]] += 1
            # schema_version 1 documents carry no kinds.
            row["kinds"] += [k for k in part.get("kinds", ()) if k not in row["kinds"]]
            _span(row, date)
        if doc.get("amounts"):
            by_sentence = _sentence_companies(doc)
            for amount in doc["amounts"]:
                for name in by_sentence.get(amount["sentence"], ()):
                    best = self.amounts.setdefault(name, {})
                    cur = best.get(amount["currency"])
                    if cur is None or amount["value"] > cur["value"]:
                        best[amount["currency"]] = {
                            "value": amount["value"],
                            "currency": amount["currency"],
                            "text": amount["text"],
                            "date": date,
                            "source": source,
                        }
        for vt in doc.get("vehicle_types", ()):
            row = self.vehicles.setdefault(
                vt["canonical"],
                {
                    "canonical": vt["canonical"],
                    "powertrain": vt.get("powertrain"),
                    "articles": 0,
                    "mentions": 0,
                },
            )
            row["articles"] += 1
            row["mentions"] += vt.get("count", 1)

    def timelines(self) -> list[dict[str, Any]]:
        """Per company, its dominant claim status per month, consecutive repeats merged."""
        out = []
        for name in sorted(self.months):
            steps: list[dict[str, Any]] = []
            for month in sorted(self.months[name]):
                counts = self.months[name][month]
                status = _dominant(counts)
                if steps and steps[-1]["status"] == status:
                    steps[-1]["articles"] += counts.total()
                else:
                    steps.append({"month": month, "status": status, "articles": counts.total()})
            out.append({"company": name, "timeline": steps})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The whole report as JSON-ready data."""
        return {
            "articles": self.articles,
            "errors": self.errors,
            "undated": self.undated,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "pipelines": [
                {"model": m, "mode": mode, "articles": n}
                for (m, mode), n in self.pipelines.most_common()
            ],
            "companies": self.companies.table(),
            "status_changes": self.timelines(),
            "partnerships": sorted(
                self.pairs.values(), key=lambda r: (-r["articles"], r["companies"])
            ),
            "largest_amounts": [
                {
                    "company": name,
                    "amounts": sorted(by_cur.values(), key=lambda a: (-a["value"], a["currency"])),
                }
                for name, by_cur in sorted(self.amounts.items())
            ],
            "vehicle_types": sorted(
                self.vehicles.values(), key=lambda r: (-r["articles"], r["canonical"])
            ),
        }


class ReportError(Exception):
    """The report input cannot be read."""


def read_documents(path: str) -> Iterator[dict[str, Any]]:
    """Analyses from a store (SQLite) or a .jsonl file of `batch --jsonl` output."""
    p = Path(path)
    if not p.is_file():
        raise ReportError(f"{path}: file not found")
    with p.open("rb") as fh:
        is_store = fh.read(16) == _SQLITE_MAGIC
    if is_store:
        from evnews.store import Store, StoreError

        try:
            store = Store(p, create=False)
        except StoreError as exc:
            raise ReportError(str(exc)) from None
        with store:
            for doc in store.documents():
                yield json.loads(doc)
        return
    with p.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError:
                raise ReportError(f"{path}:{number}: not a JSON line") from None
            if not isinstance(doc, dict) or not ("article" in doc or "error" in doc):
                raise ReportError(f"{path}:{number}: not an evnews result or error record")
            yield doc


def build_report(docs: Iterable[Mapping[str, Any]]) -> Corpus:
    """Accumulate `docs` into a `Corpus`."""
    corpus = Corpus()
    for doc in docs:
        corpus.add(doc)
    return corpus


_STATUS_STYLE = {
    "confirmed": "green",
    "rumoured": "yellow",
    "speculative": "magenta",
    "denied": "red",
    "mentioned": "dim",
}


def _money(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if value >= 1 else f"{value:g}"


def _show(console, table, total: int, shown: int) -> None:
    """Print `table`, or one line when it has no rows; say how many rows were left out."""
    if not total:
        console.print(f"[dim]{table.title}: none[/dim]")
        return
    console.print(table)
    if total > shown:
        console.print(f"[dim]... and {total - shown} more (use --top or --json)[/dim]")


def _pair_label(row: Mapping[str, Any]) -> str:
    """The label of a partnership row: "A + B (joint venture, talks)"."""
    kinds = ", ".join(k.replace("_", " ") for k in row["kinds"])
    return " + ".join(row["companies"]) + (f" ({kinds})" if kinds else "")


def status_table(rows: list[dict[str, Any]], title: str = "Companies", label: str = "Company"):
    """A rich table of rows with per-status article counts (companies or partnerships)."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("Articles", justify="right")
    for status in STATUSES:
        table.add_column(status, justify="right", style=_STATUS_STYLE[status])
    table.add_column("First seen")
    table.add_column("Last seen")
    for r in rows:
        table.add_row(
            r["name"] if "name" in r else _pair_label(r),
            str(r["articles"]),
            *(str(r[s]) if r[s] else "" for s in STATUSES),
            r["first_seen"] or "",
            r["last_seen"] or "",
        )
    return table


def print_report(data: Mapping[str, Any], console, *, top: int = 20) -> None:
    """Render `Corpus.to_dict()` as rich tables."""
    from rich.table import Table

    span = f", {data['first_date']} to {data['last_date']}" if data["first_date"] else ""
    console.print(
        f"[bold]{data['articles']} articles[/bold]{span}; {data['undated']} undated, "
        f"{data['errors']} error records"
    )
    for p in data["pipelines"]:
        console.print(f"pipeline {p['model']} ({p['mode']}): {p['articles']} articles")

    _show(console, status_table(data["companies"][:top]), len(data["companies"]), top)

    changes = [c for c in data["status_changes"] if len(c["timeline"]) > 1]
    table = Table(title="Status changes over time", title_justify="left")
    table.add_column("Company")
    table.add_column("Timeline")
    for c in changes[:top]:
        steps = " → ".join(
            f"[{_STATUS_STYLE[s['status']]}]{s['status']}[/] {s['month']}" for s in c["timeline"]
        )
        table.add_row(c["company"], steps)
    _show(console, table, len(changes), top)

    table = status_table(data["partnerships"][:top], "Partnerships", "Companies")
    _show(console, table, len(data["partnerships"]), top)

    table = Table(title="Largest amounts per company", title_justify="left")
    table.add_column("Company")
    table.add_column("Amount", justify="right")
    table.add_column("Currency")
    table.add_column("As written")
    table.add_column("Date")
    table.add_column("Source")
    for row in data["largest_amounts"][:top]:
        for i, a in enumerate(row["amounts"]):
            table.add_row(
                row["company"] if i == 0 else "",
                _money(a["value"]),
                a["currency"],
                a["text"],
                a["date"] or "",
                a["source"],
            )
    _show(console, table, len(data["largest_amounts"]), top)

    table = Table(title="Vehicle types", title_justify="left")
    table.add_column("Vehicle type")
    table.add_column("Powertrain")
    table.add_column("Articles", justify="right")
    table.add_column("Mentions", justify="right")
    for r in data["vehicle_types"][:top]:
        table.add_row(r["canonical"], r["powertrain"] or "", str(r["articles"]), str(r["mentions"]))
    _show(console, table, len(data["vehicle_types"]), top)
