"""Batch analysis: collecting inputs, running them in chunks on N worker processes.

Workers load the pipeline once, read and analyze a chunk of files with `nlp.pipe`, and send
back plain `Record`s (the compact JSON document plus a small digest), never spaCy objects.
The parent writes outputs and the store in input order, one chunk at a time.
"""

from __future__ import annotations

import fnmatch
import json
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from evnews.pipeline import PipelineInfo
    from evnews.result import Analysis
    from evnews.sources import Article
    from evnews.store import Store, StoreKey

DEFAULT_CHUNK_SIZE = 16

# ---------------------------------------------------------------------------
# Collecting inputs


@dataclass(frozen=True)
class Input:
    """One file to analyze: its path and a relative name for `--out` (without suffix)."""

    path: str
    name: str


def _suffixes() -> tuple[str, ...]:
    from evnews import sources

    return tuple(s.lower() for s in sources.TEXT_SUFFIXES)


def _matcher(glob: str | None) -> Callable[[str, str], bool]:
    if glob is None:
        suffixes = _suffixes()
        return lambda name, rel: name.lower().endswith(suffixes)
    if "/" in glob:
        return lambda name, rel: fnmatch.fnmatch(rel, glob)
    return lambda name, rel: fnmatch.fnmatch(name, glob)


