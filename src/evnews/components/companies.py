"""`evnews_companies`: company and brand mentions, linked to companies.toml or not.

Order of work per doc:
1. split tokens that glue a known company or product name to a compound or possessive
   (`Tesla-fabriek`, `Apple's`, `Li Auto's`, `EX30-prijs`) so that spans cover only the
   name (this is the only evnews component that changes tokens);
2. match every name and alias on lower case, then apply the case rules of the form
   (acronyms exact, ambiguous words exact and licensed at the start of a sentence,
   context-only forms only next to company context); the longest match wins;
3. find unknown names in company contexts (`startup Foo`, `Foo Motors`) as unlinked;
4. merge ORG entities of a statistical model when they overlap nothing of ours.
Media (media.toml) are sources, not companies, unless an action verb follows them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy
from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from evnews import knowledge
from evnews.components.extensions import COMPANIES, set_span_attrs
from evnews.components.mentions import is_company_noun, media_matcher
from evnews.components.phrases import DocWords, StringMemo, token_strings

ORG_LABELS = frozenset({"ORG", "ORGANIZATION"})
# prepositions before "het Duitse Arnstadt" that make the name a place
LOCATIVES = frozenset({"in", "uit", "naar", "bij", "nabij", "rond", "vanuit", "te", "buiten"})
_POSSESSIVES = ("'s", "'")
_MAX_UNKNOWN_TOKENS = 4
_DETERMINERS = ("een", "het", "de")


def _is_acronym(form: str) -> bool:
    return len(form) > 1 and form.upper() == form and any(c.isalpha() for c in form)


def sentence_initial(token: Token) -> bool:
    """True when only punctuation precedes `token` in its sentence."""
    i = token.i - 1
    while i >= 0 and not token.doc[i + 1].is_sent_start and token.doc[i].is_punct:
        i -= 1
    return i < 0 or token.doc[i + 1].is_sent_start


def _capitals_match(surface: str, form: str) -> bool:
    """Every capitalised word of `form` is capitalised in `surface` (`Li Auto`, not `Li auto`)."""
    return all(
        s[:1].isupper() or not f[:1].isupper()
        for s, f in zip(surface.split(), form.split(), strict=False)
    )


def _may_be_glued(text: str) -> bool:
    """Could `text` glue a name to something (`Tesla-fabriek`, `Apple's`, `EV.`)?"""
    return len(text) > 1 and any(c in text for c in "-'.")


def _particle(doc: Doc, i: int, limit: int) -> bool:
    """A surname particle inside a name: "der", "den" (or "van" before one of them), with
    a capitalised word after it."""
    low = doc[i].lower_
    if low == "van":
        return i + 1 < limit and doc[i + 1].lower_ in ("der", "den")
    return low in ("der", "den") and i + 1 < limit and doc[i + 1].text[:1].isupper()


def _looks_like_name(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isalpha() for c in text))


class GluedSplitter:
    """Splits tokens that glue a known name to a compound or possessive.

    `Tesla-fabriek` becomes `Tesla - fabriek`, `Apple's` becomes `Apple 's`, `Li Auto's`
    becomes `Li Auto 's`; tokens that are themselves a name (`Mercedes-Benz`) stay whole.
    A final period that the Dutch tokenizer keeps on abbreviation-like words (`EV.`, `VS.`,
    `Vision-S.`) is split off from names and from `period_forms` (single lower-case words),
    and the next token then starts a sentence (rules mode only: a parse is never changed).
    """

    def __init__(
        self, nlp: Language, forms: Iterable[str], period_forms: Iterable[str] = ()
    ) -> None:
        # last token (lower) of each form -> its earlier tokens (lower)
        self.tails: dict[str, set[tuple[str, ...]]] = {}
        for form in forms:
            words = [t.lower_ for t in nlp.make_doc(form)]
            self.tails.setdefault(words[-1], set()).add(tuple(words[:-1]))
        self.period_forms = frozenset(period_forms)
        self.splittable = StringMemo(nlp.vocab, self._may_split)

    def _may_split(self, text: str) -> bool:
        """Whether `_split_point` may split `text`: a part it tries is the last word of a
        name, or a `period_forms` word before a final period (whatever the words before)."""
        if not _may_be_glued(text):
            return False
        parts = [text[:h] for h, c in enumerate(text) if c == "-" and 0 < h < len(text) - 1]
        parts += [text[: -len(p)] for p in _POSSESSIVES if text.endswith(p) and len(text) > len(p)]
        if text.endswith(".") and not text.endswith(".."):
            parts.append(text[:-1])
            if text[:-1].lower() in self.period_forms:
                return True
        return any(part.lower() in self.tails for part in parts)

    def _known_prefix(self, low: list[str], i: int, prefix: str) -> bool:
        """Is `prefix`, after the tokens before token i (lower case), a known name?"""
        before = self.tails.get(prefix.lower())
        if not before:
            return False
        for words in before:
            start = i - len(words)
            if start >= 0 and tuple(low[start:i]) == words:
                return True
        return False

    def _split_point(self, text: str, low: list[str], i: int) -> list[str] | None:
        """How to split token i (`text`), or None."""
        if self._known_prefix(low, i, text):
            return None  # the whole token is a name (`Mercedes-Benz`)
        if text.endswith(".") and not text.endswith(".."):
            stem = text[:-1]
            if stem.lower() in self.period_forms or self._known_prefix(low, i, stem):
                return [stem, "."]
        for poss in _POSSESSIVES:
            if text.endswith(poss) and len(text) > len(poss):
                stem = text[: -len(poss)]
                if self._known_prefix(low, i, stem):
                    return [stem, poss]
        hyphens = [h for h, c in enumerate(text) if c == "-" and 0 < h < len(text) - 1]
        for h in reversed(hyphens):
            if self._known_prefix(low, i, text[:h]):
                return [text[:h], "-", text[h + 1 :]]
        return None

    def __call__(self, doc: Doc) -> Doc:
        splits = []
        glued = self.splittable.where(doc.to_array(ORTH).tolist())
        low = token_strings(doc) if glued else []
        for i in glued:
            token = doc[i]
            parts = self._split_point(token.text, low, i)
            if parts:
                splits.append((token, parts))
        if splits:
            parsed = doc.has_annotation("DEP")
            idx, sent_start = doc.to_array([IDX, SENT_START]).T.tolist()
            starts = {i: s == 1 for i, s in zip(idx, sent_start, strict=True)}
            with doc.retokenize() as retok:
                for token, parts in splits:
                    head = token.head if token.head.i != token.i else (token, 0)
                    heads = [head] + [(token, 0)] * (len(parts) - 1)
                    deps = [token.dep_ or "dep"] + ["dep"] * (len(parts) - 1)
                    attrs = {"LEMMA": [p.lower() for p in parts]}
                    if parsed:
                        attrs["DEP"] = deps
                    retok.split(token, parts, heads=heads, attrs=attrs)
            if not parsed:
                self._restore_sentences(doc, starts)
        return doc

    @staticmethod
    def _restore_sentences(doc: Doc, starts: dict[int, bool]) -> None:
        """Keep the sentencizer's boundaries (a split resets them); after a split-off final
        period, a capitalised word or a line break starts a sentence."""
        idx, orth, space = doc.to_array([IDX, ORTH, IS_SPACE]).T.tolist()
        period = doc.vocab.strings["."]
        flags = [1 if i == 0 or starts.get(x, False) else -1 for i, x in enumerate(idx)]
        after_period = [i + 1 for i, o in enumerate(orth[:-1]) if o == period]
        for i in after_period:
            after_split_period = idx[i - 1] not in starts
            if after_split_period and (space[i] or doc[i].text[:1].isupper()):
                flags[i] = 1
        doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64"))


class CompanyMatcher:
    """Matches knowledge-file companies and unknown names in company contexts."""

    def __init__(self, nlp: Language, name: str = "evnews_companies") -> None:
        self.name = name
        self.context = knowledge.company_context()
        self.places = knowledge.place_forms()
        self.adjectives = knowledge.place_adjectives()
        self.heads = StringMemo(nlp.vocab, is_company_noun)
        self._het = nlp.vocab.strings.add("het")
        self._suffixes = {nlp.vocab.strings.add(w) for w in self.context.suffixes}
        self.media = knowledge.media_forms()
        self.form_rules: dict[str, list[tuple[str, str, str]]] = {}
        self.parents = {c.name: c.parent for c in knowledge.companies().values() if c.parent}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.media_matcher = media_matcher(nlp)
        for company in knowledge.companies().values():
            for form in company.forms:
                if form in company.context_only:
                    rule = "context"
                elif form in company.ambiguous:
                    rule = "ambiguous"
                elif _is_acronym(form) or form[:1].islower():
                    rule = "exact"
                else:
                    rule = "capital"
                self.form_rules.setdefault(form.lower(), []).append((company.name, form, rule))
        for lower in self.form_rules:
            self.matcher.add(lower, [nlp.make_doc(lower)])
        # Product names are split here too: retokenizing later would shift earlier spans.
        product_forms = [f for p in knowledge.products() for f in p.forms]
        vehicle_forms = [f for v in knowledge.vehicles().types for f in v.forms]
        single_words = [f.lower() for f in [*vehicle_forms, *self.places] if " " not in f]
        self.splitter = GluedSplitter(nlp, [*self.form_rules, *product_forms], single_words)

    # -- 2. known names -------------------------------------------------------------------
    def has_context(self, span: Span) -> bool:
        """Company context right next to `span`: a head word before, a model or hyphen after."""
        doc = span.doc
        if span.start > 0:
            prev = doc[span.start - 1]
            naming = prev.lower_ in self.context.naming or prev.text in self.adjectives
            if naming or is_company_noun(prev.lower_):
                return True  # "merk Tank", "de naam Firefly", "het Spaanse Ebro"
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.text in ("-", "'s", "'", "#") or nxt.text[:1].isdigit():
                return True
            if nxt.text[:1].isupper() and not nxt.is_sent_start and nxt.text not in self.media:
                return nxt.text not in self.context.not_names
            # "ACC, het samenwerkingsverband van ...", "Mini, dat bij BMW hoort"
            after = [t.lower_ for t in doc[span.end : span.end + 3]]
            if after[:1] == [","] and any(is_company_noun(w) for w in after[1:]):
                return True
            if after[:2] in ([",", "dat"], [",", "die"]):
                return True
        return False

    def known(self, doc: Doc) -> list[Span]:
        accepted: list[Span] = []
        pending: list[tuple[Span, str, str]] = []  # ambiguous or context-only, decided later
        seen: set[str] = set()  # companies accepted outright
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label="COMPANY")
            surface = span.text
            for company, form, rule in self.form_rules[doc.vocab.strings[match_id]]:
                ok = _capitals_match(surface, form) if rule == "capital" else surface == form
                needs_context = rule == "context" or (
                    rule == "ambiguous" and sentence_initial(doc[start])
                )
                if ok and needs_context and not self.has_context(span):
                    pending.append((span, company, rule))
                    ok = False
                if ok:
                    set_span_attrs(span, canonical=company, linked=True)
                    accepted.append(span)
                    seen.add(company)
                    break
        # An ambiguous form is licensed once the doc named it or its family unambiguously
        # ("Smart" after "Smart #1"; "Genesis" in an article about Hyundai).
        for span, company, rule in pending:
            family = {company}
            if rule == "ambiguous":
                parent = self.parents.get(company)
                family = knowledge.company_family(parent or company)
            if family & seen:
                set_span_attrs(span, canonical=company, linked=True)
                accepted.append(span)
        return accepted

    # -- 3. unknown names -----------------------------------------------------------------
    def _name_run(self, doc: Doc, start: int, limit: int) -> int:
        """End of a run of capitalised name tokens (with `&`) starting at `start`."""
        end = start
        while end < min(limit, start + _MAX_UNKNOWN_TOKENS):
            tok = doc[end]
            if tok.text == "&" and end > start:
                end += 1
                continue
            if end > start and _particle(doc, end, limit):
                end += 1  # "Van der Linden Autogroep"
                continue
            surname = tok.text == "Van" and _particle(doc, end + 1, limit)  # "Van der Linden"
            if not _looks_like_name(tok) or (tok.text in self.context.not_names and not surname):
                break
            if end > start and (tok.is_sent_start or any(c.isdigit() for c in tok.text)):
                break  # a new sentence, or a model code after the name (`Voyra X7`)
            if tok.text in self.places or tok.text in self.adjectives:
                break  # "de startup Voltara Helmond"
            end += 1
        while end > start and doc[end - 1].text == "&":
            end -= 1
        return end

    def _plausible(self, span: Span) -> bool:
        text = span.text
        return text not in self.media and text not in self.places and span.text.strip() != ""

    def _name_after(self, doc: Doc, start: int, sent: Span, taken: set[int]) -> Span | None:
        end = self._name_run(doc, start, sent.end)
        if end > start and not taken.intersection(range(start, end)):
            span = Span(doc, start, end, label="COMPANY")
            if self._plausible(span):
                return span
        return None

    def _name_start(self, doc: Doc, end: int, sent: Span, limit: int) -> int:
        """Start of the run of capitalised name tokens that ends at token `end` (at most
        `limit` tokens); `end` itself when there is none."""
        start = end
        while start > sent.start and end - start < limit:
            prev = doc[start - 1]
            if not _looks_like_name(prev) or prev.text in self.context.not_names:
                break
            if any(c.isdigit() for c in prev.text):
                break  # a model code: "MG4 Electric" is a car, not a company
            if prev.text in self.places or prev.text in self.adjectives:
                break  # "in China Motors", "de Europese Group"
            if prev.text in self.context.suffixes:
                break
            start -= 1
        return start

    def _name_before_suffix(self, doc: Doc, suffix: Token, sent: Span, taken: set[int]):
        start, end = self._name_start(doc, suffix.i, sent, _MAX_UNKNOWN_TOKENS), suffix.i + 1
        if start < suffix.i and not taken.intersection(range(start, end)):
            return Span(doc, start, end, label="COMPANY")
        return None

    def _name_before_apposition(self, doc: Doc, head: Token, sent: Span, taken: set[int]):
        """The name before an apposition that ends in a company noun: "Mumtalakat, het
        staatsfonds van Bahrein", "Forseven, een jonge Britse autobouwer"."""
        i = head.i - 1
        while (
            i > sent.start
            and head.i - i <= 3
            and doc[i].is_alpha
            and doc[i].lower_ not in _DETERMINERS
        ):
            i -= 1  # adjectives: "een jonge Britse"
        if doc[i].lower_ not in _DETERMINERS or i - 1 <= sent.start or doc[i - 1].text != ",":
            return None
        end = i - 1
        start = self._name_start(doc, end, sent, _MAX_UNKNOWN_TOKENS)
        if start - 2 > sent.start and doc[start - 1].text in ("of", "&"):
            before = self._name_start(doc, start - 1, sent, 2)  # "TravelCenters of America"
            start = before if before < start - 1 else start
        if start == end or taken.intersection(range(start, end)) or doc[start].is_sent_start:
            return None  # a sentence-initial word may be any word: "Daarom, een ..."
        span = Span(doc, start, end, label="COMPANY")
        return span if self._plausible(span) else None

    def _adjective_name(self, doc: Doc, tok: Token, sent: Span) -> bool:
        """`het Franse Foo`, but not `in het Duitse Arnstadt` (a place)."""
        if tok.lower_ != "het" or doc[tok.i + 1].text not in self.adjectives:
            return False
        return tok.i == sent.start or doc[tok.i - 1].lower_ not in LOCATIVES

    def unknown(self, doc: Doc, taken: set[int]) -> list[Span]:
        found: list[Span | None] = []
        lowers, orths = doc.to_array([LOWER, ORTH]).T.tolist()
        heads = self.heads.true_of(lowers)
        # Only heads, "het" and suffixes can start a name: look at those tokens alone.
        starts = heads | {self._het}
        candidates = [
            i
            for i, (lower, orth) in enumerate(zip(lowers, orths, strict=True))
            if lower in starts or orth in self._suffixes
        ]
        for start, end in DocWords.of(doc).sentences():  # after the splitter's retokenizing
            lo, hi = bisect_left(candidates, start), bisect_left(candidates, end - 1)
            if lo == hi:
                continue
            sent = doc[start:end]
            for i in candidates[lo:hi]:
                tok = doc[i]
                if lowers[i] in heads:  # "het Chinese bedrijf Foo", "startup Foo Bar"
                    found.append(self._name_after(doc, tok.i + 1, sent, taken))
                    found.append(self._name_before_apposition(doc, tok, sent, taken))
                elif self._adjective_name(doc, tok, sent):  # "het Franse Foo"
                    found.append(self._name_after(doc, tok.i + 2, sent, taken))
                if tok.text in self.context.suffixes and tok.i > sent.start:
                    found.append(self._name_before_suffix(doc, tok, sent, taken))  # Foo Motors
        spans = [s for s in found if s is not None]
        for span in spans:
            set_span_attrs(span, canonical=span.text, linked=False)
        return spans

    def named_again(self, doc: Doc, found: Sequence[Span], taken: set[int]) -> list[Span]:
        """Other mentions of the unknown names `found` in context: once "het Zuid-Koreaanse
        SungEel HiTech" is a company, so is "SungEel HiTech" (or "SungEel") elsewhere."""
        forms: dict[tuple[str, ...], str] = {}
        for span in found:
            words = tuple(t.text for t in span)
            forms.setdefault(words, span.text)
            rest = words[1:]
            if rest and (all(w in self.context.suffixes for w in rest) or not words[0].istitle()):
                forms.setdefault(words[:1], span.text)  # "Voltara Motors", "SungEel HiTech"
        if not forms:
            return []
        texts = [t.text for t in doc]
        lengths = sorted({len(f) for f in forms}, reverse=True)
        out = []
        for i in range(len(texts)):
            for n in lengths:
                name = forms.get(tuple(texts[i : i + n]))
                if name is None or taken.intersection(range(i, i + n)):
                    continue
                after = i + n < len(doc) and _looks_like_name(doc[i + n])
                before = i > 0 and _looks_like_name(doc[i - 1]) and not doc[i].is_sent_start
                if after or before:
                    continue  # part of a longer name: "Guido Dumarey" is no "Dumarey Group"
                span = Span(doc, i, i + n, label="COMPANY")
                set_span_attrs(span, canonical=name, linked=False)
                out.append(span)
                taken.update(range(i, i + n))
                break
        return out

    def acting_media(self, doc: Doc) -> tuple[list[Span], set[int]]:
        """Media spans; those followed by an action verb become (unlinked) companies."""
        acting, media_tokens = [], set()
        for match_id, start, end in self.media_matcher(doc):
            if end < len(doc) and doc[end].lower_ in self.context.actions:
                span = Span(doc, start, end, label="COMPANY")
                set_span_attrs(span, canonical=doc.vocab.strings[match_id], linked=False)
                acting.append(span)
            else:
                media_tokens.update(range(start, end))
        return acting, media_tokens

    # -- 4. statistical entities ----------------------------------------------------------
    def model_orgs(self, doc: Doc, taken: set[int]) -> list[Span]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in ORG_LABELS or taken.intersection(range(ent.start, ent.end)):
                continue
            if ent.text in self.media or ent.text in self.places:
                continue
            span = Span(doc, ent.start, ent.end, label="COMPANY")
            set_span_attrs(span, canonical=ent.text, linked=False)
            out.append(span)
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc = self.splitter(doc)
        acting, media_tokens = self.acting_media(doc)
        known = [s for s in self.known(doc) if not media_tokens.intersection(range(s.start, s.end))]
        spans = filter_spans(known + acting)
        taken = {i for s in spans for i in range(s.start, s.end)} | media_tokens
        extra = filter_spans(self.unknown(doc, taken))
        taken |= {i for s in extra for i in range(s.start, s.end)}
        extra += self.named_again(doc, extra, taken)
        extra += self.model_orgs(doc, taken)
        doc.spans[COMPANIES] = sorted(spans + extra, key=lambda s: s.start)
        return doc


@Language.factory("evnews_companies")
def make_companies(nlp: Language, name: str) -> CompanyMatcher:
    return CompanyMatcher(nlp, name)
