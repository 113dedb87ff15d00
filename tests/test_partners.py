"""evnews_partners: relation cues, pair finding, pair status and ordering."""

from __future__ import annotations

from typing import get_args

import pytest

from evnews import knowledge
from evnews.result import Relation


def partnerships(rules_nlp, text: str) -> dict[tuple[str, str], str]:
    doc = rules_nlp(text)
    return {tuple(p["companies"]): p["status"] for p in doc._.evnews_partnerships}


@pytest.mark.parametrize(
    ("text", "pair", "status"),
    [
        ("Kia werkt samen met Apple aan een zelfrijdende auto.", ("Apple", "Kia"), "confirmed"),
        ("Er komt een samenwerking tussen Xiaomi en Hyundai.", ("Hyundai", "Xiaomi"), "confirmed"),
        ("Tesla en Xiaomi richten een joint venture op.", ("Tesla", "Xiaomi"), "confirmed"),
        ("Kia bouwt vanaf 2025 auto's voor Apple.", ("Apple", "Kia"), "confirmed"),
        ("Hyundai levert accu's aan Tesla.", ("Hyundai", "Tesla"), "confirmed"),
        ("Apple neemt een belang in Kia.", ("Apple", "Kia"), "confirmed"),
        ("Volgens bronnen zit Apple met Hyundai om de tafel.", ("Apple", "Hyundai"), "rumoured"),
        ("Apple zou met Kia praten over een auto.", ("Apple", "Kia"), "rumoured"),
        (
            "Volgens de geruchtenmolen zou Apple met Hyundai in zee gaan.",
            ("Apple", "Hyundai"),
            "rumoured",
        ),
        ("Zou Xiaomi met Tesla kunnen samenwerken?", ("Tesla", "Xiaomi"), "speculative"),
        ("Hyundai ontkent dat het met Apple in gesprek is.", ("Apple", "Hyundai"), "denied"),
        ("De gesprekken tussen Apple en Kia zijn geklapt.", ("Apple", "Kia"), "denied"),
    ],
)
def test_relation_and_status(rules_nlp, text, pair, status):
    assert partnerships(rules_nlp, text) == {pair: status}


def test_no_relation_no_pair(rules_nlp):
    assert partnerships(rules_nlp, "Tesla en Kia verkopen veel auto's in Noorwegen.") == {}


def test_one_company_is_no_pair(rules_nlp):
    assert partnerships(rules_nlp, "Hyundai zegt niet in gesprek te zijn.") == {}


def test_list_after_the_cue_gives_a_pair_each(rules_nlp):
    found = partnerships(rules_nlp, "Xiaomi werkt samen met Kia en Hyundai.")
    assert found == {("Kia", "Xiaomi"): "confirmed", ("Hyundai", "Xiaomi"): "confirmed"}


def test_partner_named_via_die_laatste(rules_nlp):
    text = "Op de beurs: Apple, Tesla en Kia. Volgens bronnen werkt Xiaomi samen met die laatste."
    assert partnerships(rules_nlp, text) == {("Kia", "Xiaomi"): "rumoured"}


def test_pair_over_sentences_follows_the_ordering_rule(rules_nlp):
    text = (
        "Volgens ingewijden praat Apple met Hyundai. "
        "Hyundai bevestigt later de samenwerking met Apple. "
        "Dit jaar zijn de gesprekken tussen Apple en Hyundai afgeblazen."
    )
    doc = rules_nlp(text)
    [p] = doc._.evnews_partnerships
    assert p["companies"] == ["Apple", "Hyundai"]
    assert [e["status"] for e in p["evidence"]] == ["rumoured", "confirmed", "denied"]
    assert p["status"] == "denied"
    assert p["evidence"][0]["source"] == "ingewijden"


def test_relation_file_is_valid():
    kinds = {r.kind for r in knowledge.relations()}
    assert kinds == knowledge.PARTNER_KINDS == set(get_args(Relation))


def test_partnership_kinds_in_order_of_first_mention(rules_nlp):
    text = (
        "Volgens ingewijden praat Renault met Geely. "
        "Later richten Renault en Geely een joint venture op. "
        "Geely neemt ook een belang in Renault."
    )
    [p] = rules_nlp(text)._.evnews_partnerships
    assert p["kinds"] == ["talks", "joint_venture", "stake"]


def test_coordinated_actors_pair_with_the_partner(rules_nlp):
    found = partnerships(rules_nlp, "Hyundai en Kia zijn niet in gesprek met Apple.")
    assert found == {("Apple", "Hyundai"): "denied", ("Apple", "Kia"): "denied"}


def test_partner_inside_a_gapped_cue(rules_nlp):
    found = partnerships(rules_nlp, "De productie ligt bij Xiaomi, dat de auto voor Kia bouwt.")
    assert found == {("Kia", "Xiaomi"): "confirmed"}


def test_passive_built_by(rules_nlp):
    found = partnerships(rules_nlp, "Apple toonde een prototype: het is gebouwd door Kia.")
    assert found == {("Apple", "Kia"): "confirmed"}


def test_no_partner_across_a_comma(rules_nlp):
    assert partnerships(rules_nlp, "Kia levert de accu's voor de auto's, Apple de software.") == {}


def test_relation_naming_its_members(rules_nlp):
    text = "Kia, het samenwerkingsverband van Tesla, Apple en Xiaomi, groeit."
    assert set(partnerships(rules_nlp, text)) == {
        ("Apple", "Tesla"),
        ("Tesla", "Xiaomi"),
        ("Apple", "Xiaomi"),
    }


def test_met_with_a_description(rules_nlp):
    text = "Met de Chinese techreus Xiaomi richt Kia een joint venture op."
    assert partnerships(rules_nlp, text) == {("Kia", "Xiaomi"): "confirmed"}
