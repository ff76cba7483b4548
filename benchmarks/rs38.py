"""Score the project vs bare trafilatura on the rs38 set (resources/links, code-of-conduct,
community, sponsors, newsletter and changelog pages of static sites; rs38_split.toml). Every page
is dev.

Usage:
  python benchmarks/rs38.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/rs38.py [--folder FOLDER] [--per-page]
  python benchmarks/rs38.py time [--folder FOLDER]

Built exactly like ot36 (sg35's pairing and filters, lp36's page kind per `pages` entry, no judge
half): ``build`` lists every kept page under ``[pages.dev]`` and writes the ``[kinds]`` table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lp36 import half_pages, with_sources, write_set
from marked_pages import time_half
from sg35 import build, load_spec, score_half

SPLIT_FILE = Path(__file__).with_name("rs38_split.toml")
KINDS = ("resources", "conduct", "community", "sponsors", "newsletter", "changelog")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the rs38 page folder (all dev), score it per page kind, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    spec = load_spec(SPLIT_FILE)
    if args[:1] == ["time"]:
        return time_half([*args[1:], "--split", "dev"], spec, "rs38")
    if args[:1] != ["build"]:
        return score_half([*args, "--split", "dev"], spec, "rs38", half_pages)
    ap = argparse.ArgumentParser(description="write the rs38 pages from the mirrors")
    ap.add_argument("--git", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    spec = with_sources(spec)
    kept = build(opts.git, spec)
    write_set(kept, opts.out, spec, {page.site: "dev" for page in kept})
    return 0


if __name__ == "__main__":
    sys.exit(main())
