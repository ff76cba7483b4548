"""The rx24 rebuild: feed items paired with mirrored pages, the footer rule, loud failures, the split."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import REPO, load_benchmark

PROSE = (
    "The beekeepers of the valley opened their hives on the first warm morning of March. "
    "Each colony had come through the winter, and the oldest queen was laying again by noon. "
    "We cleaned the floors, weighed the boxes and wrote the stores down in the club's ledger."
)
OTHER = (
    "A towpath walk from the lower lock to the paper mill takes a little under an hour. "
    "Kingfishers hunt by the weir at dawn, and the boatyard kettle is on from nine o'clock. "
    "Take a scarf, because the wind across the reservoir bites even in late spring."
)
SITE = "https://garden.example.org/press"
LONG = "a-very-long-title-about-the-allotment-society-and-its-annual-show-of-marrows-and-leeks"
FOOTER = "The post {t} appeared first on Garden Press."


def _footer(slug: str, title: str) -> str:
    link = f"<a href='{SITE}/{slug}/'>{title}</a>"
    return (
        "<p>"
        + FOOTER.format(t=link).replace("Garden Press", f"<a href='{SITE}'>Garden Press</a>")
        + "</p>"
    )


def _item(slug: str, html: str) -> str:
    return f"<item><link>{SITE}/{slug}/</link><content:encoded><![CDATA[{html}]]></content:encoded></item>"


def _feed(items: list[str], generator: str = "https://wordpress.org/?v=6.4.2") -> bytes:
    ns = "xmlns:content='http://purl.org/rss/1.0/modules/content/'"
    head = f"<channel><title>Garden Press</title><generator>{generator}</generator>"
    return f"<?xml version='1.0'?><rss version='2.0' {ns}>{head}{''.join(items)}</channel></rss>".encode()


def _page(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    menu = "<nav><a href='/'>Home</a> <a href='/about/'>About</a></nav>"
    return f"<html><body>{menu}<article><h1>A post</h1>{body}</article></body></html>".encode()


def _files() -> dict[str, bytes]:
    bees = f"<p>{PROSE}</p>\n<p>{OTHER}</p>\n{_footer('2021/03/04/bees', 'Bees')}"
    canal = f"<h2>Canal walk</h2><ul><li>{OTHER}</li><li>{PROSE}</li></ul>{_footer('canal', 'Canal walk')}"
    return {
        "feed/index.xml": _feed(
            [
                _item("2021/03/04/bees", bees),
                _item("canal", canal),
                _item("short", "<p>Too short to keep.</p>"),
                _item(LONG, f"<p>{PROSE} {OTHER}</p><script>var x = 1;</script>"),
            ]
        ),
        # a comment feed sorts first: its items link to #comment-N and never give a reference
        "comments/feed/index.xml": _feed(
            [_item("2021/03/04/bees/#comment-3", f"<p>{OTHER} {OTHER}</p>")]
        ),
        # another generator's feed sorts first too: not WordPress's record, never read
        "archive/feed/index.xml": _feed([_item("canal", f"<p>{PROSE}</p>")], "Hugo 0.120"),
        "2021/03/04/bees/index.html": _page(PROSE, OTHER),
        "canal/index.html": _page("Canal walk", OTHER, PROSE, FOOTER.format(t="Canal walk")),
        "short/index.html": _page("Too short to keep."),
        f"{LONG}/index.html": _page(PROSE, OTHER),
        "about/index.html": _page("About this club."),
    }


@pytest.fixture(scope="module")
def rx24() -> ModuleType:
    """Return benchmarks/rx24.py as a module."""
    return load_benchmark("rx24")


def _spec(commit: str, pages: list[str]) -> dict[str, Any]:
    return {"dev": {"someone/garden-press": {"build": commit, "pages": pages}}, "test": {}}


KEYS = ["2021_03_04_bees", "canal", LONG[-80:]]


def test_build_writes_the_listed_pages_by_the_rule(rx24: ModuleType, tmp_path: Path) -> None:
    git_dir, head = commit_files(tmp_path, _files())
    out = tmp_path / "pages"
    assert rx24.build([tmp_path / "missing", git_dir], _spec(head, KEYS), out) == 0
    folder = out / "someone+garden-press"
    assert sorted(p.name for p in folder.iterdir()) == sorted(KEYS)
    # the site lives under /press: the link's leading segment is dropped to find the page
    bees = folder / "2021_03_04_bees"
    assert (bees / "page.html").read_bytes() == _files()["2021/03/04/bees/index.html"]
    # one block a line; the footer is out because the served page does not hold it
    assert (bees / "reference.txt").read_text(encoding="utf-8") == f"{PROSE}\n{OTHER}"
    meta = json.loads((bees / "meta.json").read_text(encoding="utf-8"))
    assert meta["build"] == head and meta["path"] == "2021/03/04/bees/index.html"
    # the canal page shows the footer, so the reference keeps it; list items are blocks
    canal = (folder / "canal" / "reference.txt").read_text(encoding="utf-8")
    assert canal == "\n".join(["Canal walk", OTHER, PROSE, FOOTER.format(t="Canal walk")])
    # scripts give nothing; a long path keeps its last 80 characters as the key
    assert (folder / LONG[-80:] / "reference.txt").read_text(encoding="utf-8") == f"{PROSE} {OTHER}"


@pytest.mark.parametrize(
    ("key", "message"),
    [("2021_03_05_missing", "no feed item"), ("short", "fails the filters"), ("about", "no feed")],
)
def test_build_names_a_listed_key_it_cannot_rebuild(
    rx24: ModuleType, tmp_path: Path, key: str, message: str
) -> None:
    git_dir, head = commit_files(tmp_path, _files())
    with pytest.raises(SystemExit, match=f"someone/garden-press/{key}: .*{message}"):
        rx24.build([git_dir], _spec(head, ["canal", key]), tmp_path / "pages")


def test_build_refuses_a_missing_commit_and_a_folder_in_the_project(
    rx24: ModuleType, tmp_path: Path
) -> None:
    git_dir, head = commit_files(tmp_path, _files())
    with pytest.raises(SystemExit, match="no mirror"):
        rx24.build([git_dir], _spec("0" * 40, KEYS), tmp_path / "pages")
    with pytest.raises(SystemExit, match="inside the project"):
        rx24.build([git_dir], _spec(head, KEYS), REPO / "benchmarks" / "rx24-pages")
    assert not (REPO / "benchmarks" / "rx24-pages").exists()


def test_collected_reads_the_rebuilt_folder(rx24: ModuleType, tmp_path: Path) -> None:
    git_dir, head = commit_files(tmp_path, _files())
    out = tmp_path / "pages"
    rx24.build([git_dir], _spec(head, KEYS), out)
    split = tmp_path / "split.toml"
    split.write_text(
        f'folder = "{out}"\n[dev]\n[dev."someone/garden-press"]\nbuild = "{head}"\n'
        f"pages = {json.dumps(KEYS)}\n[test]\n",
        encoding="utf-8",
    )
    rows = list(load_benchmark("rd23").rd23_pages(None, "dev", split))
    assert [name for name, *_ in rows] == [f"someone/garden-press/{k}" for k in KEYS]
    assert rows[0][2] == f"{PROSE}\n{OTHER}"


def test_rule_check_compares_the_seeded_selection(rx24: ModuleType, tmp_path: Path) -> None:
    git_dir, head = commit_files(tmp_path, _files())
    picked = rx24.chosen(rx24.pairs(rx24.read_tree(git_dir, head)))
    assert sorted(picked) == sorted(KEYS)  # the short pair fails the filters
    assert rx24.check_rule([git_dir], _spec(head, picked)) == 0
    assert rx24.check_rule([git_dir], _spec(head, picked[::-1])) == 1


def test_committed_split_names_every_page(rx24: ModuleType) -> None:
    spec = rx24.load_spec()
    assert not Path(spec["folder"]).resolve().is_relative_to(REPO)
    dev, test = spec["dev"], spec["test"]
    assert len(dev) == 5 and not set(dev) & set(test)
    for entry in [*dev.values(), *test.values()]:
        assert re.fullmatch(r"[0-9a-f]{40}", entry["build"]) and entry["source"] == entry["build"]
        assert len(entry["pages"]) == len(set(entry["pages"])) <= rx24.CAP
        assert all(0 < len(key) <= rx24.KEY_CHARS and "/" not in key for key in entry["pages"])
    assert sum(len(e["pages"]) for e in dev.values()) == 43
    assert sum(len(e["pages"]) for half in (dev, test) for e in half.values()) == 70


def test_per_page_listing_is_refused_on_the_test_half(rx24: ModuleType) -> None:
    with pytest.raises(SystemExit):
        rx24.main(["--split", "test", "--per-page"])
    with pytest.raises(SystemExit):
        rx24.main(["time", "--split", "all", "--per-page"])
