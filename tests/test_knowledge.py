"""The entity knowledge files load, validate, and reject malformed entries."""

from __future__ import annotations

import pytest

from evnews import knowledge
from evnews.knowledge import KnowledgeError

LOADERS = (
    knowledge.companies,
    knowledge.company_context,
    knowledge.media,
    knowledge.media_forms,
    knowledge.places,
    knowledge.place_forms,
    knowledge.place_adjectives,
    knowledge.products,
    knowledge.pairing,
    knowledge.compound_ties,
    knowledge._families,
    knowledge.vehicles,
    knowledge.titles,
)


@pytest.fixture
def fake_file(monkeypatch):
    """`fake_file(name, data)`: loaders see `data` as the parsed TOML file `name`."""
    real = knowledge.load_toml

    def install(name: str, data: dict) -> None:
        monkeypatch.setattr(knowledge, "load_toml", lambda n: data if n == name else real(n))
        for loader in LOADERS:
            loader.cache_clear()

    yield install
    monkeypatch.setattr(knowledge, "load_toml", real)
    for loader in LOADERS:
        loader.cache_clear()


def company(name: str, **fields) -> dict:
    return {"name": name, "aliases": [], "type": "automaker", "country": "NL", **fields}


# -- the shipped files -----------------------------------------------------------------------


def test_companies_file_is_big_and_consistent():
    known = knowledge.companies()
    assert len(known) >= 300
    for c in known.values():
        assert c.type in knowledge.COMPANY_TYPES
        assert c.parent is None or c.parent in known
        assert set(c.ambiguous) | set(c.context_only) <= set(c.forms)
    forms = [f for c in known.values() for f in c.forms]
    assert len(forms) == len(set(forms)), "a surface form is claimed by two companies"


@pytest.mark.parametrize(
    ("brand", "parent"),
    [
        ("Ora", "Great Wall Motors"),
        ("Haval", "Great Wall Motors"),
        ("Kia", "Hyundai Motor Group"),
        ("Cupra", "Seat"),
        ("Seat", "Volkswagen Group"),
        ("Zeekr", "Geely Holding"),
        ("Aito", "Seres"),
        ("VDL Nedcar", "VDL Groep"),
    ],
)
def test_brands_hang_under_their_group(brand, parent):
    assert knowledge.companies()[brand].parent == parent


ISSUE_NAMES = (
    "BYD", "Nio", "Xpeng", "Li Auto", "Geely", "Zeekr", "Lynk & Co", "Leapmotor", "SAIC Motor",
    "MG", "Chery", "Aion", "Changan", "Seres", "Xiaomi", "Lightyear", "Rivian", "Lucid", "Fisker",
    "Sono Motors", "Apple", "Huawei", "Sony", "Waymo", "Baidu", "Foxconn", "CATL",
    "LG Energy Solution", "Panasonic", "Samsung SDI", "Bosch", "VDL Nedcar", "DAF", "Pon",
    "BOVAG", "RAI Vereniging", "ANWB",
)  # fmt: skip


def test_issue_named_players_are_present():
    assert [n for n in ISSUE_NAMES if n not in knowledge.companies()] == []


def test_media_are_not_companies():
    company_forms = {f for c in knowledge.companies().values() for f in c.forms}
    assert not set(knowledge.media_forms()) & company_forms
    assert knowledge.media_forms()["FT"] == "Financial Times"
    assert {"Reuters", "Bloomberg", "The Information", "Nikkei", "NOS"} <= set(knowledge.media())


def test_places_map_adjectives_to_places():
    adjectives = knowledge.place_adjectives()
    assert adjectives["Chinese"] == "China"
    assert adjectives["Koreaanse"] == "Zuid-Korea"
    assert "Chinese" not in knowledge.place_forms()  # an adjective is not a location
    assert knowledge.places()["China"].country == "CN"


def test_products_belong_to_known_companies():
    known = knowledge.companies()
    products = knowledge.products()
    assert len(products) >= 300
    assert all(p.company in known for p in products)
    by_name = {p.name: p for p in products}
    assert by_name["Model Y"].company == "Tesla"
    assert by_name["Seal"].needs_brand and not by_name["EX30"].needs_brand


def test_company_family_links_brand_and_group():
    assert "Volkswagen Group" in knowledge.company_family("Cupra")
    assert "Cupra" in knowledge.company_family("Volkswagen Group")
    assert "BYD" not in knowledge.company_family("Cupra")


