"""Score the project vs bare trafilatura on the gn30 set (L3S-GN1 news pages; gn30_split.toml).

Usage:
  python benchmarks/gn30.py build --git DIR --urls FILE [--out FOLDER]
  python benchmarks/gn30.py [--folder FOLDER] [--split dev|judge|all] [--per-page]

``build`` applies the split file's derivation to the commit it names and writes
``<folder>/<key>/{page.html,reference.txt}`` (third-party text stays outside the project), then
prints the halves' key lists; no extractor runs while pages are chosen. Scoring prints both
extractors' word P/R/F1 totals with the metric of ../shared/tools/score_extraction.py (precision
over pages with output, recall over all pages); ``--per-page`` is for the dev half only.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from marked_pages import Kept, marked_text, score_half, write_halves
from nn28 import export_tree, keep, page_text

SPLIT_FILE = Path(__file__).with_name("gn30_split.toml")
FOLDER = "page-signal-master"
MAIN_LABELS = frozenset({"x-nc-sel1", "x-nc-sel2"})
_LABEL = re.compile(r"^x-nc-sel\d$")
_SECOND_LEVEL = frozenset(["co", "com", "net", "org", "gov", "ac", "edu", "ltd", "plc"])
_URN = re.compile(r"^<urn:uuid:([0-9a-f-]+)>\s+(\S+)\s*$")


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def site_of(url: str) -> str:
    """Return the registered domain of a URL's host (the split file's rule)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def read_urls(text: str) -> dict[str, str]:
    """Return key -> URL from url-mapping.txt's lines."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = _URN.match(line)
        if match:
            out[match.group(1)] = match.group(2)
    return out


def reference_text(annotated: str) -> str:
    """Return the headline and full-text marks of an annotated copy, one line per block."""
    return marked_text(annotated, _LABEL, MAIN_LABELS)


def build(git_dir: Path, urls: dict[str, str], spec: dict[str, Any]) -> list[Kept]:
    """Apply the filters to the mirror's commit and return the kept pages."""
    kept: list[Kept] = []
    with tempfile.TemporaryDirectory() as tmp:
        export_tree(git_dir, spec["commit"], [FOLDER], Path(tmp))
        base = Path(tmp) / FOLDER
        for gold in sorted((base / "GoldStandard").glob("*.txt")):
            page = base / "input" / f"{gold.stem}.html"
            if not page.is_file() or gold.stem not in urls:
                continue
            body = page.read_bytes()
            ref = reference_text(gold.read_bytes().decode("utf-8", "replace"))
            if keep(ref, page_text(body)):
                kept.append(Kept(gold.stem, site_of(urls[gold.stem]), body, ref))
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Build the page folder or score a half."""
    args = list(sys.argv[1:] if argv is None else argv)
    spec = load_spec()
    if args[:1] != ["build"]:
        return score_half(args, spec, "gn30", (20, 8))
    ap = argparse.ArgumentParser(description="write the gn30 pages from the mirror")
    ap.add_argument("--git", type=Path, required=True)
    ap.add_argument("--urls", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    kept = build(opts.git, read_urls(opts.urls.read_text(encoding="utf-8")), spec)
    write_halves(kept, opts.out, spec["seed"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
