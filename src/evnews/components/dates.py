"""`evnews_dates`: placeholder, being written (TODO before stop)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("evnews_dates")
def make_dates(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:  # TODO: replace
        return doc

    return component