def test_vehicle_lexicon_is_consistent():
    lexicon = knowledge.vehicles()
    canonicals = [t.canonical for t in lexicon.types]
    assert len(canonicals) == len(set(canonicals))
    for vtype in lexicon.types:
        assert vtype.powertrain in knowledge.POWERTRAINS | {None}
        assert all(f == f.lower() for f in vtype.forms)
    assert set(lexicon.modifiers.values()) <= knowledge.POWERTRAINS


def test_titles_and_context_words():
    assert {"topman", "ceo", "woordvoerder", "oprichter"} <= knowledge.titles().forms
    context = knowledge.company_context()
    assert {"startup", "autofabrikant", "bedrijf"} <= context.heads
    assert {"Motors", "Automotive", "Group"} <= context.suffixes


# -- malformed entries are refused -----------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([company("A", type="car")], "type"),
        ([company("A"), company("A")], "duplicate name"),
        ([company("A", parent="Nobody")], "unknown parent"),
        ([company("A", aliases=["X"]), company("B", aliases=["X"])], "already used"),
        ([company("A", ambiguous=["Z"])], "ambiguous/context_only"),
        ([company("A", country="Nederland")], "ISO"),
        ([company("")], "missing name"),
    ],
)
def test_bad_company_entries(fake_file, entries, message):
    fake_file("companies.toml", {"company": entries})
    with pytest.raises(KnowledgeError, match=message):
        knowledge.companies()


def test_good_company_entry_passes(fake_file):
    fake_file("companies.toml", {"company": [company("A", aliases=["A Motors"])]})
    assert knowledge.companies()["A"].forms == ("A", "A Motors")


@pytest.mark.parametrize(
    ("name", "data", "loader", "message"),
    [
        ("media.toml", {"medium": [{"name": "X", "kind": "blog"}]}, knowledge.media, "kind"),
        (
            "media.toml",
            {
                "medium": [
                    {"name": "X", "kind": "site"},
                    {"name": "Y", "kind": "site", "aliases": ["X"]},
                ]
            },
            knowledge.media,
            "already used",
        ),
        ("places.toml", {"place": [{"name": "X", "kind": "country"}]}, knowledge.places, "ISO"),
        (
            "places.toml",
            {"place": [{"name": "X", "kind": "planet", "country": "NL"}]},
            knowledge.places,
            "kind",
        ),
        (
            "products.toml",
            {"product": [{"name": "Q", "company": "Nobody Motors"}]},
            knowledge.products,
            "unknown company",
        ),
        (
            "products.toml",
            {"product": [{"name": "Q", "company": "Tesla", "needs_brand": "yes"}]},
            knowledge.products,
            "needs_brand",
        ),
        (
            "vehicles.toml",
            {"vehicle": [{"canonical": "x", "forms": ["x"], "powertrain": "steam"}]},
            knowledge.vehicles,
            "powertrain",
        ),
        (
            "vehicles.toml",
            {"vehicle": [{"canonical": "x", "forms": ["x"]}, {"canonical": "y", "forms": ["x"]}]},
            knowledge.vehicles,
            "already used",
        ),
        ("titles.toml", {"forms": ["CEO"], "particles": ["van"]}, knowledge.titles, "lower-case"),
        (
            "partners.toml",
            {"pairing": {"group_kinds": ["friendship"]}},
            knowledge.pairing,
            "group_kinds",
        ),
        ("partners.toml", {"pairing": {"bridges": ["Onder Wie"]}}, knowledge.pairing, "lower"),
        (
            "partners.toml",
            {"compound_ties": {"friendship": ["vriend"]}},
            knowledge.compound_ties,
            "not a partnership kind",
        ),
        (
            "partners.toml",
            {"compound_ties": {"supply": ["partner"], "cooperation": ["partner"]}},
            knowledge.compound_ties,
            "two kinds",
        ),
        (
            "company_context.toml",
            {
                "heads": ["Bedrijf"],
                "suffixes": ["AG"],
                "actions": ["koopt"],
                "not_names": ["De"],
                "naming": ["naam"],
            },
            knowledge.company_context,
            "lower case",
        ),
    ],
)
def test_bad_entries_in_other_files(fake_file, name, data, loader, message):
    fake_file(name, data)
    with pytest.raises(KnowledgeError, match=message):
        loader()
