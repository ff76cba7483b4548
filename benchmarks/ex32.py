"""Score the project vs bare trafilatura on the ex32 set (evan_extract news pages; ex32_split.toml).

Usage:
  python benchmarks/ex32.py build --git DIR [--out FOLDER]
  python benchmarks/ex32.py [--folder FOLDER] [--split dev|judge|all] [--per-page]

``build`` applies the split file's derivation to the commit it names and writes
``<folder>/<key>/{page.html,reference.txt}`` (third-party text stays outside the project), then
prints the halves' key lists; no extractor runs while pages are chosen. Scoring is gn30.py's:
both extractors' word P/R/F1 totals; ``--per-page`` is for the dev half only.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gn30 import site_of
from lxml import html as lxml_html
from marked_pages import Kept, run_git_set
from nn28 import decode_text, export_tree, keep, page_text

from extractors.decode import decode_bytes

SPLIT_FILE = Path(__file__).with_name("ex32_split.toml")
FOLDER = "articles"
_URL_PATHS = (
    "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href",
    "//meta[@property='og:url']/@content",
)


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def reference_text(gold: bytes) -> str:
    """Return a gold file's text: decoded, whitespace folded per line, empty lines dropped."""
    folded = (" ".join(line.split()) for line in decode_text(gold).splitlines())
    return "\n".join(line for line in folded if line)


def page_url(body: bytes) -> str | None:
    """Return the page's own absolute URL: its canonical link, else og:url, else None."""
    text, _ = decode_bytes(body, None)
    try:
        root = lxml_html.fromstring(text)
    except Exception:  # an unparsable page has no URL, whatever lxml raises
        return None
    for path in _URL_PATHS:
        for value in root.xpath(path):
            url = str(value).strip()
            if url.startswith(("http://", "https://")):
                return url
    return None


def build(git_dir: Path, spec: dict[str, Any]) -> list[Kept]:
    """Apply the filters to the mirror's commit and return the kept pages."""
    kept: list[Kept] = []
    with tempfile.TemporaryDirectory() as tmp:
        export_tree(git_dir, spec["commit"], [FOLDER], Path(tmp))
        base = Path(tmp) / FOLDER
        for gold in sorted(base.glob("*.txt")):
            page = base / f"{gold.stem}.html"
            if not page.is_file():
                continue
            body = page.read_bytes()
            url = page_url(body)
            ref = reference_text(gold.read_bytes())
            if url is not None and keep(ref, page_text(body)):
                kept.append(Kept(gold.stem, site_of(url), body, ref))
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Build the page folder or score a half."""
    args = sys.argv[1:] if argv is None else argv
    return run_git_set(args, load_spec(), "ex32", (24, 8), build)


if __name__ == "__main__":
    sys.exit(main())
