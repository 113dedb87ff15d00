"""Rich tables for one analysis, with status colours."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from evnews.result import Analysis, deciding

STATUS_STYLE = {
    "confirmed": "bold green",
    "rumoured": "bold yellow",
    "speculative": "bold magenta",
    "denied": "bold red",
    "mentioned": "dim",
}


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _empty(title: str) -> Text:
    return Text(f"{title}: none found", style="dim")


def render(result: Analysis) -> Group:
    """All tables for `result`, header first."""
    a = result.article
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold")
    header.add_column()
    header.add_row("Source", result.source.path)
    header.add_row("Title", a.title or "-")
    header.add_row("Date", a.date or "unknown")
    p = result.pipeline
    header.add_row("Pipeline", f"{p.model} {p.version} ({p.mode})")
    header.add_row("Size", f"{a.words} words, {a.sentences} sentences")
    for w in result.warnings:
        header.add_row("Warning", Text(w, style="yellow"))
    parts: list = [header]

    def add(title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            parts.append(_empty(title))
            return
        table = _table(title, *columns)
        for row in rows:
            table.add_row(*row)
        parts.append(table)

    add(
        "Companies",
        ("Company", "Type", "Mentions", "Status", "Evidence"),
        [
            (
                c.name + ("" if c.linked else " (unlinked)"),
                c.type or "-",
                str(c.mentions),
                status_text(c.status),
                ", ".join(deciding(c.evidence, c.status).cues) if c.evidence else "-",
            )
            for c in result.companies
        ],
    )
    add(
        "Amounts",
        ("Text", "Value", "Currency", "Approx."),
        [
            (m.text, f"{m.value:,.2f}", m.currency, "yes" if m.approximate else "no")
            for m in result.amounts
        ],
    )
    add(
        "Partnerships",
        ("Companies", "Tie", "Status", "Evidence"),
        [
            (
                " + ".join(p.companies),
                ", ".join(k.replace("_", " ") for k in p.kinds),
                status_text(p.status),
                deciding(p.evidence, p.status).text if p.evidence else "-",
            )
            for p in result.partnerships
        ],
    )
    add(
        "Vehicle types",
        ("Type", "Powertrain", "Count", "Seen as"),
        [
            (v.canonical, v.powertrain or "-", str(v.count), ", ".join(v.texts))
            for v in result.vehicle_types
        ],
    )
    add(
        "Products",
        ("Product", "Company"),
        [(p.name, p.company or "-") for p in result.products],
    )
    add(
        "Dates and durations",
        ("Text", "Kind", "Value"),
        [(d.text, d.kind, d.value or "unresolved") for d in result.dates],
    )
    add(
        "Claims",
        ("#", "Status", "Companies", "Cues", "Source", "Sentence"),
        [
            (
                str(c.sentence),
                status_text(c.status),
                ", ".join(c.companies),
                ", ".join(c.cues),
                c.source or "-",
                c.text,
            )
            for c in result.claims
        ],
    )
    return Group(*parts)


def print_tables(result: Analysis, console: Console) -> None:
    console.print(render(result))
