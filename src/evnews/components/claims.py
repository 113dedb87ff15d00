"""`evnews_claims`: claim status per sentence and per company (ConText-style cue rules).

A claim sentence names a company (directly or via "die laatste", "het bedrijf", ...) and
has a status cue, an attribution, a plan/action word, or is a question. Each company in it
gets the status of the nearest cue in its clause (clauses end at terminators such as
"maar"); the sentence gets the status of its main company (the subject when a dependency
parse is present, else the first attached company).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from evnews.components.cues import (
    NOT_DECISIVE,
    STRONG,
    WEAK,
    Cue,
    CueEngine,
    Judgement,
    background,
    combine_status,
)
from evnews.components.extensions import (
    CLAIMS,
    COMPANIES,
    DATES,
    PERSONS,
    PRODUCTS,
    REFERENCES,
    set_span_attrs,
    span_attr,
)
from evnews.components.mentions import (
    after_met,
    company_mentions,
    has_parse,
    is_glued,
    opens_sentence,
    pair_reference_matcher,
    subject_mention,
    subject_token,
)
from evnews.components.phrases import DocWords
from evnews.components.references import ReferenceResolver

# Statuses a later clause with its own cue may impose on a rumour or guess.
DECISIVE = ("confirmed", "denied")

# Private `doc.user_data` key: the cues found by evnews_claims, reused by evnews_partners.
CUES_KEY = "evnews_claims_cues"


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

    def historic(self, doc: Doc, words: DocWords, cues: Sequence[Cue]) -> set[int]:
        """Start tokens of the sentences about the past: dated `historic_years` or more
        before the article, or with words like "jarenlang" or "afgelopen jaren" (cues.toml
        [claims]), outside a relative clause ("Shell, dat in 2017 NewMotion kocht, wil ..."
        is about now)."""
        relatives = [(c.start, c.end) for c in cues if c.direction == "relative"]

        def background(i: int) -> bool:
            return any(a <= i < b for a, b in relatives)

        past, low = self.engine.cfg.historic_words, words.low
        starts = {
            words.sentence(i)[0]
            for i, word in enumerate(low)
            if (word in past or (i + 1 < len(low) and f"{word} {low[i + 1]}" in past))
            and not background(i)
        }
        ref = doc._.evnews_article_date
        if ref is not None:
            last = ref.year - self.engine.cfg.historic_years
            for d in doc.spans.get(DATES, ()):
                value = span_attr(d, "value") or ""
                dated = span_attr(d, "date_kind") == "date"
                old = dated and value[:4].isdigit() and int(value[:4]) <= last
                if old and not background(d.start):
                    starts.add(words.sentence(d.start)[0])
        return starts

    @staticmethod
    def refers_back(sent: Span, cues: Sequence[Cue]) -> bool:
        """A confirmation whose object is the previous sentence: "Dat heeft X bevestigd",
        "X bevestigde dat intern", "X maakte dat vorige maand bekend"."""
        confirming = [c for c in cues if c.status == "confirmed"]
        if not confirming:
            return False
        if sent[0].lower_ in ("dat", "dit"):
            return True
        doc = sent.doc
        for c in confirming:
            if c.end - c.start > 2 and doc[c.start + 1].lower_ in ("dat", "dit"):
                return True  # the object inside a split verb: "maakte dat ... bekend"
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

    def denies_talks(self, j: Judgement) -> bool:
        """A denial by a cue of [claims] talks_denials ("geen gesprekken", "niet in zee")."""
        talks = self.engine.cfg.talks_denials
        return j.status == "denied" and any(t in c.lower() for c in j.cues for t in talks)

    def verdicts(
        self,
        doc: Doc,
        sent: Span,
        cues: Sequence[Cue],
        attached: Sequence[Span],
        persons: Sequence[Span],
        parsed: bool,
        earlier: Container[str] = (),
    ) -> dict[str, tuple[Judgement, bool]]:
        """Per company of a claim sentence: its judgement and whether it leads its clause;
        the sentence's main company first. A company with `earlier` evidence after "met"
        leads too when the clause denies talks: "Er gaan geruchten dat Pon met Xpeng praat.
        ... met Xpeng gaan we niet in zee" (denied for Xpeng)."""
        if not attached:
            return {}
        engine = self.engine
        # The mentions that lead their clause: subjects with a parse, else the first one
        # that is not the other side of a "met" ("... geen gesprekken met Volkswagen").
        if parsed:
            heads = {id(m) for m in attached if subject_token(m) is not None}
        else:
            first: dict[tuple[int, int], Span] = {}
            heads = set()
            words = DocWords.of(doc)
            for i, m in enumerate(attached):
                if engine.speaks_for(words, m.start):
                    heads.add(id(m))
                    continue
                if after_met(doc, m, engine.skippable):
                    continue
                if first.setdefault(engine.clause(cues, sent, m.start, m.end), m) is m:
                    heads.add(id(m))
                elif id(attached[i - 1]) in heads and is_glued(doc, attached[i - 1], m):
                    heads.add(id(m))  # "Honda en Nissan zijn ...": both lead
        main = (subject_mention(attached) if parsed else None) or attached[0]
        out: dict[str, tuple[Judgement, bool]] = {}
        for m in [main, *(m for m in attached if m is not main)]:
            j, head = engine.judge(cues, sent, m.start, m.end, persons), id(m) in heads
            if (
                not head
                and span_attr(m, "canonical") in earlier
                and self.denies_talks(j)
                and after_met(doc, m, engine.skippable)
            ):
                head = True  # the other side of talks, denied after a claim about them
            if head and (not j.explicit or j.status in ("rumoured", "speculative")):
                # The next clause shares the subject; its confirmation or denial by a cue
                # outweighs a rumour or guess: "sluit een verkoop niet uit, maar zegt dat er
                # geen gesprekken lopen" (denied).
                e = self.elliptic(doc, sent, cues, m)
                if e is not None and (not j.explicit or (e.by_cue and e.status in DECISIVE)):
                    j = e
            name = span_attr(m, "canonical")
            old = out.get(name)
            # Several mentions of one company: a clause head, then one with a cue, then a
            # confirmation or denial decides ("werd opgevoerd als kandidaat, maar dat bedrijf
            # liet weten geen interesse te hebben": denied).
            key = (head, j.explicit, j.status in DECISIVE)
            if old is None or key > (old[1], old[0].explicit, old[0].status in DECISIVE):
                out[name] = (j, head)
        return out

    def __call__(self, doc: Doc) -> Doc:
        engine = self.engine
        direct = [
            s
            for s in doc.spans.get(COMPANIES, [])
            if (name := span_attr(s, "canonical")) and not engine.is_medium(name)
        ]
        persons = list(doc.spans.get(PERSONS, []))
        cues = engine.find(doc)
        actions = engine.action_positions(doc)
        doc.user_data[CUES_KEY] = cues
        in_passing = engine.passing(direct, persons, cues)
        words = DocWords.of(doc)
        doc.spans[REFERENCES] = self.resolver(
            doc,
            direct,
            lambda m: m.start in in_passing,
            lambda m: engine.speaks_for(words, m.start),
        )
        mentions = company_mentions(doc, engine.media_names)
        passing = engine.passing(mentions, persons, cues)
        # A brand inside a model name is no actor ("eerst de Mini Hatch", "zoals de Cadillac
        # Lyriq") unless the model opens the sentence: "5. Xpeng Mona M03 – komt ...".
        products = doc.spans.get(PRODUCTS, [])
        in_product = {i for p in products for i in range(p.start, p.end)}
        before_product = {(p.start, span_attr(p, "company")) for p in products}
        passing |= {
            m.start
            for m in mentions
            if (m.start in in_product or (m.end, span_attr(m, "canonical")) in before_product)
            and not opens_sentence(m)
        }
        parsed = has_parse(doc)
        first_named: dict[str, int] = {}
        for m in mentions:
            first_named.setdefault(span_attr(m, "canonical"), m.start)
        claims: list[Span] = []
        evidence: dict[str, list[tuple[dict, int]]] = {}
        mention_starts = [m.start for m in mentions]
        cue_starts = [c.start for c in cues]
        pairs = [(s, e) for _, s, e in self.pair_refs(doc)] if len(mentions) >= 2 else []
        historic = self.historic(doc, words, cues) if mentions else set()
        for index, (first, stop) in enumerate(words.sentences()):
            lo, hi = bisect_left(mention_starts, first), bisect_left(mention_starts, stop)
            in_sent = [m for m in mentions[lo:hi] if m.end <= stop]
            pairs_here = [p for p in pairs if first <= p[0] < stop]
            if not in_sent and not pairs_here:
                continue
            sent = doc[first:stop]
            lo, hi = bisect_left(cue_starts, sent.start), bisect_left(cue_starts, sent.end)
            sent_cues = cues[lo:hi]
            attached = self.attached(sent, sent_cues, in_sent, passing, actions)
            verdicts = self.verdicts(doc, sent, sent_cues, attached, persons, parsed, evidence)
            if sent.start in historic:
                verdicts = {name: v for name, v in verdicts.items() if v[0].explicit}
            for start, end in pairs_here:
                # "Een dag later bevestigden beide bedrijven het bericht": the last two named.
                j = engine.judge(sent_cues, sent, start, end, persons)
                if not j.explicit:
                    continue
                before = [
                    span_attr(m, "canonical")
                    for m in reversed(mentions)
                    if m.end <= start and m.start not in passing
                ]
                for name in list(dict.fromkeys(before))[:2]:
                    verdicts.setdefault(name, (j, True))
            if not verdicts:
                continue
            main = next(iter(verdicts))
            if (
                claims
                and span_attr(claims[-1], "status") == "denied"
                and self.refers_back(sent, sent_cues)
            ):
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
                # ontkent gesprekken met Apple" denies nothing for Apple) and for the other
                # side of talks denied after a claim about them (see `verdicts`); an explicit
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
            texts = [c.text for c in sent_cues if c.status is not None]
            if engine.is_question(sent):
                texts.append("?")
            main_judgement = verdicts[main][0]
            set_span_attrs(
                span,
                status=main_judgement.status,
                cues=texts,
                source=main_judgement.source,
                claim_companies=list(verdicts),
            )
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
