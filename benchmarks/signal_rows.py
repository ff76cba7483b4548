"""Check that a change to signal detection leaves every signal row unchanged (rows only).

Usage: .venv/bin/python benchmarks/signal_rows.py dump OUT.jsonl [--corpus DIR ...]
       .venv/bin/python benchmarks/signal_rows.py compare BEFORE.jsonl AFTER.jsonl

`dump` runs the ingest pipeline's page step (extractors.pipeline.process_page: extraction, region
from the source's timezone, detect_signals) on every page of ../shared/corpus/realnews (both
splits) and of each --corpus (a held-out set laid out like realnews, with its sources.toml), plus
signal_identity.py's pages and texts (seeds, aeb, cwce, examples, training sentences, test
literals), and writes per case every field of every row. Unlike signal_identity.py it does not
record the classifier's internals, so a change that skips work on sentences that cannot yield a
row is checked on what it must preserve: the rows. Held-out pages (the realnews test split and
every --corpus) are written as a SHA-256 of their rows only, and `compare` prints only how many
of them differ, never which: nobody reads their rows or failures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from realnews import CORPUS, split_of  # noqa: E402
from signal_identity import FETCHED, _article, _pages, _texts  # noqa: E402

from extractors.exceptions import SignalError  # noqa: E402
from extractors.pipeline import process_page  # noqa: E402
from extractors.rows import Page  # noqa: E402
from extractors.signals import detect_signals  # noqa: E402


def _corpus_pages(corpus: Path, held_out: bool) -> Iterator[tuple[str, bool, Page]]:
    """Yield (case, held out, page) for every page a corpus's sources.toml lists."""
    listed = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))
    for source in listed["sources"]:
        folder = corpus / source["path"]
        for name in source["include"]:
            hidden = held_out or (
                # resolved: a checkout whose ../shared is a symlink must still hide the test split
                corpus == CORPUS.resolve()
                and split_of(Path(source["path"]).parts[0], name) == "test"
            )
            page = Page(
                str(source["name"]),
                (folder / name).read_bytes(),
                FETCHED,
                name,
                timezone=str(source.get("timezone", "UTC")),
                language=source.get("language"),
            )
            yield f"{corpus.name}/{source['path']}/{name}", hidden, page


def _rows_of(page: Page) -> list[str]:
    """Return the repr of every field of every row the pipeline gives a page (or its reject)."""
    result = process_page(page)
    if result.signal_error is not None:
        return ["error: " + result.signal_error]
    if result.reject is not None:
        return ["reject: " + result.reject.reason]
    return [repr(dataclasses.astuple(s)) for s in result.signals]


def dump(out: Path, corpora: list[Path]) -> int:
    """Write one JSON line per case; return the number of cases."""
    n = 0
    seen: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as fh:

        def write(case: str, hidden: bool, rows: list[str]) -> None:
            seen[case] = seen.get(case, 0) + 1
            case += f"#{seen[case]}" if seen[case] > 1 else ""  # a text listed twice
            if hidden:  # a held-out page: its rows are compared, never shown
                digest = hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass"))
                rows = [digest.hexdigest()]
            fh.write(json.dumps({"case": case, "held_out": hidden, "rows": rows}) + "\n")

        for corpus, held_out in [(CORPUS, False), *((c, True) for c in corpora)]:
            for case, hidden, page in _corpus_pages(corpus.resolve(), held_out):
                write(case, hidden, _rows_of(page))
                n += 1
        for case, page in _pages():
            if not case.startswith("dev/"):  # realnews is read above, with its sources' zones
                write("identity/" + case, False, _rows_of(page))
                n += 1
        for case, text in _texts():
            try:
                rows = [repr(dataclasses.astuple(s)) for s in detect_signals(_article(text, case))]
            except SignalError as exc:  # an error is an output too: it must not change either
                rows = [f"error: {exc}"]
            write("text/" + case, False, rows)
            n += 1
    return n


def compare(before: Path, after: Path) -> int:
    """Print the open cases that differ and counts; return the number of differing cases."""
    old = {r["case"]: r for r in map(json.loads, before.read_text(encoding="utf-8").splitlines())}
    new = {r["case"]: r for r in map(json.loads, after.read_text(encoding="utf-8").splitlines())}
    common = [c for c in old if c in new]
    open_bad = hidden_bad = hidden = n_rows = 0
    for case in common:
        a, b = old[case], new[case]
        if a["held_out"]:
            hidden += 1
            hidden_bad += a["rows"] != b["rows"]
            continue
        n_rows += len(a["rows"])
        if a["rows"] != b["rows"]:
            open_bad += 1
            print(f"{case}: rows differ")
    print(f"{len(set(old) ^ set(new))} cases in one dump only")
    print(f"open: {len(common) - hidden} cases, {n_rows} rows before, {open_bad} differ")
    print(f"held out (hashes only): {hidden} cases, {hidden_bad} differ")
    return open_bad + hidden_bad


def main() -> int:
    """Dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    out = sub.add_parser("dump")
    out.add_argument("out", type=Path)
    out.add_argument("--corpus", type=Path, action="append", default=[], help="a held-out set")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.cmd == "dump":
        print(f"{dump(args.out, args.corpus)} cases written to {args.out}")
        return 0
    return 1 if compare(args.before, args.after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
