"""`evnews_claims`: claim status per sentence and per company (ConText-style cue rules).

A claim sentence names a company (directly or via "die laatste", "het bedrijf", ...) and
has a status cue, an attribution, a plan/action word, or is a question. Each company in it
gets the status of the nearest cue in its clause (clauses end at terminators such as
"maar"); the sentence gets the status of its main company (the subject when a dependency
parse is present, else the first attached company).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import IS_SPACE, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import (
    CLAIMS,
    COMPANIES,
    LOCATIONS,
    PERSONS,
    PRODUCTS,
    REFERENCES,
    VEHICLES,
)
from evnews.components.phrases import StringMemo, token_strings
from evnews.components.windowed import WindowedMatcher

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_TRANSPARENT_DEPS = frozenset({"flat", "flat:name", "appos", "conj", "compound", "fixed"})
_NAMED = (COMPANIES, PRODUCTS, VEHICLES)
# Cue directions that mark a stretch of text and never remove a status cue.
_SCOPE_ONLY = frozenset({"termination", "relative"})
# Prepositions that open a sentence about the company: "Voor Kia is het ...", not "Na
# BYD en MG meldt zich ...".
_TOPIC_PREPOSITIONS = frozenset({"voor", "bij", "van", "op", "onder", "uit"})
# Words that may stand before a sentence-opening preposition: "Ook bij Stellantis ...".
_OPENERS = frozenset({"ook", "zelfs", "juist", "vooral", "en", "maar"})
_DETERMINERS = frozenset({"de", "het", "een", "deze", "dit", "zijn", "haar", "hun"})
# Private `doc.user_data` key: the cues found by evnews_claims, reused by evnews_partners.
CUES_KEY = "evnews_claims_cues"


@dataclass(frozen=True)
class Cue:
    """A matched cue: token offsets in the doc plus the rule's settings."""

    start: int
    end: int
    direction: str
    status: str | None
    layer: str
    source: str | None
    max_scope: int | None
    text: str


@dataclass(frozen=True)
class Judgement:
    """The status of one target (a company mention or a relation cue) in its sentence."""

    status: str
    cues: tuple[str, ...]
    source: str | None
    explicit: bool  # decided by a cue or attribution, not by the default
    by_cue: bool  # a status cue decided, not just an attribution ("zegt", "laat weten")


def distance(cue: Cue, start: int, end: int) -> int:
    """Tokens between a cue and the target span (0 when they touch or overlap)."""
    return max(0, start - cue.end, cue.start - end)


def background(cues: Iterable[Cue], start: int, end: int) -> list[tuple[int, int]]:
    """The relative clauses among `cues` that do not contain the target [start, end), and
    the pseudo cues: their words are no plan ("Kia wilde niet reageren")."""
    return [
        (c.start, c.end)
        for c in cues
        if c.direction == "pseudo"
        or (c.direction == "relative" and not (c.start <= start and end <= c.end))
    ]


# How much a piece of evidence weighs in `combine_status`.
NOT_DECISIVE, WEAK, STRONG = 0, 1, 2


def combine_status(items: Sequence[tuple[str, int]]) -> str:
    """A company's (or pair's) status from its (status, weight) evidence in text order.

    Decisive evidence is a confirmation or denial by the company itself: STRONG when a cue
    says so ("bevestigt", "schrapt"), WEAK for an attribution alone ("zegt", "laat weten")
    or a plain statement that opens its story. The last decisive one wins (a later official
    confirmation beats earlier rumours, a denial after rumours gives denied), except that
    only a STRONG confirmation undoes a denial: "Audi trekt de stekker uit Vorst. Audi liet
    weten dat geen koper een plan had." stays denied. Without decisive evidence: rumoured
    if any evidence is, else confirmed, else speculative, else denied.
    """
    decided = None
    for status, weight in items:
        if not weight or status not in ("confirmed", "denied"):
            continue
        if not (status == "confirmed" and decided == "denied" and weight < STRONG):
            decided = status
    if decided:
        return decided
    statuses = {s for s, _ in items}
    for status in ("rumoured", "confirmed", "speculative", "denied"):
        if status in statuses:
            return status
    return "mentioned"