def _walk(
    root: str,
    recursive: bool,
    match: Callable[[str, str], bool],
    seen: set[str],
    warn: Callable[[str], None],
) -> list[tuple[tuple[str, ...], str]]:
    """Matching files under `root` as (relative parts, path), sorted by relative path.

    Directory symlinks are followed, but a directory is entered only once (by its real
    path), so symlink loops end. Hidden entries (starting with a dot) are skipped.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while stack:
        folder, rel = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            if rel:
                warn(f"{folder}: skipped, folder already visited (symlink loop?)")
            continue
        seen.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            warn(f"{folder}: cannot list folder ({exc.strerror or exc})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = (*rel, entry.name)
            try:
                is_dir = entry.is_dir()
                # Regular files, and broken links (reported as missing); never pipes etc.
                is_file = entry.is_file() or not os.path.exists(entry.path)
            except OSError:
                is_dir, is_file = False, True
            if is_dir:
                if recursive:
                    stack.append((entry.path, parts))
            elif is_file and match(entry.name, "/".join(parts)):
                found.append((parts, entry.path))
    found.sort()
    return found


def read_list(source: str) -> list[str]:
    """Paths from a `--files-from` file or `-` (stdin): one per line, `#` comments skipped."""
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def collect(
    paths: Iterable[str],
    *,
    recursive: bool = False,
    glob: str | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> list[Input]:
    """Expand files and folders into inputs, in a deterministic order.

    Paths keep the order given; a folder contributes its matching files (`glob`, else the
    supported suffixes) sorted by relative path, and its subfolders with `recursive`. A file
    named explicitly is always included (a missing one becomes an error record later). The
    same file reached twice is analyzed once.
    """
    match = _matcher(glob)
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    used_names: set[str] = set()
    inputs: list[Input] = []

    def add(path: str, rel: str) -> None:
        real = os.path.realpath(path)
        if real in seen_files:
            return
        seen_files.add(real)
        stem = os.path.splitext(rel)[0]
        name, n = stem, 1
        while name in used_names:
            n += 1
            name = f"{stem}~{n}"
        used_names.add(name)
        inputs.append(Input(path=path, name=name))

    for path in paths:
        if os.path.isdir(path):
            files = _walk(path, recursive, match, seen_dirs, warn)
            if not files:
                warn(f"{path}: no matching files in folder")
            for parts, file in files:
                add(file, "/".join(parts))
        else:
            add(path, os.path.basename(path.rstrip("/")) or path)
    return inputs


# ---------------------------------------------------------------------------
# Analyzing a chunk (in a worker process, or in the parent with one worker)


@dataclass
class Record:
    """The outcome for one input: a JSON document (fresh or from the store) or an error."""

    index: int
    source: str
    sha256: str | None = None
    date: str | None = None
    json: str | None = None
    error: str | None = None
    cached: bool = False
    digest: dict[str, Any] | None = None  # article date/words and company statuses


# The part of a document the batch summary needs (also a valid input of CompanyCounts).
_DIGEST = {"article": {"date", "words"}, "companies": {"__all__": {"name", "status", "mentions"}}}


def _digest(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "article": {k: doc["article"][k] for k in _DIGEST["article"]},
        "companies": [{k: c[k] for k in _DIGEST["companies"]["__all__"]} for c in doc["companies"]],
    }


def _record(index: int, result: Analysis) -> Record:
    return Record(
        index=index,
        source=result.source.path,
        sha256=result.source.sha256,
        date=result.article.date,
        json=result.model_dump_json(),
        digest=result.model_dump(include=_DIGEST),
    )


def _from_store(index: int, article: Article, stored: str) -> Record:
    doc = json.loads(stored)
    if doc["source"]["path"] != article.source:
        # Same content found under another name: report it under this one.
        doc["source"]["path"] = article.source
        stored = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return Record(
        index=index,
        source=article.source,
        sha256=article.sha256,
        date=doc["article"]["date"],
        json=stored,
        cached=True,
        digest=_digest(doc),
    )


class _Worker:
    """Per-process state: the pipeline and, with a store, a connection to look results up."""

    def __init__(self, model: str | None, store_path: str | None, max_bytes: int) -> None:
        from evnews.pipeline import load_pipeline

        self.max_bytes = max_bytes
        # quiet: the parent has announced a fallback already; cached, so loaded once.
        self.nlp, self.info = load_pipeline(model, quiet=True)
        self.key = store_key(self.info)
        self.store = None
        if store_path:
            from evnews.store import Store

            self.store = Store(store_path, create=False)

    def run(self, chunk: list[tuple[int, str]]) -> list[Record]:
        """Read and analyze one chunk; every input gives exactly one record, in order."""
        from evnews.sources import InputError, read_article

        records: list[Record] = []
        todo = []
        for index, path in chunk:
            try:
                article = read_article(path, max_bytes=self.max_bytes)
            except InputError as exc:
                records.append(Record(index=index, source=path, error=exc.reason))
                continue
            except Exception as exc:  # unexpected reader failure: one bad file, go on
                records.append(Record(index=index, source=path, error=f"cannot read: {exc}"))
                continue
            stored = self.store.get(article.sha256, self.key) if self.store else None
            if stored is not None:
                records.append(_from_store(index, article, stored))
            else:
                todo.append((index, article))
        records.extend(self._analyze(todo))
        records.sort(key=lambda r: r.index)
        return records

    def _analyze(self, todo: list[tuple[int, Article]]) -> list[Record]:
        # The api's analyze_articles would load the pipeline again under another cache key
        # (not quiet); use the same steps with this worker's pipeline.
        from evnews.api import _prepare
        from evnews.build import build_analysis

        nlp = self.nlp
        try:
            docs = nlp.pipe(((_prepare(nlp, a), a) for _, a in todo), as_tuples=True)
            results = [build_analysis(doc, a, self.info) for doc, a in docs]
            return [_record(i, r) for (i, _), r in zip(todo, results, strict=True)]
        except Exception:
            pass  # find the culprit: analyze one by one, so only it becomes an error
        records = []
        for index, article in todo:
            try:
                doc = nlp(_prepare(nlp, article))
                records.append(_record(index, build_analysis(doc, article, self.info)))
            except Exception as exc:
                error = f"analysis failed: {type(exc).__name__}: {exc}"
                records.append(Record(index=index, source=article.source, error=error))
        return records


_worker: _Worker | None = None


def _init_worker(model: str | None, store_path: str | None, max_bytes: int) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _worker = _Worker(model, store_path, max_bytes)


def _run_chunk(chunk: list[tuple[int, str]]) -> list[Record]:
    assert _worker is not None
    return _worker.run(chunk)


def store_key(info: PipelineInfo) -> StoreKey:
    """The store key for results of pipeline `info` with this evnews version."""
    from evnews._version import __version__
    from evnews.store import StoreKey

    return StoreKey(__version__, info.model, info.version, info.mode)


# ---------------------------------------------------------------------------
# Running chunks, in order, with a bounded number in flight


def cpu_count() -> int:
    """The cores this process may run on (the default number of workers)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class WorkerError(Exception):
    """A worker process died; the batch cannot go on."""


WORKER_DIED = (
    "a worker process died (out of memory?); finished work is kept, re-run with --store to resume"
)


