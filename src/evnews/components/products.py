"""`evnews_products`: car models and named products, attached to their company.

Known models come from products.toml and are matched with exact capitals; names that are
also ordinary words (`needs_brand`) count only when their company is named in the same
sentence, and bare numbers and place names (`2008`, `Born`) only right after their brand.
After a carmaker, an alphanumeric model code (`Xpeng G6`, `Nio ET9`) is a product too.
Runs after `evnews_companies` and reads its spans.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import COMPANIES, PRODUCTS

PRODUCT_LABELS = frozenset({"PRODUCT"})
# Model codes after a carmaker: G6, SU7, ET5, EX30, 7X, T10X, 001.
MODEL_CODE = re.compile(r"^(?:[A-Z]{1,4}\d{1,4}[A-Za-z+]{0,3}|\d{1,2}[A-Z]{1,2}|0\d{2})$")
# Codes that follow a company name without being a model: quarters, halves, CO2.
NOT_MODEL = re.compile(r"^(?:[QH][1-4]|CO2|FY\d{2,4}|\d{4}[A-Z]?)$")
_MAKER_TYPES = frozenset({"automaker", "brand", "startup"})


class ProductMatcher:
    """Known models, brand + model code, and statistical PRODUCT entities."""

    def __init__(self, nlp: Language, name: str = "evnews_products") -> None:
        self.name = name
        self.companies = knowledge.companies()
        self.places = knowledge.place_forms()
        self.by_form: dict[str, list[knowledge.Product]] = {}
        for product in knowledge.products():
            for form in product.forms:
                self.by_form.setdefault(form, []).append(product)
        self.matcher = PhraseMatcher(nlp.vocab)
        for form in self.by_form:
            self.matcher.add(form, [nlp.make_doc(form)])

    def _choose(
        self, candidates: list[knowledge.Product], brand: str | None, nearby: set[str]
    ) -> knowledge.Product | None:
        if brand:
            for p in candidates:
                if p.company == brand:
                    return p
            for p in candidates:
                if p.company in knowledge.company_family(brand):
                    return p
        for p in candidates:
            if nearby & knowledge.company_family(p.company):
                return p
        plain = [p for p in candidates if not p.needs_brand]
        return plain[0] if len(plain) == 1 else None

    def __call__(self, doc: Doc) -> Doc:
        companies = list(doc.spans[COMPANIES]) if COMPANIES in doc.spans else []
        # company right before a token position (allowing a possessive 's)
        brand_before: dict[int, Span] = {}
        for c in companies:
            brand_before[c.end] = c
            if c.end < len(doc) and doc[c.end].text in ("'s", "'"):
                brand_before[c.end + 1] = c
        nearby: dict[int, set[str]] = {}
        for c in companies:
            if c._.linked:
                nearby.setdefault(c.sent.start, set()).add(c._.canonical)

        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label="PRODUCT")
            form = doc.vocab.strings[match_id]
            brand = brand_before.get(start)
            if brand is None and (not any(c.isalpha() for c in form) or form in self.places):
                continue  # a bare number or a place (`Born`) is a model only after its brand
            product = self._choose(
                self.by_form[form],
                brand._.canonical if brand is not None and brand._.linked else None,
                nearby.get(span.sent.start, set()),
            )
            if product is not None:
                span._.canonical = product.name
                span._.company = product.company
                spans.append(span)
        spans = filter_spans(spans)
        taken = {i for s in spans for i in range(s.start, s.end)}

        for c in companies:
            if c.end >= len(doc) or c.end in taken:
                continue
            entry = self.companies.get(c._.canonical) if c._.linked else None
            if entry is not None and entry.type not in _MAKER_TYPES:
                continue
            code = doc[c.end]
            if MODEL_CODE.match(code.text) and not NOT_MODEL.match(code.text):
                span = Span(doc, c.end, c.end + 1, label="PRODUCT")
                span._.canonical = code.text
                span._.company = c._.canonical if c._.linked else None
                spans.append(span)
                taken.add(c.end)

        for ent in doc.ents:
            if ent.label_ in PRODUCT_LABELS and not taken.intersection(range(ent.start, ent.end)):
                span = Span(doc, ent.start, ent.end, label="PRODUCT")
                span._.canonical = ent.text
                brand = brand_before.get(ent.start)
                span._.company = brand._.canonical if brand is not None else None
                spans.append(span)
        doc.spans[PRODUCTS] = sorted(spans, key=lambda s: s.start)
        return doc


@Language.factory("evnews_products")
def make_products(nlp: Language, name: str) -> ProductMatcher:
    return ProductMatcher(nlp, name)
