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
    # Forms matched only next to company context ("het merk Tank", "Tank 500", "Tank-topman").
    context_only: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@cache
def companies() -> dict[str, Company]:
    """All companies by canonical name, validated."""
    raw = load_toml("companies.toml").get("company", [])
    out: dict[str, Company] = {}
    forms_seen: dict[str, str] = {}
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
        context_only = tuple(entry.get("context_only", []))
        if not set(ambiguous) | set(context_only) <= set(aliases) | {name}:
            raise KnowledgeError(f"{where}: ambiguous/context_only forms must be name or alias")
        country = entry.get("country")
        if country is not None and not (len(country) == 2 and country.isupper()):
            raise KnowledgeError(f"{where}: country {country!r} is not ISO 3166-1 alpha-2")
        for form in (name, *aliases):
            if form in forms_seen:
                raise KnowledgeError(f"{where}: {form!r} already used by {forms_seen[form]}")
            forms_seen[form] = name
        out[name] = Company(
            name=name,
            aliases=aliases,
            type=ctype,
            country=country,
            parent=entry.get("parent"),
            ambiguous=ambiguous,
            context_only=context_only,
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
class MoneyKnowledge:
    """Validated money.toml: currency forms, scales, fractions, hedges, blockers, ranges.

    Multi-token forms are kept as tuples of lower-case tokens.
    """

    symbols: dict[str, str]  # "€" -> "EUR"
    words: dict[tuple[str, ...], str]  # ("zwitserse", "frank") -> "CHF"
    ambiguous: frozenset[str]
    subunits: dict[str, float]
    scales: dict[str, float]
    english_scales: dict[str, float]
    glued_scales: dict[str, float]
    fractions: dict[tuple[str, ...], float]
    hedges: frozenset[tuple[str, ...]]
    hedge_not_after: frozenset[str]
    blocking_units: frozenset[str]
    not_before_word: tuple[str, ...]
    year_prepositions: frozenset[str]
    vague_before: frozenset[str]
    connectors: frozenset[tuple[str, ...]]
    between: frozenset[str]
    between_and: frozenset[str]


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    return [tuple(item.lower().split()) for item in items]


def _numbers(table: dict, where: str) -> dict[str, float]:
    for key, value in table.items():
        if not isinstance(value, int | float) or value <= 0:
            raise KnowledgeError(f"{where}: {key!r} needs a positive number")
    return {k.lower(): float(v) for k, v in table.items()}


@cache
def money() -> MoneyKnowledge:
    """Money knowledge from money.toml, validated (ISO codes are three capitals)."""
    raw = load_toml("money.toml")
    symbols: dict[str, str] = {}
    words: dict[tuple[str, ...], str] = {}
    ambiguous: set[str] = set()
    for code, entry in raw.get("currency", {}).items():
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            raise KnowledgeError(f"money.toml: {code!r} is not an ISO 4217 code")
        for form in entry.get("symbols", []):
            if form.lower() in symbols:
                raise KnowledgeError(f"money.toml: symbol {form!r} listed twice")
            symbols[form.lower()] = code
        for phrase in _phrases(entry.get("words", [])):
            if phrase in words:
                raise KnowledgeError(f"money.toml: word {' '.join(phrase)!r} listed twice")
            words[phrase] = code
        extra = {w.lower() for w in entry.get("ambiguous", [])} - {" ".join(p) for p in words}
        if extra:
            raise KnowledgeError(f"money.toml: {code}: ambiguous forms {extra} are not words")
        ambiguous.update(w.lower() for w in entry.get("ambiguous", []))
    fractions = {
        tuple(k.lower().split()): v
        for k, v in _numbers(raw.get("fractions", {}), "money.toml [fractions]").items()
    }
    blocking = raw.get("blocking", {})
    ranges = raw.get("ranges", {})
    return MoneyKnowledge(
        symbols=symbols,
        words=words,
        ambiguous=frozenset(ambiguous),
        subunits=_numbers(raw.get("subunits", {}), "money.toml [subunits]"),
        scales=_numbers(raw.get("scale", {}), "money.toml [scale]"),
        english_scales=_numbers(raw.get("english_scale", {}), "money.toml [english_scale]"),
        glued_scales=_numbers(raw.get("glued_scale", {}), "money.toml [glued_scale]"),
        fractions=fractions,
        hedges=frozenset(_phrases(raw.get("hedges", {}).get("words", []))),
        hedge_not_after=frozenset(w.lower() for w in raw.get("hedges", {}).get("not_after", [])),
        blocking_units=frozenset(u.lower() for u in blocking.get("units", [])),
        not_before_word=tuple(w.lower() for w in blocking.get("not_before_word", [])),
        year_prepositions=frozenset(w.lower() for w in blocking.get("year_prepositions", [])),
        vague_before=frozenset(w.lower() for w in blocking.get("vague_before", [])),
        connectors=frozenset(_phrases(ranges.get("connectors", []))),
        between=frozenset(w.lower() for w in ranges.get("between", [])),
        between_and=frozenset(w.lower() for w in ranges.get("between_and", [])),
    )


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
    naming: frozenset[str]


@cache
def company_context() -> CompanyContext:
    """Context words that mark company names, validated (non-empty string lists)."""
    raw = load_toml("company_context.toml")
    lists = {}
    for key in ("heads", "suffixes", "actions", "not_names", "naming"):
        items = raw.get(key)
        if not items or not all(isinstance(x, str) and x.strip() for x in items):
            raise KnowledgeError(f"company_context.toml: {key} must be a non-empty string list")
        lists[key] = frozenset(items)
    if any(h != h.lower() for h in lists["heads"]):
        raise KnowledgeError("company_context.toml: heads must be lower case")
    return CompanyContext(**lists)


CUE_DIRECTIONS = frozenset({"preceding", "following", "bidirectional", "pseudo", "termination"})
CUE_LAYERS = frozenset({"cue", "attribution", "silence"})


@dataclass(frozen=True)
class CueRule:
    """One ConText-style rule from cues.toml."""

    direction: str
    status: str | None
    layer: str
    source: str | None
    max_scope: int | None
    phrases: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...]


