"""The benchmark script still runs end to end (a smoke test on a tiny corpus, no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"


def test_bench_runs_on_a_tiny_corpus():
    args = ["-n", "6", "--no-scale", "--no-n-process", "--breakdown", "3", "--json"]
    proc = subprocess.run(
        [sys.executable, str(BENCH), *args], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout)
    runs = figures["runs"]
    assert {"tokenizer floor", "evnews, 1 worker"} <= set(runs)
    assert runs["evnews, 1 worker"]["articles"] == 6
    assert "evnews_claims" in figures["cpu_ms_per_article"]


def test_identity_check_names_a_changed_document(rules_nlp):
    sys.path.insert(0, str(BENCH.parent))
    from identity import differences, documents

    docs = documents(["data/samples"], 2)
    assert len(docs) > 2 and differences(docs, dict(docs)) == []
    name = sorted(docs)[0]
    changed = {**docs, name: docs[name].replace('"rules"', '"statistical"', 1)}
    assert differences(docs, changed) == [name]
    assert differences(docs, {k: v for k, v in docs.items() if k != name}) == [name]
