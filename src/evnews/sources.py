"""Reading and validating article inputs: files, stdin, date lines and titles."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt", ".md")

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*")
_TITLE_LINE = re.compile(r"\A[ \t]*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|\Z)")


class InputError(Exception):
    """An input that cannot be analyzed; the message is one line for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Article:
    """One article body with what we know about it."""

    body: str
    source: str = "-"
    sha256: str = ""
    bytes: int = 0
    date: str | None = None  # ISO 8601, possibly only YYYY-MM
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def reference_date(self) -> date | None:
        """The article date as a `date` (first of the month when only YYYY-MM is known)."""
        if not self.date:
            return None
        parts = [int(p) for p in self.date.split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "not a text file (binary content); give a UTF-8 .txt or .md file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8"
        ) from None


def parse_article(text: str, source: str = "-", date_override: str | None = None) -> Article:
    """Split an optional ` date YYYY-MM[-DD]` prefix and a Markdown title off the body."""
    art_date = None
    m = _DATE_LINE.match(text)
    if m:
        year, month, day = m.groups()
        if 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31):
            art_date = f"{year}-{month}" + (f"-{day}" if day else "")
            text = text[m.end() :]
    text = text.lstrip("\r\n")
    title = None
    m = _TITLE_LINE.match(text)
    if m:
        title = m.group(1).strip()
        text = text[m.end() :]
    body = text.strip()
    if not body:
        raise InputError(source, "empty article: no text after the date line and title")
    if date_override:
        art_date = validate_date(date_override)
    return Article(body=body, source=source, date=art_date, title=title)


def validate_date(value: str) -> str:
    """Check a `YYYY-MM-DD` or `YYYY-MM` string; raise ValueError otherwise."""
    try:
        if len(value) == 7:
            date.fromisoformat(value + "-01")
        else:
            date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid date {value!r}; use YYYY-MM-DD") from None
    return value


def article_from_bytes(data: bytes, source: str, *, date_override: str | None = None) -> Article:
    """Build an Article from raw bytes, checking content and encoding."""
    if not data.strip():
        raise InputError(source, "empty file")
    text = _decode(data, source)
    article = parse_article(text, source, date_override)
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.bytes = len(data)
    return article


def read_article(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, date_override: str | None = None
) -> Article:
    """Read one article from a path or `-` (stdin), raising InputError with a clear reason."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "file not found")
        if p.is_dir():
            raise InputError(path, "is a directory; use `evnews batch` for folders")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(path, f"file too large ({size} bytes > --max-bytes {max_bytes})")
            data = p.read_bytes()
        except PermissionError:
            raise InputError(path, "permission denied") from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(path, f"input too large (> --max-bytes {max_bytes})")
    return article_from_bytes(data, path, date_override=date_override)
