"""Regenerate data/samples/NAME.golden.json from the current analyzer (rules mode).

Run it through `make golden`, then read `git diff data/samples` before committing: a golden
file is a regression snapshot, and every change in it should be one you meant.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import spacy

from evnews.api import analyze_article
from evnews.result import Analysis
from evnews.sources import article_from_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
ARTICLE_SUFFIXES = (".txt", ".md")

# In rules mode the pipeline version is spaCy's own version, which differs between
# machines; golden files store this placeholder instead, and the tests check the real
# value separately.
SPACY_VERSION = "<spacy-version>"


def sample_paths() -> list[Path]:
    """Every sample article, sorted by name."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def golden_path(sample: Path) -> Path:
    return sample.with_name(sample.stem + ".golden.json")


@cache
def analyze_sample(sample: Path) -> Analysis:
    """Analyze one sample in rules mode, with its path relative to the repository root.

    Cached: callers must not mutate the result (`snapshot` works on a copy).
    """
    source = sample.relative_to(ROOT).as_posix()
    article = article_from_bytes(sample.read_bytes(), source)
    return analyze_article(article, model="rules")


def snapshot(analysis: Analysis) -> dict:
    """The analysis as golden-file data, with machine-dependent fields made stable."""
    data = analysis.model_dump(mode="json")
    pipeline = data["pipeline"]
    if pipeline["mode"] == "rules" and pipeline["version"] == spacy.__version__:
        pipeline["version"] = SPACY_VERSION
    return data


def dumps(data: dict) -> str:
    """Pretty JSON in the model's field order, as stored in golden files."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    changed = created = 0
    samples = sample_paths()
    for sample in samples:
        target = golden_path(sample)
        text = dumps(snapshot(analyze_sample(sample)))
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old == text:
            continue
        target.write_text(text, encoding="utf-8")
        if old is None:
            created += 1
            print(f"created  {target.relative_to(ROOT)}")
        else:
            changed += 1
            print(f"changed  {target.relative_to(ROOT)}")
    names = {golden_path(s).name for s in samples}
    for orphan in sorted(SAMPLES.glob("*.golden.json")):
        if orphan.name not in names:
            print(f"orphan   {orphan.relative_to(ROOT)} (no article; delete it by hand)")
    unchanged = len(samples) - changed - created
    print(f"{len(samples)} samples: {created} created, {changed} changed, {unchanged} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
