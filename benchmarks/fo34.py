"""Score the project vs bare trafilatura on the fo34 set (WEB-FORUM-52 forum threads; fo34_split.toml).

Usage:
  python benchmarks/fo34.py build --git DIR [--out FOLDER]
  python benchmarks/fo34.py [--folder FOLDER] [--split dev|judge|all] [--per-page]
  python benchmarks/fo34.py time [--folder FOLDER] [--split dev|judge|all]

``build`` applies the split file's derivation to the commit it names and writes
``<folder>/<key>/{page.html,reference.txt}`` (third-party text stays outside the project), then
prints the halves' key lists; no extractor runs while pages are chosen. Scoring is gn30.py's:
both extractors' word P/R/F1 totals; ``--per-page`` is for the dev half only. ``time`` prints
each extractor's summed wall time over a half's pages (the fastest of three runs per page;
totals only).
"""

from __future__ import annotations

import json
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gn30 import site_of
from marked_pages import Kept, run_git_set
from nn28 import export_tree, found_share, page_text

SPLIT_FILE = Path(__file__).with_name("fo34_split.toml")
FOLDER = "corpus/goldDocuments"
BOM = b"\xef\xbb\xbf"
MIN_CHARS, MIN_FOUND = 200, 0.90


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def reference_text(doc: dict[str, Any]) -> str:
    """Return a gold document's posts in its order: each line whitespace-folded, empty lines dropped."""
    lines: list[str] = []
    for note in doc.get("gold_standard_annotation") or []:
        post = (note.get("post_text") or {}).get("surface_form") or ""
        lines.extend(" ".join(line.split()) for line in str(post).splitlines())
    return "\n".join(line for line in lines if line)


def page_bytes(markup: str) -> bytes:
    """Return the stored page string as UTF-8 bytes behind a byte-order mark."""
    return BOM + markup.encode("utf-8", "surrogatepass")


def build(git_dir: Path, spec: dict[str, Any]) -> list[Kept]:
    """Apply the filters to the mirror's commit and return the kept pages."""
    kept: list[Kept] = []
    seen: set[bytes] = set()
    with tempfile.TemporaryDirectory() as tmp:
        export_tree(git_dir, spec["commit"], [FOLDER], Path(tmp))
        for gold in sorted((Path(tmp) / FOLDER).glob("*.json")):
            doc = json.loads(gold.read_text(encoding="utf-8"))
            url = str(doc.get("url") or "")
            body = page_bytes(str(doc.get("html") or ""))
            ref = reference_text(doc)
            if not url.startswith(("http://", "https://")) or len(ref) < MIN_CHARS:
                continue
            if body in seen or found_share(ref, page_text(body)) < MIN_FOUND:
                continue
            seen.add(body)
            kept.append(Kept(gold.stem, site_of(url), body, ref))
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Build the page folder, score a half, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    return run_git_set(args, load_spec(), "fo34", (24, 24), build)


if __name__ == "__main__":
    sys.exit(main())
