"""The rd23 pages: built static-site HTML with its own Markdown source as reference (rd23_split.toml).

Each page is ``<folder>/<owner+name>/<page>/page.html`` with ``reference.txt`` (the source rendered
to text) and ``meta.json``; the folder is the split file's (rebuilt by /work/rd23-data/build.py
from the repositories and commits it names).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["NW23_SPLIT_FILE", "RX24_SPLIT_FILE", "SPLIT_FILE", "rd23_pages"]

SPLIT_FILE = Path(__file__).with_name("rd23_split.toml")
NW23_SPLIT_FILE = Path(__file__).with_name("nw23_split.toml")  # news-like pages, same layout
RX24_SPLIT_FILE = Path(__file__).with_name("rx24_split.toml")  # WordPress posts, feed bodies


def rd23_pages(
    root: Path | None, split: str, split_file: Path = SPLIT_FILE
) -> Iterator[tuple[str, bytes, str, str | None]]:
    """Yield (name, page bytes, reference text, title) of one half ('dev', 'test' or 'all')."""
    spec = tomllib.loads(split_file.read_text(encoding="utf-8"))
    base = root or Path(spec["folder"])
    for half in ("dev", "test"):
        if split not in (half, "all"):
            continue
        for repo, entry in sorted(spec[half].items()):
            for page in entry["pages"]:
                folder = base / repo.replace("/", "+") / page
                meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
                if meta["build"] != entry["build"]:
                    raise ValueError(f"{folder}: built at {meta['build']}, not {entry['build']}")
                reference = (folder / "reference.txt").read_text(encoding="utf-8")
                body = (folder / "page.html").read_bytes()
                yield f"{repo}/{page}", body, reference, meta.get("title")
