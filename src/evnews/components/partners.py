"""`evnews_partners`: pairs of companies that cooperate, supply, hold talks or take stakes.

Relation cues come from partners.toml. Around each cue, in its clause, the component takes
a company before and one (or a list) after the cue; or two after it ("tussen X en Y"); or
the last two before it ("X en Y gaan in zee"). Companies named via "die laatste" count.
Each pair's status is judged at the relation cue by the cue rules of the claims component;
a pair reported in several sentences is one partnership (status by `combine_status`).
Compounds ("Geely-dochter Volvo Cars") and another company's model built or ordered
("Daar bouwt Magna Steyr de BMW Z4") name ties too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import combinations, pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components.claims import CUES_KEY
from evnews.components.cues import (
    NOT_DECISIVE,
    STRONG,
    WEAK,
    Cue,
    CueEngine,
    Judgement,
    combine_status,
)
from evnews.components.extensions import LOCATIONS, PERSONS, PRODUCTS, span_attr
from evnews.components.mentions import (
    after_met,
    company_mentions,
    is_company_noun,
    is_glued,
    is_modifier,
    pair_reference_matcher,
    right_after_met,
)
from evnews.components.phrases import DocWords
from evnews.components.windowed import rule_matchers


def _listed(doc: Doc, mentions: Sequence[Span]) -> list[Span]:
    """The first mention and those joined to it by list glue ("Kia, Hyundai en Apple"),
    the last also by "en" and a short description ("..., Ford en de Volkswagen-groep")."""
    out = list(mentions[:1])
    for m in mentions[1:]:
        if is_glued(doc, out[-1], m):
            out.append(m)
        elif coordinated(doc, out[-1], m) and not any(
            t.lower_ in ("met", "van") for t in doc[out[-1].end : m.start]
        ):
            out.append(m)
            break
        else:
            break
    return out


def coordinated(doc: Doc, first: Span, second: Span) -> bool:
    """Joined by list glue, by "en" plus a short description ("Toyota en het Japanse
    oliebedrijf Idemitsu Kosan"), or by a comma and a description that ends in a company
    noun ("Renault, de Zweedse vrachtwagenbouwer Volvo Group en ...")."""
    between = doc[first.end : second.start]
    if is_glued(doc, first, second):
        return True
    if len(between) > 5 or not between:
        return False
    if between[0].lower_ == "en":
        return not any(t.is_punct or t.is_space for t in between)
    return (
        between[0].text == ","
        and len(between) >= 3
        and between[1].lower_ in ("de", "het")
        and all(t.is_alpha for t in between[1:])
        and is_company_noun(between[-1].lower_)
    )


def members(doc: Doc, listed: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Every pair of a list of partners; none for alternatives ("Shell of Ionity")."""
    if any(t.lower_ == "of" for t in doc[listed[0].end : listed[-1].start]):
        return []
    return list(combinations(listed, 2))


def _breaks(token) -> bool:
    """Punctuation that separates phrases; not the hyphen inside "DAF-moeder"."""
    doc = token.doc
    inside_word = token.text == "-" and not token.whitespace_ and not doc[token.i - 1].whitespace_
    return token.is_punct and not inside_word


def bridged(gap: Span) -> bool:
    """A gap like ", onder wie" that still leads to the partners: "praten met dealers,
    onder wie Van Mossel en Broekhuis"."""
    marks = [t.i for t in gap if t.is_punct]
    if not marks:
        return False
    tail = gap.doc[marks[-1] + 1 : gap.end]
    return " ".join(t.lower_ for t in tail) in knowledge.pairing().bridges


def compound_ties(
    named: Sequence[Span], mentions: Sequence[Span]
) -> list[tuple[Span, tuple[Span, Span]]]:
    """Ties named by a compound: "Geely-dochter Volvo Cars", "Toyota-importeur Louwman".
    Each is (the compound as a relation span labelled with its kind, (company, company))."""
    heads = knowledge.compound_ties()
    after = {m.start: m for m in mentions}
    ties = []
    for m in named:
        if not is_modifier(m) or (kind := heads.get(m.doc[m.end + 1].lower_)) is None:
            continue
        if (partner := after.get(m.end + 2)) is not None:
            ties.append((Span(m.doc, m.start, m.end + 2, label=kind), (m, partner)))
    return ties


def built_models(
    products: Sequence[Span], mentions: Sequence[Span], in_passing: set[int]
) -> list[tuple[Span, tuple[str, str]]]:
    """Ties named through another company's model: a builder ("Daar bouwt Magna Steyr de
    BMW Z4", contract manufacturing) or a buyer ("Hertz heeft 100.000 exemplaren van de
    Tesla Model 3 besteld"). Each is (the verb as a supply span, (builder or buyer, the
    model's company)); never within one group ("Volkswagen bouwt de Audi Q4")."""
    pairing = knowledge.pairing()
    starts = [m.start for m in mentions]
    ties = []
    for p in products:
        owner = span_attr(p, "company")
        if owner is None:
            continue
        doc = p.doc
        words = DocWords.of(doc)
        first, stop = words.sentence(p.start)
        verb = _verb_before(doc, words, p.start, first, pairing.builds)
        if verb is None:  # an order, verb last: "... van de Tesla Model 3 besteld"
            verb = next(
                (i for i in range(p.end, min(stop, p.end + 3)) if words.low[i] in pairing.orders),
                None,
            )
            if verb is None:
                continue
        # The builder or buyer: right after a verb before the model ("bouwt Magna Steyr de
        # Z4"), else before them; not the model's own brand ("de Jaguar I-Pace").
        lo, mid, hi = (bisect_left(starts, i) for i in (first, min(verb, p.start), p.start))
        after = [m for m in mentions[mid:hi] if span_attr(m, "canonical") != owner]
        before = [m for m in mentions[lo:mid] if span_attr(m, "canonical") != owner]
        actor = after[0] if after and verb < p.start else (before[-1] if before else None)
        if actor is None or actor.start in in_passing or actor.end > p.start:
            continue
        name = span_attr(actor, "canonical")
        if name != owner and not own_brand(name, owner) and not _same_group(name, owner):
            ties.append((Span(doc, verb, verb + 1, label="supply"), (name, owner)))
    return ties


def _verb_before(
    doc: Doc, words: DocWords, start: int, first: int, verbs: frozenset[str]
) -> int | None:
    """A verb of `verbs` up to ten tokens before `start` in its sentence, with no
    punctuation but commas between."""
    for i in range(start - 1, max(first, start - 10) - 1, -1):
        if words.low[i] in verbs:
            return i
        if doc[i].is_punct and doc[i].text != ",":
            return None
    return None


def related(a: str, b: str) -> bool:
    """One family of companies: one group ("Skoda", "Volkswagen") or one name ("Magna",
    "Magna Steyr"; "VDL Groep", "VDL Nedcar")."""
    return _same_group(a, b) or a.split()[0] == b.split()[0]


def _same_group(a: str, b: str) -> bool:
    """Whether `a` and `b` are one company or its group: "Volkswagen" and "Audi"."""
    return bool(({a, *_groups(a)}) & ({b, *_groups(b)}))


def names_founders(rel: Span) -> bool:
    """A venture cue that names its founders: "opgericht door", "de dochter van"."""
    return rel.label_ == "joint_venture" and rel[-1].lower_ in ("van", "door")


def pairs_around(
    doc: Doc,
    rel: Span,
    left: Sequence[Span],
    right: Sequence[Span],
    passing: Sequence[Span] = (),
    skippable: frozenset[str] = frozenset(),
) -> list[tuple[Span, Span]]:
    """Company pairs for one relation cue `rel`, from the mentions before and after it.

    - an actor before and partners after: "Kia werkt samen met Apple (en Hyundai)"; the
      actor is the last mention not in `passing` ("X, moederbedrijf van Y, praat met Z");
      no punctuation between the cue and the first partner
    - a list right after the cue, or after "van"/"tussen" following it: "de gesprekken
      tussen Apple en Kia", "het samenwerkingsverband van A, B en C" (every pair)
    - "met Y" anywhere before the cue: "Apple zou met Hyundai in zee gaan", "Met Geely richt
      Renault een joint venture op"; or in inverted order "Volgens bronnen praat Apple met Kia"
    - a cue ending in "met" that opens the sentence: "Samen met GM bouwt Samsung SDI ..."
    - a list right before the cue: "Tesla en Xiaomi richten een joint venture op"
    - a partner inside a gapped cue: "Valmet, dat de auto voor Lightyear bouwt"
    """
    actors = [m for m in left if all(m is not p for p in passing)] or list(left)
    listed = _listed(doc, right)
    after = doc[rel.end].lower_ if rel.end < len(doc) else ""
    group_kind = rel.label_ in knowledge.pairing().group_kinds
    if names_founders(rel):
        # Founders name a venture's owners, never one company's: "Ionity, opgericht door
        # BMW, Ford en Hyundai" (but "Northvolt, opgericht door twee oud-managers van Tesla").
        if len(listed) >= 2:
            return members(doc, listed)
        # One owner of a company or daughter in apposition: "Zoox, het robotaxibedrijf van
        # Amazon" (but "ACC, de batterijmaker van Stellantis" names no venture's founders).
        owned = rel[0].text == "," and not rel[-2].lower_.endswith("maker")
        # The owner right after "van", or after a short description: "van de Franse bank
        # BNP Paribas".
        near = listed and listed[0].start - rel.end <= 4
        near = near and not any(_breaks(t) for t in doc[rel.end : listed[0].start])
        if owned and near and left and left[-1].end == rel.start:
            return [(left[-1], listed[0])]
        return []
    if len(listed) >= 2 and group_kind and after in ("van", "tussen"):
        # The relation names its members: "ACC, het samenwerkingsverband van A, B en C"
        # (but "de importeur van Toyota en Lexus" names what one company imports).
        return members(doc, listed)
    before_cue = [m for m in left if m.end <= rel.start]
    met = before_cue[-1:] if before_cue and after_met(doc, before_cue[-1], skippable) else []
    actor = next((m for m in reversed(actors) if met and m.end <= met[-1].start), None)
    if actor is not None and right:
        # The verb last, after its partner: "Honda, dat met Sony samenwerkte aan de Afeela".
        return [(actor, met[-1])]
    gap = doc[rel.end : right[0].start] if right else doc[0:0]
    if left and right and (not any(_breaks(t) for t in gap) or bridged(gap)):
        # Coordinated actors each pair with each partner: "Hyundai en Kia praten met Apple".
        subjects = [actors[-1]]
        for m in reversed(actors[:-1]):
            if not coordinated(doc, m, subjects[0]):
                break
            subjects.insert(0, m)
        return [(a, r) for a in subjects for r in listed]
    # Partners after "met" are not partners of each other: "samen met LG en met SK On";
    # nor are examples ("levert aan merken als Aito en Avatr").
    with_met = "met" in (rel[-1].lower_, after)
    examples = any(t.lower_ in ("als", "zoals") or t.is_punct for t in gap)
    if len(listed) >= 2 and listed[0].start - rel.end <= 3 and group_kind and not examples:
        return members(doc, listed)
    fronted = with_met and not left and len(right) >= 2 and rel.start - rel.sent.start <= 2
    if (
        fronted
        and right[0].start - rel.end <= 3
        and not coordinated(doc, right[0], right[1])
        and not after_met(doc, right[1], skippable)
        and not any(_breaks(t) for t in doc[right[0].end : right[1].start])
    ):
        # The partner fronted, the subject after the verb: "Samen met GM bouwt Samsung SDI".
        return [(right[0], right[1])]
    inverted = len(right) >= 2 and right[0].start - rel.end <= 1 and not with_met
    if inverted and after_met(doc, right[1], skippable):
        return [(right[0], right[1])]  # inverted: "Volgens bronnen praat Apple met Kia"
    if inverted and bridged(doc[right[0].end : right[1].start]):
        # "Volgens ingewijden praat Changan met dealers, onder wie Van Mossel en Broekhuis"
        return [(right[0], m) for m in _listed(doc, right[1:])]
    if (
        inverted
        and not left
        and not group_kind
        and not any(_breaks(t) for t in doc[right[0].end : right[1].start])
    ):
        # The subject after a fronted phrase: "Daar importeert D'Ieteren de merken van VW".
        return [(right[0], m) for m in _listed(doc, right[1:])]
    if len(left) < 2:
        return []
    partner = next((m for m in reversed(left) if after_met(doc, m, skippable)), None)
    if partner is not None:
        # The partner with a list it opens right after "met": "Toyota wil met BMW en Mazda
        # ... ontwikkelen" (not "met de verkoop verlengden Volkswagen en SAIC ...").
        partners = (
            _listed(doc, [m for m in left if m.start >= partner.start])
            if right_after_met(doc, partner, skippable)
            else [partner]
        )
        actor = next((m for m in reversed(actors) if all(m is not p for p in partners)), None)
        return [(actor, p) for p in partners] if actor is not None else []
    group = [left[-1]]
    for m in reversed(left[:-1]):
        if not coordinated(doc, m, group[0]):
            break
        group.insert(0, m)
    # "Tesla en Xiaomi richten een joint venture op"; a shared tie may stand further on:
    # "Nissan en Honda verkennen volgens Nikkei een samenwerking".
    # Not when an unnamed partner comes between: "Kia en Hyundai praten met een partner"
    # (but "zijn rond met een joint venture" is the tie itself).
    between = doc[group[-1].end : rel.start]
    unnamed = any(t.lower_ == "met" and t.i < rel.start - 2 for t in between)
    reach = 12 if group_kind and not unnamed else 3
    if len(group) >= 2 and group_kind and len(between) <= reach and all(m in actors for m in group):
        return members(doc, group)
    # The partner inside a gapped cue: "Valmet, dat de auto voor Lightyear bouwt".
    inside = [m for m in left if m.start >= rel.start]
    before = [m for m in actors if m.end <= rel.start] or [m for m in left if m.end <= rel.start]
    if inside and before:
        return [(before[-1], inside[0])]
    # Verb last, the objects before it: "Meridiam wil Allego volledig in handen krijgen",
    # "terwijl Alcopa onder meer Hyundai en Suzuki op de markt brengt".
    ends = rel.end >= len(doc) or doc[rel.end].is_punct or doc[rel.end].is_space
    if not right and ends and all(actors[0] is not m for m in group):
        return [(actors[0], m) for m in group]
    return []


def _groups(name: str) -> list[str]:
    """The parent chain of a company in companies.toml, nearest first."""
    known, chain = knowledge.companies(), []
    while (entry := known.get(name)) is not None and entry.parent and entry.parent not in chain:
        name = entry.parent
        chain.append(name)
    return chain


def own_brand(a: str, b: str) -> bool:
    """Whether `a` or `b` is a brand of the other's group ("SAIC, eigenaar van MG") or both
    are brands of one group: no ownership tie between partners."""
    known = knowledge.companies()
    brand_a = a in known and known[a].type == "brand"
    brand_b = b in known and known[b].type == "brand"
    if (brand_a and b in _groups(a)) or (brand_b and a in _groups(b)):
        return True
    return brand_a and brand_b and bool(_groups(a)) and _groups(a)[-1:] == _groups(b)[-1:]


def apposition_owners(relations: Sequence[Span], mentions: Sequence[Span]) -> set[int]:
    """Start tokens of the owners named in an apposition ("PowerCo, de batterijdochter van
    Volkswagen"): they describe the company before them, and are no partner of another
    relation in the sentence ("de samenwerking met PowerCo, de batterijdochter van ...")."""
    owners: set[int] = set()
    for rel in relations:
        if rel[0].text == "," and names_founders(rel):
            after = [m for m in mentions if rel.end <= m.start <= rel.end + 4]
            owners.update(m.start for m in _listed(rel.doc, after))
    return owners


def lacks_partner(rel: Span, clause: Sequence[Span]) -> bool:
    """A cue opened by "met" that names no company after it: "om er auto's met de
    Variomatic te bouwen" (but "met chips van Nvidia" names the partner after the cue)."""
    if rel[0].lower_ != "met" or rel[-1].lower_ == "van":
        return False
    return not any(rel.start < m.start <= rel.start + 3 for m in clause)


def refers_back(rel: Span) -> bool:
    """A relation named with a definite article, pointing back: "de gesprekken", "die deal"."""
    doc = rel.doc
    return rel.start > 0 and doc[rel.start - 1].lower_ in knowledge.pairing().definite


def slot_filled(rel: Span, clause: Sequence[Span], places: Sequence[Span]) -> bool:
    """Whether a place or another noun phrase follows the relation where a partner would:
    "LG investeert in Polen", "investeerde in de ombouw van de fabriek", "investeringen in
    elektrische auto's"."""
    doc = rel.doc
    if any(0 <= p.start - rel.end <= 3 for p in places):
        return True
    if rel.label_ == "acquisition":
        return False  # buying a part of the story's company: "VDL koopt de busactiviteiten"
    after = doc[rel.end] if rel.end < len(doc) else None
    if after is None:
        return False
    if after.lower_ in knowledge.pairing().phrase_openers:
        return not any(0 <= m.start - rel.end <= 4 for m in clause)
    # A bare noun phrase where the partner would be, and no company after it in the clause:
    # "investeringen in elektrische auto's" (but "met meerdere merken, onder wie Chery").
    return after.is_alpha and after.is_lower and not any(m.start >= rel.end for m in clause)


def in_relative(span: Span, cues: Sequence[Cue]) -> Cue | None:
    """The relative clause among `cues` that holds `span`, if any."""
    return next(
        (
            c
            for c in cues
            if c.direction == "relative" and c.start <= span.start and span.end <= c.end
        ),
        None,
    )


class _Evidence:
    """The evidence for each company pair of one doc: one item per sentence."""

    def __init__(self, doc: Doc, engine: CueEngine, cues: Sequence[Cue], persons) -> None:
        self.engine, self.cues, self.persons = engine, cues, persons
        self.sent_index = {start: i for i, start in enumerate(DocWords.of(doc).starts)}
        self.pairs: dict[tuple[str, ...], dict[int, tuple[dict, int]]] = {}
        self.kinds: dict[tuple[str, ...], list[str]] = {}

    def has(self, names: Sequence[str]) -> bool:
        return tuple(sorted(names)) in self.pairs

    def latest_pair(self, names: set[str]) -> tuple[str, ...] | None:
        """The pair with `names` in it that was last named, if any."""
        known = [key for key in self.pairs if names <= set(key)]
        return max(known, key=self.last_sentence) if known else None

    def last_sentence(self, pair: tuple[str, ...]) -> int:
        """The index of the last sentence with evidence for `pair`."""
        return max(self.pairs[pair])

    def add(self, names: Sequence[str], sent: Span, start: int, end: int, rel: Span | None):
        """Judge the relation cue `rel` (or a pair reference) at tokens [start, end) of
        `sent` as evidence for `names`."""
        key = tuple(sorted(names))
        if key[0] == key[1]:
            return
        kinds = self.kinds.setdefault(key, [])
        if rel is not None and rel.label_ not in kinds:
            kinds.append(rel.label_)
        cue = rel.text if rel is not None else None
        j = self.engine.judge(self.cues, sent, start, end, self.persons)
        if rel is not None and (rel.label_ in knowledge.pairing().facts or names_founders(rel)):
            # A standing tie: "ACC, de batterijmaker van A, B en C, legt de bouw stil"
            # denies nothing about who founded ACC.
            j = Judgement("confirmed", (), None, explicit=False, by_cue=False)
        index = self.sent_index[sent.start]
        item = {
            "sentence": index,
            "cues": [*([cue] if cue else []), *(c for c in j.cues if c != cue)],
            "status": j.status,
            "source": j.source,
        }
        weight = (STRONG if j.by_cue else WEAK) if j.explicit else NOT_DECISIVE
        by_sent = self.pairs.setdefault(key, {})
        # A later clause that weighs as much wins ("bouwde samen met Nikola, maar stapte
        # uit de joint venture").
        if index not in by_sent or weight >= by_sent[index][1]:
            by_sent[index] = (item, weight)

    def partnerships(self) -> list[dict]:
        return [
            {
                "companies": list(pair),
                "kinds": self.kinds[pair],
                "status": combine_status([(e["status"], w) for e, w in by_sent.values()]),
                "evidence": [e for _, (e, _w) in sorted(by_sent.items())],
            }
            for pair, by_sent in self.pairs.items()
        ]


class PartnerFinder:
    """Finds partnerships and their status; matchers built once."""

    def __init__(self, nlp: Language, name: str = "evnews_partners") -> None:
        self.name = name
        self.engine = CueEngine(nlp)
        self.matcher, self.phrases = rule_matchers(
            nlp,
            ((f"evnews_relation_{r.kind}", r.patterns, r.phrases) for r in knowledge.relations()),
        )
        self.pair_refs = pair_reference_matcher(nlp)

    def relation_cues(self, doc: Doc) -> list[Span]:
        """Relation cue spans labelled with their kind, shortest per start, without cues
        nested in longer ones."""
        best: dict[int, tuple[int, int]] = {}
        for key, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            if start not in best or end < best[start][0]:
                best[start] = (end, key)
        spans = sorted((s, e, key) for s, (e, key) in best.items())
        strings = doc.vocab.strings
        return [
            Span(doc, s, e, label=strings[key].removeprefix("evnews_relation_"))
            for s, e, key in spans
            if not any(a <= s and e <= b and (a, b) != (s, e) for a, b, _ in spans)
        ]

    @staticmethod
    def topic(
        sent: Span, mentions: Sequence[Span], in_passing: set[int], other: set[str]
    ) -> Span | None:
        """The company the story is about just before `sent`: the first one (not in passing,
        not in `other`) of the last sentence before it that names one."""
        before = [
            m
            for m in mentions
            if m.start < sent.start
            and m.start not in in_passing
            and span_attr(m, "canonical") not in other
        ]
        if not before:
            return None
        last = before[-1].sent.start
        return next(m for m in before if m.sent.start == last)

    def candidates(
        self, rel: Span, clause: Sequence[Span], mentions: Sequence[Span], in_passing: set[int]
    ) -> list[tuple[Span, Span]]:
        """Candidates for a deal, "een partij als Hedin of Emil Frey": each with the company
        before the cue in its clause, or else with the story's company."""
        doc = rel.doc
        after = [m for m in clause if m.start >= rel.end]
        if not after or after[0].start - rel.end > 3:
            return []
        listed = _listed(doc, after)
        before = [m for m in clause if m.end <= rel.start and m.start not in in_passing]
        names = {span_attr(m, "canonical") for m in listed}
        # The company before the cue, or the story's company, named in passing or not:
        # "... met delen van Northvolt aan de haal gaat. Daarbij vallen namen als CATL".
        side = before[-1] if before else self.topic(rel.sent, mentions, set(), names)
        if side is None:
            return []
        return [
            (side, m)
            for m in listed
            if not related(span_attr(side, "canonical"), span_attr(m, "canonical"))
        ]

    def pairs(
        self, rel: Span, clause: Sequence[Span], cues: Sequence[Cue], in_passing: set[int]
    ) -> list[tuple[Span, Span]]:
        """The company pairs of relation cue `rel`, from the company mentions of its clause
        (`in_passing`: start tokens of the mentions named in passing).

        A relation inside a relative clause pairs the companies in that clause, with the
        company it describes as the actor: "Magna Steyr, dat auto's bouwt voor BMW";
        "Leapmotor, waarin Stellantis een belang heeft".
        """
        doc = rel.doc
        relative = in_relative(rel, cues)
        antecedents: list[Span] = []
        if relative is not None:
            inside = [m for m in clause if relative.start <= m.start and m.end <= relative.end]
            last = next(
                (m for m in reversed(clause) if relative.start - 6 <= m.end <= relative.start),
                None,
            )
            # The clause describes a company, or a list: "Daimler Truck en Volvo, die ...".
            for m in reversed([m for m in clause if last is not None and m.end <= last.end]):
                if antecedents and not is_glued(doc, m, antecedents[0]):
                    break
                antecedents.insert(0, m)
            clause = [*antecedents, *inside]
        # A mention inside a gapped cue ("werkt Xiaomi samen") counts as before it.
        left = [m for m in clause if m.end <= rel.end]
        right = [m for m in clause if m.start >= rel.end]
        # Inside its own relative clause a company is an actor, not a passing mention:
        # "ACC, het bedrijf dat Stellantis samen met Mercedes-Benz heeft opgericht".
        passing = [
            m
            for m in left
            if m.start in in_passing
            and m not in antecedents
            and (relative is None or m.start < relative.start)
        ]
        inside = clause[len(antecedents) :]
        if relative is not None and rel.start == relative.start and antecedents:
            # The cue opens with the pronoun that stands for the company described, and
            # pairs it with each company in the clause: "Avatr, waarin Changan de grootste
            # aandeelhouder is en ook CATL een belang heeft".
            return [(a, m) for a in antecedents for m in inside]
        pairs = pairs_around(doc, rel, left, right, passing, self.engine.skippable)
        listed = inside and all(coordinated(doc, a, b) for a, b in pairwise(inside))
        if not pairs and len(antecedents) == 1 and listed:
            # "Louwman, dat onder meer Toyota en BYD importeert": the antecedent with each.
            pairs = [(antecedents[0], m) for m in inside]
        return pairs

    def __call__(self, doc: Doc) -> Doc:
        engine = self.engine
        products = list(doc.spans.get(PRODUCTS, []))
        # A company inside a product name ("de Mini Hatch") is no partner.
        in_product = {i for p in products for i in range(p.start, p.end)}
        named = [m for m in company_mentions(doc, engine.media_names) if m.start not in in_product]
        mentions = [m for m in named if not is_modifier(m)]
        compounds = compound_ties(named, mentions)
        relations = self.relation_cues(doc) if len(mentions) >= 2 else []
        # evnews_claims found the same cues already (same rules, same tokens): reuse them.
        shared = doc.user_data.pop(CUES_KEY, None)
        cues = (
            (engine.find(doc) if shared is None else shared)
            if relations or compounds or products
            else []
        )
        persons = list(doc.spans.get(PERSONS, []))
        places = list(doc.spans.get(LOCATIONS, []))
        in_passing = engine.passing(mentions, persons, cues)
        found = _Evidence(doc, engine, cues, persons)
        pair_refs = [(s, e) for _, s, e in self.pair_refs(doc)] if relations else []
        by_name = {span_attr(m, "canonical"): m for m in mentions}

        def last_two(before: int) -> list[str]:
            """The last two companies named before token `before`, latest first."""
            names = dict.fromkeys(
                span_attr(m, "canonical") for m in reversed(mentions) if m.end <= before
            )
            return list(names)[:2]

        venture_words = tuple(knowledge.pairing().venture_words)
        described = apposition_owners(relations, mentions)
        with_relation = set()
        for rel in relations:
            sent = rel.sent
            lo, hi = engine.clause(cues, sent, rel.start, rel.end)
            with_relation.add((lo, hi))
            clause = [m for m in mentions if lo <= m.start and m.end <= hi]
            owners = described.intersection(m.start for m in clause)
            if owners and not names_founders(rel) and len(owners) < len(clause):
                # Owners in an apposition describe the company before them: "de samenwerking
                # met PowerCo, de batterijdochter van Volkswagen" is with PowerCo alone.
                clause = [m for m in clause if m.start not in owners]
            if rel[-1].lower_.endswith(venture_words):
                # The venture's own name is no partner: "de joint venture BlueOval SK met
                # SK On" (its owners are).
                clause = [m for m in clause if m.start != rel.end]
            if lacks_partner(rel, clause):
                continue
            if rel[-1].lower_ == "als":
                pairs = self.candidates(rel, clause, mentions, in_passing)
            else:
                pairs = self.pairs(rel, clause, cues, in_passing)
            if not pairs and any(lo <= s and e <= rel.start for s, e in pair_refs):
                # "De twee richten een joint venture op": the last two companies named.
                names = last_two(lo)
                pairs = [(by_name[names[1]], by_name[names[0]])] if len(names) == 2 else []
            names = {span_attr(m, "canonical") for m in clause}
            if not pairs and len(names) == 1:
                # "Foxconn heeft de gesprekken niet bevestigd": about its latest pair, when
                # the relation points back ("de gesprekken", "die deal").
                latest = found.latest_pair(names) if refers_back(rel) else None
                if latest:
                    found.add(latest, sent, rel.start, rel.end, rel)
                elif (
                    not in_relative(rel, cues)
                    and not slot_filled(rel, clause, places)
                    and (topic := self.topic(sent, mentions, in_passing, names))
                    and not related(
                        span_attr(topic, "canonical"), span_attr(clause[0], "canonical")
                    )
                ):
                    # "De bekendste samenwerking is die met Seres": with the story's company,
                    # unless the two are one family ("Magna" and "Magna Steyr").
                    pairs = [(topic, clause[0])]
            elif not pairs and not names and refers_back(rel):
                # "..., maar die gesprekken liepen op niets uit": the pair just named.
                latest = found.latest_pair(set())
                if latest and found.last_sentence(latest) >= found.sent_index[sent.start] - 1:
                    found.add(latest, sent, rel.start, rel.end, rel)
            if names_founders(rel) and len(pairs) == 1 and rel[0].text == ",":
                rel = Span(doc, rel.start, rel.end, label="ownership")  # one owner named
            for a, b in pairs:
                pair = (span_attr(a, "canonical"), span_attr(b, "canonical"))
                if rel.label_ == "ownership" and own_brand(*pair):
                    continue
                found.add(pair, sent, rel.start, rel.end, rel)
        for rel, (a, b) in compounds:
            pair = (span_attr(a, "canonical"), span_attr(b, "canonical"))
            if not (rel.label_ == "ownership" and own_brand(*pair)):
                found.add(pair, rel.sent, rel.start, rel.end, rel)
        for rel, pair in built_models(products, mentions, in_passing):
            found.add(pair, rel.sent, rel.start, rel.end, rel)
        for start, end in pair_refs:
            # "Een dag later bevestigden beide bedrijven het bericht": news about a known pair.
            sent = doc[start].sent
            names = last_two(start)
            if engine.clause(cues, sent, start, end) in with_relation or len(names) < 2:
                continue
            if found.has(names) and engine.judge(cues, sent, start, end).explicit:
                found.add(names, sent, start, end, None)
        doc._.evnews_partnerships = found.partnerships()
        statuses = doc._.evnews_company_status
        for p in doc._.evnews_partnerships if statuses is not None else ():
            # A party to rumoured talks, a called-off deal or a tie confirmed by a cue
            # ("Verkor bouwt een fabriek voor Renault en bevestigde ..."), with no claim of
            # its own, is part of that news; a party to a tie merely named is background.
            news = p["status"] != "confirmed" or any(
                len(e["cues"]) > 1 and e["status"] == "confirmed" for e in p["evidence"]
            )
            for name in p["companies"] if news else ():
                statuses.setdefault(name, {"status": p["status"], "evidence": p["evidence"]})
        return doc


@Language.factory("evnews_partners")
def make_partners(nlp: Language, name: str) -> PartnerFinder:
    return PartnerFinder(nlp, name)
