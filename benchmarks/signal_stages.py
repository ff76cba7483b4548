"""Count, on a labelled set, which decision stage refuses each missed required type and which
stages a negative's (or an extra pair's) rows pass.

Usage:
  .venv/bin/python benchmarks/signal_stages.py --data INGEST --corpus DIR [--split dev|all] [-v]

INGEST is a `radar ingest` of the set (benchmarks/realnews.py --data writes one); DIR a folder laid
out like ../shared/corpus/realnews (its labels.json files). Each article is run through the shipped
detector's stages (topic gate, sentence type head and its thresholds, committed amounts and the
unpriced fallback, the article gate) and every missed required type is charged to the first stage
that refused it; every type with a row on a negative, or extra on a policy page, is listed with the
numbers each stage saw. Dev sets only: it prints per-file results.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from realnews import CORPUS, labels_of  # noqa: E402  # sibling script
from signal_data import dev_articles, labelled_articles  # noqa: E402  # sibling script

from extractors.rows import Article  # noqa: E402
from extractors.signals.article_gate import article_probability, kept_types  # noqa: E402
from extractors.signals.classify import SignalModel, load_model  # noqa: E402
from extractors.signals.detect import _detect, propose  # noqa: E402
from extractors.signals.gate_file import load_gate  # noqa: E402
from extractors.signals.rules import SPENDING_TYPES, accept_plain_type  # noqa: E402

_STRONG = 0.8


def _rule_on_best(proposal: Any, t: int, model: SignalModel) -> bool:
    """Return whether the rules accept the type on its best sentence (the classifier's rule feature)."""
    analysis = proposal.analysis
    k = int(proposal.type_probs[:, t].argmax())
    lo, hi = analysis.prep.spans[analysis.sentences[k]]
    sentence = analysis.prep.mt.text[lo:hi]
    cues = [c for c in analysis.prep.cues if lo <= c.start < hi and c.signal_type == model.types[t]]
    return accept_plain_type(model.types[t], sentence, cues, analysis.sentence_actors[k])


def miss_stage(article: Article, signal_type: str, region: str | None) -> tuple[str, str]:
    """Return (stage, detail) of the first stage that refuses a required type."""
    model, gate = load_model(), load_gate()
    proposal = propose(article, model, region)
    if proposal is None:
        return "topic gate (no AI context)", ""
    t = model.types.index(signal_type)
    column = proposal.type_probs[:, t]
    pmax = float(column.max()) if len(column) else 0.0
    thr = float(model.type_threshold[t])
    cands = [c for c, _ in proposal.candidates if c.signal_type == signal_type]
    detail = f"p={pmax:.2f}"
    if not cands:
        if signal_type in SPENDING_TYPES:
            committed = [c for c, _ in proposal.candidates if c.amount is not None]
            if pmax >= _STRONG:
                return "unpriced: no actor", detail
            if pmax >= thr:
                return "spending type needs an amount (head passes, < 0.8)", detail
            if committed:
                return "amount committed but typed otherwise", detail
            return "head below threshold", detail
        if pmax >= thr:
            return "post-head structure", detail
        rule = _rule_on_best(proposal, t, model) if len(column) else False
        near = "near (>=0.3)" if pmax >= 0.3 else "far (<0.3)"
        return f"head below threshold, {near}, rule feature {'on' if rule else 'off'}", detail
    evidence = proposal.evidence(article, model)
    p_article = article_probability(gate, evidence)
    if p_article < gate.article_threshold:
        return "gate: article", f"{detail} art={p_article:.2f}"
    if signal_type not in kept_types(gate, evidence):
        return "gate: type", f"{detail} art={p_article:.2f}"
    return "rows (dedupe / other)", detail


def pass_detail(article: Article, signal_type: str, region: str | None) -> str:
    """Return what each stage saw of a type that has a row (a negative's or an extra pair)."""
    model, gate = load_model(), load_gate()
    proposal = propose(article, model, region)
    if proposal is None:
        return "no proposal"
    t = model.types.index(signal_type)
    pmax = float(proposal.type_probs[:, t].max())
    evidence = proposal.evidence(article, model)
    p_article = article_probability(gate, evidence)
    text_p = gate.text_head.predict(evidence.text) if gate.text_head is not None else -1.0
    rule = _rule_on_best(proposal, t, model)
    money = any(
        c.amount is not None for c, _ in proposal.candidates if c.signal_type == signal_type
    )
    return (
        f"p={pmax:.2f} rule={'on' if rule else 'off'} money={money} "
        f"gate_article={p_article:.2f} text_view={text_p:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=("dev", "all"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    labels = labels_of(args.split, args.corpus)
    articles = dev_articles(args.data)
    model, gate = load_model(), load_gate()
    misses: Counter[str] = Counter()
    passes: list[str] = []
    for name, label, article, region in labelled_articles(labels, articles):
        got = {r.signal_type for r in _detect(article, model, region, gate)}
        types = label["types"]
        if label["is_ai_policy"]:
            for signal_type in sorted(set(types["required"]) - got):
                stage, detail = miss_stage(article, signal_type, region)
                misses[stage] += 1
                if args.verbose:
                    print(f"MISS {name} {signal_type}: {stage} {detail}")
            extra = sorted(got - set(types["required"]) - set(types["acceptable"]))
        else:
            extra = sorted(got)
        for signal_type in extra:
            kind = "policy" if label["is_ai_policy"] else "NEG"
            line = f"{kind} {name} {signal_type}: {pass_detail(article, signal_type, region)}"
            passes.append(line)
    print("missed required types by refusing stage:")
    for stage, n in misses.most_common():
        print(f"  {n:3d}  {stage}")
    print("rows on negatives (NEG) and extra pairs on policy pages:")
    for line in passes:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