class CueEngine:
    """Finds cues in a doc and judges targets against them (matchers built once)."""

    def __init__(self, nlp: Language) -> None:
        cfg = knowledge.cues()
        self.cfg = cfg
        self.rank = {status: i for i, status in enumerate(cfg.priority)}
        self.rules = cfg.rules
        self.matcher = WindowedMatcher(nlp.vocab, validate=True)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for i, rule in enumerate(cfg.rules):
            key = f"evnews_cue_{i}"
            if rule.patterns:
                self.matcher.add(key, [list(p) for p in rule.patterns])
            if rule.phrases:
                self.phrases.add(key, [nlp.make_doc(p) for p in rule.phrases])
        self.media = PhraseMatcher(nlp.vocab)
        self.media_names: dict[str, str] = knowledge.media_forms()
        for form in self.media_names:
            self.media.add("evnews_medium", [nlp.make_doc(form)])
        self.reporting = frozenset(cfg.media_reporting)
        actions = re.compile("|".join(f"(?:{a})" for a in cfg.actions))
        self.action_words = StringMemo(nlp.vocab, lambda w: actions.fullmatch(w) is not None)
        self.skippable = frozenset({"de", "het", "een", *knowledge.references().nationality})

    def is_oblique(self, mention: Span, persons: Sequence[Span] = ()) -> bool:
        """A mention after a preposition ("de auto's van Tesla", "tegen de Tesla Model Y").

        Not when the preposition opens the sentence ("Voor Kia is het ...") or follows a
        speaker or a person: "een woordvoerder van Kia", "zegt Ralf Brandstätter, die bij
        Volkswagen ...".
        """
        doc, cfg = mention.doc, self.cfg
        i = mention.start - 1
        while i >= 0 and doc[i].lower_ in self.skippable:
            i -= 1
        if i >= 1 and doc[i - 1].lower_ == "onder" and doc[i].lower_ in ("meer", "andere"):
            i -= 2  # "een joint venture van onder meer BMW en Ford"
        if i < 0 or not (doc[i].lower_ in cfg.oblique or _as_example(doc, i)):
            return False
        opening = all(t.is_space or t.lower_ in _OPENERS for t in doc[doc[i].sent.start : i])
        if opening and doc[i].lower_ in _TOPIC_PREPOSITIONS:
            return False  # the sentence opens with it: a topic, not a passing mention
        if i > 0 and doc[i - 1].lower_ in cfg.speakers:
            return False
        if i >= 3 and doc[i - 1].lower_ == "die" and doc[i - 2].text == ",":
            # "zegt Ralf Brandstätter, die bij Volkswagen ...": a person's affiliation.
            name = doc[i - 3]
            if name.is_title and name.ent_type_ == "" and not _in_company(name):
                return False
        return not any(i - 3 <= p.end <= i for p in persons)

    def passing(
        self, mentions: Sequence[Span], persons: Sequence[Span] = (), cues: Sequence[Cue] = ()
    ) -> set[int]:
        """Start tokens of the mentions named in passing: after a preposition, or inside a
        relative clause among `cues`. A list shares the role of its first member: "van
        Stellantis, Mercedes-Benz en TotalEnergies"."""
        relatives = [(c.start, c.end) for c in cues if c.direction == "relative"]
        out = {
            m.start
            for m in mentions
            if any(a < m.start < b for a, b in relatives) or is_modifier(m)
        }
        previous, oblique = None, False
        for m in sorted(mentions, key=lambda m: m.start):
            if previous is None or not is_glued(m.doc, previous, m):
                oblique = self.is_oblique(m, persons)
            if oblique:
                out.add(m.start)
            previous = m
        return out

    def is_medium(self, canonical: str | None) -> bool:
        return canonical in self.media_names

    def find(self, doc: Doc) -> list[Cue]:
        """Every cue, pseudo cue and terminator in `doc`, in order."""
        by_rule: dict[tuple[int, int], tuple[int, bool]] = {}
        matches = [(m, s, e, True) for m, s, e in self.matcher(doc)]
        matches += [(m, s, e, False) for m, s, e in self.phrases(doc)]
        for match_id, start, end, pattern in matches:
            i = int(doc.vocab.strings[match_id].rsplit("_", 1)[1])
            # Wildcard patterns match many lengths from one start: keep the shortest.
            if (i, start) not in by_rule or end < by_rule[(i, start)][0]:
                by_rule[(i, start)] = (end, pattern)
        cues = []
        for (i, start), (end, pattern) in by_rule.items():
            r = self.rules[i]
            # Token-pattern cues may span a gap: show them as "kondigt ... aan".
            gap = pattern and end - start > 2
            text = f"{doc[start].text} ... {doc[end - 1].text}" if gap else doc[start:end].text
            cues.append(
                Cue(start, end, r.direction, r.status, r.layer, r.source, r.max_scope, text)
            )
        cues.extend(self._media_cues(doc))
        cues.extend(self._relative_cues(doc))
        # A line break ends a clause too (headlines, bullet lists).
        for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
            if "\n" in doc[i].text:
                cues.append(Cue(i, i + 1, "termination", None, "cue", None, None, doc[i].text))
        cues.sort(key=lambda c: (c.start, c.end))
        starts = [c.start for c in cues]
        longest = max((c.end - c.start for c in cues), default=0)
        out = []
        for c in cues:
            if c.status is not None:
                # Cues that could contain or overlap c start at most `longest` tokens before.
                near = cues[bisect_left(starts, c.start - longest) : bisect_left(starts, c.end)]
                if any(self._drops(o, c) for o in near):
                    continue
            out.append(c)
        return out

    @staticmethod
    def _drops(o: Cue, c: Cue) -> bool:
        """Whether cue `o` removes cue `c`: a pseudo cue overlapping it, or a longer cue
        containing it (a denial survives inside a weaker cue: "heeft ... geschrapt")."""
        if o.direction == "pseudo":
            return c.start < o.end and o.start < c.end
        if o.direction in _SCOPE_ONLY or (o.start, o.end) == (c.start, c.end):
            return False
        inside = o.start <= c.start and c.end <= o.end
        # A denial survives inside a confirming cue ("heeft ... geschrapt"), not inside a
        # rumour or a guess ("bevestigt noch ontkent", "zou ... schrappen").
        return inside and (c.status != "denied" or o.status != "confirmed")

    def _opens_relative(self, doc: Doc, i: int) -> bool:
        """Whether token i opens a relative clause: ", dat ...", "de markt waar ...",
        "de grote SUV die ..." (rules only; the words are in cues.toml [claims])."""
        word, cfg = doc[i].lower_, self.cfg
        prev = doc[i - 1] if i > doc[i].sent.start else None
        if prev is None:
            return False
        if prev.text == ",":
            return word in cfg.relative and not (word == "die" and _names_person(doc[i - 2]))
        if word in cfg.relative_any:
            return prev.is_alpha
        if word not in cfg.relative_after_noun or not prev.is_alpha:
            return False
        if prev.ent_type_ or any(
            s.start <= prev.i < s.end for key in _NAMED for s in doc.spans.get(key, [])
        ):
            return True  # "de SUV die", "Tesla die"
        before = [t.lower_ for t in doc[max(doc[i].sent.start, i - 3) : i - 1]]
        return bool(before) and (
            before[-1] in _DETERMINERS
            or (len(before) >= 2 and before[-1].endswith("e") and before[-2] in _DETERMINERS)
        )

    def _relative_cues(self, doc: Doc) -> Iterable[Cue]:
        """Relative clauses as cues of direction "relative", spanning the whole clause."""
        words = self.cfg.relative | self.cfg.relative_after_noun
        after = 0  # the end of the last relative clause: they do not nest
        for i, word in enumerate(token_strings(doc)):
            if i < after or word not in words or not self._opens_relative(doc, i):
                continue
            end, sent_end = i + 1, doc[i].sent.end
            while end < sent_end and not _closes_clause(doc[end]):
                end += 1
            yield Cue(i, end, "relative", None, "cue", None, None, doc[i:end].text)
            after = end

    def _media_cues(self, doc: Doc) -> Iterable[Cue]:
        window = self.cfg.media_window
        for _, start, end in self.media(doc):
            sent = doc[start].sent
            lo, hi = max(sent.start, start - window), min(sent.end, end + window)
            words = [t for t in doc[lo:hi] if t.lower_ in self.reporting]
            if not words:
                continue
            s, e = min(start, words[0].i), max(end, words[-1].i + 1)
            source = self.media_names[doc[start:end].text]
            status = self.cfg.media_status
            yield Cue(s, e, "bidirectional", status, "attribution", source, None, doc[s:e].text)

    def clause(self, cues: Sequence[Cue], sent: Span, start: int, end: int) -> tuple[int, int]:
        """The clause around tokens [start, end): the sentence cut at terminators."""
        lo, hi = sent.start, sent.end
        for c in cues:
            if c.direction != "termination" or not (sent.start <= c.start < sent.end):
                continue
            if c.end <= start:
                lo = max(lo, c.end)
            elif c.start >= end:
                hi = min(hi, c.start)
        return lo, hi

    def in_scope(self, cues: Sequence[Cue], sent: Span, start: int, end: int) -> list[Cue]:
        """Status and attribution cues whose scope covers the target [start, end)."""
        lo, hi = self.clause(cues, sent, start, end)
        for c in cues:
            if c.direction == "relative" and c.start <= start and end <= c.end:
                # Inside a relative clause only its own cues count: background stays
                # background in "Naar verluidt gaat het om Magna, dat voor BMW bouwt".
                lo, hi = max(lo, c.start), min(hi, c.end)
        hidden = background(cues, start, end)
        out = []
        for c in cues:
            if c.status is None or c.start < lo or c.end > hi:
                continue
            if any(a <= c.start and c.end <= b for a, b in hidden):
                continue  # inside a relative clause the target is not part of
            if c.direction == "preceding" and c.start >= start:
                continue
            if c.direction == "following" and c.end <= end:
                continue
            if c.max_scope is not None and distance(c, start, end) > c.max_scope:
                continue
            out.append(c)
        return out

    def action_positions(self, doc: Doc) -> list[int]:
        """The tokens of `doc` that are plan/action words, in order."""
        return self.action_words.where(doc.to_array(LOWER).tolist())

    @staticmethod
    def has_action(
        actions: Sequence[int], lo: int, hi: int, hidden: Sequence[tuple[int, int]] = ()
    ) -> bool:
        """Whether `actions` (positions) has one in [lo, hi) outside the `hidden` ranges."""
        return any(
            not any(a <= i < b for a, b in hidden)
            for i in actions[bisect_left(actions, lo) : bisect_left(actions, hi)]
        )

    @staticmethod
    def is_question(sent: Span) -> bool:
        doc = sent.doc
        for i in range(sent.end - 1, sent.start - 1, -1):
            if not doc[i].is_space:  # the last non-space token
                return doc[i].text == "?"
        return False

    def judge(
        self, cues: Sequence[Cue], sent: Span, start: int, end: int, persons: Sequence[Span] = ()
    ) -> Judgement:
        """Status, cue texts and source for the target tokens [start, end) of `sent`."""
        scope = self.in_scope(cues, sent, start, end)
        rank = self.rank
        status_cues = [c for c in scope if c.layer == "cue"]
        attributions = [c for c in scope if c.layer == "attribution"]
        best = min(
            status_cues, key=lambda c: (distance(c, start, end), rank[c.status]), default=None
        )
        if best is not None and best.status == "confirmed":
            # Confirming a cancellation is a denial: "bevestigt dat de productie is geschrapt".
            best = next((c for c in status_cues if c.status == "denied"), best)
        attr = min(
            attributions, key=lambda c: (rank[c.status], distance(c, start, end)), default=None
        )
        used = [c for c in (best, attr) if c is not None]
        texts = tuple(c.text for c in sorted(used, key=lambda c: c.start))
        if self.is_question(sent):
            status = self.cfg.question
            texts = (*texts, "?")
        elif best is not None:
            status = best.status
            # A medium or unnamed source reporting a guess makes it a rumour; an analyst
            # voicing a "zou" makes it a guess.
            if attr is not None and {status, attr.status} == {"speculative", "rumoured"}:
                status = attr.status
        elif attr is not None:
            status = attr.status
        else:
            status = self.cfg.default
        source = next((c.source for c in used if c.source), None)
        if source is None and attr is not None and attr.status == "confirmed":
            lo, hi = self.clause(cues, sent, start, end)
            source = next((p.text for p in persons if lo <= p.start and p.end <= hi), None)
        return Judgement(status, texts, source, bool(texts), best is not None)


