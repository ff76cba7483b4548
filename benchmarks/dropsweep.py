"""Label-free sweep: what bare trafilatura keeps that we drop, and where in our pipeline we lose it."""

# Usage: .venv/bin/python benchmarks/dropsweep.py --root DIR [--split dev|test|all] [--per-page]
#        [--kept] (the paragraphs we keep that bare drops; dev only)
# DIR holds SOURCES.tsv (repo, commit, path, sha256, file: the page's path under DIR) and
# SPLIT.tsv (repo, pages, split), written before any tuning (docs/quality.md, "Recall on unseen
# pages, eighth round"). Each page runs through extract_article and bare trafilatura.extract
# (defaults); every paragraph bare keeps and we drop is put in a class: bare's comment sections,
# the body pass (the fast or the full pass has it, or neither), repair, header metadata lines
# (bylines, date lines) or the chrome step (tail cut, inline related block, menu run, foreign
# insert, head start, lead notice, one-line chrome, duplicate). The pages are third-party text and
# stay outside the project: totals only for test, --per-page (the paragraphs) on dev only.

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extractors import article as pipeline
from extractors import clean
from extractors.bodypasses import extract_pass_measured
from extractors.chromeline import is_line_chrome, measure
from extractors.chrometail import find_chrome_blocks
from extractors.decode import decode_bytes
from extractors.exceptions import ExtractionError
from extractors.htmlbody import Body
from extractors.htmlparse import parse_markup
from extractors.layouttables import unwrap_layout_tables
from extractors.rows import Article, Page
from extractors.splitbody import join_split_bodies

FETCHED_AT = datetime(2026, 12, 3, tzinfo=UTC)
_WORDS = re.compile(r"\w+")
_GRAM = 5
_GRAM_SHARE = 0.6
# The pipeline steps the sweep records (module attributes of extractors.article, wrapped).
_HOOKED = ("extract_body", "build_article", "remove_chrome")


@dataclass
class Stages:
    """What one run of extract_article produced at each step (filled by the hooks)."""

    body: str = ""
    parsed: list[str] = field(default_factory=list)
    pre_chrome: list[str] = field(default_factory=list)
    simple: list[str] = field(default_factory=list)
    title: str | None = None


@contextmanager
def captured(stages: Stages) -> Iterator[None]:
    """Record the body text, the parsed paragraphs and the chrome step's input while active."""
    originals = {name: getattr(pipeline, name) for name in _HOOKED}

    def body_hook(*args: object, **kwargs: object) -> Body:
        body: Body = originals["extract_body"](*args, **kwargs)
        stages.body = body.text
        return body

    def build_hook(page: Page, parsed: pipeline.Parsed) -> Article:
        stages.parsed = list(parsed.paras)
        built: Article = originals["build_article"](page, parsed)
        return built

    def chrome_hook(
        paras: list[str], simple: list[str], title: str | None = None, **options: bool
    ) -> list[str]:
        stages.pre_chrome, stages.simple, stages.title = list(paras), list(simple), title
        kept: list[str] = originals["remove_chrome"](paras, simple, title, **options)
        return kept

    hooks = {
        "extract_body": body_hook,
        "build_article": build_hook,
        "remove_chrome": chrome_hook,
    }
    with mock.patch.multiple(pipeline, **hooks):
        yield


def norm(text: str) -> str:
    """Return text's words, lower-cased, joined by single spaces."""
    return " ".join(_WORDS.findall(text.lower()))


def contains(hay: str, para: str) -> bool:
    """Return True when hay (normalised) holds para, or most of its 5-word runs."""
    words = norm(para)
    if not words or words in hay:
        return True
    split = words.split()
    if len(split) <= _GRAM:
        return False
    grams = [" ".join(split[i : i + _GRAM]) for i in range(len(split) - _GRAM + 1)]
    return sum(g in hay for g in grams) >= _GRAM_SHARE * len(grams)


def chrome_reason(stages: Stages, index: int) -> str:
    """Return the chrome rule that drops paragraph index of the chrome step's input."""
    paras, simple = stages.pre_chrome, stages.simple
    feats = [measure(p, s) for p, s in zip(paras, simple, strict=True)]
    end, dropped = find_chrome_blocks(paras, feats)
    start = clean.find_head_start(paras[:end], feats[:end], stages.title)
    rules: list[tuple[str, Callable[[], bool]]] = [
        ("tail_cut", lambda: index >= end),
        ("inline_related", lambda: index in dropped),
        ("menu_run", lambda: index in clean.find_menu_runs(paras, feats)),
        ("foreign", lambda: index in clean.find_foreign_inserts(paras)),
        ("head_start", lambda: index < start),
        ("lead_notice", lambda: index in clean.find_lead_notices(simple[:end], feats[:end], start)),
        ("line_chrome", lambda: is_line_chrome(paras[index], simple[index], feats[index])),
    ]
    return next((name for name, test in rules if test()), "duplicate_or_shouted")


