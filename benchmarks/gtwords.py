"""Score the project vs bare trafilatura by word-level P/R/F1 against a set's written main text (gt/)."""

# Usage: .venv/bin/python benchmarks/gtwords.py --root DIR --splits FILE [--split dev|test|all] [--per-page]
# DIR holds SOURCES.tsv (file, repo, commit, path, sha256, outlet, kind, lang) and gt/<page stem>.txt,
# each page's main text written from its markup before any extractor ran (dx13, tw14: their label.py).
# Tokens and per-page P and R are collected.py's (bag-of-words overlap; CJK characters one token
# each; an empty output has precision 0 here); totals are the means over pages (F1 from the mean P
# and R), per split and per page kind. --per-page is for dev only.

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _f1, _mean, _ours, parse_split_args, score
from types10 import split_of


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
        truth = gt.read_text(encoding="utf-8")
        sample = Sample(row["file"], body, None, "", None, False)
        for who, text in (("bare", _bare(sample)), ("ours", _ours(sample)[0])):
            precision, r = score(truth, text)
            p = precision or 0.0
            for group in ("all", row["kind"]):
                found[(group, who)].append((p, r))
            if args.per_page:
                print(f"  {who} {row['kind']} {row['file']} P {p:.3f} R {r:.3f}")
    for (group, who), scores in sorted(found.items()):
        ps, rs = [p for p, _ in scores], [r for _, r in scores]
        print(
            f"{args.split} {group:6s} {who}: {len(scores)} pages word P {_mean(ps):.3f} "
            f"R {_mean(rs):.3f} F1 {_f1(ps, rs):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
