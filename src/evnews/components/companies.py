"""`evnews_companies`: company and brand mentions linked to companies.toml."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import COMPANIES


class CompanyMatcher:
    """Matches knowledge-file names and aliases; the longest match wins."""

    def __init__(self, nlp: Language, name: str = "evnews_companies") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab)
        for company in knowledge.companies().values():
            forms = {company.name, *company.aliases}
            self.matcher.add(company.name, [nlp.make_doc(f) for f in sorted(forms)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label="COMPANY")
            span._.canonical = doc.vocab.strings[match_id]
            span._.linked = True
            spans.append(span)
        doc.spans[COMPANIES] = filter_spans(spans)
        return doc


@Language.factory("evnews_companies")
def make_companies(nlp: Language, name: str) -> CompanyMatcher:
    return CompanyMatcher(nlp, name)
