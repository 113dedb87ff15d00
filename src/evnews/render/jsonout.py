"""JSON rendering of analyses (pretty or one line)."""

from __future__ import annotations

from evnews.result import Analysis


def to_json(result: Analysis, *, compact: bool = False) -> str:
    """One JSON document for `result`: indented, or a single line with `compact`."""
    if compact:
        return result.model_dump_json()
    return result.model_dump_json(indent=2)