class OrderedPool:
    """Worker processes running one function over items, yielding results in input order.

    At most two items per worker are in flight, so memory stays flat in the input size.
    A concurrent.futures pool (not multiprocessing.Pool): when a worker dies (killed, out of
    memory) its futures fail with BrokenProcessPool and shutdown cannot deadlock on a queue
    lock the dead worker held. Workers are forked, so they inherit the loaded pipeline.
    """

    def __init__(self, workers: int, initializer: Callable, initargs: tuple) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=initializer,
            initargs=initargs,
        )
        self.limit = 2 * workers
        self.pending: deque = deque()

    def map(self, fn: Callable, items: Iterable, stop: Callable[[], bool] = lambda: False):
        """Results of `fn(item)` in input order; checks `stop()` between items."""
        for item in items:
            if stop():
                return
            self.pending.append(self._submit(fn, item))
            while len(self.pending) >= self.limit:
                yield self._next()
                if stop():
                    return
        while self.pending:
            yield self._next()
            if stop():
                return

    def _submit(self, fn: Callable, item):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(fn, item)
        except BrokenProcessPool:  # a worker died before this item was handed out
            raise WorkerError(WORKER_DIED) from None

    def _next(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pending.popleft().result()
        except BrokenProcessPool:
            raise WorkerError(WORKER_DIED) from None

    def finished(self) -> list:
        """Results already completed, in order, that were not yielded (after a stop)."""
        done = []
        while self.pending and self.pending[0].done() and self.pending[0].exception() is None:
            done.append(self.pending.popleft().result())
        return done

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class Runner:
    """Runs chunks of inputs on `workers` processes (or in this process with one worker).

    `chunks()` yields each chunk's records in input order; after an interruption,
    `finished()` returns the chunks that completed but were not yet yielded.
    """

    def __init__(
        self,
        inputs: list[Input],
        *,
        model: str | None,
        workers: int,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        store_path: str | None = None,
        max_bytes: int = 5_000_000,
    ) -> None:
        self.inputs = inputs
        self.workers = max(1, workers)
        self.chunk_size = max(1, chunk_size)
        self.args = (model, store_path, max_bytes)
        self.pool: OrderedPool | None = None

    def __enter__(self) -> Runner:
        if self.workers > 1:
            self.pool = OrderedPool(self.workers, _init_worker, self.args)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.close()

    def _chunks(self) -> Iterator[list[tuple[int, str]]]:
        items = [(i, inp.path) for i, inp in enumerate(self.inputs)]
        for start in range(0, len(items), self.chunk_size):
            yield items[start : start + self.chunk_size]

    def chunks(self, stop: Callable[[], bool] = lambda: False) -> Iterator[list[Record]]:
        """Records chunk by chunk, in input order; checks `stop()` between chunks."""
        if self.pool is not None:
            yield from self.pool.map(_run_chunk, self._chunks(), stop)
            return
        worker = _Worker(*self.args)
        for chunk in self._chunks():
            if stop():
                return
            yield worker.run(chunk)

    def finished(self) -> list[list[Record]]:
        """Chunks already completed in order but not yielded (after a stop)."""
        return self.pool.finished() if self.pool is not None else []


# ---------------------------------------------------------------------------
# Outputs


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file and a rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _document(record: Record) -> str:
    """The JSON text for one record: the analysis, or `{"source": ..., "error": ...}`."""
    if record.error:
        error = {"source": record.source, "error": record.error}
        return json.dumps(error, ensure_ascii=False, separators=(",", ":"))
    return record.json


class Output:
    """A stream of records on `out`, written as chunks finish; use as a context manager.

    Leaving the context writes the closing part (also after Ctrl-C or a dead worker), except
    on a broken pipe, when nobody reads any more.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __enter__(self) -> Output:
        self.begin()
        return self

    def __exit__(self, exc_type: type | None, *exc: object) -> None:
        if exc_type is not BrokenPipeError:
            self.end()
            self.out.flush()

    def begin(self) -> None:
        """Write what comes before the first record."""

    def end(self) -> None:
        """Write what comes after the last record."""

    def add(self, records: list[Record]) -> None:
        self.write(records)
        self.out.flush()

    def write(self, records: list[Record]) -> None:
        """Write one chunk's records, in order (each kind of output defines it)."""
        raise NotImplementedError


class JsonLines(Output):
    """One compact JSON document per line."""

    def write(self, records: list[Record]) -> None:
        self.out.write("".join(_document(r) + "\n" for r in records))


class JsonArray(Output):
    """One JSON array, one document per line: memory stays flat however many there are."""

    def begin(self) -> None:
        self.out.write("[")
        self.separator = "\n"

    def write(self, records: list[Record]) -> None:
        for r in records:
            self.out.write(self.separator + _document(r))
            self.separator = ",\n"

    def end(self) -> None:
        self.out.write("\n]\n" if self.separator == ",\n" else "]\n")


class CsvRows(Output):
    """The long per-finding CSV of `evnews analyze --format csv`, one header for all.

    A file that failed gives one row of kind `error` with the reason in `text`.
    """

    def begin(self) -> None:
        import csv

        from evnews.render.csvout import FIELDS

        self.writer = csv.DictWriter(self.out, fieldnames=FIELDS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, records: list[Record]) -> None:
        from evnews.render.csvout import rows
        from evnews.result import Analysis

        for r in records:
            if r.error:
                self.writer.writerow({"article": r.source, "kind": "error", "text": r.error})
            else:
                self.writer.writerows(rows(Analysis.model_validate_json(r.json)))


OUTPUTS: dict[str, type[Output]] = {"jsonl": JsonLines, "json": JsonArray, "csv": CsvRows}


@dataclass
class Totals:
    """How far a batch got."""

    inputs: int = 0
    analyzed: int = 0
    cached: int = 0
    failed: int = 0
    words: int = 0
    interrupted: bool = False

    @property
    def done(self) -> int:
        return self.analyzed + self.cached + self.failed


class Batch:
    """Consumes records: updates totals and the company summary, writes every output."""

    def __init__(
        self,
        inputs: list[Input],
        *,
        key: StoreKey | None = None,
        store: Store | None = None,
        output: Output | None = None,
        out_dir: Path | None = None,
        on_chunk: Callable[[Totals], None] = lambda totals: None,
    ) -> None:
        from evnews.report import CompanyCounts

        self.inputs = inputs
        self.key = key
        self.store = store
        self.output = output
        self.out_dir = out_dir
        self.on_chunk = on_chunk
        self.totals = Totals(inputs=len(inputs))
        self.companies = CompanyCounts()
        self.failures: list[tuple[str, str]] = []

    def add(self, records: list[Record]) -> None:
        """Store a chunk (one transaction), then emit its records and count them."""
        if self.store is not None:
            self.store.save(
                self.key,
                [(r.sha256, r.source, r.date, r.json) for r in records if r.json and not r.cached],
                [(r.source, r.error) for r in records if r.error],
            )
        for r in records:
            if r.error:
                self.totals.failed += 1
                self.failures.append((r.source, r.error))
                continue
            if r.cached:
                self.totals.cached += 1
            else:
                self.totals.analyzed += 1
            self.totals.words += r.digest["article"]["words"]
            self.companies.add(r.digest)
            if self.out_dir is not None:
                write_atomic(self.out_dir / f"{self.inputs[r.index].name}.json", r.json + "\n")
        if self.output is not None:
            self.output.add(records)
        self.on_chunk(self.totals)


class StopFlag:
    """A first Ctrl-C asks to stop after the current chunk; a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def __call__(self) -> bool:
        return self.requested

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> StopFlag:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)


def run_batch(batch: Batch, runner: Runner) -> Totals:
    """Feed every chunk from `runner` into `batch`; Ctrl-C keeps all finished chunks."""
    with StopFlag() as stop:
        try:
            for records in runner.chunks(stop):
                batch.add(records)
        except KeyboardInterrupt:
            stop.requested = True
        if stop.requested:
            for records in runner.finished():
                batch.add(records)
            batch.totals.interrupted = True
    return batch.totals


# ---------------------------------------------------------------------------
# Progress and summary (both rendered with rich)


def progress_bar(total: int, console) -> tuple[Any, Callable[[Totals], None]]:
    """A rich progress bar and the callback that advances it after each chunk."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        "{task.fields[rate]}",
        TimeRemainingColumn(),
        "{task.fields[failed]}",
        console=console,
        transient=True,
    )
    task = progress.add_task("analyzing", total=total, rate="", failed="")
    start = time.perf_counter()

    def update(totals: Totals) -> None:
        rate = totals.done / max(time.perf_counter() - start, 1e-9)
        failed = f"[red]{totals.failed} failed[/red]" if totals.failed else ""
        progress.update(task, completed=totals.done, rate=f"{rate:,.0f} articles/s", failed=failed)

    return progress, update


