"""Real-world inputs: HTML files, URLs from a local server, encodings, mojibake, language."""

from __future__ import annotations

import functools
import http.server
import socket
import threading

import pytest

from evnews.sources import (
    InputError,
    article_from_bytes,
    decode,
    detect_language,
    parse_article,
    read_article,
    repair_mojibake,
)

BODY_1 = (
    "Het Franse Renault opent in 2026 een nieuwe fabriek voor elektrische auto’s in Douai. "
    "Volgens het bedrijf gaat het om een investering van 1,3 miljard euro."
)
BODY_2 = "Topman Luca de Meo zei dat de eerste wagens volgend jaar van de band rollen."

PAGE = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Renault opent fabriek | Autoblad Voorbeeld</title>
<meta property="article:published_time" content="2024-06-03T10:00:00+02:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/nieuws">Nieuws</a></li>
<li><a href="/abonnement">Word abonnee</a></li></ul></nav>
<article><h1>Renault opent fabriek</h1><p>{BODY_1}</p><p>{BODY_2}</p></article>
<section class="comments"><h3>Reacties</h3><p>Piet: daar geloof ik helemaal niks van!</p></section>
<footer>Alle rechten voorbehouden. Privacyverklaring | Cookie-instellingen</footer>
</body></html>
"""


def test_html_file_main_text_title_and_metadata_date(tmp_path):
    path = tmp_path / "renault.html"
    path.write_text(PAGE, encoding="utf-8")
    a = read_article(str(path))
    assert a.title == "Renault opent fabriek"
    assert a.date == "2024-06-03"
    assert BODY_1 in a.body and BODY_2 in a.body
    for chrome in ("Word abonnee", "Reacties", "niks van", "Privacyverklaring", "Home"):
        assert chrome not in a.body
    assert a.warnings == []


def test_html_date_precedence(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    assert read_article(str(path), date_override="2024-07-01").date == "2024-07-01"
    # without metadata, trafilatura's own guess (here the <time> element) is used
    bare = PAGE.replace('<meta property="article:published_time"', '<meta name="x"').replace(
        "<article>", '<article><time datetime="2024-05-28">28 mei</time>'
    )
    assert article_from_bytes(bare.encode(), "x.html").date == "2024-05-28"
    # a date line in the extracted text wins over the metadata, and the conflict is noted
    lined = PAGE.replace("<p>Het Franse", "<p>date 2023-11 Het Franse")
    a = article_from_bytes(lined.encode(), "x.html")
    assert a.date == "2023-11"
    assert any("2024-06-03" in w for w in a.warnings)


def test_html_sniffed_without_suffix():
    a = article_from_bytes(PAGE.encode(), "-")
    assert a.title == "Renault opent fabriek"
    assert "<p>" not in a.body


def test_html_without_article_text_is_an_input_error():
    with pytest.raises(InputError, match=r"x\.html: no article text.*\.txt"):
        article_from_bytes(b"<html><head><title>Leeg</title></head><body></body></html>", "x.html")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "renault.html").write_text(PAGE, encoding="utf-8")
    (root / "plain.txt").write_bytes(f" date 2021-03 {BODY_1}".encode("cp1252"))
    (root / "big.html").write_text(PAGE + "<!--" + "x" * 20_000 + "-->", encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_url_html(server):
    a = read_article(f"{server}/renault.html", timeout=5)
    assert a.source == f"{server}/renault.html"
    assert a.title == "Renault opent fabriek"
    assert a.date == "2024-06-03"
    assert BODY_2 in a.body and "Reacties" not in a.body


def test_url_plain_text_in_cp1252(server):
    a = read_article(f"{server}/plain.txt", timeout=5)
    assert a.date == "2021-03"
    assert a.body == BODY_1
    assert any("cp1252" in w for w in a.warnings)


def test_url_errors(server):
    with pytest.raises(InputError, match=r"missing\.html: HTTP 404"):
        read_article(f"{server}/missing.html", timeout=5)
    with pytest.raises(InputError, match=r"too large.*--max-bytes"):
        read_article(f"{server}/big.html", max_bytes=5_000, timeout=5)
    with pytest.raises(InputError, match=r"logo\.png: not a web page"):
        read_article(f"{server}/logo.png", timeout=5)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_offline_is_one_clear_line():
    url = f"http://127.0.0.1:{_closed_port()}/artikel.html"
    with pytest.raises(InputError) as info:
        read_article(url, timeout=2)
    message = str(info.value)
    assert message.startswith(url + ": cannot fetch")
    assert "internet connection" in message and "\n" not in message


def test_url_timeout():
    with socket.socket() as s:  # accepts connections (backlog) but never answers
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        url = f"http://127.0.0.1:{s.getsockname()[1]}/traag.html"
        with pytest.raises(InputError, match=r"no answer within 0\.2 s.*--timeout"):
            read_article(url, timeout=0.2)


def test_cli_reads_url(server, tmp_path):
    import json

    from typer.testing import CliRunner

    from evnews.cli import app

    result = CliRunner().invoke(
        app, ["analyze", f"{server}/renault.html", "--model", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["path"].endswith("/renault.html")
    assert data["article"]["title"] == "Renault opent fabriek"
    assert data["article"]["date"] == "2024-06-03"
    assert "Renault" in {c["name"] for c in data["companies"]}


# --- encodings and mojibake -------------------------------------------------------------

DUTCH = "Citroën en Škoda brengen één betaalbare elektrische auto’s uit, zegt de topman."


def test_utf8_passes_silently():
    a = article_from_bytes(DUTCH.encode("utf-8"), "a.txt")
    assert a.body == DUTCH and a.warnings == []


def test_cp1252_is_detected_and_named():
    text = DUTCH.replace("Škoda", "Skoda")  # not in latin-1; cp1252 has it, but keep it plain
    a = article_from_bytes(text.encode("cp1252"), "oud.txt")
    assert a.body == text
    assert a.warnings == ["not UTF-8: decoded as cp1252 (detected); check accents"]


def test_latin1_file(tmp_path):
    text = "De Citroën ë-C4 kost ongeveer 35.000 euro, aldus de importeur in België."
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    a = read_article(str(path))
    assert a.body == text
    assert "decoded as" in a.warnings[0]


def test_utf16_with_bom():
    a = article_from_bytes(DUTCH.encode("utf-16"), "a.txt")
    assert a.body == DUTCH
    assert "UTF-16" in a.warnings[0]


def test_mojibake_repaired_with_a_warning():
    broken = DUTCH.encode("utf-8").decode("cp1252", errors="replace")
    assert "â€™" in broken
    a = parse_article(broken)
    assert a.body == DUTCH
    assert any("mojibake" in w and "'CitroÃ«n' -> 'Citroën'" in w for w in a.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Het château van Citroën staat in Parijs.",  # real accents
        "Ã is de hoofdletter van ã in het Portugees.",  # ambiguous: would need a guess
        "Kosten: â 5 per stuk.",
    ],
)
def test_mojibake_leaves_clean_or_ambiguous_text_alone(text):
    assert repair_mojibake(text) == (text, [])


# --- language check ---------------------------------------------------------------------

ENGLISH = (
    "The carmaker said on Tuesday that it will build a new battery plant in Spain, and that "
    "the first cars from the factory should reach customers in the spring of next year. "
    "Analysts have been sceptical about the plan, which would cost more than two billion."
)
GERMAN = (
    "Der Autobauer hat am Dienstag angekündigt, dass er eine neue Batteriefabrik in Spanien "
    "bauen wird. Die ersten Fahrzeuge sollen im Frühjahr ausgeliefert werden, und das "
    "Unternehmen ist sich sicher, dass der Plan auch finanziell aufgeht."
)
DUTCH_LONG = (
    "De autobouwer heeft dinsdag bekendgemaakt dat er een nieuwe batterijfabriek in Spanje "
    "komt. De eerste wagens moeten in het voorjaar bij de klanten zijn, en volgens analisten "
    "is het plan ook financieel haalbaar. Tesla zegt dat de Model Y Long Range met Full "
    "Self-Driving niet duurder wordt."
)
FLEMISH = (
    "Het Vlaamse bedrijf gaat volgend jaar een fabriek openen in Gent, waar ze batterijen "
    "voor elektrische wagens zullen maken. De CEO zei dat er nog geen contract getekend is, "
    "maar dat de gesprekken met de overheid goed lopen."
)


@pytest.mark.parametrize(
    ("text", "lang", "name"), [(ENGLISH, "en", "English"), (GERMAN, "de", "German")]
)
def test_non_dutch_gets_a_warning(text, lang, name):
    code, warning = detect_language(text)
    assert code == lang
    assert warning is not None and f"looks {name}" in warning


@pytest.mark.parametrize("text", [DUTCH_LONG, FLEMISH, "The new car is fast."])
def test_dutch_and_short_texts_pass_silently(text):
    assert detect_language(text) == ("nl", None)


def test_english_article_still_analyzed_with_warning_on_stderr(tmp_path):
    from typer.testing import CliRunner

    from evnews.cli import app

    path = tmp_path / "english.txt"
    path.write_text("Tesla and BYD are mentioned here. " + ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--model", "rules", "--json"])
    assert result.exit_code == 0, result.output
    assert "looks English" in result.stderr
    import json

    data = json.loads(result.stdout)
    assert any("looks English" in w for w in data["warnings"])
    assert {"Tesla", "BYD"} <= {c["name"] for c in data["companies"]}


def test_mojibake_apostrophe_from_the_issue():
    a = parse_article("De autoâ€™s van Kia zijn populair, en zoâ€™n wagen is snel verkocht.")
    assert a.body == "De auto’s van Kia zijn populair, en zo’n wagen is snel verkocht."
    assert "'autoâ€™s' -> 'auto’s'" in a.warnings[0]


def test_every_input_error_names_the_file_and_what_to_do(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from evnews.cli import app

    files = {
        "missing.txt": None,
        "map": "dir",
        "binary.txt": b"\x00\x01\x02data",
        "empty.txt": b"  \n",
        "undecodable.txt": b"\x81\x8d\x8f\x90\x9d",
        "big.txt": b"auto " * 50,
        "only-date.txt": b" date 2024-01\n",
        "leeg.html": b"<html><head><title>Leeg</title></head><body></body></html>",
    }
    for name, content in files.items():
        if content == "dir":
            (tmp_path / name).mkdir()
        elif content is not None:
            (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    targets = [*files, f"http://127.0.0.1:{_closed_port()}/weg.html"]
    for target in targets:
        result = CliRunner().invoke(
            app, ["analyze", target, "--model", "rules", "--max-bytes", "200"]
        )
        assert result.exit_code == 1, target
        line = result.stderr.strip()
        assert "\n" not in line and line.startswith(f"evnews: {target}: "), line
        advice = line.split("; ", 1)
        assert len(advice) == 2 and advice[1], f"no advice in: {line}"


def test_false_utf16_mark_is_refused():
    with pytest.raises(InputError, match="UTF-16 mark but is not UTF-16"):
        article_from_bytes(b"\xff\xfe\xfa oops", "x.txt")


def test_readme_example_page():
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "data/examples/renault_fabriek.html"
    a = read_article(str(page))
    assert (a.title, a.date, a.warnings) == (
        "Renault bouwt batterijfabriek in Douai",
        "2024-06-03",
        [],
    )
    assert a.body.startswith("Het Franse Renault bouwt in Douai")
    assert a.body.endswith("ontkent dat het geld in het project steekt.")
    assert a.body.count("\n\n") == 2  # three paragraphs; byline, comments and footer dropped


def test_corpus_reencoded_as_cp1252_decodes_back():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "data"
    checked = 0
    for path in sorted([*root.glob("eval/*.txt"), *root.glob("samples/*.txt")]):
        text = path.read_text(encoding="utf-8")
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        if data.isascii():
            continue
        assert (
            article_from_bytes(data, path.name)
            .warnings[0]
            .startswith("not UTF-8: decoded as cp1252")
        ), path.name
        assert decode(data, path.name)[0] == text, path.name
        checked += 1
    assert checked >= 10


def test_cp1252_letters_in_the_c1_range_are_not_read_as_iso_8859(monkeypatch):
    # "Š" is 0x8a in cp1252 and a control character in ISO-8859-15. charset-normalizer
    # sometimes prefers ISO-8859-15 on long texts (it did on data/eval/d3_60); evnews
    # must still decode cp1252.
    import charset_normalizer

    text = "De fabriek in Skellefteå levert cellen aan Škoda."
    data = text.encode("cp1252")

    class Match:
        encoding, chaos = "iso8859_15", 0.0

        def __str__(self) -> str:
            return data.decode("iso8859_15")

    class Matches:
        def best(self):
            return Match()

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: Matches())
    decoded, warnings = decode(data, "a.txt")
    assert decoded == text
    assert warnings == ["not UTF-8: decoded as cp1252 (detected); check accents"]
