"""`evnews_products`: car models and named products, attached to their company.

Known models come from products.toml and are matched with exact capitals; names that are
also ordinary words (`needs_brand`) count only when their company is named in the same
sentence, and bare numbers and place names (`2008`, `Born`) only right after their brand.
After a carmaker, an alphanumeric model code (`Xpeng G6`, `Nio ET9`) is a product too.
Runs after `evnews_companies` and reads its spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import COMPANIES, PRODUCTS, set_span_attrs, span_attr
from evnews.components.phrases import DocWords

PRODUCT_LABELS = frozenset({"PRODUCT"})
# Model codes after a carmaker: G6, SU7, ET5, EX30, 7X, T10X, 001.
MODEL_CODE = re.compile(r"^(?:[A-Z]{1,4}\d{1,4}[A-Za-z+]{0,3}|\d{1,2}[A-Z]{1,2}|0\d{2})$")
# Codes that follow a company name without being a model: quarters, halves, CO2.
NOT_MODEL = re.compile(r"^(?:[QH][1-4]|CO2|FY\d{2,4}|\d{4}[A-Z]?)$")
_MAKER_TYPES = frozenset({"automaker", "brand", "startup"})


class _Company(NamedTuple):
    """A company span with its extension values, read once."""

    span: Span
    canonical: str
    linked: bool

    @classmethod
    def of(cls, span: Span) -> _Company:
        return cls(span, span_attr(span, "canonical"), span_attr(span, "linked"))


class ProductMatcher:
    """Known models, brand + model code, and statistical PRODUCT entities."""

    def __init__(self, nlp: Language, name: str = "evnews_products") -> None:
        self.name = name
        self.companies = knowledge.companies()
        self.places = knowledge.place_forms()
        self.determiners = knowledge.vehicles().determiners
        self.follow_words = knowledge.vehicles().function_words
        self.by_form: dict[str, list[knowledge.Product]] = {}
        for product in knowledge.products():
            for form in product.forms:
                self.by_form.setdefault(form, []).append(product)
        self.matcher = PhraseMatcher(nlp.vocab)
        for form in self.by_form:
            self.matcher.add(form, [nlp.make_doc(form)])

    def _after_article(self, doc: Doc, start: int) -> bool:
        """`de Seal`, `een nieuwe Gravity`: a model name in noun position."""
        prev = doc[start - 1].text if start > 0 else ""
        return prev.lower() in self.determiners or (prev.islower() and prev.endswith("e"))

    def _choose(
        self, candidates: list[knowledge.Product], brand: str | None, known: set[str]
    ) -> knowledge.Product | None:
        """The candidate of the brand right before, else of a company in `known`."""
        if brand:
            for p in candidates:
                if p.company == brand:
                    return p
            for p in candidates:
                if p.company in knowledge.company_family(brand):
                    return p
        for p in candidates:
            if known & knowledge.company_family(p.company):
                return p
        return None

    def known_models(
        self, doc: Doc, brand_before: dict[int, _Company], companies: list[_Company]
    ) -> list[Span]:
        sent_starts = DocWords.of(doc).starts

        def sentence_of(i: int) -> int:
            return sent_starts[max(bisect_right(sent_starts, i) - 1, 0)]

        in_sentence: dict[int, set[str]] = {}
        for c in companies:
            if c.linked:
                in_sentence.setdefault(sentence_of(c.span.start), set()).add(c.canonical)
        in_doc = {c.canonical for c in companies if c.linked}
        spans = []
        for match_id, start, end in self.matcher(doc):
            form = doc.vocab.strings[match_id]
            candidates = self.by_form[form]
            brand = brand_before.get(start)
            brand_name = brand.canonical if brand is not None and brand.linked else None
            sentence = in_sentence.get(sentence_of(start), set())
            strict = not any(c.isalpha() for c in form) or form in self.places
            if brand_name:
                product = self._choose(candidates, brand_name, set())
            elif strict:
                # a bare number or a place (`2008`, `Born`) is a model only after its brand;
                # `de 01`, `de #5` pass when the brand is in the sentence
                zero = form[:1] in ("0", "#") and self._after_article(doc, start)
                product = self._choose(candidates, None, sentence) if zero else None
            else:
                product = self._choose(candidates, None, sentence)
                if product is None and self._after_article(doc, start):
                    product = self._choose(candidates, None, in_doc)
                if product is None:
                    plain = [p for p in candidates if not p.needs_brand]
                    product = plain[0] if len(plain) == 1 else None
            if product is not None:
                span = Span(doc, start, end, label="PRODUCT")
                set_span_attrs(span, canonical=product.name, company=product.company)
                spans.append(span)
        return filter_spans(spans)

    def _model_code(self, doc: Doc, i: int) -> bool:
        text = doc[i].text
        if MODEL_CODE.match(text):
            return not NOT_MODEL.match(text)
        if text.isdigit() and len(text) <= 3:
            # `Polestar 7`, but not `Tesla 3 miljard`
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            return (
                nxt is None
                or nxt.is_punct
                or nxt.text[:1].isupper()
                or (nxt.lower_ in self.follow_words)
            )
        return False

    def model_codes(self, doc: Doc, companies: list[_Company], taken: set[int]) -> list[Span]:
        spans = []
        for company, canonical, linked in companies:
            end = company.end
            if end >= len(doc) or end in taken:
                continue
            entry = self.companies.get(canonical) if linked else None
            if entry is not None and entry.type not in _MAKER_TYPES:
                continue
            if self._model_code(doc, end):
                span = Span(doc, end, end + 1, label="PRODUCT")
                code = doc[end].text
                set_span_attrs(
                    span,
                    canonical=f"{company.text} {code}" if code.isdigit() else code,
                    company=canonical if linked else None,
                )
                spans.append(span)
                taken.add(end)
        return spans

    @staticmethod
    def drop_brand_only_in_models(
        doc: Doc, companies: list[_Company], products: list[Span]
    ) -> None:
        """A brand seen only inside model names (`de Afeela 1`) is no company mention."""
        inside = {i for p in products for i in range(p.start, p.end)}

        def within(c: _Company) -> bool:
            return all(i in inside for i in range(c.span.start, c.span.end))

        outside = {c.canonical for c in companies if not within(c)}
        kept = [c.span for c in companies if not within(c) or c.canonical in outside]
        if len(kept) != len(companies):
            doc.spans[COMPANIES] = kept

    def __call__(self, doc: Doc) -> Doc:
        companies = [_Company.of(span) for span in doc.spans.get(COMPANIES, ())]
        # company right before a token position (allowing a possessive 's)
        brand_before: dict[int, _Company] = {}
        for c in companies:
            end = c.span.end
            brand_before[end] = c
            if end < len(doc) and doc[end].text in ("'s", "'"):
                brand_before[end + 1] = c
        spans = self.known_models(doc, brand_before, companies)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans += self.model_codes(doc, companies, taken)
        for ent in doc.ents:
            if ent.label_ in PRODUCT_LABELS and not taken.intersection(range(ent.start, ent.end)):
                span = Span(doc, ent.start, ent.end, label="PRODUCT")
                brand = brand_before.get(ent.start)
                company = brand.canonical if brand is not None else None
                set_span_attrs(span, canonical=ent.text, company=company)
                spans.append(span)
        self.drop_brand_only_in_models(doc, companies, spans)
        doc.spans[PRODUCTS] = sorted(spans, key=lambda s: s.start)
        return doc


@Language.factory("evnews_products")
def make_products(nlp: Language, name: str) -> ProductMatcher:
    return ProductMatcher(nlp, name)
