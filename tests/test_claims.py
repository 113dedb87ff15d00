"""evnews_claims: cue families, tricky constructions, references and company status."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from evnews import knowledge
from evnews.components.cues import NOT_DECISIVE, STRONG, WEAK, combine_status


@pytest.fixture(scope="module")
def run(rules_nlp):
    def process(text: str) -> Doc:
        return rules_nlp(text)

    return process


def status_of(doc: Doc, company: str) -> str:
    return (doc._.evnews_company_status or {}).get(company, {}).get("status", "mentioned")


def claim(doc: Doc, index: int = 0):
    return sorted(doc.spans["evnews_claims"], key=lambda s: s.start)[index]


# --- one example each cue family catches, and one it must not -------------------------


@pytest.mark.parametrize(
    ("text", "company", "expected"),
    [
        ("Xiaomi bevestigt de bouw van een eigen fabriek.", "Xiaomi", "confirmed"),
        ("Tesla kondigt een goedkopere Model 2 aan.", "Tesla", "confirmed"),
        ("Kia maakt bekend dat het een elektrische bestelbus bouwt.", "Kia", "confirmed"),
        ("Hyundai heeft het prototype vorige week laten zien.", "Hyundai", "confirmed"),
        ("Apple heeft de start-up in 2019 overgenomen.", "Apple", "confirmed"),
        ("Volgens bronnen werkt Apple aan een eigen auto.", "Apple", "rumoured"),
        ("Naar verluidt zoekt Xiaomi een plek voor een fabriek.", "Xiaomi", "rumoured"),
        ("De geruchten dat Apple een auto bouwt houden aan.", "Apple", "rumoured"),
        ("Apple zou met Kia praten over een gezamenlijke auto.", "Kia", "rumoured"),
        ("Tesla bouwt mogelijk een tweede fabriek in Europa.", "Tesla", "speculative"),
        ("Kia komt waarschijnlijk volgend jaar met een kleine EV.", "Kia", "speculative"),
        ("Hopelijk brengt Hyundai de auto ook naar Europa.", "Hyundai", "speculative"),
        ("Xiaomi ontkent dat het een auto ontwikkelt.", "Xiaomi", "denied"),
        ("Apple heeft het project afgeblazen.", "Apple", "denied"),
        ("Hyundai stopt met de ontwikkeling van de sedan.", "Hyundai", "denied"),
    ],
)
def test_cue_families(run, text, company, expected):
    assert status_of(run(text), company) == expected


def test_plain_statement_of_plans_is_confirmed_without_cue(run):
    doc = run("Tesla bouwt een nieuwe fabriek in Berlijn.")
    assert status_of(doc, "Tesla") == "confirmed"
    assert claim(doc)._.cues == []


def test_passing_mention_is_not_a_claim(run):
    doc = run("Tesla is een Amerikaans merk uit Texas.")
    assert list(doc.spans["evnews_claims"]) == []
    assert status_of(doc, "Tesla") == "mentioned"


# --- negation, modality, questions, reported speech, conditionals ---------------------


def test_negated_plan_is_denied(run):
    assert status_of(run("Xiaomi gaat geen auto's bouwen."), "Xiaomi") == "denied"
    assert status_of(run("Tesla wil in Nederland geen fabriek bouwen."), "Tesla") == "denied"


def test_spokesperson_denial_beats_the_speech_verb(run):
    doc = run("Hyundai zegt niet in gesprek te zijn.")
    assert status_of(doc, "Hyundai") == "denied"
    assert "niet in gesprek" in claim(doc)._.cues


def test_spokesperson_statement_is_confirmed(run):
    doc = run("Een woordvoerder van Kia laat weten dat de fabriek in 2026 opent.")
    assert status_of(doc, "Kia") == "confirmed"


def test_question_is_speculative(run):
    doc = run("Zou Xiaomi de eerste kunnen zijn?")
    assert claim(doc)._.status == "speculative"
    assert "?" in claim(doc)._.cues


def test_zou_kunnen_is_speculative_not_rumoured(run):
    assert status_of(run("Apple zou met Kia kunnen samenwerken."), "Apple") == "speculative"


def test_conditional_is_speculative(run):
    doc = run("Als Apple ooit een auto zou bouwen, wordt het een dure.")
    assert status_of(doc, "Apple") == "speculative"


def test_medium_is_source_and_makes_a_guess_rumoured(run):
    doc = run("Volgens Reuters wil Xiaomi mogelijk een fabriek openen.")
    c = claim(doc)
    assert (c._.status, c._.source) == ("rumoured", "Reuters")


def test_medium_reporting_a_denial_stays_denied(run):
    doc = run("Volgens Bloomberg heeft Apple de gesprekken met Hyundai afgeblazen.")
    assert claim(doc)._.status == "denied"
    assert claim(doc)._.source == "Bloomberg"


def test_unnamed_sources_fill_source(run):
    doc = run("Volgens ingewijden bouwt Xiaomi een fabriek in Peking.")
    assert (claim(doc)._.status, claim(doc)._.source) == ("rumoured", "ingewijden")


def test_pseudo_cue_does_not_deny(run):
    doc = run("Tesla bouwt niet alleen auto's maar ook batterijen.")
    assert status_of(doc, "Tesla") == "confirmed"


# --- several companies, terminators ---------------------------------------------------


def test_terminator_separates_clause_statuses(run):
    doc = run("Volgens bronnen zou Apple een auto bouwen, maar Hyundai bevestigt de fabriek.")
    assert status_of(doc, "Apple") == "rumoured"
    assert status_of(doc, "Hyundai") == "confirmed"
    c = claim(doc)
    assert c._.status == "rumoured"  # the first (main) clause
    assert c._.claim_companies == ["Apple", "Hyundai"]


def test_nearest_cue_wins(run):
    doc = run("Tesla bevestigt de fabriek terwijl Xiaomi het nieuws ontkent.")
    assert status_of(doc, "Tesla") == "confirmed"
    assert status_of(doc, "Xiaomi") == "denied"


def test_subject_is_main_company_with_a_parse(rules_nlp):
    words = ["Apple", "zou", "bouwen", ",", "maar", "Hyundai", "bevestigt", "de", "fabriek", "."]
    heads = [2, 2, 6, 6, 6, 6, 6, 8, 6, 6]
    deps = ["nsubj", "aux", "conj", "punct", "cc", "nsubj", "ROOT", "det", "obj", "punct"]
    doc = Doc(rules_nlp.vocab, words=words, heads=heads, deps=deps)
    for name in ("evnews_companies", "evnews_claims"):
        doc = rules_nlp.get_pipe(name)(doc)
    c = claim(doc)
    assert c._.claim_companies[0] == "Hyundai"
    assert c._.status == "confirmed"
    assert status_of(doc, "Apple") == "rumoured"


# --- references ----------------------------------------------------------------------


def references(doc: Doc) -> list[tuple[str, str]]:
    return [(r.text, r._.canonical) for r in doc.spans["evnews_references"]]


def test_die_laatste_is_last_in_a_list(run):
    doc = run("Apple sprak met Kia en Hyundai. Die laatste heeft een prototype getoond.")
    assert references(doc) == [("Die laatste", "Hyundai")]
    assert status_of(doc, "Hyundai") == "confirmed"


def test_description_needs_compatible_type_and_country(run):
    doc = run("Xiaomi praat met Kia. De techreus zou een fabriek willen bouwen.")
    assert references(doc) == [("De techreus", "Xiaomi")]
    doc = run("Xiaomi praat met Kia. Het Chinese merk bouwt een fabriek.")
    assert references(doc) == []  # Xiaomi is a tech company, not a car brand
    doc = run("Kia praat met Xiaomi. De Koreanen ontkennen dat.")
    assert references(doc) == [("De Koreanen", "Kia")]
    assert status_of(doc, "Kia") == "denied"


def test_het_bedrijf_takes_the_last_company_and_appositives_are_skipped(run):
    doc = run("Tesla opent een fabriek. Het bedrijf investeert vijf miljard euro.")
    assert references(doc) == [("Het bedrijf", "Tesla")]
    doc = run("Xiaomi groeit. De techreus Apple bouwt een auto.")
    assert references(doc) == []


# --- company status over the article --------------------------------------------------


def test_rumour_then_confirmation_then_denial(run):
    text = (
        "Volgens ingewijden zou Xiaomi een auto bouwen. "
        "Later bevestigt Xiaomi de plannen officieel. "
        "Een jaar later heeft Xiaomi het project afgeblazen."
    )
    doc = run(text)
    entry = doc._.evnews_company_status["Xiaomi"]
    assert [e["status"] for e in entry["evidence"]] == ["rumoured", "confirmed", "denied"]
    assert [e["sentence"] for e in entry["evidence"]] == [0, 1, 2]
    assert entry["status"] == "denied"
    doc = run(". ".join(text.split(". ")[:2]) + ".")
    assert status_of(doc, "Xiaomi") == "confirmed"


def test_question_after_rumour_keeps_rumour(run):
    doc = run("Volgens bronnen werkt Apple aan een auto. Zou Apple de eerste kunnen zijn?")
    assert status_of(doc, "Apple") == "rumoured"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([("rumoured", STRONG), ("confirmed", STRONG)], "confirmed"),
        ([("rumoured", STRONG), ("denied", STRONG)], "denied"),
        ([("confirmed", NOT_DECISIVE), ("rumoured", STRONG)], "rumoured"),
        ([("speculative", STRONG), ("confirmed", NOT_DECISIVE)], "confirmed"),
        ([("speculative", STRONG)], "speculative"),
        # Only a confirming cue undoes a denial; "zegt" or a plain statement does not.
        ([("denied", STRONG), ("confirmed", WEAK)], "denied"),
        ([("denied", STRONG), ("confirmed", STRONG)], "confirmed"),
        ([("confirmed", WEAK), ("denied", WEAK)], "denied"),
        ([], "mentioned"),
    ],
)
def test_combine_status(items, expected):
    assert combine_status(items) == expected


# --- the cue file --------------------------------------------------------------------


def test_cue_file_is_valid_and_has_every_family():
    cfg = knowledge.cues()
    statuses = {r.status for r in cfg.rules if r.status}
    assert statuses == {"confirmed", "rumoured", "speculative", "denied"}
    assert {r.direction for r in cfg.rules} >= {"termination", "pseudo", "bidirectional"}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"direction": "sideways", "status": "denied", "phrases": ["x"]}, "direction"),
        (
            {"direction": "following", "status": "denied", "layer": "silence", "phrases": ["x"]},
            "silence",
        ),
    ],
)
def test_bad_cue_rule_is_rejected(monkeypatch, rule, message):
    bad = {"qualifier": dict(knowledge.load_toml("cues.toml")["qualifier"]), "rule": [rule]}
    monkeypatch.setattr(knowledge, "load_toml", lambda name: bad)
    knowledge.cues.cache_clear()
    try:
        with pytest.raises(knowledge.KnowledgeError, match=message):
            knowledge.cues()
    finally:
        knowledge.cues.cache_clear()


# --- passing mentions, topics, affiliations, indirect questions ------------------------


def test_companies_in_a_passing_list_are_not_attached(run):
    doc = run("Xiaomi, dat eigenaar is van Kia en Hyundai, bouwt een fabriek.")
    assert claim(doc)._.claim_companies == ["Xiaomi"]
    assert status_of(doc, "Kia") == status_of(doc, "Hyundai") == "mentioned"


def test_sentence_initial_preposition_is_a_topic(run):
    doc = run("Voor Kia zou de opdracht een flinke opsteker zijn.")
    assert status_of(doc, "Kia") == "rumoured"


def test_affiliation_of_a_speaker_is_attached(run):
    doc = run("Met Kia bouwen we sneller, zegt Jan de Vries, die bij Hyundai werkt.")
    assert "Hyundai" in claim(doc)._.claim_companies


def test_description_skips_a_company_named_in_passing(run):
    doc = run("Xiaomi, eigenaar van Kia, groeit snel. Het concern bouwt een fabriek.")
    assert references(doc) == [("Het concern", "Xiaomi")]


def test_indirect_question_is_speculative(run):
    doc = run("Of Kia ook instapt, is nog niet duidelijk.")
    assert status_of(doc, "Kia") == "speculative"


def test_medium_without_reporting_word_is_no_source(run):
    doc = run("Tesla zei tegen Reuters dat de fabriek er komt.")
    assert (claim(doc)._.status, claim(doc)._.source) == ("confirmed", None)


@pytest.mark.parametrize(
    ("article_date", "status"), [("2024-05-01", "mentioned"), ("2013-05-01", "confirmed")]
)
def test_a_plain_statement_years_back_is_background(analyze_text, article_date, status):
    result = analyze_text("In 2012 nam VDL Groep de fabriek in Born over.", article_date)
    assert {c.name: c.status for c in result.companies}["VDL Groep"] == status


def test_a_cue_in_a_historic_sentence_still_counts(analyze_text):
    result = analyze_text(
        "Xiaomi maakte in 2021 officieel bekend dat het auto's gaat bouwen.", "2025-01-01"
    )
    assert {c.name: c.status for c in result.companies}["Xiaomi"] == "confirmed"


def test_a_past_date_inside_a_relative_clause_is_no_history(analyze_text):
    result = analyze_text(
        "Shell, dat in 2017 het laadbedrijf NewMotion overnam, wil veel meer snelladers.",
        "2024-05-01",
    )
    assert {c.name: c.status for c in result.companies}["Shell"] == "confirmed"
