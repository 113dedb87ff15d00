"""evnews_money: every written form of an amount, and numbers that are not money."""

from __future__ import annotations

import pytest

from evnews import knowledge
from evnews.components.money import parse_number


def amounts(nlp, text: str) -> list[tuple[str, float, str, bool, int | None]]:
    doc = nlp(text)
    return [
        (s.text, s._.value, s._.currency, s._.approximate, s._.range_id)
        for s in doc.spans["evnews_money"]
    ]


def single(nlp, text: str) -> tuple[str, float, str, bool]:
    found = amounts(nlp, text)
    assert len(found) == 1, found
    return found[0][:4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het plan kost €8,5 miljard.", ("€8,5 miljard", 8.5e9, "EUR", False)),
        ("Het plan kost € 8,5 miljard.", ("€ 8,5 miljard", 8.5e9, "EUR", False)),
        ("Er gaat 8,5 miljard euro naar.", ("8,5 miljard euro", 8.5e9, "EUR", False)),
        ("Een steun van 1,3 mld euro.", ("1,3 mld euro", 1.3e9, "EUR", False)),
        ("Een steun van 1,3 mld. euro.", ("1,3 mld. euro", 1.3e9, "EUR", False)),
        ("Het bod was $10 mld.", ("$10 mld", 1e10, "USD", False)),
        ("Het bod was $ 10 mld.", ("$ 10 mld", 1e10, "USD", False)),
        ("Ze halen 10 miljard dollar op.", ("10 miljard dollar", 1e10, "USD", False)),
        ("Ze halen zo'n tien miljard dollar op.", ("tien miljard dollar", 1e10, "USD", True)),
        ("Er is tweeënhalf miljoen euro nodig.", ("tweeënhalf miljoen euro", 2.5e6, "EUR", False)),
        ("Er is anderhalf miljard euro nodig.", ("anderhalf miljard euro", 1.5e9, "EUR", False)),
        ("Nog een half miljard euro erbij.", ("een half miljard euro", 5e8, "EUR", False)),
        ("Het fonds telt 10 miljard yuan.", ("10 miljard yuan", 1e10, "CNY", False)),
        ("De auto kost ruim 40.000 euro.", ("40.000 euro", 40000.0, "EUR", True)),
        ("Vanaf € 39.995,- rijdt u weg.", ("€ 39.995,-", 39995.0, "EUR", False)),
        ("De meerprijs is EUR 2.500 inclusief btw.", ("EUR 2.500", 2500.0, "EUR", False)),
        ('"It cost us £50 million," he said.', ("£50 million", 5e7, "GBP", False)),
        ("A deal of 1.2 billion dollars.", ("1.2 billion dollars", 1.2e9, "USD", False)),
        ("Hyundai steekt er 3 miljard won in.", ("3 miljard won", 3e9, "KRW", False)),
        (
            "De fabriek kost 2 miljard Zwitserse frank.",
            ("2 miljard Zwitserse frank", 2e9, "CHF", False),
        ),
        ("Laden kost 30 eurocent per kWh.", ("30 eurocent", 0.3, "EUR", False)),
        ("Thuis laden kost ongeveer 40 cent.", ("40 cent", 0.4, "EUR", True)),
        ("Een startup van €40k.", ("€40k", 40000.0, "EUR", False)),
        ("Reported at $50m by Reuters.", ("$50m", 5e7, "USD", False)),
        ("Er is ongeveer 5 miljoen euro mee gemoeid.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("Er is circa 5 miljoen euro mee gemoeid.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("Er is ca. 5 mln euro mee gemoeid.", ("5 mln euro", 5e6, "EUR", True)),
        ("Er is bijna 5 miljoen euro mee gemoeid.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("Het gaat om rond 5 miljoen euro.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("Het gaat om meer dan 5 miljoen euro.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("Het gaat om pakweg 5 miljoen euro.", ("5 miljoen euro", 5e6, "EUR", True)),
        ("De subsidie is 4.000 euro per auto.", ("4.000 euro", 4000.0, "EUR", False)),
        ("Het kost 2,5 biljoen yen.", ("2,5 biljoen yen", 2.5e12, "JPY", False)),
        ("Laden kost €0,35/kWh.", ("€0,35/kWh", 0.35, "EUR", False)),
        ("Een 2 miljard dollar-investering.", ("2 miljard dollar-investering", 2e9, "USD", False)),
        ("Het kost tweehonderd euro.", ("tweehonderd euro", 200.0, "EUR", False)),
        ("Het kost 300 duizend euro.", ("300 duizend euro", 3e5, "EUR", False)),
        ("The tax credit is $7,500.", ("$7,500", 7500.0, "USD", False)),
        ("Een bod van 1,375 miljard euro.", ("1,375 miljard euro", 1.375e9, "EUR", False)),
        ("Het bod: US$ 5 miljard.", ("US$ 5 miljard", 5e9, "USD", False)),
        ("Het haalde 750 mln. USD op.", ("750 mln. USD", 7.5e8, "USD", False)),
        ("De waarde ligt rond de 600 miljard dollar.", ("600 miljard dollar", 6e11, "USD", True)),
        ("Het kost een miljard euro.", ("een miljard euro", 1e9, "EUR", False)),
        ("Er is honderd miljoen euro nodig.", ("honderd miljoen euro", 1e8, "EUR", False)),
        ("Laden kost €0,25 per kWh.", ("€0,25", 0.25, "EUR", False)),
        ("De prijs is €50.000,00.", ("€50.000,00", 50000.0, "EUR", False)),
        ("It raised 3.5 billion euros.", ("3.5 billion euros", 3.5e9, "EUR", False)),
    ],
)
def test_amount_forms(rules_nlp, text, expected):
    assert single(rules_nlp, text) == expected


def test_two_currencies_for_one_sum(rules_nlp):
    found = amounts(rules_nlp, "BYD krijgt 10 miljard yuan (omgerekend 1,3 miljard euro) steun.")
    assert found == [
        ("10 miljard yuan", 1e10, "CNY", False, None),
        ("1,3 miljard euro", 1.3e9, "EUR", True, None),
    ]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("De prijs ligt tussen 30.000 en 40.000 euro.", [("30.000", 3e4), ("40.000 euro", 4e4)]),
        ("De prijs ligt op 30.000 tot 40.000 euro.", [("30.000", 3e4), ("40.000 euro", 4e4)]),
        ("De prijs: €30.000-€40.000.", [("€30.000-€40.000", 3e4), ("30.000-€40.000", 4e4)]),
        (
            "De prijs: 30.000-40.000 euro.",
            [("30.000-40.000", 3e4), ("30.000-40.000 euro", 4e4)],
        ),
        ("Van €30.000 tot €35.000.", [("€30.000", 3e4), ("€35.000", 3.5e4)]),
        ("Tussen €30.000 en 40.000.", [("€30.000", 3e4), ("40.000", 4e4)]),
        ("Tussen 3 en 5 miljard euro.", [("3", 3e9), ("5 miljard euro", 5e9)]),
        ("Zo'n 5 à 6 miljard euro.", [("5", 5e9), ("6 miljard euro", 6e9)]),
        ("Tussen de 500.000 en 1 miljoen euro.", [("500.000", 5e5), ("1 miljoen euro", 1e6)]),
    ],
)
def test_ranges_share_an_id_and_currency(rules_nlp, text, ends):
    found = amounts(rules_nlp, text)
    assert [(t, v) for t, v, *_ in found] == ends
    assert {cur for _, _, cur, _, _ in found} == {"EUR"}
    assert found[0][4] is not None and found[0][4] == found[1][4]


