"""Whole-result regression tests: every sample against its golden JSON (see `make golden`)."""

from __future__ import annotations

import difflib
import json

import pytest
import spacy

from regen_golden import (
    SPACY_VERSION,
    analyze_sample,
    dumps,
    golden_path,
    sample_paths,
    snapshot,
)

SAMPLES = sample_paths()


def test_there_are_enough_samples():
    assert len(SAMPLES) >= 10


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_matches_golden(sample):
    golden = golden_path(sample)
    assert golden.exists(), f"{golden.name} is missing: run `make golden` and read the diff"
    expected = golden.read_text(encoding="utf-8")
    actual = dumps(snapshot(analyze_sample(sample)))
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            fromfile=f"{golden.name} (golden)",
            tofile=f"{sample.name} (current analyzer)",
            lineterm="",
            n=2,
        )
        lines = list(diff)
        shown = "\n".join(lines[:150])
        more = f"\n... {len(lines) - 150} more diff lines" if len(lines) > 150 else ""
        pytest.fail(
            f"{sample.name} differs from its golden file; if the change is intended, "
            f"run `make golden` and review the diff:\n{shown}{more}",
            pytrace=False,
        )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_golden_pipeline_version_placeholder(sample):
    """The golden file holds a placeholder; the real run reports spaCy's own version."""
    golden = json.loads(golden_path(sample).read_text(encoding="utf-8"))
    assert golden["pipeline"]["mode"] == "rules"
    assert golden["pipeline"]["version"] == SPACY_VERSION
    assert analyze_sample(sample).pipeline.version == spacy.__version__


def test_snapshot_replaces_only_the_spacy_version():
    analysis = analyze_sample(SAMPLES[0])
    data = snapshot(analysis)
    assert data["pipeline"]["version"] == SPACY_VERSION
    data["pipeline"]["version"] = analysis.pipeline.version
    assert data == analysis.model_dump(mode="json")


def test_no_orphan_golden_files():
    names = {golden_path(s).name for s in SAMPLES}
    orphans = [p.name for p in SAMPLES[0].parent.glob("*.golden.json") if p.name not in names]
    assert not orphans, f"golden files without an article: {orphans}"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_golden_file_validates_against_schema(sample):
    import jsonschema

    from evnews.result import json_schema

    golden = json.loads(golden_path(sample).read_text(encoding="utf-8"))
    jsonschema.validate(golden, json_schema())
