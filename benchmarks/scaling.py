"""How extraction and detection time grow with a page's size, for page shapes that once grew faster.

Usage: python benchmarks/scaling.py [--base-kb 150] [--steps 3] [--only SHAPE]

Each shape is built at base, 2x, 4x … its size (my own text) and timed (process CPU, best of 2)
through extract_article and detect_signals. The table gives each time and its growth per doubling
side by side: about 2 means linear, about 4 quadratic. Shapes: one long English paragraph of
sentences with amounts, the same in Chinese (every sentence a candidate amount), many short list
lines, a long run of brackets before prose (a placeholder pattern backtracked on it), one line
of ideographic spaces (a clipper-banner pattern split the run in every way), many HTML paragraphs
(libxml2 merged the node sets of //p//text() in quadratic time; plain from --base-kb 400), and a
short story followed by many short lines (the tail cut re-read the page around every candidate line).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.article import extract_article  # noqa: E402  # after the path set-up
from extractors.rows import Article, Page  # noqa: E402  # after the path set-up
from extractors.signals import detect_signals  # noqa: E402  # after the path set-up

EN = (
    "The Commission said on Monday it will invest 1 billion euros a year in artificial "
    "intelligence under its digital programme. "
)
ZH = "欧盟委员会周一表示，将在数字计划下每年投资10亿欧元用于人工智能。"


def _repeat(unit: str, kb: float) -> int:
    return max(1, int(kb * 1024 / len(unit.encode())))


SHAPES: dict[str, Callable[[float], str]] = {
    "long English paragraph": lambda kb: "# EU to invest in AI\n\n" + EN * _repeat(EN, kb),
    "long Chinese paragraph": lambda kb: "# 欧盟投资人工智能\n\n" + ZH * _repeat(ZH, kb),
    "many short list lines": lambda kb: (
        "# Items\n\n"
        + "\n".join(f"- item {i}" for i in range(_repeat("- item 00000\n", kb)))
        + "\n\n"
        + EN * 3
    ),
    "brackets before prose": lambda kb: (
        "# T\n\n" + "[" * _repeat("[", kb / 2) + EN + "](" * _repeat("](", kb / 2) + "\n\n" + EN * 3
    ),
    "a line of ideographic spaces": lambda kb: (
        "# T\n\n" + "\u3000" * _repeat("\u3000", kb) + "x\n\n" + EN * 3
    ),
    "many HTML paragraphs": lambda kb: (
        "<html><body><article><h1>Items</h1>"
        + "".join(
            f"<p>Item {i} costs $5.</p>" for i in range(_repeat("<p>Item 00000 costs $5.</p>", kb))
        )
        + "</article></body></html>"
    ),
    "a story then many short lines": lambda kb: (
        "# Verses\n\n"
        + EN * 3
        + "\n\n"
        + "\n\n".join(f"line {i}" for i in range(_repeat("line 0000\n\n", kb)))
    ),
}


def _best(run: Callable[[], object], repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def time_shape(make: Callable[[float], str], kb: float) -> tuple[float, float]:
    """Return (extraction, detection) seconds for one shape at one size."""
    text = make(kb)
    page = Page(
        source="scaling",
        body=text.encode(),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        path="page.html" if text.startswith("<html>") else "page.md",
        timezone="UTC",
    )
    article: Article = extract_article(page)
    return _best(lambda: extract_article(page)), _best(lambda: detect_signals(article))


def main() -> int:
    """Print, per shape and size, the two times and their growth per doubling."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base-kb", type=float, default=150.0)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--only", default="", help="time only the shapes whose name holds this")
    args = ap.parse_args()
    print(f"{'shape':30} {'size':>8} {'extract s':>10} {'x':>5} {'detect s':>10} {'x':>5}")
    for name, make in SHAPES.items():
        if args.only not in name:
            continue
        last: tuple[float, float] | None = None
        for step in range(args.steps):
            kb = args.base_kb * 2**step
            ext, det = time_shape(make, kb)
            grow = ("", "") if last is None else (f"{ext / last[0]:.1f}", f"{det / last[1]:.1f}")
            print(f"{name:30} {kb:>6.0f}KB {ext:>10.3f} {grow[0]:>5} {det:>10.3f} {grow[1]:>5}")
            last = (max(ext, 1e-6), max(det, 1e-6))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
