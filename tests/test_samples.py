"""Key facts of every sample, one test each, from the hand-written NAME.expected.toml files.

The format is documented in README ("Samples and golden files"). Texts in the expected
files locate a fact in the article body (first occurrence, after the same typographic
normalization the pipeline uses); the analyzer's item must overlap that place.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from evnews.result import STATUSES, Analysis
from evnews.sources import article_from_bytes
from evnews.textnorm import normalize
from regen_golden import analyze_sample, sample_paths

SAMPLES = sample_paths()
REL_TOLERANCE = 0.005  # amounts: value within 0.5 %

# Allowed keys per section; a typo in an expected file must fail loudly, not pass silently.
SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required keys, optional keys)
    "company": ({"name"}, {"status", "linked"}),
    "partnership": ({"companies"}, {"status"}),
    "claim": ({"text", "status"}, {"companies", "source"}),
    "amount": ({"text", "value", "currency"}, {"approximate", "range"}),
    "not_amount": ({"text"}, set()),
    "date": ({"text", "kind"}, {"value", "unresolved"}),
    "vehicle_type": ({"text"}, {"powertrain"}),
    "product": ({"text"}, {"company"}),
}
TOP_LEVEL = {"article", "not_companies", *SECTIONS}


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".expected.toml")


def load_expected(sample: Path) -> dict:
    with expected_path(sample).open("rb") as fh:
        return tomllib.load(fh)


def _facts() -> list:
    params = []
    for sample in SAMPLES:
        path = expected_path(sample)
        if not path.exists():
            continue
        data = load_expected(sample)
        for kind in SECTIONS:
            for i, fact in enumerate(data.get(kind, [])):
                label = fact.get("name") or fact.get("text") or "+".join(fact.get("companies", []))
                # A fact the analyzer gets wrong today stays written as a reader expects it,
                # with `known_failure = "why"`: strict, so a fix shows up as XPASS and fails.
                marks = (
                    [pytest.mark.xfail(strict=True, reason=fact["known_failure"])]
                    if "known_failure" in fact
                    else []
                )
                params.append(
                    pytest.param(
                        sample, kind, fact, id=f"{sample.stem}/{kind}{i}:{label}", marks=marks
                    )
                )
        for name in data.get("not_companies", []):
            params.append(
                pytest.param(sample, "not_company", name, id=f"{sample.stem}/not_company:{name}")
            )
    return params


def _body(sample: Path) -> str:
    return article_from_bytes(sample.read_bytes(), sample.name).body


def _locate(sample: Path, text: str) -> tuple[int, int]:
    """Character range of the first occurrence of `text` in the normalized body."""
    start = normalize(_body(sample)).find(normalize(text))
    assert start >= 0, f"expected text {text!r} does not occur in {sample.name}"
    return start, start + len(text)


def _overlaps(a: tuple[int, int], start: int, end: int) -> bool:
    return start < a[1] and a[0] < end


# --- the expected files themselves ---------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_expected_file_is_well_formed(sample):
    path = expected_path(sample)
    assert path.exists(), f"{path.name} is missing: write the key facts of {sample.name}"
    data = load_expected(sample)
    assert set(data) <= TOP_LEVEL, f"unknown sections: {set(data) - TOP_LEVEL}"
    assert set(data.get("article", {})) <= {"date", "title"}
    for kind, (required, optional) in SECTIONS.items():
        for fact in data.get(kind, []):
            keys = set(fact)
            assert required <= keys, f"{kind} {fact}: missing {required - keys}"
            assert keys <= required | optional | {"known_failure"}, (
                f"{kind} {fact}: unknown {keys - required - optional}"
            )
            if "status" in fact:
                assert fact["status"] in STATUSES, f"{kind} {fact}: bad status"
            if "text" in fact:
                _locate(sample, fact["text"])
    ranges = [a["range"] for a in data.get("amount", []) if "range" in a]
    assert all(ranges.count(r) == 2 for r in ranges), "a range has exactly two ends"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_article_metadata(sample):
    expected = load_expected(sample).get("article", {})
    info = analyze_sample(sample).article
    assert info.date == expected.get("date")
    assert info.title == expected.get("title")


# --- one test per key fact -------------------------------------------------------------------


def _check_company(sample: Path, result: Analysis, fact: dict) -> None:
    rows = {c.name: c for c in result.companies}
    assert fact["name"] in rows, f"company {fact['name']!r} not found; found {sorted(rows)}"
    row = rows[fact["name"]]
    if "status" in fact:
        cues = [(e.sentence, e.status, e.cues) for e in row.evidence]
        assert row.status == fact["status"], f"{row.name}: status {row.status}, evidence {cues}"
    if "linked" in fact:
        assert row.linked == fact["linked"]


def _check_not_company(sample: Path, result: Analysis, name: str) -> None:
    forms = {c.name for c in result.companies} | {a for c in result.companies for a in c.aliases}
    assert name not in forms, f"{name!r} is a source or medium, not a company"


def _check_partnership(sample: Path, result: Analysis, fact: dict) -> None:
    pair = set(fact["companies"])
    found = [p for p in result.partnerships if set(p.companies) == pair]
    seen = [(p.companies, p.status) for p in result.partnerships]
    assert found, f"partnership {sorted(pair)} not found; found {seen}"
    if "status" in fact:
        assert found[0].status == fact["status"], f"{sorted(pair)}: {found[0].status}"


def _check_claim(sample: Path, result: Analysis, fact: dict) -> None:
    start, _ = _locate(sample, fact["text"])
    claims = [c for c in result.claims if fact["text"] in normalize(c.text)]
    assert claims, f"no claim sentence contains {fact['text']!r} (offset {start})"
    claim = claims[0]
    assert claim.status == fact["status"], f"claim status {claim.status}, cues {claim.cues}"
    if "source" in fact:
        assert claim.source == fact["source"]
    missing = set(fact.get("companies", [])) - set(claim.companies)
    assert not missing, f"claim lacks companies {missing}; has {claim.companies}"


def _check_amount(sample: Path, result: Analysis, fact: dict) -> None:
    where = _locate(sample, fact["text"])
    near = [a for a in result.amounts if _overlaps(where, a.start, a.end)]
    assert near, f"no amount found at {fact['text']!r}"
    value = fact["value"]
    same = [a for a in near if abs(a.value - value) <= REL_TOLERANCE * abs(value)]
    got = [(a.text, a.value, a.currency, a.approximate) for a in near]
    assert same, f"no amount of {value} at {fact['text']!r}; found {got}"
    amount = same[0]
    assert amount.currency == fact["currency"], got
    if "approximate" in fact:
        assert amount.approximate == fact["approximate"], got
    if "range" in fact:
        assert amount.range is not None, f"{amount.text} should be one end of a range"
        other_end = next(
            a["value"]
            for a in load_expected(sample)["amount"]
            if a.get("range") == fact["range"] and a["value"] != value
        )
        ends = [a.value for a in result.amounts if a.range == amount.range and a is not amount]
        assert any(abs(v - other_end) <= REL_TOLERANCE * other_end for v in ends), (
            f"{amount.text}: range {amount.range} should also hold {other_end}; has {ends}"
        )


def _check_not_amount(sample: Path, result: Analysis, fact: dict) -> None:
    where = _locate(sample, fact["text"])
    wrong = [a.text for a in result.amounts if _overlaps(where, a.start, a.end)]
    assert not wrong, f"{fact['text']!r} is not money, but {wrong} was reported as an amount"


def _period_matches(expected: str, actual: str | None) -> bool:
    """A year or month value matches any value inside that period ("2023" ~ "2023-12-31")."""
    if actual is None:
        return False
    if expected.startswith("P"):
        return actual == expected
    return actual == expected or actual.startswith(expected + "-")


def _check_date(sample: Path, result: Analysis, fact: dict) -> None:
    where = _locate(sample, fact["text"])
    near = [d for d in result.dates if _overlaps(where, d.start, d.end)]
    assert near, f"no date or duration found at {fact['text']!r}"
    got = [(d.text, d.kind, d.value) for d in near]
    assert any(d.kind == fact["kind"] for d in near), got
    row = next(d for d in near if d.kind == fact["kind"])
    if fact.get("unresolved"):
        assert row.value is None, f"{row.text!r} cannot be resolved without an article date"
    if "value" in fact:
        assert _period_matches(fact["value"], row.value), got


def _entities_at(sample: Path, result: Analysis, text: str, label: str) -> list:
    """Entities with `label` overlapping the first occurrence of `text`; at least one."""
    where = _locate(sample, text)
    spans = [e for e in result.entities if e.label == label and _overlaps(where, e.start, e.end)]
    assert spans, f"no {label} found at {text!r}"
    return spans


def _check_vehicle_type(sample: Path, result: Analysis, fact: dict) -> None:
    spans = _entities_at(sample, result, fact["text"], "VEHICLE_TYPE")
    if "powertrain" in fact:
        rows = {v.canonical: v for v in result.vehicle_types}
        found = [(e.text, rows[e.canonical].powertrain) for e in spans if e.canonical in rows]
        assert any(p == fact["powertrain"] for _, p in found), found


def _check_product(sample: Path, result: Analysis, fact: dict) -> None:
    spans = _entities_at(sample, result, fact["text"], "PRODUCT")
    if "company" in fact:
        rows = {p.name: p for p in result.products}
        companies = [rows[n].company for e in spans if (n := e.canonical or e.text) in rows]
        assert fact["company"] in companies, f"{fact['text']!r}: companies {companies}"


CHECKS = {
    "company": _check_company,
    "not_company": _check_not_company,
    "partnership": _check_partnership,
    "claim": _check_claim,
    "amount": _check_amount,
    "not_amount": _check_not_amount,
    "date": _check_date,
    "vehicle_type": _check_vehicle_type,
    "product": _check_product,
}


@pytest.mark.parametrize(("sample", "kind", "fact"), _facts())
def test_key_fact(sample, kind, fact):
    CHECKS[kind](sample, analyze_sample(sample), fact)
