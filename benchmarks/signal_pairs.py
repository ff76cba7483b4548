"""Pair the nested CV runs of a change with the round start's over fold salts x fold orders.

Usage:
  .venv/bin/python benchmarks/signal_pairs.py RUNS --arm TAG [--control TAG] [--start TAG]
      [--salts S0 S1 ...] [--orders 0 1 2 3 4] [--neutral shipped|all]

RUNS holds `signal_model.py cv --json` files named TAG_SALT_ORDER.json (SALT: a short name of a
`--fold-salt`; the first of --salts is the shipped dealing). For every measure of
signal_cv.MEASURES it prints the arm's paired differences (arm - start, same salt and order),
their mean, and the band 2*sd/sqrt(n): n the arm's pairs, sd the population sd of the neutral
reseed differences (the start under each other salt - the start under the shipped dealing, same
order; --neutral all: every pair of salts). With --control it applies the twenty-eighth round's
rule (docs/quality.md, "Twenty-eighth round: plan and splits"): the mean type gain exceeds its
band, no other measure is worse by more than its band, and the control's mean type gain is not
above the arm's.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from realnews import labels_of  # noqa: E402  # sibling script
from signal_cv import MEASURES, figures  # noqa: E402  # sibling script

Cell = tuple[str, int]  # (salt name, fold order)


@dataclass(frozen=True)
class Paired:
    """One measure of one arm: its paired differences, their mean, the neutral band."""

    measure: str
    diffs: tuple[float, ...]
    mean: float
    band: float

    @property
    def worse(self) -> bool:
        """Tell whether the mean moves the wrong way by more than the band."""
        loss = -self.mean if MEASURES[self.measure] else self.mean
        return loss > self.band

    @property
    def better(self) -> bool:
        """Tell whether the mean moves the right way by more than the band."""
        gain = self.mean if MEASURES[self.measure] else -self.mean
        return gain > self.band


def load(
    runs: Path,
    tag: str,
    salts: list[str],
    orders: list[int],
    labels: dict[str, dict[str, Any]],
) -> dict[Cell, dict[str, float]]:
    """Return the figures of one arm's run in every salt x order cell."""
    out: dict[Cell, dict[str, float]] = {}
    for salt in salts:
        for order in orders:
            path = runs / f"{tag}_{salt}_{order}.json"
            out[salt, order] = figures(json.loads(path.read_text("utf-8")), labels)
    return out


def neutral(
    start: dict[Cell, dict[str, float]], salts: list[str], orders: list[int], every: bool = False
) -> dict[str, list[float]]:
    """Return per measure the reseed differences of the start: each other salt - the first (the
    shipped dealing), same order; every: each later salt - each earlier one."""
    pairs = list(combinations(salts, 2)) if every else [(salts[0], s) for s in salts[1:]]
    return {
        m: [start[b, o][m] - start[a, o][m] for a, b in pairs for o in orders] for m in MEASURES
    }


def paired(
    arm: dict[Cell, dict[str, float]],
    start: dict[Cell, dict[str, float]],
    noise: dict[str, list[float]],
) -> dict[str, Paired]:
    """Return per measure the arm's paired differences against the start and their band."""
    out: dict[str, Paired] = {}
    for m in MEASURES:
        diffs = tuple(arm[c][m] - start[c][m] for c in sorted(start))
        band = 2 * float(np.std(noise[m])) / math.sqrt(len(diffs))
        out[m] = Paired(m, diffs, float(np.mean(diffs)), band)
    return out


def judge(arm: dict[str, Paired], control: dict[str, Paired]) -> list[tuple[str, bool]]:
    """Return the round's rule as (check, passed) lines."""
    t = arm["types"]
    checks = [(f"mean type gain {t.mean:+.2f} > band {t.band:.2f}", t.mean > t.band)]
    for m, p in arm.items():
        if m != "types":
            checks.append((f"{m} {p.mean:+.3f} not worse than band {p.band:.3f}", not p.worse))
    c = control["types"]
    checks.append((f"control type gain {c.mean:+.2f} <= arm's {t.mean:+.2f}", c.mean <= t.mean))
    return checks


def _number(x: float) -> str:
    """Return a difference as printed: integers plain, ratios to three places."""
    return f"{x:+.0f}" if float(x).is_integer() else f"{x:+.3f}"


def report(name: str, rows: dict[str, Paired]) -> list[str]:
    """Return an arm's lines: per measure the differences, mean, band and where the mean lies."""
    lines = [f"{name}: paired differences (salt-major, order-minor), mean, band 2*sd/sqrt(n)"]
    for m, p in rows.items():
        where = "worse" if p.worse else "better" if p.better else "inside"
        diffs = " ".join(_number(d) for d in p.diffs)
        lines.append(f"  {m}: {diffs} | mean {p.mean:+.3f} band {p.band:.3f} {where}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path)
    parser.add_argument("--start", default="a")
    parser.add_argument("--arm", action="append", required=True)
    parser.add_argument("--control")
    parser.add_argument("--salts", nargs="+", default=["s0", "sa", "sb"])
    parser.add_argument("--orders", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--neutral", choices=("shipped", "all"), default="shipped")
    args = parser.parse_args(argv)
    labels = labels_of("dev")
    start = load(args.runs, args.start, args.salts, args.orders, labels)
    noise = neutral(start, args.salts, args.orders, args.neutral == "all")
    print(f"neutral reseed differences ({args.neutral}), population sd:")
    for m, d in noise.items():
        print(f"  {m}: {' '.join(_number(x) for x in d)} | sd {float(np.std(d)):.3f}")
    arms = {
        t: paired(load(args.runs, t, args.salts, args.orders, labels), start, noise)
        for t in args.arm
    }
    if args.control:
        ctl = load(args.runs, args.control, args.salts, args.orders, labels)
        arms[args.control] = paired(ctl, start, noise)
    for tag, rows in arms.items():
        print("\n".join(report(tag, rows)))
    if args.control:
        for tag in args.arm:
            checks = judge(arms[tag], arms[args.control])
            verdict = "passes" if all(ok for _, ok in checks) else "fails"
            print(f"rule, {tag} against control {args.control}: {verdict}")
            print("\n".join(f"  {'ok ' if ok else 'NO '} {line}" for line, ok in checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
