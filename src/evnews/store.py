"""A resumable SQLite store of analyses, keyed by content and pipeline.

One row per (content sha256, evnews version, pipeline model, model version, mode): the same
article analyzed again by the same pipeline is found and skipped, so an interrupted batch
resumes where it stopped. Writes happen in one transaction per chunk (WAL mode): a chunk is
stored completely or not at all, even after `kill -9`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL,
    evnews_version TEXT NOT NULL,
    model TEXT NOT NULL,
    model_version TEXT NOT NULL,
    mode TEXT NOT NULL,
    source TEXT NOT NULL,
    article_date TEXT,
    analyzed_at TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (sha256, evnews_version, model, model_version, mode)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS errors (
    source TEXT PRIMARY KEY,
    error TEXT NOT NULL,
    at TEXT NOT NULL
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class StoreKey:
    """What produced a stored analysis, besides the article content."""

    evnews_version: str
    model: str
    model_version: str
    mode: str

    def params(self) -> tuple[str, str, str, str]:
        return (self.evnews_version, self.model, self.model_version, self.mode)


class StoreError(Exception):
    """The store file cannot be opened or is not an evnews store."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An evnews result store in one SQLite file (created on first use)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"{path}: store not found")
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process (only an OS crash may lose the
            # last commits), and much faster than FULL.
            self.db.execute("PRAGMA synchronous=NORMAL")
            if create:
                self.db.executescript(_SCHEMA)
            self.db.execute("SELECT 1 FROM results LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not an evnews store ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, sha256: str, key: StoreKey) -> str | None:
        """The stored JSON document for this content and pipeline, or None."""
        row = self.db.execute(
            "SELECT result FROM results WHERE sha256=? AND evnews_version=? AND model=? "
            "AND model_version=? AND mode=?",
            (sha256, *key.params()),
        ).fetchone()
        return row[0] if row else None

    def save(
        self,
        key: StoreKey,
        results: Iterable[tuple[str, str, str | None, str]],
        errors: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Save one chunk in a single transaction.

        `results` holds (sha256, source, article_date, json) rows; an article already stored
        for this pipeline is left as it is. `errors` holds (source, error) rows; a later
        success for the same source clears its error.
        """
        now = _now()
        rows = [(sha, *key.params(), src, date, now, doc) for sha, src, date, doc in results]
        with self._transaction():
            self.db.executemany(
                # Only a duplicate is skipped; any other constraint aborts the chunk.
                "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                rows,
            )
            self.db.executemany("DELETE FROM errors WHERE source=?", [(r[5],) for r in rows])
            self.db.executemany(
                "INSERT OR REPLACE INTO errors VALUES (?,?,?)",
                [(src, err, now) for src, err in errors],
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def count(self) -> int:
        """Number of stored analyses (all pipelines)."""
        return self.db.execute("SELECT count(*) FROM results").fetchone()[0]

    def documents(self) -> Iterator[str]:
        """Every stored JSON document, one per article content.

        When an article was analyzed by several pipelines, the most recent analysis wins.
        """
        last = None
        for sha, doc in self.db.execute(
            "SELECT sha256, result FROM results ORDER BY sha256, analyzed_at DESC, "
            "evnews_version DESC"
        ):
            if sha != last:
                last = sha
                yield doc

    def errors(self) -> list[tuple[str, str]]:
        """(source, error) of the inputs that failed and have not succeeded since."""
        return self.db.execute("SELECT source, error FROM errors ORDER BY source").fetchall()
