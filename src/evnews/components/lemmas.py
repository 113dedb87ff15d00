"""`evnews_lemmatizer`: spaCy's Dutch lookup lemmatizer, one table lookup per distinct word.

spaCy's lemmatizer looks every token up in Python; this one maps the doc's ORTH array to
lemma hashes through a per-process memo and writes them back with `doc.from_array`. The
lemmas are the same: the lower-cased text looked up in `lemma_lookup`, itself if absent.
Other modes ("rule") run spaCy's own code.

`initialize` keeps spacy-lookups-data's lookup table as the plain dict it loads: spaCy's
`Table` hashes all 213,000 keys (half a second of start-up). The `Table` is built from that
dict, as spaCy builds it, when `lookups` is first read (to serialize, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.lang.nl import Dutch
from spacy.lang.nl.lemmatizer import DutchLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import load_language_data, registry
from thinc.api import Model


class ArrayLemmatizer(DutchLemmatizer):
    """`DutchLemmatizer` whose lookup mode works on token arrays."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.table = None  # the lemma_lookup table that `lemma_of` was filled from
        self.lemma_of: dict[int, int] = {}  # ORTH hash -> LEMMA hash

    @property
    def lookups(self) -> Lookups:
        """spaCy's lookups, with a pending plain lookup table turned into a `Table`."""
        if self.words is not None:
            self._lookups = Lookups()
            self._lookups.add_table("lemma_lookup", self.words)
            self.words = None
        return self._lookups

    @lookups.setter
    def lookups(self, value: Lookups) -> None:
        self._lookups = value
        self.words: dict[str, str] | None = None  # lemma_lookup, not yet a `Table`

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        lookups: Lookups | None = None,
    ) -> None:
        """Load spacy-lookups-data's lookup table as a plain dict (other cases: spaCy's)."""
        if self.mode != "lookup" or lookups is not None or self.vocab.lang not in registry.lookups:
            super().initialize(get_examples, nlp=nlp, lookups=lookups)
            return
        self.words = load_language_data(registry.lookups.get(self.vocab.lang)["lemma_lookup"])
        self._validated = True

    def _lemma(self, orth: int) -> int:
        text = self.vocab.strings[orth].lower()
        value = self.lemma_of[orth] = self.vocab.strings.add(self.table.get(text, text))
        return value

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        table = self.words
        if table is None:
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
