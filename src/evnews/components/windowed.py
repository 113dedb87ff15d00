"""A token Matcher run only on the windows where one of its patterns can start.

Each pattern's first token must be a required token with a LOWER test (a string, an IN list
or a REGEX), and each pattern has a bounded length ending in a required token. Patterns are
grouped by that first-token test, each group with its own Matcher; a window runs from a
token that passes the group's test to the group's longest pattern length (plus a margin)
after it, and overlapping windows of a group merge. Every match lies inside one window of
its own group, so the matches are those of the full Matcher on the whole doc, returned in
text order (start, then end). Patterns that do not fit these rules make it match the whole
doc.
"""

from __future__ import annotations

import json
import re

from spacy.attrs import LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from evnews.components.phrases import StringMemo

_MARGIN = 2
_BOUNDED = re.compile(r"\{(\d*),?(\d+)\}")


def _length(spec: dict) -> int | None:
    """The most tokens a pattern token spec can take (None: unbounded)."""
    op = spec.get("OP")
    if op is None or op in ("?", "!"):
        return 1
    m = _BOUNDED.fullmatch(op)
    return int(m.group(2)) if m else None


class _Group:
    """The patterns that share one first-token test, with their own Matcher."""

    def __init__(self, vocab: Vocab, validate: bool, lower: object) -> None:
        self.matcher = Matcher(vocab, validate=validate)
        self.longest = 0
        self.word_ids: frozenset[int] = frozenset()
        self.regex: re.Pattern | None = None
        if isinstance(lower, str):
            self.word_ids = frozenset({vocab.strings.add(lower)})
        elif isinstance(lower, dict) and "IN" in lower:
            self.word_ids = frozenset(vocab.strings.add(w) for w in lower["IN"])
        else:
            self.regex = re.compile(lower["REGEX"])


class WindowedMatcher:
    """Same matches as `Matcher` with the same patterns, found on anchor windows only.

    Patterns are grouped by their first-token test; a window only runs the group whose
    test its first token passes, so few patterns are tried at each place.
    """

    def __init__(self, vocab: Vocab, validate: bool = True) -> None:
        self.vocab = vocab
        self.validate = validate
        self.matcher = Matcher(vocab, validate=validate)  # all patterns, for unanchored use
        self.groups: dict[str, _Group] = {}
        self.by_word: dict[int, tuple[str, ...]] = {}  # word hash -> groups it starts
        self.regex_words = StringMemo(vocab, self._regex_word)
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
        for i, h in enumerate(lowers):
            for name in by_word.get(h, ()):
                starts.setdefault(name, []).append(i)
        memo = self.regex_words
        for i in memo.where(lowers):
            for name in memo(lowers[i]):
                starts.setdefault(name, []).append(i)
        n, out = len(doc), []
        for name, positions in starts.items():
            group = self.groups[name]
            width = group.longest + _MARGIN
            windows: list[list[int]] = []
            for a in positions:
                if windows and a <= windows[-1][1]:
                    windows[-1][1] = min(n, a + width)
                else:
                    windows.append([a, min(n, a + width)])
            for lo, hi in windows:
                out.extend((key, lo + s, lo + e) for key, s, e in group.matcher(doc[lo:hi]))
        out.sort(key=lambda m: (m[1], m[2]))
        return out
