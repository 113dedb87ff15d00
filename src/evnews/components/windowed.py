"""A token Matcher run only where one of its patterns can start.

Each pattern's first token must be a required token with a LOWER test (a string, an IN list
or a REGEX), and each pattern has a bounded length ending in a required token. Patterns are
grouped by that first-token test. A group whose token tests use only LOWER (string, IN,
NOT_IN, REGEX) and IS_ALPHA, with bounded repeats ("?", "{n,m}"), is matched in Python from
the token arrays; any other group runs its own spaCy Matcher on windows from a token that
passes the group's test to the group's longest pattern length (plus a margin) after it.
Either way the matches are those of the full Matcher on the whole doc, returned in text
order (start, then end), with spaCy's order among matches of one span. Patterns that do not
fit these rules make it match the whole doc.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from spacy.attrs import IS_ALPHA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from evnews.components.phrases import StringMemo

_MARGIN = 2
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _repeat(op: str | None) -> tuple[int, int] | None:
    """(fewest, most) tokens that a pattern token with this OP takes, as spaCy reads "?",
    "{n}", "{n,m}" and "{,m}" (None: unbounded, or "!")."""
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    m = _REPEAT.fullmatch(op)
    if m is None:
        return None
    low, comma, high = m.groups()
    high = high if comma else low
    if not high or int(low or 0) > int(high):
        return None
    return int(low or 0), int(high)


def _length(spec: dict) -> int | None:
    """The most tokens a pattern token spec can take (None: unbounded)."""
    if spec.get("OP") == "!":
        return 1
    repeat = _repeat(spec.get("OP"))
    return None if repeat is None else repeat[1]


class _LowerTest:
    """A LOWER test (string, IN, NOT_IN, REGEX) on token hashes, as spaCy's Matcher
    applies it, memoized per hash."""

    def __init__(self, vocab: Vocab, value: str | dict) -> None:
        if isinstance(value, str):
            value = {"IN": [value]}
        self.vocab = vocab
        self.ids = frozenset(vocab.strings.add(w) for w in value["IN"]) if "IN" in value else None
        self.not_ids = frozenset(vocab.strings.add(w) for w in value.get("NOT_IN", ()))
        self.regex = re.compile(value["REGEX"]) if "REGEX" in value else None
        self.values: dict[int, bool] = {}

    def __call__(self, h: int) -> bool:
        try:
            return self.values[h]
        except KeyError:
            value = self.values[h] = self._test(h)
            return value

    def _test(self, h: int) -> bool:
        if (self.ids is not None and h not in self.ids) or h in self.not_ids:
            return False
        return self.regex is None or self.regex.search(self.vocab.strings[h]) is not None


class _Step:
    """One pattern token spec: its LOWER test, its IS_ALPHA value (1, 0 or None: any) and
    how many tokens it takes."""

    def __init__(self, lower: _LowerTest | None, alpha: int | None, low: int, high: int):
        self.lower, self.alpha, self.low, self.high = lower, alpha, low, high

    def ends(self, lowers: list[int], alphas: list[int] | None, start: int) -> list[int]:
        """The token offsets this step can end at when it starts at token `start`."""
        lower, alpha = self.lower, self.alpha
        if self.high == 1 == self.low:  # one required token, the common case
            if start >= len(lowers) or (lower is not None and not lower(lowers[start])):
                return []
            return [start + 1] if alpha is None or alphas[start] == alpha else []
        out = [start] if self.low == 0 else []
        j, stop = start, min(len(lowers), start + self.high)
        while j < stop and (lower is None or lower(lowers[j])):
            if alpha is not None and alphas[j] != alpha:
                break
            j += 1
            if j - start >= self.low:
                out.append(j)
        return out


class _Group:
    """The patterns that share one first-token test, with their own Matcher, and their
    steps when they can be matched in Python."""

    def __init__(self, vocab: Vocab, validate: bool, lower: object) -> None:
        self.matcher = Matcher(vocab, validate=validate)
        self.longest = 0
        self.word_ids: frozenset[int] = frozenset()
        self.regex: re.Pattern | None = None
        # (key, steps, fewest and most tokens) per pattern; None: spaCy only
        self.patterns: list[tuple[int, list[_Step], int, int]] | None = []
        self.alpha = False  # whether some step tests IS_ALPHA
        if isinstance(lower, str):
            self.word_ids = frozenset({vocab.strings.add(lower)})
        elif isinstance(lower, dict) and "IN" in lower:
            self.word_ids = frozenset(vocab.strings.add(w) for w in lower["IN"])
        else:
            self.regex = re.compile(lower["REGEX"])

    def matches(self, lowers: list[int], alphas: list[int] | None, starts: list[int]):
        """Every (key, start, end) of the group's patterns at `starts`, or None when two
        keys match one span (their order is spaCy's to tell)."""
        found: dict[tuple[int, int], int] = {}
        for key, steps, fewest, most in self.patterns:
            last = steps[-1].lower  # the last step takes one token
            for a in starts:
                if last is not None and not any(map(last, lowers[a + fewest - 1 : a + most])):
                    continue  # no token where the pattern could end
                ends = [a]
                for step in steps:
                    if len(ends) == 1:
                        ends = step.ends(lowers, alphas, ends[0])
                    else:
                        ends = sorted({e for p in ends for e in step.ends(lowers, alphas, p)})
                for e in ends:
                    if found.setdefault((a, e), key) != key:
                        return None
        return [(key, a, e) for (a, e), key in found.items()]


class WindowedMatcher:
    """Same matches as `Matcher` with the same patterns, found at anchor tokens only.

    Patterns are grouped by their first-token test; a place only runs the group whose
    test its first token passes, so few patterns are tried at each place.
    """

    def __init__(self, vocab: Vocab, validate: bool = True) -> None:
        self.vocab = vocab
        self.validate = validate
        self.matcher = Matcher(vocab, validate=validate)  # all patterns, for unanchored use
        self.groups: dict[str, _Group] = {}
        self.by_word: dict[int, tuple[str, ...]] = {}  # word hash -> groups it starts
        self.regex_words = StringMemo(vocab, self._regex_word)
        self.lower_tests: dict[str, _LowerTest] = {}  # shared by equal LOWER specs
        self.anchored = True

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            lengths = [_length(spec) for spec in pattern]
            first, last = pattern[0], pattern[-1]
            lower = first.get("LOWER")
            usable = isinstance(lower, str) or (
                isinstance(lower, dict) and ("IN" in lower or "REGEX" in lower)
            )
            if None in lengths or "OP" in first or "OP" in last or not usable:
                self.anchored = False
                continue
            name = json.dumps(lower, sort_keys=True)
            group = self.groups.get(name)
            if group is None:
                group = self.groups[name] = _Group(self.vocab, self.validate, lower)
                self.regex_words.clear()
                for h in group.word_ids:
                    self.by_word[h] = (*self.by_word.get(h, ()), name)
            group.matcher.add(key, [pattern])
            group.longest = max(group.longest, sum(lengths))
            steps = [self._step(spec) for spec in pattern]
            if group.patterns is not None and None not in steps:
                fewest, most = sum(s.low for s in steps), sum(s.high for s in steps)
                group.patterns.append((self.vocab.strings.add(key), steps, fewest, most))
                group.alpha |= any(s.alpha is not None for s in steps)
            else:
                group.patterns = None

    def _step(self, spec: dict) -> _Step | None:
        """The Python step for a pattern token spec, or None if it has other tests."""
        repeat = _repeat(spec.get("OP"))
        lower, alpha = spec.get("LOWER"), spec.get("IS_ALPHA")
        if repeat is None or set(spec) - {"OP", "LOWER", "IS_ALPHA"}:
            return None
        if alpha is not None and not isinstance(alpha, bool):
            return None
        if isinstance(lower, dict) and (not lower or set(lower) - {"IN", "NOT_IN", "REGEX"}):
            return None
        if lower is not None and not isinstance(lower, (str, dict)):
            return None
        test = None
        if lower is not None:
            name = json.dumps(lower, sort_keys=True)
            test = self.lower_tests.get(name) or _LowerTest(self.vocab, lower)
            self.lower_tests[name] = test
        return _Step(test, None if alpha is None else int(alpha), *repeat)

    def __len__(self) -> int:
        return len(self.matcher)

    def _regex_word(self, text: str) -> tuple[str, ...]:
        """The regex groups whose first-token test `text` passes."""
        return tuple(n for n, g in self.groups.items() if g.regex and g.regex.search(text))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.anchored:
            return self.matcher(doc)
        lowers = doc.to_array(LOWER).tolist()
        starts: dict[str, list[int]] = {}
        by_word = self.by_word
        for i in [i for i, h in enumerate(lowers) if h in by_word]:
            for name in by_word[lowers[i]]:
                starts.setdefault(name, []).append(i)
        memo = self.regex_words
        for i in memo.where(lowers):
            for name in memo(lowers[i]):
                starts.setdefault(name, []).append(i)
        alphas = None
        out = []
        for name, positions in starts.items():
            group = self.groups[name]
            found = None
            if group.patterns is not None:
                if group.alpha and alphas is None:
                    alphas = doc.to_array(IS_ALPHA).tolist()
                found = group.matches(lowers, alphas, positions)
            out.extend(self._windows(doc, group, positions) if found is None else found)
        out.sort(key=lambda m: (m[1], m[2]))
        return out

    @staticmethod
    def _windows(doc: Doc, group: _Group, positions: list[int]) -> list[tuple[int, int, int]]:
        """The group's spaCy Matcher run on merged windows from `positions`."""
        n, width, out = len(doc), group.longest + _MARGIN, []
        windows: list[list[int]] = []
        for a in positions:
            if windows and a <= windows[-1][1]:
                windows[-1][1] = min(n, a + width)
            else:
                windows.append([a, min(n, a + width)])
        for lo, hi in windows:
            out.extend((key, lo + s, lo + e) for key, s, e in group.matcher(doc[lo:hi]))
        return out


def rule_matchers(
    nlp: Language, rules: Iterable[tuple[str, Sequence[Sequence[dict]], Sequence[str]]]
) -> tuple[WindowedMatcher, PhraseMatcher]:
    """A token-pattern matcher and a lower-case phrase matcher for `(key, patterns,
    phrases)` rules (cue and relation rules from the knowledge files)."""
    matcher = WindowedMatcher(nlp.vocab, validate=True)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, patterns, texts in rules:
        if patterns:
            matcher.add(key, [list(p) for p in patterns])
        if texts:
            phrases.add(key, [nlp.make_doc(t) for t in texts])
    return matcher, phrases