@dataclass(frozen=True)
class CueConfig:
    """The validated cues.toml: qualifier settings, rules, media cues and action words."""

    values: tuple[str, ...]
    default: str
    question: str
    priority: tuple[str, ...]
    rules: tuple[CueRule, ...]
    media_status: str
    media_window: int
    media_reporting: tuple[str, ...]
    actions: tuple[str, ...]
    oblique: frozenset[str]
    speakers: frozenset[str]
    relative: frozenset[str]
    relative_any: frozenset[str]
    relative_after_noun: frozenset[str]
    not_subject_gap: frozenset[str]
    noun_determiners: frozenset[str]
    topic_prepositions: frozenset[str]
    sentence_openers: frozenset[str]
    candidate_nouns: frozenset[str]
    historic_words: frozenset[str]
    historic_years: int
    talks_denials: tuple[str, ...]
    done_auxiliaries: frozenset[str]


def _token_patterns(raw: object, where: str) -> tuple[tuple[dict, ...], ...]:
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in raw
    ):
        raise KnowledgeError(f"{where}: patterns must be a list of token-pattern lists")
    return tuple(tuple(p) for p in raw)


@cache
def cues() -> CueConfig:
    """Claim-status cue rules from cues.toml, validated."""
    import re

    data = load_toml("cues.toml")
    q = data.get("qualifier", {})
    values = tuple(q.get("values", ()))
    if not set(values) <= {"confirmed", "rumoured", "speculative", "denied"} or not values:
        raise KnowledgeError(f"cues.toml: qualifier values {values!r} are not statuses")
    for key in ("default", "question"):
        if q.get(key) not in values:
            raise KnowledgeError(f"cues.toml: qualifier {key} {q.get(key)!r} not in values")
    priority = tuple(q.get("priority", ()))
    if sorted(priority) != sorted(values):
        raise KnowledgeError("cues.toml: qualifier priority must list every value once")
    rules = []
    for i, entry in enumerate(data.get("rule", [])):
        where = f"cues.toml rule {i}"
        direction = entry.get("direction")
        if direction not in CUE_DIRECTIONS:
            raise KnowledgeError(
                f"{where}: direction {direction!r} not in {sorted(CUE_DIRECTIONS)}"
            )
        status = entry.get("status")
        if direction in ("pseudo", "termination"):
            if status is not None:
                raise KnowledgeError(f"{where}: {direction} rules take no status")
        elif status not in values:
            raise KnowledgeError(f"{where}: status {status!r} not in {values}")
        layer = entry.get("layer", "cue")
        if layer not in CUE_LAYERS:
            raise KnowledgeError(f"{where}: layer {layer!r} not in {sorted(CUE_LAYERS)}")
        if layer == "silence" and direction != "pseudo":
            raise KnowledgeError(f"{where}: the silence layer is for pseudo rules only")
        max_scope = entry.get("max_scope")
        if max_scope is not None and (not isinstance(max_scope, int) or max_scope < 1):
            raise KnowledgeError(f"{where}: max_scope must be a positive integer")
        phrases = tuple(entry.get("phrases", ()))
        if any(not isinstance(p, str) or p != p.lower() or not p.strip() for p in phrases):
            raise KnowledgeError(f"{where}: phrases must be non-empty lower-case strings")
        patterns = _token_patterns(entry.get("patterns", []), where)
        if not phrases and not patterns:
            raise KnowledgeError(f"{where}: needs phrases or patterns")
        rules.append(
            CueRule(direction, status, layer, entry.get("source"), max_scope, phrases, patterns)
        )
    media_cfg = data.get("media", {})
    if media_cfg.get("status") not in values:
        raise KnowledgeError("cues.toml: [media] status must be one of the values")
    claims_cfg = data.get("claims", {})
    actions = tuple(claims_cfg.get("actions", ()))
    for a in actions:
        try:
            re.compile(a)
        except re.error as exc:
            raise KnowledgeError(f"cues.toml: bad action pattern {a!r}: {exc}") from None
    return CueConfig(
        values=values,
        default=q["default"],
        question=q["question"],
        priority=priority,
        rules=tuple(rules),
        media_status=media_cfg["status"],
        media_window=int(media_cfg.get("window", 3)),
        media_reporting=tuple(media_cfg.get("reporting", ())),
        actions=actions,
        oblique=frozenset(claims_cfg.get("oblique", ())),
        speakers=frozenset(claims_cfg.get("speakers", ())),
        relative=frozenset(claims_cfg.get("relative", ())),
        relative_any=frozenset(claims_cfg.get("relative_any", ())),
        relative_after_noun=frozenset(claims_cfg.get("relative_after_noun", ())),
        not_subject_gap=frozenset(claims_cfg.get("not_subject_gap", ())),
        noun_determiners=frozenset(claims_cfg.get("noun_determiners", ())),
        topic_prepositions=frozenset(claims_cfg.get("topic_prepositions", ())),
        sentence_openers=frozenset(claims_cfg.get("sentence_openers", ())),
        candidate_nouns=frozenset(claims_cfg.get("candidate_nouns", ())),
        historic_words=frozenset(claims_cfg.get("historic_words", ())),
        historic_years=int(claims_cfg.get("historic_years", 2)),
        talks_denials=tuple(claims_cfg.get("talks_denials", ())),
        done_auxiliaries=frozenset(claims_cfg.get("done_auxiliaries", ())),
    )


