"""evnews_products: models from products.toml and brand + model codes, with their company."""

from __future__ import annotations

import pytest
from spacy.tokens import Span


def products(nlp, text: str) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)
    return [(s.text, s._.canonical, s._.company) for s in doc.spans["evnews_products"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tesla verkocht meer Model Y's dan ooit.", ("Model Y", "Model Y", "Tesla")),
        ("De ID.3 krijgt een grotere accu.", ("ID.3", "ID.3", "Volkswagen")),
        ("De EX30 is de kleinste Volvo tot nu toe.", ("EX30", "EX30", "Volvo Cars")),
        ("Sony liet de Vision S rijden.", ("Vision S", "Vision S", "Sony")),
        ("Sony liet de Vision-S rijden.", ("Vision-S", "Vision S", "Sony")),
        ("De Ora Good Cat heet voortaan anders.", ("Ora Good Cat", "Ora Good Cat", "Ora")),
        ("BYD zet de Seal U in de showroom.", ("Seal U", "Seal U", "BYD")),
        ("De EX30-prijs daalt met tweeduizend euro.", ("EX30", "EX30", "Volvo Cars")),
        ("Zij koos voor een Ioniq 5 N.", ("Ioniq 5 N", "Ioniq 5 N", "Hyundai")),
    ],
)
def test_known_models(rules_nlp, text, expected):
    assert expected in products(rules_nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BYD verkoopt de Seal ook in Nederland.", ("Seal", "Seal", "BYD")),  # brand in sentence
        ("BYD groeit. Het merk brengt de Dolphin.", ("Dolphin", "Dolphin", "BYD")),  # in doc
        ("Lucid levert vooral de Air-sedan.", ("Air", "Air", "Lucid")),
        ("Het gaat om de Peugeot 2008.", ("2008", "2008", "Peugeot")),  # number after brand
        ("Lynk & Co verkoopt vooral de 01.", ("01", "01", "Lynk & Co")),
        ("Het merk Smart komt met de #5, een SUV.", ("#5", "#5", "Smart")),
        ("Onvo komt naar Nederland. De L60 is een SUV.", ("L60", "L60", "Onvo")),
        ("Seat Leon blijft, de Cupra Leon ook.", ("Leon", "Leon", "Seat")),  # brand decides
    ],
)
def test_models_that_need_their_brand(rules_nlp, text, expected):
    assert expected in products(rules_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "De zeehond heet Seal en zwemt in de Noordzee.",  # no BYD anywhere
        "Air is lucht, zegt de leraar.",
        "In 2008 begon de kredietcrisis, ook voor Peugeot.",  # a year is not the model 2008
        "VDL Nedcar in Born bouwde ooit voor Cupra.",  # a place is a model only after its brand
        "Het kwartaalcijfer van BYD Q3 viel tegen.",  # quarter, not a model code
        "Tesla 3 miljard euro armer.",  # number followed by a scale word
    ],
)
def test_words_and_numbers_that_are_not_models(rules_nlp, text):
    assert products(rules_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xpeng G6 is de nieuwste SUV van het merk.", ("G6", "G6", "Xpeng")),
        ("Nio ET9 krijgt stuur-by-wire.", ("ET9", "ET9", "Nio")),
        ("Polestar bevestigt de Polestar 8 voor 2030.", ("8", "Polestar 8", "Polestar")),
        ("Het Chinese merk Voyra X7 komt eraan.", ("X7", "X7", None)),  # unknown brand
    ],
)
def test_brand_plus_model_code(rules_nlp, text, expected):
    assert expected in products(rules_nlp, text)


def test_supplier_plus_code_is_no_model(rules_nlp):
    assert products(rules_nlp, "Bosch X3 sensoren worden duurder.") == []


def test_brand_only_inside_a_model_name_is_no_company_mention(rules_nlp):
    doc = rules_nlp("Op de beurs stond de Afeela 1 van Sony Honda Mobility.")
    assert [s._.canonical for s in doc.spans["evnews_companies"]] == ["Sony Honda Mobility"]
    doc = rules_nlp("Polestar toont de Polestar 4. Polestar wil groeien.")
    assert [s._.canonical for s in doc.spans["evnews_companies"]] == ["Polestar"] * 3


def test_a_models_product_entities_are_merged(rules_nlp):
    doc = rules_nlp.make_doc("Tesla Roadster en de Zephyr Q komen later.")
    doc.ents = [Span(doc, 4, 6, label="PRODUCT")]
    doc = rules_nlp(doc)
    found = [(s.text, s._.canonical) for s in doc.spans["evnews_products"]]
    assert ("Zephyr Q", "Zephyr Q") in found
    assert ("Roadster", "Roadster") in found
