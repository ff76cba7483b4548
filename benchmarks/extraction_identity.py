"""Check that a speed change to extraction leaves every extract_article output byte-identical.

Usage: .venv/bin/python benchmarks/extraction_identity.py dump OUT.tsv [--dir DIR --split FILE]
       .venv/bin/python benchmarks/extraction_identity.py compare BEFORE.tsv AFTER.tsv

`dump` runs extract_article on a fixed set of pages and writes, per page, the sha256 of every
field of the Article row (its repr, field by field) or of the ExtractionError's reason and
detail. `compare` prints the pages whose hash differs (names only, never text). Pages: the
forum sets (/work/fo-pages, /work/fo2-pages), the CWCE and AEB pages, the realnews **dev**
pages (the test split is never read), the project's example pages and, when present, the
readability/goose3 pages and the fundus dev half ($RADAR_COLLECTED, $RADAR_FUNDUS or
$RADAR_COLLECTED/fundus: see benchmarks/collected.py for the rebuild); with
--dir and --split, also the dev pages of a folder laid out as sidebyside.py's `dir` set
(SOURCES.tsv with repo and file columns, pages/; the split file's dev repositories only).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import itertools
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from collected import read_fundus, read_goose3, read_readability  # noqa: E402
from forums import read_pages  # noqa: E402

from extractors.article import extract_article  # noqa: E402
from extractors.exceptions import ExtractionError  # noqa: E402
from extractors.rows import Page  # noqa: E402

SHARED = ROOT.parent / "shared"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
FORUMS = (
    (Path("/work/fo-pages"), ROOT / "benchmarks" / "forums_split.toml"),
    (Path("/work/fo2-pages"), ROOT / "benchmarks" / "forums2_split.toml"),
)
COLLECTED = Path(os.environ.get("RADAR_COLLECTED", "/tmp/x15/collected"))
FUNDUS = Path(os.environ.get("RADAR_FUNDUS", str(COLLECTED / "fundus")))


def _listed_page(root: Path, name: str) -> Path:
    """Return a SOURCES.tsv file's path: listed under pages/ or with its pages/ prefix."""
    return root / name if name.startswith("pages/") else root / "pages" / name


def _dev_pages(root: Path, split_file: Path) -> Iterator[tuple[str, Page]]:
    """Yield (case name, page) for the dev repositories' pages of a SOURCES.tsv folder."""
    import csv
    import tomllib

    dev = set(tomllib.loads(split_file.read_text(encoding="utf-8"))["dev"])
    with (root / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["repo"] in dev:
                body = _listed_page(root, row["file"]).read_bytes()
                yield f"{root.name}/{row['file']}", Page("dir", body, FETCHED, row["file"], "UTC")


def _pages() -> Iterator[tuple[str, Page]]:
    """Yield (case name, page) for every page of the identity set."""
    from realnews import CORPUS, labels_of

    for root, splits in FORUMS:
        if not (root / "SOURCES.tsv").is_file():
            continue  # a set that is not on this machine
        for engine, s in read_pages(root, "all", splits):
            yield f"{root.name}/{engine}/{s.name}", Page("forum", s.body, s.fetched_at, s.name)
    for p in sorted((SHARED / "corpus" / "cwce" / "original").glob("*.html")):
        yield "cwce/" + p.name, Page("cwce", p.read_bytes(), FETCHED, p.name, "Asia/Shanghai")
    for p in sorted((SHARED / "corpus" / "aeb" / "html").glob("*.html.gz")):
        body = gzip.decompress(p.read_bytes())
        yield "aeb/" + p.name, Page("aeb", body, FETCHED, p.name, "Asia/Shanghai")
    labels = labels_of("dev")
    for folder in ("zh", "hant", "en"):
        for p in sorted((CORPUS / folder / "pages").iterdir()):
            label = labels.get(p.name)
            if label is None:
                continue  # a test-split page: never read
            zone = str(label.get("outlet_timezone") or "UTC")
            yield "dev/" + p.name, Page("realnews", p.read_bytes(), FETCHED, p.name, timezone=zone)
    for p in sorted((ROOT / "examples" / "pages").rglob("*")):
        if p.is_file():
            yield "example/" + p.name, Page("examples", p.read_bytes(), FETCHED, p.name, "UTC")
    if COLLECTED.is_dir():
        for reader in (read_readability, read_goose3):
            for s in reader(COLLECTED):
                yield f"{reader.__name__}/{s.name}", Page("c", s.body, s.fetched_at, url=s.url)
    if FUNDUS.is_dir():
        for s in read_fundus(FUNDUS, "dev"):
            yield "fundus/" + s.name, Page("fundus", s.body, s.fetched_at, url=s.url)


def _digest(page: Page) -> str:
    """Return the sha256 of every field of the page's Article, or of its error."""
    try:
        article = extract_article(page)
    except ExtractionError as exc:
        return hashlib.sha256(f"error\t{exc.reason}\t{exc.detail}".encode()).hexdigest()
    # The version stamp is left out: a bumped EXTRACTOR_VERSION alone must not make every page differ.
    fields = (
        f"{f.name}={getattr(article, f.name)!r}"
        for f in dataclasses.fields(article)
        if f.name != "extractor_version"
    )
    return hashlib.sha256("\n".join(fields).encode("utf-8", "surrogatepass")).hexdigest()


def dump(out: Path, extra: tuple[Path, Path] | None = None) -> int:
    """Write one `case<TAB>sha256` line per page; return the number of pages."""
    pages = _pages() if extra is None else itertools.chain(_pages(), _dev_pages(*extra))
    lines = [f"{name}\t{_digest(page)}" for name, page in pages]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def compare(before: Path, after: Path) -> int:
    """Print the pages whose hashes differ; return how many differ or are missing."""
    old = dict(ln.split("\t") for ln in before.read_text(encoding="utf-8").splitlines())
    new = dict(ln.split("\t") for ln in after.read_text(encoding="utf-8").splitlines())
    bad = sorted(c for c in old.keys() | new.keys() if old.get(c) != new.get(c))
    for case in bad:
        print(f"{case}: {'differs' if case in old and case in new else 'in one dump only'}")
    print(f"{len(old)} pages before, {len(new)} after; {len(bad)} differ")
    return len(bad)


def main() -> int:
    """Dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    dmp = sub.add_parser("dump")
    dmp.add_argument("out", type=Path)
    dmp.add_argument("--dir", type=Path, help="a folder of pages (SOURCES.tsv, pages/)")
    dmp.add_argument("--split", type=Path, help="its split file: only dev repositories are read")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.cmd == "dump":
        extra = (args.dir, args.split) if args.dir and args.split else None
        print(f"{dump(args.out, extra)} pages written to {args.out}")
        return 0
    return 1 if compare(args.before, args.after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
