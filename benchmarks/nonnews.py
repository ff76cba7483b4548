"""Score the project vs bare trafilatura on the English non-news set (dev and held-out test).

Usage: python benchmarks/nonnews.py --root DIR [--split dev|test|all] [--per-page]

The 47 pages listed in benchmarks/nonnews_set.toml (blogs, forum threads, tutorials, product and
listing pages, a few news stories) come from three public repositories, exported with
``git archive`` under ``--root`` (default ``$RADAR_NONNEWS`` or /work/rd7-fresh):

* ``htmltotext/en/{html,text}/<key>`` (leogao2/htmltotext-benchmark ``benchmarkdata/en``);
* ``webmainbench/sample_dataset.jsonl`` (opendatalab/WebMainBench ``data``), Markdown references;
* ``magic-html/data/{article,forum}/{base.json,htmls/<key>.html}`` (opendatalab/magic-html
  ``benchmark``).

The set is split by repository (the ``[split]`` table of the TOML file): the magic-html pages are
**dev** (``--per-page`` prints them one by one), the htmltotext and WebMainBench pages are **test**,
scored with totals only (overall and per page kind); ``--per-page`` refuses any split but dev.
``--split`` defaults to dev. Word-level F1 with the metric of ../shared/tools/score_extraction.py
(precision over pages with output, recall over all pages), both extractors in one process on the
same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, _bare, _ours, group_line, parse_split_args, score

SET_FILE = Path(__file__).with_name("nonnews_set.toml")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Listed:
    """One page of the set: where it is and what kind of page it is."""

    source: str
    key: str
    kind: str
    split: str


def listed_pages() -> list[Listed]:
    """Return the pages of benchmarks/nonnews_set.toml in order, each with its split."""
    spec = tomllib.loads(SET_FILE.read_text(encoding="utf-8"))
    splits: dict[str, str] = spec["split"]
    # A page may be moved by outlet from its repository's split ("split" on the page).
    return [
        Listed(p["source"], p["key"], p["kind"], p.get("split", splits[p["source"]]))
        for p in spec["page"]
    ]


def markdown_text(text: str) -> str:
    """Return the words of a Markdown reference: images dropped, links reduced to their label."""
    return _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))


def read_page(root: Path, page: Listed, jsonl: dict[str, dict[str, str]]) -> Sample:
    """Return one listed page with its reference text."""
    if page.source == "htmltotext":
        base = root / "htmltotext" / "en"
        ref = (base / "text" / f"{page.key}.txt").read_text(encoding="utf-8")
        body = (base / "html" / f"{page.key}.html").read_bytes()
        return Sample(page.key, body, None, ref, None, False)
    if page.source == "webmainbench":
        row = jsonl[page.key]
        ref = markdown_text(row["groundtruth_content"])
        return Sample(page.key, row["html"].encode("utf-8"), row["url"], ref, None, False)
    base = root / page.source.replace("magic-html/", "magic-html/data/")
    spec = json.loads((base / "base.json").read_text(encoding="utf-8"))[page.key]
    body = (base / "htmls" / f"{page.key}.html").read_bytes()
    return Sample(page.key, body, spec["url"], spec["content"], None, False)


def read_nonnews(root: Path, split: str) -> Iterator[tuple[Listed, Sample]]:
    """Yield every listed page of the split (dev, test or all) with its sample."""
    chosen = [p for p in listed_pages() if split in {"all", p.split}]
    jsonl: dict[str, dict[str, str]] = {}
    if any(p.source == "webmainbench" for p in chosen):
        rows = root / "webmainbench" / "sample_dataset.jsonl"
        for line in rows.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            jsonl[row["track_id"]] = row
    for page in chosen:
        yield page, read_page(root, page, jsonl)


def _fmt(value: float | None) -> str:
    """Return a score with three decimals, or a dash for no output."""
    return "  -  " if value is None else f"{value:.3f}"


def main() -> int:
    """Score both extractors on the set and print totals overall and per kind group."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("RADAR_NONNEWS", "/work/rd7-fresh")
    ap.add_argument("--root", type=Path, default=Path(default))
    args = parse_split_args(ap)
    try:
        pages = list(read_nonnews(args.root, args.split))
    except FileNotFoundError as missing:
        ap.error(f"{missing.filename} not found: the pages live outside the project")
    groups: dict[str, Callable[[str], bool]] = {
        "all": lambda kind: True,
        "forum": lambda kind: kind == "forum",
        "news": lambda kind: kind == "news",
        "other": lambda kind: kind not in {"forum", "news"},
    }
    stats: dict[tuple[str, str], tuple[list[float], list[float]]] = {
        (g, who): ([], []) for g in groups for who in ("ours", "bare")
    }
    for page, sample in pages:
        scored: list[str] = []
        for who, text in (("ours", _ours(sample)[0]), ("bare", _bare(sample))):
            p, r = score(sample.reference, text)
            scored.append(f"{who} P {_fmt(p)} R {_fmt(r)} ({len(text):6d} ch)")
            for g, member in groups.items():
                if member(page.kind):
                    ps, rs = stats[(g, who)]
                    if p is not None:
                        ps.append(p)
                    rs.append(r)
        if args.per_page:
            print(f"{page.kind:8s} {page.key[:40]:40s} " + "  ".join(scored))
    for g in groups:
        if not stats[(g, "ours")][1]:
            continue
        print(group_line(g, stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
