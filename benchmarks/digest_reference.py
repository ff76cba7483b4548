"""Score a week's digest against a hand reference digest (benchmarks/dg16_reference.json).

Usage: .venv/bin/python benchmarks/digest_reference.py --data DIR --week 2025-W07 [--show]

DATA is an ingested folder (`radar ingest` or `benchmarks/realnews.py --data`). The reference lists,
per week, the developments an analyst would report (who acts, acceptable types, the pages that
report them) and the pages that should give no item; the split is benchmarks/dg16_split.toml.
An item matches a development when it cites one of its pages and its lead actor contains one of
the development's actor keywords; an item citing a development's page with one of its types but another or
no actor is counted under it with a wrong or missing actor (neither: a passing mention). Printed: items; items matching
a development; duplicates (items beyond the first of one development); required developments
missed; items with no actor; items with a wrong actor; items that report no development.
`--show` prints the items (dev weeks only: a test week's items are never printed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.digest import Digest, Item, build_digest
from extractors.digest.embed import similar_pairs
from flows.digest import actor_kinds
from storage.read import read_week

REFERENCE = Path(__file__).with_name("dg16_reference.json")


@dataclass(frozen=True, slots=True)
class Score:
    """The counts of one week."""

    items: int
    matched: int
    duplicates: int
    missed: int
    required: int
    no_actor: int
    wrong_actor: int
    non_events: int


def _files(item: Item) -> list[str]:
    return [(a.path or "").rsplit("/", 1)[-1] for a in item.articles]


def _cites(files: list[str], prefixes: list[str]) -> bool:
    return any(f.startswith(p) for f in files for p in prefixes)


def _actor_ok(item: Item, event: dict[str, Any]) -> bool:
    lead = item.actors[0].lower() if item.actors else ""
    return bool(lead) and any(k.lower() in lead for k in event["actor"])


def assign(item: Item, events: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """Return the development an item reports (or None) and whether its actor is right."""
    cited = [e for e in events if _cites(_files(item), e["files"])]
    right = [e for e in cited if _actor_ok(item, e)]
    if right:
        typed = [e for e in right if item.signal_type in e["types"]]
        return (typed or right)[0], True
    typed = [e for e in cited if item.signal_type in e["types"]]
    return (typed[0], False) if typed else (None, False)  # neither actor nor type: in passing


def score(digest: Digest, week: dict[str, Any], show: bool = False) -> Score:
    """Return the counts of a digest against one week's reference."""
    events: list[dict[str, Any]] = week["events"]
    seen: Counter[str] = Counter()
    no_actor = wrong = non_events = 0
    for item in digest.items:
        event, actor_ok = assign(item, events)
        if not item.actors:
            no_actor += 1
        elif event is not None and not actor_ok:
            wrong += 1
        if event is None:
            non_events += 1
        else:
            seen[event["id"]] += 1
        if show:
            tag = event["id"] if event else "-"
            print(f"{item.rank:3d} {tag:22s} {item.signal_type:26s} {item.headline[:80]}")
            print(f"    actors={item.actors[:3]} files={sorted(f[:28] for f in _files(item))}")
    required = [e for e in events if e["required"]]
    return Score(
        items=len(digest.items),
        matched=sum(seen.values()),
        duplicates=sum(n - 1 for n in seen.values()),
        missed=sum(1 for e in required if not seen[e["id"]]),
        required=len(required),
        no_actor=no_actor,
        wrong_actor=wrong,
        non_events=non_events,
    )


def main() -> int:
    """Build and score the digest of one week."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--week", required=True)
    parser.add_argument("--show", action="store_true", help="print the items (dev weeks only)")
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args()
    week = json.loads(args.reference.read_text("utf-8"))["weeks"][args.week]
    if args.show and week["part"] != "dev":
        parser.error("a test week's items are not printed")
    inp = read_week(args.data, args.week, "UTC", actor_kinds())
    s = score(build_digest(inp, similar_pairs), week, show=args.show)
    print(
        f"{args.week} ({week['part']}): items {s.items}; matching a development {s.matched}; "
        f"duplicates {s.duplicates}; required developments missed {s.missed}/{s.required}; "
        f"no actor {s.no_actor}; wrong actor {s.wrong_actor}; reporting no development "
        f"{s.non_events}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
