"""evnews_dates: dates and durations resolved against a fixed article date."""

from __future__ import annotations

from datetime import date

import pytest

from evnews import knowledge

ARTICLE = date(2021, 3, 30)  # a Tuesday


def found(nlp, text: str, day: date | None = ARTICLE, precision: str | None = "day"):
    doc = nlp.make_doc(text)
    doc._.evnews_article_date = day
    doc._.evnews_article_date_precision = precision
    doc = nlp(doc)
    return [(s.text, s._.date_kind, s._.value) for s in doc.spans["evnews_dates"]]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Vannacht brak er brand uit.", "Vannacht", "2021-03-30"),
        ("Het bedrijf meldde gisteren winst.", "gisteren", "2021-03-29"),
        ("Eergisteren viel het besluit.", "Eergisteren", "2021-03-28"),
        ("De auto is vandaag te zien.", "vandaag", "2021-03-30"),
        ("Morgen volgt de onthulling.", "Morgen", "2021-03-31"),
        ("Dat werd vorige week bekend.", "vorige week", "2021-W12"),
        ("Dat wordt volgende week bekend.", "volgende week", "2021-W14"),
        ("Het brandde vorige week donderdag.", "vorige week donderdag", "2021-03-25"),
        ("De beurs is vanaf dinsdag open.", "vanaf dinsdag", "2021-04-06"),
        ("De actie loopt tot en met zondag.", "tot en met zondag", "2021-04-04"),
        ("Het bedrijf meldde dinsdag winst.", "dinsdag", "2021-03-30"),
        ("De verkoop start volgende week maandag.", "volgende week maandag", "2021-04-05"),
        ("De levering start volgende maand.", "volgende maand", "2021-04"),
        ("De cijfers van vorige maand vielen tegen.", "vorige maand", "2021-02"),
        ("De fabriek opent eind dit jaar.", "eind dit jaar", "2021-12"),
        ("Het model komt begin volgend jaar.", "begin volgend jaar", "2022-01"),
        ("Het model komt volgend jaar.", "volgend jaar", "2022"),
        ("De verkoop daalde vorig jaar.", "vorig jaar", "2020"),
        ("Dit jaar groeit de markt.", "Dit jaar", "2021"),
        ("De productie start medio 2025.", "medio 2025", "2025-07"),
        ("De auto verschijnt eind 2024.", "eind 2024", "2024-12"),
        (
            "Dat gebeurt in de eerste helft van 2024.",
            "in de eerste helft van 2024",
            "2024-01/2024-06",
        ),
        (
            "Dat gebeurt in de tweede helft van volgend jaar.",
            "in de tweede helft van volgend jaar",
            "2022-07/2022-12",
        ),
        ("De winst steeg in het tweede kwartaal.", "in het tweede kwartaal", "2021-04/2021-06"),
        ("De winst steeg in Q3 2020.", "in Q3 2020", "2020-07/2020-09"),
        ("De winst steeg vorig kwartaal.", "vorig kwartaal", "2020-10/2020-12"),
        ("De auto komt in de zomer van 2022.", "in de zomer van 2022", "2022-06/2022-08"),
        ("De auto komt over twee jaar.", "over twee jaar", "2023"),
        ("De auto komt over drie maanden.", "over drie maanden", "2021-06"),
        ("De auto komt over twee weken.", "over twee weken", "2021-04-13"),
        ("Vijf jaar geleden begon het.", "Vijf jaar geleden", "2016"),
        ("Het merk bestaat sinds 2014.", "sinds 2014", "2014"),
        ("Alles is elektrisch tegen 2030.", "tegen 2030", "2030"),
        ("Het merk stopt vanaf 2035 met benzine.", "vanaf 2035", "2035"),
        ("De auto komt in 2025.", "in 2025", "2025"),
        ("De auto komt in maart.", "in maart", "2021-03"),
        ("De auto kwam in november.", "in november", "2020-11"),
        ("De auto komt in juli.", "in juli", "2021-07"),
        ("De auto komt in maart 2022.", "in maart 2022", "2022-03"),
        ("Op 15 maart 2021 viel het besluit.", "Op 15 maart 2021", "2021-03-15"),
        ("Op 3 aug. 2021 viel het besluit.", "Op 3 aug. 2021", "2021-08-03"),
        ("Op 15 maart viel het besluit.", "Op 15 maart", "2021-03-15"),
        ("Het besluit viel op 15-03-2021.", "op 15-03-2021", "2021-03-15"),
        ("Per 1 januari stopt de subsidie.", "Per 1 januari", "2021-01-01"),
        ("Maandag 15 maart 2021 viel het besluit.", "Maandag 15 maart 2021", "2021-03-15"),
        ("Op maandag maakte Kia het bekend.", "Op maandag", "2021-03-29"),
        ("Dinsdag maakte Kia het bekend.", "Dinsdag", "2021-03-30"),
        ("Afgelopen dinsdag maakte Kia het bekend.", "Afgelopen dinsdag", "2021-03-23"),
        ("Komende vrijdag maakt Kia het bekend.", "Komende vrijdag", "2021-04-02"),
        ("Vorige zomer was het druk.", "Vorige zomer", "2020-06/2020-08"),
        ("Tegen het einde van het jaar is het klaar.", "Tegen het einde van het jaar", "2021-12"),
        ("Eind maart is het klaar.", "Eind maart", "2021-03"),
        ("Eind vorige maand was het klaar.", "Eind vorige maand", "2021-02"),
        ("Dinsdagavond maakte Kia het bekend.", "Dinsdagavond", "2021-03-30"),
        ("Zondagochtend maakte Kia het bekend.", "Zondagochtend", "2021-03-28"),
        ("De auto komt over een paar jaar.", "over een paar jaar", None),
        ("Winst volgt over drie tot vijf jaar.", "over drie tot vijf jaar", None),
        ('"We launch it from next year," he said.', "from next year", "2022"),
        ("De auto kwam in het najaar.", "in het najaar", "2020-09/2020-11"),
        ("De auto komt in de zomer.", "in de zomer", "2021-06/2021-08"),
        ("In september vorig jaar begon het.", "In september vorig jaar", "2020-09"),
        ("Op 15 maart vorig jaar begon het.", "Op 15 maart vorig jaar", "2020-03-15"),
        ("Op 15 okt. 2020 begon het.", "Op 15 okt. 2020", "2020-10-15"),
        ("De auto komt half 2025.", "half 2025", "2025-07"),
        ("De auto komt dit najaar.", "dit najaar", "2021-09/2021-11"),
        (
            "De auto komt in het eerste halfjaar van 2022.",
            "in het eerste halfjaar van 2022",
            "2022-01/2022-06",
        ),
        ('"All electric by 2030," he said.', "by 2030", "2030"),
        ("Dat gebeurt in de loop van volgend jaar.", "in de loop van volgend jaar", "2022"),
    ],
)
def test_dates(rules_nlp, text, span, value):
    assert found(rules_nlp, text) == [(span, "date", value)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Er gaat de komende tien jaar veel geld naartoe.", "de komende tien jaar", "P10Y"),
        ("Het moet binnen vijf jaar klaar zijn.", "binnen vijf jaar", "P5Y"),
        ("Er komen de komende jaren meer modellen.", "de komende jaren", None),
        ("De bouw duurde drie maanden.", "drie maanden", "P3M"),
        ("De bouw duurde een half jaar.", "een half jaar", "P6M"),
        ("De bouw duurde anderhalf jaar.", "anderhalf jaar", "P18M"),
        ("De bouw duurde ruim tien jaar lang.", "tien jaar lang", "P10Y"),
        ("De bouw duurde twee weken.", "twee weken", "P2W"),
        ("De bouw duurde 18 maanden.", "18 maanden", "P18M"),
        ("Dat kost enkele jaren.", "enkele jaren", None),
        ("Dat lukt in de afgelopen twee decennia niet.", "in de afgelopen twee decennia", "P20Y"),
        ("Er is in vijf jaar tijd veel veranderd.", "in vijf jaar tijd", "P5Y"),
        ("Het komende decennium verandert veel.", "Het komende decennium", "P10Y"),
        ("Laden duurt binnen 27 minuten.", "binnen 27 minuten", "PT27M"),
        ("Hij sprint in 3,5 seconden naar 100.", "in 3,5 seconden", "PT3.5S"),
        ("De fabriek draait 24 uur per dag.", "24 uur", "PT24H"),
        ("Het bleef jarenlang stil.", "jarenlang", None),
        ("Na maandenlange onderhandelingen tekenden ze.", "Na maandenlange", None),
        ("Tesla praat al jaren met Panasonic.", "al jaren", None),
        ("Kia bouwt al drie jaar auto's in Zilina.", "al drie jaar", "P3Y"),
        ("Het lukte binnen een paar uur.", "binnen een paar uur", None),
        ("Dat duurt drie tot vijf jaar.", "drie tot vijf jaar", None),
        ("Dat duurt 2-3 jaar.", "2-3 jaar", None),
        ("Dat duurt 2,5 jaar.", "2,5 jaar", "P30M"),
        ("Het werk liep de afgelopen maanden uit.", "de afgelopen maanden", None),
    ],
)
def test_durations(rules_nlp, text, span, value):
    assert found(rules_nlp, text) == [(span, "duration", value)]


