"""The `Doc`/`Span` extensions and span-group keys that evnews components share."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# Span groups on `doc.spans`, one per entity kind; each component writes its own.
COMPANIES = "evnews_companies"
PRODUCTS = "evnews_products"
VEHICLES = "evnews_vehicles"
MONEY = "evnews_money"
DATES = "evnews_dates"
PERSONS = "evnews_persons"
LOCATIONS = "evnews_locations"
CLAIMS = "evnews_claims"  # one span per claim sentence
REFERENCES = "evnews_references"  # resolved pronoun/description mentions ("die laatste")

ENTITY_KEYS = {
    COMPANIES: "COMPANY",
    PRODUCTS: "PRODUCT",
    VEHICLES: "VEHICLE_TYPE",
    MONEY: "MONEY",
    PERSONS: "PERSON",
    LOCATIONS: "LOCATION",
}

_SPAN_ATTRS: dict[str, object] = {
    "canonical": None,  # companies, products, vehicles, references: canonical name
    "linked": False,  # companies: found in the knowledge file
    "company": None,  # products: canonical company
    "powertrain": None,  # vehicles
    "value": None,  # money: float; dates: ISO 8601 string or None
    "currency": None,  # money: ISO 4217
    "approximate": False,  # money
    "range_id": None,  # money: shared id of the two ends of a range
    "date_kind": None,  # dates: "date" or "duration"
    "status": None,  # claims
    "cues": None,  # claims: list of cue strings
    "source": None,  # claims: cited source or None
    "claim_companies": None,  # claims: list of canonical names
}

_DOC_ATTRS: dict[str, object] = {
    "evnews_article_date": None,  # datetime.date used to resolve relative dates
    "evnews_article_date_precision": None,  # "day", or "month" for YYYY-MM article dates
    "evnews_company_status": None,  # dict canonical -> {"status", "evidence"}
    "evnews_partnerships": None,  # list of dicts {"companies", "status", "evidence"}
}


def span_attr(span: Span, name: str) -> Any:
    """`span._.<name>` of an evnews extension, read from `doc.user_data` where spaCy's
    `Underscore` keeps it, without building one (ten times faster; evnews extensions have
    immutable defaults and no getters)."""
    key = ("._.", name, span.start_char, span.end_char)
    return span.doc.user_data.get(key, _SPAN_ATTRS[name])


def set_span_attrs(span: Span, **values: Any) -> None:
    """`span._.<name> = value` for each evnews extension in `values`, written where spaCy's
    `Underscore` writes it, without building one."""
    data, start, end = span.doc.user_data, span.start_char, span.end_char
    for name, value in values.items():
        if name not in _SPAN_ATTRS:
            raise AttributeError(f"no evnews span extension {name!r}")
        data[("._.", name, start, end)] = value


def register_extensions() -> None:
    """Register every evnews extension once (idempotent)."""
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
