"""The cue engine of the claims and partners components (ConText-style rules).

`CueEngine` finds status cues, attributions, terminators and relative clauses in a doc
(cues.toml) and judges a target (a company mention or a relation cue) against the cues in
its clause: the nearest cue wins, then the stronger status. `combine_status` turns the
evidence about one company or pair into its status.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_SPACE, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components.extensions import COMPANIES, PRODUCTS, VEHICLES
from evnews.components.mentions import (
    as_example,
    closes_clause,
    in_company,
    is_glued,
    is_modifier,
    media_matcher,
    names_person,
)
from evnews.components.phrases import DocWords, StringMemo
from evnews.components.windowed import rule_matchers

_NAMED = (COMPANIES, PRODUCTS, VEHICLES)
# Cue directions that mark a stretch of text and never remove a status cue.
_SCOPE_ONLY = frozenset({"termination", "relative"})


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


def is_a_car(low: Sequence[str], start: int) -> bool:
    """A brand after "een" names one of its cars, not the company: "kiezen voor een Skoda"."""
    return start > 0 and low[start - 1] == "een"


class CueEngine:
    """Finds cues in a doc and judges targets against them (matchers built once)."""

    def __init__(self, nlp: Language) -> None:
        cfg = knowledge.cues()
        self.cfg = cfg
        self.rank = {status: i for i, status in enumerate(cfg.priority)}
        self.rules = cfg.rules
        self.matcher, self.phrases = rule_matchers(
            nlp, ((f"evnews_cue_{i}", r.patterns, r.phrases) for i, r in enumerate(cfg.rules))
        )
        self.media = media_matcher(nlp)
        self.media_names: dict[str, str] = knowledge.media_forms()
        self.reporting = frozenset(cfg.media_reporting)
        actions = re.compile("|".join(f"(?:{a})" for a in cfg.actions))
        self.action_words = StringMemo(nlp.vocab, lambda w: actions.fullmatch(w) is not None)
        self.skippable = frozenset({"de", "het", "een", *knowledge.references().nationality})

    def is_oblique(self, words: DocWords, start: int, persons: Sequence[Span] = ()) -> bool:
        """A mention starting at token `start` after a preposition ("de auto's van Tesla",
        "tegen de Tesla Model Y").

        Not when the preposition opens the sentence ("Voor Kia is het ...") or follows a
        speaker or a person: "een woordvoerder van Kia", "zegt Ralf Brandstätter, die bij
        Volkswagen ...".
        """
        doc, low, cfg = words.doc, words.low, self.cfg
        i = self._before_skippable(low, start)
        if i >= 1 and low[i - 1] == "onder" and low[i] in ("meer", "andere"):
            i -= 2  # "een joint venture van onder meer BMW en Ford"
        if i < 0 or not (low[i] in cfg.oblique or self._as_example(words, i)):
            return False
        openers = cfg.sentence_openers
        opening = all(w.isspace() or w in openers for w in low[words.sentence(i)[0] : i])
        if opening and low[i] in cfg.topic_prepositions:
            return False  # the sentence opens with it: a topic, not a passing mention
        if i > 0 and low[i - 1] in cfg.speakers:
            return False
        if i >= 3 and low[i - 1] == "die" and doc[i - 2].text == ",":
            # "zegt Ralf Brandstätter, die bij Volkswagen ...": a person's affiliation.
            name = doc[i - 3]
            if name.is_title and name.ent_type_ == "" and not in_company(name):
                return False
        return not any(i - 3 <= p.end <= i for p in persons)

    def speaks_for(self, words: DocWords, start: int) -> bool:
        """A mention that a speaker works for: "zei een woordvoerder van CAF" (whose words
        the sentence carries, wherever the attribution stands)."""
        i = self._before_skippable(words.low, start)
        return i >= 1 and words.low[i] == "van" and words.low[i - 1] in self.cfg.speakers

    def passing(
        self, mentions: Sequence[Span], persons: Sequence[Span] = (), cues: Sequence[Cue] = ()
    ) -> set[int]:
        """Start tokens of the mentions named in passing: after a preposition, inside a
        relative clause among `cues`, or a car ("een Skoda"). A list shares the role of its
        first member: "van Stellantis, Mercedes-Benz en TotalEnergies"."""
        if not mentions:
            return set()
        doc = mentions[0].doc
        words = DocWords.of(doc)
        relatives = [(c.start, c.end) for c in cues if c.direction == "relative"]
        out = {
            m.start
            for m in mentions
            if any(a < m.start < b for a, b in relatives)
            or is_modifier(m)
            or is_a_car(words.low, m.start)
        }
        # Examples in a guess or a rumour share it: "Analisten denken aan spelers als Iveco".
        guessing = {
            words.sentence(c.start)[0]
            for c in cues
            if c.status in ("speculative", "rumoured") and c.direction != "relative"
        }
        previous, oblique = None, False
        for m in sorted(mentions, key=lambda m: m.start):
            if previous is None or not is_glued(doc, previous, m):
                oblique = self.is_oblique(words, m.start, persons)
                if (
                    oblique
                    and words.sentence(m.start)[0] in guessing
                    and self.names_example(words, m.start)
                ):
                    oblique = False
            if oblique:
                out.add(m.start)
            previous = m
        return out

    def _before_skippable(self, low: Sequence[str], start: int) -> int:
        """The last token before `start` that is no article or nationality (-1: none)."""
        i = start - 1
        while i >= 0 and low[i] in self.skippable:
            i -= 1
        return i

    def _as_example(self, words: DocWords, i: int) -> bool:
        return words.low[i] == "als" and as_example(words.doc, i, self.cfg.candidate_nouns)

    def names_example(self, words: DocWords, start: int) -> bool:
        """Whether the mention at `start` follows "zoals" or an example-naming "als"."""
        i = self._before_skippable(words.low, start)
        return i >= 0 and (words.low[i] == "zoals" or self._as_example(words, i))

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

    def _opens_relative(self, doc: Doc, words: DocWords, i: int) -> bool:
        """Whether token i opens a relative clause: ", dat ...", "de markt waar ...",
        "de grote SUV die ..." (rules only; the words are in cues.toml [claims])."""
        word, cfg = words.low[i], self.cfg
        sent_start = words.sentence(i)[0]
        if i <= sent_start:
            return False
        prev = doc[i - 1]
        if prev.text == ",":
            return word in cfg.relative and not (word == "die" and names_person(doc[i - 2]))
        if word in cfg.relative_any:
            return prev.is_alpha
        if word in cfg.relative and prev.is_alpha and self._after_apposition(doc, i):
            return True  # "Stellantis, het concern dat ..."
        if word not in cfg.relative_after_noun or not prev.is_alpha:
            return False
        if prev.ent_type_ or any(
            s.start <= prev.i < s.end for key in _NAMED for s in doc.spans.get(key, [])
        ):
            return True  # "de SUV die", "Tesla die"
        before = words.low[max(sent_start, i - 3) : i - 1]
        return bool(before) and (
            before[-1] in cfg.noun_determiners
            or (
                len(before) >= 2 and before[-1].endswith("e") and before[-2] in cfg.noun_determiners
            )
        )

    def _after_apposition(self, doc: Doc, i: int) -> bool:
        """Whether token i follows an apposition that opens after a comma: ", het concern",
        ", de Duitse fabrikant" (a determiner, at most one adjective, a noun)."""
        start = doc[i].sent.start
        for size in (2, 3):
            j = i - size - 1
            if j < start or doc[j].text != ",":
                continue
            words = doc[j + 1 : i]
            if words[0].lower_ in self.cfg.noun_determiners and all(t.is_alpha for t in words):
                return size == 2 or words[1].lower_.endswith("e")
        return False

    def _relative_cues(self, doc: Doc) -> Iterable[Cue]:
        """Relative clauses as cues of direction "relative", spanning the whole clause."""
        words = DocWords.of(doc)
        candidates = self.cfg.relative | self.cfg.relative_after_noun
        after = 0  # the end of the last relative clause: they do not nest
        companies = doc.spans.get(COMPANIES, [])
        ends, starts = {s.end for s in companies}, {s.start for s in companies}
        for i in [i for i, word in enumerate(words.low) if word in candidates]:
            if i < after or not self._opens_relative(doc, words, i):
                continue
            end, sent_end = i + 1, words.sentence(i)[1]
            # A list of companies goes on: "dat werd opgericht door BMW, Ford en Hyundai".
            while end < sent_end and (
                not closes_clause(doc[end])
                or (words.low[end] == "," and end in ends and end + 1 in starts)
            ):
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
        # No comment: the clause's speaker says nothing ("een woordvoerder wilde niet reageren").
        silent = any(c.layer == "silence" and lo <= c.start and c.end <= hi for c in cues)
        out = []
        for c in cues:
            if c.status is None or c.start < lo or c.end > hi:
                continue
            if silent and c.layer == "attribution":
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
        """Whether the last non-space token of `sent` is a question mark."""
        words = DocWords.of(sent.doc).low[sent.start : sent.end]
        return next((w == "?" for w in reversed(words) if not w.isspace()), False)

    def done(self, cues: Sequence[Cue], sent: Span, cue: Cue) -> bool:
        """Whether the clause of `cue` reports it as done, with a perfect or passive
        auxiliary: "Volgens Bloomberg heeft Apple de gesprekken afgeblazen" (a reported
        denial), not "volgens ingewijden wil Porsche dat belang van de hand doen"."""
        lo, hi = self.clause(cues, sent, cue.start, cue.end)
        low = DocWords.of(sent.doc).low
        return any(w in self.cfg.done_auxiliaries for w in low[lo:hi])

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
            # A medium or unnamed source reporting a guess or a plan to stop makes it a
            # rumour ("volgens ingewijden wil Porsche dat belang van de hand doen"); an
            # analyst voicing a "zou" makes it a guess.
            said_by = attr.status if attr is not None else None
            if said_by == "rumoured" and (
                status == "speculative" or (status == "denied" and not self.done(cues, sent, best))
            ):
                status = "rumoured"
            elif said_by == "speculative" and status == "rumoured":
                status = "speculative"
        elif attr is not None:
            status = attr.status
        else:
            status = self.cfg.default
        source = next((c.source for c in used if c.source), None)
        if source is None and attr is not None and attr.status == "confirmed":
            lo, hi = self.clause(cues, sent, start, end)
            source = next((p.text for p in persons if lo <= p.start and p.end <= hi), None)
        return Judgement(status, texts, source, bool(texts), best is not None)
