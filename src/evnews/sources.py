"""Reading and validating article inputs: files, stdin, HTML pages and URLs.

Date precedence, highest first: `--date`, the ` date YYYY-MM[-DD]` line, the page's
published-time metadata (meta tags, JSON-LD), then trafilatura's date guess.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 20.0
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
URL_PREFIXES = ("http://", "https://")

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*")
_NUMERIC_DATELINE = re.compile(
    r"\A[ \t]*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))"
    r"(?:[ \t]*[,|·-]?[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*uur)?)?[ \t]*(?:\r?\n|\Z)"
)
_TITLE_LINE = re.compile(r"\A[ \t]*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\r?\n|\Z)")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.I)
# Decoding candidates after UTF-8: Western European code pages only, so that short
# Dutch texts are not read as Cyrillic or Mac encodings.
_FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]
_MOJIBAKE_HINT = re.compile(
    "[ÃÂâÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_MOJIBAKE_STEPS = {("encode", e) for e in ("sloppy-windows-1252", "windows-1252", "latin-1")}
_WORD = re.compile(r"[^\W\d_]+")
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publication_date",
    "sailthru.date",
)


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
    language: str = "nl"  # ISO 639-1 code of the language the text looks like

    @property
    def reference_date(self) -> date | None:
        """The article date as a `date` (first of the month when only YYYY-MM is known)."""
        if not self.date:
            return None
        parts = [int(p) for p in self.date.split("-")]
        return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def is_url(path: str) -> bool:
    """True for `http://` and `https://` addresses."""
    return path.lower().startswith(URL_PREFIXES)


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (BOM allowed), then a declared charset, then detection.

    Returns the text and warnings naming any encoding other than UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16(data)
        if text is None:
            raise InputError(
                source, "starts with a UTF-16 mark but is not UTF-16 text; convert it to UTF-8"
            )
        return text, ["decoded as UTF-16 (byte-order mark)"]
    if b"\x00" in data[:8192]:
        raise InputError(
            source, "not a text file (binary content); give a UTF-8 .txt, .md or .html file"
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if declared:
        try:
            return data.decode(declared), [f"decoded as {declared} (declared by the source)"]
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None or best.chaos > 0.3:
        raise InputError(
            source,
            f"not valid UTF-8 (byte {bad_at}) and no Western encoding fits; "
            "convert the file to UTF-8",
        )
    encoding, text = best.encoding, str(best)
    if encoding != "cp1252" and re.search(rb"[\x80-\x9f]", data):
        # Bytes 0x80-0x9f are control characters in the ISO code pages but letters and
        # quotes in cp1252 ("Š", "’"): text that has them is cp1252 when it decodes.
        with contextlib.suppress(UnicodeDecodeError):
            encoding, text = "cp1252", data.decode("cp1252")
    return text, [f"not UTF-8: decoded as {encoding} (detected); check accents"]


def _utf16(data: bytes) -> str | None:
    """UTF-16 text behind a byte-order mark, or None unless it decodes to mostly Latin text."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        return None
    latin = sum(ord(c) < 0x250 or 0x2000 <= ord(c) < 0x20D0 for c in text)
    return text if text and latin >= 0.9 * len(text) else None


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Undo UTF-8 text that was read as cp1252/latin-1 (`autoâ€™s`), when unambiguous."""
    if not _MOJIBAKE_HINT.search(text):
        return text, []
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text, []
    fixed, steps = ftfy.fix_encoding_and_explain(text)
    # Only the plain "UTF-8 bytes shown as a Western code page" case; ftfy's extra repair
    # steps (restoring lost bytes) are guesses.
    if fixed == text or len(steps) != 2 or steps[1] != ("decode", "utf-8"):
        return text, []
    if steps[0] not in _MOJIBAKE_STEPS:
        return text, []
    word = next(w for w in text.split() if _MOJIBAKE_HINT.search(w))
    example = f"{word!r} -> {ftfy.fix_encoding(word)!r}"
    return fixed, [f"repaired mojibake (UTF-8 read as {steps[0][1]}), e.g. {example}"]


def detect_language(text: str) -> tuple[str, str | None]:
    """Guess nl/en/de from function words; returns the code and a warning if not Dutch."""
    from evnews import knowledge

    check = knowledge.languages()
    words = list(map(str.lower, _WORD.findall(text[:20_000])))
    if len(words) < check.min_words:
        return "nl", None
    share = {
        lang: sum(map(ws.__contains__, words)) / len(words) for lang, ws in check.words.items()
    }
    best = max(share, key=lambda lang: share[lang])
    if best == "nl" or share[best] < check.min_share or share[best] < check.margin * share["nl"]:
        return "nl", None
    name = check.names[best]
    return best, (
        f"text looks {name}, not Dutch ({share[best]:.0%} {name} vs {share['nl']:.0%} Dutch "
        "function words); evnews is built for Dutch, so results may be incomplete"
    )


@cache
def _dutch_dateline() -> re.Pattern[str]:
    """A first line that is only a date in words: "24 september 2021", "dinsdag 24 sept.
    2021, 14:05 uur", or a month: "juni 2019" (month and weekday names from dates.toml)."""
    from evnews import knowledge

    names = knowledge.dates()
    months = "|".join(sorted(names.months, key=len, reverse=True))
    weekdays = "|".join(names.weekdays)
    return re.compile(
        rf"\A[ \t]*(?:(?:(?:{weekdays})[ \t]*,?[ \t]+)?(\d{{1,2}})[ \t]+)?"
        rf"({months})\.?[ \t]+(\d{{4}})"
        r"(?:[ \t]*[,|·-]?[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*uur)?)?[ \t]*(?:\r?\n|\Z)",
        re.IGNORECASE,
    )


