"""The ex32 set: reference cleaning, the page's own URL, the build rule, and the committed split."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

STORY = (
    "The harbour board voted on Tuesday to keep the night ferry running through the winter, "
    "after a month of public meetings in the town hall and a petition signed by four hundred "
    "residents. The ferry will leave the north quay at ten and return before midnight. "
    "Tickets cost the same as in summer, and the board will review the service in March, when "
    "the new timetable for the spring season is drawn up with the operators and the council. "
)


@pytest.fixture(scope="module")
def ex32() -> ModuleType:
    """Return benchmarks/ex32.py as a module."""
    return load_benchmark("ex32")


def _page(head: str, text: str) -> bytes:
    return f"<html><head>{head}</head><body><p>{text}</p></body></html>".encode()


def test_reference_folds_whitespace_drops_empty_lines_and_reads_cp1252(ex32: ModuleType) -> None:
    gold = "  Ferry \u2013 news\r\n\r\n\r\n   runs   at ten.  \n\n".encode("cp1252")
    assert ex32.reference_text(gold) == "Ferry \u2013 news\nruns at ten."


def test_url_is_the_canonical_link_else_og_url_and_only_absolute(ex32: ModuleType) -> None:
    canon = '<link rel="canonical" href="https://www.example.org/a/1.html">'
    og = '<meta property="og:url" content="http://news.example.co.uk/b/2">'
    assert ex32.page_url(_page(og + canon, "x")) == "https://www.example.org/a/1.html"
    relative = '<link rel="canonical" href="/a/1.html">'
    assert ex32.page_url(_page(relative + og, "x")) == "http://news.example.co.uk/b/2"
    assert ex32.page_url(_page('<link rel="stylesheet" href="https://a.org/s.css">', "x")) is None
    assert ex32.site_of(ex32.page_url(_page(og, "x"))) == "example.co.uk"


def test_build_keeps_pairs_with_a_url_that_pass_the_rule(ex32: ModuleType, tmp_path: Path) -> None:
    canon = '<link rel="canonical" href="https://www.harbour.example.com/ferry">'
    text = STORY * 2  # over the rule's 500 characters
    files = {
        "articles/kept.html": _page(canon, text),
        "articles/kept.txt": text.encode(),
        "articles/nourl.html": _page("", text),
        "articles/nourl.txt": text.encode(),
        "articles/short.html": _page(canon, text),
        "articles/short.txt": b"The ferry runs at ten.",
        "articles/lonely.txt": text.encode(),
        "articles/no_content/other.html": _page(canon, text),
        "articles/no_content/other.txt": text.encode(),
    }
    git_dir, head = commit_files(tmp_path, files)
    kept = ex32.build(git_dir, {"commit": head})
    assert [(k.key, k.site) for k in kept] == [("kept", "example.com")]
    assert kept[0].body == files["articles/kept.html"]
    assert kept[0].reference == text.strip()


def test_committed_split_follows_its_rule(ex32: ModuleType) -> None:
    spec = ex32.load_spec()
    assert re.fullmatch(r"[0-9a-f]{40}", spec["commit"])
    dev, judge = spec["pages"]["dev"], spec["pages"]["judge"]
    assert not set(dev) & set(judge)
    keys = [k for half in (dev, judge) for v in half.values() for k in v]
    assert len(keys) == len(set(keys)) == 76
    halves = load_benchmark("marked_pages").halves([*dev, *judge], spec["seed"])
    assert {s for s, h in halves.items() if h == "dev"} == set(dev)
