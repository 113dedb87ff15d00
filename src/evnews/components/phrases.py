"""Fast lookup of multi-token phrases (tuples of lower-case tokens) in a token list."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.tokens import Doc


class Phrases:
    """A set of phrases indexed by their first and last token, for O(1) misses."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self.phrases = frozenset(phrases)
        self.firsts = frozenset(p[0] for p in self.phrases)
        self.lasts = frozenset(p[-1] for p in self.phrases)
        self.longest = max((len(p) for p in self.phrases), default=0)

    def at(self, low: list[str], i: int) -> tuple[str, ...] | None:
        """The longest phrase starting at token i, or None."""
        if i >= len(low) or low[i] not in self.firsts:
            return None
        for n in range(min(self.longest, len(low) - i), 0, -1):
            phrase = tuple(low[i : i + n])
            if phrase in self.phrases:
                return phrase
        return None

    def ending(self, low: list[str], end: int) -> tuple[str, ...] | None:
        """The longest phrase ending just before token `end`, or None."""
        if end <= 0 or low[end - 1] not in self.lasts:
            return None
        for n in range(min(self.longest, end), 0, -1):
            phrase = tuple(low[end - n : end])
            if phrase in self.phrases:
                return phrase
        return None


def token_strings(doc: Doc, attr: int = LOWER) -> list[str]:
    """Each token's string for `attr` (LOWER: `lower_`, ORTH: `text`) without Token objects."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(attr).tolist()]
