"""The `evnews` command line: a thin layer over the Python API.

Imports are lazy so that `evnews --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from evnews._version import __version__

app = typer.Typer(
    name="evnews",
    help="Analyze Dutch car and EV news: companies, products, money, dates, and whether "
    "plans are confirmed, rumoured, speculative or denied.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="spaCy pipeline: installed package name or path. Default: nl_core_news_sm if "
        "installed, else the rules pipeline (announced on stderr). 'rules' forces it.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"evnews {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """evnews command line."""


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr and exit with `code`."""
    print(f"evnews: {message}", file=sys.stderr)
    raise typer.Exit(code)


def load_or_fail(model: str | None, *, quiet: bool = False):
    """Load the pipeline, turning a missing explicit model into a usage error (exit 2).

    The garbage collector is off while spaCy and the pipeline load, and what they built is
    then frozen out of later collections (`gc.freeze`): it lives as long as the process, and
    scanning its 140,000 objects again and again, and once more at exit, cost 0.3-0.4 s of
    `evnews analyze`. Forked batch workers then also leave those pages shared.
    """
    import gc

    gc.disable()
    try:
        return _load_or_fail(model, quiet)
    finally:
        gc.freeze()
        gc.enable()


def _load_or_fail(model: str | None, quiet: bool):
    from evnews.pipeline import ModelError, load_pipeline

    try:
        return load_pipeline(model, quiet=quiet)
    except ModelError as exc:
        fail(str(exc), EXIT_USAGE)


class Format(StrEnum):
    """Output formats of `analyze` (and `batch`)."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def resolve_format(fmt: Format | None, flag: bool, shortcut: Format = Format.json) -> Format:
    """The output format; a shortcut flag (`--json`, `--jsonl`) is short for
    `--format <shortcut>`, and given with `--format` both must agree."""
    if flag and fmt not in (None, shortcut):
        fail(
            f"--{shortcut.value} conflicts with --format {fmt.value}; give one of them",
            EXIT_USAGE,
        )
    return shortcut if flag else (fmt or Format.table)


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (default), json (one document), jsonl (one line), csv (one row "
        "per finding).",
        show_default=False,
    ),
]
NoColorOpt = Annotated[
    bool,
    typer.Option("--no-color", help="No colours in tables (also when NO_COLOR is set)."),
]


@app.command()
def analyze(
    path: Annotated[
        str,
        typer.Argument(
            help="Article: a .txt, .md, .html or .htm file, an http(s):// URL, or - for stdin."
        ),
    ],
    fmt: FormatOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")] = False,
    compact: Annotated[bool, typer.Option("--compact", help="With --json: one line.")] = False,
    html: Annotated[
        str | None,
        typer.Option(
            "--html",
            help="Also write a standalone HTML report (highlighted article, tables) to FILE.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    no_color: NoColorOpt = False,
    model: ModelOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Article date YYYY-MM-DD; wins over the date line and the page's date.",
            show_default=False,
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")
    ] = 5_000_000,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a URL.")
    ] = 20.0,
) -> None:
    """Analyze one article and print tables, JSON, JSON Lines or CSV.

    Examples:

        evnews analyze data/samples/xiaomi_ev_plans.txt

        evnews analyze - --json --compact < article.txt | jq .companies

        evnews analyze page.html --format csv > findings.csv

        evnews analyze https://example.org/nieuws/artikel --html report.html
    """
    from evnews.sources import InputError, read_article, validate_date

    out_format = resolve_format(fmt, json_)
    if date is not None:
        try:
            validate_date(date)
        except ValueError as exc:
            fail(f"--date: {exc}", EXIT_USAGE)
    load_or_fail(model)
    try:
        article = read_article(path, max_bytes=max_bytes, date_override=date, timeout=timeout)
    except InputError as exc:
        fail(str(exc), EXIT_INPUT)
    for warning in article.warnings:
        print(f"evnews: warning: {article.source}: {warning}", file=sys.stderr)
    from evnews.api import analyze_article

    result = analyze_article(article, model=model)
    if html is not None:
        from evnews.render.html import render_html

        try:
            with open(html, "w", encoding="utf-8") as fh:
                fh.write(render_html(result, article.body))
        except OSError as exc:
            fail(
                f"{html}: cannot write the HTML report ({exc.strerror or exc}); "
                "check that the folder exists and is writable",
                EXIT_INPUT,
            )
        print(f"evnews: wrote {html}", file=sys.stderr)
    if out_format is Format.json:
        from evnews.render.jsonout import to_json

        sys.stdout.write(to_json(result, compact=compact) + "\n")
    elif out_format is Format.jsonl:
        sys.stdout.write(result.model_dump_json() + "\n")
    elif out_format is Format.csv:
        from evnews.render.csvout import write_csv

        write_csv([result], sys.stdout)
    else:
        from rich.console import Console

        from evnews.render.table import print_tables

        print_tables(result, Console(no_color=True if no_color else None))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the `analyze --json` document.

    Example:

        evnews schema > evnews.schema.json
    """
    import json

    from evnews.result import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command("eval")