def print_summary(batch: Batch, console, *, elapsed: float, top: int = 20) -> None:
    """How far the batch got, the companies found, and every failure."""
    from rich.markup import escape

    from evnews.report import status_table

    t = batch.totals
    rate = t.done / elapsed if elapsed > 0 else 0.0
    head = "[bold yellow]Interrupted[/bold yellow]" if t.interrupted else "[bold]Done[/bold]"
    console.print(
        f"{head}: {t.done} of {t.inputs} files in {elapsed:.1f} s ({rate:,.0f} articles/s, "
        f"{t.words:,} words): {t.analyzed} analyzed, {t.cached} from the store, "
        f"[{'red' if t.failed else 'green'}]{t.failed} failed[/]",
        soft_wrap=True,
    )
    rows = batch.companies.table()
    if rows:
        console.print(status_table(rows[:top], title="Companies (articles per status)"))
        if len(rows) > top:
            console.print(f"[dim]... and {len(rows) - top} more companies (see --csv)[/dim]")
    # One line per failure (long paths stay whole, easy to grep).
    for source, error in batch.failures[:top]:
        console.print(f"[red]failed[/red] {escape(source)}: {escape(error)}", soft_wrap=True)
    if len(batch.failures) > top:
        console.print(f"[dim]... and {len(batch.failures) - top} more failures[/dim]")
