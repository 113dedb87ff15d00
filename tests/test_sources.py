from __future__ import annotations

import pytest

from evnews.sources import InputError, article_from_bytes, parse_article, read_article
from evnews.textnorm import normalize


def test_date_prefix_shares_line_with_body():
    a = parse_article(" date 2024-06 Het Franse Renault opent een fabriek.")
    assert a.date == "2024-06"
    assert a.body == "Het Franse Renault opent een fabriek."


def test_full_date_and_title():
    a = parse_article("date 2021-03-15\n# Xiaomi gaat auto's bouwen\nXiaomi bouwt auto's.")
    assert a.date == "2021-03-15"
    assert a.title == "Xiaomi gaat auto's bouwen"
    assert a.body == "Xiaomi bouwt auto's."


@pytest.mark.parametrize(
    ("first_line", "iso"),
    [
        ("24 september 2021", "2021-09-24"),
        ("Vrijdag 24 sept. 2021, 14:05 uur", "2021-09-24"),
        ("3 OKTOBER 2024", "2024-10-03"),
        ("24-09-2021", "2021-09-24"),
        ("2021-09-24 10:00", "2021-09-24"),
        ("juni 2019", "2019-06"),
        ("Sept. 2021", "2021-09"),
    ],
)
def test_dutch_date_line(first_line, iso):
    a = parse_article(f"{first_line}\n# Titel\n\nVolvo bouwt in Gent.")
    assert (a.date, a.title, a.body) == (iso, "Titel", "Volvo bouwt in Gent.")


@pytest.mark.parametrize(
    "text",
    [
        "24 september 2021 was een drukke dag.\nMeer.",
        "31 februari 2021\nVolvo bouwt.",
        "juni 2019 was een drukke maand.\nMeer.",
    ],
)
def test_not_a_date_line_stays_in_the_body(text):
    a = parse_article(text)
    assert a.date is None and a.body == text


def test_no_date_line_keeps_body():
    a = parse_article("update 2021 Tesla bouwt.")
    assert a.date is None
    assert a.body == "update 2021 Tesla bouwt."


def test_date_override():
    a = parse_article(" date 2021-03 Tekst.", date_override="2022-01-05")
    assert a.date == "2022-01-05"


def test_bom_is_dropped():
    a = article_from_bytes("\ufeffKia bouwt.".encode(), "x.txt")
    assert a.body == "Kia bouwt."
    assert a.bytes == len("\ufeffKia bouwt.".encode())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01\x02abc", "binary"),
        (b"\x81\x8d\x8f\x90\x9d auto", "UTF-8"),
        (b" date 2021-03\n", "empty article"),
    ],
)
def test_bad_bytes(data, reason):
    with pytest.raises(InputError, match=reason):
        article_from_bytes(data, "bad.txt")


def test_read_errors(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_article(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="directory"):
        read_article(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_text("auto " * 100)
    with pytest.raises(InputError, match="too large"):
        read_article(str(big), max_bytes=50)


def test_normalize_keeps_length():
    raw = "auto’s, zo’n “EV’s”\u00a0nu – echt"
    norm = normalize(raw)
    assert len(norm) == len(raw)
    assert norm == "auto's, zo'n \"EV's\" nu - echt"
