"""Damaged pages: extraction and signal detection on pages cut, spliced or stretched, timed.

Usage: .venv/bin/python benchmarks/damaged_pages.py [--shared ../shared] [--seed N] [--count N]
       [--run-chars N] [--limit SECONDS] [--json OUT]

Saved pages arrive damaged: downloads cut short, comments or tags that lost their end, junk
bytes, a line repeated by a broken exporter, a table flattened into one line of amounts. The
contract is an Article or an ExtractionError whose reason is ours (never another exception, never
a parse_error carrying a Python exception's name) in time that grows with the page, not with its
square. Two passes over the pages of ../shared (the seeds, CWCE, AEB and realnews; third-party
text read where it lies):

* random damage: COUNT pages, each damaged one of DAMAGES ways (seeded, so a run repeats);
* runs: a run of RUN_CHARS characters of each of RUNS inserted into the longest line of one
  English, one Chinese, one Traditional-Chinese and one HTML page.

Each damaged page is timed against the same page undamaged. The run fails (exit 1) when a page
raises, or takes over LIMIT seconds and over SLOWDOWN times its undamaged time; it prints the
slowest pages either way.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import random
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from extractors.article import extract_article  # noqa: E402
from extractors.exceptions import ExtractionError  # noqa: E402
from extractors.language import detect_language  # noqa: E402
from extractors.rows import Page  # noqa: E402
from extractors.signals.detect import detect_signals  # noqa: E402

SLOWDOWN = 20.0
# What the run pass inserts: one character or a short unit, repeated.
RUNS = (
    *("1", "a", "A", "元", "中", " ", "\t", ".", ",", "-", "=", "*", "#", "|", "[", "(", "<", "&"),
    *(";", ":", "/", "\\", '"', "'", "_", "~", "`", "，", "。", "@", "%", "$", "€", "亿", "—"),
    *("1 ", "a ", "元 ", ". ", "- ", "1,", "1.", "<b>", "&nbsp;", "http://a.b/", "**a**"),
    *("[a](b)", "2024-01-01 ", "2024年1月1日", "$1 ", "1元", "第1", "\u200b", "\xa0", "\u3000"),
)
# A parse_error whose detail names a Python exception is a bug the extractor caught, not a reject.
_MASKED = re.compile(r"^[A-Z]\w*(?:Error|Exception)\b")


def _cut(rng: random.Random, b: bytes) -> bytes:
    return b[: rng.randrange(len(b) + 1)]


def _junk(rng: random.Random, b: bytes) -> bytes:
    i = rng.randrange(len(b) + 1)
    return b[:i] + rng.randbytes(rng.randrange(1, 200)) + b[i:]


def _slice_out(rng: random.Random, b: bytes) -> bytes:
    i, j = sorted((rng.randrange(len(b) + 1), rng.randrange(len(b) + 1)))
    return b[:i] + b[j:]


def _lost_ends(rng: random.Random, b: bytes) -> bytes:
    return b.replace(b">", b"", rng.randrange(1, 50))


def _unclosed_comment(rng: random.Random, b: bytes) -> bytes:
    i = b.find(b"-->", rng.randrange(len(b) + 1))
    return b[:i] + b"--" + b[i + 3 :] if i >= 0 else b.replace(b"-->", b"--", 1)


def _open_tags(rng: random.Random, b: bytes) -> bytes:
    return b.replace(b"</", b"<", rng.randrange(1, 50))


def _nested(rng: random.Random, b: bytes) -> bytes:
    i = rng.randrange(len(b) + 1)
    return b[:i] + b"<div>" * rng.randrange(100, 3000) + b[i:]


def _no_newlines(rng: random.Random, b: bytes) -> bytes:
    return b.replace(b"\n", b" ", rng.randrange(1, 400))


def _repeated_line(rng: random.Random, b: bytes) -> bytes:
    lines = b.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i] = lines[i] * rng.randrange(50, 500)
    return b"\n".join(lines)


def _shuffled(rng: random.Random, b: bytes) -> bytes:
    lines = b.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


DAMAGES: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "cut": _cut,
    "junk": _junk,
    "slice_out": _slice_out,
    "lost_ends": _lost_ends,
    "open_tags": _open_tags,
    "unclosed_comment": _unclosed_comment,
    "nested": _nested,
    "no_newlines": _no_newlines,
    "repeated_line": _repeated_line,
    "shuffled": _shuffled,
}


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    """One damaged page: how it was damaged, what came out, and its time against the original's."""

    name: str
    damage: str
    outcome: str  # "article", "reject:REASON" or "raised:TYPE: message"
    seconds: float
    original_seconds: float

    @property
    def failed(self) -> bool:
        return self.outcome.startswith("raised")


