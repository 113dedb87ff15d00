"""Benchmark `evnews batch` in rules mode against spaCy's tokenizer-only floor.

Run with `make bench` or `.venv/bin/python bench/run.py [-n 2000] [--profile]`.

Builds a corpus of N articles (bench/corpus.py), then measures, each in a fresh process:
the floor (spaCy `blank("nl")` tokenizing, via `nlp.pipe`, the article bodies that evnews
tokenizes), evnews batch with 1 worker and with all cores (JSON lines written to
/dev/null), spaCy's own `n_process` as the alternative parallel strategy, and peak RSS at
N and at 10 N articles. The same tokenizer on the whole file texts is shown for contrast:
a special case such as the lone newline after the date line stops spaCy's tokenizer from
caching for the rest of that text, which makes it many times slower.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rss_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest (finished) child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_parent_mb": round(own, 1), "rss_worker_mb": round(kids, 1)}


def _texts(folder: Path, part: str) -> list[str]:
    """The files' whole texts, or the normalized bodies that evnews tokenizes."""
    from evnews.sources import read_article
    from evnews.textnorm import normalize

    paths = sorted(folder.rglob("*.txt"))
    if part == "files":
        return [p.read_text(encoding="utf-8") for p in paths]
    return [normalize(read_article(str(p)).body) for p in paths]


def child_floor(folder: Path, part: str) -> dict:
    """spaCy blank("nl") tokenization of the bodies (or whole files), via nlp.pipe."""
    import spacy

    nlp = spacy.blank("nl")
    texts = _texts(folder, part)
    start, cpu = time.perf_counter(), _cpu()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return {"seconds": seconds, "cpu": cpu, "load": 0.0, "tokens": tokens, **_rss_mb()}


def child_batch(folder: Path, workers: int, chunk_size: int) -> dict:
    """The evnews batch engine, as the CLI runs it with --jsonl > /dev/null."""
    from evnews import batch as b
    from evnews.pipeline import load_pipeline

    start = time.perf_counter()
    _nlp, info = load_pipeline("rules", quiet=True)
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), _cpu()
    inputs = b.collect([str(folder)], recursive=True)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        run = b.Batch(inputs, key=b.store_key(info), output=b.JsonLines(sink))
        with b.Runner(inputs, model="rules", workers=workers, chunk_size=chunk_size) as runner:
            b.run_batch(run, runner)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    assert run.totals.failed == 0, run.failures[:3]
    return {"seconds": seconds, "cpu": cpu, "load": load, "articles": run.totals.done, **_rss_mb()}


def child_n_process(folder: Path, workers: int) -> dict:
    """The alternative: spaCy's nlp.pipe(n_process=...), Analysis built in the parent."""
    from evnews.api import _prepare
    from evnews.build import build_analysis
    from evnews.pipeline import load_pipeline
    from evnews.sources import read_article

    start = time.perf_counter()
    nlp, info = load_pipeline("rules", quiet=True)
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), _cpu()
    articles = [read_article(str(p)) for p in sorted(folder.rglob("*.txt"))]

    def prepare(article):
        # A datetime.date in Doc._ cannot be serialized to spaCy's worker processes (it
        # fails with a TypeError), so this strategy has to run without article dates.
        doc = _prepare(nlp, article)
        doc._.evnews_article_date = None
        return doc

    pairs = ((prepare(a), a) for a in articles)
    lost = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=workers, batch_size=16):
            lost += doc._.evnews_company_status is None and bool(doc.spans)  # survived?
            sink.write(build_analysis(doc, article, info).model_dump_json() + "\n")
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return {"seconds": seconds, "cpu": cpu, "load": load, "lost_extensions": lost, **_rss_mb()}


def _run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout)


def profile(folder: Path, limit: int) -> str:
    """pyinstrument's flat profile (self time) of one worker on `limit` articles."""
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    from evnews import batch as b
    from evnews.pipeline import load_pipeline

    _nlp, info = load_pipeline("rules", quiet=True)
    inputs = b.collect([str(folder)], recursive=True)[:limit]
    profiler = Profiler(interval=0.0005)
    with open(os.devnull, "w", encoding="utf-8") as sink, profiler:
        run = b.Batch(inputs, key=b.store_key(info), output=b.JsonLines(sink))
        with b.Runner(inputs, model="rules", workers=1) as runner:
            b.run_batch(run, runner)
    renderer = ConsoleRenderer(unicode=False, color=False, flat=True, show_all=False)
    return profiler.output(renderer)


