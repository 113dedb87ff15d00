"""Start-up times of the CLI next to spaCy's own floor, measured in one run (medians of N).

.venv/bin/python bench/startup.py [-n 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = str(ROOT / "data" / "samples" / "xiaomi_ev_plans.txt")
FLOOR = "import spacy; spacy.blank('nl')"
COMMANDS = {
    "evnews --help": [str(BIN / "evnews"), "--help"],
    f'python -c "{FLOOR}"': [sys.executable, "-c", FLOOR],
    "evnews analyze SAMPLE --json": [str(BIN / "evnews"), "analyze", SAMPLE, "--json"],
    "evnews analyze SAMPLE (tables)": [str(BIN / "evnews"), "analyze", SAMPLE],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs per command (interleaved)")
    runs = parser.parse_args().n
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    floor = statistics.median(times[f'python -c "{FLOOR}"'])
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / floor
        print(f"{name:48s} median {median:5.2f} s  min {min(values):5.2f} s  {ratio:4.2f}x floor")


if __name__ == "__main__":
    main()
