"""evnews on top of a statistical Dutch pipeline.

The test trains a tiny tagger + parser + NER itself (a few seeded iterations on sentences
written here), saves it, and runs evnews through the same `--model PATH` code path a user
takes, and through `nlp.add_pipe("evnews")`.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.training import Example
from spacy.util import fix_random_seed

from evnews.pipeline import EVNEWS_COMPONENTS, load_pipeline
from evnews.sources import parse_article
from evnews.textnorm import normalize

# Two sentences per example, so the parser sees sentence boundaries (one root each).
TRAIN = [
    (
        "Renault bouwt een fabriek in Douai . Topman Luca de Meo is tevreden .",
        [("Renault", "ORG"), ("Douai", "LOC"), ("Luca de Meo", "PER")],
    ),
    (
        "Tesla verkoopt de Model Y in Nederland . Elon Musk belooft meer .",
        [("Tesla", "ORG"), ("Model Y", "PRODUCT"), ("Nederland", "LOC"), ("Elon Musk", "PER")],
    ),
    (
        "Volkswagen investeert veel geld in China . De ID.3 komt later .",
        [("Volkswagen", "ORG"), ("China", "LOC"), ("ID.3", "PRODUCT")],
    ),
    (
        "BYD opent een kantoor in Rotterdam . Wang Chuanfu ziet groei .",
        [("BYD", "ORG"), ("Rotterdam", "LOC"), ("Wang Chuanfu", "PER")],
    ),
    (
        "Kia toont de EV9 in Brussel . De wagen rijdt elektrisch .",
        [("Kia", "ORG"), ("EV9", "PRODUCT"), ("Brussel", "LOC")],
    ),
    (
        "Xiaomi wil auto's maken . Lei Jun noemt het een gok .",
        [("Xiaomi", "ORG"), ("Lei Jun", "PER")],
    ),
]
VERBS = {
    "bouwt",
    "verkoopt",
    "investeert",
    "opent",
    "toont",
    "wil",
    "is",
    "belooft",
    "komt",
    "ziet",
    "rijdt",
    "noemt",
}
TAGS = {
    "een": "DET",
    "de": "DET",
    "het": "DET",
    "in": "ADP",
    ".": "PUNCT",
    "veel": "ADJ",
    "meer": "ADJ",
    "later": "ADV",
    "elektrisch": "ADJ",
    "tevreden": "ADJ",
}

ARTICLE = (
    " date 2024-06 Renault bouwt een nieuwe fabriek in Douai. Volgens ingewijden praat "
    "Tesla met Kia over een samenwerking. BYD bevestigt dat het een kantoor in Rotterdam opent."
)


def _tag(word: str) -> str:
    if word in VERBS:
        return "VERB"
    return TAGS.get(word.lower(), "PROPN" if word[0].isupper() else "NOUN")


def _dep(j: int, root: int, word: str) -> str:
    if j == root:
        return "ROOT"
    if word == ".":
        return "punct"
    return "nsubj" if j < root else "obj"


def _example(nlp, text: str, ents: list[tuple[str, str]]) -> Example:
    """Flat trees: in each sentence every token hangs from the verb."""
    doc = nlp.make_doc(text)
    words = [t.text for t in doc]
    heads, deps, starts = [], [], []
    start = 0
    for i, word in enumerate(words):
        if word == "." or i == len(words) - 1:
            root = next(j for j in range(start, i + 1) if words[j] in VERBS)
            for j in range(start, i + 1):
                heads.append(root)
                deps.append(_dep(j, root, words[j]))
                starts.append(1 if j == start else -1)
            start = i + 1
    spans = [(text.index(s), text.index(s) + len(s), label) for s, label in ents]
    annotations = {
        "words": words,
        "tags": [_tag(w) for w in words],
        "heads": heads,
        "deps": deps,
        "sent_starts": starts,
        "entities": spans,
    }
    return Example.from_dict(doc, annotations)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    fix_random_seed(0)
    nlp = spacy.blank("nl")
    nlp.add_pipe("tagger")
    nlp.add_pipe("parser", config={"min_action_freq": 1})  # keep every label of tiny data
    nlp.add_pipe("ner")
    examples = [_example(nlp, text, ents) for text, ents in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(12):
        nlp.update(examples, sgd=optimizer, drop=0.1)
    nlp.meta.update(name="tiny_test", version="0.0.7")
    path = tmp_path_factory.mktemp("model") / "nl_tiny_test"
    nlp.to_disk(path)
    return path


def test_load_pipeline_with_a_model_path(tiny_model):
    nlp, info = load_pipeline(str(tiny_model))
    assert info.mode == "statistical"
    assert info.model == str(tiny_model)
    assert info.version == "0.0.7"
    assert nlp.pipe_names[:3] == ["tagger", "parser", "ner"]
    assert "sentencizer" not in nlp.pipe_names  # sentences come from the parser
    assert nlp.pipe_names[3:] == list(EVNEWS_COMPONENTS)


def test_cli_analyze_with_model_path(tiny_model, tmp_path):
    from typer.testing import CliRunner

    from evnews.cli import app

    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["analyze", str(article), "--model", str(tiny_model), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pipeline"] == {"model": str(tiny_model), "version": "0.0.7", "mode": "statistical"}
    # the sentence count is the parser's, not a sentencizer's
    nlp, _ = load_pipeline(str(tiny_model))
    doc = nlp(normalize(parse_article(ARTICLE).body))
    assert doc.has_annotation("DEP")
    assert data["article"]["sentences"] == len(list(doc.sents))
    assert {"Renault", "Tesla", "Kia", "BYD"} <= {c["name"] for c in data["companies"]}
    assert data["article"]["date"] == "2024-06"


def test_add_pipe_on_the_trained_pipeline(tiny_model):
    nlp = spacy.load(tiny_model)
    nlp.add_pipe("evnews")
    assert "sentencizer" not in nlp.pipe_names
    doc = nlp(normalize(parse_article(ARTICLE).body))
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")
    result = doc._.evnews
    assert {"Renault", "Tesla", "Kia", "BYD"} <= {c["name"] for c in result["companies"]}
    assert result["article"]["sentences"] == len(list(doc.sents))
