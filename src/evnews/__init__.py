"""evnews: analyze Dutch car and EV news with spaCy.

>>> import evnews
>>> result = evnews.analyze("Tesla bevestigt dat het een nieuwe fabriek bouwt.")
>>> result.companies[0].status
'confirmed'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evnews._version import __version__

if TYPE_CHECKING:
    from evnews.api import analyze, analyze_article, analyze_articles, analyze_many
    from evnews.result import Analysis

__all__ = [
    "Analysis",
    "__version__",
    "analyze",
    "analyze_article",
    "analyze_articles",
    "analyze_many",
]


def __getattr__(name: str):
    # Lazy: `import evnews` (and `evnews --help`) must not pay for importing spaCy.
    if name in {"analyze", "analyze_article", "analyze_articles", "analyze_many"}:
        from evnews import api

        return getattr(api, name)
    if name == "Analysis":
        from evnews.result import Analysis

        return Analysis
    raise AttributeError(f"module 'evnews' has no attribute {name!r}")
