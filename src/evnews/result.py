"""The typed analysis result (pure data, no spaCy objects) and its JSON Schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"

Status = Literal["confirmed", "rumoured", "speculative", "denied", "mentioned"]
STATUSES: tuple[str, ...] = ("confirmed", "rumoured", "speculative", "denied", "mentioned")
Relation = Literal[
    "cooperation", "joint_venture", "supply", "talks", "stake", "ownership", "acquisition"
]
EntityLabel = Literal[
    "COMPANY", "PRODUCT", "VEHICLE_TYPE", "MONEY", "DATE", "DURATION", "PERSON", "LOCATION"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where the article came from."""

    path: str = Field(description='File path, URL, or "-" for stdin')
    sha256: str
    bytes: int


class ArticleInfo(_Model):
    date: str | None = Field(description="Article date, YYYY-MM-DD or YYYY-MM")
    title: str | None
    language: str = Field(default="nl", description="ISO 639-1 code the text looks like")
    words: int
    sentences: int


class Pipeline(_Model):
    model: str
    version: str
    mode: Literal["statistical", "rules"]


class Entity(_Model):
    text: str
    label: EntityLabel
    start: int = Field(description="Character offset into the article body")
    end: int
    sentence: int
    canonical: str | None = None


class Evidence(_Model):
    sentence: int
    text: str
    cues: list[str]
    status: Status
    source: str | None = Field(description='Cited source, e.g. "Reuters" or "bronnen"')


def deciding(evidence: Sequence[Evidence], status: str) -> Evidence:
    """The evidence behind a status: the last item with that status, else the last one."""
    return next((e for e in reversed(evidence) if e.status == status), evidence[-1])


class CompanyRow(_Model):
    name: str = Field(description="Canonical name (the surface form when not linked)")
    aliases: list[str] = Field(description="Surface forms seen in the article")
    type: str | None
    country: str | None
    parent: str | None = None
    linked: bool = Field(description="Found in the knowledge file")
    mentions: int
    status: Status
    evidence: list[Evidence]


class Partnership(_Model):
    companies: list[str] = Field(min_length=2, max_length=2)
    kinds: list[Relation] = Field(description="Kinds of tie named, in order of first mention")
    status: Status
    evidence: list[Evidence]


class Amount(_Model):
    text: str
    value: float = Field(description="Number in the stated currency")
    currency: str = Field(description="ISO 4217 code")
    approximate: bool
    range: int | None = Field(default=None, description="Shared id of the two ends of a range")
    start: int
    end: int
    sentence: int


class DateRow(_Model):
    text: str
    kind: Literal["date", "duration"]
    value: str | None = Field(description="ISO 8601 date or duration (P10Y); null if unresolved")
    start: int
    end: int
    sentence: int


class VehicleType(_Model):
    canonical: str
    texts: list[str]
    count: int
    powertrain: Literal["electric", "hybrid", "hydrogen", "combustion"] | None


class Product(_Model):
    name: str
    company: str | None


class Claim(_Model):
    sentence: int
    text: str
    status: Status
    cues: list[str]
    source: str | None
    companies: list[str]


class Analysis(_Model):
    """Everything evnews found in one article (JSON schema_version 2)."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    source: Source
    article: ArticleInfo
    pipeline: Pipeline
    warnings: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    companies: list[CompanyRow] = Field(default_factory=list)
    partnerships: list[Partnership] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateRow] = Field(default_factory=list)
    vehicle_types: list[VehicleType] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of an `Analysis` document."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://evnews.invalid/schema/v{SCHEMA_VERSION}.json"
    return schema