@dataclass(frozen=True)
class ReferenceNoun:
    """Head nouns of a description ("het bedrijf") and the company types they fit."""

    words: tuple[str, ...]
    types: frozenset[str]


@dataclass(frozen=True)
class ReferenceConfig:
    """The validated references.toml."""

    pronouns: tuple[str, ...]
    determiners: tuple[str, ...]
    nouns: tuple[ReferenceNoun, ...]
    nationality: dict[str, str]
    demonym: dict[str, str]
    quoted_we: tuple[str, ...]
    quote_marks: tuple[str, ...]
    opening_quotes: tuple[str, ...]


@cache
def references() -> ReferenceConfig:
    """Anaphoric expressions for companies from references.toml, validated."""
    data = load_toml("references.toml")
    pronouns = tuple(p for entry in data.get("pronoun", []) for p in entry.get("phrases", ()))
    nouns = []
    for i, entry in enumerate(data.get("noun", [])):
        types = frozenset(entry.get("types", ()))
        if not types <= COMPANY_TYPES:
            raise KnowledgeError(f"references.toml noun {i}: unknown types {sorted(types)}")
        words = tuple(entry.get("words", ()))
        if not words:
            raise KnowledgeError(f"references.toml noun {i}: no words")
        nouns.append(ReferenceNoun(words, types))
    determiners = tuple(data.get("determiners", ()))
    if not determiners:
        raise KnowledgeError("references.toml: determiners is empty")
    forms = [*pronouns, *determiners, *(w for n in nouns for w in n.words)]
    quoted_we = tuple(data.get("quoted_we", ()))
    forms += [*data.get("nationality", {}), *data.get("demonym", {}), *quoted_we]
    if any(f != f.lower() for f in forms):
        raise KnowledgeError("references.toml: phrases and words must be lower case")
    return ReferenceConfig(
        pronouns=pronouns,
        determiners=determiners,
        nouns=tuple(nouns),
        nationality=dict(data.get("nationality", {})),
        demonym=dict(data.get("demonym", {})),
        quoted_we=quoted_we,
        quote_marks=tuple(data.get("quote_marks", ())),
        opening_quotes=tuple(data.get("opening_quotes", ())),
    )


