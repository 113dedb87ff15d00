"""evnews_vehicles: the vehicle-type lexicon with inflections, compounds and powertrains."""

from __future__ import annotations

import pytest


def vehicles(nlp, text: str) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)
    return [(s.text, s._.canonical, s._.powertrain) for s in doc.spans["evnews_vehicles"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Er rijden steeds meer elektrische auto's rond.",
            ("elektrische auto's", "elektrische auto", "electric"),
        ),
        ("De stekkerauto wint terrein.", ("stekkerauto", "stekkerauto", "electric")),
        ("Een EV is stil.", ("EV", "elektrische auto", "electric")),
        ("Hij rijdt een EV.", ("EV", "elektrische auto", "electric")),  # tokenizer kept `EV.`
        ("Hij koos een plug-in hybride.", ("plug-in hybride", "plug-in hybride", "hybrid")),
        ("De waterstofauto blijft een nichemarkt.", ("waterstofauto", "waterstofauto", "hydrogen")),
        ("SUV's zijn populair.", ("SUV's", "SUV", None)),
        ("Het aantal suv's groeit.", ("suv's", "SUV", None)),
        ("Een crossover met veel ruimte.", ("crossover", "crossover", None)),
        ("De hatchback blijft klein.", ("hatchback", "hatchback", None)),
        ("Een ruime sedan voor de zakelijke rijder.", ("sedan", "sedan", None)),
        ("De stationwagen is terug.", ("stationwagen", "stationwagen", None)),
        ("Een MPV voor grote gezinnen.", ("MPV", "MPV", None)),
        ("Pick-ups zijn in Amerika populair.", ("Pick-ups", "pick-up", None)),
        (
            "Elektrische bestelbusjes rukken op.",
            ("Elektrische bestelbusjes", "bestelbus", "electric"),
        ),
        ("De bestelwagen rijdt op diesel.", ("bestelwagen", "bestelwagen", None)),
        ("Vrachtwagens en trucks van DAF.", ("trucks", "vrachtwagen", None)),
        ("De gemeente koopt elektrische bussen.", ("elektrische bussen", "bus", "electric")),
        ("Scooters staan overal op de stoep.", ("Scooters", "scooter", None)),
        ("Een motorfiets met een accu.", ("motorfiets", "motor", None)),
        ("Een driewieler voor de stad.", ("driewieler", "driewieler", None)),
        ("De sportwagen haalt 300 km/u.", ("sportwagen", "sportwagen", None)),
        ("Robotaxi's rijden al in Wuhan.", ("Robotaxi's", "robotaxi", None)),
        ("Een nieuwe middenklasse-SUV.", ("middenklasse-SUV", "SUV", None)),
        ("De stad rijdt met e-bussen.", ("e-bussen", "bus", "electric")),
        ("De stad test waterstofbussen.", ("waterstofbussen", "bus", "hydrogen")),
        ("Elektrobussen zijn stil.", ("Elektrobussen", "bus", "electric")),
        ("Een e-truck voor de haven.", ("e-truck", "vrachtwagen", "electric")),
        ("Zij kocht een auto.", ("auto", "auto", None)),
    ],
)
def test_vehicle_types(rules_nlp, text, expected):
    assert expected in vehicles(rules_nlp, text)


def test_hybrid_modifier_is_a_type_of_its_own(rules_nlp):
    found = vehicles(rules_nlp, "Het is een plug-in hybride SUV.")
    assert found == [("plug-in hybride", "plug-in hybride", "hybrid"), ("SUV", "SUV", "hybrid")]


def test_coordinated_modifiers(rules_nlp):
    found = vehicles(rules_nlp, "Er zijn elektrische en plug-in hybride personenauto's verkocht.")
    assert [c for _, c, _ in found] == ["elektrische auto", "plug-in hybride", "auto"]


def test_bare_plug_in_after_als(rules_nlp):
    found = vehicles(rules_nlp, "Hybrides, zowel gewone als plug-in, verkochten goed.")
    assert [c for _, c, _ in found] == ["hybride", "plug-in hybride"]


@pytest.mark.parametrize(
    "text",
    [
        "Li Auto levert meer dan ooit.",  # company name
        "Great Wall Motors en Hyundai Motor Group groeien.",
        "De Kona EV heeft een grotere accu.",  # product name
        "De Kia EV6 GT is snel.",  # an acronym after a model is a trim
        "De Airbus vloog over de omnibus heen.",  # bus inside other words
        "De motor levert 150 kW.",  # the engine, not a motorcycle
        "De hybride aandrijving is zuinig.",  # adjective before a noun
        "Hij durft het niet te wagen.",  # verb
        "De elektrische markt groeit.",  # a modifier alone is no vehicle
        "Het busstation en de autobranche.",  # compounds with a form in front
    ],
)
def test_no_vehicle_type(rules_nlp, text):
    assert vehicles(rules_nlp, text) == []


def test_auto_alone_has_no_powertrain(rules_nlp):
    assert vehicles(rules_nlp, "De auto van de toekomst.") == [("auto", "auto", None)]
