"""The flairNLP/fundus parser test pages as (name, body, url, reference, title, date, crawled)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["SPLIT_FILE", "fundus_body", "fundus_pages", "fundus_publishers"]

SPLIT_FILE = Path(__file__).with_name("fundus_split.toml")
FundusPage = tuple[str, bytes, str | None, str, str | None, str | None, datetime | None]


def _version_key(name: str) -> tuple[int, ...]:
    """Return the order key of a fundus parser version name (V1 < V1_1 < V2)."""
    return tuple(int(n) for n in re.findall(r"\d+", name))


def fundus_publishers(split: str) -> set[str]:
    """Return the publishers of one half of the fundus split (all of them for 'all')."""
    halves = tomllib.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    for half in ("dev", "test"):
        for name in halves[half]:
            parity = int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2
            if parity != (half == "test"):
                raise ValueError(f"{name} is listed in {half} against the sha1 parity rule")
    return set(halves["dev"]) | set(halves["test"]) if split == "all" else set(halves[split])


def fundus_body(body: dict[str, list[object]]) -> str:
    """Return the reference text of a fundus body: summary, then each section's texts."""
    parts = [str(t) for t in body.get("summary", [])]
    for section in body.get("sections", []):
        if isinstance(section, dict):
            parts.extend(str(t) for t in section.get("headline", []))
            parts.extend(str(t) for t in section.get("paragraphs", []))
    return "\n\n".join(parts)


def fundus_pages(root: Path, split: str = "all") -> Iterator[FundusPage]:
    """Yield the fundus test pages of the chosen split under root (the folder holding tests/)."""
    base = root / "tests" / "resources" / "parser" / "test_data"
    wanted = fundus_publishers(split)
    listed: set[str] = set()
    for spec in sorted(base.glob("*/*.json")):
        name = spec.stem
        listed.add(name)
        if name not in wanted:
            continue
        versions = json.loads(spec.read_text(encoding="utf-8"))
        pages = sorted(spec.parent.glob(f"{name}_*.html.gz"))
        if len(pages) != len(versions):
            raise ValueError(f"{spec}: {len(versions)} versions but {len(pages)} pages")
        meta = json.loads((spec.parent / "meta.info").read_text(encoding="utf-8"))
        # versions follow each other in time, as do the pages (named by crawl date)
        for version, page in zip(sorted(versions, key=_version_key), pages, strict=True):
            want = versions[version]
            info = meta.get(page.name, {})
            crawled = info.get("crawl_date")
            yield (
                f"{spec.parent.name}/{page.name}",
                gzip.decompress(page.read_bytes()),
                info.get("url"),
                fundus_body(want.get("body") or {}),
                want.get("title"),
                want.get("publishing_date"),
                datetime.fromisoformat(crawled).replace(tzinfo=UTC) if crawled else None,
            )
    if listed and listed != fundus_publishers("all"):
        raise ValueError("benchmarks/fundus_split.toml does not list the publishers found")
