r"""Score the project vs bare trafilatura on public test pages collected outside the repo.

Usage: python benchmarks/collected.py --root DIR [--set readability|goose3|newspaper|fundus|irdata]
       [--split dev|test|all] [--per-page]

The pages are third-party, so they live outside the repository (``--root``, default
``$RADAR_COLLECTED`` or /tmp/x15/collected). Two layouts are read, each exported with
``git archive`` from the public repository named:

* ``readability/test/test-pages/<name>/{source.html,expected.html,expected-metadata.json}``
  (mozilla/readability): the reference body is the text of ``expected.html``; word-level F1
  (the metric of ../shared/tools/score_extraction.py, averaged over pages), titles compared
  with ``expected-metadata.json``.
* ``newspaper/tests/data/{html,text}/<name>`` (codelucas/newspaper): the reference is the
  full text file; word-level F1. Held out: only its totals were read, never its pages.
* ``goose3/tests/data/content/<name>.{html,json}`` (goose3/goose3): the reference
  ``cleaned_text`` is often only the article's opening, so only recall is reported.
* ``tests/resources/parser/test_data/<cc>/<Publisher>{.json,_<date>.html.gz}`` (flairNLP/fundus,
  ``--root`` is the folder holding ``tests/``): the reference body is the JSON body's summary,
  headlines and paragraphs; titles and publishing dates (same calendar day) are scored. Split by
  publisher in benchmarks/fundus_split.toml (``--split``): tune on dev, score test once.
* ``Extraction/<folder>/{html,gold}/<name>`` (MSVCode/ir-research-data, ``--root`` the folder
  holding ``Extraction/``; benchmarks/irdata.py): human-made references, word F1; split by
  outlet in benchmarks/rb21_split.toml (``--split``), test scored as totals only.
* ``<owner+name>/<page>/{page.html,reference.txt}`` (benchmarks/rd23.py, ``--root`` the folder of
  benchmarks/rd23_split.toml by default): built static-site pages, the reference their own
  Markdown source as text; split by site, test scored as totals only. The rx24 set
  (benchmarks/rx24_split.toml) has the same layout: WordPress-served post pages, the reference
  the post's body in the site's own feed (content:encoded); ``benchmarks/rx24.py build --git DIR…``
  rebuilds its folder from the pinned mirrors (``--root`` that folder).

Rebuild on a fresh machine (each repository mirrored with the session's ``fetch`` tool, or a
clone: ``git --git-dir=<mirror or clone>/.git`` alike; the four trees are some 70 MB):

    D=/work/collected   # any durable folder outside the repository (not /tmp)
    mkdir -p $D/readability $D/newspaper $D/goose3 $D/fundus
    git --git-dir=<mozilla/readability> archive ab4027a8b37669745016869a37a504727992b2ba \
        test/test-pages | tar -x -C $D/readability                       # 130 pages
    git --git-dir=<codelucas/newspaper> archive 1618b547f31c2d1fd19ae3b6afd8f7542dd02074 \
        tests/data | tar -x -C $D/newspaper                              # 145 with a text file
    git --git-dir=<goose3/goose3> archive c5a8902eed0c4592a1ff5ec51a0277cf73a3aca7 \
        tests/data/content | tar -x -C $D/goose3                         # 45 with >= 40 chars
    git --git-dir=<flairNLP/fundus> archive 18da6e53592f99cf0ac5770dc63d6ba99ba63ae8 \
        tests/resources/parser/test_data | tar -x -C $D/fundus           # 258 pages
    python benchmarks/collected.py --root $D --set readability   # or newspaper, goose3
    python benchmarks/collected.py --root $D/fundus --set fundus --split dev   # test: totals only
    mkdir -p $D/irdata && git --git-dir=<MSVCode/ir-research-data> archive \
        cbb428cea48e1392496a6542b610fb422a436b52 Extraction | tar -x -C $D/irdata   # 720 pages
    python benchmarks/collected.py --root $D/irdata --set irdata --split dev   # test: totals only

``benchmarks/extraction_identity.py`` reads the same folders (``$RADAR_COLLECTED``, and the fundus
dev half from ``$RADAR_FUNDUS`` or ``$RADAR_COLLECTED/fundus``).

Both extractors run in one process on the same pages; the time of each is the fastest of
``--repeat`` runs per page (bare trafilatura on the decoded str, ours on raw bytes).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # irdata (a sibling module)

import trafilatura
from fundusdata import fundus_pages
from irdata import irdata_pages
from lxml import html as lxml_html
from rd23 import NW23_SPLIT_FILE, RX24_SPLIT_FILE, rd23_pages

from extractors.article import extract_article
from extractors.decode import decode_bytes
from extractors.exceptions import ExtractionError
from extractors.rows import Page

T = TypeVar("T")
MIN_BODY = 40  # extract_article's minimum body (shorter pages are rejected as no_body)
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_]+(?:_[^\W_]+)*")
_CJK_RE = re.compile(rf"[{_CJK}]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphens, zero widths


@dataclass(frozen=True, slots=True)
class Sample:
    """One collected page with its reference."""

    name: str
    body: bytes
    url: str | None
    reference: str
    title: str | None
    recall_only: bool
    published: str | None = None
    fetched_at: datetime = FETCHED_AT


def parse_split_args(ap: argparse.ArgumentParser, *dev_only: str) -> argparse.Namespace:
    """Add --split and --per-page, parse, and refuse page-level output outside the dev split."""
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--per-page", action="store_true", help="print each page (dev split only)")
    args = ap.parse_args()
    if args.split != "dev" and any(getattr(args, flag) for flag in ("per_page", *dev_only)):
        ap.error("--per-page is for the dev split only: test is scored with totals")
    return args


def tokens(text: str) -> Counter[str]:
    """Return the token multiset of a text (CJK characters one token each)."""
    out: list[str] = []
    for tok in _TOKEN.findall(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text or ""))):
        out.extend(_CJK_RE.findall(tok) if _CJK_RE.search(tok) else [tok.lower()])
    return Counter(out)


def score(ref: str, out: str) -> tuple[float | None, float]:
    """Return (precision or None for empty output, recall) of out against ref."""
    r, o = tokens(ref), tokens(out)
    tp = sum((r & o).values())
    precision = tp / sum(o.values()) if o else None
    return precision, tp / max(1, sum(r.values()))


def read_readability(root: Path) -> Iterator[Sample]:
    """Yield the mozilla/readability test pages under root."""
    base = root / "readability" / "test" / "test-pages"
    for folder in sorted(p for p in base.iterdir() if (p / "source.html").is_file()):
        expected = (folder / "expected.html").read_text(encoding="utf-8")
        ref = lxml_html.fromstring(expected or "<div></div>").text_content()
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        body = (folder / "source.html").read_bytes()
        published = meta.get("publishedTime")
        yield Sample(folder.name, body, None, ref, meta.get("title"), False, published)


def read_goose3(root: Path) -> Iterator[Sample]:
    """Yield the goose3 content test pages under root (recall only)."""
    base = root / "goose3" / "tests" / "data" / "content"
    for page in sorted(base.glob("*.html")):
        spec = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        ref = spec["expected"].get("cleaned_text") or ""
        if len(ref) < 40:
            continue
        yield Sample(page.stem, page.read_bytes(), spec.get("url"), ref, None, True)


def read_newspaper(root: Path) -> Iterator[Sample]:
    """Yield the codelucas/newspaper full-text test pages under root (word F1)."""
    base = root / "newspaper" / "tests" / "data"
    for page in sorted((base / "html").glob("*.html")):
        ref = base / "text" / f"{page.stem}.txt"
        if ref.is_file():
            yield Sample(
                page.stem, page.read_bytes(), None, ref.read_text(encoding="utf-8"), None, False
            )


def read_fundus(root: Path, split: str = "all") -> Iterator[Sample]:
    """Yield the flairNLP/fundus parser test pages of the chosen split under root."""
    for name, body, url, ref, title, published, crawled in fundus_pages(root, split):
        yield Sample(name, body, url, ref, title, False, published, crawled or FETCHED_AT)


def read_irdata(root: Path, split: str = "all") -> Iterator[Sample]:
    """Yield MSVCode/ir-research-data's pages of the chosen half (benchmarks/rb21_split.toml)."""
    for name, body, ref in irdata_pages(root, split):
        yield Sample(name, body, None, ref, None, False)


