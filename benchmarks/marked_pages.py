"""Pages whose main text annotators marked with class labels: reference text, halves, folders.

Shared by the sets built from such pages (gn30: L3S-GN1, nx31: KrdWrd CANOLA). Each set's page
folder holds ``<folder>/<key>/{page.html,reference.txt}``, written outside the project;
``run_git_set`` gives each such set its ``build``, scoring and ``time`` commands.
"""

from __future__ import annotations

import argparse
import html
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from collected import Sample, _bare, _fastest, _ours, group_line
from lxml import html as lxml_html
from pagescore import parse_score_args, score_pages

REPEAT = 3  # timed runs per page and extractor; the fastest counts
SKIP = frozenset({"script", "style", "noscript"})
BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "td",
        "th",
        "tr",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "dd",
        "dt",
    ]
)


@dataclass(frozen=True, slots=True)
class Kept:
    """One page that passed the filters: its key, site and texts."""

    key: str
    site: str
    body: bytes
    reference: str


def _label(el: Any, label: re.Pattern[str]) -> str | None:
    """Return the nearest class matching label at or above el, None when there is none."""
    while el is not None:
        for cls in (el.get("class") or "").split():
            if label.match(cls):
                return str(cls)
        el = el.getparent()
    return None


def block_text(
    root: Any,
    piece: Callable[[str, Any], str] = lambda text, owner: text,
    skip: frozenset[str] = SKIP,
    blocks: frozenset[str] = BLOCKS,
) -> str:
    """Return an element's text one line per block; piece(text, owner) gives what a text keeps."""
    parts: list[str] = []

    def add(text: str | None, owner: Any) -> None:
        if text:
            parts.append(piece(text, owner))

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag and tag not in skip:
            block = tag in blocks
            if block:
                parts.append("\n")
            add(el.text, el)
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        parent = el.getparent()
        if parent is not None:
            add(el.tail, parent)

    walk(root)
    text = html.unescape("".join(parts))
    folded = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in folded if line)


def marked_text(annotated: str, label: re.Pattern[str], wanted: frozenset[str]) -> str:
    """Return the text an annotated page marks with one of wanted, one line per block."""

    def piece(text: str, owner: Any) -> str:
        return text if _label(owner, label) in wanted else "\n"

    return block_text(lxml_html.fromstring(annotated), piece)


def halves(sites: Sequence[str], seed: int) -> dict[str, str]:
    """Return site -> 'dev' or 'judge': sorted, shuffled once, the first ceil(n/2) are dev."""
    ordered = sorted(set(sites))
    random.Random(seed).shuffle(ordered)
    cut = math.ceil(len(ordered) / 2)
    return {site: ("dev" if i < cut else "judge") for i, site in enumerate(ordered)}


def write_pages(kept: Iterable[Kept], out: Path, half: dict[str, str], unit: str) -> None:
    """Write every kept page's folder under out and print the halves' key lists by site."""
    lists: dict[str, dict[str, list[str]]] = {"dev": {}, "judge": {}}
    for page in kept:
        folder = out / page.key
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page.html").write_bytes(page.body)
        (folder / "reference.txt").write_text(page.reference, encoding="utf-8")
        lists[half[page.site]].setdefault(page.site, []).append(page.key)
    for name, sites in lists.items():
        count = sum(len(v) for v in sites.values())
        print(f"\n# {name}: {len(sites)} {unit}, {count} pages\n[pages.{name}]")
        for site in sorted(sites):
            print(f'"{site}" = {sites[site]!r}'.replace("'", '"'))


def write_halves(kept: Iterable[Kept], out: Path, seed: int) -> None:
    """Write every kept page's folder under out and print the halves' key lists."""
    pages = list(kept)
    write_pages(pages, out, halves([k.site for k in pages], seed), "sites")


def half_pages(folder: Path, half: str, spec: dict[str, Any]) -> Iterator[tuple[str, Sample]]:
    """Yield (site, sample) for every listed page of a half ('dev', 'judge' or 'all')."""
    for name in ("dev", "judge"):
        if half not in (name, "all"):
            continue
        for site, keys in spec["pages"][name].items():
            for key in keys:
                base = folder / key
                ref = (base / "reference.txt").read_text(encoding="utf-8")
                body = (base / "page.html").read_bytes()
                yield site, Sample(key, body, None, ref, None, False)


def score_half(
    argv: Sequence[str], spec: dict[str, Any], name: str, widths: tuple[int, int]
) -> int:
    """Score both extractors on a half of a set and print the totals."""
    args = parse_score_args(argv, name, spec["folder"], "judge")
    pages = half_pages(args.folder, args.split, spec)
    stats = score_pages(pages, lambda _site: (args.split,), args.per_page, widths)
    print(group_line(args.split, stats))
    return 0


def time_pages(split: str, samples: Iterable[Sample]) -> None:
    """Print each extractor's summed wall time over the pages (fastest of REPEAT runs each)."""
    spent = {"ours": 0.0, "bare": 0.0}
    count = 0
    for sample in samples:
        spent["ours"] += _fastest(partial(_ours, sample), REPEAT)[1]
        spent["bare"] += _fastest(partial(_bare, sample), REPEAT)[1]
        count += 1
    ratio = spent["ours"] / spent["bare"] if spent["bare"] else 0.0
    print(
        f"{split} ({count} pages): bare {spent['bare']:.2f} s  ours {spent['ours']:.2f} s"
        f"  ours/bare {ratio:.2f}"
    )


def time_half(argv: Sequence[str], spec: dict[str, Any], name: str) -> int:
    """Print each extractor's summed wall time over a half's pages (fastest of REPEAT runs each)."""
    args = parse_score_args(argv, name, spec["folder"], "judge")
    time_pages(args.split, (sample for _site, sample in half_pages(args.folder, args.split, spec)))
    return 0


def run_git_set(
    argv: Sequence[str],
    spec: dict[str, Any],
    name: str,
    widths: tuple[int, int],
    build: Callable[[Path, dict[str, Any]], list[Kept]],
) -> int:
    """Run a set's command line: `build --git DIR [--out FOLDER]` writes its pages, `time` times a
    half, else score a half."""
    args = list(argv)
    if args[:1] == ["time"]:
        return time_half(args[1:], spec, name)
    if args[:1] != ["build"]:
        return score_half(args, spec, name, widths)
    ap = argparse.ArgumentParser(description=f"write the {name} pages from the mirror")
    ap.add_argument("--git", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    write_halves(build(opts.git, spec), opts.out, spec["seed"])
    return 0
