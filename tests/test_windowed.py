"""WindowedMatcher: the same matches as a plain spaCy Matcher, in text order."""

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


def _in_text_order(matches):
    return sorted(matches, key=lambda m: (m[1], m[2]))


def test_same_matches_as_matcher(rules_nlp):
    plain, windowed = _both(rules_nlp, PATTERNS)
    doc = rules_nlp.make_doc(
        "Volgens ingewijde bronnen kondigt Kia morgen een nieuwe auto aan. Het weer is goed, "
        "en de batterijsamenwerking met LG kondigde Hyundai al eerder aan."
    )
    assert windowed.anchored
    found = windowed(doc)
    assert found == _in_text_order(plain(doc))
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


def test_same_matches_with_the_real_cue_and_relation_patterns(rules_nlp):
    from pathlib import Path

    from evnews import knowledge

    patterns = {f"cue{i}": list(r.patterns) for i, r in enumerate(knowledge.cues().rules)}
    patterns |= {f"rel{i}": list(r.patterns) for i, r in enumerate(knowledge.relations())}
    plain, windowed = _both(rules_nlp, {k: [list(p) for p in v] for k, v in patterns.items() if v})
    assert windowed.anchored
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    checked = 0
    for path in sorted(samples.glob("*.txt")):
        doc = rules_nlp.make_doc(path.read_text(encoding="utf-8"))
        found = windowed(doc)
        assert sorted(found) == sorted(plain(doc)), path.name
        assert found == _in_text_order(found)
        checked += len(found)
    assert checked >= 40


def test_python_matching_is_spacys_on_random_text(rules_nlp):
    """Gaps with NOT_IN and IS_ALPHA, "{n}", regexes and two keys on one span, on random
    word sequences: the same matches as spaCy, and two keys on one span in spaCy's order."""
    import random

    from spacy.tokens import Doc

    patterns = {
        "zou": [
            [
                {"LOWER": {"IN": ["zou", "zouden"]}},
                {"LOWER": {"NOT_IN": ["kunnen", "?"]}, "OP": "{0,5}"},
                {"LOWER": {"REGEX": "^[a-z]{2,}en$", "NOT_IN": ["kunnen"]}},
            ]
        ],
        "zou_kan": [[{"LOWER": {"IN": ["zou", "zouden"]}}, {"OP": "{0,4}"}, {"LOWER": "kunnen"}]],
        "maakt": [[{"LOWER": "maakt"}, {"OP": "{0,3}"}, {"LOWER": "bekend"}]],
        "maakt_niet": [
            [{"LOWER": "maakt"}, {"OP": "{0,3}"}, {"LOWER": "niet"}, {"LOWER": "bekend"}]
        ],
        "alpha": [[{"LOWER": "volgens"}, {"IS_ALPHA": True, "OP": "{1,2}"}, {"LOWER": "bronnen"}]],
        "exact": [[{"LOWER": "van"}, {"OP": "{12}"}, {"LOWER": "tot"}]],
        "one": [[{"LOWER": {"REGEX": "samenwerking$"}}], [{"LOWER": "zou"}, {"LOWER": "?"}]],
    }
    plain, windowed = _both(rules_nlp, patterns)
    assert all(g.patterns is not None for g in windowed.groups.values())
    words = "zou zouden kunnen praten gaan ? maakt niet bekend volgens 2 de bronnen van tot "
    words += "een Kia batterijsamenwerking , gebouwd"
    rng = random.Random(5)
    for _ in range(300):
        doc = Doc(rules_nlp.vocab, words=rng.choices(words.split(), k=rng.randint(1, 40)))
        assert windowed(doc) == _in_text_order(plain(doc))


def test_knowledge_file_patterns_stay_anchored(rules_nlp):
    # A pattern whose first token has no LOWER test (say IS_PUNCT) makes the whole cue or
    # relation matcher run on every token of the doc: claims once took 5x longer that way.
    from evnews.components.cues import CueEngine
    from evnews.components.partners import PartnerFinder

    assert CueEngine(rules_nlp).matcher.anchored
    assert PartnerFinder(rules_nlp).matcher.anchored
