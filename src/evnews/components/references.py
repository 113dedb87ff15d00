"""Resolve "die laatste", "het bedrijf", "het Chinese merk", "de Koreanen" to a company."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import set_span_attrs, span_attr
from evnews.components.phrases import DocWords


class ReferenceResolver:
    """Resolves "die laatste", "het bedrijf", "het Chinese merk", "de Koreanen", ..."""

    def __init__(self, nlp: Language) -> None:
        cfg = knowledge.references()
        self.known = knowledge.companies()
        self.info: dict[str, tuple[frozenset[str], str | None]] = {}
        self.pronouns = frozenset(cfg.pronouns)
        self.we = frozenset(cfg.quoted_we)
        self.quote_marks = frozenset(cfg.quote_marks)
        self.opening_quotes = frozenset(cfg.opening_quotes)
        for phrase in cfg.pronouns:
            self.info[phrase] = (frozenset(), None)
        for noun in cfg.nouns:
            for word in noun.words:
                for det in cfg.determiners:
                    self.info[f"{det} {word}"] = (noun.types, None)
                    for adj, country in cfg.nationality.items():
                        self.info[f"{det} {adj} {word}"] = (noun.types, country)
        for demonym, country in cfg.demonym.items():
            self.info[f"de {demonym}"] = (frozenset(), country)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("evnews_reference", [nlp.make_doc(p) for p in self.info])

    def compatible(self, canonical: str, types: frozenset[str], country: str | None) -> bool:
        company = self.known.get(canonical)
        if company is None:
            return not types and country is None
        return (not types or company.type in types) and (
            country is None or company.country == country
        )

    def __call__(
        self,
        doc: Doc,
        mentions: Sequence[Span],
        passing: Callable[[Span], bool],
        speaks_for: Callable[[Span], bool] = lambda m: False,
    ) -> list[Span]:
        """Reference spans with `_.canonical` set, resolved against earlier `mentions`;
        `passing` tells whether a mention is named in passing, `speaks_for` whether a
        speaker works for it ("een woordvoerder van CAF", whose "wij" it is)."""
        found = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        out = self.quoted_we(doc, mentions, speaks_for)
        if not found:
            return out
        starts = {m.start for m in mentions}
        taken = {i for m in mentions for i in range(m.start, m.end)}
        sent_starts = DocWords.of(doc).starts
        chain: list[Span] = sorted([*mentions, *out], key=lambda m: m.start)
        for ref in found:
            if ref.end in starts or any(i in taken for i in range(ref.start, ref.end)):
                continue  # an appositive ("de fabrikant Tesla") or part of a name
            types, country = self.info[ref.text.lower()]
            pronoun = ref.text.lower() in self.pronouns
            ref_sent = bisect_right(sent_starts, ref.start)
            target = fallback = None
            for m in reversed(chain[: bisect_right(chain, ref.start - 1, key=lambda m: m.end - 1)]):
                # A reference never points into its own clause: "X werkt met die laatste".
                if bisect_right(sent_starts, m.start) == ref_sent and not any(
                    t.text in ",;:" for t in doc[m.end : ref.start]
                ):
                    continue
                if not self.compatible(span_attr(m, "canonical"), types, country):
                    continue
                # Descriptions ("het concern") prefer a company not named in passing.
                if pronoun or not passing(m):
                    target = m
                    break
                fallback = fallback or m
            target = target or fallback
            if target is None:
                continue
            span = Span(doc, ref.start, ref.end, label="REFERENCE")
            set_span_attrs(span, canonical=span_attr(target, "canonical"))
            out.append(span)
            insort(chain, span, key=lambda m: m.start)
        return sorted(out, key=lambda m: m.start)

    def quoted_we(
        self, doc: Doc, mentions: Sequence[Span], speaks_for: Callable[[Span], bool]
    ) -> list[Span]:
        """ "wij"/"we" inside a quote whose speaker's company the sentence names outside
        it: '"Wij praten niet met Yutong", zei een woordvoerder van CAF' (CAF)."""
        speakers = [m for m in mentions if speaks_for(m)]
        if not speakers:
            return []
        quoted = self.quoted(doc)
        words = DocWords.of(doc)
        out = []
        for m in speakers:
            if quoted[m.start]:
                continue
            first, stop = words.sentence(m.start)
            for i in range(first, stop):
                if quoted[i] and words.low[i] in self.we:
                    span = Span(doc, i, i + 1, label="REFERENCE")
                    set_span_attrs(span, canonical=span_attr(m, "canonical"))
                    out.append(span)
        return out

    def quoted(self, doc: Doc) -> list[bool]:
        """Per token: inside a quotation (straight quotes toggle; a paragraph ends one)."""
        inside, out = False, []
        for t in doc:
            if "\n" in t.text:
                inside = False
            elif t.text in self.quote_marks:
                inside = t.text in self.opening_quotes or (t.text == '"' and not inside)
            out.append(inside)
        return out