class ReferenceResolver:
    """Resolves "die laatste", "het bedrijf", "het Chinese merk", "de Koreanen", ..."""

    def __init__(self, nlp: Language) -> None:
        cfg = knowledge.references()
        self.known = knowledge.companies()
        self.info: dict[str, tuple[frozenset[str], str | None]] = {}
        self.pronouns = frozenset(cfg.pronouns)
        for phrase in cfg.pronouns:
            self.info[phrase] = (frozenset(), None)
        for noun in cfg.nouns:
            for word in noun.words:
                for det in ("de", "het", "dit", "deze", "dat"):
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
        self, doc: Doc, mentions: Sequence[Span], passing: Callable[[Span], bool]
    ) -> list[Span]:
        """Reference spans with `_.canonical` set, resolved against earlier `mentions`;
        `passing` tells whether a mention is named in passing."""
        found = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        if not found:
            return []
        starts = {m.start for m in mentions}
        taken = {i for m in mentions for i in range(m.start, m.end)}
        sent_starts = [s.start for s in doc.sents]
        chain: list[Span] = sorted(mentions, key=lambda m: m.start)
        out = []
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
                if not self.compatible(m._.canonical, types, country):
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
            span._.canonical = target._.canonical
            out.append(span)
            insort(chain, span, key=lambda m: m.start)
        return out


