"""`evnews_claims`: claim status per sentence and per company (ConText-style cue rules).

A claim sentence names a company (directly or via "die laatste", "het bedrijf", ...) and
has a status cue, an attribution, a plan/action word, or is a question. Each company in it
gets the status of the nearest cue in its clause (clauses end at terminators such as
"maar"); the sentence gets the status of its main company (the subject when a dependency
parse is present, else the first attached company).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import CLAIMS, COMPANIES, PERSONS, REFERENCES

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_TRANSPARENT_DEPS = frozenset({"flat", "flat:name", "appos", "conj", "compound", "fixed"})


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


def distance(cue: Cue, start: int, end: int) -> int:
    """Tokens between a cue and the target span (0 when they touch or overlap)."""
    return max(0, start - cue.end, cue.start - end)


def combine_status(items: Sequence[tuple[str, bool]]) -> str:
    """A company's (or pair's) status from its (status, explicit) evidence in text order.

    The last explicit confirmation or denial wins (a later official confirmation beats
    earlier rumours; a denial after rumours gives denied); else rumoured if any evidence is;
    else confirmed from plain statements; else speculative.
    """
    decisive = [s for s, explicit in items if explicit and s in ("confirmed", "denied")]
    if decisive:
        return decisive[-1]
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
        self.matcher = Matcher(nlp.vocab, validate=True)
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
        self.actions = re.compile("|".join(f"(?:{a})" for a in cfg.actions))

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
        spans = [(c.start, c.end) for c in cues if c.direction != "termination"]
        pseudo = [c for c in cues if c.direction == "pseudo"]
        out = []
        for c in cues:
            if c.direction in ("preceding", "following", "bidirectional"):
                inside = any(
                    (s <= c.start and c.end <= e) and (s, e) != (c.start, c.end) for s, e in spans
                )
                if inside or any(c.start < p.end and p.start < c.end for p in pseudo):
                    continue
            out.append(c)
        return sorted(out, key=lambda c: (c.start, c.end))

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
        out = []
        for c in cues:
            if c.status is None or c.start < lo or c.end > hi:
                continue
            if c.direction == "preceding" and c.start >= start:
                continue
            if c.direction == "following" and c.end <= end:
                continue
            if c.max_scope is not None and distance(c, start, end) > c.max_scope:
                continue
            out.append(c)
        return out

    def has_action(self, doc: Doc, lo: int, hi: int) -> bool:
        return any(self.actions.fullmatch(t.lower_) for t in doc[lo:hi])

    @staticmethod
    def is_question(sent: Span) -> bool:
        last = [t for t in sent if not t.is_space]
        return bool(last) and last[-1].text == "?"

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
            if status == "speculative" and attr is not None and attr.status == "rumoured":
                status = "rumoured"
        elif attr is not None:
            status = attr.status
        else:
            status = self.cfg.default
        source = next((c.source for c in used if c.source), None)
        if source is None and attr is not None and attr.status == "confirmed":
            lo, hi = self.clause(cues, sent, start, end)
            source = next((p.text for p in persons if lo <= p.start and p.end <= hi), None)
        return Judgement(status, texts, source, bool(texts))


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
                for det in ("de", "het", "dit", "deze"):
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

    @staticmethod
    def _same_clause(doc: Doc, mention: Span, ref: Span) -> bool:
        between = doc[mention.end : ref.start]
        return mention.sent == ref.sent and not any(t.text in ",;:" for t in between)

    def __call__(self, doc: Doc, mentions: Sequence[Span]) -> list[Span]:
        """Reference spans with `_.canonical` set, resolved against earlier `mentions`."""
        starts = {m.start for m in mentions}
        found = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        chain: list[Span] = sorted(mentions, key=lambda m: m.start)
        out = []
        for ref in found:
            if ref.end in starts or any(m.start < ref.end and ref.start < m.end for m in mentions):
                continue  # an appositive ("de fabrikant Tesla") or part of a name
            types, country = self.info[ref.text.lower()]
            earlier = [m for m in chain if m.end <= ref.start]
            if ref.text.lower() in self.pronouns:
                # "die laatste" never points into its own clause: "X werkt met die laatste".
                earlier = [m for m in earlier if not self._same_clause(doc, m, ref)]
            target = next(
                (m for m in reversed(earlier) if self.compatible(m._.canonical, types, country)),
                None,
            )
            if target is None:
                continue
            span = Span(doc, ref.start, ref.end, label="REFERENCE")
            span._.canonical = target._.canonical
            out.append(span)
            chain = sorted([*chain, span], key=lambda m: m.start)
        return out


def subject_mention(mentions: Sequence[Span]) -> Span | None:
    """With a dependency parse: the mention that is the subject, preferring the main clause."""
    subjects = []
    for m in mentions:
        tok = m.root
        while tok.dep_ in _TRANSPARENT_DEPS and tok.head is not tok:
            tok = tok.head
        if tok.dep_ in SUBJECT_DEPS:
            subjects.append((tok.head.dep_ != "ROOT", m.start, m))
    return min(subjects, key=lambda x: x[:2])[2] if subjects else None


def company_mentions(doc: Doc, engine: CueEngine) -> list[Span]:
    """Company spans (not media) plus resolved references, in text order."""
    spans = [
        s for s in doc.spans[COMPANIES] if s._.canonical and not engine.is_medium(s._.canonical)
    ]
    refs = list(doc.spans[REFERENCES]) if REFERENCES in doc.spans else []
    return sorted([*spans, *refs], key=lambda s: (s.start, s.end))


class ClaimTagger:
    """Writes claim spans, resolved references and per-company statuses."""

    def __init__(self, nlp: Language, name: str = "evnews_claims") -> None:
        self.name = name
        self.engine = CueEngine(nlp)
        self.resolver = ReferenceResolver(nlp)

    def __call__(self, doc: Doc) -> Doc:
        engine = self.engine
        direct = [
            s
            for s in doc.spans.get(COMPANIES, [])
            if s._.canonical and not engine.is_medium(s._.canonical)
        ]
        doc.spans[REFERENCES] = self.resolver(doc, direct)
        mentions = company_mentions(doc, engine)
        persons = list(doc.spans[PERSONS]) if PERSONS in doc.spans else []
        cues = engine.find(doc)
        parsed = doc.has_annotation("DEP")
        claims: list[Span] = []
        evidence: dict[str, list[tuple[dict, bool]]] = {}
        for index, sent in enumerate(doc.sents):
            in_sent = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
            if not in_sent:
                continue
            sent_cues = [c for c in cues if sent.start <= c.start < sent.end]
            question = engine.is_question(sent)
            attached = []
            for m in in_sent:
                lo, hi = engine.clause(sent_cues, sent, m.start, m.end)
                if (
                    question
                    or engine.in_scope(sent_cues, sent, m.start, m.end)
                    or engine.has_action(doc, lo, hi)
                ):
                    attached.append(m)
            if not attached:
                continue
            main = (subject_mention(attached) if parsed else None) or attached[0]
            verdicts: dict[str, Judgement] = {}
            for m in [main, *attached]:
                j = engine.judge(sent_cues, sent, m.start, m.end, persons)
                # Several mentions of one company: the first with a cue decides.
                if m._.canonical not in verdicts or (
                    j.explicit and not verdicts[m._.canonical].explicit
                ):
                    verdicts[m._.canonical] = j
            for canonical, j in verdicts.items():
                item = {
                    "sentence": index,
                    "cues": list(j.cues),
                    "status": j.status,
                    "source": j.source,
                }
                evidence.setdefault(canonical, []).append((item, j.explicit))
            span = Span(doc, sent.start, sent.end, label="CLAIM")
            span._.status = verdicts[main._.canonical].status
            span._.cues = [c.text for c in sent_cues if c.status is not None] + (
                ["?"] if question else []
            )
            span._.source = verdicts[main._.canonical].source
            span._.claim_companies = list(verdicts)
            claims.append(span)
        doc.spans[CLAIMS] = claims
        doc._.evnews_company_status = {
            name: {
                "status": combine_status([(e["status"], explicit) for e, explicit in items]),
                "evidence": [e for e, _ in items],
            }
            for name, items in evidence.items()
        }
        return doc


@Language.factory("evnews_claims")
def make_claims(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger(nlp, name)
