"""`evnews_vehicles`: vehicle types from the vehicles.toml lexicon, with their powertrain.

Forms are matched on lower case (`SUV's`, `auto's`, `bestelbusjes`); a powertrain modifier
in front (`elektrische bestelbusjes`) is taken into the span and sets the powertrain;
hyphen compounds ending in a form count (`middenklasse-SUV`, `e-bus`). Words inside
company or product spans (`Li Auto`, `Kona EV`) are skipped. Runs after companies/products.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import COMPANIES, PRODUCTS, VEHICLES, set_span_attrs
from evnews.components.phrases import StringMemo, token_strings

_MAX_MODIFIER_TOKENS = 3
_COORDINATORS = frozenset({"en", "of", ","})
_COMPARATIVES = frozenset({"als", "zoals"})  # "zowel gewone als plug-in"


class VehicleMatcher:
    """Lexicon matcher for vehicle types."""

    def __init__(self, nlp: Language, name: str = "evnews_vehicles") -> None:
        self.name = name
        self.lexicon = knowledge.vehicles()
        self.by_form: dict[str, knowledge.VehicleType] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for vtype in self.lexicon.types:
            for form in vtype.forms:
                self.by_form[form] = vtype
                self.matcher.add(form, [nlp.make_doc(form)])
        # words that start unhyphenated compounds (`waterstofbus`) -> powertrain
        self.compound_heads = {
            p: self.lexicon.modifiers.get(p, "electric") for p in self.lexicon.compound_prefixes
        }
        # `_compound` depends on the lower-case form only: once per distinct form.
        self.compounds = StringMemo(nlp.vocab, self._compound)
        # modifier token tuples (lower) -> powertrain, for looking back from a match
        self.modifiers = {
            tuple(t.lower_ for t in nlp.make_doc(form)): pt
            for form, pt in self.lexicon.modifiers.items()
        }

    def _noun_position(self, doc: Doc, start: int, end: int) -> bool:
        """`hybride`/`wagen` as a noun: after a determiner, adjective or `als`, and not
        before another content word."""
        prev = doc[start - 1].lower_ if start > 0 else ""
        nxt = doc[end] if end < len(doc) else None
        after_article = prev in self.lexicon.determiners or prev in _COMPARATIVES
        adjective = len(prev) > 3 and prev.endswith("e") and prev.isalpha()
        if not (after_article or adjective):
            return False
        return nxt is None or not nxt.is_alpha or nxt.lower_ in self.lexicon.function_words

    def _modifier(self, low: list[str], start: int) -> tuple[int, str | None]:
        for n in range(_MAX_MODIFIER_TOKENS, 0, -1):
            if start - n >= 0:
                words = tuple(low[start - n : start])
                if words in self.modifiers:
                    return start - n, self.modifiers[words]
        return start, None

    def _make(
        self, doc: Doc, start: int, end: int, vtype: knowledge.VehicleType, pt: str | None
    ) -> Span:
        span = Span(doc, start, end, label="VEHICLE_TYPE")
        canonical = vtype.canonical
        if pt and not vtype.powertrain:
            canonical = dict(vtype.by_powertrain).get(pt, canonical)
        set_span_attrs(span, canonical=canonical, powertrain=vtype.powertrain or pt)
        return span

    def _compound(self, lower: str) -> tuple[knowledge.VehicleType, str | None] | None:
        """`middenklasse-SUV`, `e-truck`; unhyphenated only after a powertrain word
        (`waterstofbus`, `elektrobussen`), never a bare ending (`Airbus`, `omnibus`)."""
        prefix, dash, tail = lower.rpartition("-")
        if dash and prefix and tail in self.by_form:
            pt = "electric" if prefix in self.lexicon.electric_prefixes else None
            return self.by_form[tail], self.lexicon.modifiers.get(prefix, pt)
        for head, pt in self.compound_heads.items():
            tail = lower[len(head) :]
            if lower.startswith(head) and len(tail) > 2 and tail in self.by_form:
                return self.by_form[tail], pt
        return None

    def _coordinated(
        self, doc: Doc, low: list[str], start: int, vtype: knowledge.VehicleType, blocked: set[int]
    ) -> Span | None:
        """`elektrische en plug-in hybride auto's`: the first modifier names a type too."""
        if start < 2 or low[start - 1] not in _COORDINATORS:
            return None
        first, pt = self._modifier(low, start - 1)
        if pt is None or blocked.intersection(range(first, start - 1)):
            return None
        own = self.by_form.get(doc[first : start - 1].text.lower())
        if own is not None:
            return self._make(doc, first, start - 1, own, None)
        return self._make(doc, first, start - 1, vtype, pt)

    def __call__(self, doc: Doc) -> Doc:
        blocked = set()
        for key in (COMPANIES, PRODUCTS):
            for s in doc.spans.get(key, ()):
                blocked.update(range(s.start, s.end))
        for s in doc.spans.get(PRODUCTS, ()):
            # an acronym right after a model is part of its name: `EV6 GT`, `EQS SUV`
            if s.end < len(doc) and doc[s.end].text.isupper() and len(doc[s.end].text) > 1:
                blocked.add(s.end)
        matches = [
            (doc.vocab.strings[m], start, end)
            for m, start, end in self.matcher(doc)
            if not blocked.intersection(range(start, end))
        ]
        starts = {start for _, start, _ in matches}
        low = token_strings(doc)
        spans = []
        matched = set()
        for form, start, end in matches:
            vtype = self.by_form[form]
            if (
                form in self.lexicon.noun_only
                and end not in starts  # `hybride SUV` names two types
                and not self._noun_position(doc, start, end)
            ):
                continue
            first, pt = self._modifier(low, start)
            if blocked.intersection(range(first, start)):
                first, pt = start, None
            if pt is None and form.partition("-")[0] in self.lexicon.electric_prefixes:
                pt = "electric"  # e-bus, e-scooter
            if first < start and doc[first:start].text.lower() in self.by_form:
                # `plug-in hybride SUV`: the modifier is a type of its own, reported apart
                spans.append(self._make(doc, start, end, vtype, None))
                set_span_attrs(spans[-1], powertrain=vtype.powertrain or pt)
            else:
                spans.append(self._make(doc, first, end, vtype, pt))
            coordinated = self._coordinated(doc, low, first, vtype, blocked)
            if coordinated is not None:
                spans.append(coordinated)
            matched.update(range(start, end))
        lowers = doc.to_array(LOWER).tolist()
        for i in self.compounds.where(lowers):
            if i not in matched and i not in blocked:
                spans.append(self._make(doc, i, i + 1, *self.compounds(lowers[i])))
        doc.spans[VEHICLES] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc


@Language.factory("evnews_vehicles")
def make_vehicles(nlp: Language, name: str) -> VehicleMatcher:
    return VehicleMatcher(nlp, name)
