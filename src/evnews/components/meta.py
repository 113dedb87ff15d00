"""`evnews`: all evnews components as one pipe, and the `Doc._.evnews` result extension.

nlp = spacy.blank("nl")
nlp.add_pipe("evnews")           # or add "evnews_companies", ... one by one
doc = nlp("Tesla bevestigt dat het een fabriek bouwt.")
doc._.evnews["companies"][0]["status"]   # 'confirmed'
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc


class EvnewsPipe:
    """Runs every evnews component in order; adds sentence boundaries if none are set."""

    def __init__(self, nlp: Language, name: str = "evnews") -> None:
        from evnews.pipeline import EVNEWS_COMPONENTS

        self.name = name
        self.sentencizer = Sentencizer()
        self.steps = [nlp.create_pipe(step) for step in EVNEWS_COMPONENTS]

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("SENT_START"):
            doc = self.sentencizer(doc)
        for step in self.steps:
            doc = step(doc)
        return doc


@Language.factory("evnews")
def make_evnews(nlp: Language, name: str) -> EvnewsPipe:
    return EvnewsPipe(nlp, name)


def doc_result(doc: Doc) -> dict:
    """The analysis of a processed Doc as plain data (the `analyze --json` document
    without `source` and `pipeline`). Computed on each access: keep the value."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError(
            "Doc._.evnews needs sentence boundaries: add a 'sentencizer' or a parser "
            "before the evnews components, or use the single 'evnews' component"
        )
    import spacy

    from evnews.build import build_analysis
    from evnews.pipeline import PipelineInfo
    from evnews.sources import Article

    day = doc._.evnews_article_date
    article = Article(body=doc.text, date=day.isoformat() if day else None)
    info = PipelineInfo(model="custom", version=spacy.__version__, mode="rules")
    return build_analysis(doc, article, info).model_dump(
        mode="json", exclude={"source", "pipeline"}
    )


if not Doc.has_extension("evnews"):
    Doc.set_extension("evnews", getter=doc_result)
