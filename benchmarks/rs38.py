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

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lp36 import run_dev_only
from sg35 import load_spec

SPLIT_FILE = Path(__file__).with_name("rs38_split.toml")
KINDS = ("resources", "conduct", "community", "sponsors", "newsletter", "changelog")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the rs38 page folder (all dev), score it per page kind, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    return run_dev_only(args, load_spec(SPLIT_FILE), "rs38")


if __name__ == "__main__":
    sys.exit(main())
