"""The command line contract: stdout carries only data, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from evnews import __version__
from evnews.cli import app

ARTICLE = (
    " date 2021-03-30 Xiaomi bevestigt dat het elektrische auto’s gaat bouwen.\n"
    "Volgens bronnen zou Apple met Kia praten.\n"
)

runner = CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evnews", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_json_stdout_is_only_data_and_fallback_is_announced_once(article):
    proc = run_cli("analyze", str(article), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == "2"
    assert doc["pipeline"]["mode"] == "rules"
    assert proc.stderr.count("using the rules pipeline") == 1


def test_stdin_compact_json():
    proc = run_cli("analyze", "-", "--json", "--compact", stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["source"]["path"] == "-"
    assert doc["article"]["date"] == "2021-03-30"


def test_json_validates_against_schema(article):
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    result = runner.invoke(app, ["analyze", str(article), "--json", "--model", "rules"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema)
    for key in (
        "schema_version",
        "source",
        "article",
        "pipeline",
        "warnings",
        "entities",
        "companies",
        "partnerships",
        "amounts",
        "dates",
        "vehicle_types",
        "products",
        "claims",
    ):
        assert key in doc


def test_schema_rejects_wrong_status():
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    status = schema["$defs"]["Claim"]["properties"]["status"]
    assert set(status["enum"]) == {"confirmed", "rumoured", "speculative", "denied", "mentioned"}


def test_tables_show_sections(article):
    result = runner.invoke(app, ["analyze", str(article), "--model", "rules"])
    assert result.exit_code == 0, result.stderr
    for title in ("Companies", "Amounts", "Partnerships", "Vehicle types", "Products", "Claims"):
        assert title in result.stdout
    assert "Xiaomi" in result.stdout


def test_date_option_overrides(article):
    result = runner.invoke(
        app, ["analyze", str(article), "--json", "--model", "rules", "--date", "2022-01-05"]
    )
    assert json.loads(result.stdout)["article"]["date"] == "2022-01-05"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"\x00\x01binary", "binary"), (b"\xff\xfe\xfa oops", "UTF-8")],
)
def test_bad_input_is_one_line_exit_1(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["analyze", str(path), "--model", "rules"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt"), "--model", "rules"])
    assert result.exit_code == 1 and "file not found" in result.stderr
    result = runner.invoke(app, ["analyze", str(tmp_path), "--model", "rules"])
    assert result.exit_code == 1 and "directory" in result.stderr


def test_max_bytes(article):
    result = runner.invoke(app, ["analyze", str(article), "--model", "rules", "--max-bytes", "10"])
    assert result.exit_code == 1 and "too large" in result.stderr


def test_usage_errors_exit_2(article):
    result = runner.invoke(app, ["analyze", str(article), "--model", "/no/such/model"])
    assert result.exit_code == 2
    assert "cannot load spaCy model" in result.stderr
    result = runner.invoke(app, ["analyze", str(article), "--date", "30-03-2021"])
    assert result.exit_code == 2 and "--date" in result.stderr
    result = runner.invoke(app, ["analyze", str(article), "--no-such-option"])
    assert result.exit_code == 2


def test_version_and_help():
    result = runner.invoke(app, ["--version"])
    assert result.stdout.strip() == f"evnews {__version__}"
    for command in ("analyze", "schema"):
        help_text = runner.invoke(app, [command, "--help"]).stdout
        assert "Example" in help_text


def test_help_does_not_import_spacy():
    code = (
        "import sys; from evnews.cli import app; "
        "assert 'spacy' not in sys.modules and 'pydantic' not in sys.modules, 'eager import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
