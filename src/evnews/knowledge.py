"""Loading and validating the package's knowledge files (read once, cached)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file and the entry."""


@cache
def load_toml(name: str) -> dict:
    """Parse `evnews/data/<name>` (cached)."""
    with resources.files("evnews.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


COMPANY_TYPES = frozenset(
    {
        "automaker",
        "brand",
        "tech",
        "supplier",
        "battery",
        "startup",
        "dealer",
        "association",
        "mobility",
        "energy",
        "investor",
        "government",
        "other",
    }
)


@dataclass(frozen=True)
class Company:
    """One company or brand from companies.toml."""

    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    parent: str | None
    # Aliases that are also ordinary words: matched only with their exact capitalisation
    # and not at the start of a sentence.
    ambiguous: tuple[str, ...] = ()


@cache
def companies() -> dict[str, Company]:
    """All companies by canonical name, validated."""
    raw = load_toml("companies.toml").get("company", [])
    out: dict[str, Company] = {}
    for i, entry in enumerate(raw):
        where = f"companies.toml entry {i} ({entry.get('name', '?')})"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise KnowledgeError(f"{where}: missing name")
        if name in out:
            raise KnowledgeError(f"{where}: duplicate name")
        ctype = entry.get("type")
        if ctype not in COMPANY_TYPES:
            raise KnowledgeError(f"{where}: type {ctype!r} not in {sorted(COMPANY_TYPES)}")
        aliases = tuple(entry.get("aliases", []))
        ambiguous = tuple(entry.get("ambiguous", []))
        if not set(ambiguous) <= set(aliases) | {name}:
            raise KnowledgeError(f"{where}: ambiguous forms must be the name or an alias")
        out[name] = Company(
            name=name,
            aliases=aliases,
            type=ctype,
            country=entry.get("country"),
            parent=entry.get("parent"),
            ambiguous=ambiguous,
        )
    for c in out.values():
        if c.parent and c.parent not in out:
            raise KnowledgeError(f"companies.toml: {c.name}: unknown parent {c.parent!r}")
    return out


MEDIA_KINDS = frozenset({"agency", "newspaper", "magazine", "site", "broadcaster", "analyst"})


@dataclass(frozen=True)
class Medium:
    """A news agency or outlet from media.toml: cited as a source, not an actor."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None


@cache
def media() -> dict[str, Medium]:
    """All media by canonical name, validated (names and aliases unique)."""
    out: dict[str, Medium] = {}
    seen: dict[str, str] = {}
    for i, entry in enumerate(load_toml("media.toml").get("medium", [])):
        where = f"media.toml entry {i} ({entry.get('name', '?')})"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise KnowledgeError(f"{where}: missing name")
        if entry.get("kind") not in MEDIA_KINDS:
            kinds = sorted(MEDIA_KINDS)
            raise KnowledgeError(f"{where}: kind {entry.get('kind')!r} not in {kinds}")
        aliases = tuple(entry.get("aliases", []))
        for form in (name, *aliases):
            if form in seen:
                raise KnowledgeError(f"{where}: {form!r} already used by {seen[form]}")
            seen[form] = name
        out[name] = Medium(name, aliases, entry["kind"], entry.get("country"))
    return out


@cache
def media_forms() -> dict[str, str]:
    """Every surface form of a medium (name or alias) -> canonical medium name."""
    return {form: m.name for m in media().values() for form in (m.name, *m.aliases)}
