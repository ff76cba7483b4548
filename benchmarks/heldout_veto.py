"""Compare two heldout_all.py logs on the signal sets: counts by set, their sums, and the veto."""

# Usage: .venv/bin/python benchmarks/heldout_veto.py BASE.log ARM.log
# BASE.log and ARM.log are heldout_all.py's standard output (`== NAME` then the set's totals lines)
# on the base code and on an arm. The rule is the one the fifty-first round fixed before its run
# (docs/quality.md), summed over SIGNAL_SETS: (a) types right not lower; (b) extra pairs plus
# negatives with rows not higher; (c) policy pages without rows not higher; (d) money right not
# lower and money emitted but not right not higher; (e) one of (a)-(c) strictly better; and every
# other line of those sets (titles, dates, chrome, language) identical, since a signal arm must
# not touch them. Exit code 0: the arm passes; 1: vetoed; 2: a log lacks a signal set.

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, fields
from itertools import zip_longest
from pathlib import Path

# The sets whose labels carry signals (the chrome-only ar44 and the keep-only sh44 judges do not;
# ch18 and js18 label chrome and dates, and score 0/0, so they only add their other lines).
SIGNAL_SETS = (
    *("realnews_test", "hd18e", "hd18z", "hd19", "hd20", "hd21"),
    *(f"{name}-test" for name in ("ch18", "js18", "mp18", "ng18", "tp18")),
    *("mo30-judge", "ty30-judge", "cl30-judge", "fr32-judge", "fz32-judge", "fr33-judge"),
)
_COUNTS = (
    ("money", "money_labelled", re.compile(r"money recall (\d+)/(\d+)")),
    ("emitted_right", "emitted", re.compile(r"precision (\d+)/(\d+)")),
    ("types", "types_labelled", re.compile(r"type recall (\d+)/(\d+)")),
    ("extra", None, re.compile(r"extra type-article pairs (\d+)")),
    ("negatives", None, re.compile(r"negatives with rows: (\d+)")),
    ("empty", None, re.compile(r"AI-policy articles with no rows: (\d+)")),
)


@dataclass(frozen=True, slots=True)
class Counts:
    """A set's (or a sum's) signal counts, as realnews.py and heldout.py print them."""

    money: int = 0
    money_labelled: int = 0
    emitted_right: int = 0
    emitted: int = 0
    types: int = 0
    types_labelled: int = 0
    extra: int = 0
    negatives: int = 0
    empty: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def wrong_money(self) -> int:
        """Return the amounts emitted but not right."""
        return self.emitted - self.emitted_right


@dataclass(frozen=True, slots=True)
class Verdict:
    """The rule's parts on two sums, and whether the other lines agree."""

    parts: dict[str, bool]
    other_lines_same: bool

    @property
    def passes(self) -> bool:
        """Return True when every part holds and nothing but signal counts moved."""
        return all(self.parts.values()) and self.other_lines_same


def read_log(text: str) -> dict[str, list[str]]:
    """Return each set's totals lines of a heldout_all.py log, by set name."""
    sets: dict[str, list[str]] = {}
    lines: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("== "):
            lines = sets.setdefault(line[3:].strip(), [])
        elif lines is not None:
            lines.append(line.rstrip())
    return sets


def count(lines: list[str]) -> tuple[Counts, list[str]]:
    """Return a set's signal counts and its other lines."""
    found: dict[str, int] = {}
    other = []
    for line in lines:
        matched = False
        for right, of, pattern in _COUNTS:
            if m := pattern.search(line):
                found[right] = found.get(right, 0) + int(m[1])
                if of is not None:
                    found[of] = found.get(of, 0) + int(m[2])
                matched = True
        if not matched:
            other.append(line)
    return Counts(**found), other


def judge(base: Counts, arm: Counts, other_lines_same: bool) -> Verdict:
    """Return the rule's verdict on the base's and the arm's sums."""
    wrong_base, wrong_arm = base.extra + base.negatives, arm.extra + arm.negatives
    parts = {
        "(a) types right not lower": arm.types >= base.types,
        "(b) extra pairs + negatives not higher": wrong_arm <= wrong_base,
        "(c) policy pages without rows not higher": arm.empty <= base.empty,
        "(d) money right not lower, wrong money not higher": arm.money >= base.money
        and arm.wrong_money <= base.wrong_money,
        "(e) one of (a)-(c) strictly better": arm.types > base.types
        or wrong_arm < wrong_base
        or arm.empty < base.empty,
    }
    return Verdict(parts, other_lines_same)


def compare(base_log: str, arm_log: str) -> tuple[list[str], Verdict]:
    """Return the report's lines and the verdict of two logs (KeyError: a signal set missing)."""
    base_sets, arm_sets = read_log(base_log), read_log(arm_log)
    missing = [s for s in SIGNAL_SETS if s not in base_sets or s not in arm_sets]
    if missing:
        raise KeyError(", ".join(missing))
    report, base_sum, arm_sum, same = [], Counts(), Counts(), True
    for name in SIGNAL_SETS:
        (b, b_other), (a, a_other) = count(base_sets[name]), count(arm_sets[name])
        base_sum, arm_sum = base_sum + b, arm_sum + a
        pairs = ((f.name, getattr(b, f.name), getattr(a, f.name)) for f in fields(b))
        moved = [f"{key} {x} -> {y}" for key, x, y in pairs if x != y]
        report.append(f"{name:14} {'; '.join(moved) or 'same'}")
        if b_other != a_other:
            same = False
            lines = zip_longest(b_other, a_other, fillvalue="")
            report += [f"  other line: {x!r} -> {y!r}" for x, y in lines if x != y]
    for label, total in (("base", base_sum), ("arm", arm_sum)):
        report.append(f"sum {label:4} {total}, wrong money {total.wrong_money}")
    verdict = judge(base_sum, arm_sum, same)
    report += [f"{'yes' if ok else 'NO '} {part}" for part, ok in verdict.parts.items()]
    report.append(f"{'yes' if same else 'NO '} other lines of the signal sets identical")
    report.append("verdict: " + ("passes" if verdict.passes else "vetoed"))
    return report, verdict


def main(argv: list[str] | None = None) -> int:
    """Print the comparison of two logs; exit 0 when the arm passes, 1 when vetoed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base", type=Path)
    parser.add_argument("arm", type=Path)
    args = parser.parse_args(argv)
    try:
        report, verdict = compare(
            args.base.read_text(encoding="utf-8"), args.arm.read_text(encoding="utf-8")
        )
    except KeyError as missing:
        print(f"signal sets missing from a log: {missing.args[0]}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0 if verdict.passes else 1


if __name__ == "__main__":
    raise SystemExit(main())