def read_rd23(root: Path | None, split: str = "all") -> Iterator[Sample]:
    """Yield the rd23 static-site pages of the chosen half (benchmarks/rd23_split.toml)."""
    for name, body, ref, _title in rd23_pages(root, split):
        yield Sample(name, body, None, ref, None, False)


def read_nw23(root: Path | None, split: str = "all") -> Iterator[Sample]:
    """Yield the nw23 news-like static-site pages of the chosen half (benchmarks/nw23_split.toml)."""
    for name, body, ref, _title in rd23_pages(root, split, NW23_SPLIT_FILE):
        yield Sample(name, body, None, ref, None, False)


def read_rx24(root: Path | None, split: str = "all") -> Iterator[Sample]:
    """Yield the rx24 WordPress post pages of the chosen half (benchmarks/rx24_split.toml)."""
    for name, body, ref, _title in rd23_pages(root, split, RX24_SPLIT_FILE):
        yield Sample(name, body, None, ref, None, False)


def _ours(sample: Sample) -> tuple[str, str | None, datetime | None]:
    page = Page(source="collected", body=sample.body, fetched_at=sample.fetched_at, url=sample.url)
    try:
        art = extract_article(page)
    except ExtractionError:
        return "", None, None
    return art.text, art.title, art.published_at


