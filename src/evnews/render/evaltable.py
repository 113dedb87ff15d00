"""Rich tables for an `evnews eval` summary (see evaluate.summarize)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from evnews.evaluate import MISSING
from evnews.result import STATUSES


def _prf_row(name: str, row: dict) -> list[str]:
    return [
        name,
        str(row["tp"]),
        str(row["fp"]),
        str(row["fn"]),
        f"{row['precision']:.3f}",
        f"{row['recall']:.3f}",
        f"{row['f1']:.3f}",
    ]


def _prf_table(title: str, first: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for col in ("TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="right")
    return table


def print_eval(summary: dict, console: Console, *, errors: bool = False) -> None:
    """Per-field P/R/F1, status accuracy, per-status scores and the confusion matrix."""
    fields = _prf_table(f"Scores over {summary['articles']} articles (micro-averaged)", "Field")
    for name, row in summary["fields"].items():
        fields.add_row(*_prf_row(name, row))
    console.print(fields)

    st = summary["status"]
    if not st["companies"]:
        return
    acc = "n/a" if st["accuracy"] is None else f"{st['accuracy']:.3f}"
    console.print(
        f"Status accuracy over {st['companies_with_claim']} companies with a claim: {acc} "
        f"(over all {st['companies']} gold companies: {st['accuracy_all']:.3f})"
    )
    per = _prf_table("Company status", "Status")
    for name, row in st["per_status"].items():
        per.add_row(*_prf_row(name, row))
    console.print(per)

    matrix = Table(
        title="Confusion matrix (rows: gold, columns: predicted)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    matrix.add_column("gold \\ pred", no_wrap=True)
    for col in (*STATUSES, MISSING):
        matrix.add_column(col, justify="right", no_wrap=True, min_width=len(col))
    for gold in STATUSES:
        row = st["confusion"][gold]
        matrix.add_row(gold, *(str(row[p]) for p in (*STATUSES, MISSING)))
    console.print(matrix)

    if errors:
        _print_errors(summary, console)


def _print_errors(summary: dict, console: Console) -> None:
    for art in summary["per_article"]:
        lines = []
        for name, fs in art["fields"].items():
            lines += [f"  {name}: missed {m}" for m in fs["missed"]]
            lines += [f"  {name}: spurious {s}" for s in fs["spurious"]]
        lines += [
            f"  status {s['company']}: gold {s['gold']}, predicted {s['predicted']}"
            for s in art["statuses"]
            if s["gold"] != s["predicted"]
        ]
        if lines:
            console.print(f"[bold]{art['name']}[/bold]")
            for line in lines:
                console.print(line, markup=False, highlight=False)
