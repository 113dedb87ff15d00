"""`evnews_sentencizer`: spaCy's rule-based sentencizer, reading token arrays.

spaCy's `Sentencizer.predict` builds a `Token` for every token of the doc; this one reads
the doc's ORTH and IS_PUNCT arrays and looks only after each sentence-final character.
The sentence starts are the same: the first token, and after a token of `punct_chars`
the next token that is neither punctuation nor one of `punct_chars`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc


class ArraySentencizer(Sentencizer):
    """`Sentencizer` whose predictions come from token arrays."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._chars: set[str] | None = None  # the `punct_chars` that `_ids` holds
        self._ids: frozenset[int] = frozenset()

    def _end_ids(self) -> frozenset[int]:
        """The ORTH hashes of `punct_chars` (recomputed after the set was replaced)."""
        if self._chars is not self.punct_chars:
            self._chars = self.punct_chars
            self._ids = frozenset(get_string_id(c) for c in self.punct_chars)
        return self._ids

    def predict(self, docs) -> list[list[bool]]:
        return [self._starts(doc) for doc in docs]

    def _starts(self, doc: Doc) -> list[bool]:
        """For each token, whether it starts a sentence (as `Sentencizer.predict`)."""
        n = len(doc)
        if not n:
            return []
        orths, puncts = doc.to_array([ORTH, IS_PUNCT]).T.tolist()
        ids = self._end_ids()
        guesses = [False] * n
        guesses[0] = True
        after = 0  # the tokens before `after` are decided
        for end in [i for i, o in enumerate(orths) if o in ids]:
            if end < after:
                continue
            j = end + 1
            while j < n and (puncts[j] or orths[j] in ids):
                j += 1
            if j < n:
                guesses[j] = True
            after = j
        return guesses


@Language.factory(
    "evnews_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={
        "punct_chars": None,
        "overwrite": False,
        "scorer": {"@scorers": "spacy.senter_scorer.v1"},
    },
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentencizer(
    nlp: Language,
    name: str,
    punct_chars: list[str] | None,
    overwrite: bool,
    scorer: Callable | None,
) -> ArraySentencizer:
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
