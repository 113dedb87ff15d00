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
    return analyze_article(text_article(text, date), model=model)


def text_article(text: str, date: str | None = None) -> Article:
    """An `Article` from text given in Python (source "-"), as `analyze` reads it."""
    import hashlib

    article = parse_article(text, "-", date)
    data = text.encode("utf-8")
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.bytes = len(data)
    return article


def analyze_articles(
    articles: Iterable[Article], *, model: str | None = None, batch_size: int = 32
) -> Iterator[Analysis]:
    """Analyze articles in one process with `nlp.pipe`, yielding results in input order."""
    nlp, info = load_pipeline(model)
    pending = ((_prepare(nlp, a), a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield build_analysis(doc, article, info)


def _analyze_chunk(chunk: list[tuple[int, Article]]) -> list[str]:
    """In a batch worker process: analyze a chunk, returning JSON documents in order."""
    from evnews import batch

    assert batch._worker is not None
    records = batch._worker._analyze(chunk)
    for r in records:
        if r.error:
            raise RuntimeError(f"{r.source}: {r.error}")
    return [r.json for r in records]


def analyze_many(
    items: Iterable[str | Article],
    *,
    workers: int = 1,
    model: str | None = None,
    batch_size: int = 32,
) -> Iterator[Analysis]:
    """Analyze many articles (texts or `Article`s), yielding results in input order.

    `workers=1` runs in this process with `nlp.pipe`; more workers use the process pool of
    `evnews batch` (each worker loads the pipeline once; at most two chunks per worker in
    flight). A text that is not an article (e.g. empty) raises `InputError` when the batch
    holding it is read, so results of that batch may be left unyielded.
    """
    articles = (a if isinstance(a, Article) else text_article(a) for a in items)
    if workers <= 1:
        yield from analyze_articles(articles, model=model, batch_size=batch_size)
        return
    from itertools import islice

    from evnews import batch

    # Load the pipeline here: forked workers inherit it instead of loading their own, and
    # a bad model fails early.
    load_pipeline(model)
    numbered = enumerate(articles)
    chunks = iter(lambda: list(islice(numbered, batch_size)), [])
    pool = batch.OrderedPool(workers, batch._init_worker, (model, None, 0))
    try:
        for documents in pool.map(_analyze_chunk, chunks):
            yield from map(Analysis.model_validate_json, documents)
    finally:
        pool.close()
