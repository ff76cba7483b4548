"""Score the project vs bare trafilatura on non-news page types by snippets, titles and dates."""

# Usage: .venv/bin/python benchmarks/types10.py --root DIR [--split dev|test|all] [--per-page]
# DIR holds SOURCES.tsv (file, repo, commit, path, sha256, outlet, kind, lang) and labels.json
# ({file: {"with": [...], "without": [...], "title": str|null, "date": "YYYY-MM-DD"|null}}), written
# outside the project (the pages are third-party text); benchmarks/types10_split.toml assigns each
# outlet to dev or test (header: where the pages come from and the rule). Snippet scoring as in
# benchmarks/snippets.py (totals per split and per page kind); a title is right when its tokens equal
# the label's, or equal them once a trailing " | Site" / " - Site" part is cut; a date is right when
# it falls on the labelled day (pages with a labelled date only). --per-page is for dev only.

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _bare_meta, _norm_title, _ours, same_day
from snippets import Tally, judge, parse_set_args

SPLITS = Path(__file__).with_name("types10_split.toml")
_SITE_TAIL = re.compile(r"\s+[|\-–—·:]\s+[^|\-–—·:]+$")


def split_of(splits: Path) -> dict[str, str]:
    """Return outlet -> split from the TOML file."""
    spec = tomllib.loads(splits.read_text(encoding="utf-8"))
    return {outlet: name for name in ("dev", "test") for outlet in spec[name]}


def title_right(found: str | None, wanted: str) -> bool:
    """Return True when the found title is the labelled one, with or without a site suffix."""
    if not found:
        return False
    want = _norm_title(wanted)
    return want in {_norm_title(found), _norm_title(_SITE_TAIL.sub("", found))}


def main() -> int:
    """Score both extractors on the labelled pages of a split and print the totals."""
    args, labels, rows = parse_set_args(
        "Score non-news page types (snippets, titles, dates).", SPLITS
    )
    assigned = split_of(args.splits)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    titles: dict[str, int] = defaultdict(int)
    dates: dict[str, int] = defaultdict(int)
    pages = dated = titled = 0
    for row in rows:
        label = labels[row["file"]]
        if args.split not in {"all", assigned[row["outlet"]]}:
            continue
        body = (args.root / row["file"]).read_bytes()
        if hashlib.sha256(body).hexdigest() != row["sha256"]:
            sys.exit(f"{row['file']}: sha256 differs from SOURCES.tsv")
        pages += 1
        dated += label["date"] is not None
        titled += bool(label["title"])
        sample = Sample(row["file"], body, None, "", None, False)
        text, title, published = _ours(sample)
        bare_title, bare_day = _bare_meta(sample)
        found = {"bare": (_bare(sample), bare_title, bare_day), "ours": (text, title, published)}
        for who, (got, got_title, got_day) in found.items():
            for group in ("all", row["kind"]):
                wrong = judge(got, label["with"], label["without"], tallies[(group, who)])
            titles[who] += bool(label["title"]) and title_right(got_title, label["title"])
            if label["date"] is not None:
                dates[who] += same_day(label["date"], got_day)
            if args.per_page and (wrong or not title_right(got_title, label["title"] or "")):
                print(f"{who} {row['kind']} {row['file']}  title={got_title!r}")
                print("\n".join(f"    {w}" for w in wrong))
    print(f"{args.split}: {pages} pages ({titled} titled, {dated} dated)")
    for group, who in sorted(tallies):
        print(f"  {group:8s} {who}: {tallies[(group, who)].line()}")
    for who in ("bare", "ours"):
        print(f"  {who}: titles right {titles[who]}/{titled}, dates right {dates[who]}/{dated}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