def _subject_token(mention: Span):
    tok = mention.root
    while tok.dep_ in _TRANSPARENT_DEPS and tok.head is not tok:
        tok = tok.head
    return tok if tok.dep_ in SUBJECT_DEPS else None


def subject_mention(mentions: Sequence[Span]) -> Span | None:
    """With a dependency parse: the mention that is the subject, preferring the main clause."""
    subjects = []
    for m in mentions:
        tok = _subject_token(m)
        if tok is not None:
            subjects.append((tok.head.dep_ != "ROOT", m.start, m))
    return min(subjects, key=lambda x: x[:2])[2] if subjects else None


_LIST_GLUE = frozenset({",", "en", "of", "&"})


def _as_example(doc: Doc, i: int) -> bool:
    """ "als" naming examples after a plural noun: "concurrenten als BYD en Chery"."""
    prev = doc[i - 1] if i > 0 else None
    return (
        doc[i].lower_ == "als"
        and prev is not None
        and prev.is_alpha
        and (prev.is_lower or prev.is_sent_start)
        and prev.lower_.endswith(("en", "s"))
    )


def _closes_clause(token) -> bool:
    """Punctuation or a line break, but not a hyphen inside a word ("Nissan-fabriek")."""
    if "\n" in token.text:
        return True
    glued = token.text == "-" and not token.doc[token.i - 1].whitespace_
    return token.is_punct and not glued


