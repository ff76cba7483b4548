"""Time extract_article against bare trafilatura.extract, side by side, on several page sets.

Usage: python benchmarks/sidebyside.py [--sets cwce,aeb,dr8,nn8,fo8] [--repeat 5] [--src DIR]
       python benchmarks/sidebyside.py --sets dir --dir PAGES --split benchmarks/time10_split.toml

One process, CPU time (``time.process_time``). Per page, bare ``trafilatura.extract(str)``
(defaults; the page decoded first, decoding not counted) and ``extract_article(page)`` (raw
bytes, decoding included) run ``--repeat`` times each, alternating which goes first, so machine
load falls on both alike; the fastest run of each counts. Figures are ratios of totals
(sum of ours / sum of bare) per set, per split and per group (page type, engine or repository).
Sets (pages outside the project): CWCE and AEB (../shared/corpus), dr8 (``--dr8``: SOURCES.tsv,
SPLIT.tsv by repository), the non-news set (``--nn8``, benchmarks/nonnews_set.toml, by kind) and
the forum threads (``--fo8``, benchmarks/forums8_split.toml, by engine); ``dir`` is any folder
(``--dir``) with a SOURCES.tsv (``repo`` and ``file`` columns) whose repositories a split file
(``--split``: ``dev`` and ``test`` lists) divides, grouped by repository. ``--src`` imports the
``extractors`` package from another tree (an export of a base commit) to time before and after
in the same conditions. Outputs are not printed or scored here.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
SHARED = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True, slots=True)
class Timed:
    """One page to time: its set, split, group and raw bytes."""

    set: str
    split: str
    group: str
    name: str
    body: bytes
    content_type: str | None = None
    url: str | None = None


def _cwce_aeb() -> Iterator[Timed]:
    for p in sorted((SHARED / "cwce" / "original").glob("*.html")):
        yield Timed("cwce", "in-sample", "cwce", p.stem, p.read_bytes())
    for p in sorted((SHARED / "aeb" / "html").glob("*.html.gz")):
        body = gzip.decompress(p.read_bytes())
        yield Timed("aeb", "in-sample", "aeb", p.name, body, "text/html; charset=utf-8")


def _dr8(root: Path) -> Iterator[Timed]:
    with (root / "SPLIT.tsv").open(encoding="utf-8", newline="") as fh:
        split = {r["repo"]: r["split"] for r in csv.DictReader(fh, delimiter="\t")}
    with (root / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            body = (root / row["file"]).read_bytes()
            yield Timed("dr8", split[row["repo"]], row["repo"], row["file"], body)


def _nn8(root: Path) -> Iterator[Timed]:
    from nonnews import read_nonnews

    for page, s in read_nonnews(root, "all"):
        yield Timed("nn8", page.split, page.kind, s.name, s.body, url=s.url)


def _fo8(root: Path) -> Iterator[Timed]:
    import tomllib

    from forums import read_pages

    splits = ROOT / "benchmarks" / "forums8_split.toml"
    dev = set(tomllib.loads(splits.read_text(encoding="utf-8"))["dev"])
    for engine, s in read_pages(root, "all", splits):
        yield Timed("fo8", "dev" if engine in dev else "test", engine, s.name, s.body)


def _listed_page(root: Path, name: str) -> Path:
    """Return a SOURCES.tsv file's path: listed under pages/ or with its pages/ prefix."""
    return root / name if name.startswith("pages/") else root / "pages" / name