def eval_(
    directory: Annotated[
        str, typer.Argument(help="Folder with NAME.txt articles and NAME.gold.json gold files.")
    ],
    json_: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list missed and spurious items per article.")
    ] = False,
    min_f1: Annotated[
        list[str] | None,
        typer.Option(
            "--min-f1",
            help="Threshold FIELD=VALUE (repeatable); FIELD is a field name, 'status' "
            "(accuracy) or 'status:<status>'. Exit 3 when a score is below it.",
            show_default=False,
        ),
    ] = None,
    model: ModelOpt = None,
) -> None:
    """Score evnews against hand-written gold files: P/R/F1 per field, status accuracy.

    Exit codes: 0 ok; 1 an article or gold file could not be read (the rest is scored);
    2 usage error; 3 a --min-f1 threshold was not met.

    Examples:

        evnews eval data/eval --model rules

        evnews eval data/eval --json --min-f1 companies=0.9 --min-f1 status=0.8
    """
    import json
    from pathlib import Path

    from evnews.evaluate import gold_pairs, metric, score_article, summarize
    from evnews.gold import GoldError, load_gold
    from evnews.sources import InputError, read_article

    folder = Path(directory)
    if not folder.is_dir():
        fail(f"{directory}: not a directory", EXIT_USAGE)
    thresholds: dict[str, float] = {}
    for item in min_f1 or []:
        field, _, value = item.partition("=")
        try:
            thresholds[field.strip()] = float(value)
        except ValueError:
            fail(f"--min-f1 {item!r}: expected FIELD=NUMBER, e.g. companies=0.9", EXIT_USAGE)
    pairs = gold_pairs(folder)
    if not pairs:
        fail(f"{directory}: no NAME.gold.json files found", EXIT_USAGE)
    load_or_fail(model)
    from evnews.api import analyze_articles

    loaded, failed = [], 0
    for name, article_path, gold_path in pairs:
        try:
            loaded.append((name, read_article(str(article_path)), load_gold(gold_path)))
        except (InputError, GoldError) as exc:
            print(f"evnews: {exc}", file=sys.stderr)
            failed += 1
    results = analyze_articles((a for _n, a, _g in loaded), model=model)
    scores = [score_article(r, g, n) for (n, _a, g), r in zip(loaded, results, strict=True)]
    summary = summarize(scores)
    if json_:
        if not errors:
            summary.pop("per_article")
        sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    else:
        from rich.console import Console

        from evnews.render.evaltable import print_eval

        print_eval(summary, Console(), errors=errors)
    below = []
    for field, floor in thresholds.items():
        got = metric(summary, field)
        if got is None:
            fail(f"--min-f1: unknown or unscored field {field!r}", EXIT_USAGE)
        if got < floor:
            below.append(f"{field} {got:.3f} < {floor}")
    if failed:
        raise typer.Exit(EXIT_INPUT)
    if below:
        fail("below threshold: " + "; ".join(below), 3)


