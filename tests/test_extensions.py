"""`span_attr` / `set_span_attrs` read and write where spaCy's `span._` does.

They use spaCy's storage of span extensions in `doc.user_data` directly (for speed); if a
spaCy upgrade changes that storage, these tests fail before any result goes wrong.
"""

from __future__ import annotations

from evnews.components.extensions import _SPAN_ATTRS, set_span_attrs, span_attr


def test_span_attr_equals_the_underscore_on_every_group(rules_nlp):
    doc = rules_nlp(
        "Volgens Reuters investeert het Chinese BYD 4 miljard euro in een fabriek in "
        "Hongarije, die volgend jaar de Dolphin gaat bouwen. Tesla ontkent plannen."
    )
    seen = 0
    for group in doc.spans:
        for span in doc.spans[group]:
            for name in _SPAN_ATTRS:
                assert span_attr(span, name) == getattr(span._, name), (group, name)
                seen += 1
    assert seen > 0


def test_set_span_attrs_is_read_back_by_the_underscore(rules_nlp):
    doc = rules_nlp.make_doc("Kia bouwt een fabriek.")
    span = doc[0:1]
    set_span_attrs(span, canonical="Kia", value=3.5)
    assert (span._.canonical, span._.value) == ("Kia", 3.5)
    span._.canonical = "Hyundai"
    assert span_attr(span, "canonical") == "Hyundai"
