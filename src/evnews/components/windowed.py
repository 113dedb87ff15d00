"""A token Matcher run only on the windows where one of its patterns can start.

Each pattern's first token must be a required token with a LOWER test (a string, an IN list
or a REGEX), and each pattern has a bounded length ending in a required token. A window runs
from a token that passes some first-token test to the longest pattern length (plus a margin)
after it; overlapping or touching windows merge. Every match lies inside one window and no
matcher state outlives its window, so the matches, and their order, are those of the full
Matcher on the whole doc. Patterns that do not fit these rules make it match the whole doc.
"""

from __future__ import annotations

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


class WindowedMatcher:
    """Same matches as `Matcher` with the same patterns, found on anchor windows only."""

    def __init__(self, vocab: Vocab, validate: bool = True) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=validate)
        self.word_ids: set[int] = set()
        self.regexes: list[re.Pattern] = []
        self.regex_words = StringMemo(vocab, self._regex_word)
        self.longest = 0
        self.anchored = True

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.matcher.add(key, patterns)
        vocab_add = self.vocab.strings.add
        for pattern in patterns:
            lengths = [_length(spec) for spec in pattern]
            first, last = pattern[0], pattern[-1]
            lower = first.get("LOWER")
            if None in lengths or "OP" in first or "OP" in last:
                self.anchored = False
            elif isinstance(lower, str):
                self.word_ids.add(vocab_add(lower))
            elif isinstance(lower, dict) and "IN" in lower:
                self.word_ids.update(vocab_add(w) for w in lower["IN"])
            elif isinstance(lower, dict) and "REGEX" in lower:
                self.regexes.append(re.compile(lower["REGEX"]))
                self.regex_words.clear()
            else:
                self.anchored = False
            if self.anchored:
                self.longest = max(self.longest, sum(lengths))

    def __len__(self) -> int:
        return len(self.matcher)

    def _regex_word(self, text: str) -> bool:
        return any(r.search(text) for r in self.regexes)

    def _starts(self, doc: Doc) -> list[int]:
        lowers = doc.to_array(LOWER).tolist()
        ids = self.word_ids
        if self.regexes:
            ids = ids | self.regex_words.true_of(lowers)
        return [i for i, h in enumerate(lowers) if h in ids]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.anchored:
            return self.matcher(doc)
        width = self.longest + _MARGIN
        windows: list[list[int]] = []
        for a in self._starts(doc):
            if windows and a <= windows[-1][1]:
                windows[-1][1] = min(len(doc), a + width)
            else:
                windows.append([a, min(len(doc), a + width)])
        out = []
        for lo, hi in windows:
            out.extend((key, lo + s, lo + e) for key, s, e in self.matcher(doc[lo:hi]))
        return out