def test_range_ids_count_per_range(rules_nlp):
    found = amounts(rules_nlp, "Tussen 3 en 4 miljard euro, of 5 tot 6 miljard dollar.")
    assert [r for *_, r in found] == [0, 0, 1, 1]
    assert [c for _, _, c, _, _ in found] == ["EUR", "EUR", "USD", "USD"]


def test_hedge_before_range_marks_both_ends(rules_nlp):
    found = amounts(rules_nlp, "Het kost zo'n 30.000 tot 40.000 euro.")
    assert [a for _, _, _, a, _ in found] == [True, True]


def test_hedge_after_a_growth_verb_is_a_target(rules_nlp):
    assert single(rules_nlp, "Het verlies liep op tot 5,5 miljard yuan.")[3] is False
    assert single(rules_nlp, "De boete bedraagt tot 5 miljard euro.")[3] is True


@pytest.mark.parametrize(
    "text",
    ["De actie loopt van € 39.995 tot 31 maart.", "Van €40.000 tot 35 dagen later."],
)
def test_a_bare_number_after_an_amount_is_no_range_end(rules_nlp, text):
    assert [r for *_, r in amounts(rules_nlp, text)] == [None]


def test_hedge_after_a_percentage_is_a_target(rules_nlp):
    assert single(rules_nlp, "De omzet steeg met 4 procent tot 3 miljard euro.")[3] is False