def _dateline(text: str) -> tuple[str, int] | None:
    """The ISO day of a first line that is only a date, and where that line ends; else None.

    Forms: " date 2021-09-24" (or " date 2021-09"), "24 september 2021", "vrijdag 24 sept.
    2021", "september 2021" (the month), "24-09-2021", "2021-09-24", each optionally
    followed by a time of day.
    """
    m = _DATE_LINE.match(text)
    if m:
        year, month, day = m.groups()
        if 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31):
            return f"{year}-{month}" + (f"-{day}" if day else ""), m.end()
        return None
    if m := _dutch_dateline().match(text):
        from evnews import knowledge

        month, year = knowledge.dates().months[m[2].lower()], int(m[3])
        if m[1] is None:
            return f"{year:04d}-{month:02d}", m.end()
        day = int(m[1])
    elif m := _NUMERIC_DATELINE.match(text):
        if m[1]:
            year, month, day = int(m[1]), int(m[2]), int(m[3])
        else:
            day, month, year = int(m[4]), int(m[5]), int(m[6])
    else:
        return None
    try:
        return date(year, month, day).isoformat(), m.end()
    except ValueError:
        return None


def parse_article(text: str, source: str = "-", date_override: str | None = None) -> Article:
    """Split an optional date line (see `_dateline`) and a Markdown title off the body.

    Also repairs mojibake and checks the language; both add to `Article.warnings`.
    """
    text, notes = repair_mojibake(text)
    art_date = None
    if found := _dateline(text):
        art_date, end = found
        text = text[end:]
    text = text.lstrip("\r\n")
    title = None
    m = _TITLE_LINE.match(text)
    if m:
        title = m.group(1).strip()
        text = text[m.end() :]
    body = text.strip()
    if not body:
        raise InputError(
            source, "empty article: no text after the date line and title; check the file"
        )
    if date_override:
        art_date = validate_date(date_override)
    language, warning = detect_language(body)
    if warning:
        notes.append(warning)
    return Article(
        body=body, source=source, date=art_date, title=title, warnings=notes, language=language
    )


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


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document."""
    return bool(_HTML_START.match(data[:4096]))


def _iso_day(value: str | None) -> str | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _metadata_date(tree) -> str | None:
    """The published date from meta tags, itemprop or JSON-LD, if the page states one."""
    import json

    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and (day := _iso_day(el.get("content"))):
            return day
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        if day := _iso_day(el.get("datetime") or el.get("content") or el.text_content()):
            return day
    for el in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(el.text_content())
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data, *data.get("@graph", [])]
        for item in items:
            if isinstance(item, dict) and (day := _iso_day(str(item.get("datePublished", "")))):
                return day
    return None


def _html_to_text(html: str, source: str, url: str | None) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page (text and title may still need parsing)."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        raise InputError(source, "cannot parse the HTML; save the article text as .txt") from None
    meta_date = _metadata_date(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(
            source, "no article text found in the HTML; save the article text as .txt and use that"
        )
    lines = doc.text.strip().splitlines()
    title = (doc.title or "").strip() or None
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    return (
        "\n\n".join(line.strip() for line in lines if line.strip()),
        title,
        meta_date or _iso_day(doc.date),
    )


def article_from_html(
    data: bytes,
    source: str,
    *,
    date_override: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """Build an Article from an HTML page: trafilatura's main text, title and date."""
    if not charset and (m := _META_CHARSET.search(data[:4096])):
        charset = m.group(1).decode("ascii")
    html, notes = decode(data, source, charset)
    text, title, page_date = _html_to_text(html, source, url)
    article = parse_article(text, source, date_override)
    article.title = article.title or title
    if article.date is None and page_date:
        article.date = page_date
    elif page_date and article.date and not page_date.startswith(article.date[:7]):
        notes.append(f"the page says {page_date}; using {article.date} (--date or date line)")
    article.warnings[:0] = notes
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.bytes = len(data)
    return article


