"""Regression cases for claim and partnership status (tests/data/claim_cases.json).

The set of failing cases must equal the set marked `known_failure`: a new failure is a
regression, a known failure that now passes is an improvement to record in the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES_FILE = Path(__file__).parent / "data" / "claim_cases.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]
STATUSES = {"confirmed", "rumoured", "speculative", "denied", "mentioned"}


def predicted(rules_nlp, case: dict) -> str:
    doc = rules_nlp(case["text"])
    if "pair" in case:
        wanted = sorted(case["pair"])
        found = [p["status"] for p in doc._.evnews_partnerships if p["companies"] == wanted]
        return found[0] if found else "mentioned"
    entry = (doc._.evnews_company_status or {}).get(case["company"])
    return entry["status"] if entry else "mentioned"


def test_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in CASES:
        assert c["expected"] in STATUSES, c["id"]
        assert ("company" in c) != ("pair" in c), c["id"]
        assert isinstance(c["known_failure"], bool), c["id"]
    assert {c["expected"] for c in CASES} == STATUSES


def test_failures_are_exactly_the_known_ones(rules_nlp):
    failing = {}
    for case in CASES:
        got = predicted(rules_nlp, case)
        if got != case["expected"]:
            failing[case["id"]] = got
    known = {c["id"] for c in CASES if c["known_failure"]}
    regressions = {k: v for k, v in failing.items() if k not in known}
    improved = sorted(known - set(failing))
    assert not regressions, f"new failures (case id: predicted status): {regressions}"
    assert not improved, f"known failures that now pass; set known_failure=false: {improved}"


@pytest.mark.parametrize("status", sorted(STATUSES - {"mentioned"}))
def test_every_status_has_passing_cases(status):
    assert any(c["expected"] == status and not c["known_failure"] for c in CASES)


# The status and partnership floors on the development set (tests/data/eval_floors.json),
# checked through the CLI's --min-f1 as users would.
FLOORS = json.loads((Path(__file__).parent / "data" / "eval_floors.json").read_text())["floors"]
DEV_FLOORS = {k: v for k, v in FLOORS.items() if k.startswith(("status", "partnerships"))}


def test_dev_set_floors(rules_nlp):
    from typer.testing import CliRunner

    from evnews.cli import app

    dev = Path(__file__).parents[1] / "data" / "eval"
    if not any(dev.glob("*.gold.json")):
        pytest.skip("no development set")
    args = ["eval", str(dev), "--model", "rules", "--json"]
    for name, floor in DEV_FLOORS.items():
        args += ["--min-f1", f"{name}={floor}"]
    result = CliRunner().invoke(app, args)
    summary = json.loads(result.stdout)
    assert result.exit_code == 0, {
        "status": summary["status"]["accuracy"],
        "per_status": {s: r["f1"] for s, r in summary["status"]["per_status"].items()},
        "partnerships": summary["fields"].get("partnerships"),
    }
