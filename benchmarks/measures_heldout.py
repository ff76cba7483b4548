"""Score the measure tracker on held-out pages against labels written before it ever saw them.

Usage: python benchmarks/measures_heldout.py PAGES [--labels benchmarks/measures_heldout.toml]
       (the fresh set: --labels benchmarks/measures_heldout2.toml)
       [--data DIR] [--json OUT]
PAGES holds the pages (kept outside the project), in subfolders named by language: zh (Asia/
Shanghai), hant (Asia/Taipei) or en (UTC). They are ingested with `radar ingest` into DATA (a
fresh temporary folder unless --data is given), measures are built from what
`storage.read.read_measure_inputs` returns, as the digest flow builds them, and every labelled
event of every page is looked up: found when a measure carrying one of the labelled names has an event from that page with the labelled status
and date. It prints the share found, the labelled measures split over two or more ids, the
events found on the labelled pages that no label lists, and each miss with its cause.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.measures import AI_TERM_PREFILTER, MeasureTables, build_measures
from extractors.rows import Article
from storage.read import read_measure_inputs

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "measures_heldout.toml"
ZONES = {"zh": ("Asia/Shanghai", "zh"), "hant": ("Asia/Taipei", "zh"), "en": ("UTC", "en")}
INCLUDE = ["*.html", "*.htm", "*.shtml", "*.md", "*.txt"]


@dataclass
class Score:
    """What the tracker got of the labelled events."""

    found: int = 0
    total: int = 0
    split: dict[str, list[str]] = field(default_factory=dict)
    # The measure ids each labelled measure resolved to, by its first name.
    ids: dict[str, set[str]] = field(default_factory=dict)
    unlisted: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Return the score as a JSON-friendly dict."""
        return {
            "events_found": self.found,
            "events_labelled": self.total,
            "share": round(self.found / self.total, 3) if self.total else None,
            "measures_split": self.split,
            "unlisted_events": self.unlisted,
            "misses": self.misses,
        }


def sources_file(pages: Path, target: Path) -> Path:
    """Write a sources file with one directory source per language folder of PAGES."""
    blocks = []
    for folder, (zone, language) in ZONES.items():
        if (pages / folder).is_dir():
            blocks.append(
                f'[[sources]]\nname = "heldout-{folder}"\nkind = "directory"\n'
                f'path = "{(pages / folder).resolve()}"\ninclude = {json.dumps(INCLUDE)}\n'
                f'timezone = "{zone}"\nlanguage = "{language}"\n'
            )
    if not blocks:
        raise SystemExit(f"{pages}: no zh, hant or en folder of pages")
    target.write_text("\n".join(blocks), encoding="utf-8")
    return target


def ingest(pages: Path, data: Path) -> None:
    """Run `radar ingest` on the pages into DATA."""
    data.parent.mkdir(parents=True, exist_ok=True)
    sources = sources_file(pages, data.parent / f"{data.name}-sources.toml")
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--sources-file", str(sources)]
    done = subprocess.run(
        [*cmd, "--data", str(data)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if done.returncode != 0:
        raise SystemExit(f"radar ingest failed:\n{done.stdout}\n{done.stderr}")


def _plain(name: str) -> str:
    return "".join(name.split()).lower()


def _day_matches(expected: str, got: date | None) -> bool:
    """Match a YYYY-MM-DD day exactly, a YYYY-MM month by its month."""
    if got is None:
        return False
    return got.isoformat() == expected if len(expected) == 10 else got.isoformat()[:7] == expected


def score(tables: MeasureTables, articles: list[Article], labels: dict[str, Any]) -> Score:
    """Return how many labelled events the tables hold, and what they split or add."""
    page_of = {a.article_id: Path(a.path or a.url or "").name for a in articles}
    names_of = {
        m.measure_id: {_plain(n) for n in (m.name_en, m.name_zh, *m.aliases) if n}
        for m in tables.measures
    }
    result = Score()
    matched: set[str] = set()
    for measure in labels["measure"]:
        wanted = {_plain(n) for n in measure["names"]}
        mine = {mid for mid, names in names_of.items() if names & wanted}
        matched |= mine
        result.ids[measure["names"][0]] = mine
        if len(mine) > 1:
            result.split[measure["names"][0]] = sorted(mine)
        for event in measure["events"]:
            for page in event["pages"]:
                result.total += 1
                hits = [
                    e
                    for e in tables.events
                    if e.measure_id in mine and page_of.get(e.article_id) == page
                ]
                if any(
                    e.status == event["status"] and _day_matches(event["date"], e.event_date)
                    for e in hits
                ):
                    result.found += 1
                    continue
                cause = "no measure with that name" if not mine else "no event from that page"
                if page not in page_of.values():
                    cause = "page not read (not ingested, or no signal rows and no AI term)"
                elif hits:
                    got = ", ".join(sorted({f"{e.status} {e.event_date}" for e in hits}))
                    cause = f"found {got}"
                result.misses.append(
                    f"{measure['names'][0]}: {event['status']} {event['date']} on {page} ({cause})"
                )
    listed = set(labels.get("pages", []))
    for event in tables.events:
        page = page_of.get(event.article_id, "")
        if page in listed and event.measure_id not in matched:
            result.unlisted.append(
                f"{event.measure_id} {event.status} {event.event_date} on {page}"
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="folder of the held-out pages (zh/, hant/, en/)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument(
        "--data", type=Path, help="DATA folder to ingest into (default: a temp one)"
    )
    parser.add_argument("--json", type=Path, help="write the score here as JSON")
    args = parser.parse_args()
    labels = tomllib.loads(args.labels.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        ingest(args.pages, data)
        articles, signals = read_measure_inputs(data, AI_TERM_PREFILTER)
    tables = build_measures(articles, signals)
    result = score(tables, articles, labels)
    n_pages = len(labels.get("pages", []))
    print(
        f"held-out: {result.found}/{result.total} labelled events found at the right status and "
        f"date ({result.found / max(result.total, 1):.1%}); {len(labels['measure'])} measures "
        f"on {n_pages} pages; {len(result.split)} split over several ids; "
        f"{len(result.unlisted)} events of unlisted measures on the labelled pages"
    )
    for line in result.misses:
        print("  miss:", line)
    for name, ids in result.split.items():
        print("  split:", name, ids)
    for line in result.unlisted:
        print("  unlisted:", line)
    if args.json:
        args.json.write_text(json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
