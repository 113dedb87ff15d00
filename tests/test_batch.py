"""`evnews batch`: collecting inputs, outputs, errors in the middle, workers, resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evnews import batch as b
from evnews.cli import app

runner = CliRunner()

COMPANIES = ["Tesla", "Xiaomi", "Volkswagen", "BYD", "Renault", "Kia", "Polestar", "Nio"]
MOVES = [
    "bevestigt dat het een nieuwe fabriek voor elektrische auto's bouwt",
    "zou volgens bronnen werken aan een betaalbare elektrische SUV",
    "ontkent dat het stopt met de bouw van dieselmotoren",
    "overweegt mogelijk een samenwerking voor batterijen",
]


def article(i: int) -> str:
    """A short, distinct Dutch article for number `i`."""
    company = COMPANIES[i % len(COMPANIES)]
    move = MOVES[i % len(MOVES)]
    month = 1 + i % 12
    return (
        f" date 2021-{month:02d} {company} {move}. Het bedrijf trekt daar {i + 2} miljard "
        f"euro voor uit. De eerste wagens rijden over {i % 5 + 2} jaar op de weg, "
        f"met een bereik van {300 + i} kilometer.\n"
    )


def write_corpus(folder, n: int, prefix: str = "art") -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"{prefix}{i:04d}.txt"
        p.write_text(article(i), encoding="utf-8")
        paths.append(p)
    return paths


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def batch_cli(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["batch", "--model", "rules", *args], input=stdin)


# --- collecting inputs -------------------------------------------------------------------


def test_collect_sorted_recursive_and_suffixes(tmp_path):
    for rel in ["b.txt", "a.md", "notes.csv", ".hidden.txt", "sub/c.txt", "sub/deeper/d.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    flat = [i.name for i in b.collect([str(tmp_path)])]
    assert flat == ["a", "b"]
    deep = [i.name for i in b.collect([str(tmp_path)], recursive=True)]
    assert deep == ["a", "b", "sub/c", "sub/deeper/d"]
    assert [i.name for i in b.collect([str(tmp_path)], recursive=True, glob="*.md")] == ["a"]


def test_collect_keeps_argument_order_and_dedupes(tmp_path):
    write_corpus(tmp_path / "x", 2)
    one = tmp_path / "x" / "art0001.txt"
    inputs = b.collect([str(one), str(tmp_path / "x")])
    assert [os.path.basename(i.path) for i in inputs] == ["art0001.txt", "art0000.txt"]


def test_explicit_file_is_kept_whatever_its_suffix(tmp_path):
    odd = tmp_path / "artikel.data"
    odd.write_text(article(1), encoding="utf-8")
    assert [i.path for i in b.collect([str(odd), str(tmp_path / "missing.txt")])] == [
        str(odd),
        str(tmp_path / "missing.txt"),
    ]


def test_output_names_do_not_collide(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    assert [i.name for i in b.collect([str(tmp_path)])] == ["a", "a~2"]


def test_symlink_loop_ends_with_a_warning(tmp_path):
    write_corpus(tmp_path / "top" / "sub", 1)
    os.symlink(tmp_path / "top", tmp_path / "top" / "sub" / "loop")
    warnings: list[str] = []
    inputs = b.collect([str(tmp_path / "top")], recursive=True, warn=warnings.append)
    assert [i.name for i in inputs] == ["sub/art0000"]
    assert any("symlink loop" in w for w in warnings)


def test_broken_links_are_reported_and_pipes_skipped(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    assert [i.name for i in b.collect([str(tmp_path)])] == ["link"]
    result = batch_cli(str(tmp_path), "--jsonl", "-q", "-j", "1")
    (record,) = jsonl(result.stdout)
    assert record["source"] == str(tmp_path / "link.txt")
    assert "not found" in record["error"]


def test_read_list_skips_blanks_and_comments(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# corpus\na.txt\n\n  b.txt  \n", encoding="utf-8")
    assert b.read_list(str(listing)) == ["a.txt", "b.txt"]


# --- outputs -------------------------------------------------------------------------------


def test_bad_files_in_the_middle_become_error_records(tmp_path):
    write_corpus(tmp_path, 4)
    (tmp_path / "art0001b.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "art0002b.md").write_text("   \n", encoding="utf-8")
    result = batch_cli(str(tmp_path), "--jsonl", "-j", "1", "--chunk-size", "2", "-q")
    assert result.exit_code == 1
    docs = jsonl(result.stdout)
    names = [os.path.basename(d["source"] if "error" in d else d["source"]["path"]) for d in docs]
    assert names == [
        "art0000.txt",
        "art0001.txt",
        "art0001b.txt",
        "art0002.txt",
        "art0002b.md",
        "art0003.txt",
    ]
    errors = [d for d in docs if "error" in d]
    assert [set(e) for e in errors] == [{"source", "error"}] * 2
    assert "binary" in errors[0]["error"]
    assert all(d["pipeline"]["mode"] == "rules" for d in docs if "error" not in d)


def test_jsonl_line_is_the_analyze_json_document(tmp_path):
    (path,) = write_corpus(tmp_path, 1)
    line = batch_cli(str(path), "--jsonl", "-q", "-j", "1").stdout.strip()
    single = runner.invoke(app, ["analyze", str(path), "--json", "--compact", "-m", "rules"])
    assert line == single.stdout.strip()


def test_summary_table_counts_companies_and_failures(tmp_path):
    write_corpus(tmp_path, 3)
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = batch_cli(str(tmp_path), "-j", "1")
    assert result.exit_code == 1
    assert "3 analyzed" in result.stdout and "1 failed" in result.stdout
    assert "Tesla" in result.stdout and "broken.txt" in result.stdout


def test_out_dir_gets_one_complete_file_per_article(tmp_path):
    write_corpus(tmp_path / "in" / "2021", 3)
    out = tmp_path / "out"
    result = batch_cli(str(tmp_path / "in"), "-r", "--out", str(out), "-j", "1")
    assert result.exit_code == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["2021/art0000.json", "2021/art0001.json", "2021/art0002.json"]
    doc = json.loads((out / "2021" / "art0001.json").read_text(encoding="utf-8"))
    assert doc["source"]["path"].endswith("art0001.txt")


def test_csv_is_the_per_company_summary(tmp_path):
    write_corpus(tmp_path / "in", 9)
    target = tmp_path / "companies.csv"
    assert batch_cli(str(tmp_path / "in"), "--csv", str(target), "-j", "1").exit_code == 0
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(target.read_text()))}
    # Article 0 and 8 are both about Tesla (January and September).
    assert rows["Tesla"]["articles"] == "2"
    assert (rows["Tesla"]["first_seen"], rows["Tesla"]["last_seen"]) == ("2021-01", "2021-09")


def test_files_from_stdin(tmp_path):
    paths = write_corpus(tmp_path, 3)
    listing = f"{paths[2]}\n# skip me\n{paths[0]}\n"
    result = batch_cli("--files-from", "-", "--jsonl", "-q", "-j", "1", stdin=listing)
    assert result.exit_code == 0
    assert [d["source"]["path"] for d in jsonl(result.stdout)] == [str(paths[2]), str(paths[0])]


def test_empty_folder_is_reported_not_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = batch_cli(str(tmp_path / "empty"), "-j", "1")
    assert result.exit_code == 0
    assert "no matching files" in result.stderr
    assert "0 of 0 files" in result.stdout


def test_no_inputs_or_stdin_is_a_usage_error():
    assert batch_cli().exit_code == 2
    assert "--files-from -" in batch_cli("-").stderr


def test_missing_model_is_a_usage_error(tmp_path):
    write_corpus(tmp_path, 1)
    result = runner.invoke(app, ["batch", str(tmp_path), "--model", "nl_no_such_model"])
    assert result.exit_code == 2
    assert "nl_no_such_model" in result.stderr


def test_two_workers_give_the_same_output_as_one(tmp_path):
    write_corpus(tmp_path, 12)
    one = batch_cli(str(tmp_path), "--jsonl", "-q", "-j", "1", "--chunk-size", "3")
    two = batch_cli(str(tmp_path), "--jsonl", "-q", "-j", "2", "--chunk-size", "3")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(jsonl(one.stdout)) == 12


def test_failing_analysis_only_costs_its_own_article(tmp_path, monkeypatch):
    paths = write_corpus(tmp_path, 3)
    import evnews.build

    real = evnews.build.build_analysis

    def flaky(doc, article, info):
        if article.source.endswith("art0001.txt"):
            raise RuntimeError("boom")
        return real(doc, article, info)

    monkeypatch.setattr(evnews.build, "build_analysis", flaky)
    worker = b._Worker("rules", None, 5_000_000)
    records = worker.run([(i, str(p)) for i, p in enumerate(paths)])
    assert [r.error for r in records] == [None, "analysis failed: RuntimeError: boom", None]
    assert records[0].json and records[2].json


# --- the store: resume -----------------------------------------------------------------


def stored(db) -> list[str]:
    with sqlite3.connect(db) as con:
        return [row[0] for row in con.execute("SELECT source FROM results ORDER BY source")]


def test_store_rerun_reuses_results(tmp_path):
    write_corpus(tmp_path / "in", 5)
    db = str(tmp_path / "s.db")
    first = batch_cli(str(tmp_path / "in"), "--store", db, "--jsonl", "-j", "1")
    second = batch_cli(str(tmp_path / "in"), "--store", db, "--jsonl", "-j", "1")
    assert first.stdout == second.stdout
    assert "5 analyzed, 0 from the store" in first.stderr
    assert "0 analyzed, 5 from the store" in second.stderr
    assert len(stored(db)) == 5


def test_report_reads_the_store_a_batch_wrote(tmp_path):
    write_corpus(tmp_path / "in", 8)
    db = str(tmp_path / "s.db")
    assert batch_cli(str(tmp_path / "in"), "--store", db, "-q", "-j", "1").exit_code == 0
    data = json.loads(runner.invoke(app, ["report", "--store", db, "--json"]).stdout)
    assert data["articles"] == 8
    assert {c["name"] for c in data["companies"]} >= set(COMPANIES)


def test_store_reports_same_content_under_its_new_name(tmp_path):
    (path,) = write_corpus(tmp_path / "in", 1)
    db = str(tmp_path / "s.db")
    batch_cli(str(path), "--store", db, "-q", "-j", "1")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())
    result = batch_cli(str(copy), "--store", db, "--jsonl", "-q", "-j", "1")
    assert jsonl(result.stdout)[0]["source"]["path"] == str(copy)
    assert len(stored(db)) == 1


def _start(args: list[str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "evnews", "batch", "--model", "rules", "--jsonl", *args]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _read_lines(proc: subprocess.Popen, n: int) -> None:
    # Each line is written after its chunk was committed; the pipe holds only ~64 kB, so
    # the batch cannot run far ahead of what we read.
    for _ in range(n):
        assert proc.stdout.readline()


def test_kill_9_then_resume_loses_and_doubles_nothing(tmp_path):
    # Two workers: the whole process group dies, as with `kill -9` on a running job.
    n = 150  # ~1.7 kB per line: the pipe holds ~40 lines, far fewer than n
    write_corpus(tmp_path / "in", n)
    db = str(tmp_path / "s.db")
    args = [str(tmp_path / "in"), "--store", db, "-j", "2", "--chunk-size", "4"]
    proc = _start(args)
    _read_lines(proc, 10)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    survivors = stored(db)
    assert 10 <= len(survivors) < n  # killed in the middle, after 10 were reported

    rerun = _start(args)
    out, err = rerun.communicate()
    assert rerun.returncode == 0, err.decode()
    docs = jsonl(out.decode())
    assert len(docs) == n
    resumed = f"{n - len(survivors)} analyzed, {len(survivors)} from the store"
    assert resumed in err.decode()
    sources = stored(db)
    assert len(sources) == len(set(sources)) == n
    assert sources == sorted(str(p) for p in (tmp_path / "in").iterdir())


def test_ctrl_c_keeps_finished_work_and_exits_130(tmp_path):
    write_corpus(tmp_path / "in", 150)
    db = str(tmp_path / "s.db")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evnews",
            "batch",
            "--model",
            "rules",
            str(tmp_path / "in"),
            "--store",
            db,
            "--jsonl",
            "-j",
            "1",
            "--chunk-size",
            "4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _read_lines(proc, 10)
    proc.send_signal(signal.SIGINT)
    out, err = proc.stdout.read(), proc.stderr.read()  # buffered: keep what readline read
    proc.wait()
    assert proc.returncode == 130, err.decode()
    emitted = 10 + len(jsonl(out.decode()))
    assert "Interrupted" in err.decode()
    assert f"{emitted} of 150 files" in err.decode()
    assert len(stored(db)) == emitted < 150


@pytest.mark.skipif(sys.platform != "linux", reason="finds the workers through /proc")
def test_a_dead_worker_stops_the_batch_instead_of_hanging(tmp_path):
    write_corpus(tmp_path / "in", 150)
    db = str(tmp_path / "s.db")
    proc = _start([str(tmp_path / "in"), "--store", db, "-j", "2", "--chunk-size", "4"])
    _read_lines(proc, 10)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    os.kill(int(children[0]), signal.SIGKILL)
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait() == 1
    assert "a worker process died" in err.decode()
    assert len(stored(db)) == 10 + len(jsonl(out.decode())) < 150


# --- --format ------------------------------------------------------------------------------


def corpus_with_bad_file(folder) -> None:
    write_corpus(folder, 3)
    (folder / "art0001b.txt").write_bytes(b"\x00\x01\x02 binary")


def test_format_jsonl_is_the_jsonl_shortcut(tmp_path):
    corpus_with_bad_file(tmp_path)
    long = batch_cli(str(tmp_path), "--format", "jsonl", "-j", "1", "--chunk-size", "2")
    short = batch_cli(str(tmp_path), "--jsonl", "-j", "1", "--chunk-size", "2")
    assert long.exit_code == short.exit_code == 1
    assert long.stdout == short.stdout
    assert len(jsonl(long.stdout)) == 4
    assert "3 analyzed" in long.stderr and "3 analyzed" not in long.stdout


def test_format_json_is_one_array_with_error_records(tmp_path):
    corpus_with_bad_file(tmp_path)
    lines = batch_cli(str(tmp_path), "--jsonl", "-q", "-j", "1")
    result = batch_cli(str(tmp_path), "-f", "json", "-j", "1", "--chunk-size", "2")
    assert result.exit_code == 1
    docs = json.loads(result.stdout)
    assert docs == jsonl(lines.stdout)
    assert [set(d) for d in docs if "error" in d] == [{"source", "error"}]
    assert docs[2]["source"].endswith("art0001b.txt")
    assert "1 failed" in result.stderr


def test_format_json_of_nothing_is_an_empty_array(tmp_path):
    (tmp_path / "empty").mkdir()
    result = batch_cli(str(tmp_path / "empty"), "-f", "json", "-q", "-j", "1")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_format_csv_is_the_analyze_csv_of_every_article(tmp_path):
    corpus_with_bad_file(tmp_path)
    result = batch_cli(str(tmp_path), "-f", "csv", "-q", "-j", "2", "--chunk-size", "1")
    assert result.exit_code == 1
    header, *rows = result.stdout.splitlines()
    expected = []
    for name in ["art0000", "art0001", "art0002"]:
        single = runner.invoke(
            app, ["analyze", str(tmp_path / f"{name}.txt"), "-f", "csv", "-m", "rules"]
        )
        assert single.stdout.splitlines()[0] == header
        expected += single.stdout.splitlines()[1:]
    assert [r for r in rows if ",error," not in r] == expected
    errors = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["kind"] == "error"]
    assert [(e["article"], "binary" in e["text"]) for e in errors] == [
        (str(tmp_path / "art0001b.txt"), True)
    ]


def test_format_csv_and_the_company_csv_file_together(tmp_path):
    write_corpus(tmp_path / "in", 2)
    target = tmp_path / "companies.csv"
    result = batch_cli(str(tmp_path / "in"), "-f", "csv", "--csv", str(target), "-q", "-j", "1")
    assert result.exit_code == 0
    kinds = {r["kind"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert {"company", "amount"} <= kinds
    assert {r["name"] for r in csv.DictReader(io.StringIO(target.read_text()))} == {
        "Tesla",
        "Xiaomi",
    }


def test_format_table_and_conflicting_shortcut(tmp_path):
    write_corpus(tmp_path, 1)
    table = batch_cli(str(tmp_path), "--format", "table", "-j", "1")
    assert table.exit_code == 0 and "1 analyzed" in table.stdout
    clash = batch_cli(str(tmp_path), "--jsonl", "--format", "json")
    assert clash.exit_code == 2
    assert "--jsonl conflicts with --format json" in clash.stderr
    assert batch_cli(str(tmp_path), "--jsonl", "-f", "jsonl", "-q", "-j", "1").exit_code == 0


def test_json_array_is_closed_after_a_dead_worker_not_after_a_broken_pipe():
    ok = b.Record(index=0, source="a.txt", json='{"n":1}')
    bad = b.Record(index=1, source="b.txt", error="not found")
    out = io.StringIO()
    with pytest.raises(b.WorkerError), b.JsonArray(out) as output:
        output.add([ok, bad])
        raise b.WorkerError("a worker process died")
    assert json.loads(out.getvalue()) == [{"n": 1}, {"source": "b.txt", "error": "not found"}]
    out = io.StringIO()
    with pytest.raises(BrokenPipeError), b.JsonArray(out) as output:
        output.add([ok])
        raise BrokenPipeError
    assert out.getvalue() == '[\n{"n":1}'


def test_ctrl_c_leaves_a_valid_json_array(tmp_path):
    write_corpus(tmp_path / "in", 150)
    cmd = [sys.executable, "-m", "evnews", "batch", "--model", "rules", "-f", "json"]
    proc = subprocess.Popen(
        [*cmd, str(tmp_path / "in"), "-j", "1", "--chunk-size", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = [proc.stdout.readline() for _ in range(10)]  # one document per line
    proc.send_signal(signal.SIGINT)
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait() == 130, err.decode()
    docs = json.loads(b"".join(first) + out)
    assert 10 <= len(docs) < 150
    assert f"{len(docs)} of 150 files" in err.decode()