@pytest.mark.parametrize(
    "text",
    [
        "Het model 2024 heeft een grotere accu.",
        "De ID.3 en de EX30 zijn populair.",
        "De 53 jaar oude topman vertrekt.",
        "Er rollen 500.000 auto's per jaar van de band.",
        "In aug is het druk.",
        "Het jaren-tachtigdesign is terug.",
        "Er kwamen 2024 bezoekers.",
        "De presentatie begint om 12 uur.",
        "Het gaat over 3 jaar oude auto's.",
        "Vandaag de dag rijdt iedereen elektrisch.",
    ],
)
def test_no_dates(rules_nlp, text):
    assert found(rules_nlp, text) == []


def test_years_after_a_year(rules_nlp):
    assert found(rules_nlp, "In 2025 en 2030 stopt de verkoop.") == [
        ("In 2025", "date", "2025"),
        ("2030", "date", "2030"),
    ]


def test_a_vague_count_back_is_an_unresolved_date(rules_nlp):
    assert found(rules_nlp, "Dat voorspelde Umicore enkele jaren geleden.") == [
        ("enkele jaren geleden", "date", None)
    ]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "In 2019 kocht Geely een belang. Een jaar later volgde de rest.",
            [("In 2019", "2019"), ("Een jaar later", "2020")],
        ),
        (
            "Op 3 maart 2020 opende de fabriek. Later dat jaar kwam de tweede lijn.",
            [("Op 3 maart 2020", "2020-03-03"), ("Later dat jaar", "2020")],
        ),
        ("Een jaar eerder was dat nog anders.", [("Een jaar eerder", None)]),
    ],
)
def test_years_named_from_the_last_date(rules_nlp, text, spans):
    assert [(t, v) for t, _kind, v in found(rules_nlp, text)] == spans


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Tussen 2025 en 2030 stopt de verkoop.", "Tussen 2025 en 2030", "2025/2030"),
        ("Van 2009 tot 2014 overlegden ze.", "Van 2009 tot 2014", "2009/2014"),
        ("Van 2009 t/m 2014 overlegden ze.", "Van 2009 t/m 2014", "2009/2014"),
    ],
)
def test_year_ranges(rules_nlp, text, span, value):
    assert found(rules_nlp, text) == [(span, "date", value)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("De verkoop steeg tussen april en juni.", [("tussen april en juni", "2021-04/2021-06")]),
        (
            "Van januari tot maart 2020 daalde de verkoop.",
            [("Van januari tot maart 2020", "2020-01/2020-03")],
        ),
        (
            "Tussen juni en april gebeurde niets.",
            [("Tussen juni", "2021-06"), ("april", "2021-04")],
        ),
    ],
)
def test_month_ranges(rules_nlp, text, spans):
    assert [(t, v) for t, _kind, v in found(rules_nlp, text)] == spans


