"""benchmarks/heldout_veto.py: signal counts summed over the signal sets, and the rule's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from scriptkit import load_benchmark

veto = load_benchmark("heldout_veto")
heldout_all = load_benchmark("heldout_all")


def _block(
    money: tuple[int, int] = (3, 4),
    emitted: tuple[int, int] = (3, 5),
    types: tuple[int, int] = (6, 9),
    extra: int = 2,
    negatives: int = 1,
    empty: int = 1,
    chrome: int = 0,
) -> list[str]:
    return [
        "articles scored 10 of 10 labelled (not found as articles: 0)",
        f"money recall {money[0]}/{money[1]} = 75%; precision {emitted[0]}/{emitted[1]} = 60%",
        f"type recall {types[0]}/{types[1]} = 67%; extra type-article pairs {extra}",
        "dates {'exact': 10}",
        f"chrome left in {chrome} files; body spans missing in 0 files",
        f"negatives with rows: {negatives} files",
        f"AI-policy articles with no rows: {empty} files",
    ]


def _log(changed: dict[str, list[str]] | None = None, drop: str = "") -> str:
    blocks = {name: _block() for name in veto.SIGNAL_SETS if name != drop}
    blocks["readability"] = ["readability ours: 130 pages, F1 0.933"]  # not a signal set
    blocks.update(changed or {})
    return "".join(f"== {name}\n" + "\n".join(lines) + "\n" for name, lines in blocks.items())


def test_every_signal_set_is_a_set_heldout_all_runs() -> None:
    assert set(veto.SIGNAL_SETS) <= {h.name for h in heldout_all.SETS}
    # ar44's labels mark chrome only: its signal counts mean nothing
    assert "ar44-judge" not in veto.SIGNAL_SETS


def test_counts_add_up_over_the_sets_and_the_same_log_is_vetoed_for_lack_of_gain() -> None:
    report, verdict = veto.compare(_log(), _log())
    sets = len(veto.SIGNAL_SETS)
    total = veto.Counts()
    for _ in range(sets):
        total = total + veto.Counts(3, 4, 3, 5, 6, 9, 2, 1, 1)
    assert f"sum base {total}, wrong money {2 * sets}" in report
    assert verdict.other_lines_same and not verdict.passes
    assert verdict.parts == {
        "(a) types right not lower": True,
        "(b) extra pairs + negatives not higher": True,
        "(c) policy pages without rows not higher": True,
        "(d) money right not lower, wrong money not higher": True,
        "(e) one of (a)-(c) strictly better": False,
    }


def test_a_gain_in_one_set_passes_and_a_loss_elsewhere_is_netted_against_it() -> None:
    better = {"hd18e": _block(types=(8, 9)), "hd19": _block(types=(5, 9))}
    _, verdict = veto.compare(_log(), _log(better))
    assert verdict.passes  # +2 and -1 types: the sums decide, not each set
    report, verdict = veto.compare(_log(), _log({"hd18e": _block(types=(8, 9), empty=2)}))
    assert not verdict.passes
    assert "NO  (c) policy pages without rows not higher" in report
    assert "hd18e          types 6 -> 8; empty 1 -> 2" in report


def test_more_wrong_amounts_veto_even_with_more_right_ones() -> None:
    arm = {"tp18-test": _block(money=(4, 4), emitted=(4, 7), types=(7, 9))}
    _, verdict = veto.compare(_log(), _log(arm))
    assert not verdict.parts["(d) money right not lower, wrong money not higher"]
    assert verdict.parts["(a) types right not lower"] and not verdict.passes


def test_a_moved_line_other_than_the_signal_counts_vetoes_the_arm() -> None:
    arm = {"hd20": _block(types=(7, 9), chrome=3), "readability": ["anything at all"]}
    report, verdict = veto.compare(_log(), _log(arm))
    assert all(verdict.parts.values()) and not verdict.passes
    assert any(line.startswith("  other line: 'chrome left in 0") for line in report)


def test_a_log_without_a_signal_set_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, arm = tmp_path / "base.log", tmp_path / "arm.log"
    base.write_text(_log(), encoding="utf-8")
    arm.write_text(_log(drop="fz32-judge"), encoding="utf-8")
    assert veto.main([str(base), str(arm)]) == 2
    assert "fz32-judge" in capsys.readouterr().err
    arm.write_text(_log({"hd21": _block(extra=0)}), encoding="utf-8")
    assert veto.main([str(base), str(arm)]) == 0
    assert veto.main([str(arm), str(base)]) == 1
