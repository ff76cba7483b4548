"""Score the project vs bare trafilatura on the nx31 set (KrdWrd CANOLA pages; nx31_split.toml).

Usage:
  python benchmarks/nx31.py build --git DIR [--out FOLDER]
  python benchmarks/nx31.py [--folder FOLDER] [--split dev|judge|all] [--per-page]

``build`` applies the split file's derivation to the commit it names and writes
``<folder>/<key>/{page.html,reference.txt}`` (third-party text stays outside the project), then
prints the halves' key lists; no extractor runs while pages are chosen. Scoring is gn30.py's:
both extractors' word P/R/F1 totals; ``--per-page`` is for the dev half only.
"""

from __future__ import annotations

import re
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gn30 import site_of
from marked_pages import Kept, marked_text, run_git_set
from nn28 import export_tree, keep, page_text

SPLIT_FILE = Path(__file__).with_name("nx31_split.toml")
FOLDER = "canola"
MERGED = "merged.20100908.combined"
GOOD = frozenset({"krdwrd-tag-3"})
_LABEL = re.compile(r"^krdwrd-tag-\d$")
_KW = re.compile(rb"</?kw\b[^>]*>", re.IGNORECASE)


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def reference_text(annotated: str, labels: frozenset[str] = GOOD) -> str:
    """Return the text an annotated page marks with one of labels, one line per block."""
    return marked_text(annotated, _LABEL, labels)


def plain_page(annotated: bytes) -> bytes:
    """Return the annotated page with every <kw> start and end tag removed (the text unchanged)."""
    return _KW.sub(b"", annotated)


def read_urls(text: str) -> dict[str, str]:
    """Return page id -> URL from canola/urls ('ID URL' per line)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 2:
            out[fields[0]] = fields[1]
    return out


def build(git_dir: Path, spec: dict[str, Any]) -> list[Kept]:
    """Apply the filters to the mirror's commit and return the kept pages."""
    kept: list[Kept] = []
    with tempfile.TemporaryDirectory() as tmp:
        export_tree(git_dir, spec["commit"], [FOLDER], Path(tmp))
        base = Path(tmp) / FOLDER
        urls = read_urls((base / "urls").read_text(encoding="utf-8"))
        for key in (base / "plan.canola").read_text(encoding="utf-8").split():
            page = base / MERGED / key
            if not page.is_file() or key not in urls:
                continue
            raw = page.read_bytes()
            body = plain_page(raw)
            ref = reference_text(raw.decode("utf-8", "replace"))
            if keep(ref, page_text(body)):
                kept.append(Kept(key, site_of(urls[key]), body, ref))
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Build the page folder or score a half."""
    args = sys.argv[1:] if argv is None else argv
    return run_git_set(args, load_spec(), "nx31", (24, 6), build)


if __name__ == "__main__":
    sys.exit(main())