PARTNER_KINDS = frozenset(
    {"cooperation", "joint_venture", "supply", "talks", "stake", "ownership", "acquisition"}
)


@dataclass(frozen=True)
class RelationRule:
    """One relation cue family from partners.toml."""

    kind: str
    phrases: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...]


@cache
def relations() -> tuple[RelationRule, ...]:
    """Partnership relation cues from partners.toml, validated."""
    out = []
    for i, entry in enumerate(load_toml("partners.toml").get("relation", [])):
        where = f"partners.toml relation {i}"
        kind = entry.get("kind")
        if kind not in PARTNER_KINDS:
            raise KnowledgeError(f"{where}: kind {kind!r} not in {sorted(PARTNER_KINDS)}")
        phrases = tuple(entry.get("phrases", ()))
        if any(p != p.lower() for p in phrases):
            raise KnowledgeError(f"{where}: phrases must be lower case")
        patterns = _token_patterns(entry.get("patterns", []), where)
        if not phrases and not patterns:
            raise KnowledgeError(f"{where}: needs phrases or patterns")
        out.append(RelationRule(kind, phrases, patterns))
    return tuple(out)


PLACE_KINDS = frozenset({"country", "region", "city"})


@dataclass(frozen=True)
class Place:
    """A country, region or city from places.toml, with its Dutch adjectives."""

    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]


