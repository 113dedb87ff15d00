"""Turning a processed `Doc` into an `Analysis` (plain data, safe to pickle and serialize)."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components import extensions as ext
from evnews.pipeline import PipelineInfo
from evnews.result import (
    Amount,
    Analysis,
    ArticleInfo,
    Claim,
    CompanyRow,
    DateRow,
    Entity,
    Evidence,
    Partnership,
    Pipeline,
    Product,
    Source,
    VehicleType,
)
from evnews.sources import Article


class _Sentences:
    """Sentence index lookup by token position, and sentence texts from the original body."""

    def __init__(self, doc: Doc, body: str) -> None:
        sents = list(doc.sents)
        self.starts = [s.start for s in sents]
        self.texts = [body[s.start_char : s.end_char].strip() for s in sents]

    def of(self, span: Span) -> int:
        return max(bisect_right(self.starts, span.start) - 1, 0)


def _spans(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start, s.end)) if key in doc.spans else []


def _word_count(doc: Doc) -> int:
    """Tokens that are neither punctuation nor whitespace."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum()) if len(doc) else 0


def build_analysis(doc: Doc, article: Article, info: PipelineInfo) -> Analysis:
    """Collect every evnews layer of `doc` into one `Analysis`."""
    body = article.body
    sents = _Sentences(doc, body)

    def text(span: Span) -> str:
        return body[span.start_char : span.end_char]

    def evidence(items: list[dict]) -> list[Evidence]:
        # Components record the sentence index; the text comes from the original body.
        return [
            Evidence(
                sentence=e["sentence"],
                text=sents.texts[e["sentence"]],
                cues=list(e.get("cues", [])),
                status=e["status"],
                source=e.get("source"),
            )
            for e in items
        ]

    entities: list[Entity] = []
    for key, label in ext.ENTITY_KEYS.items():
        for s in _spans(doc, key):
            entities.append(
                Entity(
                    text=text(s),
                    label=label,
                    start=s.start_char,
                    end=s.end_char,
                    sentence=sents.of(s),
                    canonical=s._.canonical,
                )
            )
    dates = []
    for s in _spans(doc, ext.DATES):
        kind = s._.date_kind or "date"
        dates.append(
            DateRow(
                text=text(s),
                kind=kind,
                value=s._.value,
                start=s.start_char,
                end=s.end_char,
                sentence=sents.of(s),
            )
        )
        entities.append(
            Entity(
                text=text(s),
                label="DURATION" if kind == "duration" else "DATE",
                start=s.start_char,
                end=s.end_char,
                sentence=sents.of(s),
            )
        )
    entities.sort(key=lambda e: (e.start, e.end, e.label))

    amounts = [
        Amount(
            text=text(s),
            value=float(s._.value),
            currency=s._.currency,
            approximate=bool(s._.approximate),
            range=s._.range_id,
            start=s.start_char,
            end=s.end_char,
            sentence=sents.of(s),
        )
        for s in _spans(doc, ext.MONEY)
        if s._.value is not None and s._.currency
    ]

    vehicles: dict[str, VehicleType] = {}
    for s in _spans(doc, ext.VEHICLES):
        canon = s._.canonical or s.text.lower()
        row = vehicles.setdefault(
            canon, VehicleType(canonical=canon, texts=[], count=0, powertrain=s._.powertrain)
        )
        row.count += 1
        if text(s) not in row.texts:
            row.texts.append(text(s))

    products: dict[str, Product] = {}
    for s in _spans(doc, ext.PRODUCTS):
        name = s._.canonical or text(s)
        products.setdefault(name, Product(name=name, company=s._.company))

    claims = [
        Claim(
            sentence=sents.of(s),
            text=sents.texts[sents.of(s)],
            status=s._.status,
            cues=list(s._.cues or []),
            source=s._.source,
            companies=list(s._.claim_companies or []),
        )
        for s in _spans(doc, ext.CLAIMS)
    ]

    statuses = doc._.evnews_company_status or {}
    known = knowledge.companies()
    companies: dict[str, CompanyRow] = {}
    for s in _spans(doc, ext.COMPANIES):
        name = s._.canonical or text(s)
        entry = known.get(name) if s._.linked else None
        row = companies.get(name)
        if row is None:
            st = statuses.get(name, {})
            row = companies[name] = CompanyRow(
                name=name,
                aliases=[],
                type=entry.type if entry else None,
                country=entry.country if entry else None,
                parent=entry.parent if entry else None,
                linked=entry is not None,
                mentions=0,
                status=st.get("status", "mentioned"),
                evidence=evidence(st.get("evidence", [])),
            )
        row.mentions += 1
        if text(s) not in row.aliases:
            row.aliases.append(text(s))

    partnerships = [
        Partnership(
            companies=list(p["companies"]),
            status=p["status"],
            evidence=evidence(p["evidence"]),
        )
        for p in (doc._.evnews_partnerships or [])
    ]

    return Analysis(
        source=Source(path=article.source, sha256=article.sha256, bytes=article.bytes),
        article=ArticleInfo(
            date=article.date,
            title=article.title,
            language=article.language,
            words=_word_count(doc),
            sentences=len(sents.starts),
        ),
        pipeline=Pipeline(model=info.model, version=info.version, mode=info.mode),
        warnings=list(article.warnings),
        entities=entities,
        companies=list(companies.values()),
        partnerships=partnerships,
        amounts=amounts,
        dates=dates,
        vehicle_types=list(vehicles.values()),
        products=list(products.values()),
        claims=claims,
    )