def same_day(expected: str, found: datetime | date | None) -> bool:
    """Return True when found falls on the expected ISO date's day (in its own offset)."""
    if found is None:
        return False
    want = datetime.fromisoformat(expected.replace("Z", "+00:00"))
    if not isinstance(found, datetime):  # a calendar day: compared with the page's own day
        return found == want.date()
    if want.tzinfo is None:
        return found.astimezone(UTC).date() == want.date()
    return found.astimezone(want.tzinfo).date() == want.date()


def _bare(sample: Sample) -> str:
    text, _ = decode_bytes(sample.body, None)
    return trafilatura.extract(text, url=sample.url) or ""


def _bare_meta(sample: Sample) -> tuple[str | None, date | None]:
    """Return the title and calendar day bare trafilatura's metadata gives (untimed)."""
    text, _ = decode_bytes(sample.body, None)
    meta = trafilatura.extract_metadata(text, default_url=sample.url)
    found = meta.date if meta is not None else None
    title = meta.title if meta is not None else None
    return title, date.fromisoformat(found[:10]) if found else None


def _fastest(func: Callable[[], T], repeat: int) -> tuple[T, float]:
    """Return func's result and its fastest wall time over repeat runs (at least one)."""
    start = time.perf_counter()
    result = func()
    best = time.perf_counter() - start
    for _ in range(repeat - 1):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return result, best


