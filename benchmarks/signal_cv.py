"""Cross-validate the signal classifier and the article gate (the `cv` of signal_model.py).

Holds out dev outlets five folds at a time, fits each fold's gate on the other folds only
(nested), runs the whole detector on the held-out articles, scores them with
../shared/tools/score_realnews.py and reports pooled figures, gate-threshold sweeps and the
calibration of the held-out probabilities.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import gate_model  # noqa: E402  # sibling script
from gate_model import doc_text, fit_gate, gate_rows  # noqa: E402  # sibling script
from signal_data import ALWAYS, SHARED, Doc  # noqa: E402  # sibling script
from signal_model import (  # noqa: E402  # sibling script
    FOLDS,
    cross_fit,
    fold_models,
    gate_docs,
    held_out_scores,
    out_of_fold,
)

from extractors.signals.article_gate import ArticleGate  # noqa: E402
from extractors.signals.classify import SignalModel  # noqa: E402
from extractors.signals.detect import Proposal, decide_rows, propose  # noqa: E402
from extractors.signals.encoder_head import type_probabilities  # noqa: E402
from extractors.signals.places import region_of  # noqa: E402


def nested_gates(docs: list[Doc], folds: list[int]) -> dict[int, ArticleGate]:
    """Return one gate per outer fold, fitted on the other folds only: their sentence
    probabilities come from an inner leave-outlets-out cross-fit inside those folds (of models
    without the batches signal_model.GATE_WITHOUT names)."""
    gates: dict[int, ArticleGate] = {}
    kept = {id(d) for d in gate_docs(docs)}
    for f in range(FOLDS):
        # the written articles (labelled, not dev) always train the gate
        inner = [
            d
            for d, g in zip(docs, folds, strict=True)
            if id(d) in kept and (g != f or (d.group == ALWAYS and d.label is not None))
        ]
        gates[f] = fit_gate(inner, out_of_fold(inner, cross_fit(inner)))
    return gates


def _score_module() -> Any:
    """Import ../shared/tools/score_realnews.py (the corpus' own scorer)."""
    spec = importlib.util.spec_from_file_location(
        "score_realnews", SHARED / "tools" / "score_realnews.py"
    )
    if spec is None or spec.loader is None:
        raise FileNotFoundError("../shared/tools/score_realnews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# (article name, fold) -> its proposal under that fold's model; cleared by each cross_validate
_PROPOSALS: dict[tuple[str, int], Proposal | None] = {}


def evaluate(
    docs: list[Doc],
    models: dict[int, SignalModel],
    folds: list[int],
    gates: dict[int, ArticleGate],
) -> dict[str, Any]:
    """Run detection with each held-out article's fold model and gate; pool the scorer's figures."""
    scorer = _score_module()
    results: dict[str, Any] = {}
    for d, fold in zip(docs, folds, strict=True):
        if d.group == ALWAYS or d.article is None or d.label is None:
            continue
        # the sentence-level half does not depend on the gate: read once per article and fold
        if (d.name, fold) not in _PROPOSALS:
            zone = d.label.get("outlet_timezone")
            region = region_of(zone, d.article.url, d.article.language)
            _PROPOSALS[d.name, fold] = propose(d.article, models[fold], region)
        rows = decide_rows(d.article, _PROPOSALS[d.name, fold], models[fold], gates[fold])
        frame = pl.DataFrame([dataclasses.asdict(r) for r in rows]) if rows else pl.DataFrame()
        results[d.name] = (
            scorer.score_file(dataclasses.asdict(d.article), frame, d.label),
            d.label,
        )
    tp = sum(len(r["money_tp"]) for r, _ in results.values())
    fp = sum(len(r["money_fp"]) for r, _ in results.values())
    want = sum(r["money_wanted"] for r, _ in results.values())
    req = sum(len(lab["types"]["required"]) for _, lab in results.values())
    miss = sum(len(r["types_missing"]) for r, _ in results.values())
    return {
        "articles": len(results),
        "money_recall": (tp, want),
        "money_precision": (tp, tp + fp),
        "type_recall": (req - miss, req),
        "extra_pairs": sum(len(r["types_extra"]) for r, _ in results.values()),
        "negatives_with_rows": sorted(
            n for n, (r, lab) in results.items() if not lab["is_ai_policy"] and r["rows"]
        ),
        "policy_without_rows": sorted(
            n for n, (r, lab) in results.items() if lab["is_ai_policy"] and not r["rows"]
        ),
        "per_file": {n: r for n, (r, _) in results.items()},
    }


def calibration(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Return the expected calibration error of probabilities against 0/1 labels (-1 ignored)."""
    mask = labels >= 0
    p, y = probs[mask], labels[mask]
    edges = np.linspace(0, 1, bins + 1)
    err = 0.0
    for lo, hi in pairwise(edges):
        sel = (p >= lo) & (p < hi) if hi < 1 else (p >= lo)
        if sel.any():
            err += sel.sum() / len(p) * abs(p[sel].mean() - y[sel].mean())
    return float(err)


def cross_validate(docs: list[Doc]) -> dict[str, Any]:
    """Return the pooled leave-outlets-out figures of the whole detector on dev."""
    _PROPOSALS.clear()
    cf = cross_fit(docs)
    models = fold_models(docs, cf)
    gates = nested_gates(docs, cf["folds"])
    report = evaluate(docs, models, cf["folds"], gates)
    off = {
        f: dataclasses.replace(g, article_threshold=0.0, type_threshold=0.0, floor=0.0)
        for f, g in gates.items()
    }
    ungated = evaluate(docs, models, cf["folds"], off)
    report["without_gate"] = _summary(ungated)
    report["without_gate_figures"] = {k: v for k, v in ungated.items() if k != "per_file"}
    report["sweep"] = {
        f"{a:.2f}/{t:.2f}": _summary(
            evaluate(
                docs,
                models,
                cf["folds"],
                {
                    f: dataclasses.replace(g, article_threshold=a, type_threshold=t)
                    for f, g in gates.items()
                },
            )
        )
        for a in SWEEP_ARTICLE
        for t in SWEEP
    }
    report["floor_sweep"] = {
        f"{floor:.2f}": _summary(
            evaluate(
                docs,
                models,
                cf["folds"],
                {f: dataclasses.replace(g, floor=floor) for f, g in gates.items()},
            )
        )
        for floor in FLOOR_SWEEP
    }
    report["nested_thresholds"] = nested_thresholds(docs, models, cf["folds"], gates)
    report.update(_gate_calibration(docs, models, cf["folds"], gates))
    _, s_lab, _, m_lab, _ = held_out_scores(docs, cf, None, dev_only=True)
    dev = [(d, f) for d, f in zip(docs, cf["folds"], strict=True) if d.group != ALWAYS]
    probs = np.vstack([type_probabilities(models[f], d.analysis) for d, f in dev])
    mprobs = np.concatenate(
        [
            models[f].money_head.predict([a.features for a in d.analysis.amounts])[:, 0]
            for d, f in dev
        ]
    )
    report["ece_types"] = calibration(probs, s_lab)
    report["ece_money"] = calibration(mprobs, m_lab[:, 0])
    # Most (sentence, type) pairs are near 0 and make the plain ECE small; this one looks only
    # at the pairs the model gives at least 0.2, where decisions are made.
    sure = probs >= 0.2
    report["reliability_types"] = calibration(probs[sure], s_lab[sure])
    report["reliability_pairs"] = int((sure & (s_lab >= 0)).sum())
    return report


SWEEP = (0.0, 0.2, 0.3, 0.4, 0.5)
SWEEP_ARTICLE = (*SWEEP, 0.6, 0.7)  # the article head's decision is the one the look-alikes test
FLOOR_SWEEP = (0.0, 0.05, 0.1, 0.2, 0.3)
# gate thresholds the nested choice picks from (article head x type head), and what it maximises
# per article: required types found, minus wrong type-article pairs, minus one for a negative with
# rows (a wrong pair or a false article costs the reader as much as a missed type)
NESTED_ARTICLE = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)  # 0.0: no article veto
NESTED_TYPE = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5)


def _utility(result: dict[str, Any], label: dict[str, Any]) -> int:
    """Return one article's required types found minus its wrong pairs (and a negative's rows)."""
    found = len(label["types"]["required"]) - len(result["types_missing"])
    false_article = int(not label["is_ai_policy"] and bool(result["rows"]))
    return found - len(result["types_extra"]) - false_article


def choose_per_fold(
    by_pair: dict[tuple[float, float], dict[str, dict[str, Any]]],
    fold_of: dict[str, int],
    label_of: dict[str, dict[str, Any]],
) -> dict[int, tuple[float, float]]:
    """Return, per outer fold, the threshold pair with the highest summed _utility over the
    held-out results of the other folds' articles (ties: the pair nearest the shipped thresholds)."""
    chosen: dict[int, tuple[float, float]] = {}
    for f in sorted(set(fold_of.values())):
        score = {
            pair: sum(_utility(r, label_of[n]) for n, r in files.items() if fold_of[n] != f)
            for pair, files in by_pair.items()
        }
        shipped = (gate_model.ARTICLE_THRESHOLD, gate_model.TYPE_THRESHOLD)
        chosen[f] = max(
            score, key=lambda p: (score[p], -abs(p[0] - shipped[0]) - abs(p[1] - shipped[1]))
        )
    return chosen


def nested_thresholds(
    docs: list[Doc],
    models: dict[int, SignalModel],
    folds: list[int],
    gates: dict[int, ArticleGate],
) -> dict[str, Any]:
    """Return the pooled figures when each outer fold's gate thresholds are the pair that does best
    (_utility) on the other folds' held-out articles, and the choices: an honest estimate of
    choosing the thresholds on dev."""
    grid = [(a, t) for a in NESTED_ARTICLE for t in NESTED_TYPE]
    by_pair = {
        (a, t): evaluate(
            docs,
            models,
            folds,
            {
                f: dataclasses.replace(g, article_threshold=a, type_threshold=t)
                for f, g in gates.items()
            },
        )["per_file"]
        for a, t in grid
    }
    fold_of = {d.name: f for d, f in zip(docs, folds, strict=True)}
    label_of = {d.name: d.label for d in docs if d.label is not None}
    whole = {
        pair: sum(_utility(r, label_of[n]) for n, r in files.items())
        for pair, files in by_pair.items()
    }
    chosen = choose_per_fold(by_pair, fold_of, label_of)
    pooled = {n: by_pair[chosen[fold_of[n]]][n] for n in by_pair[grid[0]]}
    req = sum(len(label_of[n]["types"]["required"]) for n in pooled)
    miss = sum(len(r["types_missing"]) for r in pooled.values())
    return {
        "chosen": {f: f"{a:.2f}/{t:.2f}" for f, (a, t) in chosen.items()},
        "utility": {f"{a:.2f}/{t:.2f}": u for (a, t), u in whole.items()},
        "type_recall": (req - miss, req),
        "extra_pairs": sum(len(r["types_extra"]) for r in pooled.values()),
        "negatives_with_rows": sum(
            1 for n, r in pooled.items() if not label_of[n]["is_ai_policy"] and r["rows"]
        ),
        "policy_without_rows": sum(
            1 for n, r in pooled.items() if label_of[n]["is_ai_policy"] and not r["rows"]
        ),
    }


# the figures a change is judged on, and whether a higher value is the better one
MEASURES = {
    "types": True,
    "english_types": True,
    "money": True,
    "money_precision": True,
    "extra_pairs": False,
    "negatives_with_rows": False,
    "policy_without_rows": False,
}


def figures(report: dict[str, Any], labels: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Return a report's MEASURES (a `cv --json` file read back)."""
    # English types: the required types found on the English articles (per_file names
    # "en/NAME", labels keyed by NAME).
    mp = report["money_precision"]
    english = [(labels[n[3:]], r) for n, r in report["per_file"].items() if n.startswith("en/")]
    return {
        "types": report["type_recall"][0],
        "english_types": sum(
            len(lab["types"]["required"]) - len(r["types_missing"]) for lab, r in english
        ),
        "money": report["money_recall"][0],
        "money_precision": mp[0] / max(1, mp[1]),
        "extra_pairs": report["extra_pairs"],
        "negatives_with_rows": len(report["negatives_with_rows"]),
        "policy_without_rows": len(report["policy_without_rows"]),
    }


def _summary(report: dict[str, Any]) -> str:
    """Return the six figures of a report on one line."""
    mr, mp, tr = report["money_recall"], report["money_precision"], report["type_recall"]
    return (
        f"money {mr[0]}/{mr[1]} prec {mp[0]}/{mp[1]} types {tr[0]}/{tr[1]} "
        f"extra {report['extra_pairs']} neg {len(report['negatives_with_rows'])} "
        f"norows {len(report['policy_without_rows'])}"
    )


def _gate_calibration(
    docs: list[Doc], models: dict[int, SignalModel], folds: list[int], gates: dict[int, ArticleGate]
) -> dict[str, float]:
    """Return the expected calibration error of the gate's held-out article and type outputs."""
    pa, ya, pt, yt = [], [], [], []
    for f in range(FOLDS):
        held = [d for d, g in zip(docs, folds, strict=True) if g == f and d.group != ALWAYS]
        model_of = {d.name: models[f] for d in held}
        text = gates[f].text_head
        text_p = None if text is None else {d.name: text.predict(doc_text(d)) for d in held}
        xa, la, xt, lt = gate_rows(held, model_of, text_p)
        pa.append(gates[f].article_head.predict(xa))
        ya.append(la)
        pt.append(gates[f].type_head.predict(xt))
        yt.append(lt)
    return {
        "ece_gate_article": calibration(np.concatenate(pa), np.concatenate(ya).astype(float)),
        "ece_gate_type": calibration(np.concatenate(pt), np.concatenate(yt).astype(float)),
    }


def print_report(report: dict[str, Any]) -> None:
    """Print a report's summary."""
    for key in ("articles", "money_recall", "money_precision", "type_recall", "extra_pairs"):
        value = report[key]
        if isinstance(value, tuple):
            print(f"{key}: {value[0]}/{value[1]} = {value[0] / max(1, value[1]):.0%}")
        else:
            print(f"{key}: {value}")
    print(f"negatives with rows: {report['negatives_with_rows']}")
    print(f"AI-policy articles without rows: {report['policy_without_rows']}")
    print(f"without the article gate: {report['without_gate']}")
    for key, line in report["sweep"].items():
        print(f"gate thresholds article/type {key}: {line}")
    for key, line in report["floor_sweep"].items():
        print(f"floor of the likeliest type {key}: {line}")
    nested = report.get("nested_thresholds")
    if nested:
        print(
            f"nested gate thresholds (article, type; chosen per fold on the other folds): "
            f"{nested['chosen']}; types {nested['type_recall'][0]}/{nested['type_recall'][1]} "
            f"extra {nested['extra_pairs']} neg {nested['negatives_with_rows']} "
            f"norows {nested['policy_without_rows']}"
        )
        best = sorted(nested["utility"].items(), key=lambda kv: -kv[1])[:8]
        print(
            "types found - wrong pairs - negatives with rows, best pairs: "
            + ", ".join(f"{pair}: {u}" for pair, u in best)
        )
    for key in ("ece_types", "ece_money", "reliability_types", "ece_gate_article", "ece_gate_type"):
        if key in report:
            print(f"{key}: {report[key]:.3f}")
