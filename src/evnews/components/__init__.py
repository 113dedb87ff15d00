"""evnews spaCy components; importing this package registers every factory."""

from evnews.components import (  # noqa: F401
    claims,
    companies,
    dates,
    extensions,
    lemmas,
    meta,
    money,
    partners,
    people_places,
    products,
    sentences,
    vehicles,
)
