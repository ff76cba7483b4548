"""The sd35 set: a docs-only split built by sg35's rule, its source dialects, its halves."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

BODY = (
    "The tool library lends drills, saws and ladders to members for a week at a time. A member "
    "books a tool on the board by the door, and the keeper checks each tool for damage when it "
    "comes back before it goes out again to the next member on the list."
)
NOTE = "Return the ladder with its feet cleaned, or the keeper will charge a small cleaning fee."


@pytest.fixture(scope="module")
def sd35() -> ModuleType:
    """Return benchmarks/sd35.py as a module."""
    return load_benchmark("sd35")


def _page(text: str) -> bytes:
    nav = "<nav><a href='/'>Docs</a> <a href='/lending/'>Lending</a></nav>"
    return f"<html><body>{nav}<main><p>{text}</p></main></body></html>".encode()


def test_build_reads_a_repository_in_its_markup(tmp_path: Path) -> None:
    source = f"# Lending\n\n{BODY}\n\n```{{note}}\n:class: tip\n{NOTE}\n```\n"
    files = {
        "docs/lending.md": source.encode(),
        "docs/_build/html/lending.html": _page(f"{BODY}</p><p>{NOTE}"),
    }
    git_dir, head = commit_files(tmp_path, files)
    repo: dict[str, Any] = {"name": "club/tool-docs", "commit": head, "kind": "docs"}
    repo |= {"source": ["docs"], "built": "docs/_build/html"}
    build = load_benchmark("sg35").build
    plain = build([git_dir], {"cap": 10, "repos": [repo]})
    myst = build([git_dir], {"cap": 10, "repos": [{**repo, "markup": ["myst"]}]})
    # Read as plain Markdown the directive is a code block whose option line the page never
    # shows; read as MyST its body is a paragraph and the option line goes.
    assert ":class: tip" in plain[0].reference
    assert myst[0].reference.splitlines() == ["Lending", BODY, NOTE]


def test_committed_split_is_docs_only_and_follows_its_rule(sd35: ModuleType) -> None:
    sg35 = load_benchmark("sg35")
    spec = sg35.load_spec(sd35.SPLIT_FILE)
    kinds = {repo["name"]: repo["kind"] for repo in spec["repos"]}
    assert set(kinds.values()) == {"docs"} and len(kinds) == 14
    assert all(re.fullmatch(r"[0-9a-f]{40}", repo["commit"]) for repo in spec["repos"])
    assert all(set(repo.get("markup", [])) <= {"myst", "containers"} for repo in spec["repos"])
    dev, judge = spec["pages"]["dev"], spec["pages"]["judge"]
    assert not set(dev) & set(judge) and set(dev) | set(judge) == set(kinds)
    keys = [k for half in (dev, judge) for v in half.values() for k in v]
    assert len(keys) == len(set(keys)) == 131
    assert all(len(v) <= spec["cap"] for half in (dev, judge) for v in half.values())
    half = sg35.halves(kinds, spec["seed"])
    assert {n for n, h in half.items() if h == "dev"} == set(dev)
    assert not set(kinds) & {r["name"] for r in sg35.load_spec()["repos"]}
    assert spec["folder"] != sg35.load_spec()["folder"]