def _names_person(token) -> bool:
    """A person's name (not a company or place): "zegt Jan de Vries, die bij Kia werkt"."""
    doc = token.doc
    if any(p.start <= token.i < p.end for p in doc.spans.get(PERSONS, [])):
        return True
    named = (COMPANIES, PRODUCTS, LOCATIONS)
    return token.is_title and not any(
        s.start <= token.i < s.end for key in named for s in doc.spans.get(key, [])
    )


def _in_company(token) -> bool:
    return any(s.start <= token.i < s.end for s in token.doc.spans.get(COMPANIES, []))


def is_glued(doc: Doc, first: Span, second: Span) -> bool:
    """Two mentions joined only by list glue: "Kia, Hyundai en Apple"."""
    between = doc[first.end : second.start]
    return first.end <= second.start and all(t.lower_ in _LIST_GLUE for t in between)


def after_met(doc: Doc, mention: Span, skippable: frozenset[str]) -> bool:
    """ "met X", also with a short description between: "met de Chinese autobouwer Geely"."""
    i = mention.start - 1
    while i >= 0 and doc[i].lower_ in skippable:
        i -= 1
    described = doc[max(0, i - 3) : i + 1]
    for t in reversed(described):
        if t.lower_ == "met":
            return True
        if t.is_punct or t.is_space or not (t.is_lower or t.lower_ in skippable):
            return False
    return False


