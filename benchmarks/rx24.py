"""Rebuild and score the rx24 set (WordPress-served post pages, the feed's content:encoded as reference).

Usage:
  python benchmarks/rx24.py build --git DIR [DIR ...] [--out FOLDER]
  python benchmarks/rx24.py [--folder FOLDER] [--split dev|test|all] [--per-page]
  python benchmarks/rx24.py time [--folder FOLDER] [--split dev|test|all]
  python benchmarks/rx24.py rule --git DIR [DIR ...]

``build`` applies rx24_split.toml's rule to each repository's pinned commit (found in whichever
mirror holds it) and writes ``<folder>/<owner+name>/<page>/{page.html,reference.txt,meta.json}``
outside the project for exactly the keys the split file lists; a listed key it cannot rebuild
(no feed item names its page, or the pair fails the filters) stops it with the key's name. The
folder is what ``collected.py --root FOLDER --set rx24`` reads too. Scoring is collected.py's word
P/R/F1 (macro over pages) for ours and bare trafilatura; ``--per-page`` is for the dev half only.
``rule`` checks, on the dev half only, that the split file's selection (kept pairs sorted by page
path, shuffled with random.Random(2026122424), the first 12) gives each repository's listed keys.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collected import Sample, group_line
from gitblobs import holds, read_files
from lxml import etree
from lxml import html as lxml_html
from marked_pages import block_text, time_pages
from nn28 import keep, page_text
from pagescore import parse_score_args, score_pages
from rd23 import RX24_SPLIT_FILE, rd23_pages

PROJECT = Path(__file__).resolve().parents[1]
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
SEED, CAP = 2026122424, 12  # the split file's selection: per repository, seeded shuffle, first 12
KEY_CHARS = 80  # a page key is its path with / as _, its last 80 characters
FOOTER = (
    "appeared first on"  # WordPress SEO plugins' feed footer, "The post X appeared first on Y."
)


@dataclass(frozen=True, slots=True)
class Item:
    """One post of a mirror's feeds: its link, its content:encoded HTML and the feed it came from."""

    link: str
    content: str
    feed: str


@dataclass(frozen=True, slots=True)
class Pair:
    """One feed item paired with its mirrored page."""

    key: str
    path: str
    item: Item
    body: bytes
    reference: str


def load_spec(path: Path = RX24_SPLIT_FILE) -> dict[str, Any]:
    """Return the split file as a dict."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def read_tree(git_dir: Path, commit: str) -> dict[str, bytes]:
    """Return a commit's .html and feed .xml files by path (other files are not read)."""
    return read_files(git_dir, commit, lambda p: p.endswith((".html", ".htm")) or is_feed_path(p))


def is_feed_path(path: str) -> bool:
    """Return True for a mirrored feed file (``…/feed/index.xml`` or ``feed/index.html``)."""
    parts = path.split("/")
    return len(parts) >= 2 and parts[-2] == "feed" and parts[-1] in ("index.xml", "index.html")


def feed_items(data: bytes, feed: str) -> list[Item]:
    """Return a WordPress RSS feed's post items with a content:encoded body (comment items out)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None or root.findtext("channel/generator", "").find("wordpress.org") < 0:
        return []
    items: list[Item] = []
    for node in root.iterfind("channel/item"):
        link = (node.findtext("link") or "").strip()
        content = node.findtext(CONTENT) or ""
        if link and content.strip() and not urlsplit(link).fragment:  # #comment-N: a comment
            items.append(Item(link, content, feed))
    return items


def page_path(link: str, files: dict[str, bytes]) -> str | None:
    """Return the mirrored page a link names: leading path segments dropped until one matches."""
    parts = [p for p in urlsplit(link).path.split("/") if p]
    while parts:
        path = "/".join(parts)
        for candidate in (f"{path}/index.html", f"{path}.html"):
            if candidate in files:
                return candidate
        parts = parts[1:]
    return None


def page_key(path: str) -> str:
    """Return a page's key: its path without index.html/.html, / as _, the last 80 characters."""
    stem = path.removesuffix("/index.html").removesuffix(".html")
    return stem.replace("/", "_")[-KEY_CHARS:]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _same_link(href: str, link: str) -> bool:
    return href.strip().rstrip("/") == link.strip().rstrip("/")


def reference_text(content: str, link: str, whole_page: str | None) -> str:
    """Return content:encoded as text a block a line, the feed footer out unless the page holds it."""
    # whole_page None keeps the footer: the text the pages were chosen on (before the footer fix)
    root = lxml_html.fragment_fromstring(content, create_parent="div")
    blocks = [el for el in root if isinstance(el.tag, str)]
    last = blocks[-1] if blocks and whole_page is not None else None
    if last is not None and last.tag == "p" and FOOTER in _flat(last.text_content()):
        own = any(_same_link(a.get("href") or "", link) for a in last.iter("a"))
        if own and _flat(last.text_content()) not in _flat(whole_page or ""):
            last.drop_tree()
    return block_text(root)