def test_a_backwards_pair_of_years_is_no_range(rules_nlp):
    assert [v for *_, v in found(rules_nlp, "Tussen 2030 en 2025 stopt het.")] == ["2030", "2025"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sinds april werken ze samen.", "2020-04"),  # the article is of 30 March 2021
        ("Sinds maart werken ze samen.", "2021-03"),
        ("Sinds 12 april rijdt hij.", "2020-04-12"),
        ("In april komt hij.", "2021-04"),  # a plain month: the nearest one
    ],
)
def test_since_a_month_points_back(rules_nlp, text, value):
    assert [v for *_, v in found(rules_nlp, text)] == [value]


def test_dates_never_overlap_money(rules_nlp):
    result = found(rules_nlp, "In 2024 investeert het 2030 euro per auto.")
    assert result == [("In 2024", "date", "2024")]


def test_without_article_date_relative_dates_stay_null(rules_nlp):
    result = found(rules_nlp, "Gisteren en vorig jaar, maar ook in maart 2021.", day=None)
    assert result == [
        ("Gisteren", "date", None),
        ("vorig jaar", "date", None),
        ("in maart 2021", "date", "2021-03"),
    ]


def test_month_only_article_date_keeps_day_relatives_null(rules_nlp):
    result = found(rules_nlp, "Gisteren en vorige maand.", day=date(2021, 3, 1), precision="month")
    assert result == [("Gisteren", "date", None), ("vorige maand", "date", "2021-02")]


def test_dates_knowledge_is_validated():
    k = knowledge.dates()
    assert k.months["maart"] == 3
    assert "aug" in k.months_need_day
    assert k.modifiers["vorige"] == -1 and k.modifiers["volgend"] == 1
    assert k.units["decennia"] == "DEC"
    assert k.seasons["zomer"] == (6, 8)
    assert ("sinds",) in k.year_prepositions
    assert ("sinds",) in k.past_prepositions
    assert k.year_ranges["van"] >= {("tot",), ("t/m",)}


def test_dates_reach_the_analysis(analyze_text):
    text = "Kia kondigde gisteren aan de komende vijf jaar 3 miljard euro te investeren."
    result = analyze_text(text, "2021-03-30")
    assert [(d.text, d.kind, d.value) for d in result.dates] == [
        ("gisteren", "date", "2021-03-29"),
        ("de komende vijf jaar", "duration", "P5Y"),
    ]
    labels = {e.text: e.label for e in result.entities}
    assert labels["de komende vijf jaar"] == "DURATION"
    assert labels["gisteren"] == "DATE"


def test_month_only_article_date_from_the_date_line(analyze_text):
    result = analyze_text(" date 2021-03\nKia meldde gisteren dat het vorige maand groeide.")
    assert [(d.text, d.value) for d in result.dates] == [
        ("gisteren", None),
        ("vorige maand", "2021-02"),
    ]
