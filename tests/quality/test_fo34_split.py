"""The fo34 set: the posts as reference, the page's bytes, the build rule, and the committed split."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

from extractors.decode import decode_bytes

OPENING = (
    "Our allotment society meets on the first Saturday of the month in the church hall. This "
    "spring we plan to rebuild the compost bays and share out the new plots by the river. "
    "Does anyone know whether the council still lends out the big shredder for a weekend? "
)
REPLY = (
    "The council stopped lending the shredder last autumn, but the hardware shop on Mill "
    "Lane hires one by the day. Book it a week ahead, because every society wants it then. "
)


@pytest.fixture(scope="module")
def fo34() -> ModuleType:
    """Return benchmarks/fo34.py as a module."""
    return load_benchmark("fo34")


def _doc(url: str, posts: list[str], body: str | None = None) -> dict[str, Any]:
    text = "".join(f"<div class='post'><p>{post}</p></div>" for post in posts)
    markup = body or f"<html><body><div class='nav'>Home Forum</div>{text}</body></html>"
    notes = [{"post_text": {"surface_form": post, "start": 0, "end": 1}} for post in posts]
    return {"id": "1", "url": url, "html": markup, "text": "", "gold_standard_annotation": notes}


def test_reference_is_the_posts_in_order_folded_without_empty_lines(fo34: ModuleType) -> None:
    doc = _doc("https://forum.example.org/t/1", ["  First   post\n\n second line ", "Reply"])
    doc["gold_standard_annotation"].append({"user": {"surface_form": "someone"}})
    assert fo34.reference_text(doc) == "First post\nsecond line\nReply"


def test_page_bytes_decode_to_the_stored_string_whatever_the_markup_declares(
    fo34: ModuleType,
) -> None:
    markup = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>Gr\u00fc\u00dfe aus K\u00f6ln \u2013 bis bald</p></body></html>"
    )
    body = fo34.page_bytes(markup)
    assert body.startswith(b"\xef\xbb\xbf")
    assert decode_bytes(body, None)[0] == markup


def _gold_files() -> dict[str, bytes]:
    kept = _doc("https://forums.example.co.uk/t/allotment", [OPENING, REPLY])
    other = _doc("https://talk.example.com/t/shredder", [REPLY, OPENING])
    docs = {
        "corpus/goldDocuments/a.kept.json": kept,
        "corpus/goldDocuments/b.same-page.json": kept,
        "corpus/goldDocuments/c.nourl.json": _doc("forum/t/1", [OPENING, REPLY]),
        "corpus/goldDocuments/d.short.json": _doc("https://short.example.net/t/2", ["Thanks!"]),
        "corpus/goldDocuments/e.elsewhere.json": _doc(
            "https://other.example.net/t/3", [OPENING], "<html><body><p>Page gone</p></body></html>"
        ),
        "corpus/goldDocumentsPre/f.draft.json": other,
        "data/g.tool.json": other,
    }
    return {name: json.dumps(doc).encode() for name, doc in docs.items()}


def test_build_keeps_gold_documents_that_pass_the_rule_once(
    fo34: ModuleType, tmp_path: Path
) -> None:
    git_dir, head = commit_files(tmp_path, _gold_files())
    kept = fo34.build(git_dir, {"commit": head})
    assert [(k.key, k.site) for k in kept] == [("a.kept", "example.co.uk")]
    assert kept[0].reference == f"{OPENING.strip()}\n{REPLY.strip()}"
    assert decode_bytes(kept[0].body, None)[0].startswith("<html><body><div class='nav'>")


def test_build_refuses_a_commit_the_mirror_does_not_hold(fo34: ModuleType, tmp_path: Path) -> None:
    git_dir, _ = commit_files(tmp_path, _gold_files())
    with pytest.raises(subprocess.CalledProcessError):
        fo34.build(git_dir, {"commit": "0" * 40})


def test_committed_split_follows_its_rule(fo34: ModuleType) -> None:
    spec = fo34.load_spec()
    assert re.fullmatch(r"[0-9a-f]{40}", spec["commit"])
    dev, judge = spec["pages"]["dev"], spec["pages"]["judge"]
    assert not set(dev) & set(judge)
    keys = [k for half in (dev, judge) for v in half.values() for k in v]
    assert len(keys) == len(set(keys)) == 100
    halves = load_benchmark("marked_pages").halves([*dev, *judge], spec["seed"])
    assert {s for s, h in halves.items() if h == "dev"} == set(dev)


def test_per_page_listing_is_refused_on_the_judge_half(fo34: ModuleType) -> None:
    with pytest.raises(SystemExit):
        fo34.main(["--split", "judge", "--per-page"])
    with pytest.raises(SystemExit):
        fo34.main(["time", "--split", "judge", "--per-page"])
