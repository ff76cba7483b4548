"""Score the project vs bare trafilatura on the lp36 set (landing, service, product and other
non-article pages of static sites; lp36_split.toml).

Usage:
  python benchmarks/lp36.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/lp36.py [--folder FOLDER] [--split dev|judge|all] [--per-page]
  python benchmarks/lp36.py time [--folder FOLDER] [--split dev|judge|all]

The set is built, split and scored by sg35.py's machinery; what lp36 adds is the page kind: each
repository's `pages` table names the sources read and the kind of each, ``build`` writes every
kept page's kind into the split file's ``[kinds]`` table, and scores are totalled per kind.
``--per-page`` is for the dev half only; ``time`` is marked_pages' (fastest of three runs).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import marked_pages
from collected import Sample
from marked_pages import Kept, time_half, write_pages
from sg35 import build, load_spec, score_half

SPLIT_FILE = Path(__file__).with_name("lp36_split.toml")
KINDS = ("landing", "service", "product", "project", "people", "event", "other")


def page_kind(pages: dict[str, str], source: str) -> str:
    """Return the kind of the longest `pages` entry (a file or a folder) holding a source path."""
    holding = [p for p in pages if source == p or source.startswith(p.rstrip("/") + "/")]
    if not holding:
        raise ValueError(f"no pages entry holds {source}")
    return pages[max(holding, key=len)]


def with_sources(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the spec with each repository's `source` list (its `pages` entries) set for sg35."""
    return {**spec, "repos": [{**r, "source": sorted(r["pages"])} for r in spec["repos"]]}


def kinds_of(kept: Sequence[Kept], spec: dict[str, Any]) -> dict[str, str]:
    """Return each kept page's key -> its kind by its repository's `pages` table."""
    pages = {repo["name"]: repo["pages"] for repo in spec["repos"]}
    out: dict[str, str] = {}
    for page in kept:
        source = page.key.split("/", 1)[1].replace("~", "/")
        out[page.key] = page_kind(pages[page.site], source)
    return out


def halves(counts: dict[str, int], types: dict[str, str], seed: int) -> dict[str, str]:
    """Return repository -> 'dev' or 'judge': site types in sorted order, each type's repositories
    sorted and shuffled with one random.Random(seed), each in turn to the half with fewer pages so
    far (dev on a tie)."""
    rng = random.Random(seed)
    half: dict[str, str] = {}
    pages = {"dev": 0, "judge": 0}
    for kind in sorted(set(types.values())):
        names = sorted(n for n in counts if types[n] == kind)
        rng.shuffle(names)
        for name in names:
            side = "dev" if pages["dev"] <= pages["judge"] else "judge"
            half[name] = side
            pages[side] += counts[name]
    return half


def write_set(
    kept: Sequence[Kept], out: Path, spec: dict[str, Any], half: dict[str, str] | None = None
) -> None:
    """Write the kept pages' folders, print the halves' key lists, then the `[kinds]` table
    (half: repository -> 'dev' or 'judge'; lp36's page-balanced halves when not given)."""
    if half is None:
        counts: dict[str, int] = {}
        for page in kept:
            counts[page.site] = counts.get(page.site, 0) + 1
        types = {repo["name"]: repo["kind"] for repo in spec["repos"]}
        half = halves(counts, types, spec["seed"])
    write_pages(kept, out, half, "repositories")
    print("\n[kinds]")
    for key, kind in kinds_of(kept, spec).items():
        print(f'"{key}" = "{kind}"')


def half_pages(folder: Path, half: str, spec: dict[str, Any]) -> Iterator[tuple[str, Sample]]:
    """Yield ('kind repo', sample) for every listed page of a half ('dev', 'judge' or 'all')."""
    for repo, sample in marked_pages.half_pages(folder, half, spec):
        yield f"{spec['kinds'][sample.name]} {repo}", sample


def run_dev_only(args: list[str], spec: dict[str, Any], name: str) -> int:
    """Build a dev-only set's page folder (ot36, rs38), score it per page kind, or time it."""
    if args[:1] == ["time"]:
        return time_half([*args[1:], "--split", "dev"], spec, name)
    if args[:1] != ["build"]:
        return score_half([*args, "--split", "dev"], spec, name, half_pages)
    ap = argparse.ArgumentParser(description=f"write the {name} pages from the mirrors")
    ap.add_argument("--git", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    spec = with_sources(spec)
    kept = build(opts.git, spec)
    write_set(kept, opts.out, spec, {page.site: "dev" for page in kept})
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Build the lp36 page folder, score a half per page kind, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    spec = load_spec(SPLIT_FILE)
    if args[:1] == ["time"]:
        return time_half(args[1:], spec, "lp36")
    if args[:1] != ["build"]:
        return score_half(args, spec, "lp36", half_pages)
    ap = argparse.ArgumentParser(description="write the lp36 pages from the mirrors")
    ap.add_argument("--git", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    spec = with_sources(spec)
    write_set(build(opts.git, spec), opts.out, spec)
    return 0


if __name__ == "__main__":
    sys.exit(main())