def read_pages(shared: Path) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of every page of the seeds, CWCE, AEB and realnews under shared."""
    corpus = shared / "corpus"
    files = sorted((shared / "seeds").glob("*"))
    files += sorted((corpus / "cwce" / "original").glob("*"))
    files += sorted((corpus / "aeb" / "html").glob("*"))
    files += sorted((corpus / "realnews").glob("*/pages/*"))
    pages = []
    for path in files:
        if path.is_file():
            body = path.read_bytes()
            pages.append((path.name, gzip.decompress(body) if path.suffix == ".gz" else body))
    if not pages:
        raise SystemExit(f"no pages under {shared}: is ../shared beside the project?")
    return pages


def run_page(name: str, body: bytes) -> tuple[str, float]:
    """Return the outcome of extraction and detection on one page, and the seconds it took."""
    page = Page("damaged", body, datetime(2026, 1, 1, tzinfo=UTC), path=name.removesuffix(".gz"))
    start = time.perf_counter()
    try:
        detect_signals(extract_article(page))
        outcome = "article"
    except ExtractionError as exc:
        masked = exc.reason == "parse_error" and _MASKED.match(exc.detail)
        outcome = f"raised:{exc.detail[:120]}" if masked else f"reject:{exc.reason}"
    except Exception as exc:  # the contract under test: nothing but ExtractionError escapes
        outcome = f"raised:{type(exc).__name__}: {str(exc)[:120]}"
    return outcome, time.perf_counter() - start


def insert_run(body: bytes, unit: str, chars: int) -> bytes:
    """Return the page with a run of chars characters of unit inside its longest line."""
    lines = body.decode("utf-8", "replace").split("\n")
    i = max(range(len(lines)), key=lambda k: len(lines[k]))
    half = len(lines[i]) // 2
    lines[i] = lines[i][:half] + (unit * (chars // len(unit) + 1))[:chars] + lines[i][half:]
    return "\n".join(lines).encode("utf-8")


def damage_pass(pages: list[tuple[str, bytes]], seed: int, count: int) -> list[Result]:
    """Return the results of count pages, each damaged one random way."""
    rng = random.Random(seed)
    kinds = sorted(DAMAGES)
    results = []
    for _ in range(count):
        name, body = rng.choice(pages)
        kind = rng.choice(kinds)
        damaged = DAMAGES[kind](rng, body) if body else body
        _, base = run_page(name, body)
        outcome, seconds = run_page(name, damaged)
        results.append(Result(name, kind, outcome, seconds, base))
    return results


def run_pass(pages: list[tuple[str, bytes]], chars: int) -> list[Result]:
    """Return the results of every run inserted into one page of each script and format."""
    wanted = ("en01-", "zh_01_", "hk-", ".html")
    found = (next((p for p in pages if w in p[0]), None) for w in wanted)
    chosen = [p for p in found if p is not None]
    results = []
    for name, body in chosen:
        _, base = run_page(name, body)
        for unit in RUNS:
            outcome, seconds = run_page(name, insert_run(body, unit, chars))
            results.append(Result(name, f"run {unit!r}", outcome, seconds, base))
    return results


def warm_up(pages: list[tuple[str, bytes]]) -> None:
    """Build what the process builds once (models, lexicons, the language detector) untimed."""
    detect_language("Der Rat hat heute beschlossen, die Bibliothek auch sonntags zu öffnen.")
    for name, body in pages[:3]:
        run_page(name, body)


def too_slow(result: Result, limit: float) -> bool:
    """Return True when a damaged page took over limit seconds and SLOWDOWN times its original."""
    return result.seconds > limit and result.seconds > SLOWDOWN * max(result.original_seconds, 1e-3)


def main(argv: list[str] | None = None) -> int:
    """Run both passes, print the failures and the slowest pages; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=45)
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--run-chars", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = read_pages(args.shared)
    warm_up(pages)
    results = damage_pass(pages, args.seed, args.count) + run_pass(pages, args.run_chars)
    raised = [r for r in results if r.failed]
    slow = [r for r in results if too_slow(r, args.limit)]
    for r in raised:
        print(f"RAISED  {r.name} ({r.damage}): {r.outcome}")
    for r in slow:
        print(
            f"SLOW    {r.name} ({r.damage}): {r.seconds:.2f} s, undamaged {r.original_seconds:.3f} s"
        )
    print("slowest:")
    for r in sorted(results, key=lambda r: -r.seconds)[:8]:
        print(f"  {r.seconds:6.2f} s  undamaged {r.original_seconds:6.3f} s  {r.name} ({r.damage})")
    print(f"{len(results)} damaged pages: {len(raised)} raised, {len(slow)} too slow")
    if args.json is not None:
        rows = [dataclasses.asdict(r) for r in results]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if raised or slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
