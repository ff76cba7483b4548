"""Print the out-of-fold errors of the nested leave-outlets-out CV on the realnews dev split.

Usage:
  .venv/bin/python benchmarks/signal_errors.py [--data DIR] [FILE ...]

Runs the same nested CV as `signal_model.py cv` (each dev article scored by a sentence model and
an article gate that never saw its outlet) and prints, for every dev article with an error (or for
the files named), the scorer's verdict, the gate's article and type probabilities, each amount's
P(commitment) with its label and sentence, and the best sentences of the article's required,
missing and extra types. Dev only: the test split is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import signal_cv as sc  # noqa: E402  # sibling script
import signal_model as sm  # noqa: E402  # sibling script
from signal_data import ALWAYS, Doc, all_docs  # noqa: E402  # sibling script

from extractors.signals.article_gate import ArticleGate, article_probability  # noqa: E402
from extractors.signals.classify import SignalModel  # noqa: E402
from extractors.signals.detect import propose  # noqa: E402
from extractors.signals.places import region_of  # noqa: E402


def has_error(result: dict[str, object], label: dict[str, object]) -> bool:
    """Return whether the scorer found any error in one article."""
    keys = ("money_fp", "types_missing", "types_extra", "money_missed")
    return any(result[k] for k in keys) or bool(label["is_ai_policy"]) != bool(result["rows"])


def show(doc: Doc, result: dict[str, object], model: SignalModel, gate: ArticleGate) -> None:
    """Print one article's errors with the probabilities behind them."""
    if doc.article is None or doc.label is None:
        return
    label = doc.label
    types = label["types"]
    print("=" * 100)
    print(
        doc.name,
        "AI policy" if label["is_ai_policy"] else "negative",
        "required",
        types["required"],
    )
    print("  title:", doc.article.title)
    for key in ("types_missing", "types_extra", "money_missed", "money_fp"):
        print(f"  {key}: {result[key]}")
    region = region_of(label.get("outlet_timezone"), doc.article.url, doc.article.language)
    proposal = propose(doc.article, model, region)
    if proposal is None:
        print("  no proposal (off-topic for the topic gate, or empty)")
        return
    analysis = proposal.analysis
    text, spans = analysis.prep.mt.text, analysis.prep.spans
    if proposal.candidates:
        evidence = proposal.evidence(doc.article, model)
        p_type = gate.type_head.predict(evidence.per_type)
        verdicts = {t: round(float(q), 2) for t, q in zip(evidence.types, p_type, strict=True)}
        print(f"  gate: article {article_probability(gate, evidence):.2f}, types {verdicts}")
    for n, (item, p) in enumerate(zip(analysis.amounts, proposal.money_probs, strict=True)):
        sentence = text[slice(*spans[analysis.sentences[item.sentence]])][:160]
        print(
            f"  amount {item.amount.value:.3g} {item.amount.currency} P={p:.2f} "
            f"label={doc.money_labels[n]} | {sentence}"
        )
    wanted = {*types["required"], *result["types_missing"], *result["types_extra"]}  # type: ignore[misc]  # scorer lists
    for signal_type in sorted(wanted):
        column = proposal.type_probs[:, model.types.index(signal_type)]
        for k in np.argsort(-column)[:3]:
            if column[k] >= 0.15:
                sentence = text[slice(*spans[analysis.sentences[k]])][:160]
                print(f"  {signal_type} p={column[k]:.2f} | {sentence}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a `radar ingest` of the dev split to reuse")
    parser.add_argument("files", nargs="*", help="dev files to show (default: those with errors)")
    args = parser.parse_args()
    docs = all_docs(args.data)
    cf = sm.cross_fit(docs)
    models = sm.fold_models(docs, cf)
    gates = sc.nested_gates(docs, cf["folds"])
    report = sc.evaluate(docs, models, cf["folds"], gates)
    print(sc._summary(report))
    for doc, fold in zip(docs, cf["folds"], strict=True):
        if doc.group == ALWAYS or doc.label is None:
            continue
        result = report["per_file"][doc.name]
        named = doc.name in args.files or Path(doc.name).name in args.files
        if named or (not args.files and has_error(result, doc.label)):
            show(doc, result, models[fold], gates[fold])
    return 0


if __name__ == "__main__":
    sys.exit(main())
