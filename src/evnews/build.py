"""Turning a processed `Doc` into an `Analysis` (plain data, safe to pickle and serialize).

The rows are collected as plain dicts and validated once, as one `Analysis`: building the
pydantic models object by object costs more than the validation itself.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.tokens import Doc, Span

from evnews import knowledge
from evnews.components import extensions as ext
from evnews.components.extensions import span_attr
from evnews.components.phrases import DocWords
from evnews.pipeline import PipelineInfo
from evnews.result import Analysis
from evnews.sources import Article


class _Sentences:
    """Sentence index lookup by token position, and sentence texts from the original body."""

    def __init__(self, doc: Doc, body: str) -> None:
        bounds = DocWords.of(doc).sentences()
        chars, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        self.starts = [start for start, _ in bounds]
        self.texts = [
            body[chars[start] : chars[end - 1] + lengths[end - 1]].strip() for start, end in bounds
        ]

    def of(self, span: Span) -> int:
        return max(bisect_right(self.starts, span.start) - 1, 0)


def _spans(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: (s.start, s.end)) if key in doc.spans else []


def _word_count(doc: Doc) -> int:
    """Tokens that are neither punctuation nor whitespace."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum()) if len(doc) else 0


class _Rows:
    """Builds the plain-data rows of one `Analysis` from a doc's span groups."""

    def __init__(self, doc: Doc, body: str) -> None:
        self.doc = doc
        self.body = body
        self.sents = _Sentences(doc, body)

    def located(self, span: Span) -> dict:
        """Text, character offsets and sentence index of `span`."""
        return {
            "text": self.body[span.start_char : span.end_char],
            "start": span.start_char,
            "end": span.end_char,
            "sentence": self.sents.of(span),
        }

    def evidence(self, items: list[dict]) -> list[dict]:
        # Components record the sentence index; the text comes from the original body.
        return [
            {
                "sentence": e["sentence"],
                "text": self.sents.texts[e["sentence"]],
                "cues": list(e.get("cues", [])),
                "status": e["status"],
                "source": e.get("source"),
            }
            for e in items
        ]

    def entities_and_dates(self) -> tuple[list[dict], list[dict]]:
        entities, dates = [], []
        for key, label in ext.ENTITY_KEYS.items():
            for s in _spans(self.doc, key):
                canonical = span_attr(s, "canonical")
                entities.append({**self.located(s), "label": label, "canonical": canonical})
        for s in _spans(self.doc, ext.DATES):
            kind = span_attr(s, "date_kind") or "date"
            row = self.located(s)
            dates.append({**row, "kind": kind, "value": span_attr(s, "value")})
            label = "DURATION" if kind == "duration" else "DATE"
            entities.append({**row, "label": label, "canonical": None})
        entities.sort(key=lambda e: (e["start"], e["end"], e["label"]))
        return entities, dates

    def amounts(self) -> list[dict]:
        rows = []
        for s in _spans(self.doc, ext.MONEY):
            value, currency = span_attr(s, "value"), span_attr(s, "currency")
            if value is not None and currency:
                rows.append(
                    {
                        **self.located(s),
                        "value": float(value),
                        "currency": currency,
                        "approximate": bool(span_attr(s, "approximate")),
                        "range": span_attr(s, "range_id"),
                    }
                )
        return rows

    def vehicle_types(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for s in _spans(self.doc, ext.VEHICLES):
            canon = span_attr(s, "canonical") or s.text.lower()
            row = rows.get(canon)
            if row is None:
                powertrain = span_attr(s, "powertrain")
                row = rows[canon] = {
                    "canonical": canon,
                    "texts": [],
                    "count": 0,
                    "powertrain": powertrain,
                }
            row["count"] += 1
            text = self.body[s.start_char : s.end_char]
            if text not in row["texts"]:
                row["texts"].append(text)
        return list(rows.values())

    def products(self) -> list[dict]:
        rows: dict[str, dict] = {}
        for s in _spans(self.doc, ext.PRODUCTS):
            name = span_attr(s, "canonical") or self.body[s.start_char : s.end_char]
            if name not in rows:
                rows[name] = {"name": name, "company": span_attr(s, "company")}
        return list(rows.values())

    def claims(self) -> list[dict]:
        rows = []
        for s in _spans(self.doc, ext.CLAIMS):
            sentence = self.sents.of(s)
            rows.append(
                {
                    "sentence": sentence,
                    "text": self.sents.texts[sentence],
                    "status": span_attr(s, "status"),
                    "cues": list(span_attr(s, "cues") or []),
                    "source": span_attr(s, "source"),
                    "companies": list(span_attr(s, "claim_companies") or []),
                }
            )
        return rows

    def companies(self) -> list[dict]:
        statuses = self.doc._.evnews_company_status or {}
        known = knowledge.companies()
        rows: dict[str, dict] = {}
        for s in _spans(self.doc, ext.COMPANIES):
            text = self.body[s.start_char : s.end_char]
            name = span_attr(s, "canonical") or text
            row = rows.get(name)
            if row is None:
                entry = known.get(name) if span_attr(s, "linked") else None
                st = statuses.get(name, {})
                row = rows[name] = {
                    "name": name,
                    "aliases": [],
                    "type": entry.type if entry else None,
                    "country": entry.country if entry else None,
                    "parent": entry.parent if entry else None,
                    "linked": entry is not None,
                    "mentions": 0,
                    "status": st.get("status", "mentioned"),
                    "evidence": self.evidence(st.get("evidence", [])),
                }
            row["mentions"] += 1
            if text not in row["aliases"]:
                row["aliases"].append(text)
        return list(rows.values())

    def partnerships(self) -> list[dict]:
        return [
            {
                "companies": list(p["companies"]),
                "kinds": list(p["kinds"]),
                "status": p["status"],
                "evidence": self.evidence(p["evidence"]),
            }
            for p in (self.doc._.evnews_partnerships or [])
        ]


def build_analysis(doc: Doc, article: Article, info: PipelineInfo) -> Analysis:
    """Collect every evnews layer of `doc` into one `Analysis`."""
    rows = _Rows(doc, article.body)
    entities, dates = rows.entities_and_dates()
    return Analysis.model_validate(
        {
            "source": {"path": article.source, "sha256": article.sha256, "bytes": article.bytes},
            "article": {
                "date": article.date,
                "title": article.title,
                "language": article.language,
                "words": _word_count(doc),
                "sentences": len(rows.sents.starts),
            },
            "pipeline": {"model": info.model, "version": info.version, "mode": info.mode},
            "warnings": list(article.warnings),
            "entities": entities,
            "companies": rows.companies(),
            "partnerships": rows.partnerships(),
            "amounts": rows.amounts(),
            "dates": dates,
            "vehicle_types": rows.vehicle_types(),
            "products": rows.products(),
            "claims": rows.claims(),
        }
    )