def test_list_without_tussen_is_no_range(rules_nlp):
    found = amounts(rules_nlp, "Modellen van 30.000 en 40.000 euro.")
    assert found == [("40.000 euro", 4e4, "EUR", False, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Er rolden 300.000 auto's van de band.",
        "De accu heeft 77 kWh.",
        "Het bereik is 500 km.",
        "Het aandeel steeg 15 procent.",
        "Het aandeel steeg 15%.",
        "In 2024 komt er een nieuwe versie.",
        "De ID.3 en de EX30 zijn populair.",
        "De presentatie begint om 12.30 uur.",
        "Bel 06-12345678 voor info.",
        "Er komen 5 miljard laadpunten bij.",
        "Het budget is 5 miljard.",
        "In 2023 won Kia de prijs.",
        "De auto kreeg 5 Euro NCAP-sterren.",
        "Twee Euro 6-motoren vallen af.",
        "In 2024 euro's sparen.",
        "Mensen tussen 30 en 40 jaar.",
        "Dat kost een paar honderd euro.",
        "De 19 euro-landen stemmen in.",
    ],
)
def test_never_money(rules_nlp, text):
    assert amounts(rules_nlp, text) == []


def test_blocking_unit_stops_a_range(rules_nlp):
    # Without the unit block "500" would borrow EUR from the range partner.
    found = amounts(rules_nlp, "Voor €35.000 tot 500 km rijden.")
    assert found == [("€35.000", 35000.0, "EUR", False, None)]


def test_ambiguous_currency_word_needs_scale_or_format(rules_nlp):
    assert amounts(rules_nlp, "Het kostte 2,5 pond.")[0][2] == "GBP"
    assert amounts(rules_nlp, "Hij woog 30 pond.") == []


def test_year_guard_only_after_preposition(rules_nlp):
    assert single(rules_nlp, "Hij betaalde 2024 euro.") == ("2024 euro", 2024.0, "EUR", False)


@pytest.mark.parametrize(
    ("text", "english", "value"),
    [
        ("39.995", False, "39995"),
        ("8,5", False, "8.5"),
        ("1.250.000,50", False, "1250000.50"),
        ("1.2", False, "1.2"),
        ("1,200", True, "1200"),
        ("1.250", True, "1.250"),
        ("39.995,-", False, "39995"),
        ("ID.3", False, None),
    ],
)
def test_parse_number(text, english, value):
    result = parse_number(text, english)
    assert (str(result) if result is not None else None) == value


def test_money_knowledge_is_validated():
    k = knowledge.money()
    assert k.symbols["€"] == "EUR"
    assert k.words[("zwitserse", "frank")] == "CHF"
    assert k.scales["mld"] == 1e9
    assert ("zo'n",) in k.hedges
    assert "kwh" in k.blocking_units
    assert "euro" not in k.ambiguous


def test_amounts_reach_the_analysis(analyze_text):
    result = analyze_text("Nio haalt tussen 1 en 2 miljard dollar op, zo'n 1,7 miljard euro.")
    got = [(a.text, a.value, a.currency, a.approximate, a.range) for a in result.amounts]
    assert got == [
        ("1", 1e9, "USD", False, 0),
        ("2 miljard dollar", 2e9, "USD", False, 0),
        ("1,7 miljard euro", 1.7e9, "EUR", True, None),
    ]
    assert [e.label for e in result.entities if e.text == "1,7 miljard euro"] == ["MONEY"]
