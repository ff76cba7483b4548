"""Build the measure-object head (extractors/signals/data/object_model.npz) and report its CV.

Usage:
  .venv/bin/python benchmarks/object_model.py build [--out FILE]
  .venv/bin/python benchmarks/object_model.py cv

Training rows are the project's own written sentences only (no corpus page, so the head is the
same in every fold of signal_model.py's nested CV on realnews dev):
  - benchmarks/signal_training/objects_tm21.jsonl: sentences labelled ai_object true/false;
  - benchmarks/signal_training/examples*.jsonl: every sentence that names AI, a chip, a model, a
    data centre or an AI-by-nature actor (the detector's own AI lexicon) as an AI object (weak
    label); the others are left out (most say nothing of what a measure is aimed at);
  - the five seeds' sentences labelled with a signal type (AI measures, whatever their words);
  - the scored sentences of the background bodies (../shared/corpus aeb and cwce ground truth:
    general news and web pages) that name no AI, as another object (weak label).
Features are a sentence's text n-grams (extractors/signals/object_head.text_rows). Platt
calibration is fitted on five-fold out-of-fold scores; `cv` prints those folds' accuracy,
log-loss and calibration error.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from signal_data import EXAMPLE_FILES, background_docs, seed_docs  # noqa: E402  # sibling script
from signal_model import _fit_platt, _matrix  # noqa: E402  # sibling script

from extractors.signals.classify import LinearHead, analyse  # noqa: E402
from extractors.signals.detect import mentions_ai  # noqa: E402
from extractors.signals.gram_hash import IntArray  # noqa: E402
from extractors.signals.object_head import OBJECT_PATH, save_object_head, text_rows  # noqa: E402

OBJECTS = ROOT / "benchmarks" / "signal_training" / "objects_tm21.jsonl"
C_OBJECT = 2.0
MIN_ROWS = 2  # a feature seen in one training sentence only is noise
FOLDS = 5
OWN_WEIGHT = 3.0  # a sentence written and labelled for this head
BACKGROUND_WEIGHT = 0.2  # a weakly labelled background sentence (most are not measures)


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    """Return the JSON objects of a .jsonl file (// comment lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(s) for s in lines if s.strip() and not s.startswith("//")]


def training_texts() -> list[tuple[str, int]]:
    """Return (text, 1 = AI object / 0 = another object) for every training sentence."""
    out = [(str(ex["text"]), int(bool(ex["ai_object"]))) for ex in _read_jsonl(OBJECTS)]
    for path in EXAMPLE_FILES:
        out += [(str(ex["text"]), 1) for ex in _read_jsonl(path) if mentions_ai(str(ex["text"]))]
    return out


def rows_of(
    texts: list[tuple[str, int]],
) -> tuple[list[IntArray], np.ndarray, np.ndarray, np.ndarray]:
    """Return feature rows, labels, sample weights and group ids: the written texts (one group
    each; the objects batch weighs OWN_WEIGHT), the seeds' sentences labelled with a type (AI
    measures, whatever their words), and the background bodies' scored sentences that name no AI
    (another object, BACKGROUND_WEIGHT: general news, not measures)."""
    rows: list[IntArray] = []
    labels: list[int] = []
    weights: list[float] = []
    groups: list[int] = []

    def add(r: IntArray, y: int, w: float, g: int) -> None:
        if len(r):
            rows.append(r)
            labels.append(y)
            weights.append(w)
            groups.append(g)

    own = len(_read_jsonl(OBJECTS))
    for g, (text, y) in enumerate(texts):
        for r in text_rows(analyse(text).features):
            add(r, y, OWN_WEIGHT if g < own else 1.0, g)
    g = len(texts)
    for doc in seed_docs():
        for r, labs in zip(text_rows(doc.analysis.features), doc.type_labels, strict=True):
            if max(labs) == 1:
                add(r, 1, 1.0, g)
        g += 1
    for doc in background_docs():
        for k, r in enumerate(text_rows(doc.analysis.features)):
            if not doc.analysis.ai_terms[k]:
                add(r, 0, BACKGROUND_WEIGHT, g)
        g += 1
    return rows, np.array(labels), np.array(weights), np.array(groups)


def fit(rows: list[IntArray], y: np.ndarray, w: np.ndarray) -> LinearHead:
    """Fit the balanced logistic regression (Platt = identity)."""
    every = np.concatenate(rows)
    cols, counts = np.unique(every, return_counts=True)
    cols = cols[counts >= MIN_ROWS]
    x = _matrix([r.tolist() for r in rows], cols)
    lr = LogisticRegression(
        C=C_OBJECT, solver="liblinear", max_iter=1000, tol=1e-5, class_weight="balanced"
    )
    lr.fit(x, y, sample_weight=w)
    w = lr.coef_[0]
    keep = np.abs(w) > 1e-4
    weights = w[keep].reshape(-1, 1).astype(np.float16).astype(np.float32)
    return LinearHead(cols[keep], weights, np.array([lr.intercept_[0]]), np.array([[1.0, 0.0]]))


def out_of_fold(
    rows: list[IntArray], y: np.ndarray, w: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Return out-of-fold raw scores (folds by written text, stable hash)."""
    fold = np.array([zlib.crc32(str(g).encode()) % FOLDS for g in groups])
    scores = np.zeros(len(rows))
    for f in range(FOLDS):
        train = fold != f
        head = fit([r for r, t in zip(rows, train, strict=True) if t], y[train], w[train])
        test = [r for r, t in zip(rows, train, strict=True) if not t]
        scores[~train] = head.scores(test)[:, 0]
    return scores


def build(out: Path) -> LinearHead:
    """Fit on every training sentence, calibrate on out-of-fold scores and write the head."""
    rows, y, w, groups = rows_of(training_texts())
    a, b = _fit_platt(out_of_fold(rows, y, w, groups), y)
    head = fit(rows, y, w)
    head = LinearHead(head.buckets, head.weights, head.bias, np.array([[a, b]]))
    save_object_head(head, out)
    return head


def report() -> None:
    """Print the out-of-fold accuracy, log-loss and expected calibration error."""
    rows, y, w, groups = rows_of(training_texts())
    z = out_of_fold(rows, y, w, groups)
    a, b = _fit_platt(z, y)
    p = 1.0 / (1.0 + np.exp(-(a * z + b)))
    eps = 1e-9
    loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    bins = np.minimum((p * 10).astype(int), 9)
    ece = sum(
        abs(p[bins == k].mean() - y[bins == k].mean()) * (bins == k).mean()
        for k in range(10)
        if (bins == k).any()
    )
    print(f"rows {len(y)} (AI object {int(y.sum())}, other {int((1 - y).sum())})")
    for floor in (0.1, 0.2, 0.3):
        low = p < floor
        print(
            f"  p < {floor}: other {int((low & (y == 0)).sum())}/{int((y == 0).sum())}, "
            f"AI object {int((low & (y == 1)).sum())}/{int(y.sum())}"
        )
    print(f"  out-of-fold log-loss {loss:.3f}, ECE {ece:.3f}")


def main() -> int:
    """Build or report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["build", "cv"])
    ap.add_argument("--out", type=Path, default=OBJECT_PATH)
    args = ap.parse_args()
    if args.command == "build":
        head = build(args.out)
        print(f"wrote {args.out} ({len(head.buckets)} features)")
    else:
        report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
