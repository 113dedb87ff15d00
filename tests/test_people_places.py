"""evnews_people_places: persons from title cues, locations from the places gazetteer."""

from __future__ import annotations

import pytest
from spacy.tokens import Span


def persons(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [s.text for s in doc.spans["evnews_persons"]]


def locations(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.canonical) for s in doc.spans["evnews_locations"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Volgens topman Lei Jun komt de auto in maart.", "Lei Jun"),
        ("Dat zei ceo Elon Musk tijdens de beurs.", "Elon Musk"),
        ("Woordvoerder Jan de Vries bevestigt het nieuws.", "Jan de Vries"),
        ("Tesla-topman Elon Musk twitterde erover.", "Elon Musk"),
        ("De Nio-baas William Li reageerde niet.", "William Li"),
        ("De topman van Xiaomi, Lei Jun, is tevreden.", "Lei Jun"),
        ("Anna van der Berg, woordvoerder van de ANWB, waarschuwt.", "Anna van der Berg"),
        (
            "Volgens directeur Jean-Philippe Imparato blijft de fabriek open.",
            "Jean-Philippe Imparato",
        ),
        ("Dat zegt algemeen directeur Sanne Bakker.", "Sanne Bakker"),
    ],
)
def test_persons_from_title_cues(rules_nlp, text, name):
    assert name in persons(rules_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "De topman van Tesla zweeg.",  # no name after the cue
        "Ceo Tesla reageerde niet.",  # a company is not a person
        "De woordvoerder in China wilde niets kwijt.",  # a place is not a person
        "Lei Jun sprak lang over de auto.",  # a name without a cue
        "Volgens de topman. Daarna sprak iedereen.",  # no name across a sentence break
    ],
)
def test_no_person_without_cue_and_name(rules_nlp, text):
    assert persons(rules_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De fabriek komt in China.", ("China", "China")),
        ("Tesla bouwt in de VS.", ("VS", "Verenigde Staten")),  # tokenizer kept `VS.`
        ("Verkoop in Zuid-Korea daalt.", ("Zuid-Korea", "Zuid-Korea")),
        ("De beurs in Las Vegas begint.", ("Las Vegas", "Las Vegas")),
        ("VDL Nedcar in Born zoekt werk.", ("Born", "Born")),
        ("BYD bouwt een fabriek in het Hongaarse Szeged.", ("Szeged", "Szeged")),
        ("CATL opent iets in het Duitse Arnstadt.", ("Arnstadt", "Arnstadt")),  # not listed
    ],
)
def test_locations(rules_nlp, text, expected):
    assert expected in locations(rules_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese merken veroveren de markt niet zomaar.",  # an adjective is no location
        "Het Koreaanse Kia groeit.",  # adjectives are not locations
        "De Cupra Born is een hatchback.",  # a model named after a place
        "De Washington Post schreef erover.",  # inside a media name
        "Great Wall Motors groeit.",  # inside a company name
    ],
)
def test_no_location(rules_nlp, text):
    assert locations(rules_nlp, text) == []


def test_model_entities_are_merged_ours_win(rules_nlp):
    doc = rules_nlp.make_doc("Pieter Smit reisde van Lelystad naar China.")
    doc.ents = [
        Span(doc, 0, 2, label="PER"),
        Span(doc, 4, 5, label="GPE"),
        Span(doc, 6, 7, label="LOC"),
    ]
    doc = rules_nlp(doc)
    assert [s.text for s in doc.spans["evnews_persons"]] == ["Pieter Smit"]
    found = [(s.text, s._.canonical) for s in doc.spans["evnews_locations"]]
    assert found == [("Lelystad", "Lelystad"), ("China", "China")]


def test_model_entities_never_override_companies(rules_nlp):
    doc = rules_nlp.make_doc("Tesla groeit.")
    doc.ents = [Span(doc, 0, 1, label="PER")]
    doc = rules_nlp(doc)
    assert list(doc.spans["evnews_persons"]) == []