def _norm_title(text: str | None) -> str:
    """Return a title's tokens in order, lower case, space-joined."""
    if not text:
        return ""
    words = _TOKEN.findall(unicodedata.normalize("NFKC", _INVISIBLE.sub("", html.unescape(text))))
    return " ".join(w.lower() for w in words)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _f1(ps: list[float], rs: list[float]) -> float:
    p, r = _mean(ps), _mean(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def group_line(name: str, stats: dict[tuple[str, str], tuple[list[float], list[float]]]) -> str:
    """Return one group's totals line: bare and ours word F1 (P, R) over its pages."""
    line = [f"{name} ({len(stats[(name, 'ours')][1])} pages):"]
    for who in ("bare", "ours"):
        ps, rs = stats[(name, who)]
        line.append(f"{who} F1 {_f1(ps, rs):.3f} (P {_mean(ps):.3f} R {_mean(rs):.3f})")
    return "  ".join(line)


READERS: dict[str, Callable[[Path], Iterator[Sample]]] = {
    "readability": read_readability,
    "goose3": read_goose3,
    "newspaper": read_newspaper,
    "fundus": read_fundus,
    "irdata": read_irdata,
    "rd23": read_rd23,
    "nw23": read_nw23,
    "rx24": read_rx24,
}
SPLIT_SETS = {
    "fundus": read_fundus,
    "irdata": read_irdata,
    "rd23": read_rd23,
    "nw23": read_nw23,
    "rx24": read_rx24,
}  # split by outlet: --split applies


def main() -> int:
    """Score both extractors on the collected pages and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("RADAR_COLLECTED", "/tmp/x15/collected")
    ap.add_argument("--root", type=Path, default=Path(default))
    ap.add_argument("--set", choices=tuple(READERS), default="readability")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args()
    if args.set in SPLIT_SETS and args.per_page and args.split != "dev":
        ap.error(f"--per-page on the {args.set} set is for the dev split only (test is held out)")
    if args.set not in SPLIT_SETS and args.per_page:
        ap.error(f"the {args.set} set is held out: totals only")
    try:
        if args.set in SPLIT_SETS:
            samples = list(SPLIT_SETS[args.set](args.root, args.split))
        else:
            samples = list(READERS[args.set](args.root))
    except FileNotFoundError as missing:
        ap.error(f"{missing.filename} not found: the collected pages live outside the project")
    if not samples:
        ap.error(f"no pages of the {args.set} set under {args.root} (see docs/quality.md)")
    for sample in samples:  # a warm-up pass: lazy tables (lingua's models) are built once
        _ours(sample)
        _bare(sample)
    stats: dict[str, dict[str, list[float]]] = {
        k: {"p": [], "r": [], "t": [], "p40": [], "r40": []} for k in ("ours", "bare")
    }
    titled = dated = right = wrong = bare_right = bare_wrong = 0
    title_ok = {"ours": 0, "bare": 0}
    for s in samples:
        (ours_text, ours_title, ours_date), t_ours = _fastest(partial(_ours, s), args.repeat)
        bare_text, t_bare = _fastest(partial(_bare, s), args.repeat)
        line = [s.name]
        for key, text, took in (("ours", ours_text, t_ours), ("bare", bare_text, t_bare)):
            p, r = score(s.reference, str(text))
            # the metric of score_extraction.py: P over pages with output, R over all
            if p is not None:
                stats[key]["p"].append(p)
            stats[key]["r"].append(r)
            if len(s.reference.strip()) >= MIN_BODY:
                stats[key]["p40"].append(p if p is not None else 0.0)
                stats[key]["r40"].append(r)
            stats[key]["t"].append(took)
            line.append(f"{key} P={p or 0:.2f} R={r:.2f} len={len(str(text))}")
        bare_title, found = _bare_meta(s) if s.title or s.published else (None, None)
        if s.title:
            titled += 1
            # readability's reference keeps site suffixes ("… | eHow"): a title is right when
            # it is the reference or the reference's headline part.
            want = _norm_title(s.title)
            for key, got in (("ours", ours_title), ("bare", bare_title)):
                mine = _norm_title(str(got or ""))
                good = bool(mine) and want.startswith(mine)
                title_ok[key] += good
                line.append(f"title {key} {'ok' if good else repr(got)}")
        if s.published:
            dated += 1
            right += same_day(s.published, ours_date)
            wrong += ours_date is not None and not same_day(s.published, ours_date)
            bare_right += same_day(s.published, found)
            bare_wrong += found is not None and not same_day(s.published, found)
            for key, day in (("ours", ours_date), ("bare", found)):
                verdict = "ok" if same_day(s.published, day) else str(day)
                line.append(f"date {key} {verdict}")
        if args.per_page:
            print(" | ".join(line))
    n = len(samples)
    for key in ("ours", "bare"):
        st = stats[key]
        measure = (
            f"R {_mean(st['r']):.3f}"
            if args.set == "goose3"
            else (f"F1 {_f1(st['p'], st['r']):.3f} (P {_mean(st['p']):.3f} R {_mean(st['r']):.3f})")
        )
        print(f"{args.set} {key}: {n} pages, {measure}, {sum(st['t']):.2f} s")
        if args.set != "goose3":
            body = f"F1 {_f1(st['p40'], st['r40']):.3f}"
            print(
                f"  ... {len(st['r40'])} pages whose reference has >= {MIN_BODY} characters: {body}"
            )
    ratio = sum(stats["ours"]["t"]) / max(1e-9, sum(stats["bare"]["t"]))
    print(f"time ours / bare: {ratio:.2f}")
    if titled:
        print(
            "titles equal to the reference or its headline part: "
            f"ours {title_ok['ours']}/{titled}, bare trafilatura metadata {title_ok['bare']}/{titled}"
        )
    if dated:
        print(f"dates (ours): {right}/{dated} right, {wrong} wrong, {dated - right - wrong} none")
        bare_none = dated - bare_right - bare_wrong
        print(
            f"dates (bare trafilatura metadata): {bare_right}/{dated} right, {bare_wrong} wrong,"
            f" {bare_none} none"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