def _dir(root: Path, split_file: Path) -> Iterator[Timed]:
    import tomllib

    split = tomllib.loads(split_file.read_text(encoding="utf-8"))
    side = {repo: part for part in ("dev", "test") for repo in split[part]}
    with (root / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            body = _listed_page(root, row["file"]).read_bytes()
            yield Timed(split_file.stem, side[row["repo"]], row["repo"], row["file"], body)


def _cpu(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def main() -> int:
    """Time both extractors on the chosen sets and print the ratios of totals."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="cwce,aeb,dr8,nn8,fo8")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per page (fastest counts)")
    ap.add_argument("--src", type=Path, default=ROOT, help="tree to import extractors from")
    ap.add_argument("--dr8", type=Path, default=Path("/work/dr8-data"))
    ap.add_argument("--nn8", type=Path, default=Path("/work/nn8-data"))
    ap.add_argument("--fo8", type=Path, default=Path("/work/fo8-data/pages"))
    ap.add_argument("--dir", type=Path, help="set 'dir': a folder with SOURCES.tsv and pages/")
    ap.add_argument("--split", type=Path, help="set 'dir': its split file (dev/test repositories)")
    ap.add_argument("--only", help="time only this split (dev, test, in-sample) of every set")
    ap.add_argument("--groups", action="store_true", help="print every group, not only sets")
    args = ap.parse_args()
    folders = {"dr8": args.dr8, "nn8": args.nn8, "fo8": args.fo8}
    for name in args.sets.split(","):
        if name == "dir":
            if args.dir is None or args.split is None or not args.dir.is_dir():
                ap.error("set 'dir' needs --dir (an existing folder) and --split")
            continue
        if name not in (*folders, "cwce", "aeb"):
            ap.error(f"unknown set {name!r}: choose from cwce, aeb, dr8, nn8, fo8, dir")
        if name in folders and not folders[name].is_dir():
            ap.error(
                f"{folders[name]} not found: set {name!r} lives outside the project (--{name})"
            )
    sys.path[:0] = [str(args.src.resolve()), str(ROOT / "benchmarks")]

    import trafilatura

    from extractors.article import extract_article
    from extractors.decode import decode_bytes
    from extractors.exceptions import ExtractionError
    from extractors.rows import Page

    def ours(page: Page) -> None:
        with contextlib.suppress(ExtractionError):
            extract_article(page)

    readers: dict[str, Callable[[], Iterator[Timed]]] = {
        "cwce": lambda: (t for t in _cwce_aeb() if t.set == "cwce"),
        "aeb": lambda: (t for t in _cwce_aeb() if t.set == "aeb"),
        "dr8": lambda: _dr8(args.dr8),
        "nn8": lambda: _nn8(args.nn8),
        "fo8": lambda: _fo8(args.fo8),
        "dir": lambda: _dir(args.dir, args.split),
    }
    # Warm-up pages load what the first page would otherwise pay for once per process: OpenCC
    # (a Chinese page) and lingua's models (a Latin-script page that is not plainly English).
    # Without the second, --repeat 1 charged ~70 ms to whichever page first reached lingua.
    for warm in (
        "<html><body><p>人工智能政策。Artificial intelligence policy is news.</p></body></html>",
        "<html><body><p>Die Regierung beschloss heute neue Regeln für Rechenzentren.</p></body></html>",
    ):
        ours(Page(source="warm", body=warm.encode(), fetched_at=FETCHED_AT))
    totals: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for name in args.sets.split(","):
        for t in readers[name]():
            if args.only and t.split != args.only:
                continue
            zone = "Asia/Shanghai" if t.set == "cwce" else "UTC"
            page = Page(t.set, t.body, FETCHED_AT, t.name, t.url, t.content_type, zone)
            text, _ = decode_bytes(t.body, t.content_type)
            mine: list[float] = []
            bare: list[float] = []
            run_ours = partial(ours, page)
            run_bare = partial(trafilatura.extract, text, url=t.url)
            for turn in range(args.repeat):
                if turn % 2:
                    mine.append(_cpu(run_ours))
                    bare.append(_cpu(run_bare))
                else:
                    bare.append(_cpu(run_bare))
                    mine.append(_cpu(run_ours))
            keys: tuple[tuple[str, ...], ...] = (
                (t.set,),
                (t.set, t.split),
                (t.set, t.split, t.group),
            )
            for key in keys:
                row = totals[key]
                row[0] += min(mine)
                row[1] += min(bare)
                row[2] += 1
    for key in sorted(totals):
        if len(key) == 3 and (not args.groups or key[1] == "test"):
            continue  # held-out splits are read as totals only
        mine_s, bare_s, n = totals[key]
        label = " / ".join(key)
        print(
            f"{label:55s} {int(n):4d} pages  ours {1000 * mine_s / n:6.1f} ms"
            f"  bare {1000 * bare_s / n:6.1f} ms  ratio {mine_s / bare_s:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