def breakdown(folder: Path, limit: int) -> list[tuple[str, float]]:
    """CPU ms per article for each step (reading, each pipeline component, build, JSON)."""
    from collections import Counter

    from evnews.api import _prepare
    from evnews.build import build_analysis
    from evnews.pipeline import load_pipeline
    from evnews.sources import read_article

    nlp, info = load_pipeline("rules", quiet=True)
    paths = sorted(folder.rglob("*.txt"))[:limit]
    cpu: Counter[str] = Counter()
    clock = time.process_time
    for path in paths:
        t = clock()
        article = read_article(str(path))
        cpu["read_article"] += clock() - t
        t = clock()
        doc = _prepare(nlp, article)
        cpu["tokenizer (make_doc)"] += clock() - t
        for name, component in nlp.pipeline:
            t = clock()
            doc = component(doc)
            cpu[name] += clock() - t
        t = clock()
        result = build_analysis(doc, article, info)
        cpu["build_analysis"] += clock() - t
        t = clock()
        result.model_dump_json()
        cpu["JSON"] += clock() - t
    return [(name, 1000 * v / len(paths)) for name, v in cpu.most_common()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="articles in the corpus")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-size", type=int, default=16)
    parser.add_argument("--scale", type=int, default=10, help="memory check at scale * n")
    parser.add_argument("--no-scale", action="store_true", help="skip the memory check")
    parser.add_argument(
        "--no-n-process", action="store_true", help="skip the spaCy n_process comparison"
    )
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="profile K articles")
    parser.add_argument(
        "--breakdown", type=int, default=300, metavar="K", help="CPU per step on K articles"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, folder, *rest = args.child
        fn = {"floor": child_floor, "batch": child_batch, "n_process": child_n_process}[kind]
        print(json.dumps(fn(Path(folder), *(int(a) if a.isdigit() else a for a in rest))))
        return

    with tempfile.TemporaryDirectory(prefix="evnews-bench-") as tmp:
        small = Path(tmp) / "corpus"
        _paths, words = corpus.build(small, args.n)
        w, c = str(args.workers), str(args.chunk_size)
        runs = {
            "tokenizer floor": _run_child("floor", str(small), "bodies"),
            "tokenizer, whole files": _run_child("floor", str(small), "files"),
            "evnews, 1 worker": _run_child("batch", str(small), "1", c),
            f"evnews, {w} workers": _run_child("batch", str(small), w, c),
        }
        if not args.no_n_process:
            runs[f"spaCy n_process={w}"] = _run_child("n_process", str(small), w)
        scaled = None
        if not args.no_scale:
            big = Path(tmp) / "big"
            corpus.build(big, args.n * args.scale)
            scaled = _run_child("batch", str(big), w, c)
        prof = profile(small, args.profile) if args.profile else None
        steps = breakdown(small, args.breakdown) if args.breakdown else []

    figures = {
        "articles": args.n,
        "words": words,
        "cores": os.cpu_count(),
        "samples": len(corpus._bodies()),
        "runs": runs,
        "scaled": scaled,
        "cpu_ms_per_article": dict(steps),
        "loadavg": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures, args.workers, args.scale)
    if steps and not args.json:
        total = sum(ms for _, ms in steps)
        print(f"\nCPU per article, one process ({args.breakdown} articles):")
        for name, ms in steps:
            print(f"  {name:26}{ms:8.2f} ms {ms / total:6.1%}")
        print(f"  {'total':26}{total:8.2f} ms")
    if prof:
        print("\nProfile, one worker (flat, by self time):")
        print("\n".join(prof.splitlines()[:40]))


def report(figures: dict, workers: int, scale: int) -> None:
    """Print the figures and the ratios against the targets."""
    n, words, runs = figures["articles"], figures["words"], figures["runs"]
    load1, _load5, _load15 = figures["loadavg"]
    print(
        f"corpus: {n} articles, {words:,} words ({figures['samples']} sample bodies), "
        f"{figures['cores']} cores, load average {load1:.1f}"
    )
    print(
        f"{'':28}{'articles/s':>11}{'words/s':>10}{'wall s':>8}{'CPU s':>8}{'load s':>8}"
        "  peak RSS MB"
    )
    for name, r in runs.items():
        if "error" in r:
            print(f"{name:28}failed: {r['error']}")
            continue
        rss = f"{r['rss_parent_mb']:.0f}" + (
            f" + {r['rss_worker_mb']:.0f}/worker" if r["rss_worker_mb"] > 50 else ""
        )
        print(
            f"{name:28}{n / r['seconds']:11,.0f}{words / r['seconds']:10,.0f}"
            f"{r['seconds']:8.2f}{r['cpu']:8.2f}{r['load']:8.2f}  {rss}"
        )
    floor, one = runs["tokenizer floor"], runs["evnews, 1 worker"]
    many = runs[f"evnews, {workers} workers"]
    if "error" not in one and "error" not in floor:
        print(
            f"1 worker / tokenizer floor: {floor['seconds'] / one['seconds']:.1%} wall, "
            f"{floor['cpu'] / one['cpu']:.1%} CPU (target >= 50%)"
        )
    files = runs["tokenizer, whole files"]
    if "error" not in one and "error" not in files:
        print(
            f"(against the whole-file tokenizer, uncached after a special case: "
            f"{files['seconds'] / one['seconds']:.1%} wall)"
        )
    if "error" not in one and "error" not in many:
        print(
            f"{workers} workers / 1 worker: {one['seconds'] / many['seconds']:.2f}x wall "
            f"(target >= 1.7x with 2); CPU used {many['cpu'] / one['cpu']:.2f}x of 1 worker's"
        )
        print(
            f"cores actually used (CPU s / wall s): 1 worker {one['cpu'] / one['seconds']:.2f}, "
            f"{workers} workers {many['cpu'] / many['seconds']:.2f}"
        )
    big = figures["scaled"]
    if big and "error" not in big and "error" not in many:
        for part in ("rss_parent_mb", "rss_worker_mb"):
            print(
                f"peak RSS at {scale}x articles ({part.split('_')[1]}): "
                f"{big[part]:.0f} MB vs {many[part]:.0f} MB = {big[part] / many[part]:.2f}x "
                f"(target <= 1.2x)"
            )
        print(f"{scale}x run: {scale * n / big['seconds']:,.0f} articles/s")
    elif big:
        print(f"scaled run failed: {big.get('error')}")


if __name__ == "__main__":
    main()
