"""The SQLite result store: keys, chunk transactions, errors, reading back."""

from __future__ import annotations

import sqlite3

import pytest

from evnews.store import Store, StoreError, StoreKey

KEY = StoreKey("0.1.0", "blank:nl+evnews-rules", "3.8.0", "rules")


def doc(n: int) -> str:
    return f'{{"n": {n}}}'


def test_saved_result_is_found_by_content_and_pipeline(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(KEY, [("aaa", "a.txt", "2021-03", doc(1))])
        assert store.get("aaa", KEY) == doc(1)
        assert store.get("bbb", KEY) is None
        newer = StoreKey("0.2.0", KEY.model, KEY.model_version, KEY.mode)
        assert store.get("aaa", newer) is None


def test_saving_the_same_article_twice_keeps_one_row(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(KEY, [("aaa", "a.txt", None, doc(1))])
        store.save(KEY, [("aaa", "copy.txt", None, doc(2))])
        assert store.count() == 1
        assert store.get("aaa", KEY) == doc(1)


def test_a_chunk_is_saved_completely_or_not_at_all(tmp_path):
    with Store(tmp_path / "s.db") as store:
        bad_row = ("bbb", None, None, doc(2))  # source is NOT NULL
        with pytest.raises(sqlite3.IntegrityError):
            store.save(KEY, [("aaa", "a.txt", None, doc(1)), bad_row])
        assert store.count() == 0
        store.save(KEY, [("aaa", "a.txt", None, doc(1))])
        assert store.count() == 1


def test_errors_are_kept_until_the_source_succeeds(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save(KEY, [], [("a.txt", "empty file"), ("b.txt", "binary")])
        store.save(KEY, [("aaa", "a.txt", None, doc(1))])
        assert store.errors() == [("b.txt", "binary")]


def test_documents_give_one_analysis_per_article(tmp_path):
    other = StoreKey("0.2.0", KEY.model, KEY.model_version, KEY.mode)
    with Store(tmp_path / "s.db") as store:
        store.save(KEY, [("aaa", "a.txt", None, doc(1)), ("bbb", "b.txt", None, doc(2))])
        store.db.execute("UPDATE results SET analyzed_at='2000-01-01T00:00:00+00:00'")
        store.save(other, [("aaa", "a.txt", None, doc(3))])
        assert store.count() == 3
        assert list(store.documents()) == [doc(3), doc(2)]


def test_wal_mode_and_reopening(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.save(KEY, [("aaa", "a.txt", None, doc(1))])
    with Store(path, create=False) as again:
        assert again.get("aaa", KEY) == doc(1)


def test_missing_or_foreign_files_are_refused(tmp_path):
    with pytest.raises(StoreError, match="not found"):
        Store(tmp_path / "none.db", create=False)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hallo, dit is geen database\n" * 20, encoding="utf-8")
    with pytest.raises(StoreError, match="not an evnews store"):
        Store(foreign)
    other_db = tmp_path / "other.db"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not an evnews store"):
        Store(other_db, create=False)
