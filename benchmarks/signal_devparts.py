"""Score signal arms on the dev parts outside the training files, side by side, with their sums.

Usage: python benchmarks/signal_devparts.py TREE [TREE ...] [--parts NAME ...]

Each TREE is a checkout of the project (an arm: its code and model files); the first is the start.
Every part is scored with the tree's own code (`heldout.py score NAME` run in the tree, its
PYTHONPATH), totals only. The verdict is the thirty-first round's rule (2): against the start, the
parts' sums of required types found and signal amounts found are not fewer, and extra pairs plus
negatives with rows are not more; a passing arm is also said to be strictly better or not (the
fifth wave's rule for example batches asks for both). The nested CV of realnews dev cannot see these costs on long
mixed pages (docs/quality.md, sc31); these parts are dev, read page by page in their rounds.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from signal_data import DEV_PARTS  # noqa: E402  # sibling script

PARTS = DEV_PARTS  # the frozen dev parts outside the training files
_PATTERNS = {
    "types": re.compile(r"type recall (\d+)/\d+"),
    "money": re.compile(r"money recall (\d+)/\d+"),
    "emitted": re.compile(r"precision \d+/(\d+)"),
    "extra": re.compile(r"extra type-article pairs (\d+)"),
    "negatives": re.compile(r"negatives with rows: (\d+) files"),
    "without_rows": re.compile(r"AI-policy articles with no rows: (\d+) files"),
}


@dataclass(frozen=True, slots=True)
class Totals:
    """The signal totals of one scored part (counts of files, pairs or amounts)."""

    types: int = 0
    money: int = 0
    emitted: int = 0
    extra: int = 0
    negatives: int = 0
    without_rows: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def parse_totals(report: str) -> Totals:
    """Return the totals of one `heldout.py score` report; a missing line is an error."""
    found: dict[str, int] = {}
    for name, pattern in _PATTERNS.items():
        match = pattern.search(report)
        if match is None:
            raise ValueError(f"no {name!r} figure in the report: {report[-300:]!r}")
        found[name] = int(match.group(1))
    return Totals(**found)


def verdict(start: Totals, arm: Totals) -> tuple[bool, str]:
    """Return whether an arm's sums pass rule (2) against the start's, and why."""
    fewer = [n for n in ("types", "money") if getattr(arm, n) < getattr(start, n)]
    noise_start, noise_arm = start.extra + start.negatives, arm.extra + arm.negatives
    reasons = [f"{n} {getattr(start, n)} -> {getattr(arm, n)}" for n in fewer]
    if noise_arm > noise_start:
        reasons.append(f"extra pairs + negatives with rows {noise_start} -> {noise_arm}")
    return not reasons, "; ".join(reasons) or "passes"


def strictly_better(start: Totals, arm: Totals) -> bool:
    """Return whether an arm finds more types or amounts, or emits less noise, than the start."""
    noise_start, noise_arm = start.extra + start.negatives, arm.extra + arm.negatives
    return arm.types > start.types or arm.money > start.money or noise_arm < noise_start


def score_part(tree: Path, part: str) -> Totals:
    """Score one part with a tree's code and models and return its totals."""
    python = tree / ".venv" / "bin" / "python"
    env = {**os.environ, "PYTHONPATH": str(tree), "OPENBLAS_NUM_THREADS": "1"}
    interpreter = str(python if python.exists() else Path(sys.executable))
    done = subprocess.run(
        [interpreter, "benchmarks/heldout.py", "score", part],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree}: heldout.py score {part} failed: {done.stderr[-500:]}")
    return parse_totals(done.stdout)


def main(argv: list[str] | None = None) -> int:
    """Score every tree on every part, print the table and the verdicts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs="+", type=Path)
    ap.add_argument("--parts", nargs="+", default=list(PARTS))
    args = ap.parse_args(argv)
    sums: list[Totals] = [Totals() for _ in args.trees]
    names = [f.name for f in fields(Totals)]
    print("part".ljust(12), " | ".join(t.name.ljust(36) for t in args.trees))
    for part in args.parts:
        row = []
        for i, tree in enumerate(args.trees):
            totals = score_part(tree.resolve(), part)
            sums[i] += totals
            row.append(" ".join(f"{getattr(totals, n)}" for n in names).ljust(36))
        print(part.ljust(12), " | ".join(row))
    print(
        "sum".ljust(12),
        " | ".join(" ".join(f"{getattr(s, n)}" for n in names).ljust(36) for s in sums),
    )
    print("(columns: " + ", ".join(names) + ")")
    for tree, total in zip(args.trees[1:], sums[1:], strict=True):
        ok, why = verdict(sums[0], total)
        better = "; strictly better" if strictly_better(sums[0], total) else "; nothing better"
        print(f"{tree.name}: {'PASS' if ok else 'FAIL'} ({why}{better if ok else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