def article_from_bytes(data: bytes, source: str, *, date_override: str | None = None) -> Article:
    """Build an Article from raw bytes (text or HTML), checking content and encoding."""
    if not data.strip():
        raise InputError(source, "empty file; give a file with article text")
    if source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        return article_from_html(data, source, date_override=date_override)
    return _text_article(data, source, date_override)


def _text_article(
    data: bytes, source: str, date_override: str | None, charset: str | None = None
) -> Article:
    text, notes = decode(data, source, charset)
    article = parse_article(text, source, date_override)
    article.warnings[:0] = notes
    article.sha256 = hashlib.sha256(data).hexdigest()
    article.bytes = len(data)
    return article


def fetch_url(
    url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> tuple[bytes, str | None, str | None]:
    """GET `url`; returns (body, content type, charset). Errors are one-line InputErrors."""
    import urllib.error
    import urllib.request

    from evnews._version import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"evnews/{__version__}"})
    offline = "check the address and your internet connection, or save the page and pass the file"
    slow = f"no answer within {timeout:g} s; retry or raise --timeout"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            ctype = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}; check the address") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise InputError(url, slow) from None
        raise InputError(url, f"cannot fetch ({exc.reason}); {offline}") from None
    except TimeoutError:
        raise InputError(url, slow) from None
    except OSError as exc:
        raise InputError(url, f"cannot fetch ({exc}); {offline}") from None
    if len(data) > max_bytes:
        raise InputError(url, f"page too large (> --max-bytes {max_bytes}); save the text instead")
    return data, ctype, charset


def read_url(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_override: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Article:
    """Fetch a page and extract its article (HTML via trafilatura, plain text as is)."""
    data, ctype, charset = fetch_url(url, max_bytes=max_bytes, timeout=timeout)
    if not data.strip():
        raise InputError(url, "empty response; check the address")
    if ctype in ("text/html", "application/xhtml+xml") or looks_like_html(data):
        return article_from_html(data, url, date_override=date_override, url=url, charset=charset)
    if ctype and not ctype.startswith("text/"):
        raise InputError(url, f"not a web page or text ({ctype}); give an article URL")
    return _text_article(data, url, date_override, charset)


def read_article(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_override: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Article:
    """Read one article from a path, a URL or `-` (stdin), raising InputError with a reason."""
    if is_url(path):
        return read_url(path, max_bytes=max_bytes, date_override=date_override, timeout=timeout)
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "file not found; check the path")
        if p.is_dir():
            raise InputError(path, "is a directory; use `evnews batch` for folders")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(
                    path, f"file too large ({size} bytes > --max-bytes {max_bytes}); raise it"
                )
            data = p.read_bytes()
        except PermissionError:
            raise InputError(path, "permission denied; check the file's permissions") from None
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}; check the file") from None
    if len(data) > max_bytes:
        raise InputError(path, f"input too large (> --max-bytes {max_bytes}); raise it")
    return article_from_bytes(data, path, date_override=date_override)
