"""The pages of MSVCode/ir-research-data's extraction sets, split by outlet (rb21_split.toml).

``--root`` is the folder holding ``Extraction/`` (exported with ``git archive`` at the commit the
split file names). Each page is ``Extraction/<folder>/html/<name>.htm[l]`` with its human-made
reference ``Extraction/<folder>/gold/<name>.txt`` (UTF-8 or Windows-1252).
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["SPLIT_FILE", "irdata_pages", "outlets"]

SPLIT_FILE = Path(__file__).with_name("rb21_split.toml")


def _parity_half(outlet: str) -> str:
    """Return the half the split rule gives an outlet (sha1 parity: even is dev)."""
    return "test" if int(hashlib.sha1(outlet.encode()).hexdigest(), 16) % 2 else "dev"


def outlets(split: str) -> dict[str, list[str]]:
    """Return outlet -> page paths for one half ('dev', 'test' or 'all'), checking the rule."""
    halves = tomllib.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    chosen: dict[str, list[str]] = {}
    for half in ("dev", "test"):
        for outlet, pages in halves[half].items():
            if _parity_half(outlet) != half:
                raise ValueError(f"{outlet} is listed in {half} against the sha1 parity rule")
            if split in (half, "all"):
                chosen[outlet] = list(pages)
    return chosen


def _read_reference(path: Path) -> str:
    """Return a gold text (UTF-8 when it decodes, else Windows-1252)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def irdata_pages(root: Path, split: str) -> Iterator[tuple[str, bytes, str]]:
    """Yield (name, page bytes, reference text) of one half of the split under root."""
    base = root / "Extraction"
    listed = outlets("all")
    found = {str(p.relative_to(base)) for p in base.glob("*/html/*.htm*")}
    if found != {page for pages in listed.values() for page in pages}:
        raise ValueError(f"{SPLIT_FILE.name} does not list the pages found under {base}")
    for outlet, pages in sorted(outlets(split).items()):
        for page in sorted(pages):
            html_path = base / page
            folder, _, name = page.partition("/html/")
            gold = base / folder / "gold" / f"{name.rsplit('.', 1)[0]}.txt"
            yield f"{outlet}/{page}", html_path.read_bytes(), _read_reference(gold)
