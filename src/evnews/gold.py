"""Hand-written gold annotations for `evnews eval` (`NAME.gold.json` beside `NAME.txt`).

A field left out of a gold file is not scored for that article; an empty list means
"there are none", so every prediction for that field counts as a false positive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evnews.result import Status


class GoldError(ValueError):
    """A gold file is missing, not JSON, or does not follow the gold format."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _name_shorthand(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class GoldName(_Model):
    """A named thing; `aliases` lists other acceptable canonical names."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class GoldCompany(GoldName):
    status: Status | None = Field(
        default=None, description="Expected company status; companies without one are not scored"
    )


class GoldProduct(GoldName):
    company: str | None = None


class GoldAmount(_Model):
    value: float
    currency: str = Field(min_length=3, max_length=3)
    text: str | None = Field(default=None, description="For the reader; not scored")


class GoldDate(_Model):
    text: str = Field(min_length=1)
    value: str | list[str] | None = Field(
        description="ISO value (or a list of acceptable values); null when unresolvable"
    )

    @property
    def values(self) -> tuple[str, ...]:
        if self.value is None:
            return ()
        return (self.value,) if isinstance(self.value, str) else tuple(self.value)


class GoldPartnership(_Model):
    companies: list[str] = Field(min_length=2, max_length=2)
    status: Status | None = None


class Gold(_Model):
    """The expected analysis of one article; None means "field not annotated"."""

    note: str | None = Field(default=None, description="Free comment for annotators")
    companies: list[GoldCompany] | None = None
    products: list[GoldProduct] | None = None
    vehicle_types: list[GoldName] | None = None
    amounts: list[GoldAmount] | None = None
    dates: list[GoldDate] | None = None
    partnerships: list[GoldPartnership] | None = None

    @field_validator("companies", "products", "vehicle_types", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return [_name_shorthand(v) for v in value] if isinstance(value, list) else value


def parse_gold(data: dict, where: str = "gold") -> Gold:
    """Validate a gold dict, raising GoldError with the first problem."""
    try:
        return Gold.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise GoldError(f"{where}: {loc}: {err['msg']}") from None


def load_gold(path: Path) -> Gold:
    """Read and validate one `NAME.gold.json` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object")
    return parse_gold(data, str(path))
