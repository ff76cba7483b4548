"""Score the project vs bare trafilatura on the sd35 set (static-site docs pages; sd35_split.toml).

Usage:
  python benchmarks/sd35.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/sd35.py [--folder FOLDER] [--split dev|judge|all] [--per-page]
  python benchmarks/sd35.py time [--folder FOLDER] [--split dev|judge|all]

The set is built, split and scored by sg35.py's machinery with this set's split file (its own
repositories, seed and folder); ``--per-page`` is for the dev half only.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sg35 import load_spec, run

SPLIT_FILE = Path(__file__).with_name("sd35_split.toml")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the sd35 page folder, score a half, or time it."""
    return run(list(sys.argv[1:] if argv is None else argv), load_spec(SPLIT_FILE), "sd35")


if __name__ == "__main__":
    sys.exit(main())
