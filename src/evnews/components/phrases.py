"""Fast lookup of multi-token phrases (tuples of lower-case tokens) in a token list."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import compress
from typing import Generic, TypeVar

from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc
from spacy.vocab import Vocab

T = TypeVar("T")


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


# The hashes and strings of the last `token_strings` call per attribute: the components
# that run one after another on a doc ask for the same strings.
_last_strings: dict[int, tuple[list[int], list[str]]] = {}


def token_strings(doc: Doc, attr: int = LOWER) -> list[str]:
    """Each token's string for `attr` (LOWER: `lower_`, ORTH: `text`) without Token objects."""
    hashes = doc.to_array(attr).tolist()
    last = _last_strings.get(attr)
    if last is None or last[0] != hashes:
        strings = doc.vocab.strings
        last = _last_strings[attr] = (hashes, [strings[h] for h in hashes])
    return list(last[1])


# Private `doc.user_data` key: the doc's shared `DocWords`.
_WORDS_KEY = "evnews_words"


class DocWords:
    """A doc's lower-case token strings and sentence starts, read once from its arrays, for
    rules that look at many tokens (no `Token` objects, no `token.sent` scans)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.low = token_strings(doc)
        sent_starts = doc.to_array(SENT_START).tolist()
        self.starts = [i for i, s in enumerate(sent_starts) if s == 1 or i == 0]

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """The doc's shared `DocWords`, read on first use. Only for components that run
        after the last retokenization and sentence change (evnews_companies); callers must
        not modify `low` or `starts`."""
        words = doc.user_data.get(_WORDS_KEY)
        if words is None or len(words.low) != len(doc):
            words = doc.user_data[_WORDS_KEY] = cls(doc)
        return words

    def sentences(self) -> list[tuple[int, int]]:
        """Start and end of each sentence, as `doc.sents` has them (without Span objects)."""
        ends = [*self.starts[1:], len(self.low)] if self.starts else []
        return list(zip(self.starts, ends, strict=True))

    def sentence(self, i: int) -> tuple[int, int]:
        """Start and end of the sentence of token i, as `doc[i].sent` has them."""
        k = bisect_right(self.starts, i)
        return self.starts[k - 1], self.starts[k] if k < len(self.starts) else len(self.low)


class StringMemo(Generic[T]):
    """`fn(string)` memoized by string hash, for per-token tests on `doc.to_array` values.

    Each distinct word is computed once per process, not once per token or per doc.
    """

    def __init__(self, vocab: Vocab, fn: Callable[[str], T]) -> None:
        self.vocab = vocab
        self.fn = fn
        self.values: dict[int, T] = {}
        self.trues: set[int] = set()  # the hashes whose value is true

    def __call__(self, h: int) -> T:
        try:
            return self.values[h]
        except KeyError:
            value = self.values[h] = self.fn(self.vocab.strings[h])
            if value:
                self.trues.add(h)
            return value

    def clear(self) -> None:
        """Forget every value (after `fn` changed)."""
        self.values.clear()
        self.trues.clear()

    def _learn(self, hashes: list[int]) -> None:
        """Compute the words of `hashes` not seen before (one lookup per distinct word)."""
        for h in set(hashes).difference(self.values):
            self(h)

    def true_of(self, hashes: list[int]) -> set[int]:
        """The distinct hashes among `hashes` whose value is true."""
        self._learn(hashes)
        return self.trues.intersection(hashes)

    def where(self, hashes: list[int]) -> list[int]:
        """The positions in `hashes` whose value is true."""
        self._learn(hashes)
        return list(compress(range(len(hashes)), map(self.trues.__contains__, hashes)))
