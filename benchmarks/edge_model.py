"""Build the edge-chrome classifier (extractors/data/edge_chrome.npz) and cross-validate it.

Usage:
  .venv/bin/python benchmarks/edge_model.py build [--out FILE]
  .venv/bin/python benchmarks/edge_model.py cv

Training rows, all written for this project (no third-party text):
  - benchmarks/edge_training/*.tsv: label (chrome / body), side (head / tail), paragraph; the
    Chinese rows are written in Simplified characters and each is added a second time converted
    to Traditional (OpenCC s2twp), so zh-Hant pages are covered by the same wording;
  - benchmarks/signal_training/articles.jsonl: the first two lines of each short article (head)
    and its last three lines (tail) are article text at an edge, so body.
`cv` holds out groups (a written row with its Traditional copy; an article) five folds at a
time and prints precision and recall of the chrome class and the body rows wrongly taken at each
threshold, plus the calibration of the held-out probabilities. `build` fits on everything, fits
Platt scaling on the out-of-fold scores and writes the model with THRESHOLD (chosen by `cv`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import opencc
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from extractors.edgechrome import (  # noqa: E402
    BUCKETS,
    DATA_PATH,
    EdgeModel,
    features,
    save_model,
)
from extractors.language import convert_to_simplified  # noqa: E402

TRAINING = ROOT / "benchmarks" / "edge_training"
ARTICLES = ROOT / "benchmarks" / "signal_training" / "articles.jsonl"
EXAMPLES = ROOT / "benchmarks" / "signal_training" / "examples.jsonl"
DOC_CHARS = 400
_MARKUP = re.compile(r"^#+\s*|[*`_]+|\[|\]\([^)]*\)|^[-*]\s+")
C = 8
FOLDS = 5
# Chosen with `cv`: the lowest threshold at which no held-out body row is taken for chrome.
THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled paragraph."""

    text: str
    side: str
    chrome: bool
    group: str


def written_rows() -> list[Row]:
    """Return the written edge paragraphs, each Chinese one also in Traditional characters."""
    to_hant = opencc.OpenCC("s2twp")
    rows = []
    for path in sorted(TRAINING.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip() or line.startswith("#"):
                continue
            label, side, text = line.split("\t")
            group = f"{path.stem}:{n}"
            rows.append(Row(text, side, label == "chrome", group))
            hant = str(to_hant.convert(text))
            if hant != text:
                rows.append(Row(hant, side, label == "chrome", group))
    return rows


def article_rows() -> list[Row]:
    """Return the edge lines of the written short articles: article text, so body."""
    rows = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        if not line.startswith("{"):
            continue
        doc = json.loads(line)
        lines = [x for x in doc["text"].split("\n") if x.strip()]
        rows += [Row(x, "head", False, doc["id"]) for x in lines[:2]]
        rows += [Row(x, "tail", False, doc["id"]) for x in lines[2:][-3:]]
    return rows


def example_rows() -> list[Row]:
    """Return the written example sentences of the signal model: article text, so body."""
    rows = []
    for n, line in enumerate(EXAMPLES.read_text(encoding="utf-8").splitlines()):
        if line.startswith("{"):
            text = json.loads(line)["text"]
            rows.append(Row(text, "head" if n % 3 == 0 else "tail", False, f"example:{n}"))
    return rows


def docs_rows() -> list[Row]:
    """Return paragraphs and headings of the project's own documentation: prose, so body."""
    rows = []
    for path in sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md"]):
        fenced = False
        for n, block in enumerate(path.read_text(encoding="utf-8").split("\n\n")):
            fenced ^= block.count("```") % 2 == 1
            if fenced or "```" in block or block.lstrip().startswith(("|", "<", "    ")):
                continue
            text = _MARKUP.sub("", " ".join(block.split())).strip()
            if 3 <= len(text) <= DOC_CHARS:
                side = "head" if n % 2 else "tail"
                rows.append(Row(text, side, False, f"{path.name}:{n // 20}"))
    return rows


def all_rows() -> list[Row]:
    """Return every training row."""
    return written_rows() + article_rows() + example_rows() + docs_rows()


def matrix(rows: list[Row]) -> sparse.csr_matrix:
    """Return the feature matrix of the rows."""
    indptr, indices, values = [0], [], []
    for row in rows:
        idx, val = features(row.text, convert_to_simplified(row.text), row.side)
        order = np.argsort(idx, kind="stable")
        indices.append(idx[order])
        values.append(val[order])
        indptr.append(indptr[-1] + len(idx))
    data = sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(rows), BUCKETS),
    )
    data.sum_duplicates()
    return data


def _fit(x: sparse.csr_matrix, y: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(C=C, solver="liblinear", random_state=0)
    model.fit(x, y)
    return model


def out_of_fold(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    """Return held-out scores and labels (groups held out together)."""
    x, y = matrix(rows), np.array([r.chrome for r in rows], dtype=int)
    groups = np.array([r.group for r in rows])
    scores = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        scores[test] = _fit(x[train], y[train]).decision_function(x[test])
    return scores, y


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Return Platt's a and b fitted on held-out scores."""
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(scores.reshape(-1, 1), y)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def cv() -> None:
    """Print held-out precision and recall by threshold and the calibration table."""
    rows = all_rows()
    scores, y = out_of_fold(rows)
    a, b = platt(scores, y)
    prob = 1.0 / (1.0 + np.exp(-(a * scores + b)))
    print(f"rows {len(rows)}: chrome {int(y.sum())}, body {int(len(y) - y.sum())}")
    for t in (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98):
        hit = prob >= t
        tp = int((hit & (y == 1)).sum())
        fp = int((hit & (y == 0)).sum())
        print(f"threshold {t:.2f}: chrome recall {tp}/{int(y.sum())}, body taken {fp}")
    for lo in np.arange(0.0, 1.0, 0.2):
        band = (prob >= lo) & (prob < lo + 0.2)
        if band.any():
            print(
                f"p in [{lo:.1f}, {lo + 0.2:.1f}): {int(band.sum())} rows, chrome share {y[band].mean():.2f}"
            )
    for row, p in sorted(zip(rows, prob, strict=True), key=lambda rp: -rp[1]):
        if not row.chrome and p >= 0.5:
            print(f"  body at {p:.2f}: {row.text[:100]}")


def build(out: Path) -> None:
    """Fit on every row and write the model."""
    rows = all_rows()
    scores, y = out_of_fold(rows)
    a, b = platt(scores, y)
    fit = _fit(matrix(rows), y)
    model = EdgeModel(fit.coef_[0].astype(np.float64), float(fit.intercept_[0]), a, b, THRESHOLD)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, out)
    print(f"wrote {out} ({out.stat().st_size} bytes; {len(rows)} rows; platt a={a:.3f} b={b:.3f})")


def main() -> int:
    """Run build or cv."""
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["build", "cv"])
    parser.add_argument("--out", type=Path, default=DATA_PATH)
    args = parser.parse_args()
    if args.command == "build":
        build(args.out)
    else:
        cv()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
