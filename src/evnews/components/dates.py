"""`evnews_dates`: dates and durations, resolved against the article date.

A token scanner (word lists in dates.toml) finds candidate expressions; explicit day dates
("15 maart 2021", "15-03-2021") are read by dateparser, everything else by simple
calendar arithmetic. Values are ISO 8601: "2021-03-30", "2021-03", "2021", ISO weeks
"2021-W12", periods as month intervals "2024-01/2024-06", durations "P10Y". What cannot be
resolved (no article date, a day-relative word with a month-only article date, "de
komende jaren") keeps the value None. Spans never overlap money spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components.extensions import DATES, MONEY, set_span_attrs, span_attr
from evnews.components.phrases import Phrases, StringMemo, token_strings

_YEAR = re.compile(r"(19|20)\d\d|2100")
_NUMERIC_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}")
_COUNT = re.compile(r"\d{1,3}(,\d+)?")
_COUNT_RANGE = re.compile(r"\d{1,3}-\d{1,3}")  # "2-3 jaar"
_DAY_NUMBER = re.compile(r"\d{1,2}")
_PART_WORDS = ("kwartaal", "helft", "halfjaar", "jaarhelft")  # after "eerste", "tweede"
_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}  # ISO 8601 designators after "T"
_QUARTER = re.compile(r"q([1-4])")
_HALF = re.compile(r"h([12])")


@dataclass(frozen=True)
class _Ref:
    """The article date and whether its day is known (YYYY-MM dates give only a month)."""

    day: date | None
    day_known: bool

    @property
    def year(self) -> int | None:
        return self.day.year if self.day else None


@dataclass(frozen=True)
class _Hit:
    end: int  # token index after the expression
    kind: str  # "date" or "duration"
    value: str | None


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _months(year: int, first: int, last: int) -> str:
    return f"{_month(year, first)}/{_month(year, last)}"


def _shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + step
    return total // 12, total % 12 + 1


def _iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _duration(count: float, unit: str) -> str | None:
    """ISO 8601 duration; half years become months ("een half jaar" -> P6M)."""
    number = Decimal(str(count))
    if unit == "DEC":
        number, unit = number * 10, "Y"
    elif unit == "Q":
        number, unit = number * 3, "M"
    if unit == "Y" and number != number.to_integral_value():
        number, unit = number * 12, "M"
    if number <= 0:
        return None
    text = format(number.normalize(), "f")
    if unit in _TIME_UNITS:
        return f"PT{text}{_TIME_UNITS[unit]}"
    return f"P{text}{unit}"


@cache
def _dateparser():
    import dateparser

    return dateparser


@cache
def _parse_day_text(text: str) -> str | None:
    """A written day date ("maandag 15 maart 2021", "15-03-2021") as ISO, via dateparser."""
    parsed = _dateparser().parse(
        text,
        languages=["nl"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


@cache
def _number_word(word: str) -> int | None:
    from text_to_num import text2num

    try:
        return text2num(word, "nl")
    except ValueError:
        return None


class DateMatcher:
    """Finds date and duration expressions; see the module docstring and dates.toml."""

    def __init__(self, nlp: Language, name: str = "evnews_dates") -> None:
        self.name = name
        self.k = k = knowledge.dates()
        self.counts = Phrases(k.counts)
        self.vague = Phrases(k.vague_counts)
        self.intros = Phrases(k.duration_intros)
        self.year_preps = Phrases(k.year_prepositions)
        self.date_preps = Phrases(k.date_prepositions)
        self.anaphoric = Phrases(k.anaphoric_years)
        # "dinsdag" and "dinsdagavond" both name that Tuesday.
        self.weekdays = dict(k.weekdays) | {
            day + part: n for day, n in k.weekdays.items() for part in k.weekday_parts
        }
        # Tokens that can start an expression; others are skipped unless they are digits or
        # come right before a unit word ("tien jaar").
        self.starters = frozenset().union(
            *(t.firsts for t in (self.counts, self.vague, self.intros)),
            self.year_preps.firsts,
            self.date_preps.firsts,
            self.anaphoric.firsts,
            k.relative_days,
            k.modifiers,
            k.months,
            self.weekdays,
            k.vague_durations,
            k.year_parts,
            k.ordinals,
            k.seasons,
            k.offset_before,
            k.year_ranges,
            {"de", "het", "q1", "q2", "q3", "q4", "h1", "h2"},
        )
        # Every expression reads one of these core words at most `reach` tokens after its
        # first token (an intro or preposition, "de"/"het" or "over", two counts and a
        # link before the unit), so tokens farther before any core word are skipped.
        self.core_words = frozenset().union(
            k.units,
            k.months,
            self.weekdays,
            k.relative_days,
            k.seasons,
            k.year_parts,
            _PART_WORDS,
            k.vague_durations,
        )
        self.core = StringMemo(nlp.vocab, self._is_core)
        preps = max(t.longest for t in (self.intros, self.year_preps, self.date_preps))
        self.reach = preps + 2 * max(self.counts.longest, self.vague.longest) + 2

    def _is_core(self, tok: str) -> bool:
        return tok in self.core_words or any(
            r.fullmatch(tok) for r in (_YEAR, _NUMERIC_DATE, _QUARTER, _HALF)
        )

    def _near_core(self, doc: Doc) -> bytearray:
        """1 for each token at most `reach` tokens before (or at) a core word."""
        near = bytearray(len(doc))
        for i in self.core.where(doc.to_array(LOWER).tolist()):
            lo = max(i - self.reach, 0)
            near[lo : i + 1] = b"\x01" * (i + 1 - lo)
        return near

    def _count(self, low: list[str], i: int) -> tuple[float | None, int] | None:
        """A count at token i: (value, tokens used); value None for "enkele" and for ranges
        ("drie tot vijf jaar", "2-3 jaar")."""
        first = self._single_count(low, i)
        if first is None:
            return None
        j = i + first[1]
        if j + 1 < len(low) and low[j] in self.k.count_links:
            second = self._single_count(low, j + 1)
            if second is not None:
                return None, first[1] + 1 + second[1]
        return first

    def _single_count(self, low: list[str], i: int) -> tuple[float | None, int] | None:
        if phrase := self.counts.at(low, i):
            return self.k.counts[phrase], len(phrase)
        if phrase := self.vague.at(low, i):
            return None, len(phrase)
        tok = low[i] if i < len(low) else ""
        if _COUNT.fullmatch(tok):
            return float(tok.replace(",", ".")), 1
        if _COUNT_RANGE.fullmatch(tok):
            return None, 1
        # Number words only before a unit, or before "tot"/"of" + count + unit.
        nxt = low[i + 1] if i + 1 < len(low) else ""
        before_unit = nxt in self.k.units or (
            nxt in self.k.count_links and i + 3 < len(low) and low[i + 3] in self.k.units
        )
        if before_unit and tok.isalpha() and (value := _number_word(tok)):
            return float(value), 1
        return None

    def _year_expr(self, low: list[str], i: int, ref: _Ref) -> tuple[int | None, int] | None:
        """A year at token i: "2024", "dit jaar", "vorig jaar" -> (year or None, end)."""
        if i >= len(low):
            return None
        if _YEAR.fullmatch(low[i]):
            return int(low[i]), i + 1
        if low[i] in self.k.modifiers and i + 1 < len(low) and self._unit(low[i + 1]) == "Y":
            year = ref.year + self.k.modifiers[low[i]] if ref.year else None
            return year, i + 2
        return None

    def _unit(self, tok: str) -> str | None:
        """The unit code of a singular unit word ("jaar" -> "Y"), else None."""
        return self.k.units[tok] if tok in self.k.singular_units else None

    def _period_year(
        self, low: list[str], i: int, ref: _Ref, first: int, last: int
    ) -> tuple[int | None, int]:
        """The year after a period ("van 2024", "vorig jaar"), else the nearest one."""
        found = self._year_after(low, i, ref)
        return found if found else (self._nearest_year(ref, first, last), i)

    # --- expression parsers: each returns a _Hit or None ----------------------------------
    def _duration_at(self, low: list[str], i: int, intro: bool) -> _Hit | None:
        found = self._count(low, i)
        if found is None:
            if intro and i < len(low) and low[i] in self.k.units:
                unit = self._unit(low[i])
                value = _duration(1, unit) if unit else None
                return _Hit(self._tail(low, i + 1), "duration", value)
            return None
        count, n = found
        j = i + n
        if j >= len(low) or low[j] not in self.k.units:
            return None
        if j + 1 < len(low) and low[j + 1] in self.k.not_after:
            return None
        if self.k.units[low[j]] == "H" and i > 0 and low[i - 1] in self.k.clock_words:
            return None  # "om 12 uur" is a clock time
        value = _duration(count, self.k.units[low[j]]) if count is not None else None
        return _Hit(self._tail(low, j + 1), "duration", value)

    def _tail(self, low: list[str], j: int) -> int:
        return j + 1 if j < len(low) and low[j] in self.k.tails else j

    def _offset_at(self, low: list[str], i: int, ref: _Ref) -> _Hit | None:
        """ "over twee jaar" (i at "over") or "vijf jaar geleden" (i at the count)."""
        future = low[i] in self.k.offset_before
        found = self._count(low, i + 1 if future else i)
        if found is None:
            return None
        count, n = found
        j = (i + 1 if future else i) + n
        if j >= len(low) or low[j] not in self.k.units:
            return None
        unit = self.k.units[low[j]]
        end = j + 1
        if end < len(low) and low[end] in self.k.not_after - self.k.offset_past:
            return None  # "over 3 jaar oude auto's"
        if not future:
            if end >= len(low) or low[end] not in self.k.offset_past:
                return None
            end += 1
        if count is None:
            return _Hit(end, "date", None)  # "over een paar jaar", "enkele jaren geleden"
        sign = 1 if future else -1
        return _Hit(end, "date", self._offset_value(ref, sign * count, unit))

    def _offset_value(self, ref: _Ref, count: float, unit: str) -> str | None:
        if ref.day is None or count != int(count) or unit in _TIME_UNITS:
            return None
        count = int(count)
        if unit in ("Y", "DEC"):
            return f"{ref.day.year + count * (10 if unit == 'DEC' else 1):04d}"
        if unit in ("M", "Q"):
            return _month(
                *_shift_month(ref.day.year, ref.day.month, count * (3 if unit == "Q" else 1))
            )
        if not ref.day_known:
            return None
        days = count * (7 if unit == "W" else 1)
        return (ref.day + timedelta(days=days)).isoformat()

    def _relative_at(self, low: list[str], i: int, ref: _Ref) -> _Hit | None:
        """ "gisteren", "vorige week", "dit jaar", "volgende maand", "afgelopen maandag"."""
        k = self.k
        tok = low[i]
        if tok in k.relative_days:
            if low[i + 1 : i + 3] == ["de", "dag"]:
                return None  # "vandaag de dag" means nowadays
            value = None
            if ref.day and ref.day_known:
                value = (ref.day + timedelta(days=k.relative_days[tok])).isoformat()
            return _Hit(i + 1, "date", value)
        if tok not in k.modifiers or i + 1 >= len(low):
            return None
        step, nxt = k.modifiers[tok], low[i + 1]
        if nxt in self.weekdays:
            return _Hit(i + 2, "date", self._weekday(ref, self.weekdays[nxt], step))
        if nxt in k.seasons:
            first, last = k.seasons[nxt]
            year = ref.year + step if ref.year else None
            return _Hit(i + 2, "date", _months(year, first, last) if year else None)
        unit = self._unit(nxt)
        if unit not in ("Y", "M", "W", "Q"):
            return None
        if unit == "W" and i + 2 < len(low) and low[i + 2] in self.weekdays:
            # "vorige week donderdag": that weekday in that week.
            return _Hit(i + 3, "date", self._week_day(ref, self.weekdays[low[i + 2]], step))
        return _Hit(i + 2, "date", self._relative_period(ref, unit, step))

    @staticmethod
    def _week_day(ref: _Ref, weekday: int, step: int) -> str | None:
        """Weekday `weekday` of the week `step` weeks from the article date's week."""
        if ref.day is None or not ref.day_known:
            return None
        monday = ref.day - timedelta(days=ref.day.weekday())
        return (monday + timedelta(weeks=step, days=weekday)).isoformat()

    @staticmethod
    def _relative_period(ref: _Ref, unit: str, step: int) -> str | None:
        if ref.day is None:
            return None
        if unit == "Y":
            return f"{ref.day.year + step:04d}"
        if unit == "M":
            return _month(*_shift_month(ref.day.year, ref.day.month, step))
        if unit == "Q":
            quarter = (ref.day.month - 1) // 3
            year, month = _shift_month(ref.day.year, quarter * 3 + 1, 3 * step)
            return _months(year, month, month + 2)
        return _iso_week(ref.day + timedelta(weeks=step)) if ref.day_known else None

    @staticmethod
    def _weekday(ref: _Ref, weekday: int, step: int) -> str | None:
        """Plain weekday: the latest on or before the article date; with "vorige" strictly
        before; with "volgende"/"komende" strictly after."""
        if ref.day is None or not ref.day_known:
            return None
        back = (ref.day.weekday() - weekday) % 7
        if step > 0:
            return (ref.day + timedelta(days=(weekday - ref.day.weekday() - 1) % 7 + 1)).isoformat()
        if step < 0 and back == 0:
            back = 7
        return (ref.day - timedelta(days=back)).isoformat()

    def _period_at(self, low: list[str], i: int, ref: _Ref) -> _Hit | None:
        """ "eind dit jaar", "begin 2025", "het tweede kwartaal", "eerste helft van 2024",
        "Q3 2024", "zomer 2024", "eind maart"."""
        k = self.k
        j = i + 1 if low[i] in ("de", "het") else i
        if j >= len(low):
            return None
        tok = low[j]
        if tok in k.year_parts:
            after = j + 1
            if after < len(low) and low[after] == "van":
                after += 1
            if after < len(low) and low[after] in k.months and low[after] not in k.months_need_day:
                return self._month_at(low, after, ref)
            if after + 1 < len(low) and low[after] in k.modifiers and low[after + 1] == "maand":
                return self._relative_at(low, after, ref)  # "eind vorige maand": that month
            found = self._year_expr(low, after, ref)
            if found is None and after + 1 < len(low) and low[after : after + 2] == ["het", "jaar"]:
                found = (ref.year, after + 2)
            if found is None:
                return None
            year, end = found
            return _Hit(end, "date", _month(year, k.year_parts[tok]) if year else None)
        quarter = half = None
        if tok in k.ordinals and j + 1 < len(low) and low[j + 1] in _PART_WORDS:
            number, j = k.ordinals[tok], j + 2
            quarter, half = (number, None) if low[j - 1] == "kwartaal" else (None, number)
            if half is not None and half > 2:
                return None
        elif m := _QUARTER.fullmatch(tok):
            quarter, j = int(m[1]), j + 1
        elif m := _HALF.fullmatch(tok):
            half, j = int(m[1]), j + 1
        elif tok in k.seasons and (j > i or self._year_expr(low, j + 1, ref)):
            first, last = k.seasons[tok]
            year, end = self._period_year(low, j + 1, ref, first, last)
            return _Hit(end, "date", _months(year, first, last) if year else None)
        else:
            return None
        first, last = (quarter * 3 - 2, quarter * 3) if quarter else (half * 6 - 5, half * 6)
        year, end = self._period_year(low, j, ref, first, last)
        return _Hit(end, "date", _months(year, first, last) if year else None)

    def _month_at(self, low: list[str], i: int, ref: _Ref, past: bool = False) -> _Hit | None:
        """ "maart 2021", "maart vorig jaar", or "maart": the nearest March (see _nearest_year),
        or after "sinds" (`past`) the latest March on or before the article date."""
        month = self.k.months[low[i]]
        found = self._year_after(low, i + 1, ref)
        if found:
            year, end = found
            return _Hit(end, "date", _month(year, month) if year else None)
        if past and ref.day is not None:
            year = ref.day.year - (month > ref.day.month)
        else:
            year = self._nearest_year(ref, month)
        return _Hit(i + 1, "date", _month(year, month) if year else None)

    def _year_range_at(self, low: list[str], i: int) -> _Hit | None:
        """ "van 2009 tot 2014", "tussen 2019 en 2021": the span "2009/2014"."""
        joins = self.k.year_ranges.get(low[i])
        if not joins or i + 1 >= len(low) or not _YEAR.fullmatch(low[i + 1]):
            return None
        for join in joins:
            end = i + 2 + len(join)
            joined = tuple(low[i + 2 : end]) == join and end < len(low)
            if joined and _YEAR.fullmatch(low[end]) and int(low[i + 1]) < int(low[end]):
                return _Hit(end + 1, "date", f"{low[i + 1]}/{low[end]}")
        return None

    def _month_range_at(self, low: list[str], i: int, ref: _Ref) -> _Hit | None:
        """ "tussen april en juni", "van januari tot maart (2024)": "2024-04/2024-06"."""
        joins = self.k.year_ranges.get(low[i])
        months = self.k.months
        if not joins or i + 1 >= len(low) or low[i + 1] not in months:
            return None
        for join in joins:
            end = i + 2 + len(join)
            if tuple(low[i + 2 : end]) != join or end >= len(low) or low[end] not in months:
                continue
            first, last = months[low[i + 1]], months[low[end]]
            if first >= last:
                return None
            found = self._year_after(low, end + 1, ref)
            year = found[0] if found else self._nearest_year(ref, first, last)
            stop = found[1] if found else end + 1
            return _Hit(stop, "date", _months(year, first, last) if year else None)
        return None

    def _year_after(self, low: list[str], i: int, ref: _Ref) -> tuple[int | None, int] | None:
        """A year right after a month: "2021", "vorig jaar", "van dit jaar"."""
        found = self._year_expr(low, i, ref)
        if found is None and i < len(low) and low[i] == "van":
            found = self._year_expr(low, i + 1, ref)
        return found

    @staticmethod
    def _nearest_year(ref: _Ref, first: int, last: int | None = None) -> int | None:
        """The year whose months `first`..`last` lie nearest to the article date (a period
        that contains it wins); on a tie, the past one."""
        if ref.day is None:
            return None
        here = ref.day.year * 12 + ref.day.month - 1

        def distance(year: int) -> tuple[int, bool]:
            lo, hi = year * 12 + first - 1, year * 12 + (last or first) - 1
            return max(lo - here, here - hi, 0), lo > here

        return min(range(ref.day.year - 1, ref.day.year + 2), key=distance)

    def _day_at(
        self, low: list[str], doc: Doc, i: int, ref: _Ref, past: bool = False
    ) -> _Hit | None:
        """ "15 maart 2021", "maandag 15 maart", "15-03-2021": read by dateparser; without a
        year, after "sinds" (`past`) the latest such day on or before the article date."""
        k = self.k
        j = i + 1 if low[i] in self.weekdays else i
        if j < len(low) and _NUMERIC_DATE.fullmatch(low[j]):
            return _Hit(j + 1, "date", self._parse_day(doc[i : j + 1], None))
        if not (j + 1 < len(low) and _DAY_NUMBER.fullmatch(low[j]) and low[j + 1] in k.months):
            return None
        end = j + 2
        after = end + 1 if end < len(low) and low[end] == "." else end  # "15 okt. 2021"
        found = self._year_after(low, after, ref)
        month = k.months[low[j + 1]]
        if found:
            year, stop = found
        elif past and ref.day is not None:
            later = (month, int(low[j])) > (ref.day.month, ref.day.day)
            year, stop = ref.day.year - later, end
        else:
            year, stop = self._nearest_year(ref, month), end
        return _Hit(stop, "date", self._parse_day(doc[i:end], year) if year else None)

    @staticmethod
    def _parse_day(words: Span, year: int | None) -> str | None:
        return _parse_day_text(" ".join(t.text for t in words) + (f" {year}" if year else ""))

    def _core_at(
        self, low: list[str], doc: Doc, i: int, ref: _Ref, prep: bool, past: bool = False
    ) -> _Hit | None:
        """Any expression at token i; a bare year or month needs a preposition (`prep`); a
        month after "sinds" (`past`) lies back."""
        k = self.k
        hit = (
            self._day_at(low, doc, i, ref, past)
            or self._period_at(low, i, ref)
            or self._offset_at(low, i, ref)
            or self._relative_at(low, i, ref)
            or self._duration_at(low, i, intro=False)
        )
        if hit:
            return hit
        tok = low[i]
        if tok in k.months and tok not in k.months_need_day:
            return self._month_at(low, i, ref, past)
        if tok in self.weekdays:
            ahead = any(tuple(low[max(0, i - len(f)) : i]) == f for f in k.weekday_future)
            return _Hit(i + 1, "date", self._weekday(ref, self.weekdays[tok], int(ahead)))
        if tok in k.vague_durations:
            return _Hit(i + 1, "duration", None)
        if prep and _YEAR.fullmatch(tok):
            return _Hit(i + 1, "date", tok)
        return None

    def _match_at(self, low: list[str], doc: Doc, i: int, ref: _Ref) -> _Hit | None:
        if (intro := self.intros.at(low, i)) and (
            hit := self._duration_at(low, i + len(intro), intro=True)
        ):
            return hit
        if hit := self._year_range_at(low, i) or self._month_range_at(low, i, ref):
            return hit
        for table, prep in ((self.year_preps, True), (self.date_preps, False)):
            if (phrase := table.at(low, i)) and (
                hit := self._core_at(
                    low, doc, i + len(phrase), ref, prep, phrase in self.k.past_prepositions
                )
            ):
                return hit
        return self._core_at(low, doc, i, ref, prep=False)

    def _may_start(self, low: list[str], i: int) -> bool:
        tok = low[i]
        return (
            tok in self.starters
            or tok[:1].isdigit()
            or (i + 1 < len(low) and low[i + 1] in self.k.units)
            or (
                i + 3 < len(low) and low[i + 1] in self.k.count_links and low[i + 3] in self.k.units
            )
        )

    def __call__(self, doc: Doc) -> Doc:
        article_date = doc._.evnews_article_date
        ref = _Ref(article_date, doc._.evnews_article_date_precision != "month")
        low = token_strings(doc)
        near = self._near_core(doc)  # 1 where an expression may start
        blocked = bytearray(len(doc))
        for span in doc.spans.get(MONEY, ()):
            blocked[span.start : span.end] = b"\x01" * (span.end - span.start)
            near[span.start : span.end] = bytes(span.end - span.start)
        spans: list[Span] = []
        i = near.find(1)
        while i >= 0:
            hit = (
                self._anaphoric_at(low, i, spans) or self._match_at(low, doc, i, ref)
                if self._may_start(low, i)
                else None
            )
            if hit is None or any(blocked[i : hit.end]):
                i = near.find(1, i + 1)
                continue
            span = Span(doc, i, hit.end, label="DURATION" if hit.kind == "duration" else "DATE")
            set_span_attrs(span, date_kind=hit.kind, value=hit.value)
            spans.append(span)
            i = near.find(1, self._continue_years(low, hit, spans, doc))
        doc.spans[DATES] = spans
        return doc

    def _anaphoric_at(self, low: list[str], i: int, spans: list[Span]) -> _Hit | None:
        """ "een jaar later", "eerder dat jaar": from the year of the last dated span."""
        phrase = self.anaphoric.at(low, i)
        if phrase is None:
            return None
        last = next(
            (v for s in reversed(spans) if (v := span_attr(s, "value")) and _YEAR.match(v[:4])),
            None,
        )
        value = f"{int(last[:4]) + self.k.anaphoric_years[phrase]:04d}" if last else None
        return _Hit(i + len(phrase), "date", value)

    def _continue_years(self, low: list[str], hit: _Hit, spans: list[Span], doc: Doc) -> int:
        """After a year, "en 2025" / "tot 2030" / "- 2030" is a year too."""
        j = hit.end
        while (
            hit.value
            and _YEAR.fullmatch(hit.value)
            and j + 1 < len(low)
            and low[j] in ("en", "of", "tot", "-", "t/m")
            and _YEAR.fullmatch(low[j + 1])
        ):
            span = Span(doc, j + 1, j + 2, label="DATE")
            span._.date_kind, span._.value = "date", low[j + 1]
            spans.append(span)
            j += 2
        return j


@Language.factory("evnews_dates")
def make_dates(nlp: Language, name: str) -> DateMatcher:
    return DateMatcher(nlp, name)
