"""`evnews_people_places`: PERSON spans from title cues, LOCATION spans from the gazetteer.

Persons: a capitalised name right after a title cue (`topman Lei Jun`, `Tesla-topman Elon
Musk`, `ceo van Xiaomi, Lei Jun`) or before a comma and a cue (`Jan de Vries, woordvoerder
van BOVAG`). Locations: countries, regions and cities from places.toml, matched with exact
capitals; adjectives (`Chinese`) are not locations (see `knowledge.place_adjectives`).
A statistical model's PER/PERSON and LOC/GPE entities are merged where they overlap nothing
of ours; names inside company, product or media spans are never persons or places.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.companies import LOCATIVES
from evnews.components.extensions import COMPANIES, LOCATIONS, PERSONS, PRODUCTS, set_span_attrs
from evnews.components.mentions import media_matcher
from evnews.components.phrases import StringMemo, token_strings

PERSON_LABELS = frozenset({"PER", "PERSON"})
LOCATION_LABELS = frozenset({"LOC", "GPE"})
_MAX_NAME_TOKENS = 5
_LINKS = frozenset({"van", "bij"})  # "topman van Tesla, Elon Musk"


class PeoplePlaces:
    """Title-cue persons and gazetteer locations."""

    def __init__(self, nlp: Language, name: str = "evnews_people_places") -> None:
        self.name = name
        self.titles = knowledge.titles()
        self.places = knowledge.place_forms()
        self.adjectives = knowledge.place_adjectives()
        self.not_names = knowledge.company_context().not_names
        self.title_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title_compounds = StringMemo(nlp.vocab, self._title_compound)
        for form in self.titles.forms:
            self.title_matcher.add(form, [nlp.make_doc(form)])
        self.place_matcher = PhraseMatcher(nlp.vocab)
        for form, place in self.places.items():
            self.place_matcher.add(place, [nlp.make_doc(form)])
        self.media_matcher = media_matcher(nlp)

    # -- persons --------------------------------------------------------------------------
    def _is_name_word(self, token: Token, blocked: set[int]) -> bool:
        text = token.text
        return (
            token.i not in blocked
            and text[:1].isupper()
            and text.replace("-", "").replace("'", "").isalpha()
            and text not in self.not_names
            and text not in self.places
            and text not in self.adjectives
        )

    def _name_forward(self, doc: Doc, start: int, blocked: set[int]) -> int:
        end = start
        limit = min(doc[start].sent.end, start + _MAX_NAME_TOKENS)
        while end < limit:
            tok = doc[end]
            word = self._is_name_word(tok, blocked) and not (tok.is_sent_start and end > start)
            particle = (
                end > start
                and tok.lower_ in self.titles.particles
                and end + 1 < limit
                and (doc[end + 1].lower_ in self.titles.particles or doc[end + 1].is_title)
            )
            if not (word or particle):
                break
            end += 1
        while end > start and doc[end - 1].lower_ in self.titles.particles:
            end -= 1
        return end

    def _name_backward(self, doc: Doc, end: int, blocked: set[int]) -> int:
        start = end
        sent_start = doc[end - 1].sent.start if end > 0 else 0
        while start > max(sent_start, end - _MAX_NAME_TOKENS):
            j = start - 1
            while start < end and j > sent_start and doc[j].lower_ in self.titles.particles:
                j -= 1  # "Anna van der Berg": particles between two name words
            if not self._is_name_word(doc[j], blocked):
                break
            start = j
        return start

    def _cues(self, doc: Doc) -> list[tuple[int, int]]:
        cues = [(s, e) for _, s, e in self.title_matcher(doc)]
        for i in self.title_compounds.where(doc.to_array(LOWER).tolist()):
            cues.append((i, i + 1))  # Nio-baas, unknown-company-topman
        return cues

    def _title_compound(self, lower: str) -> bool:
        head, dash, tail = lower.rpartition("-")
        return bool(dash and head and tail in self.titles.forms)

    def persons(self, doc: Doc, blocked: set[int], companies: dict[int, Span]) -> list[Span]:
        found = []
        for start, end in self._cues(doc):
            after = end
            if after < len(doc) and doc[after].lower_ in _LINKS and after + 1 in companies:
                after = companies[after + 1].end
            if after < len(doc) and doc[after].text == ",":
                after += 1
            if after < len(doc) and self._is_name_word(doc[after], blocked):
                name_end = self._name_forward(doc, after, blocked)
                found.append(Span(doc, after, name_end, label="PERSON"))
            # "Jan de Vries, woordvoerder van ..."
            before = start - 1
            if before > 0 and doc[before].lower_ in ("de", "het"):
                before -= 1
            if before > 0 and doc[before].text == ",":
                name_start = self._name_backward(doc, before, blocked)
                if name_start < before:
                    found.append(Span(doc, name_start, before, label="PERSON"))
        return found

    # -- locations ------------------------------------------------------------------------
    def locations(self, doc: Doc, blocked: set[int]) -> list[Span]:
        found = []
        for match_id, start, end in self.place_matcher(doc):
            if not blocked.intersection(range(start, end)):
                span = Span(doc, start, end, label="LOCATION")
                set_span_attrs(span, canonical=doc.vocab.strings[match_id])
                found.append(span)
        # places not in the gazetteer: "in het Duitse Arnstadt", "uit het Poolse Wrocław"
        low = token_strings(doc)
        for i in range(len(doc) - 3):
            if low[i] not in LOCATIVES or low[i + 1] != "het":
                continue
            tok = doc[i]
            if doc[tok.i + 2].text not in self.adjectives:
                continue
            start = tok.i + 3
            end = (
                self._name_forward(doc, start, blocked) if doc[start].text[:1].isupper() else start
            )
            if end > start:
                span = Span(doc, start, end, label="LOCATION")
                set_span_attrs(span, canonical=span.text)
                found.append(span)
        return found

    def __call__(self, doc: Doc) -> Doc:
        companies = {s.start: s for s in doc.spans.get(COMPANIES, ())}
        blocked = set()
        for s in [*companies.values(), *doc.spans.get(PRODUCTS, ())]:
            blocked.update(range(s.start, s.end))
        for _, start, end in self.media_matcher(doc):
            blocked.update(range(start, end))
        locations = filter_spans(self.locations(doc, blocked))
        blocked.update(i for s in locations for i in range(s.start, s.end))
        persons = filter_spans(self.persons(doc, blocked, companies))
        taken = blocked | {i for s in persons for i in range(s.start, s.end)}
        for ent in doc.ents:
            if taken.intersection(range(ent.start, ent.end)):
                continue
            if ent.label_ in PERSON_LABELS:
                persons.append(Span(doc, ent.start, ent.end, label="PERSON"))
            elif ent.label_ in LOCATION_LABELS and ent.text not in self.adjectives:
                span = Span(doc, ent.start, ent.end, label="LOCATION")
                set_span_attrs(span, canonical=self.places.get(ent.text, ent.text))
                locations.append(span)
        for span in persons:
            set_span_attrs(span, canonical=span.text)
        doc.spans[PERSONS] = sorted(persons, key=lambda s: s.start)
        doc.spans[LOCATIONS] = sorted(locations, key=lambda s: s.start)
        return doc


@Language.factory("evnews_people_places")
def make_people_places(nlp: Language, name: str) -> PeoplePlaces:
    return PeoplePlaces(nlp, name)
