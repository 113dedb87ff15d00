"""`evnews_lemmatizer`: spaCy's Dutch lookup lemmatizer, one table lookup per distinct word.

spaCy's lemmatizer looks every token up in Python; this one maps the doc's ORTH array to
lemma hashes through a per-process memo and writes them back with `doc.from_array`. The
lemmas are the same: the lower-cased text looked up in `lemma_lookup`, itself if absent.
Other modes ("rule") run spaCy's own code.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.lang.nl import Dutch
from spacy.lang.nl.lemmatizer import DutchLemmatizer
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model


class ArrayLemmatizer(DutchLemmatizer):
    """`DutchLemmatizer` whose lookup mode works on token arrays."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.table = None  # the lemma_lookup table that `lemma_of` was filled from
        self.lemma_of: dict[int, int] = {}  # ORTH hash -> LEMMA hash

    def _lemma(self, orth: int) -> int:
        text = self.vocab.strings[orth].lower()
        value = self.lemma_of[orth] = self.vocab.strings.add(self.table.get(text, text))
        return value

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        table = self.lookups.get_table("lemma_lookup", {})
        if table is not self.table:  # initialized or loaded again: start a new memo
            self.table, self.lemma_of = table, {}
        memo, lemma = self.lemma_of, self._lemma
        orths, lemmas = doc.to_array([ORTH, LEMMA]).T.tolist()
        values = [
            old if old and not self.overwrite else (memo[o] if o in memo else lemma(o))
            for o, old in zip(orths, lemmas, strict=True)
        ]
        doc.from_array([LEMMA], numpy.array(values, dtype="uint64"))
        return doc


@Dutch.factory(
    "evnews_lemmatizer",
    assigns=["token.lemma"],
    default_config={
        "model": None,
        "mode": "lookup",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
    default_score_weights={"lemma_acc": 1.0},
)
def make_lemmatizer(
    nlp: Language,
    model: Model | None,
    name: str,
    mode: str,
    overwrite: bool,
    scorer: Callable | None,
) -> ArrayLemmatizer:
    return ArrayLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
