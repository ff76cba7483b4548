"""Score publication dates of saved pages: the project vs bare trafilatura, side by side.

Usage: python benchmarks/dates.py --root DIR [--split dev|test|all] [--per-page]

The pages are third-party test fixtures of public repositories, so they live outside the
repository (``--root``, default ``$RADAR_DATES`` or /work/dt9-data/pages). ``SOURCES.tsv``
there lists each page (file, repo, commit, path, sha256, label, also): ``label`` is the
publication day the page shows (``none`` for a page without one), written by hand before any
extractor ran; ``also`` is the same instant's UTC day where the page prints a late-evening
local time (ours reports UTC). ``benchmarks/dates_split.toml`` splits the repositories into
dev and test: tune on dev only; test is scored once at the end of a round, totals only
(``--per-page`` is refused for it).

Ours: ``extract_article(...).published_at`` (its UTC day). Bare: ``trafilatura.extract(text,
with_metadata=True, output_format="json")`` with its defaults otherwise, the ``date`` field.
Per split: exact (the labelled day), wrong (another day), empty (no date) on dated pages, and
false dates (any date) on pages without one.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import tomllib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from extractors.article import extract_article
from extractors.decode import decode_bytes
from extractors.exceptions import ExtractionError
from extractors.rows import Page

SPLIT = Path(__file__).resolve().with_name("dates_split.toml")
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def read_pages(root: Path, split: str) -> list[dict[str, str]]:
    """Return the SOURCES.tsv rows of a split, checking each page's sha256."""
    splits = tomllib.loads(SPLIT.read_text(encoding="utf-8"))
    wanted = set(splits["dev"]) | set(splits["test"]) if split == "all" else set(splits[split])
    if not (root / "SOURCES.tsv").is_file():
        raise SystemExit(f"no SOURCES.tsv under {root}: the pages live outside the project")
    rows: list[dict[str, str]] = []
    with (root / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["repo"] not in wanted:
                continue
            body = (root / row["file"]).read_bytes()
            if hashlib.sha256(body).hexdigest() != row["sha256"]:
                raise SystemExit(f"{row['file']}: sha256 differs from SOURCES.tsv")
            rows.append(row)
    return rows


def ours(body: bytes) -> str | None:
    """Return the project's publication day (UTC) of a page, or None."""
    page = Page(source="dates", body=body, fetched_at=FETCHED_AT)
    try:
        found = extract_article(page).published_at
    except ExtractionError:
        return None
    return found.astimezone(UTC).date().isoformat() if found is not None else None


def bare(body: bytes) -> str | None:
    """Return bare trafilatura's publication day of a page (its defaults), or None."""
    text, _ = decode_bytes(body, None)
    out = trafilatura.extract(text, with_metadata=True, output_format="json")
    found = json.loads(out).get("date") if out else None
    return str(found)[:10] if found else None


def verdict(row: dict[str, str], found: str | None) -> str:
    """Return exact, wrong or empty for a dated page; false or none for an undated one."""
    if row["label"] == "none":
        return "false" if found else "none"
    if found is None:
        return "empty"
    return "exact" if found in {row["label"], row["also"]} else "wrong"


def main() -> int:
    """Score one split (or all) and print totals, per page on request (dev only)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("RADAR_DATES", "/work/dt9-data/pages")
    parser.add_argument("--root", type=Path, default=Path(default))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--per-page", action="store_true", help="list every page (dev only)")
    args = parser.parse_args()
    if args.per_page and args.split != "dev":
        raise SystemExit("--per-page is for dev only: test is read as totals")
    rows = read_pages(args.root, args.split)
    counts = {"ours": Counter[str](), "bare": Counter[str]()}
    for row in rows:
        body = (args.root / row["file"]).read_bytes()
        got = {"ours": ours(body), "bare": bare(body)}
        marks = {name: verdict(row, got[name]) for name in got}
        for name, mark in marks.items():
            counts[name][mark] += 1
        if args.per_page:
            print(
                f"{row['file'][:60]:60} {row['label']:10} "
                f"ours {got['ours'] or '-':10} {marks['ours']:5}  "
                f"bare {got['bare'] or '-':10} {marks['bare']}"
            )
    dated = sum(1 for row in rows if row["label"] != "none")
    print(f"split {args.split}: {len(rows)} pages, {dated} dated, {len(rows) - dated} undated")
    for name, count in counts.items():
        print(
            f"  {name:5} exact {count['exact']:3}  wrong {count['wrong']:3}  "
            f"empty {count['empty']:3}  | undated: false date {count['false']:3}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