def passes(markup: str) -> tuple[str, str]:
    """Return the fast and the full pass's text of a page, each on a fresh tree."""
    if pipeline.is_fragment(markup):
        markup = f"<html><body><div>{markup}</div></body></html>"
    out = []
    for fast in (True, False):
        tree = parse_markup(markup)
        if tree is None:
            return "", ""
        unwrap_layout_tables(tree)
        join_split_bodies(tree)
        out.append(extract_pass_measured(tree, None, fast)[0])
    return out[0], out[1]


def classify(para: str, stages: Stages, hay: dict[str, str]) -> str:
    """Return where a paragraph bare keeps was lost in our pipeline."""
    if not contains(hay["bare_nc"], para):
        return "bare_comments"
    if not contains(hay["body"], para):
        fast, full = contains(hay["fast"], para), contains(hay["full"], para)
        return "body:" + ("both_have" if fast and full else "full_has" if full else
                          "fast_has" if fast else "neither")  # fmt: skip
    if not contains(hay["parsed"], para):
        return "repair"
    if not contains(hay["pre"], para):
        return "meta_lines"
    key = norm(para)
    index = next((i for i, q in enumerate(stages.pre_chrome) if key in norm(q)), None)
    return "chrome:" + (chrome_reason(stages, index) if index is not None else "unmatched")


@dataclass
class Sweep:
    """The lost paragraphs of one page, and the characters we keep that bare drops."""

    repo: str
    file: str
    lost: list[tuple[str, str]]
    extra: int
    rejected: str
    kept: list[str] = field(default_factory=list)


def sweep_page(repo: str, file: str, body: bytes) -> Sweep:
    """Run both extractors on one page and classify what bare keeps and we drop."""
    markup, _ = decode_bytes(body, None)
    stages = Stages()
    rejected = ""
    with captured(stages):
        try:
            page = Page(source="sweep", body=body, fetched_at=FETCHED_AT)
            ours = pipeline.extract_article(page).text
        except ExtractionError as exc:
            ours, rejected = "", exc.reason
    bare = trafilatura.extract(markup) or ""
    fast, full = passes(markup)
    hay = {
        "ours": norm(ours),
        "bare": norm(bare),
        "bare_nc": norm(trafilatura.extract(markup, include_comments=False) or ""),
        "body": norm(stages.body),
        "fast": norm(fast),
        "full": norm(full),
        "parsed": norm("\n".join(stages.parsed)),
        "pre": norm("\n".join(stages.pre_chrome)),
    }
    lost = [
        (classify(p, stages, hay), p)
        for p in (line.strip() for line in bare.split("\n"))
        if p and not contains(hay["ours"], p)
    ]
    kept = [p for p in ours.split("\n") if p.strip() and not contains(hay["bare"], p)]
    return Sweep(repo, file, lost, sum(map(len, kept)), rejected, kept)


def read_listing(root: Path, split: str) -> Iterator[tuple[str, str]]:
    """Yield (repository, file under root) of every listed page of the split."""
    with (root / "SPLIT.tsv").open(encoding="utf-8") as fh:
        splits = {row["repo"]: row["split"] for row in csv.DictReader(fh, delimiter="\t")}
    with (root / "SOURCES.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if split in {"all", splits[row["repo"]]}:
                yield row["repo"], row["file"]


def main() -> int:
    """Sweep the split's pages and print the lost characters by class (and pages, on dev)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--per-page", action="store_true", help="print lost paragraphs (dev only)")
    ap.add_argument("--kept", action="store_true", help="print what we keep that bare drops (dev)")
    args = ap.parse_args()
    if (args.per_page or args.kept) and args.split != "dev":
        ap.error("--per-page is for the dev split only: test is read in totals")
    chars: Counter[str] = Counter()
    pages: defaultdict[str, set[str]] = defaultdict(set)
    repos: defaultdict[str, Counter[str]] = defaultdict(Counter)
    extra = rejected = count = 0
    for repo, file in read_listing(args.root, args.split):
        done = sweep_page(repo, file, (args.root / file).read_bytes())
        count += 1
        extra += done.extra
        rejected += bool(done.rejected)
        if args.kept:
            print("\n".join(f"{file}\tkept\t{para[:160]}" for para in done.kept))
        for stage, para in done.lost:
            chars[stage] += len(para)
            pages[stage].add(file)
            repos[stage][repo.split("/")[-1]] += len(para)
            if args.per_page:
                print(f"{file}\t{stage}\t{para[:160]}")
    print(f"{args.split}: {count} pages, {rejected} rejected; we keep {extra} chars bare drops")
    for stage, total in chars.most_common():
        top = ", ".join(f"{r} {c}" for r, c in repos[stage].most_common(3))
        print(f"{stage:28s} {total:8d} chars on {len(pages[stage]):3d} pages ({top})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
