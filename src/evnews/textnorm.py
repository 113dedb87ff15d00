"""Offset-preserving normalization of typographic characters for matching."""

from __future__ import annotations

import re

# Every replacement is one character for one, so offsets into the normalized
# text are offsets into the original body.
_ASCII = {
    "\u2019": "'",  # right single quote, as in auto’s
    "\u2018": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u2007": " ",
    "\u2013": "-",  # en dash
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",
}
# Most text has few such characters: a regex finds them faster than str.translate
# looks up every character.
_TYPOGRAPHIC = re.compile("[" + "".join(map(re.escape, _ASCII)) + "]")


def normalize(text: str) -> str:
    """Replace typographic quotes, dashes and spaces by their ASCII forms, keeping length."""
    return _TYPOGRAPHIC.sub(lambda m: _ASCII[m.group()], text)
