"""The Python API: analyze one text or article, or many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from evnews.build import build_analysis
from evnews.pipeline import load_pipeline
from evnews.result import Analysis
from evnews.sources import Article, parse_article
from evnews.textnorm import normalize


def _prepare(nlp, article: Article):
    doc = nlp.make_doc(normalize(article.body))
    doc._.evnews_article_date = article.reference_date
    # "day" only when the article date names the day; "gisteren" needs it.
    doc._.evnews_article_date_precision = "day" if len(article.date or "") >= 10 else "month"
    return doc


def analyze_article(article: Article, *, model: str | None = None) -> Analysis:
    """Analyze a parsed `Article` with the (cached) pipeline for `model`."""
    nlp, info = load_pipeline(model)
    doc = nlp(_prepare(nlp, article))
    return build_analysis(doc, article, info)


def analyze(text: str, date: str | None = None, *, model: str | None = None) -> Analysis:
    """Analyze one Dutch article given as text.

    A leading ` date YYYY-MM[-DD]` line and a `# title` line are read as metadata;
    `date` (YYYY-MM-DD) overrides the article date. `model` is a spaCy package name or
    path, `"rules"` for the rules pipeline, or None for nl_core_news_sm with a fallback.
    """
    import hashlib

    article = parse_article(text, "-", date)
    data = text.encode("utf-8")
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.bytes = len(data)
    return analyze_article(article, model=model)


def analyze_articles(
    articles: Iterable[Article], *, model: str | None = None, batch_size: int = 32
) -> Iterator[Analysis]:
    """Analyze articles in one process with `nlp.pipe`, yielding results in input order."""
    nlp, info = load_pipeline(model)
    pending = ((_prepare(nlp, a), a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield build_analysis(doc, article, info)