@cache
def places() -> dict[str, Place]:
    """All places by canonical name, validated (every name, alias and adjective unique)."""
    out: dict[str, Place] = {}
    seen: dict[str, str] = {}
    for i, entry in enumerate(load_toml("places.toml").get("place", [])):
        where = f"places.toml entry {i} ({entry.get('name', '?')})"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise KnowledgeError(f"{where}: missing name")
        if entry.get("kind") not in PLACE_KINDS:
            raise KnowledgeError(f"{where}: kind must be one of {sorted(PLACE_KINDS)}")
        country = entry.get("country")
        if country is not None and not (len(country) == 2 and country.isupper()):
            raise KnowledgeError(f"{where}: country {country!r} is not ISO 3166-1 alpha-2")
        if entry["kind"] == "country" and country is None:
            raise KnowledgeError(f"{where}: a country needs its ISO code")
        aliases = tuple(entry.get("aliases", []))
        adjectives = tuple(entry.get("adjectives", []))
        for form in (name, *aliases, *adjectives):
            if form in seen:
                raise KnowledgeError(f"{where}: {form!r} already used by {seen[form]}")
            seen[form] = name
        out[name] = Place(name, entry["kind"], country, aliases, adjectives)
    return out


@cache
def place_forms() -> dict[str, str]:
    """Every name and alias of a place -> canonical place name (adjectives excluded)."""
    return {form: p.name for p in places().values() for form in (p.name, *p.aliases)}


@cache
def place_adjectives() -> dict[str, str]:
    """Dutch adjective or language name -> canonical place ("Chinese" -> "China")."""
    return {adj: p.name for p in places().values() for adj in p.adjectives}


@dataclass(frozen=True)
class DatesKnowledge:
    """Validated dates.toml; multi-token forms are tuples of lower-case tokens."""

    months: dict[str, int]
    months_need_day: frozenset[str]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    modifiers: dict[str, int]  # "vorige" -> -1, "dit" -> 0, "volgend" -> 1
    units: dict[str, str]  # "jaren" -> "Y"
    singular_units: frozenset[str]
    vague_durations: frozenset[str]
    clock_words: frozenset[str]
    weekday_parts: frozenset[str]
    weekday_future: tuple[tuple[str, ...], ...]
    count_links: frozenset[str]
    year_parts: dict[str, int]  # "eind" -> 12
    ordinals: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    year_prepositions: frozenset[tuple[str, ...]]
    date_prepositions: frozenset[tuple[str, ...]]
    duration_intros: frozenset[tuple[str, ...]]
    not_after: frozenset[str]
    tails: frozenset[str]
    counts: dict[tuple[str, ...], float]
    vague_counts: frozenset[tuple[str, ...]]
    offset_before: frozenset[str]
    offset_past: frozenset[str]
    past_prepositions: frozenset[tuple[str, ...]]
    year_ranges: dict[str, frozenset[tuple[str, ...]]]  # "van" -> {("tot",), ("t/m",)}
    anaphoric_years: dict[tuple[str, ...], int]  # ("een", "jaar", "later") -> 1


def _ints(table: dict, where: str, low: int, high: int) -> dict[str, int]:
    for key, value in table.items():
        if not isinstance(value, int) or not low <= value <= high:
            raise KnowledgeError(f"{where}: {key!r} needs a whole number {low}..{high}")
    return {k.lower(): v for k, v in table.items()}


def _forms(raw: dict, table: str) -> frozenset[str]:
    return frozenset(f.lower() for f in raw.get(table, {}).get("forms", []))


