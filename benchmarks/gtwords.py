"""Score the project vs bare trafilatura by word-level P/R/F1 against a set's written main text (gt/)."""

# Usage: .venv/bin/python benchmarks/gtwords.py --root DIR --splits FILE [--split dev|test|all] [--per-page]
# DIR holds SOURCES.tsv (file, repo, commit, path, sha256, outlet, kind, lang) and gt/<page stem>.txt,
# each page's main text written from its markup before any extractor ran (dx13, tw14: their label.py).
# Words are \w+ runs, lower-cased; a page's P and R are bag-of-words overlaps; totals are the means
# over pages (F1 from the mean P and R), per split and per page kind. --per-page is for dev only.

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _ours, parse_split_args
from types10 import split_of

_WORD = re.compile(r"\w+")


def bag(text: str) -> Counter[str]:
    """Return the lower-cased word multiset of a text."""
    return Counter(w.lower() for w in _WORD.findall(text))


def overlap(got: str, truth: Counter[str]) -> tuple[float, float]:
    """Return (precision, recall) of a text's words against the truth's."""
    words = bag(got)
    tp = sum((words & truth).values())
    return tp / max(1, sum(words.values())), tp / max(1, sum(truth.values()))


def main() -> int:
    """Print mean word P/R/F1 of both extractors over a split's pages with a written main text."""
    ap = argparse.ArgumentParser(description="Word-level scores against gt/ main texts.")
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--splits", type=Path, required=True)
    args = parse_split_args(ap)
    assigned = split_of(args.splits)
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(args.root / "SOURCES.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        if args.split not in {"all", assigned[row["outlet"]]}:
            continue
        gt = args.root / "gt" / (Path(row["file"]).stem + ".txt")
        if not gt.exists():
            continue
        body = (args.root / row["file"]).read_bytes()
        if hashlib.sha256(body).hexdigest() != row["sha256"]:
            sys.exit(f"{row['file']}: sha256 differs from SOURCES.tsv")
        truth = bag(gt.read_text(encoding="utf-8"))
        sample = Sample(row["file"], body, None, "", None, False)
        for who, text in (("bare", _bare(sample)), ("ours", _ours(sample)[0])):
            p, r = overlap(text, truth)
            for group in ("all", row["kind"]):
                found[(group, who)].append((p, r))
            if args.per_page:
                print(f"  {who} {row['kind']} {row['file']} P {p:.3f} R {r:.3f}")
    for (group, who), scores in sorted(found.items()):
        mp = sum(p for p, _ in scores) / len(scores)
        mr = sum(r for _, r in scores) / len(scores)
        f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        print(
            f"{args.split} {group:6s} {who}: {len(scores)} pages word P {mp:.3f} R {mr:.3f} F1 {f1:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
