"""Building or loading the spaCy pipeline, with an announced rules-mode fallback."""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

import evnews.components  # noqa: F401  (registers the evnews factories)
from evnews import knowledge

DEFAULT_MODEL = "nl_core_news_sm"
RULES = "rules"

# evnews components in pipeline order; each reads what the ones before it wrote.
EVNEWS_COMPONENTS = (
    "evnews_companies",
    "evnews_products",
    "evnews_vehicles",
    "evnews_money",
    "evnews_dates",
    "evnews_people_places",
    "evnews_claims",
    "evnews_partners",
)

FALLBACK_NOTICE = (
    "evnews: spaCy model 'nl_core_news_sm' is not installed; using the rules pipeline "
    "(blank 'nl'). Install it with: python -m spacy download nl_core_news_sm"
)


class ModelError(Exception):
    """An explicitly requested model cannot be loaded."""


@dataclass(frozen=True)
class PipelineInfo:
    """What produced an analysis: model name (or path), its version, and the mode."""

    model: str
    version: str
    mode: str  # "statistical" or "rules"


def fix_tokenizer(nlp: Language) -> Language:
    """Undo abbreviation exceptions for ordinary words (tokenizer.toml): "dat." ends a
    sentence. Each is overridden by a special case that splits off the period; replacing
    `tokenizer.rules` instead would rebuild all 9,000 special cases (0.5 s)."""
    words = knowledge.not_abbreviations()
    for text in list(nlp.tokenizer.rules or {}):
        if text.endswith(".") and text[:-1].lower() in words:
            nlp.tokenizer.add_special_case(text, [{ORTH: text[:-1]}, {ORTH: "."}])
    return nlp


def rules_base() -> Language:
    """A blank Dutch pipeline with a sentencizer and lookup lemmas (no trained weights)."""
    nlp = fix_tokenizer(spacy.blank("nl"))
    nlp.add_pipe("evnews_sentencizer", name="sentencizer")  # spaCy's rules, faster
    nlp.add_pipe("evnews_lemmatizer", name="lemmatizer")  # spaCy's lookup lemmas, faster
    nlp.initialize()
    return nlp


def add_evnews(nlp: Language) -> Language:
    """Append the evnews components that `nlp` does not have yet."""
    for name in EVNEWS_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def _load_statistical(model: str) -> Language:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy version-compatibility chatter
        nlp = fix_tokenizer(spacy.load(model))
    if not any(nlp.has_pipe(n) for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    return nlp


_announced = False


def _announce(message: str) -> None:
    global _announced
    if not _announced:
        print(message, file=sys.stderr)
        _announced = True


def load_pipeline(
    model: str | None = None, *, quiet: bool = False
) -> tuple[Language, PipelineInfo]:
    """Load `model` (package name or path), or the default with a rules fallback (cached).

    `model=None` tries nl_core_news_sm and falls back to the rules pipeline, announcing it
    once on stderr unless `quiet`. `model="rules"` asks for the rules pipeline. Any other
    model that cannot be loaded raises ModelError.
    """
    nlp, info = _load(model)
    if model is None and info.mode == "rules" and not quiet:
        _announce(FALLBACK_NOTICE)
    return nlp, info


@cache
def _load(model: str | None) -> tuple[Language, PipelineInfo]:
    if model == RULES:
        nlp = rules_base()
    elif model is None:
        try:
            nlp = _load_statistical(DEFAULT_MODEL)
            model = DEFAULT_MODEL
        except OSError:
            nlp = rules_base()
    else:
        try:
            nlp = _load_statistical(model)
        except (OSError, ValueError) as exc:
            hint = "a path to a saved pipeline" if Path(model).exists() else "an installed package"
            raise ModelError(f"cannot load spaCy model {model!r} ({hint}): {exc}") from None
    add_evnews(nlp)
    if model is None or model == RULES:
        info = PipelineInfo(model="blank:nl+evnews-rules", version=spacy.__version__, mode="rules")
    else:
        meta = nlp.meta
        info = PipelineInfo(
            model=model if Path(model).exists() else f"{meta.get('lang', 'nl')}_{meta['name']}",
            version=str(meta.get("version", "0.0.0")),
            mode="statistical",
        )
    return nlp, info