@cache
def dates() -> DatesKnowledge:
    """Date and duration knowledge from dates.toml, validated."""
    raw = load_toml("dates.toml")
    units = {k.lower(): v for k, v in raw.get("units", {}).items()}
    if bad := set(units.values()) - {"Y", "M", "W", "D", "Q", "DEC", "H", "MIN", "S"}:
        raise KnowledgeError(f"dates.toml [units]: unknown unit codes {sorted(bad)}")
    singular = frozenset(f.lower() for f in raw.get("singular_units", {}).get("forms", []))
    if not singular <= set(units):
        raise KnowledgeError("dates.toml [singular_units]: forms must be listed in [units]")
    seasons = {}
    for name, span in raw.get("seasons", {}).items():
        if len(span) != 2 or not 1 <= span[0] <= span[1] <= 12:
            raise KnowledgeError(f"dates.toml [seasons]: {name!r} needs [first, last] months")
        seasons[name.lower()] = (span[0], span[1])
    months = _ints(raw.get("months", {}), "dates.toml [months]", 1, 12)
    need_day = frozenset(f.lower() for f in raw.get("months_need_day", {}).get("forms", []))
    if not need_day <= set(months):
        raise KnowledgeError("dates.toml [months_need_day]: forms must be listed in [months]")
    mods = raw.get("relative_modifiers", {})
    modifiers = {
        w.lower(): step
        for step, key in ((-1, "previous"), (0, "current"), (1, "next"))
        for w in mods.get(key, [])
    }
    preps = raw.get("prepositions", {})
    past = frozenset(_phrases(preps.get("past", [])))
    if not past <= set(_phrases(preps.get("date", []))):
        raise KnowledgeError("dates.toml [prepositions] past: must also be date prepositions")
    durations = raw.get("durations", {})
    offsets = raw.get("offsets", {})
    return DatesKnowledge(
        months=months,
        months_need_day=need_day,
        weekdays=_ints(raw.get("weekdays", {}), "dates.toml [weekdays]", 0, 6),
        relative_days=_ints(raw.get("relative_days", {}), "dates.toml [relative_days]", -7, 7),
        modifiers=modifiers,
        units=units,
        singular_units=singular,
        vague_durations=_forms(raw, "vague_durations"),
        clock_words=_forms(raw, "clock_words"),
        weekday_parts=_forms(raw, "weekday_parts"),
        weekday_future=tuple(tuple(f.split()) for f in sorted(_forms(raw, "weekday_future"))),
        count_links=frozenset(w.lower() for w in durations.get("count_links", [])),
        year_parts=_ints(raw.get("year_parts", {}), "dates.toml [year_parts]", 1, 12),
        ordinals=_ints(raw.get("ordinals", {}), "dates.toml [ordinals]", 1, 4),
        seasons=seasons,
        year_prepositions=frozenset(_phrases(preps.get("year", []))),
        date_prepositions=frozenset(_phrases(preps.get("date", []))),
        duration_intros=frozenset(_phrases(durations.get("intros", []))),
        not_after=frozenset(w.lower() for w in durations.get("not_after", [])),
        tails=frozenset(w.lower() for w in durations.get("tails", [])),
        counts={
            tuple(k.lower().split()): v
            for k, v in _numbers(raw.get("counts", {}), "dates.toml [counts]").items()
        },
        vague_counts=frozenset(_phrases(raw.get("vague_counts", {}).get("forms", []))),
        offset_before=frozenset(w.lower() for w in offsets.get("before_number", [])),
        offset_past=frozenset(w.lower() for w in offsets.get("after_unit_past", [])),
        past_prepositions=past,
        year_ranges={
            opener.lower(): frozenset(_phrases(joins))
            for opener, joins in raw.get("year_ranges", {}).items()
        },
        anaphoric_years={
            tuple(k.lower().split()): v
            for k, v in _ints(
                raw.get("anaphoric_years", {}), "dates.toml [anaphoric_years]", -9, 9
            ).items()
        },
    )


@dataclass(frozen=True)
class Product:
    """A model or named product from products.toml, sold by `company`."""

    name: str
    company: str
    aliases: tuple[str, ...]
    needs_brand: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@cache
def products() -> tuple[Product, ...]:
    """All products, validated: known company, no form twice for one company."""
    known = companies()
    out: list[Product] = []
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(load_toml("products.toml").get("product", [])):
        where = f"products.toml entry {i} ({entry.get('name', '?')})"
        name, company = entry.get("name"), entry.get("company")
        if not isinstance(name, str) or not name.strip():
            raise KnowledgeError(f"{where}: missing name")
        if company not in known:
            raise KnowledgeError(f"{where}: unknown company {company!r}")
        needs_brand = entry.get("needs_brand", False)
        if not isinstance(needs_brand, bool):
            raise KnowledgeError(f"{where}: needs_brand must be true or false")
        product = Product(name, company, tuple(entry.get("aliases", [])), needs_brand)
        for form in product.forms:
            if (company, form) in seen:
                raise KnowledgeError(f"{where}: {form!r} listed twice for {company}")
            seen.add((company, form))
        out.append(product)
    return tuple(out)


