"""Score the project vs bare trafilatura on the sg35 set (static-site blog and docs pages; sg35_split.toml).

Usage:
  python benchmarks/sg35.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/sg35.py [--folder FOLDER] [--split dev|judge|all] [--per-page]
  python benchmarks/sg35.py time [--folder FOLDER] [--split dev|judge|all]

``build`` applies the split file's derivation to each repository's pinned commit (found in
whichever mirror holds it) and writes ``<folder>/<key>/{page.html,reference.txt}`` outside the
project, then prints the halves' key lists; no extractor runs while pages are chosen. Scoring is
gn30.py's word P/R/F1 for both extractors, totalled per half and per page kind (blog, docs);
``--per-page`` is for the dev half only. ``time`` is marked_pages' (fastest of three runs).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import marked_pages
from collected import Sample, group_line
from gitblobs import holds, read_files
from marked_pages import Kept, time_half, write_pages
from mdref import front_matter, reference_text
from nn28 import found_share, page_text
from pagescore import parse_score_args, score_pages

SPLIT_FILE = Path(__file__).with_name("sg35_split.toml")
SOURCE_EXT = (".md", ".markdown")
BUILT_EXT = (".html", ".htm")
INDEX_STEMS = frozenset({"index", "_index", "readme"})
MIN_CHARS, MIN_FOUND = 200, 0.90
PagesOf = Callable[[Path, str, dict[str, Any]], Iterator[tuple[str, Sample]]]


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _strip_date(stem: str) -> str:
    """Return a file stem without a leading YYYY-M-D- date (Jekyll's and Hexo's post names)."""
    parts = stem.split("-", 3)
    if len(parts) == 4 and all(p.isdigit() for p in parts[:3]) and len(parts[0]) == 4:
        return parts[3]
    return stem


def built_slug(path: str) -> str:
    """Return a built page's slug: its file stem, or its folder's name for an index page."""
    parts = Path(path).parts
    stem = Path(parts[-1]).stem
    if stem.lower() in INDEX_STEMS and len(parts) > 1:
        stem = parts[-2]
    return stem.lower()


def source_slug(path: str, source: str) -> str:
    """Return a source's slug: front matter `slug`, else the last part of `permalink`, else its
    file stem without a date (its folder's name for an index or README source)."""
    fields = front_matter(source)
    if fields.get("slug"):
        return fields["slug"].lower()
    link = [p for p in fields.get("permalink", "").split("/") if p]
    if link:
        return built_slug("/".join(link))
    parts = Path(path).parts
    stem = Path(parts[-1]).stem
    if stem.lower() in INDEX_STEMS and len(parts) > 1:
        stem = parts[-2]
    return _strip_date(stem).lower()


def export_files(git_dir: Path, commit: str, folders: Sequence[str], into: Path) -> None:
    """Write a commit's source and built files under folders into a folder (other files skipped)."""
    ends = (*SOURCE_EXT, *BUILT_EXT)
    for path, data in read_files(
        git_dir, commit, lambda p: p.lower().endswith(ends), folders
    ).items():
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _unique(names: dict[str, list[str]]) -> dict[str, str]:
    return {slug: paths[0] for slug, paths in names.items() if len(paths) == 1}


def pair_files(root: Path, sources: Sequence[str], built: str) -> list[tuple[str, str]]:
    """Return (source path, built path) pairs whose slugs are unique on both sides, by source
    (a source entry is a folder, read recursively, or one file)."""
    by_source: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for folder in sources:
        base = root / folder
        for path in [base] if base.is_file() else sorted(base.rglob("*")):
            if path.is_file() and path.suffix.lower() in SOURCE_EXT:
                rel = path.relative_to(root).as_posix()
                texts[rel] = path.read_text(encoding="utf-8", errors="replace")
                by_source.setdefault(source_slug(rel, texts[rel]), []).append(rel)
    by_built: dict[str, list[str]] = {}
    for path in sorted((root / built).rglob("*")):
        if path.is_file() and path.suffix.lower() in BUILT_EXT:
            rel = path.relative_to(root).as_posix()
            by_built.setdefault(built_slug(rel), []).append(rel)
    pages = _unique(by_built)
    pairs = [(src, pages[slug]) for slug, src in _unique(by_source).items() if slug in pages]
    return sorted(pairs)


def page_key(repo: str, source: str) -> str:
    """Return a page's key: the repository as owner+name, then the source path with / as ~."""
    return f"{repo.replace('/', '+')}/{source.replace('/', '~')}"


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def build_repo(
    git_dir: Path, repo: dict[str, Any], cap: int, min_chars: int = MIN_CHARS
) -> list[Kept]:
    """Return a repository's kept pages: paired, filtered, the first cap by sha1 of the source path."""
    sources = list(repo["source"])
    kept: list[Kept] = []
    seen: set[bytes] = set()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export_files(git_dir, repo["commit"], [*sources, repo["built"]], root)
        for src, built in sorted(
            pair_files(root, sources, repo["built"]), key=lambda p: _sha1(p[0])
        ):
            body = (root / built).read_bytes()
            text = (root / src).read_text(encoding="utf-8", errors="replace")
            ref = reference_text(text, frozenset(repo.get("markup", ())))
            if len(ref) < min_chars or body in seen:
                continue
            if found_share(ref, page_text(body)) < MIN_FOUND:
                continue
            seen.add(body)
            kept.append(Kept(page_key(repo["name"], src), repo["name"], body, ref))
            if len(kept) == cap:
                break
    return kept


def build(git_dirs: Sequence[Path], spec: dict[str, Any]) -> list[Kept]:
    """Build every repository of the split file from the first mirror that holds its commit."""
    kept: list[Kept] = []
    for repo in spec["repos"]:
        found = [d for d in git_dirs if holds(d, repo["commit"])]
        if not found:
            raise SystemExit(f"no mirror given holds {repo['name']}@{repo['commit']}")
        kept.extend(build_repo(found[0], repo, int(spec["cap"]), spec.get("min_chars", MIN_CHARS)))
    return kept


def halves(kinds: dict[str, str], seed: int) -> dict[str, str]:
    """Return repository -> 'dev' or 'judge': per kind, sorted, shuffled once, first ceil(n/2) dev."""
    half: dict[str, str] = {}
    rng = random.Random(seed)
    for kind in sorted(set(kinds.values())):
        names = sorted(n for n, k in kinds.items() if k == kind)
        rng.shuffle(names)
        cut = math.ceil(len(names) / 2)
        half.update({n: ("dev" if i < cut else "judge") for i, n in enumerate(names)})
    return half


def write_halves(kept: Sequence[Kept], out: Path, spec: dict[str, Any]) -> None:
    """Write every kept page's folder under out and print the halves' key lists."""
    kinds = {repo["name"]: repo["kind"] for repo in spec["repos"]}
    half = halves({k.site: kinds[k.site] for k in kept}, spec["seed"])
    write_pages(kept, out, half, "repositories")


def half_pages(folder: Path, half: str, spec: dict[str, Any]) -> Iterator[tuple[str, Sample]]:
    """Yield ('kind repo', sample) for every listed page of a half ('dev', 'judge' or 'all')."""
    kinds = {repo["name"]: repo["kind"] for repo in spec["repos"]}
    for repo, sample in marked_pages.half_pages(folder, half, spec):
        yield f"{kinds[repo]} {repo}", sample


def score_half(
    argv: Sequence[str], spec: dict[str, Any], name: str = "sg35", pages_of: PagesOf | None = None
) -> int:
    """Score both extractors on a half and print its totals, then each page kind's (the first
    word of each page's label; pages_of gives the labelled pages, half_pages by default)."""
    args = parse_score_args(argv, name, spec["folder"], "judge")
    pages = (pages_of or half_pages)(args.folder, args.split, spec)
    stats = score_pages(
        pages, lambda label: (args.split, label.split()[0]), args.per_page, (28, 40)
    )
    print(group_line(args.split, stats))
    for kind in sorted({group for group, _who in stats} - {args.split}):
        print(group_line(kind, stats))
    return 0


def run(args: Sequence[str], spec: dict[str, Any], name: str) -> int:
    """Build a split file's page folder, score a half, or time it (sg35 and sets built like it)."""
    if args[:1] == ["time"]:
        return time_half(args[1:], spec, name)
    if args[:1] != ["build"]:
        return score_half(args, spec, name)
    ap = argparse.ArgumentParser(description=f"write the {name} pages from the mirrors")
    ap.add_argument("--git", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    write_halves(build(opts.git, spec), opts.out, spec)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Build the sg35 page folder, score a half, or time it."""
    return run(list(sys.argv[1:] if argv is None else argv), load_spec(), "sg35")


if __name__ == "__main__":
    sys.exit(main())
