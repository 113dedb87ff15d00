"""`evnews_money`: money amounts with value, ISO 4217 currency, hedges and ranges.

A token scanner reads `[symbol] number [scale] [currency word]` (digits in Dutch or English
notation, Dutch number words via text2num, fractions such as "tweeënhalf" from money.toml),
then links two amounts into a range ("tussen 3 en 5 miljard euro", "30.000 tot 40.000 euro").
Only amounts with a currency are kept. A span covers symbol, number, scale and currency
word, not the hedge before it ("zo'n"); hedges set `approximate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components.extensions import MONEY, set_span_attrs
from evnews.components.phrases import Phrases, StringMemo, token_strings

_NL_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_EN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# Without a scale word, a comma before exactly three digits groups thousands: no amount
# is written with three decimals ("$10,000"); with one, "1,375 miljard" stays 1.375e9.
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DASH_END = re.compile(r"[,.]-+$")  # "39.995,-"
_PER_UNIT = re.compile(r"/[a-z]+$")  # "€0,35/kWh"
_GLUED = re.compile(r"^(?P<num>\d[\d.,]*)(?P<scale>[a-z€]+)$")


def parse_number(text: str, english: bool = False) -> Decimal | None:
    """A digit string as a Decimal: Dutch notation ("39.995", "8,5") unless `english`.

    In Dutch notation a dot followed by other than three digits is a decimal point, so
    "1.2" reads 1.2 whatever the notation.
    """
    text = _DASH_END.sub("", text)
    if english and _EN_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if _NL_NUMBER.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _EN_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return None


@cache
def _number_word(word: str) -> Decimal | None:
    from text_to_num import text2num

    try:
        return Decimal(text2num(word, "nl"))
    except (ValueError, InvalidOperation):
        return None


@dataclass
class _Amount:
    start: int  # token index of the first token of the span
    end: int
    number: Decimal  # as written, before the scale
    digits: str  # the digit string ("" for number words), re-read in English notation
    scale: Decimal | None = None
    currency: str | None = None
    factor: Decimal = Decimal(1)  # subunits (eurocent)
    formatted: bool = False  # has a decimal or thousands separator
    symbol_first: bool = False
    range_id: int | None = None  # provisional; renumbered in order of appearance

    @property
    def value(self) -> Decimal:
        return self.number * (self.scale or 1) * self.factor


class MoneyMatcher:
    """Finds money amounts; see the module docstring and money.toml."""

    def __init__(self, nlp: Language, name: str = "evnews_money") -> None:
        self.name = name
        self.k = knowledge.money()
        self.fractions = Phrases(self.k.fractions)
        self.words = Phrases(self.k.words)
        self.hedges = Phrases(self.k.hedges)
        self.months = frozenset(knowledge.dates().months)
        self.number_starts = StringMemo(nlp.vocab, self._number_start)
        self.before_scales = StringMemo(nlp.vocab, self._scale_word)

    def _number_start(self, tok: str) -> bool:
        """Can a number (or a symbol before one) start at `tok`, whatever follows?"""
        return (
            tok in self.k.symbols
            or tok in self.fractions.firsts
            or tok[:1].isdigit()
            or (tok[:1] in "€$£¥₩₹" and len(tok) > 1)
        )

    def _scale_word(self, tok: str) -> bool:
        """A word after which a number word counts ("drie miljard", "twee euro")."""
        return tok in self.k.scales or tok in self.k.english_scales or (tok,) in self.k.words

    def _starts(self, doc: Doc) -> bytearray:
        """1 at every token where `_candidates` may find an amount (a superset)."""
        hashes = doc.to_array(LOWER).tolist()
        starts = bytearray(len(hashes))
        for i in self.number_starts.where(hashes):
            starts[i] = 1
        for i in self.before_scales.where(hashes):
            starts[max(i - 1, 0)] = 1
        return starts

    def _symbol_split(self, text: str) -> tuple[str | None, str]:
        """Split a leading currency symbol off a token ("€40.000" -> EUR, "40.000")."""
        for n in (3, 2, 1):
            head = text[:n]
            if len(text) > n and not head.isalpha() and head in self.k.symbols:
                return self.k.symbols[head], text[n:]
        return None, text

    def _digits(self, text: str, start: int, end: int) -> _Amount | None:
        """One token's worth of amount: "8,5", "€40.000", "40k", "10mld", "39.995,-"."""
        currency, rest = self._symbol_split(text)
        rest = _DASH_END.sub("", _PER_UNIT.sub("", rest))
        scale = None
        glued = _GLUED.match(rest)
        if glued:
            suffix = glued["scale"]
            if suffix == "k€":
                scale, currency = Decimal(1000), currency or "EUR"
            elif suffix in self.k.glued_scales and (suffix != "m" or currency):
                scale = Decimal(self.k.glued_scales[suffix])
            else:
                return None
            rest = glued["num"]
        number = parse_number(rest)
        if number is None:
            return None
        return _Amount(
            start=start,
            end=end,
            number=number,
            digits=rest,
            scale=scale,
            currency=currency,
            formatted=("," in rest or "." in rest),
            symbol_first=currency is not None,
        )

    # --- scanning ------------------------------------------------------------------------
    def _number_at(self, low: list[str], i: int) -> tuple[list[_Amount], int] | None:
        """Amount(s) whose number starts at token i: a range token gives two. -> (amounts, j)."""
        k = self.k
        if phrase := self.fractions.at(low, i):
            n = len(phrase)
            return [_Amount(i, i + n, Decimal(str(k.fractions[phrase])), "")], i + n
        tok = low[i]
        if tok[:1].isdigit() or (tok[:1] in "€$£¥₩₹" and len(tok) > 1):
            one = self._digits(tok, i, i + 1)
            if one:
                return [one], i + 1
            parts = tok.split("-")
            if len(parts) == 2:  # "30.000-40.000", "30.000-€40.000"
                ends = [self._digits(p, i, i + 1) for p in parts]
                if all(ends):
                    return ends, i + 1
            return None
        if tok.isalpha() and i + 1 < len(low):
            nxt = low[i + 1]
            if nxt in k.scales or nxt in k.english_scales or (nxt,) in k.words:
                number = _number_word(tok)
                if number is not None:
                    return [_Amount(i, i + 1, number, "")], i + 1
        return None

    def _extend(self, low: list[str], amount: _Amount, j: int) -> int | None:
        """Read scale and currency after the number; None when a blocking unit follows."""
        k = self.k
        if amount.scale is None and j < len(low):
            word = low[j].rstrip(".") or low[j]  # the tokenizer keeps "mln." whole
            if word in k.scales:
                amount.scale, j = Decimal(k.scales[word]), j + 1
            elif amount.symbol_first and low[j].rstrip(".") in k.glued_scales:
                amount.scale, j = Decimal(k.glued_scales[low[j].rstrip(".")]), j + 1  # "$50m"
            elif low[j] in k.english_scales:
                amount.scale, j = Decimal(k.english_scales[low[j]]), j + 1
                if amount.digits:
                    amount.number = parse_number(amount.digits, english=True) or amount.number
            if (
                amount.scale is not None
                and j + 1 < len(low)
                and low[j] == "."
                and (low[j + 1] in k.symbols or self.words.at(low, j + 1))
            ):
                j += 1  # "1,3 mld. euro"
        if j < len(low) and low[j] in k.blocking_units:
            return None
        if j < len(low) and amount.currency is None:
            if low[j] in k.symbols:
                amount.currency, j = k.symbols[low[j]], j + 1
            else:
                phrase = self.words.at(low, j)
                if phrase and self._currency_word_ok(low, amount, phrase, j + len(phrase)):
                    amount.currency = k.words[phrase]
                    if phrase[-1] in k.subunits:
                        amount.factor = Decimal(str(k.subunits[phrase[-1]]))
                    j += len(phrase)
                elif amount.scale is not None and self._compound_currency(low[j]):
                    amount.currency, j = self._compound_currency(low[j]), j + 1
        if amount.scale is None and _EN_THOUSANDS.fullmatch(amount.digits):
            amount.number = parse_number(amount.digits, english=True)  # "$10,000"
        if j + 1 < len(low) and low[j] == "," and set(low[j + 1]) == {"-"}:
            j += 2  # "€ 39.995,-"
        amount.end = j
        return j

    def _compound_currency(self, tok: str) -> str | None:
        """The currency a compound starts with ("dollar-investering" -> USD), else None."""
        head = tok.split("-")[0]
        if head == tok or head in self.k.ambiguous:
            return None
        return self.k.words.get((head,))

    def _currency_word_ok(
        self, low: list[str], amount: _Amount, phrase: tuple[str, ...], after: int
    ) -> bool:
        if after < len(low):
            nxt = low[after]
            if nxt[:1].isdigit() or nxt.startswith(self.k.not_before_word):
                return False  # "Euro 7-norm", "Euro NCAP"
        if " ".join(phrase) in self.k.ambiguous:
            return amount.scale is not None or amount.formatted
        return True

    def _candidates(self, low: list[str], starts: bytearray) -> list[_Amount]:
        k = self.k
        out: list[_Amount] = []
        i = 0
        while (i := starts.find(1, i)) >= 0:
            currency = k.symbols.get(low[i])
            j = i + 1 if currency else i
            found = self._number_at(low, j) if j < len(low) else None
            if not found:
                i += 1
                continue
            amounts, j = found
            first = amounts[0]
            if first.start > 0 and low[first.start - 1] in k.vague_before:
                i = j  # "een paar honderd euro" is no amount
                continue
            if currency:
                first.start, first.currency, first.symbol_first = i, currency, True
            if len(amounts) == 2:  # one-token range: the scale/currency after it is shared
                # Spans of the two ends must differ (extension values are keyed by offsets):
                # the first ends with the range token, the second starts with it.
                last = amounts[1]
                end = self._extend(low, last, j)
                if end is None:
                    i = j + 1
                    continue
                first.end = j
                first.scale = first.scale or last.scale
                first.currency = first.currency or last.currency
                last.currency = last.currency or first.currency
                first.range_id = last.range_id = len(out)
                out.extend(amounts)
                i = end
                continue
            end = self._extend(low, first, j)
            if end is None:
                i = j + 1
                continue
            out.append(first)
            i = end
        return out

    def _link_ranges(self, low: list[str], amounts: list[_Amount]) -> None:
        k = self.k
        for n, (a, b) in enumerate(pairwise(amounts)):
            if a.range_id is not None or b.range_id is not None:
                continue
            gap = tuple(low[a.end : b.start])
            between = (
                len(gap) == 1
                and gap[0] in k.between_and
                and a.start > 0
                and (
                    low[a.start - 1] in k.between or (a.start > 1 and low[a.start - 2] in k.between)
                )
            )
            if not (gap in k.connectors or between):
                continue
            if a.currency and b.currency and a.currency != b.currency:
                continue
            if not b.currency and not self._second_end(low, a, b):
                continue
            if a.scale is None and b.scale is not None:
                scaled = a.number * b.scale * b.factor
                if scaled <= b.value:
                    a.scale, a.factor = b.scale, b.factor
            a.currency = a.currency or b.currency
            b.currency = b.currency or a.currency
            a.range_id = b.range_id = n

    def _second_end(self, low: list[str], a: _Amount, b: _Amount) -> bool:
        """Can `b`, written without a currency, end a range that `a` opened?

        Only after a currency symbol on `a` ("€30.000 tot 40.000"), going up, and not as a
        day of a month ("€ 39.995 tot 31 maart").
        """
        nxt = low[b.end] if b.end < len(low) else ""
        return a.symbol_first and b.value >= a.value and nxt not in self.months

    def _is_year(self, low: list[str], a: _Amount) -> bool:
        return (
            not a.symbol_first
            and a.scale is None
            and not a.formatted
            and a.digits.isdigit()
            and 1900 <= int(a.digits) <= 2100
            and a.start > 0
            and low[a.start - 1] in self.k.year_prepositions
        )

    def _approximate(self, low: list[str], start: int) -> bool:
        hedged, i = False, start
        while i > 0 and low[i - 1] in self.k.between:
            i -= 1
        while phrase := self.hedges.ending(low, i):
            n = len(phrase)
            if i - n > 0 and low[i - n - 1] in self.k.hedge_not_after:
                break  # "liep op tot 5 miljard": a target, not a bound
            hedged, i = True, i - n
        return hedged

    def __call__(self, doc: Doc) -> Doc:
        low = token_strings(doc)
        amounts = self._candidates(low, self._starts(doc))
        self._link_ranges(low, amounts)
        kept = [a for a in amounts if a.currency and not self._is_year(low, a)]
        ends: dict[int, list[_Amount]] = {}
        for a in kept:
            if a.range_id is not None:
                ends.setdefault(a.range_id, []).append(a)
        ids = {old: new for new, old in enumerate(k for k, v in ends.items() if len(v) == 2)}
        spans: list[Span] = []
        for a in kept:
            span = Span(doc, a.start, a.end, label="MONEY")
            first = ends[a.range_id][0] if a.range_id in ids else a
            set_span_attrs(
                span,
                value=float(a.value),
                currency=a.currency,
                approximate=self._approximate(low, first.start),
                range_id=ids.get(a.range_id),
            )
            spans.append(span)
        doc.spans[MONEY] = spans
        return doc


@Language.factory("evnews_money")
def make_money(nlp: Language, name: str) -> MoneyMatcher:
    return MoneyMatcher(nlp, name)