def pairs(files: dict[str, bytes]) -> dict[str, Pair]:
    """Return every feed item paired with its mirrored page, by key (first feed in path order)."""
    found: dict[str, Pair] = {}
    for feed in sorted(p for p in files if is_feed_path(p)):
        for item in feed_items(files[feed], feed):
            path = page_path(item.link, files)
            if path is None or page_key(path) in found:
                continue
            body = files[path]
            ref = reference_text(item.content, item.link, page_text(body))
            found[page_key(path)] = Pair(page_key(path), path, item, body, ref)
    return found


def build_repo(git_dir: Path, name: str, entry: dict[str, Any]) -> list[Pair]:
    """Return the listed pages of one repository, refusing a key the rule cannot rebuild."""
    found = pairs(read_tree(git_dir, entry["build"]))
    kept: list[Pair] = []
    for key in entry["pages"]:
        pair = found.get(key)
        if pair is None:
            raise SystemExit(f"{name}/{key}: no feed item of {entry['build']} names this page")
        chosen_on = reference_text(pair.item.content, pair.item.link, None)
        if not keep(chosen_on, page_text(pair.body)):
            raise SystemExit(f"{name}/{key}: the pair fails the filters (length, ASCII, same page)")
        kept.append(pair)
    return kept


def chosen(found: dict[str, Pair]) -> list[str]:
    """Return the keys the selection rule picks: kept pairs by page path, shuffled, the first 12."""
    kept = [
        p.path
        for p in found.values()
        if keep(reference_text(p.item.content, p.item.link, None), page_text(p.body))
    ]
    paths = sorted(kept)
    random.Random(SEED).shuffle(paths)
    return [page_key(path) for path in paths[:CAP]]


def check_rule(git_dirs: Sequence[Path], spec: dict[str, Any]) -> int:
    """Print, for each dev repository, whether the selection rule gives the listed keys in order."""
    differ = 0
    for name, entry in sorted(spec["dev"].items()):
        mirrors = [d for d in git_dirs if holds(d, entry["build"])]
        if not mirrors:
            raise SystemExit(f"no mirror given holds {name}@{entry['build']}")
        got = chosen(pairs(read_tree(mirrors[0], entry["build"])))
        same = got == entry["pages"]
        differ += not same
        print(f"{name}: {'the listed keys' if same else f'differs: {got}'}")
    return 1 if differ else 0


def build(git_dirs: Sequence[Path], spec: dict[str, Any], out: Path) -> int:
    """Write every listed page of both halves under out from the first mirror holding its commit."""
    if out.resolve().is_relative_to(PROJECT):
        raise SystemExit(f"{out} is inside the project: third-party pages stay outside it")
    count = 0
    for half in ("dev", "test"):
        for name, entry in sorted(spec[half].items()):
            mirrors = [d for d in git_dirs if holds(d, entry["build"])]
            if not mirrors:
                raise SystemExit(f"no mirror given holds {name}@{entry['build']}")
            for pair in build_repo(mirrors[0], name, entry):
                folder = out / name.replace("/", "+") / pair.key
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "page.html").write_bytes(pair.body)
                (folder / "reference.txt").write_text(pair.reference, encoding="utf-8")
                meta = {"build": entry["build"], "path": pair.path, "link": pair.item.link}
                (folder / "meta.json").write_text(json.dumps(meta | {"feed": pair.item.feed}))
                count += 1
    print(f"wrote {count} pages under {out}")
    return 0


def half_pages(folder: Path, split: str) -> Iterator[tuple[str, Sample]]:
    """Yield (repository, sample) for every listed page of a half, as collected.py reads them."""
    for name, body, ref, _title in rd23_pages(folder, split, RX24_SPLIT_FILE):
        yield name.rsplit("/", 1)[0], Sample(name, body, None, ref, None, False)


def score_half(argv: Sequence[str], spec: dict[str, Any]) -> int:
    """Score both extractors on a half and print its totals (and each site's on dev)."""
    args = parse_score_args(argv, "rx24", spec["folder"], "test")
    by_site = args.split == "dev"

    def groups(site: str) -> tuple[str, ...]:
        return (args.split, site) if by_site else (args.split,)

    stats = score_pages(half_pages(args.folder, args.split), groups, args.per_page, (28, 52))
    print(group_line(args.split, stats))
    for site in sorted({group for group, _who in stats} - {args.split}):
        print(group_line(site, stats))
    return 0


def time_half(argv: Sequence[str], spec: dict[str, Any]) -> int:
    """Print each extractor's summed wall time over a half's pages (marked_pages' timing)."""
    args = parse_score_args(argv, "rx24", spec["folder"], "test")
    time_pages(args.split, (sample for _site, sample in half_pages(args.folder, args.split)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Build the rx24 page folder, score a half, or time it."""
    args = list(sys.argv[1:] if argv is None else argv)
    spec = load_spec()
    if args[:1] == ["time"]:
        return time_half(args[1:], spec)
    if args[:1] not in (["build"], ["rule"]):
        return score_half(args, spec)
    ap = argparse.ArgumentParser(description="write the rx24 pages, or check dev's selection")
    ap.add_argument("--git", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, default=Path(spec["folder"]))
    opts = ap.parse_args(args[1:])
    if args[0] == "rule":  # dev only: the test half's pages are the lead's to read
        return check_rule(opts.git, spec)
    return build(opts.git, spec, opts.out)


if __name__ == "__main__":
    sys.exit(main())
