"""WindowedMatcher: the same matches, in the same order, as a plain spaCy Matcher."""

from __future__ import annotations

from spacy.matcher import Matcher

from evnews.components.windowed import WindowedMatcher

PATTERNS = {
    "gap": [[{"LOWER": {"IN": ["kondigt", "kondigde"]}}, {"OP": "{0,8}"}, {"LOWER": "aan"}]],
    "word": [[{"LOWER": "volgens"}, {"OP": "{0,2}"}, {"LOWER": "bronnen"}]],
    "regex": [[{"LOWER": {"REGEX": "^[a-z]+samenwerking$"}}]],
}


def _both(nlp, patterns):
    plain, windowed = Matcher(nlp.vocab), WindowedMatcher(nlp.vocab)
    for key, pats in patterns.items():
        plain.add(key, pats)
        windowed.add(key, pats)
    return plain, windowed


def test_same_matches_as_matcher(rules_nlp):
    plain, windowed = _both(rules_nlp, PATTERNS)
    doc = rules_nlp.make_doc(
        "Volgens ingewijde bronnen kondigt Kia morgen een nieuwe auto aan. Het weer is goed, "
        "en de batterijsamenwerking met LG kondigde Hyundai al eerder aan."
    )
    assert windowed.anchored
    found = windowed(doc)
    assert found == plain(doc)
    assert {rules_nlp.vocab.strings[k] for k, _, _ in found} == {"gap", "word", "regex"}


def test_no_match_without_anchor(rules_nlp):
    _plain, windowed = _both(rules_nlp, PATTERNS)
    assert windowed(rules_nlp.make_doc("Tesla bouwt een fabriek in Berlijn.")) == []


def test_unbounded_pattern_matches_whole_doc(rules_nlp):
    patterns = {"open": [[{"LOWER": "van"}, {"OP": "*"}, {"LOWER": "tot"}]]}
    plain, windowed = _both(rules_nlp, patterns)
    doc = rules_nlp.make_doc("van maandag tot en met vrijdag")
    assert not windowed.anchored
    assert windowed(doc) == plain(doc) != []
