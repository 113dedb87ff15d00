"""evnews_companies: knowledge-file names in real text, unknown names in company context."""

from __future__ import annotations

import pytest
from spacy.tokens import Span


def companies(nlp, text: str) -> list[tuple[str, str, bool]]:
    doc = nlp(text)
    return [(s.text, s._.canonical, s._.linked) for s in doc.spans["evnews_companies"]]


def canonicals(nlp, text: str) -> list[str]:
    return [c for _, c, _ in companies(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # possessives and compounds: the span covers only the name
        ("Apple's eerste auto laat nog even op zich wachten.", ("Apple", "Apple")),
        ("De Tesla-fabriek bij Berlijn draait weer op volle kracht.", ("Tesla", "Tesla")),
        ("BYD-topman Wang Chuanfu kwam zelf naar Europa.", ("BYD", "BYD")),
        ("Verkopen van Li Auto's gezinsmodellen stijgen.", ("Li Auto", "Li Auto")),
        (
            "Volgens de Mercedes-Benz-topman blijft de prijs gelijk.",
            ("Mercedes-Benz", "Mercedes-Benz"),
        ),
        ("Mercedes' nieuwe strategie is helder.", ("Mercedes", "Mercedes-Benz")),
        # names over several tokens, the longest match winning
        ("Zij rijden in een auto van Lynk & Co.", ("Lynk & Co", "Lynk & Co")),
        ("Ook Great Wall Motors wil naar Europa.", ("Great Wall Motors", "Great Wall Motors")),
        (
            "In dat jaar groeide Hyundai Motor Group flink.",
            ("Hyundai Motor Group", "Hyundai Motor Group"),
        ),
        ("Het Volkswagen-concern zet in op software.", ("Volkswagen-concern", "Volkswagen Group")),
        # aliases and headline capitals
        ("Ook VW doet mee aan de prijzenslag.", ("VW", "Volkswagen")),
        ("TESLA VERLAAGT PRIJZEN", ("TESLA", "Tesla")),
    ],
)
def test_known_names_in_real_text(rules_nlp, text, expected):
    found = companies(rules_nlp, text)
    assert (expected[0], expected[1], True) in found, found


def test_brand_and_group_stay_apart(rules_nlp):
    found = canonicals(rules_nlp, "Volkswagen Group steunt Volkswagen, maar ook Cupra.")
    assert found == ["Volkswagen Group", "Volkswagen", "Cupra"]


@pytest.mark.parametrize(
    "text",
    [
        "Volgens hem is dat een smart idee voor de stad.",  # lower case: a word
        "Een mini-versie van de accu komt later.",
        "De tesla is de eenheid van magnetische fluxdichtheid.",
        "Het werd een Great wall of china-grap.",  # every capital of the name is needed
        "Smart heeft niemand dat gevonden.",  # ambiguous, sentence-initial, no context
        "Mini is het woord niet voor deze SUV.",
        "De tank was al na tweehonderd kilometer leeg.",  # context-only form as a word
        "Hij wil geen Radar op zijn dak.",
        "In de auto zit ACC als standaarduitrusting.",  # context-only acronym
    ],
)
def test_words_that_are_also_names_are_not_matched(rules_nlp, text):
    assert companies(rules_nlp, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("De nieuwe Smart komt uit China.", "Smart"),  # not sentence-initial: exact capitals
        ("Mini-topman Stefanie Wurst stopt.", "Mini"),  # sentence-initial in a compound
        ("Het merk Tank verkoopt vooral terreinwagens.", "Tank"),  # context word before
        ("Tank 700 komt naar Europa.", "Tank"),  # model number after
        ("Nio kiest voor de naam Firefly.", "Firefly"),  # naming word before
        ("Chery werkt samen met het Spaanse Ebro.", "Ebro"),  # country adjective before
        ("ACC, het samenwerkingsverband van Stellantis, opent een fabriek.", "ACC"),
    ],
)
def test_ambiguous_forms_with_context(rules_nlp, text, name):
    assert name in canonicals(rules_nlp, text)


def test_ambiguous_sentence_start_licensed_by_an_earlier_mention(rules_nlp):
    text = "De verkoop van de Smart #1 loopt goed. Smart wil daarom een tweede fabriek."
    assert canonicals(rules_nlp, text) == ["Smart", "Smart"]


def test_ambiguous_sentence_start_licensed_by_a_sister_brand(rules_nlp):
    text = "Hyundai groeit in Europa. Genesis verkoopt hier alleen elektrische modellen."
    assert canonicals(rules_nlp, text) == ["Hyundai", "Genesis"]
    assert canonicals(rules_nlp, "Genesis verkoopt hier alleen elektrische modellen.") == []


