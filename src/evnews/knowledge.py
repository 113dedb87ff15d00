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


@dataclass(frozen=True)
class LanguageCheck:
    """Function-word lists per language and the thresholds of the "is this Dutch?" check."""

    words: dict[str, frozenset[str]]
    names: dict[str, str]
    min_words: int
    min_share: float
    margin: float


@cache
def languages() -> LanguageCheck:
    """languages.toml, validated: a Dutch list, names for every list, no shared words."""
    raw = load_toml("languages.toml")
    words = {lang: frozenset(w.lower() for w in ws) for lang, ws in raw["words"].items()}
    names = dict(raw.get("names", {}))
    if "nl" not in words:
        raise KnowledgeError("languages.toml: [words] needs an 'nl' list")
    for lang in words:
        if lang not in names:
            raise KnowledgeError(f"languages.toml: [names] lacks {lang!r}")
    langs = sorted(words)
    for i, a in enumerate(langs):
        for b in langs[i + 1 :]:
            shared = words[a] & words[b]
            if shared:
                raise KnowledgeError(f"languages.toml: {a} and {b} share {sorted(shared)}")
    check = raw.get("check", {})
    return LanguageCheck(
        words=words,
        names=names,
        min_words=int(check.get("min_words", 20)),
        min_share=float(check.get("min_share", 0.08)),
        margin=float(check.get("margin", 2.0)),
    )


@dataclass(frozen=True)
class CompanyContext:
    """Cues for unknown company names and ambiguous forms (company_context.toml)."""

    heads: frozenset[str]
    suffixes: frozenset[str]
    actions: frozenset[str]
    not_names: frozenset[str]


@cache
def company_context() -> CompanyContext:
    """Context words that mark company names, validated (non-empty string lists)."""
    raw = load_toml("company_context.toml")
    lists = {}
    for key in ("heads", "suffixes", "actions", "not_names"):
        items = raw.get(key)
        if not items or not all(isinstance(x, str) and x.strip() for x in items):
            raise KnowledgeError(f"company_context.toml: {key} must be a non-empty string list")
        lists[key] = frozenset(items)
    if any(h != h.lower() for h in lists["heads"]):
        raise KnowledgeError("company_context.toml: heads must be lower case")
    return CompanyContext(**lists)
