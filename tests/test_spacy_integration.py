"""evnews components inside a user's own spaCy pipeline: entry points, add_pipe, extensions,
to_disk/spacy.load, and the README example."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

import evnews
from evnews.components.extensions import CLAIMS, COMPANIES
from evnews.pipeline import EVNEWS_COMPONENTS
from evnews.textnorm import normalize

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = (
    "Volgens ingewijden praat Apple met Kia over een elektrische auto. "
    "Kia ontkent dat er gesprekken zijn. BYD bevestigt dat het een fabriek in Hongarije bouwt."
)


def test_every_factory_has_an_entry_point():
    eps = {ep.name: ep for ep in entry_points(group="spacy_factories")}
    for name in (*EVNEWS_COMPONENTS, "evnews"):
        assert name in eps, f"{name} missing from [project.entry-points.spacy_factories]"
        assert eps[name].load() is spacy.registry.factories.get(name)
    # The lemmatizer is a Dutch-only factory, registered as "nl.evnews_lemmatizer".
    lemmatizer = eps["evnews_lemmatizer"].load()
    assert lemmatizer is spacy.registry.factories.get("nl.evnews_lemmatizer")


@pytest.fixture(scope="module")
def own_nlp():
    """A user's pipeline: blank Dutch, a sentencizer, and each evnews component by name."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    for name in EVNEWS_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def test_components_one_by_one_in_own_pipeline(own_nlp):
    doc = own_nlp(TEXT)
    assert {s._.canonical for s in doc.spans[COMPANIES]} >= {"Apple", "Kia", "BYD"}
    status = {s.text.split()[0]: s._.status for s in doc.spans[CLAIMS]}
    assert status == {"Volgens": "rumoured", "Kia": "denied", "BYD": "confirmed"}
    result = doc._.evnews
    assert json.loads(json.dumps(result)) == result  # plain data
    assert {c["name"]: c["status"] for c in result["companies"]} == {
        "Apple": "rumoured",
        "Kia": "denied",
        "BYD": "confirmed",
    }


def test_meta_component_matches_the_api():
    nlp = spacy.blank("nl")
    nlp.add_pipe("evnews")  # no sentencizer: the meta component adds sentence boundaries
    assert nlp.pipe_names == ["evnews"]
    result = nlp(normalize(TEXT))._.evnews
    api = evnews.analyze(TEXT, model="rules").model_dump(mode="json")
    for key in ("companies", "claims", "partnerships", "amounts", "products"):
        assert result[key] == api[key], key


def test_doc_extension_needs_sentences():
    nlp = spacy.blank("nl")
    nlp.add_pipe("evnews_companies")
    with pytest.raises(ValueError, match="sentencizer"):
        _ = nlp("Kia bouwt.")._.evnews


_FRESH = """
import json, sys, spacy
assert "evnews" not in sys.modules
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
assert "evnews.components" in sys.modules  # loaded through the spacy_factories entry points
print(json.dumps({"pipes": nlp.pipe_names, "result": doc._.evnews}))
"""


def _load_fresh(path: Path) -> dict:
    """spacy.load(path) in a new interpreter that never imported evnews: pipes and result."""
    out = subprocess.run(
        [sys.executable, "-c", _FRESH, str(path), TEXT],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout)


def test_to_disk_and_load_in_a_fresh_interpreter(own_nlp, tmp_path):
    own_nlp.to_disk(tmp_path / "mine")
    expected = own_nlp(TEXT)._.evnews
    loaded = _load_fresh(tmp_path / "mine")
    assert loaded["pipes"] == own_nlp.pipe_names
    assert loaded["result"] == expected
    # and in this process, too
    again = spacy.load(tmp_path / "mine")
    assert again(TEXT)._.evnews == expected


def _readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_readme_spacy_example_runs(capsys):
    section = _readme_section("Using evnews inside your own spaCy pipeline")
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    expected = re.search(r"prints:\n\n```text\n(.*?)```", section, re.S).group(1)
    assert printed == expected


def test_readme_python_api_example_runs(capsys):
    section = _readme_section("Python API")
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2023-12-22 [('BYD', 'confirmed')]"
    assert lines[1] == "[('Xiaomi', 'rumoured')]"
    assert lines[2].startswith("[('Hyundai', 'denied')")


def test_saved_rules_pipeline_loads_in_a_fresh_interpreter(tmp_path):
    # The rules pipeline uses evnews_lemmatizer too; spacy.load finds it by entry point.
    from evnews.pipeline import load_pipeline

    nlp, _info = load_pipeline("rules", quiet=True)
    nlp.to_disk(tmp_path / "rules")
    assert _load_fresh(tmp_path / "rules")["pipes"] == nlp.pipe_names
