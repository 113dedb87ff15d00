"""Check that a change keeps evnews's output byte-identical (for speed work).

Analyzes data/samples, data/eval, data/holdout and a generated bench corpus in rules mode
and keeps one JSON document per article. `save DIR` writes them; `check DIR` analyzes again
and lists every article whose document differs (exit 1), or says they are identical.

.venv/bin/python bench/identity.py save /tmp/ref      # before the change
.venv/bin/python bench/identity.py check /tmp/ref     # after it
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("data/samples", "data/eval", "data/holdout")


def documents(folders: list[str], corpus_size: int) -> dict[str, str]:
    """The JSON document of every article, keyed by its path."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    from evnews.api import analyze_articles
    from evnews.sources import read_article

    with tempfile.TemporaryDirectory() as tmp:
        paths = [p for f in folders for p in sorted((ROOT / f).glob("*.txt"))]
        corpus, _words = build(Path(tmp), corpus_size)
        articles = [read_article(str(p)) for p in [*paths, *corpus]]
        names = [str(p.relative_to(ROOT)) for p in paths]
        names += [f"bench/{p.relative_to(tmp)}" for p in corpus]
        results = analyze_articles(articles, model="rules")
        return {n: _portable(n, r.model_dump()) for n, r in zip(names, results, strict=True)}


def _portable(name: str, document: dict) -> str:
    """The document as JSON, with the source path made independent of where it ran."""
    document["source"]["path"] = name
    return json.dumps(document, sort_keys=True)


def differences(saved: dict[str, str], docs: dict[str, str]) -> list[str]:
    """The names whose document differs, or exists on one side only."""
    return sorted(n for n in saved.keys() | docs.keys() if saved.get(n) != docs.get(n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="bench corpus articles")
    parser.add_argument(
        "--folders", nargs="+", default=list(FOLDERS), help="article folders (default: %(default)s)"
    )
    args = parser.parse_args()
    reference = args.folder / "documents.json"
    docs = documents(args.folders, args.n)
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        reference.write_text(json.dumps(docs, sort_keys=True), encoding="utf-8")
        print(f"saved {len(docs)} documents to {reference}")
        return
    differ = differences(json.loads(reference.read_text(encoding="utf-8")), docs)
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(docs) - len(differ)} of {len(docs)} documents identical")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
