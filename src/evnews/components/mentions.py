"""Company mentions in a sentence: lists, subjects, compounds and other roles.

Helpers shared by the claims and partners components; rules only, except `subject_token`
and `subject_mention`, which read a dependency parse when the pipeline has one.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components.extensions import (
    COMPANIES,
    LOCATIONS,
    PERSONS,
    PRODUCTS,
    REFERENCES,
    span_attr,
)

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_TRANSPARENT_DEPS = frozenset({"flat", "flat:name", "appos", "conj", "compound", "fixed"})


def subject_token(mention: Span):
    tok = mention.root
    while tok.dep_ in _TRANSPARENT_DEPS and tok.head is not tok:
        tok = tok.head
    return tok if tok.dep_ in SUBJECT_DEPS else None


def subject_mention(mentions: Sequence[Span]) -> Span | None:
    """With a dependency parse: the mention that is the subject, preferring the main clause."""
    subjects = []
    for m in mentions:
        tok = subject_token(m)
        if tok is not None:
            subjects.append((tok.head.dep_ != "ROOT", m.start, m))
    return min(subjects, key=lambda x: x[:2])[2] if subjects else None


_LIST_GLUE = frozenset({",", "en", "of", "&"})


def as_example(doc: Doc, i: int, candidate_nouns: Container[str]) -> bool:
    """ "als" naming examples after a plural noun: "concurrenten als BYD en Chery"; not
    after a noun of `candidate_nouns` ("namen als VDL Groep")."""
    prev = doc[i - 1] if i > 0 else None
    return (
        doc[i].lower_ == "als"
        and prev is not None
        and prev.is_alpha
        and (prev.is_lower or prev.is_sent_start)
        and prev.lower_.endswith(("en", "s"))
        and prev.lower_ not in candidate_nouns
    )


def closes_clause(token) -> bool:
    """Punctuation or a line break, but not a hyphen inside a word ("Nissan-fabriek")."""
    if "\n" in token.text:
        return True
    glued = token.text == "-" and not token.doc[token.i - 1].whitespace_
    return token.is_punct and not glued


def names_person(token) -> bool:
    """A person's name (not a company or place): "zegt Jan de Vries, die bij Kia werkt"."""
    doc = token.doc
    if any(p.start <= token.i < p.end for p in doc.spans.get(PERSONS, [])):
        return True
    named = (COMPANIES, PRODUCTS, LOCATIONS)
    return token.is_title and not any(
        s.start <= token.i < s.end for key in named for s in doc.spans.get(key, [])
    )


def in_company(token) -> bool:
    return any(s.start <= token.i < s.end for s in token.doc.spans.get(COMPANIES, []))


@cache
def _head_compound() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in sorted(knowledge.company_context().heads))
    return re.compile(rf"^..+(?:{heads})$")


def is_company_noun(lower: str) -> bool:
    """A company head noun of company_context.toml, or a compound ending in one
    ("techbedrijf", "ev-maker", "vrachtwagenbouwer")."""
    return lower in knowledge.company_context().heads or bool(_head_compound().match(lower))


def is_glued(doc: Doc, first: Span, second: Span) -> bool:
    """Two mentions joined only by list glue: "Kia, Hyundai en Apple"."""
    return first.end <= second.start and all(
        doc[i].lower_ in _LIST_GLUE for i in range(first.end, second.start)
    )


def _before_skippable(doc: Doc, start: int, skippable: frozenset[str]) -> int:
    """The last token before `start` that is no article or nationality (-1: none)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in skippable:
        i -= 1
    return i


def right_after_met(doc: Doc, mention: Span, skippable: frozenset[str]) -> bool:
    """ "met X" with only articles and nationalities between: "met het Chinese Geely"."""
    i = _before_skippable(doc, mention.start, skippable)
    return i >= 0 and doc[i].lower_ == "met"


def after_met(doc: Doc, mention: Span, skippable: frozenset[str]) -> bool:
    """ "met X", also with a short description between: "met de Chinese autobouwer Geely"."""
    i = _before_skippable(doc, mention.start, skippable)
    for k in range(i, max(0, i - 3) - 1, -1):  # the last four tokens, backwards
        t = doc[k]
        if t.lower_ == "met":
            return True
        if t.is_punct or t.is_space or not (t.is_lower or t.lower_ in skippable):
            return False
    return False


class SharedMatcher:
    """A PhraseMatcher whose matches in a doc are kept in `doc.user_data` under `key`, so
    that components with equal matchers match once per doc. Only for components that run
    after the last retokenization (evnews_companies' splitter); callers must not modify
    the list."""

    def __init__(self, matcher: PhraseMatcher, key: str) -> None:
        self.matcher, self.key = matcher, key

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = doc.user_data.get(self.key)
        if found is None or found[0] != len(doc):
            found = doc.user_data[self.key] = (len(doc), self.matcher(doc))
        return found[1]


def pair_reference_matcher(nlp: Language) -> SharedMatcher:
    """Phrases naming the last two companies together: "beide bedrijven", "de twee"."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("evnews_pair_reference", [nlp.make_doc(p) for p in knowledge.pair_references()])
    return SharedMatcher(matcher, "evnews_pair_references")


def media_matcher(nlp: Language) -> SharedMatcher:
    """Media names (knowledge.media_forms), each keyed by its canonical name."""
    matcher = PhraseMatcher(nlp.vocab)
    for form, name in knowledge.media_forms().items():
        matcher.add(name, [nlp.make_doc(form)])
    return SharedMatcher(matcher, "evnews_media")


def is_modifier(mention: Span) -> bool:
    """A company name that modifies a compound: "de Nissan-fabriek", "Apple-auto"; not a
    speaker's affiliation: "Baidu-topman Robin Li"."""
    doc, end = mention.doc, mention.end
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and doc[end + 1].is_lower
        and doc[end + 1].lower_ not in knowledge.cues().speakers
    )


def opens_sentence(span: Span) -> bool:
    """Only numbering, punctuation or an article before `span` in its sentence."""
    return all(
        t.is_punct or t.is_space or t.like_num or t.lower_ in ("de", "het", "een")
        for t in span.doc[span.sent.start : span.start]
    )


def has_parse(doc: Doc) -> bool:
    """A real dependency parse (not just DEP labels left behind by a retokenizer)."""
    return doc.has_annotation("DEP") and any(t.dep_ == "ROOT" for t in doc)


def company_mentions(doc: Doc, media: Container[str]) -> list[Span]:
    """Company spans (not the `media` named as sources) plus resolved references, in text
    order."""
    spans = [
        s
        for s in doc.spans.get(COMPANIES, [])
        if (name := span_attr(s, "canonical")) and name not in media
    ]
    refs = list(doc.spans.get(REFERENCES, []))
    return sorted([*spans, *refs], key=lambda s: (s.start, s.end))
