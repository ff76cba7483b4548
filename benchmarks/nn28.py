"""Score the project vs bare trafilatura on the nn28 set (hand-marked English pages; nn28_split.toml).

Usage:
  python benchmarks/nn28.py build --git DIR [--out FOLDER]   # DIR: a git dir of the mirror
  python benchmarks/nn28.py [--folder FOLDER] [--split dev|test|all] [--per-page]

``build`` applies the split file's selection rule to the commit it names and writes
``<folder>/<group>/<key>/{page.html,reference.txt}`` (third-party text stays outside the project);
no extractor runs while pages are chosen. Scoring prints both extractors' word P/R/F1 totals with
the metric of ../shared/tools/score_extraction.py (precision over pages with output, recall over
all pages), overall and per group; ``--per-page`` is for the dev split only.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, group_line, tokens
from lxml import html as lxml_html
from pagescore import parse_score_args, score_pages

from extractors.decode import decode_bytes

SPLIT_FILE = Path(__file__).with_name("nn28_split.toml")
COMMENTS_MARK = "!@#$%^&*()  COMMENTS"  # dragnet_data: the comments follow this line
_MARKER = re.compile(r"<\s*[phlPHL]\s*>")
MIN_CHARS, MIN_ASCII, MIN_FOUND = 500, 0.95, 0.90


@dataclass(frozen=True, slots=True)
class Group:
    """One annotation project of the set and the half it belongs to."""

    name: str
    half: str


def load_spec(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def groups(spec: dict[str, Any]) -> list[Group]:
    """Return every group with its half: one seeded draw per pair, in the pairs' order."""
    rng = random.Random(spec["seed"])
    out: list[Group] = []
    for pair in spec["pairs"]:
        first, second = sorted(pair)
        to_dev = rng.random() < 0.5
        out += [
            Group(first, "dev" if to_dev else "test"),
            Group(second, "test" if to_dev else "dev"),
        ]
    return out


def decode_text(raw: bytes) -> str:
    """Return a gold file's text: UTF-8, else Windows-1252 (Latin-1 as the last resort)."""
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def reference_text(gold: str) -> str:
    """Return a gold file's main text: no URL line, no comments, no markers, entities unescaped."""
    lines = gold.splitlines()
    if lines and lines[0].startswith("URL:"):
        lines = lines[1:]
    text = "\n".join(lines).split(COMMENTS_MARK, 1)[0]
    text = html.unescape(_MARKER.sub("\n", text))
    folded = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in folded if line)


def found_share(reference: str, page_text: str) -> float:
    """Return the share of the reference's tokens whose form occurs in the page's text."""
    ref, page = tokens(reference), tokens(page_text)
    total = sum(ref.values())
    return sum(n for tok, n in ref.items() if tok in page) / total if total else 0.0


def keep(reference: str, page_text: str) -> bool:
    """Return True when a pair passes the selection rule (length, ASCII share, same page)."""
    if len(reference) < MIN_CHARS:
        return False
    if sum(ch.isascii() for ch in reference) < MIN_ASCII * len(reference):
        return False
    return found_share(reference, page_text) >= MIN_FOUND


def choose(keys: Sequence[str], seed: int, count: int) -> list[str]:
    """Return the first count keys of the sorted keys shuffled with the seed."""
    ordered = sorted(keys)
    random.Random(seed).shuffle(ordered)
    return ordered[:count]


def page_text(body: bytes) -> str:
    """Return a page's whole text (lxml text_content after decoding), empty when unparsable."""
    text, _ = decode_bytes(body, None)
    try:
        return str(lxml_html.fromstring(text).text_content())
    except Exception:  # an unparsable page fails the rule, whatever lxml raises
        return ""


def export_tree(git_dir: Path, commit: str, paths: Sequence[str], into: Path) -> None:
    """Extract paths of one commit of a (bare) repository into a folder: git archive, then tar."""
    archive = subprocess.run(
        ["git", "--git-dir", str(git_dir), "archive", commit, *paths],
        check=True,
        capture_output=True,
    ).stdout
    tar_path = into / "set.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")


def build(git_dir: Path, out: Path, spec: dict[str, Any]) -> dict[str, list[str]]:
    """Apply the selection rule to the mirror's commit and write the chosen pages under out."""
    chosen: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        names = [g.name for g in groups(spec)]
        export_tree(git_dir, spec["commit"], names, Path(tmp))
        for name in names:
            base = Path(tmp) / name
            kept: dict[str, tuple[bytes, str]] = {}
            for gold in sorted((base / "GoldStandard").glob("*.txt")):
                page = base / "input" / f"{gold.stem}.html"
                if not page.is_file():
                    continue
                body = page.read_bytes()
                ref = reference_text(decode_text(gold.read_bytes()))
                if keep(ref, page_text(body)):
                    kept[gold.stem] = (body, ref)
            chosen[name] = choose(list(kept), spec["seed"], spec["per_group"])
            for key in chosen[name]:
                folder = out / name / key
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "page.html").write_bytes(kept[key][0])
                (folder / "reference.txt").write_text(kept[key][1], encoding="utf-8")
    return chosen


def nn28_pages(folder: Path, half: str, spec: dict[str, Any]) -> Iterator[tuple[str, Sample]]:
    """Yield (group, sample) for every listed page of a half ('dev', 'test' or 'all')."""
    for group in groups(spec):
        if half not in (group.half, "all"):
            continue
        for key in spec["pages"][group.name]:
            base = folder / group.name / key
            ref = (base / "reference.txt").read_text(encoding="utf-8")
            yield group.name, Sample(key, (base / "page.html").read_bytes(), None, ref, None, False)


def run_score(argv: Sequence[str], spec: dict[str, Any]) -> int:
    """Score both extractors on a half and print totals overall and per group."""
    args = parse_score_args(argv, "nn28", spec["folder"], "test")
    pages = nn28_pages(args.folder, args.split, spec)
    stats = score_pages(pages, lambda group: (group, "all"), args.per_page, (14, 12))
    for name in sorted({g for g, _ in stats}, key=lambda g: (g != "all", g)):
        print(group_line(name, stats))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Build the page folder or score a half."""
    args = list(sys.argv[1:] if argv is None else argv)
    spec = load_spec()
    if args[:1] == ["build"]:
        ap = argparse.ArgumentParser(description="write the nn28 pages from the mirror")
        ap.add_argument("--git", type=Path, required=True)
        ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
        opts = ap.parse_args(args[1:])
        for name, keys in build(opts.git, opts.out, spec).items():
            print(f'"{name}" = {keys!r}'.replace("'", '"'))
        return 0
    return run_score(args, spec)


if __name__ == "__main__":
    sys.exit(main())
