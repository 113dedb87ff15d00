"""Build a benchmark corpus of N distinct articles from data/samples with variations.

Each article takes a sample body (or, when there are no samples, one of the templates
below), swaps the companies for others, scales the numbers, gets a new date line, and
ends with a generated paragraph, so every file has different content (a distinct sha256).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"

COMPANIES = [
    "Tesla",
    "Volkswagen",
    "BYD",
    "Xiaomi",
    "Apple",
    "Kia",
    "Hyundai",
    "Renault",
    "Stellantis",
    "Nio",
    "Xpeng",
    "Polestar",
    "Volvo",
    "Geely",
    "Toyota",
    "BMW",
    "Mercedes-Benz",
    "Ford",
    "Lucid",
    "Rivian",
]
_COMPANY_RE = re.compile(r"\b(" + "|".join(map(re.escape, COMPANIES)) + r")\b")
_NUMBER_RE = re.compile(r"\b\d+(?:,\d+)?\b")
_DATE_LINE = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*")

# Used when data/samples has no articles yet, and for the closing paragraph.
TEMPLATES = [
    "{a} werkt volgens ingewijden aan een elektrische stadsauto die rond {y} op de markt "
    "moet komen. Het bedrijf wil daar {n} miljard euro in steken. Een woordvoerder van {a} "
    "wilde niets kwijt over de plannen.",
    "{a} en {b} bevestigen dat ze samen een batterijfabriek bouwen in Europa. De fabriek "
    "kost zo'n {n} miljard dollar en moet over {k} jaar jaarlijks {m}.000 accu's leveren.",
    "Het gerucht gaat dat {a} met {b} praat over een gezamenlijk platform voor SUV's. "
    "Analisten schatten dat zo'n samenwerking {n} miljoen euro per jaar kan besparen.",
    "{a} ontkent dat het de bouw van hybride auto's stopzet. Volgens het bedrijf blijven "
    "plug-inhybrides tot {y} in het gamma, naast {k} volledig elektrische modellen.",
    "Mogelijk komt {a} volgend jaar met een goedkope elektrische hatchback met een bereik "
    "van {m}0 kilometer. Dat meldt een Duitse vakkrant, die zich baseert op bronnen bij "
    "{b}. De prijs zou onder de {n}0.000 euro blijven.",
]


def _paragraph(rng: random.Random) -> str:
    a, b = rng.sample(COMPANIES, 2)
    return rng.choice(TEMPLATES).format(
        a=a,
        b=b,
        n=rng.randint(2, 40),
        k=rng.randint(2, 12),
        m=rng.randint(10, 90),
        y=rng.randint(2023, 2032),
    )


def _bodies() -> list[str]:
    bodies = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = _DATE_LINE.sub("", path.read_text(encoding="utf-8-sig"), count=1).strip()
        if text:
            bodies.append(text)
    return bodies


def make_article(i: int, bodies: list[str]) -> str:
    """Article number `i`: deterministic for a given `i` and sample set."""
    rng = random.Random(i)
    swap = dict(zip(COMPANIES, rng.sample(COMPANIES, len(COMPANIES)), strict=True))
    if bodies:
        body = _COMPANY_RE.sub(lambda m: swap[m.group(1)], bodies[i % len(bodies)])
        factor = rng.choice((1, 2, 3, 5))
        body = _NUMBER_RE.sub(
            lambda m: m.group(0) if len(m.group(0)) == 4 else _scale(m.group(0), factor), body
        )
    else:
        body = " ".join(_paragraph(rng) for _ in range(3))
    date = f" date {rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}"
    return f"{date}\n{body}\n\n{_paragraph(rng)} (bericht {i})\n"


def _scale(number: str, factor: int) -> str:
    whole, _, frac = number.partition(",")
    return f"{int(whole) * factor}" + (f",{frac}" if frac else "")


def build(folder: Path, n: int) -> tuple[list[Path], int]:
    """Write `n` articles into `folder`; return their paths and the total word count."""
    folder.mkdir(parents=True, exist_ok=True)
    bodies = _bodies()
    paths, words = [], 0
    for i in range(n):
        text = make_article(i, bodies)
        path = folder / f"{i // 1000:03d}" / f"article{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words
