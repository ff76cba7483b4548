"""The rs38 set: every page dev, kinds by source entry, the committed split, the stage table."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

LINKS = (
    "Seed libraries near the river: the town library lends packets each spring, the school "
    "garden keeps a shelf of bean varieties, and the allotment shop lists growers who swap "
    "cuttings. Each entry names who runs it and when it is open to members of the society."
)
CONDUCT = (
    "Be kind on the plots and in the pavilion. Ask before you take water from a neighbour's "
    "butt, keep dogs on leads, and tell the secretary about any behaviour that worries you."
)


@pytest.fixture(scope="module")
def rs38() -> ModuleType:
    """Return benchmarks/rs38.py as a module."""
    return load_benchmark("rs38")


def _source(body: str) -> bytes:
    return f"---\ntitle: A page\nlayout: page\n---\n\n{body}\n".encode()


def _page(body: str) -> bytes:
    return f"<html><body><main><h1>A page</h1><p>{body}</p></main></body></html>".encode()


def test_build_lists_every_kept_page_as_dev_with_its_kind(
    rs38: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    files = {
        "resources.md": _source(LINKS),
        "code-of-conduct.md": _source(CONDUCT + " " + CONDUCT),
        "about.md": _source(LINKS + " " + CONDUCT),
        "_site/resources/index.html": _page(LINKS),
        "_site/code-of-conduct/index.html": _page(CONDUCT + " " + CONDUCT),
        "_site/about/index.html": _page(LINKS + " " + CONDUCT),
    }
    git_dir, head = commit_files(tmp_path / "repo", files)
    spec: dict[str, Any] = {"folder": str(tmp_path / "out"), "seed": 1, "cap": 8}
    repo = {"name": "plots/society", "commit": head, "kind": "community", "built": "_site"}
    spec |= {
        "min_chars": 150,
        "repos": [
            {**repo, "pages": {"resources.md": "resources", "code-of-conduct.md": "conduct"}}
        ],
    }
    monkeypatch.setattr(rs38, "load_spec", lambda _path: spec)
    assert rs38.main(["build", "--git", str(git_dir), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "# dev: 1 repositories, 2 pages" in out and "# judge: 0 repositories, 0 pages" in out
    assert '"plots+society/resources.md" = "resources"' in out
    assert '"plots+society/code-of-conduct.md" = "conduct"' in out
    assert "about.md" not in out
    assert (tmp_path / "out" / "plots+society" / "code-of-conduct.md" / "reference.txt").is_file()


def test_committed_split_follows_its_rule(rs38: ModuleType) -> None:
    lp36 = load_benchmark("lp36")
    spec = load_benchmark("sg35").load_spec(rs38.SPLIT_FILE)
    repos = {repo["name"]: repo for repo in spec["repos"]}
    assert 6 <= len(repos) <= 17
    assert all(re.fullmatch(r"[0-9a-f]{40}", r["commit"]) for r in repos.values())
    assert all(set(r["pages"].values()) <= set(rs38.KINDS) for r in repos.values())
    dev = spec["pages"]["dev"]
    assert spec["pages"]["judge"] == {} and set(dev) == set(repos)
    flat = [k for keys in dev.values() for k in keys]
    assert len(flat) == len(set(flat)) == len(spec["kinds"]) == 25
    assert all(len(keys) <= spec["cap"] for keys in dev.values())
    for name, keys in dev.items():
        for key in keys:
            source = key.split("/", 1)[1].replace("~", "/")
            assert spec["kinds"][key] == lp36.page_kind(repos[name]["pages"], source)
    assert set(spec["kinds"].values()) == set(rs38.KINDS)
    others = [p for p in rs38.SPLIT_FILE.parent.glob("*_split.toml") if p != rs38.SPLIT_FILE]
    text = "\n".join(p.read_text(encoding="utf-8") for p in others)
    assert not [name for name in repos if name in text]


def test_stage_table_reads_every_page(rs38: ModuleType, tmp_path: Path) -> None:
    spec = load_benchmark("sg35").load_spec(rs38.SPLIT_FILE)
    for keys in spec["pages"]["dev"].values():
        for key in keys:
            (tmp_path / key).mkdir(parents=True)
            (tmp_path / key / "page.html").write_bytes(_page(LINKS))
            (tmp_path / key / "reference.txt").write_text(LINKS, encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set("rs38", tmp_path))
    assert sorted(c.name for c in cases) == sorted(spec["kinds"])
