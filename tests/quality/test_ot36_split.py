"""The ot36 set: every page dev, kinds by source entry, the committed split, the stage table."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

CONTACT = (
    "Write to the allotment society's secretary about plots, the waiting list or the Saturday "
    "seed swap. The committee meets on the first Monday of each month in the pavilion, and "
    "members may bring any question about water, paths or the compost bays to that meeting."
)
FAQ = (
    "How long is the waiting list? Usually about a year for a half plot. Can I keep hens? Only on "
    "the three plots by the north fence, and only with the committee's written agreement first."
)


@pytest.fixture(scope="module")
def ot36() -> ModuleType:
    """Return benchmarks/ot36.py as a module."""
    return load_benchmark("ot36")


def _source(body: str) -> bytes:
    return f"---\ntitle: A page\nlayout: page\n---\n\n{body}\n".encode()


def _page(body: str) -> bytes:
    return f"<html><body><main><h1>A page</h1><p>{body}</p></main></body></html>".encode()


def test_build_lists_every_kept_page_as_dev_with_its_kind(
    ot36: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    files = {
        "contact.md": _source(CONTACT),
        "faq.md": _source(FAQ + " " + FAQ),
        "about.md": _source(CONTACT + " " + FAQ),
        "_site/contact/index.html": _page(CONTACT),
        "_site/faq/index.html": _page(FAQ + " " + FAQ),
        "_site/about/index.html": _page(CONTACT + " " + FAQ),
    }
    git_dir, head = commit_files(tmp_path / "repo", files)
    spec: dict[str, Any] = {"folder": str(tmp_path / "out"), "seed": 1, "cap": 8}
    repo = {"name": "plots/society", "commit": head, "kind": "community", "built": "_site"}
    spec |= {
        "min_chars": 150,
        "repos": [{**repo, "pages": {"contact.md": "contact", "faq.md": "faq"}}],
    }
    monkeypatch.setattr(ot36, "load_spec", lambda _path: spec)
    assert ot36.main(["build", "--git", str(git_dir), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "# dev: 1 repositories, 2 pages" in out and "# judge: 0 repositories, 0 pages" in out
    assert '"plots+society/contact.md" = "contact"' in out
    assert '"plots+society/faq.md" = "faq"' in out and "about.md" not in out
    assert (tmp_path / "out" / "plots+society" / "faq.md" / "reference.txt").is_file()


def test_committed_split_follows_its_rule(ot36: ModuleType) -> None:
    lp36 = load_benchmark("lp36")
    spec = load_benchmark("sg35").load_spec(ot36.SPLIT_FILE)
    repos = {repo["name"]: repo for repo in spec["repos"]}
    assert 8 <= len(repos) <= 14
    assert all(re.fullmatch(r"[0-9a-f]{40}", r["commit"]) for r in repos.values())
    assert all(set(r["pages"].values()) <= set(ot36.KINDS) for r in repos.values())
    dev = spec["pages"]["dev"]
    assert spec["pages"]["judge"] == {} and set(dev) == set(repos)
    flat = [k for keys in dev.values() for k in keys]
    assert len(flat) == len(set(flat)) == len(spec["kinds"]) == 36
    assert all(len(keys) <= spec["cap"] for keys in dev.values())
    for name, keys in dev.items():
        for key in keys:
            source = key.split("/", 1)[1].replace("~", "/")
            assert spec["kinds"][key] == lp36.page_kind(repos[name]["pages"], source)
    assert set(spec["kinds"].values()) == set(ot36.KINDS)
    others = [p for p in ot36.SPLIT_FILE.parent.glob("*_split.toml") if p != ot36.SPLIT_FILE]
    text = "\n".join(p.read_text(encoding="utf-8") for p in others)
    assert not [name for name in repos if name in text]


def test_stage_table_reads_every_page(ot36: ModuleType, tmp_path: Path) -> None:
    spec = load_benchmark("sg35").load_spec(ot36.SPLIT_FILE)
    for keys in spec["pages"]["dev"].values():
        for key in keys:
            (tmp_path / key).mkdir(parents=True)
            (tmp_path / key / "page.html").write_bytes(_page(CONTACT))
            (tmp_path / key / "reference.txt").write_text(CONTACT, encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set("ot36", tmp_path))
    assert sorted(c.name for c in cases) == sorted(spec["kinds"])
