"""Unit tests of the `evnews eval` scorer on tiny hand-made analyses and gold files."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from evnews.cli import app
from evnews.evaluate import (
    Counts,
    confusion,
    gold_pairs,
    metric,
    norm,
    score_article,
    status_counts,
    summarize,
)
from evnews.gold import GoldError, load_gold, parse_gold
from evnews.result import Analysis


def make_analysis(**fields) -> Analysis:
    """An Analysis with only the given result lists filled in."""
    base = {
        "source": {"path": "-", "sha256": "", "bytes": 0},
        "article": {"date": None, "title": None, "words": 0, "sentences": 0},
        "pipeline": {"model": "rules", "version": "0", "mode": "rules"},
    }
    return Analysis.model_validate(base | fields)


def company(name: str, status: str = "mentioned", aliases: list[str] | None = None) -> dict:
    return {
        "name": name,
        "aliases": aliases or [name],
        "type": None,
        "country": None,
        "linked": True,
        "mentions": 1,
        "status": status,
        "evidence": [],
    }


def amount(value: float, currency: str) -> dict:
    return {
        "text": f"{value} {currency}",
        "value": value,
        "currency": currency,
        "approximate": False,
        "start": 0,
        "end": 1,
        "sentence": 0,
    }


def date_row(text: str, value: str | None, kind: str = "date") -> dict:
    return {"text": text, "kind": kind, "value": value, "start": 0, "end": 1, "sentence": 0}


def score(analysis: Analysis, gold: dict):
    return score_article(analysis, parse_gold(gold), "t")


def counts(result, field: str) -> tuple[int, int, int]:
    c = result.fields[field].counts
    return c.tp, c.fp, c.fn


def test_norm_ignores_case_accents_and_punctuation():
    assert norm("Lynk & Co") == norm("lynk&co") == "lynkco"
    assert norm("Škoda") == "skoda"
    assert norm("Mercedes-Benz") != norm("Mercedes")


def test_counts_edge_cases():
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    nothing_found = Counts(tp=0, fp=0, fn=3)
    assert nothing_found.precision == 1.0 and nothing_found.f1 == 0.0
    all_wrong = Counts(tp=0, fp=2, fn=0)
    assert all_wrong.precision == 0.0 and all_wrong.f1 == 0.0
    assert Counts(tp=3, fp=1, fn=2).f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_empty_gold_makes_every_prediction_a_false_positive():
    analysis = make_analysis(
        companies=[company("Tesla")], amounts=[amount(10.0, "EUR")], products=[]
    )
    result = score(analysis, {"companies": [], "amounts": [], "products": []})
    assert counts(result, "companies") == (0, 1, 0)
    assert counts(result, "amounts") == (0, 1, 0)
    assert counts(result, "products") == (0, 0, 0)


def test_fields_left_out_of_gold_are_not_scored():
    analysis = make_analysis(companies=[company("Tesla")], amounts=[amount(10.0, "EUR")])
    result = score(analysis, {"companies": ["Tesla"]})
    assert set(result.fields) == {"companies"}


def test_companies_match_canonical_name_or_gold_alias_not_surface_forms():
    analysis = make_analysis(
        companies=[
            company("Volkswagen Group", aliases=["Volkswagen"]),
            company("Geely Holding"),
            company("BYD"),
        ]
    )
    gold = {"companies": ["Volkswagen", {"name": "Geely", "aliases": ["Geely Holding"]}, "NIO"]}
    result = score(analysis, gold)
    assert counts(result, "companies") == (1, 2, 2)
    assert result.fields["companies"].missed == ["Volkswagen", "NIO"]
    assert sorted(result.fields["companies"].spurious) == ["BYD", "Volkswagen Group"]


def test_knowledge_base_alias_matches_the_gold_name_after_exact_names():
    # companies.toml: KGM has the alias SsangYong, Mercedes-Benz Group has Daimler,
    # Volvo Cars has Volvo.
    analysis = make_analysis(
        companies=[
            company("KGM", "denied"),
            company("Mercedes-Benz Group"),
            company("Volvo Cars"),
        ],
        partnerships=[
            {
                "companies": ["Mercedes-Benz Group", "KGM"],
                "kinds": ["stake"],
                "status": "denied",
                "evidence": [],
            }
        ],
    )
    gold = {
        "companies": [
            {"name": "SsangYong", "status": "denied"},
            # exact names go first: Mercedes-Benz Group is not taken by the gold Daimler
            "Daimler",
            "Mercedes-Benz Group",
            # a gold alias is not a knowledge-base name: Volvo Cars is no Volvo Trucks
            {"name": "Volvo Trucks", "aliases": ["Volvo"]},
        ],
        "partnerships": [{"companies": ["SsangYong", "Daimler"], "status": "denied"}],
    }
    result = score(analysis, gold)
    assert counts(result, "companies") == (2, 1, 2)
    assert result.fields["companies"].missed == ["Daimler", "Volvo Trucks"]
    assert result.statuses[0] == ("SsangYong", "denied", "denied")
    assert counts(result, "partnerships+status") == (1, 0, 0)


def test_duplicates_on_either_side_count_once():
    analysis = make_analysis(
        amounts=[amount(1e9, "EUR"), amount(1e9, "EUR"), amount(2e9, "EUR")],
    )
    gold = {"amounts": [{"value": 1e9, "currency": "EUR"}, {"value": 1e9, "currency": "EUR"}]}
    assert counts(score(analysis, gold), "amounts") == (1, 1, 0)
    gold_dupes = {"companies": ["Kia", "kia", "Hyundai"]}
    assert counts(score(make_analysis(companies=[company("Kia")]), gold_dupes), "companies") == (
        1,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("predicted", "currency", "hit"),
    [
        (1.004e10, "USD", True),  # 0.4% off: within tolerance
        (0.996e10, "USD", True),
        (1.006e10, "USD", False),  # 0.6% off
        (1e10, "EUR", False),  # right number, wrong currency
    ],
)
def test_amount_tolerance_and_currency(predicted, currency, hit):
    analysis = make_analysis(amounts=[amount(predicted, currency)])
    gold = {"amounts": [{"value": 1e10, "currency": "USD"}]}
    assert counts(score(analysis, gold), "amounts") == ((1, 0, 0) if hit else (0, 1, 1))


def test_amount_currency_is_case_insensitive():
    analysis = make_analysis(amounts=[amount(5.0, "EUR")])
    assert counts(score(analysis, {"amounts": [{"value": 5, "currency": "eur"}]}), "amounts") == (
        1,
        0,
        0,
    )


def test_products_with_or_without_brand_and_company_check():
    analysis = make_analysis(
        products=[
            {"name": "Tesla Model Y", "company": "Tesla"},
            {"name": "SU7", "company": None},
            {"name": "EX30", "company": "Polestar"},
        ],
    )
    gold = {
        "companies": [{"name": "Volvo Cars", "aliases": ["Volvo"]}],
        "products": [
            {"name": "Model Y", "company": "Tesla"},
            {"name": "SU7", "company": "Xiaomi"},
            {"name": "EX30", "company": "Volvo"},
        ],
    }
    result = score(analysis, gold)
    assert counts(result, "products") == (3, 0, 0)
    assert counts(result, "products+company") == (1, 2, 2)


def test_products_match_a_knowledge_base_alias_of_the_gold_name():
    # products.toml: Niro EV (Kia) has the alias e-Niro, C40 Recharge (Volvo Cars) has C40.
    analysis = make_analysis(
        products=[
            {"name": "Niro EV", "company": "Kia"},
            {"name": "C40 Recharge", "company": "Volvo Cars"},
        ],
    )
    gold = {
        "companies": [{"name": "Volvo", "aliases": ["Volvo Cars"]}],
        "products": [
            {"name": "e-Niro", "company": "Kia"},
            {"name": "C40", "company": "Polestar"},
        ],
    }
    result = score(analysis, gold)
    assert counts(result, "products") == (2, 0, 0)
    assert counts(result, "products+company") == (1, 1, 1)


def test_vehicle_types_match_canonical_or_alias():
    analysis = make_analysis(
        vehicle_types=[
            {"canonical": "elektrische auto", "texts": ["EV's"], "count": 2, "powertrain": None},
            {"canonical": "sportauto", "texts": ["sportauto"], "count": 1, "powertrain": None},
            {"canonical": "motor", "texts": ["motor"], "count": 1, "powertrain": None},
        ]
    )
    gold = {"vehicle_types": ["Elektrische auto", {"name": "sportwagen", "aliases": ["sportauto"]}]}
    assert counts(score(analysis, gold), "vehicle_types") == (2, 1, 0)


def test_dates_match_on_value_or_on_text_when_unresolved():
    analysis = make_analysis(
        dates=[
            date_row("in maart", "2024-03"),
            date_row("komende tien jaar", "P10Y", "duration"),
            date_row("vrijdag", None),
            date_row("volgend jaar", "2025"),
        ]
    )
    gold = {
        "dates": [
            {"text": "in maart", "value": ["2024-03", "2024-03-01"]},
            {"text": "de komende tien jaar", "value": "P10Y"},
            {"text": "vrijdag", "value": None},
            {"text": "volgend jaar", "value": None},
        ]
    }
    result = score(analysis, gold)
    # A guessed value where gold says "unresolvable" is both a miss and a spurious date.
    assert counts(result, "dates") == (3, 1, 1)
    assert result.fields["dates"].missed == ["volgend jaar = None"]


def test_partnerships_unordered_and_with_status():
    analysis = make_analysis(
        companies=[company("Kia"), company("Apple"), company("Hyundai Motor Group")],
        partnerships=[
            {
                "companies": ["Kia", "Apple"],
                "kinds": ["talks"],
                "status": "rumoured",
                "evidence": [],
            },
            {
                "companies": ["Hyundai Motor Group", "Apple"],
                "kinds": ["talks"],
                "status": "rumoured",
                "evidence": [],
            },
        ],
    )
    gold = {
        "companies": [{"name": "Hyundai", "aliases": ["Hyundai Motor Group"]}],
        "partnerships": [
            {"companies": ["Apple", "Kia"], "status": "rumoured"},
            {"companies": ["Apple", "Hyundai"], "status": "denied"},
            {"companies": ["Apple", "Sony"], "status": "confirmed"},
        ],
    }
    result = score(analysis, gold)
    assert counts(result, "partnerships") == (2, 0, 1)
    assert counts(result, "partnerships+status") == (1, 1, 2)


def test_statuses_confusion_and_accuracy():
    analysis = make_analysis(
        companies=[
            company("Xiaomi", "confirmed"),
            company("Apple", "rumoured"),
            company("Tesla", "confirmed"),
        ]
    )
    gold = {
        "companies": [
            {"name": "Xiaomi", "status": "confirmed"},
            {"name": "Apple", "status": "speculative"},
            {"name": "Tesla", "status": "mentioned"},
            {"name": "Kia", "status": "denied"},
            {"name": "Sony"},
        ]
    }
    result = score(analysis, gold)
    assert result.statuses == [
        ("Xiaomi", "confirmed", "confirmed"),
        ("Apple", "speculative", "rumoured"),
        ("Tesla", "mentioned", "confirmed"),
        ("Kia", "denied", "missing"),
    ]
    matrix = confusion([result])
    assert matrix["speculative"]["rumoured"] == 1 and matrix["denied"]["missing"] == 1
    per = status_counts(matrix)
    assert (per["confirmed"].tp, per["confirmed"].fp, per["confirmed"].fn) == (1, 1, 0)
    assert (per["denied"].tp, per["denied"].fn) == (0, 1)
    summary = summarize([result])
    # Companies with a claim exclude `mentioned`: Xiaomi right, Apple and Kia wrong.
    assert summary["status"]["accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["status"]["accuracy_all"] == 0.25
    assert metric(summary, "status") == summary["status"]["accuracy"]
    assert metric(summary, "status:confirmed") == per["confirmed"].as_dict()["f1"]
    assert metric(summary, "companies") == summary["fields"]["companies"]["f1"]
    assert metric(summary, "nonsense") is None


def test_summarize_micro_averages_over_articles():
    a = score(make_analysis(companies=[company("Kia")]), {"companies": ["Kia", "Hyundai"]})
    b = score(make_analysis(companies=[company("BYD"), company("Nio")]), {"companies": ["BYD"]})
    row = summarize([a, b])["fields"]["companies"]
    assert (row["tp"], row["fp"], row["fn"]) == (2, 1, 1)
    assert row["f1"] == pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.parametrize(
    "bad",
    [
        {"companies": [{"name": "Kia", "status": "sure"}]},
        {"amounts": [{"value": 5}]},
        {"partnerships": [{"companies": ["Kia"]}]},
        {"compagnies": []},
    ],
)
def test_gold_validation_errors(bad):
    with pytest.raises(GoldError):
        parse_gold(bad)


def test_load_gold_rejects_non_json(tmp_path):
    path = tmp_path / "a.gold.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid JSON"):
        load_gold(path)


def test_gold_pairs_finds_articles_beside_gold(tmp_path):
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "no_gold.txt").write_text("x", encoding="utf-8")
    assert [(n, p.name) for n, p, _g in gold_pairs(tmp_path)] == [("a", "a.md"), ("b", "b.txt")]


@pytest.fixture()
def eval_dir(tmp_path):
    (tmp_path / "one.txt").write_text(
        " date 2024-03\nXiaomi investeert 10 miljard dollar in elektrische auto's.\n",
        encoding="utf-8",
    )
    gold = {"companies": ["Xiaomi"], "amounts": [{"value": 1e10, "currency": "USD"}]}
    (tmp_path / "one.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_cli_eval_json_and_exit_codes(eval_dir):
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", str(eval_dir), "--model", "rules", "--json", "--errors"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["articles"] == 1 and data["per_article"][0]["name"] == "one"
    assert set(data["fields"]) == {"companies", "amounts"}

    table = runner.invoke(app, ["eval", str(eval_dir), "--model", "rules", "--errors"])
    assert table.exit_code == 0 and "Confusion matrix" not in table.stdout
    assert "companies" in table.stdout and "amounts" in table.stdout

    strict = runner.invoke(
        app, ["eval", str(eval_dir), "--model", "rules", "--json", "--min-f1", "companies=1.01"]
    )
    assert strict.exit_code == 3

    usage = runner.invoke(app, ["eval", str(eval_dir / "missing"), "--model", "rules"])
    assert usage.exit_code == 2
    bad_threshold = runner.invoke(app, ["eval", str(eval_dir), "--min-f1", "companies"])
    assert bad_threshold.exit_code == 2

    (eval_dir / "two.gold.json").write_text("[]", encoding="utf-8")
    broken = runner.invoke(app, ["eval", str(eval_dir), "--model", "rules"])
    assert broken.exit_code == 1
    assert "Scores over 1 articles" in broken.stdout
