"""benchmarks/signal_pairs.py: the figures of a cv JSON file, the paired differences over fold
salts x orders, the band from the start's reseed differences, and the round's rule."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))
import signal_cv  # noqa: E402  # benchmark script, on sys.path above
import signal_pairs  # noqa: E402  # benchmark script, on sys.path above

# our own fixture names: two English articles with three required types between them, one Chinese
LABELS = {
    "en01-x.md": {"types": {"required": ["a", "b"]}},
    "en02-x.md": {"types": {"required": ["c"]}},
    "zh_01_y.md": {"types": {"required": ["a", "d"]}},
}


def _report(missing_en: int, types: int, money: int, extra: int, neg: int) -> dict[str, Any]:
    """Return a cv report (as `cv --json` writes it) with the given figures."""
    missing = ["a", "b", "c"][:missing_en]
    return {
        "type_recall": [types, 80],
        "money_recall": [money, 43],
        "money_precision": [money, money + 5],
        "extra_pairs": extra,
        "negatives_with_rows": [f"zh/n{i}.md" for i in range(neg)],
        "policy_without_rows": ["en/en02-x.md"] if "c" in missing else [],
        "per_file": {
            "en/en01-x.md": {"types_missing": [m for m in missing if m != "c"]},
            "en/en02-x.md": {"types_missing": [m for m in missing if m == "c"]},
            "zh/zh_01_y.md": {"types_missing": ["d"]},
        },
    }


def test_figures_read_every_measure_and_count_english_types_on_english_files() -> None:
    got = signal_cv.figures(_report(2, 59, 39, 6, 3), LABELS)
    assert got == {
        "types": 59,
        "english_types": 1,  # 3 required on en/ files, a and b missing; zh's d is not English
        "money": 39,
        "money_precision": 39 / 44,
        "extra_pairs": 6,
        "negatives_with_rows": 3,
        "policy_without_rows": 0,
    }
    assert set(got) == set(signal_cv.MEASURES)


# per (salt, order): missing_en, types, money, extra, neg
Cells = dict[tuple[str, int], tuple[int, int, int, int, int]]


def _write(runs: Path, tag: str, cells: Cells) -> None:
    """Write one arm's cv files, each cell's figures (missing_en, types, money, extra, neg)."""
    for (salt, order), values in cells.items():
        path = runs / f"{tag}_{salt}_{order}.json"
        path.write_text(json.dumps(_report(*values)), "utf-8")


SALTS, ORDERS = ["s0", "sa", "sb"], [0, 1]
# the start: the reseeds (sa, sb) move types by -2..+2 around the shipped dealing (s0)
START: Cells = {
    ("s0", 0): (1, 59, 39, 6, 6),
    ("s0", 1): (1, 53, 34, 6, 6),
    ("sa", 0): (1, 61, 38, 8, 6),
    ("sa", 1): (1, 51, 33, 5, 6),
    ("sb", 0): (1, 57, 39, 6, 6),
    ("sb", 1): (1, 55, 34, 7, 6),
}


def _shift(types: int, extra: int = 0, money: int = 0) -> Cells:
    """Return the start's cells with types, extra pairs and money moved by the given amounts."""
    return {c: (v[0], v[1] + types, v[2] + money, v[3] + extra, v[4]) for c, v in START.items()}


def test_neutral_differences_are_reseeds_against_the_shipped_dealing(tmp_path: Path) -> None:
    _write(tmp_path, "a", START)
    start = signal_pairs.load(tmp_path, "a", SALTS, ORDERS, LABELS)
    noise = signal_pairs.neutral(start, SALTS, ORDERS)
    assert noise["types"] == [2, -2, -2, 2]  # sa-s0 at orders 0, 1; then sb-s0
    assert noise["extra_pairs"] == [2, -1, 0, 1]
    every = signal_pairs.neutral(start, SALTS, ORDERS, every=True)
    assert every["types"] == [2, -2, -2, 2, -4, 4]  # and sb-sa


def test_paired_means_and_bands_and_the_direction_of_each_measure(tmp_path: Path) -> None:
    _write(tmp_path, "a", START)
    _write(tmp_path, "b", _shift(types=3, extra=2, money=-1))
    start = signal_pairs.load(tmp_path, "a", SALTS, ORDERS, LABELS)
    arm = signal_pairs.load(tmp_path, "b", SALTS, ORDERS, LABELS)
    rows = signal_pairs.paired(arm, start, signal_pairs.neutral(start, SALTS, ORDERS))
    types = rows["types"]
    assert types.diffs == (3,) * 6 and types.mean == 3
    # population sd of the reseed differences (2, -2, -2, 2) is 2; six pairs
    assert types.band == pytest.approx(2 * 2 / math.sqrt(6))
    assert types.better and not types.worse
    extra = rows["extra_pairs"]  # two more wrong pairs: worse, since fewer is better
    assert extra.band == pytest.approx(2 * float(np.std([2, -1, 0, 1])) / math.sqrt(6))
    assert extra.worse and not extra.better
    money = rows["money"]  # one amount fewer against a band of 2*sd/sqrt(6) of (-1, -1, 0, 0)
    assert money.worse
    unmoved = rows["negatives_with_rows"]
    assert unmoved.mean == 0 and not unmoved.worse and not unmoved.better


def test_the_rule_needs_a_gain_beyond_the_band_no_loss_and_a_weaker_control(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(signal_pairs, "labels_of", lambda split: LABELS)
    _write(tmp_path, "a", START)
    _write(tmp_path, "b", _shift(types=3))
    _write(tmp_path, "c", _shift(types=-4))
    _write(tmp_path, "d", _shift(types=3, extra=2))  # the gain with wrong pairs beyond the band
    _write(tmp_path, "e", _shift(types=1))  # inside the band
    argv = [str(tmp_path), "--orders", "0", "1", "--control", "c"]
    assert signal_pairs.main([*argv, "--arm", "b", "--arm", "d", "--arm", "e"]) == 0
    out = capsys.readouterr().out
    assert "rule, b against control c: passes" in out
    assert "rule, d against control c: fails" in out
    assert "rule, e against control c: fails" in out
    # a control that gains more than the batch: the labels taught nothing, whatever the gain
    _write(tmp_path, "f", _shift(types=4))
    assert signal_pairs.main([*argv, "--arm", "b", "--control", "f"]) == 0
    out = capsys.readouterr().out
    assert "rule, b against control f: fails" in out
    assert [line for line in out.splitlines() if line.startswith("  NO")] == [
        "  NO  control type gain +4.00 <= arm's +3.00"
    ]
