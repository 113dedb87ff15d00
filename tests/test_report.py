"""`evnews report`: the corpus view over many analyses."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from evnews.cli import app
from evnews.report import CompanyCounts, Corpus, ReportError, build_report, read_documents
from evnews.store import Store, StoreKey

runner = CliRunner()


def doc(
    source: str,
    date: str | None,
    companies: dict[str, str],
    *,
    sentences: dict[int, list[str]] | None = None,
    amounts: list[tuple[float, str, int]] = (),
    partnerships: list[tuple[str, str, str]] = (),
    vehicles: dict[str, int] | None = None,
) -> dict:
    """A minimal analysis document: companies by status, company names per sentence."""
    sentences = sentences or {0: list(companies)}
    return {
        "source": {"path": source, "sha256": source, "bytes": 1},
        "article": {"date": date, "title": None, "words": 10, "sentences": len(sentences)},
        "pipeline": {"model": "blank:nl+evnews-rules", "version": "3", "mode": "rules"},
        "entities": [
            {"text": name, "label": "COMPANY", "sentence": s, "canonical": name}
            for s, names in sentences.items()
            for name in names
        ],
        "companies": [{"name": n, "status": st, "mentions": 2} for n, st in companies.items()],
        "partnerships": [
            {"companies": [a, b_], "status": st, "evidence": []} for a, b_, st in partnerships
        ],
        "amounts": [
            {"text": f"{v} {c}", "value": v, "currency": c, "sentence": s} for v, c, s in amounts
        ],
        "vehicle_types": [
            {"canonical": k, "powertrain": "electric", "count": n, "texts": [k]}
            for k, n in (vehicles or {}).items()
        ],
        "claims": [],
    }


DOCS = [
    doc("a.txt", "2021-01-12", {"Apple": "rumoured", "Kia": "mentioned"}),
    doc("b.txt", "2021-02", {"Apple": "rumoured"}),
    doc(
        "c.txt",
        "2021-03-30",
        {"Apple": "confirmed", "Hyundai": "confirmed"},
        partnerships=[("Hyundai", "Apple", "confirmed")],
        sentences={0: ["Apple", "Hyundai"], 1: ["Hyundai"]},
        amounts=[(3.6e9, "USD", 0), (4e9, "EUR", 1)],
        vehicles={"elektrische auto": 2},
    ),
    doc("d.txt", None, {"Apple": "denied"}, vehicles={"elektrische auto": 1, "suv": 1}),
    {"source": "broken.txt", "error": "empty file"},
]


def test_company_counts_by_status_and_dates():
    counts = CompanyCounts()
    for d in DOCS[:4]:
        counts.add(d)
    apple = counts.rows["Apple"]
    assert (apple["articles"], apple["rumoured"], apple["confirmed"], apple["denied"]) == (
        4,
        2,
        1,
        1,
    )
    assert (apple["first_seen"], apple["last_seen"]) == ("2021-01-12", "2021-03-30")
    assert [r["name"] for r in counts.table()] == ["Apple", "Hyundai", "Kia"]
    rows = list(csv.DictReader(io.StringIO(counts.to_csv())))
    assert rows[0]["name"] == "Apple" and rows[0]["mentions"] == "8"


def test_status_changes_per_month_ignore_mere_mentions():
    data = build_report(DOCS).to_dict()
    timelines = {t["company"]: t["timeline"] for t in data["status_changes"]}
    assert timelines["Apple"] == [
        {"month": "2021-01", "status": "rumoured", "articles": 2},
        {"month": "2021-03", "status": "confirmed", "articles": 1},
    ]
    assert "Kia" not in timelines  # only mentioned, never a claim


def test_equal_counts_in_one_month_prefer_the_firmer_status():
    corpus = build_report(
        [doc("x", "2022-05", {"Nio": "rumoured"}), doc("y", "2022-05-20", {"Nio": "confirmed"})]
    )
    assert corpus.timelines()[0]["timeline"][0]["status"] == "confirmed"


def test_partnerships_amounts_vehicles_and_totals():
    data = build_report(DOCS).to_dict()
    assert (data["articles"], data["errors"], data["undated"]) == (4, 1, 1)
    assert (data["first_date"], data["last_date"]) == ("2021-01-12", "2021-03-30")
    (pair,) = data["partnerships"]
    assert pair["companies"] == ["Apple", "Hyundai"] and pair["confirmed"] == 1
    largest = {row["company"]: row["amounts"] for row in data["largest_amounts"]}
    # The dollar amount shares a sentence with both; the euro amount only with Hyundai.
    assert [(a["value"], a["currency"]) for a in largest["Apple"]] == [(3.6e9, "USD")]
    assert [a["currency"] for a in largest["Hyundai"]] == ["EUR", "USD"]
    assert largest["Hyundai"][0]["source"] == "c.txt"
    vehicles = {v["canonical"]: (v["articles"], v["mentions"]) for v in data["vehicle_types"]}
    assert vehicles == {"elektrische auto": (2, 3), "suv": (1, 1)}


def test_largest_amount_per_currency_wins():
    corpus = Corpus()
    corpus.add(doc("x", "2020-01", {"BYD": "confirmed"}, amounts=[(1e9, "CNY", 0)]))
    corpus.add(doc("y", "2020-02", {"BYD": "confirmed"}, amounts=[(5e8, "CNY", 0)]))
    corpus.add(doc("z", "2020-03", {"BYD": "confirmed"}, amounts=[(2e9, "CNY", 0)]))
    (row,) = corpus.to_dict()["largest_amounts"]
    assert [(a["value"], a["source"]) for a in row["amounts"]] == [(2e9, "z")]


def write_jsonl(path, docs) -> None:
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n\n", encoding="utf-8")


def test_jsonl_and_store_give_the_same_report(tmp_path):
    results = tmp_path / "results.jsonl"
    write_jsonl(results, DOCS)
    key = StoreKey("0.1.0", "m", "1", "rules")
    with Store(tmp_path / "s.db") as store:
        rows = [(d["source"]["sha256"], d["source"]["path"], None, json.dumps(d)) for d in DOCS[:4]]
        store.save(key, rows)
    from_jsonl = build_report(read_documents(str(results))).to_dict()
    from_store = build_report(read_documents(str(tmp_path / "s.db"))).to_dict()
    from_jsonl.pop("errors")
    from_store.pop("errors")
    assert from_jsonl == from_store


def test_unreadable_inputs(tmp_path):
    with pytest.raises(ReportError, match="not found"):
        list(read_documents(str(tmp_path / "none.jsonl")))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "a", "error": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"bad.jsonl:2"):
        list(read_documents(str(bad)))
    other = tmp_path / "other.jsonl"
    other.write_text('{"hallo": 1}\n', encoding="utf-8")
    with pytest.raises(ReportError, match="not an evnews result"):
        list(read_documents(str(other)))


def test_cli_report_json_and_tables(tmp_path):
    results = tmp_path / "results.jsonl"
    write_jsonl(results, DOCS)
    as_json = runner.invoke(app, ["report", str(results), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["companies"][0]["name"] == "Apple"
    tables = runner.invoke(app, ["report", str(results)])
    assert tables.exit_code == 0
    assert "rumoured 2021-01 → confirmed 2021-03" in tables.stdout
    assert "Apple + Hyundai" in tables.stdout


def test_cli_report_needs_exactly_one_input(tmp_path):
    assert runner.invoke(app, ["report"]).exit_code == 2
    missing = runner.invoke(app, ["report", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "not found" in missing.stderr


def test_partnership_kinds_merge_across_articles_and_tolerate_schema_1():
    docs = [doc(name, "2022-01", {"Renault": "confirmed", "Geely": "confirmed"}) for name in "xyz"]
    docs[0]["partnerships"] = [{"companies": ["Renault", "Geely"], "kinds": ["talks"]}]
    docs[1]["partnerships"] = [{"companies": ["Geely", "Renault"], "kinds": ["joint_venture"]}]
    docs[2]["partnerships"] = [{"companies": ["Geely", "Renault"]}]  # schema_version 1
    for d in docs:
        d["partnerships"][0].update(status="confirmed", evidence=[])
    (pair,) = build_report(docs).to_dict()["partnerships"]
    assert pair["kinds"] == ["talks", "joint_venture"] and pair["articles"] == 3
