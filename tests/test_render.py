"""Output formats of `analyze`: HTML report, CSV, JSON Lines, colours, shell completion."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from evnews.cli import app
from evnews.render.csvout import FIELDS, to_csv
from evnews.render.html import STATUS_COLORS, render_html

TEXT = (
    " date 2024-03-05\n# Drie merken, drie verhalen\n"
    "BYD bevestigt dat het in Hongarije een fabriek bouwt voor 4 miljard euro. "
    "Volgens ingewijden praat Apple met Kia over een elektrische auto. "
    "Kia ontkent dat er gesprekken zijn over R&D <samen>."
)


@pytest.fixture(scope="module")
def article_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "drie.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def analyzed():
    from evnews.api import analyze_article
    from evnews.sources import parse_article

    article = parse_article(TEXT, "drie.txt")
    return analyze_article(article, model="rules"), article.body


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, ["analyze", *args, "--model", "rules"], env=env)


# --- HTML -------------------------------------------------------------------------------


def test_html_page_content(analyzed):
    result, body = analyzed
    page = render_html(result, body)
    tree = lxml.html.fromstring(page)
    assert tree.findtext(".//title") == "Drie merken, drie verhalen - evnews"
    assert tree.findtext(".//h1") == "Drie merken, drie verhalen"
    assert "2024-03-05" in tree.find(".//dl").text_content()
    # the article reads exactly as the body once the entity labels are taken out
    article = tree.find_class("article")[0]
    for label in article.find_class("label"):
        label.drop_tree()
    assert article.text_content() == body
    # entities: every company mention is marked and labelled
    marks = [m for m in tree.find_class("article")[0].iter("mark")]
    assert {"BYD", "Apple", "Kia"} <= {m.text for m in marks}
    # claim sentences carry their status colour and cues in the tooltip
    claims = {c.text_content(): c for c in article.find_class("claim")}
    denial = next(c for t, c in claims.items() if t.startswith("Kia ontkent"))
    assert STATUS_COLORS["denied"] in denial.get("style")
    assert denial.get("title").startswith("denied")
    confirmed = next(c for t, c in claims.items() if t.startswith("BYD bevestigt"))
    assert STATUS_COLORS["confirmed"] in confirmed.get("style")


def test_html_company_table_and_escaping(analyzed):
    result, body = analyzed
    page = render_html(result, body)
    assert "<samen>" not in page and "&lt;samen&gt;" in page
    assert "R&amp;D" in page
    tree = lxml.html.fromstring(page)
    tables = tree.findall(".//table")
    header = [th.text for th in tables[0].iter("th")]
    assert header[:5] == ["Company", "Type", "Country", "Mentions", "Status"]
    rows = {
        tr[0].text_content(): tr[4].text_content()
        for tr in tables[0].iter("tr")
        if tr[0].tag == "td"
    }
    assert rows == {c.name: c.status for c in result.companies}
    assert "@media print" in page and "<script" not in page


def test_cli_html_option(article_file, tmp_path):
    out = tmp_path / "rapport.html"
    result = run(str(article_file), "--html", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["title"] == "Drie merken, drie verhalen"
    assert f"wrote {out}" in result.stderr
    assert "Kia ontkent" in out.read_text(encoding="utf-8")


def test_cli_html_unwritable(article_file, tmp_path):
    target = tmp_path / "geen-map" / "rapport.html"
    result = run(str(article_file), "--html", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"evnews: {target}: cannot write the HTML report")
    assert "folder exists" in result.stderr


# --- CSV and JSON Lines -----------------------------------------------------------------


def test_csv_rows(analyzed):
    result, _ = analyzed
    rows = list(csv.DictReader(io.StringIO(to_csv([result]))))
    assert all(list(r) == list(FIELDS) for r in rows)
    assert {r["article"] for r in rows} == {"drie.txt"}
    companies = {r["name"]: r for r in rows if r["kind"] == "company"}
    assert companies["Kia"]["status"] == "denied"
    assert companies["BYD"]["status"] == "confirmed"
    assert companies["BYD"]["value"] == "1"  # mentions
    amounts = [r for r in rows if r["kind"] == "amount"]
    assert [(a["value"], a["unit"], a["approximate"]) for a in amounts] == [
        ("4000000000.0", "EUR", "false")
    ]
    claims = [r for r in rows if r["kind"] == "claim"]
    assert len(claims) == len(result.claims)
    assert "Apple" in next(c["companies"] for c in claims if c["status"] == "rumoured")


def test_cli_formats_agree(article_file):
    as_json = json.loads(run(str(article_file), "--json").stdout)
    jsonl = run(str(article_file), "--format", "jsonl").stdout
    assert jsonl.count("\n") == 1 and json.loads(jsonl) == as_json
    assert json.loads(run(str(article_file), "-f", "json", "--compact").stdout) == as_json
    table = run(str(article_file), "--format", "csv")
    assert table.stdout.splitlines()[0] == ",".join(FIELDS)
    assert table.stdout.count("\n") == len(list(csv.DictReader(io.StringIO(table.stdout)))) + 1


def test_cli_json_and_other_format_conflict(article_file):
    result = run(str(article_file), "--json", "--format", "csv")
    assert result.exit_code == 2
    assert "--json conflicts with --format csv" in result.stderr


def test_cli_bad_format_is_a_usage_error(article_file):
    result = run(str(article_file), "--format", "xml")
    assert result.exit_code == 2


# --- colours ----------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


_COLOURS = {str(n) for n in (*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108))}


def _colour_codes(text: str) -> set[str]:
    """SGR parameters in `text` that set a foreground or background colour."""
    return {c for seq in _SGR.findall(text) for c in seq.split(";")} & _COLOURS


def test_tables_have_colour_when_forced(article_file):
    result = run(str(article_file), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.exit_code == 0
    assert "32" in _colour_codes(result.stdout)  # confirmed is green


@pytest.mark.parametrize(
    ("args", "env"),
    [((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}), (("--no-color",), {"FORCE_COLOR": "1"})],
)
def test_no_color(article_file, args, env):
    result = run(str(article_file), *args, env=env)
    assert result.exit_code == 0
    assert "Kia" in result.stdout
    assert _colour_codes(result.stdout) == set()


# --- shell completion -------------------------------------------------------------------


def _evnews() -> str:
    return str(Path(sys.executable).with_name("evnews"))


def test_completion_offers_format_choices():
    env = {
        **os.environ,
        "_EVNEWS_COMPLETE": "complete_bash",
        "COMP_WORDS": "evnews analyze a.txt --format ",
        "COMP_CWORD": "4",
    }
    out = subprocess.run([_evnews()], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["table", "json", "jsonl", "csv"]


def test_show_completion_script():
    out = subprocess.run(
        [_evnews(), "--show-completion", "bash"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0
    assert "_evnews_completion" in out.stdout and "complete " in out.stdout


def test_tables_show_the_evidence_that_decided_the_status():
    from rich.console import Console

    import evnews
    from evnews.render.table import print_tables

    text = (
        "Audi trekt de stekker uit de fabriek in Vorst. "
        "Audi liet weten dat geen enkele koper een goed plan had."
    )
    result = evnews.analyze(text, model="rules")
    audi = next(c for c in result.companies if c.name == "Audi")
    assert audi.status == "denied" and audi.evidence[-1].status == "confirmed"
    page = lxml.html.fromstring(render_html(result, text))
    row = next(r for r in page.iter("tr") if "Audi" in r.text_content())
    assert "stekker uit" in row.text_content() and "liet weten" not in row.text_content()
    console = Console(width=200, record=True, file=io.StringIO())
    print_tables(result, console)
    companies = console.export_text().split("Amounts")[0]
    assert "stekker uit" in companies and "liet weten" not in companies
