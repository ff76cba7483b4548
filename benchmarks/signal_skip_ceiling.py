"""How many scored sentences an exact skip could leave out, if it knew their probabilities.

Usage: .venv/bin/python benchmarks/signal_skip_ceiling.py [--pages policy|seeds-cwce|ingest]

A sentence's features and scores can be skipped without changing any row only if nothing reads
its probabilities: no type reaches its threshold or 0.8 there (candidates, the gate's confident
and strong counts, first confident position, _unpriced), it holds no amount (the money type reads
its sentence's probabilities), none of its probabilities reaches the article's highest
non-statement or statement probability (max_type, max_statement, the top of each column), its
highest does not reach the third-highest per-sentence maximum (top3_mean), and for each candidate
type it stays below that column's second-highest value (max_p, top2_mean). This script applies
those conditions with the real probabilities (an oracle: a real skip must bound them without the
features it would skip) and prints the share of scored sentences they leave out, the ceiling of
any such skip.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from signals import list_ingest_pages, list_pages, list_policy_pages  # noqa: E402

from extractors.article import extract_article  # noqa: E402
from extractors.exceptions import ExtractionError  # noqa: E402
from extractors.signals.classify import SignalModel, load_model  # noqa: E402
from extractors.signals.detect import Proposal, propose  # noqa: E402

_STRONG = 0.8


def skippable(proposal: Proposal, model: SignalModel) -> int:
    """Return how many of an article's scored sentences nothing downstream reads."""
    probs = proposal.type_probs
    n = len(probs)
    if n < 4:
        return 0  # top3_mean reads every sentence of a short article
    with_amount = np.zeros(n, dtype=bool)
    for item in proposal.analysis.amounts:
        with_amount[item.sentence] = True
    statement = model.types.index("policy_statement")
    others = np.arange(len(model.types)) != statement
    top = np.where(others, probs[:, others].max(), probs[:, statement].max())
    second = np.sort(probs, axis=0)[-2]
    kinds = {c.signal_type for c, _ in proposal.candidates}
    candidate = np.array([t in kinds for t in model.types])
    limit = np.minimum(np.minimum(model.type_threshold, _STRONG), top)
    limit = np.where(candidate, np.minimum(limit, second), limit)
    third = np.sort(probs.max(axis=1))[-3]
    free = (probs < limit).all(axis=1) & (probs.max(axis=1) < third) & ~with_amount
    return int(free.sum())


def main() -> None:
    """Print the share of scored sentences an exact skip could leave out at best."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", choices=("seeds-cwce", "policy", "ingest"), default="policy")
    args = parser.parse_args()
    listing = {"seeds-cwce": list_pages, "policy": list_policy_pages, "ingest": list_ingest_pages}
    model = load_model()
    scored = free = articles = 0
    for page in listing[args.pages]():
        try:
            proposal = propose(extract_article(page), model)
        except ExtractionError:
            continue
        if proposal is None:
            continue
        articles += 1
        scored += len(proposal.type_probs)
        free += skippable(proposal, model)
    share = free / max(scored, 1)
    print(f"{articles} articles past the topic gate, {scored} scored sentences")
    print(f"an exact skip could leave out at most {free} ({share:.0%}) of them")


if __name__ == "__main__":
    main()