def test_ambiguous_sentence_start_with_a_relative_clause(rules_nlp):
    assert canonicals(rules_nlp, "Mini, dat bij BMW hoort, bouwt in China.") == ["Mini", "BMW"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Het Chinese bedrijf Zhenxing Tech wil ook een auto bouwen.", "Zhenxing Tech"),
        ("De startup Voltara haalde geld op.", "Voltara"),
        ("De startup Voltara Eindhoven haalde geld op.", "Voltara"),  # a place ends the name
        ("Dat zegt autofabrikant Qoros in een verklaring.", "Qoros"),
        ("De batterijmaker Gigavolt Energia groeit hard.", "Gigavolt Energia"),
        ("Ook Jiangling Motors bouwt bestelbussen.", "Jiangling Motors"),
        ("Het Franse Verkor opent een fabriek.", "Verkor"),
        ("Volgens vakbond CGT is het plan onzeker.", "CGT"),
        ("Het geld komt van Voltafonds, het staatsfonds van Oman.", "Voltafonds"),
        ("CYVN voegt het samen met Forsaven, een jonge Britse autobouwer.", "Forsaven"),
        ("Laders staan bij TruckStops of Europe, de keten.", "TruckStops of Europe"),
        ("Ook branchegenoot Van der Linden Autogroep bood mee.", "Van der Linden Autogroep"),
    ],
)
def test_unknown_companies_in_company_context(rules_nlp, text, name):
    found = companies(rules_nlp, text)
    assert any(t == name and not linked for t, _, linked in found) or (name, name, True) in found


@pytest.mark.parametrize(
    "text",
    [
        "Het bedrijf zei dat de auto later komt.",  # head without a name
        "Het bedrijf. De markt groeit.",  # name run does not cross a sentence
        "De fabriek staat in het Duitse Arnstadt.",  # a place after 'in het'
        "Het Amerikaanse Congres stemt volgende week.",
        "De Europese Group van zeven landen vergadert.",  # adjective before a suffix
        "De MG4 Electric is goedkoop.",  # a model code before a suffix
        "Het concern Bloomberg is geen autobedrijf.",  # media stay out
        "Daarom, een grote fabrikant kan dat.",  # a sentence-initial word before a comma
        "De winst steeg, een bedrijf als dit kan dat.",  # no name before the comma
    ],
)
def test_no_unknown_company_without_a_name(rules_nlp, text):
    assert [c for c in companies(rules_nlp, text) if not c[2]] == []


def test_media_are_sources_not_companies(rules_nlp):
    text = "Dat meldt Bloomberg, en volgens Reuters en de Financial Times klopt het."
    assert companies(rules_nlp, text) == []


def test_media_acting_in_the_story_are_companies(rules_nlp):
    found = companies(rules_nlp, "Bloomberg koopt een klein datbedrijf uit Londen.")
    assert ("Bloomberg", "Bloomberg", False) in found


def test_a_models_org_entities_are_merged_ours_win(rules_nlp):
    doc = rules_nlp.make_doc("Tesla en Voltwerk Nederland werken samen.")
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 2, 4, label="ORG")]
    doc = rules_nlp(doc)
    found = [(s.text, s._.canonical, s._.linked) for s in doc.spans["evnews_companies"]]
    assert found == [("Tesla", "Tesla", True), ("Voltwerk Nederland", "Voltwerk Nederland", False)]


def test_model_org_entities_that_are_media_or_places_are_dropped(rules_nlp):
    doc = rules_nlp.make_doc("Reuters meldt dat China wacht.")
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 3, 4, label="ORG")]
    doc = rules_nlp(doc)
    assert list(doc.spans["evnews_companies"]) == []


def test_splitting_keeps_sentences(rules_nlp):
    doc = rules_nlp("Sony toonde de Vision-S. De auto is een EV. Tesla's topman zweeg.")
    assert [s.text for s in doc.sents] == [
        "Sony toonde de Vision-S.",
        "De auto is een EV.",
        "Tesla's topman zweeg.",
    ]
    assert doc.text == "Sony toonde de Vision-S. De auto is een EV. Tesla's topman zweeg."


def test_splitting_a_parsed_doc_keeps_its_tree(rules_nlp):
    from spacy.tokens import Doc

    words = ["De", "Tesla-fabriek", "groeit", "."]
    doc = Doc(
        rules_nlp.vocab,
        words=words,
        spaces=[True, True, False, False],
        heads=[1, 2, 2, 2],
        deps=["det", "nsubj", "ROOT", "punct"],
    )
    doc = rules_nlp.get_pipe("evnews_companies")(doc)
    assert [t.text for t in doc] == ["De", "Tesla", "-", "fabriek", "groeit", "."]
    assert doc[1].head.text == "groeit" and doc[1].dep_ == "nsubj"
    assert [s.text for s in doc.spans["evnews_companies"]] == ["Tesla"]


def test_an_unknown_name_in_context_is_a_company_wherever_it_is_named(rules_nlp):
    text = (
        "KoVolt praat met Stellantis. Het Zuid-Koreaanse KoVolt HiTech recyclet accu's. "
        "Volgens ingewijden bouwt KoVolt in Moerdijk, zegt Jan KoVolt."
    )
    found = [(t, c) for t, c, linked in companies(rules_nlp, text) if not linked]
    again, full = ("KoVolt", "KoVolt HiTech"), ("KoVolt HiTech", "KoVolt HiTech")
    assert found == [again, full, again]  # not "Jan KoVolt"


def test_a_known_unknown_name_inside_a_person_name_is_no_company(rules_nlp):
    text = "De startup Dumarey Group wil Van Hool redden. Ondernemer Guido Dumarey zwijgt."
    assert [t for t, _, linked in companies(rules_nlp, text) if not linked] == ["Dumarey Group"]