def company_family(name: str) -> frozenset[str]:
    """`name`, its ancestors and its descendants in companies.toml (brand <-> group)."""
    return _families().get(name, frozenset({name}))


@cache
def _families() -> dict[str, frozenset[str]]:
    known = companies()
    children: dict[str, set[str]] = {}
    for c in known.values():
        if c.parent:
            children.setdefault(c.parent, set()).add(c.name)
    out = {}
    for name in known:
        family = {name}
        parent = known[name].parent
        while parent and parent not in family:
            family.add(parent)
            parent = known[parent].parent
        todo = [name]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in family:
                    family.add(child)
                    todo.append(child)
        out[name] = frozenset(family)
    return out


POWERTRAINS = frozenset({"electric", "hybrid", "hydrogen", "combustion"})


@dataclass(frozen=True)
class VehicleType:
    """A vehicle type from vehicles.toml: canonical name, powertrain, lower-case forms."""

    canonical: str
    powertrain: str | None
    forms: tuple[str, ...]
    by_powertrain: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class VehicleLexicon:
    """vehicles.toml: types, powertrain modifiers (lower-case form -> powertrain), guards."""

    types: tuple[VehicleType, ...]
    modifiers: dict[str, str]
    noun_only: frozenset[str]
    determiners: frozenset[str]
    function_words: frozenset[str]
    electric_prefixes: frozenset[str]
    compound_prefixes: frozenset[str] = frozenset()


@cache
def vehicles() -> VehicleLexicon:
    """The vehicle lexicon, validated: powertrains known, canonicals and forms unique."""
    raw = load_toml("vehicles.toml")

    def powertrain(value: object, where: str) -> str | None:
        if value is not None and value not in POWERTRAINS:
            raise KnowledgeError(f"{where}: powertrain {value!r} not in {sorted(POWERTRAINS)}")
        return value  # type: ignore[return-value]

    types: list[VehicleType] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(raw.get("vehicle", [])):
        canonical = entry.get("canonical")
        where = f"vehicles.toml vehicle {i} ({canonical or '?'})"
        forms = tuple(f.lower() for f in entry.get("forms", []))
        if not canonical or not forms:
            raise KnowledgeError(f"{where}: needs canonical and forms")
        if any(t.canonical == canonical for t in types):
            raise KnowledgeError(f"{where}: duplicate canonical")
        for form in forms:
            if form in seen:
                raise KnowledgeError(f"{where}: form {form!r} already used by {seen[form]}")
            seen[form] = canonical
        by_pt = entry.get("by_powertrain", {})
        for pt in by_pt:
            powertrain(pt, where)
        types.append(
            VehicleType(
                canonical,
                powertrain(entry.get("powertrain"), where),
                forms,
                tuple(sorted(by_pt.items())),
            )
        )
    modifiers: dict[str, str] = {}
    for i, entry in enumerate(raw.get("modifier", [])):
        pt = powertrain(entry.get("powertrain"), f"vehicles.toml modifier {i}")
        if pt is None:
            raise KnowledgeError(f"vehicles.toml modifier {i}: needs a powertrain")
        for form in entry.get("forms", []):
            modifiers[form.lower()] = pt
    guards = raw.get("guards", {})
    noun_only = frozenset(guards.get("noun_only", []))
    if not noun_only <= set(seen):
        raise KnowledgeError(f"vehicles.toml: noun_only not forms: {sorted(noun_only - set(seen))}")
    electric_prefixes = frozenset(guards.get("electric_prefixes", []))
    compound_prefixes = frozenset(guards.get("compound_prefixes", []))
    if not compound_prefixes <= set(modifiers) | electric_prefixes:
        raise KnowledgeError("vehicles.toml: compound_prefixes must be modifiers or e-prefixes")
    return VehicleLexicon(
        tuple(types),
        modifiers,
        noun_only,
        frozenset(guards.get("determiners", [])),
        frozenset(guards.get("function_words", [])),
        electric_prefixes,
        compound_prefixes,
    )


