"""Score the project vs bare trafilatura by must-contain / must-not-contain snippets (news pages)."""

# Usage: .venv/bin/python benchmarks/snippets.py --root DIR [--split dev|test|all] [--per-page]
# DIR holds SOURCES.tsv (repo, commit, path, sha256, file: the page's path under DIR) and
# labels.json ({file: {"with": [...], "without": [...]}}: article sentences the text must hold and
# page chrome it must not), written by hand before any run; --splits names the TOML file that
# assigns each repository to dev or test (default benchmarks/news9_split.toml). Scoring as in the
# multilingual evaluation: a "with" snippet found is a true positive, missed a false negative; a
# "without" snippet found is a false positive, absent a true negative; precision, recall and F1
# over the totals of the split (whitespace collapsed on both sides). Both extractors run in one
# process on the same pages. The pages are third-party text and stay outside the project: totals
# only for test, --per-page (the snippets each side got wrong) on dev only.

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _ours, parse_split_args

SPLITS = Path(__file__).with_name("news9_split.toml")


@dataclass
class Tally:
    """Snippet counts of one extractor."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def line(self) -> str:
        """Return precision, recall, F1 and the counts."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"F1 {f1:.3f} (P {p:.3f} R {r:.3f}; tp {self.tp} fn {self.fn} fp {self.fp} tn {self.tn})"


def _flat(text: str) -> str:
    return " ".join(text.split())


def split_of(splits: Path) -> dict[str, str]:
    """Return repository -> split from the TOML file (entries may carry an @commit)."""
    spec = tomllib.loads(splits.read_text(encoding="utf-8"))
    return {repo.split("@")[0]: name for name in ("dev", "test") for repo in spec[name]}


def judge(text: str, wanted: list[str], unwanted: list[str], tally: Tally) -> list[str]:
    """Count one page's snippets into tally; return the snippets this text got wrong."""
    flat = _flat(text)
    wrong: list[str] = []
    for snippet in wanted:
        if _flat(snippet) in flat:
            tally.tp += 1
        else:
            tally.fn += 1
            wrong.append(f"missing: {snippet}")
    for snippet in unwanted:
        if _flat(snippet) in flat:
            tally.fp += 1
            wrong.append(f"kept:    {snippet}")
        else:
            tally.tn += 1
    return wrong


def parse_set_args(description: str, splits: Path) -> tuple[argparse.Namespace, Any, list[Any]]:
    """Parse a labelled set's options; return them with its labels and SOURCES.tsv rows."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--splits", type=Path, default=splits)
    args = parse_split_args(ap)
    try:
        labels = json.loads((args.root / "labels.json").read_text(encoding="utf-8"))
        with (args.root / "SOURCES.tsv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except FileNotFoundError as missing:
        ap.error(f"{missing.filename} not found: the pages and labels live outside the project")
    return args, labels, rows


def main() -> int:
    """Score both extractors on the labelled pages of a split and print the totals."""
    args, labels, rows = parse_set_args(__doc__.splitlines()[0], SPLITS)
    assigned = split_of(args.splits)
    tallies = {"bare": Tally(), "ours": Tally()}
    pages = 0
    for row in rows:
        label = labels.get(row["file"])
        if label is None or args.split not in {"all", assigned[row["repo"]]}:
            continue
        pages += 1
        sample = Sample(row["file"], (args.root / row["file"]).read_bytes(), None, "", None, False)
        for who, text in (("bare", _bare(sample)), ("ours", _ours(sample)[0])):
            wrong = judge(text, label["with"], label["without"], tallies[who])
            if args.per_page and wrong:
                print(f"{who} {row['file']}")
                print("\n".join(f"    {w}" for w in wrong))
    print(f"{args.split}: {pages} pages")
    for who, tally in tallies.items():
        print(f"  {who}: {tally.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