@app.command()
def batch(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Article files and folders.", show_default=False),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Also read subfolders.")
    ] = False,
    glob: Annotated[
        str | None,
        typer.Option(
            metavar="PATTERN",
            help="Pick files in folders by this pattern (default: the supported suffixes).",
            show_default=False,
        ),
    ] = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            "--files-from",
            metavar="FILE",
            help="Read more paths from FILE, one per line, or - for stdin.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="stdout: table (summary, default), jsonl (one line per article), json (one "
            "array), csv (one row per finding). Not table: the summary goes to stderr.",
            show_default=False,
        ),
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Shortcut for --format jsonl.")] = False,
    out: Annotated[
        str | None,
        typer.Option(
            metavar="DIR", help="Write one JSON file per article into DIR.", show_default=False
        ),
    ] = None,
    csv: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="Write the per-company summary to FILE (CSV).", show_default=False
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="SQLite store: keeps every result and skips articles already analyzed by "
            "the same pipeline, so an interrupted batch resumes.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Worker processes (default: the number of cores).",
            show_default=False,
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Articles per unit of work.")
    ] = 16,
    model: ModelOpt = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")
    ] = 5_000_000,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar; no summary on stderr.")
    ] = False,
) -> None:
    """Analyze many articles: files, folders, or a list of paths.

    Prints a summary table, or streams JSON lines, a JSON array or CSV rows (--format). A
    file that cannot be read becomes an error record and the batch goes on (exit 1 at the
    end). Ctrl-C stops after the work in progress, keeps everything finished, and exits
    with 130.

    Examples:

        evnews batch corpus/ -r --store corpus.db --csv companies.csv

        evnews batch corpus/ -r --jsonl > results.jsonl

        evnews batch corpus/ --format csv -q > findings.csv

        find corpus -name '*.txt' | evnews batch --files-from - --out results/
    """
    import os
    import time
    from contextlib import nullcontext
    from pathlib import Path

    from rich.console import Console

    from evnews import batch as b

    out_format = resolve_format(fmt, jsonl, Format.jsonl)
    paths = list(paths or [])
    if files_from is not None:
        try:
            paths += b.read_list(files_from)
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"--files-from {files_from}: cannot read ({exc})", EXIT_INPUT)
    elif not paths:
        fail("give files or folders to analyze, or --files-from FILE", EXIT_USAGE)
    if "-" in paths:
        fail("batch reads files, not stdin: use `evnews analyze -`, or --files-from -", EXIT_USAGE)
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        fail(f"--out {out}: exists and is not a folder", EXIT_USAGE)

    def warn(message: str) -> None:
        print(f"evnews: {message}", file=sys.stderr)

    inputs = b.collect(paths, recursive=recursive, glob=glob, warn=warn)
    _nlp, info = load_or_fail(model, quiet=True)
    if model is None and info.mode == "rules":
        from evnews.pipeline import FALLBACK_NOTICE

        warn(FALLBACK_NOTICE.removeprefix("evnews: "))
    db = None
    if store is not None:
        from evnews.store import Store, StoreError

        try:
            db = Store(store)
        except StoreError as exc:
            fail(str(exc), EXIT_USAGE)

    err = Console(stderr=True)
    show_progress = not quiet and err.is_terminal and bool(inputs)
    progress, on_chunk = b.progress_bar(len(inputs), err) if show_progress else (None, None)
    output = None if out_format is Format.table else b.OUTPUTS[out_format](sys.stdout)
    run = b.Batch(
        inputs,
        key=b.store_key(info),
        store=db,
        output=output,
        out_dir=Path(out) if out is not None else None,
        **({"on_chunk": on_chunk} if on_chunk else {}),
    )
    start = time.perf_counter()
    crashed = False
    runner = b.Runner(
        inputs,
        model=model,
        workers=workers or b.cpu_count(),
        chunk_size=chunk_size,
        store_path=store,
        max_bytes=max_bytes,
    )
    try:
        with runner, output or nullcontext():
            if progress is not None:
                with progress:
                    b.run_batch(run, runner)
            else:
                b.run_batch(run, runner)
    except BrokenPipeError:  # e.g. `| head`: the reader is gone, stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        run.totals.interrupted = True
    except b.WorkerError as exc:
        warn(str(exc))
        crashed = run.totals.interrupted = True
    finally:
        if db is not None:
            db.close()
    elapsed = time.perf_counter() - start
    if csv is not None:
        b.write_atomic(Path(csv), run.companies.to_csv())
    if out_format is Format.table:  # the summary is the data: full width even when redirected
        b.print_summary(run, Console(width=None if sys.stdout.isatty() else 120), elapsed=elapsed)
    elif not quiet:  # wide in logs too
        b.print_summary(
            run, err if err.is_terminal else Console(stderr=True, width=120), elapsed=elapsed
        )
    if crashed:
        raise typer.Exit(EXIT_INPUT)
    if run.totals.interrupted:
        raise typer.Exit(130)
    if run.totals.failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def report(
    results: Annotated[
        str | None,
        typer.Argument(
            help="A results .jsonl file (from batch --jsonl) or a store.", show_default=False
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(help="The SQLite store written by batch --store.", show_default=False),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    top: Annotated[int, typer.Option(min=1, help="Rows per table.")] = 20,
) -> None:
    """Corpus view: companies by status, status changes over time, partnerships, amounts.

    Examples:

        evnews report --store corpus.db

        evnews report results.jsonl --json | jq '.status_changes'
    """
    if (results is None) == (store is None):
        fail("give either a results .jsonl file or --store FILE", EXIT_USAGE)
    from evnews.report import ReportError, build_report, read_documents

    try:
        data = build_report(read_documents(results or store)).to_dict()
    except ReportError as exc:
        fail(str(exc), EXIT_INPUT)
    if json_:
        import json

        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console

        from evnews.report import print_report

        print_report(data, Console(width=None if sys.stdout.isatty() else 120), top=top)


def main() -> None:
    """Entry point of the `evnews` script."""
    app()