def pair_reference_matcher(nlp: Language) -> PhraseMatcher:
    """Phrases naming the last two companies together: "beide bedrijven", "de twee"."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("evnews_pair_reference", [nlp.make_doc(p) for p in knowledge.pair_references()])
    return matcher


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


def company_mentions(doc: Doc, engine: CueEngine) -> list[Span]:
    """Company spans (not media) plus resolved references, in text order."""
    spans = [
        s
        for s in doc.spans.get(COMPANIES, [])
        if s._.canonical and not engine.is_medium(s._.canonical)
    ]
    refs = list(doc.spans.get(REFERENCES, []))
    return sorted([*spans, *refs], key=lambda s: (s.start, s.end))


class ClaimTagger:
    """Writes claim spans, resolved references and per-company statuses."""

    def __init__(self, nlp: Language, name: str = "evnews_claims") -> None:
        self.name = name
        self.engine = CueEngine(nlp)
        self.resolver = ReferenceResolver(nlp)
        self.pair_refs = pair_reference_matcher(nlp)

    def attached(
        self, sent: Span, cues: Sequence[Cue], mentions, passing: set[int], actions: list[int]
    ) -> list[Span]:
        """The mentions a claim sentence is about (none: not a claim sentence); `actions`
        are the positions of plan/action words."""
        engine = self.engine
        question = engine.is_question(sent)
        out = []
        for m in mentions:
            if m.start in passing:
                continue
            lo, hi = engine.clause(cues, sent, m.start, m.end)
            if (
                question
                or engine.in_scope(cues, sent, m.start, m.end)
                or engine.has_action(actions, lo, hi, background(cues, m.start, m.end))
            ):
                out.append(m)
        return out

    @staticmethod
    def refers_back(sent: Span, cues: Sequence[Cue]) -> bool:
        """A confirmation whose object is the previous sentence: "Dat heeft X bevestigd",
        "X bevestigde dat intern"."""
        confirming = [c for c in cues if c.status == "confirmed"]
        if not confirming:
            return False
        if sent[0].lower_ in ("dat", "dit"):
            return True
        doc = sent.doc
        for c in confirming:
            rest = doc[c.end : min(c.end + 3, sent.end)]
            ends = len(rest) >= 2 and (rest[1].is_punct or (len(rest) == 3 and rest[2].is_punct))
            if ends and rest[0].lower_ in ("dat", "dit"):
                return True
        return False

    def elliptic(self, doc: Doc, sent: Span, cues: Sequence[Cue], m: Span) -> Judgement | None:
        """The judgement of the next clause when it shares `m` as its subject: "ACC
        produceert in Frankrijk, maar legde plannen voor Duitsland op ijs" (denied)."""
        engine = self.engine
        _, hi = engine.clause(cues, sent, m.start, m.end)
        if hi >= sent.end or hi + 1 >= sent.end:
            return None
        nxt = doc[hi + 1]
        if not (nxt.is_alpha and nxt.is_lower) or nxt.lower_ in engine.cfg.not_subject_gap:
            return None
        _, end = engine.clause(cues, sent, hi + 1, hi + 2)
        if any(hi < s.start < end for s in doc.spans.get(COMPANIES, [])):
            return None  # the clause names its own company
        j = engine.judge(cues, sent, hi + 1, hi + 2)
        return j if j.explicit else None

    def verdicts(
        self,
        doc: Doc,
        sent: Span,
        cues: Sequence[Cue],
        attached: Sequence[Span],
        persons: Sequence[Span],
        parsed: bool,
    ) -> dict[str, tuple[Judgement, bool]]:
        """Per company of a claim sentence: its judgement and whether it leads its clause;
        the sentence's main company first."""
        if not attached:
            return {}
        engine = self.engine
        # The mentions that lead their clause: subjects with a parse, else the first one
        # that is not the other side of a "met" ("... geen gesprekken met Volkswagen").
        if parsed:
            heads = {id(m) for m in attached if _subject_token(m) is not None}
        else:
            first: dict[tuple[int, int], Span] = {}
            heads = set()
            for i, m in enumerate(attached):
                if after_met(doc, m, engine.skippable):
                    continue
                if first.setdefault(engine.clause(cues, sent, m.start, m.end), m) is m:
                    heads.add(id(m))
                elif id(attached[i - 1]) in heads and is_glued(doc, attached[i - 1], m):
                    heads.add(id(m))  # "Honda en Nissan zijn ...": both lead
        main = (subject_mention(attached) if parsed else None) or attached[0]
        out: dict[str, tuple[Judgement, bool]] = {}
        for m in [main, *attached]:
            j, head = engine.judge(cues, sent, m.start, m.end, persons), id(m) in heads
            if head and not j.explicit:
                j = self.elliptic(doc, sent, cues, m) or j
            old = out.get(m._.canonical)
            # Several mentions of one company: a clause head, then one with a cue, decides.
            if old is None or (head, j.explicit) > (old[1], old[0].explicit):
                out[m._.canonical] = (j, head)
        return out

    def __call__(self, doc: Doc) -> Doc:
        engine = self.engine
        direct = [
            s
            for s in doc.spans.get(COMPANIES, [])
            if s._.canonical and not engine.is_medium(s._.canonical)
        ]
        persons = list(doc.spans.get(PERSONS, []))
        cues = engine.find(doc)
        actions = engine.action_positions(doc)
        doc.user_data[CUES_KEY] = cues
        in_passing = engine.passing(direct, persons, cues)
        doc.spans[REFERENCES] = self.resolver(doc, direct, lambda m: m.start in in_passing)
        mentions = company_mentions(doc, engine)
        passing = engine.passing(mentions, persons, cues)
        # A brand inside a model name is no actor ("eerst de Mini Hatch", "zoals de Cadillac
        # Lyriq") unless the model opens the sentence: "5. Xpeng Mona M03 – komt ...".
        products = doc.spans.get(PRODUCTS, [])
        in_product = {i for p in products for i in range(p.start, p.end)}
        before_product = {(p.start, p._.company) for p in products}
        passing |= {
            m.start
            for m in mentions
            if (m.start in in_product or (m.end, m._.canonical) in before_product)
            and not opens_sentence(m)
        }
        parsed = has_parse(doc)
        first_named: dict[str, int] = {}
        for m in mentions:
            first_named.setdefault(m._.canonical, m.start)
        claims: list[Span] = []
        evidence: dict[str, list[tuple[dict, int]]] = {}
        mention_starts = [m.start for m in mentions]
        cue_starts = [c.start for c in cues]
        pairs = [(s, e) for _, s, e in self.pair_refs(doc)] if len(mentions) >= 2 else []
        for index, sent in enumerate(doc.sents):
            lo, hi = bisect_left(mention_starts, sent.start), bisect_left(mention_starts, sent.end)
            in_sent = [m for m in mentions[lo:hi] if m.end <= sent.end]
            pairs_here = [p for p in pairs if sent.start <= p[0] < sent.end]
            if not in_sent and not pairs_here:
                continue
            lo, hi = bisect_left(cue_starts, sent.start), bisect_left(cue_starts, sent.end)
            sent_cues = cues[lo:hi]
            attached = self.attached(sent, sent_cues, in_sent, passing, actions)
            verdicts = self.verdicts(doc, sent, sent_cues, attached, persons, parsed)
            for start, end in pairs_here:
                # "Een dag later bevestigden beide bedrijven het bericht": the last two named.
                j = engine.judge(sent_cues, sent, start, end, persons)
                if not j.explicit:
                    continue
                before = [
                    m._.canonical
                    for m in reversed(mentions)
                    if m.end <= start and m.start not in passing
                ]
                for name in list(dict.fromkeys(before))[:2]:
                    verdicts.setdefault(name, (j, True))
            if not verdicts:
                continue
            main = next(iter(verdicts))
            if claims and claims[-1]._.status == "denied" and self.refers_back(sent, sent_cues):
                # "Dat heeft BMW bevestigd." after a denial confirms the denial.
                verdicts = {
                    name: (replace(j, status="denied") if j.status == "confirmed" else j, head)
                    for name, (j, head) in verdicts.items()
                }
            for canonical, (j, head) in verdicts.items():
                item = {
                    "sentence": index,
                    "cues": list(j.cues),
                    "status": j.status,
                    "source": j.source,
                }
                # A denial decides only for the company that leads the clause ("Hyundai
                # ontkent gesprekken met Apple" denies nothing for Apple); an explicit
                # confirmation also for the others ("Apple bevestigt de deal met Kia").
                # A plain statement that opens the company's story counts too: the
                # sentence that names it first ("Kia bouwt een fabriek in Mexico.").
                opens = (
                    head
                    and j.status == "confirmed"
                    and canonical not in evidence
                    and first_named.get(canonical, sent.start) >= sent.start
                )
                if j.explicit and (head or j.status == "confirmed"):
                    weight = STRONG if j.by_cue else WEAK
                else:
                    weight = WEAK if opens else NOT_DECISIVE
                evidence.setdefault(canonical, []).append((item, weight))
            span = Span(doc, sent.start, sent.end, label="CLAIM")
            span._.status = verdicts[main][0].status
            span._.cues = [c.text for c in sent_cues if c.status is not None]
            if engine.is_question(sent):
                span._.cues.append("?")
            span._.source = verdicts[main][0].source
            span._.claim_companies = list(verdicts)
            claims.append(span)
        doc.spans[CLAIMS] = claims
        doc._.evnews_company_status = {
            name: {
                "status": combine_status([(e["status"], d) for e, d in items]),
                "evidence": [e for e, _ in items],
            }
            for name, items in evidence.items()
        }
        return doc


@Language.factory("evnews_claims")
def make_claims(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger(nlp, name)
