"""A standalone HTML page for one analysis: the article with displaCy-style entity marks,
claim sentences coloured by status, and the company, partnership, amount and claim tables.

No scripts or external files; the page prints with its colours.
"""

from __future__ import annotations

from html import escape

from evnews.result import Analysis, Entity, deciding

LABEL_COLORS = {  # displaCy's palette where it has a matching label
    "COMPANY": "#7aecec",
    "PRODUCT": "#bfeeb7",
    "VEHICLE_TYPE": "#feca74",
    "MONEY": "#e4e7d2",
    "DATE": "#bfe1d9",
    "DURATION": "#c7d7f9",
    "PERSON": "#aa9cfc",
    "LOCATION": "#ff9561",
}
STATUS_COLORS = {
    "confirmed": "#2e7d32",
    "rumoured": "#c49000",
    "speculative": "#a0309a",
    "denied": "#c62828",
    "mentioned": "#8a8a8a",
}

_CSS = """
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
  max-width: 58rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  color: #555; font-size: .9rem; } dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.warning { color: #8a5a00; }
.legend span { margin-right: .6rem; white-space: nowrap; font-size: .85rem; }
.article { white-space: pre-wrap; line-height: 2.3; border: 1px solid #ddd;
  border-radius: 6px; padding: 1rem 1.2rem; }
mark.ent { padding: .2em .35em; margin: 0 .1em; border-radius: .35em; line-height: 1;
  color: #222; }
mark.ent .label { font-size: .62em; font-weight: 700; text-transform: uppercase;
  vertical-align: middle; margin-left: .4em; }
.claim { border-bottom: 3px solid var(--st); background: color-mix(in srgb, var(--st) 9%,
  transparent); }
.badge { display: inline-block; color: #fff; background: var(--st); border-radius: 3px;
  padding: 0 .4em; font-size: .8rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #e3e3e3; }
th { background: #f4f4f4; } td.num { text-align: right; }
.none { color: #888; font-style: italic; }
footer { margin-top: 2rem; color: #888; font-size: .8rem; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .article { border: none; padding: 0; }
  tr, .claim { break-inside: avoid; } h2 { break-after: avoid; }
}
"""


def _status(status: str) -> str:
    return f'<span class="badge" style="--st: {STATUS_COLORS[status]}">{status}</span>'


def _mark(body: str, e: Entity) -> str:
    title = f' title="{escape(e.canonical)}"' if e.canonical else ""
    return (
        f'<mark class="ent" style="background: {LABEL_COLORS[e.label]}"{title}>'
        f'{escape(body[e.start : e.end])}<span class="label">{e.label}</span></mark>'
    )


def _non_overlapping(entities: list[Entity]) -> list[Entity]:
    """Entities sorted by start, dropping any that overlap an earlier or longer one."""
    chosen: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -(e.end - e.start))):
        if not chosen or e.start >= chosen[-1].end:
            chosen.append(e)
    return chosen


def _claim_ranges(result: Analysis, body: str) -> list[tuple[int, int, str, str]]:
    """(start, end, status, tooltip) of every claim sentence, located in the body."""
    ranges = []
    cursor = 0
    for c in sorted(result.claims, key=lambda c: c.sentence):
        start = body.find(c.text, cursor)
        if start < 0 or not c.text:
            continue
        cursor = start + len(c.text)
        tip = c.status + (f": {', '.join(c.cues)}" if c.cues else "")
        lead = len(c.text) - len(c.text.lstrip())  # underline the words, not the blank lines
        ranges.append((start + lead, start + len(c.text.rstrip()), c.status, tip))
    return ranges


