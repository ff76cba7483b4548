"""List the realnews dev sentences to hand-label by reference (dev_sentences.jsonl), per article.

Usage:
  .venv/bin/python benchmarks/signal_candidates.py --data INGEST [--file NAME ...] [--all]

A candidate is a scored sentence that the shipped type head gives >= 0.3 for some type, or that
carries a cue or an amount. Each is printed with its file, the sha1 key that dev_sentences.jsonl
uses, its weak label (+ positive, ? unknown), its hand label if any, its head probabilities >= 0.3,
its cue types, and its text, for the labeller to read on the terminal (never to copy: labels only
go into the repository). Dev pages only (--data is a `radar ingest` of the realnews dev split).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from signal_data import HAND_LABELS, Doc, _read_jsonl, dev_docs  # noqa: E402  # sibling script

from extractors.signals.classify import load_model  # noqa: E402
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
    parser.add_argument("--data", type=Path, required=True, help="`radar ingest` of realnews dev")
    parser.add_argument("--file", nargs="*", default=[], help="only these file names")
    parser.add_argument("--all", action="store_true", help="every scored sentence")
    parser.add_argument("--policy", action="store_true", help="AI-policy articles only")
    args = parser.parse_args()
    model = load_model()
    hand = {(h["file"], h["sha1"]) for h in _read_jsonl(HAND_LABELS)}
    print("types:", " ".join(f"{v}={k}" for k, v in SHORT.items()))
    total = 0
    for doc in dev_docs(args.data):
        if args.file and not any(doc.name.endswith(f) for f in args.file):
            continue
        if args.policy and not (doc.label or {}).get("is_ai_policy"):
            continue  # a negative's sentences are labelled by the corpus rule: no type
        probs = model.type_head.predict(doc.analysis.features).tolist()
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
