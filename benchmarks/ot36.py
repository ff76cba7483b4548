"""Score the project vs bare trafilatura on the ot36 set (contact, support, FAQ, publications,
press and legal-notice pages of static sites; ot36_split.toml). Every page is dev.

Usage:
  python benchmarks/ot36.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/ot36.py [--folder FOLDER] [--per-page]
  python benchmarks/ot36.py time [--folder FOLDER]

Built like lp36 (sg35's pairing and filters, a page kind per `pages` entry), but with no judge
half: ``build`` lists every kept page under ``[pages.dev]`` and writes the ``[kinds]`` table.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lp36 import run_dev_only
from sg35 import load_spec

SPLIT_FILE = Path(__file__).with_name("ot36_split.toml")
KINDS = ("contact", "support", "faq", "publications", "press", "legal")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the ot36 page folder (all dev), score it per page kind, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    return run_dev_only(args, load_spec(SPLIT_FILE), "ot36")


if __name__ == "__main__":
    sys.exit(main())
