from __future__ import annotations

import pytest

from evnews.pipeline import EVNEWS_COMPONENTS, ModelError, load_pipeline


def test_rules_pipeline_has_every_component():
    nlp, info = load_pipeline("rules")
    assert info.mode == "rules"
    assert nlp.pipe_names[:2] == ["sentencizer", "lemmatizer"]
    assert tuple(nlp.pipe_names[2:]) == EVNEWS_COMPONENTS


def test_default_falls_back_to_rules_and_says_so(capsys, monkeypatch):
    import evnews.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_announced", False)
    monkeypatch.setattr(pipeline, "DEFAULT_MODEL", "evnews_no_such_model_pkg")
    pipeline._load.cache_clear()
    try:
        pipeline.load_pipeline(None, quiet=True)
        _nlp, info = pipeline.load_pipeline(None)
        pipeline.load_pipeline(None)
        assert info.mode == "rules"
        assert capsys.readouterr().err.count("using the rules pipeline") == 1
    finally:
        pipeline._load.cache_clear()


def test_missing_explicit_model_is_an_error(tmp_path):
    with pytest.raises(ModelError, match="cannot load spaCy model"):
        load_pipeline(str(tmp_path / "missing"))
    with pytest.raises(ModelError):
        load_pipeline("nl_no_such_package_sm")


def test_lemmas_and_sentences_in_rules_mode():
    nlp, _ = load_pipeline("rules")
    doc = nlp("De auto's werden gebouwd. Daarna kwamen er meer.")
    assert len(list(doc.sents)) == 2
    assert doc[1].lemma_ == "auto"


def test_sentence_final_ordinary_words_end_sentences():
    nlp, _ = load_pipeline("rules")
    doc = nlp(
        "Kia ontkent dat. Later kwam er meer. Zie blz. 4 voor de rest. Het wordt een EV. Klaar."
    )
    assert [s.text for s in doc.sents] == [
        "Kia ontkent dat.",
        "Later kwam er meer.",
        "Zie blz. 4 voor de rest.",
        "Het wordt een EV.",
        "Klaar.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Klaar",
        "...",
        "Wat? Echt!! Ja.) En dan: \"nee.\" Nog één... zin?!\n\nKop\nTekst. 'Citaat.' Eind",
        "Het kost 3.5 miljard. (Bron: Reuters.) Volgende zin。 Daarna．Meer",
    ],
)
def test_array_sentencizer_agrees_with_spacy(text):
    import spacy
    from spacy.pipeline import Sentencizer

    nlp, _ = load_pipeline("rules")
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    nlp.get_pipe("sentencizer")(ours)
    Sentencizer()(theirs)
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]
    blank = spacy.blank("nl")
    own = blank.add_pipe("evnews_sentencizer", config={"punct_chars": [";"]})
    other = Sentencizer(punct_chars=[";"])
    ours, theirs = blank.make_doc(text + "; en; zo"), blank.make_doc(text + "; en; zo")
    own(ours)
    other(theirs)
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


def test_lemmatizer_lookups_are_spacys():
    import spacy
    from spacy.lookups import load_lookups

    nlp = spacy.blank("nl")
    lemmatizer = nlp.add_pipe("evnews_lemmatizer")
    nlp.initialize()
    text = "De fabrikanten bouwden auto's in Zwolle."
    before = [t.lemma_ for t in nlp(text)]  # from the plain dict, before the Table exists
    assert lemmatizer.lookups.to_bytes() == load_lookups("nl", ["lemma_lookup"]).to_bytes()
    assert [t.lemma_ for t in nlp(text)] == before
    assert before[1:4] == ["fabrikant", "bouwen", "auto"]
