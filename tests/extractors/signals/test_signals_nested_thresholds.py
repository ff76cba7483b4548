"""The nested choice of gate thresholds in benchmarks/signal_cv.py: each fold's pair comes from the
other folds' held-out results only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]


def _result(missing: int = 0, extra: int = 0, rows: int = 1) -> dict[str, Any]:
    """Return a scorer result with the given numbers of missed and wrong types."""
    return {"types_missing": ["t"] * missing, "types_extra": ["x"] * extra, "rows": rows}


def test_each_fold_takes_the_pair_best_on_the_other_folds() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import signal_cv  # benchmark script, on sys.path above

    policy = {"is_ai_policy": True, "types": {"required": ["a", "b"]}}
    negative = {"is_ai_policy": False, "types": {"required": []}}
    label_of = {"p0": policy, "p1": policy, "n1": negative}
    fold_of = {"p0": 0, "p1": 1, "n1": 1}
    low, high = (0.4, 0.3), (0.4, 0.5)
    by_pair = {
        # the low threshold finds both types of p1 but keeps a wrong pair and the negative's rows
        low: {"p0": _result(), "p1": _result(extra=1), "n1": _result(rows=2)},
        # the high one misses one type of p0 and none of p1, and drops the negative's rows
        high: {"p0": _result(missing=1), "p1": _result(), "n1": _result(rows=0)},
    }
    assert signal_cv._utility(by_pair[low]["n1"], negative) == -1
    chosen = signal_cv.choose_per_fold(by_pair, fold_of, label_of)
    # fold 0 is judged on p1 and n1 (low: 2 - 1 - 1 = 0, high: 2), fold 1 on p0 (low 2, high 1)
    assert chosen == {0: high, 1: low}
