"""benchmarks/signal_devparts.py: the totals of a score report, their sums, and rule (2)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))
import signal_devparts  # noqa: E402  # benchmark script, on sys.path above
from signal_devparts import Totals  # noqa: E402  # benchmark script, on sys.path above

# A report in the shape `heldout.py score` prints (our own numbers).
REPORT = """corpus: /tmp/x/corpus; split: all (9 labelled files)
articles scored 9 of 9 labelled (not found as articles: 0)
money recall 3/5 = 60%; precision 3/4 = 75%
type recall 6/8 = 75%; extra type-article pairs 2
dates {'exact': 9}
negatives with rows: 1 files
AI-policy articles with no rows: 2 files
"""


def test_a_report_parses_into_its_totals() -> None:
    got = signal_devparts.parse_totals(REPORT)
    assert got == Totals(types=6, money=3, emitted=4, extra=2, negatives=1, without_rows=2)


def test_a_report_without_a_figure_is_an_error() -> None:
    with pytest.raises(ValueError, match="negatives"):
        signal_devparts.parse_totals(REPORT.replace("negatives with rows: 1 files\n", ""))


def test_totals_add_field_by_field() -> None:
    one = Totals(1, 2, 3, 4, 5, 6)
    assert one + one == Totals(2, 4, 6, 8, 10, 12)
    assert Totals() + one == one


@pytest.mark.parametrize(
    ("arm", "passes"),
    [
        (Totals(types=10, money=5, extra=4, negatives=2), True),  # the same
        (Totals(types=11, money=5, extra=3, negatives=2), True),  # better
        (Totals(types=9, money=5, extra=1, negatives=0), False),  # a type fewer
        (Totals(types=10, money=4, extra=4, negatives=2), False),  # an amount fewer
        (Totals(types=12, money=6, extra=6, negatives=1), False),  # noise 6 -> 7
        (Totals(types=10, money=5, extra=2, negatives=4), True),  # noise moved, not more
    ],
)
def test_rule_two_against_the_start(arm: Totals, passes: bool) -> None:
    start = Totals(types=10, money=5, extra=4, negatives=2)
    ok, why = signal_devparts.verdict(start, arm)
    assert ok is passes
    assert (why == "passes") is passes


def test_strictly_better_needs_a_gain_not_just_no_loss() -> None:
    start = Totals(types=10, money=5, extra=4, negatives=2)
    assert not signal_devparts.strictly_better(start, start)
    assert signal_devparts.strictly_better(start, Totals(types=11, money=5, extra=4, negatives=2))
    assert signal_devparts.strictly_better(start, Totals(types=10, money=6, extra=4, negatives=2))
    assert signal_devparts.strictly_better(start, Totals(types=10, money=5, extra=3, negatives=2))
    assert not signal_devparts.strictly_better(
        start, Totals(types=10, money=5, extra=2, negatives=4)
    )


def test_every_part_is_a_frozen_dev_part_outside_the_judges() -> None:
    root = Path(signal_devparts.__file__).resolve().parent / "heldout"
    for name in signal_devparts.PARTS:
        assert (root / name / "labels.json").is_file(), name
        assert "-dev" in name and "judge" not in name and "test" not in name, name
    assert len(set(signal_devparts.PARTS)) == len(signal_devparts.PARTS)
