"""List the dev sentences to hand-label by reference (dev_sentences.jsonl), per article.

Usage:
  .venv/bin/python benchmarks/signal_candidates.py --data INGEST [--file NAME ...] [--all]
  .venv/bin/python benchmarks/signal_candidates.py --part NAME [--gate-work DIR] [...]

A candidate is a scored sentence that the shipped type head gives >= 0.3 for some type, or that
carries a cue or an amount. Each is printed with its file, the sha1 key that dev_sentences.jsonl
uses, its weak label (+ positive, ? unknown), its hand label if any, its head probabilities >= 0.3,
its cue types, and its text, for the labeller to read on the terminal (never to copy: labels only
go into the repository). Dev pages only (--data is a `radar ingest` of the realnews dev split;
--part a frozen dev part, rebuilt and ingested under --gate-work as gate_parts.py does, its hand
labels in part_sentences.jsonl).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from signal_data import (  # noqa: E402  # sibling script
    HAND_LABELS,
    PART_LABELS,
    Doc,
    dev_docs,
    read_jsonl,
)

from extractors.signals.classify import load_model  # noqa: E402
from extractors.signals.encoder_head import type_probabilities  # noqa: E402
from extractors.signals.records import SIGNAL_TYPES  # noqa: E402

FLOOR = 0.3
SHORT = {t: "".join(w[0] for w in t.split("_")) for t in SIGNAL_TYPES}


def sentence_key(doc: Doc, k: int) -> str:
    """Return the hand-label key of a scored sentence: sha1 (12 hex) of its match text."""
    lo, hi = doc.analysis.prep.spans[doc.analysis.sentences[k]]
    return hashlib.sha1(doc.analysis.prep.mt.text[lo:hi].encode()).hexdigest()[:12]


def candidates(doc: Doc, probs: list[list[float]], every: bool) -> list[tuple[int, str]]:
    """Return (sentence index, printed line) of a document's candidate sentences."""
    analysis = doc.analysis
    spans = analysis.prep.spans
    amount_at = {a.sentence for a in analysis.amounts}
    out = []
    for k, index in enumerate(analysis.sentences):
        lo, hi = spans[index]
        cues = sorted({c.signal_type for c in analysis.prep.cues if lo <= c.start < hi})
        high = {t: p for t, p in zip(SIGNAL_TYPES, probs[k], strict=True) if p >= FLOOR}
        if not (every or high or cues or k in amount_at):
            continue
        weak = doc.type_labels[k]
        plus = [SHORT[t] for t, y in zip(SIGNAL_TYPES, weak, strict=True) if y == 1]
        unk = [SHORT[t] for t, y in zip(SIGNAL_TYPES, weak, strict=True) if y == -1]
        shown = " ".join(
            f"{SHORT[t]}={p:.2f}" for t, p in sorted(high.items(), key=lambda x: -x[1])
        )
        text = " ".join(analysis.prep.mt.text[lo:hi].split())
        line = (
            f"  [{k}] {sentence_key(doc, k)} weak+{plus} ?{unk} head:{shown or '-'} "
            f"cues:{[SHORT[c] for c in cues]}{' $' if k in amount_at else ''}\n      {text[:300]}"
        )
        out.append((k, line))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="`radar ingest` of realnews dev")
    parser.add_argument("--part", help="a frozen dev part instead of realnews dev")
    parser.add_argument("--gate-work", type=Path, help="where the part is rebuilt and ingested")
    parser.add_argument("--file", nargs="*", default=[], help="only these file names")
    parser.add_argument("--all", action="store_true", help="every scored sentence")
    parser.add_argument("--policy", action="store_true", help="AI-policy articles only")
    args = parser.parse_args()
    if (args.data is None) == (args.part is None):
        parser.error("give one of --data (realnews dev) and --part (a frozen dev part)")
    model = load_model()
    if args.part:
        from gate_parts import labelled_part_docs  # sibling script

        docs = labelled_part_docs(args.part, args.gate_work)
        hand_file = PART_LABELS
    else:
        docs, hand_file = dev_docs(args.data), HAND_LABELS
    hand = {(h["file"], h["sha1"]) for h in read_jsonl(hand_file)}
    print("types:", " ".join(f"{v}={k}" for k, v in SHORT.items()))
    total = 0
    for doc in docs:
        if args.file and not any(doc.name.endswith(f) for f in args.file):
            continue
        if args.policy and not (doc.label or {}).get("is_ai_policy"):
            continue  # a negative's sentences are labelled by the corpus rule: no type
        probs = type_probabilities(model, doc.analysis).tolist()
        rows = candidates(doc, probs, args.all)
        label = doc.label or {}
        types = label.get("types", {})
        print(
            f"\n## {doc.name} policy={label.get('is_ai_policy')} req={types.get('required')} "
            f"acc={types.get('acceptable')} title={(doc.article.title if doc.article else '')!r}"
        )
        for k, line in rows:
            mark = " (hand)" if (doc.name, sentence_key(doc, k)) in hand else ""
            print(line.replace("\n", mark + "\n", 1))
        total += len(rows)
    print(f"\n{total} candidate sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