@dataclass(frozen=True)
class Titles:
    """titles.toml: lower-case person title cues and name particles."""

    forms: frozenset[str]
    particles: frozenset[str]


@cache
def titles() -> Titles:
    """Person title cues, validated (non-empty lower-case strings)."""
    raw = load_toml("titles.toml")
    lists = {}
    for key in ("forms", "particles"):
        items = raw.get(key) or []
        if not items or any(not isinstance(x, str) or x != x.lower() or not x for x in items):
            raise KnowledgeError(f"titles.toml: {key} must be a non-empty lower-case list")
        lists[key] = frozenset(items)
    return Titles(**lists)


@cache
def pair_references() -> tuple[str, ...]:
    """Phrases naming the last two companies together ("de twee"), from partners.toml."""
    phrases = tuple(load_toml("partners.toml").get("pair_reference", {}).get("phrases", ()))
    if any(not isinstance(p, str) or p != p.lower() for p in phrases):
        raise KnowledgeError("partners.toml: pair_reference phrases must be lower case")
    return phrases


@dataclass(frozen=True)
class Pairing:
    """partners.toml [pairing]: the words the partners component reads around a relation."""

    group_kinds: frozenset[str]
    facts: frozenset[str]
    bridges: frozenset[str]
    venture_words: frozenset[str]
    definite: frozenset[str]
    phrase_openers: frozenset[str]
    builds: frozenset[str]
    orders: frozenset[str]


@cache
def pairing() -> Pairing:
    """The [pairing] table of partners.toml, validated."""
    raw = load_toml("partners.toml").get("pairing", {})
    lists = {}
    for key in Pairing.__dataclass_fields__:
        words = raw.get(key, [])
        if not all(isinstance(w, str) and w == w.lower() and w.strip() for w in words):
            raise KnowledgeError(f"partners.toml [pairing] {key}: lower-case strings only")
        lists[key] = frozenset(words)
    for key in ("group_kinds", "facts"):
        if not lists[key] <= PARTNER_KINDS:
            raise KnowledgeError(f"partners.toml [pairing] {key}: not in {sorted(PARTNER_KINDS)}")
    return Pairing(**lists)


@cache
def compound_ties() -> dict[str, str]:
    """partners.toml [compound_ties]: each compound head ("dochter") and its tie's kind."""
    heads: dict[str, str] = {}
    for kind, words in load_toml("partners.toml").get("compound_ties", {}).items():
        if kind not in PARTNER_KINDS:
            raise KnowledgeError(f"partners.toml [compound_ties] {kind}: not a partnership kind")
        for word in words:
            if not (isinstance(word, str) and word.isalpha() and word.islower()):
                raise KnowledgeError(f"partners.toml [compound_ties] {kind}: lower-case words")
            if heads.setdefault(word, kind) != kind:
                raise KnowledgeError(f"partners.toml [compound_ties]: {word!r} in two kinds")
    return heads


@cache
def not_abbreviations() -> frozenset[str]:
    """tokenizer.toml: words whose `<word>.` must not stay one abbreviation token."""
    words = load_toml("tokenizer.toml").get("not_abbreviations", [])
    if not all(isinstance(w, str) and w.isalpha() and w.islower() for w in words):
        raise KnowledgeError("tokenizer.toml: not_abbreviations must be lower-case words")
    return frozenset(words)