def article_html(result: Analysis, body: str) -> str:
    """The body as HTML: claim sentences wrapped by status, entities marked inside them."""
    claims = _claim_ranges(result, body)

    def fits(e: Entity) -> bool:  # entirely inside or outside every claim sentence
        return all(e.end <= s or t <= e.start or s <= e.start < e.end <= t for s, t, _, _ in claims)

    # (offset, order at that offset, html, offset to continue from)
    cuts: list[tuple[int, int, str, int]] = []
    for start, end, status, tip in claims:
        color = STATUS_COLORS[status]
        opening = f'<span class="claim" style="--st: {color}" title="{escape(tip)}">'
        cuts += [(start, 1, opening, start), (end, 0, "</span>", end)]
    cuts += [
        (e.start, 2, _mark(body, e), e.end) for e in _non_overlapping(result.entities) if fits(e)
    ]
    out: list[str] = []
    pos = 0
    for offset, _order, html, resume in sorted(cuts, key=lambda c: (c[0], c[1])):
        out += [escape(body[pos:offset]), html]
        pos = resume
    out.append(escape(body[pos:]))
    return "".join(out)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    if not rows:
        return f'<p class="none">{escape(empty)}</p>'
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(result: Analysis, body: str) -> str:
    """The whole page for `result`; `body` is the analyzed article text (offsets index it)."""
    a, p = result.article, result.pipeline
    title = a.title or result.source.path
    meta = [
        ("Source", escape(result.source.path)),
        ("Date", escape(a.date or "unknown")),
        ("Pipeline", escape(f"{p.model} {p.version} ({p.mode})")),
        ("Size", f"{a.words} words, {a.sentences} sentences"),
        *(("Warning", f'<span class="warning">{escape(w)}</span>') for w in result.warnings),
    ]
    legend = "".join(
        f'<span><mark class="ent" style="background: {color}">{label}</mark></span>'
        for label, color in LABEL_COLORS.items()
    ) + "".join(f"<span>{_status(s)}</span>" for s in STATUS_COLORS)
    companies = _table(
        ("Company", "Type", "Country", "Mentions", "Status", "Cues", "Evidence"),
        [
            (
                escape(c.name) + ("" if c.linked else " <em>(unlinked)</em>"),
                escape(c.type or "-"),
                escape(c.country or "-"),
                str(c.mentions),
                _status(c.status),
                escape(", ".join(deciding(c.evidence, c.status).cues) if c.evidence else "-"),
                escape(deciding(c.evidence, c.status).text if c.evidence else "-"),
            )
            for c in result.companies
        ],
        "No companies found.",
    )
    partnerships = _table(
        ("Companies", "Tie", "Status", "Evidence"),
        [
            (
                escape(" + ".join(x.companies)),
                escape(", ".join(k.replace("_", " ") for k in x.kinds)),
                _status(x.status),
                escape(deciding(x.evidence, x.status).text if x.evidence else "-"),
            )
            for x in result.partnerships
        ],
        "No partnerships found.",
    )
    amounts = _table(
        ("Text", "Value", "Currency", "Approx."),
        [
            (escape(m.text), f"{m.value:,.2f}", m.currency, "yes" if m.approximate else "no")
            for m in result.amounts
        ],
        "No amounts found.",
    )
    claims = _table(
        ("#", "Status", "Companies", "Cues", "Source", "Sentence"),
        [
            (
                str(c.sentence),
                _status(c.status),
                escape(", ".join(c.companies)),
                escape(", ".join(c.cues)),
                escape(c.source or "-"),
                escape(c.text),
            )
            for c in result.claims
        ],
        "No claims found.",
    )
    meta_html = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)
    return f"""<!DOCTYPE html>
<html lang="{escape(a.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="evnews">
<title>{escape(title)} - evnews</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<dl class="meta">{meta_html}</dl>
<h2>Article</h2>
<p class="legend">{legend}</p>
<div class="article">{article_html(result, body)}</div>
<h2>Companies</h2>
{companies}
<h2>Partnerships</h2>
{partnerships}
<h2>Amounts</h2>
{amounts}
<h2>Claims</h2>
{claims}
<footer>Made by evnews from {escape(result.source.path)}; schema version
{result.schema_version}.</footer>
</body>
</html>
"""
