"""The dev-only static-site sets (ot36, rs38): every page dev, kinds by source entry, the
committed split, the stage table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
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
LINKS = (
    "Seed libraries near the river: the town library lends packets each spring, the school "
    "garden keeps a shelf of bean varieties, and the allotment shop lists growers who swap "
    "cuttings. Each entry names who runs it and when it is open to members of the society."
)
CONDUCT = (
    "Be kind on the plots and in the pavilion. Ask before you take water from a neighbour's "
    "butt, keep dogs on leads, and tell the secretary about any behaviour that worries you."
)


@dataclass(frozen=True)
class DevOnly:
    """One dev-only set: two of its kinds with a page of our own words each, and its size."""

    stem: str
    long_kind: tuple[str, str, str]  # (source file, kind, text): one text, long enough alone
    short_kind: tuple[str, str, str]  # a short text, kept when doubled
    repos: tuple[int, int]
    pages: int


SETS = [
    DevOnly("ot36", ("contact.md", "contact", CONTACT), ("faq.md", "faq", FAQ), (8, 14), 36),
    DevOnly(
        "rs38",
        ("resources.md", "resources", LINKS),
        ("code-of-conduct.md", "conduct", CONDUCT),
        (6, 17),
        25,
    ),
]


def _source(body: str) -> bytes:
    return f"---\ntitle: A page\nlayout: page\n---\n\n{body}\n".encode()


def _page(body: str) -> bytes:
    return f"<html><body><main><h1>A page</h1><p>{body}</p></main></body></html>".encode()


def _built(source: str) -> str:
    return f"_site/{source.removesuffix('.md')}/index.html"


@pytest.mark.parametrize("dev", SETS, ids=lambda d: d.stem)
def test_build_lists_every_kept_page_as_dev_with_its_kind(
    dev: DevOnly, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    module = load_benchmark(dev.stem)
    (long_src, long_kind, long_text), (short_src, short_kind, short_text) = (
        dev.long_kind,
        dev.short_kind,
    )
    both = long_text + " " + short_text
    files = {
        long_src: _source(long_text),
        short_src: _source(short_text + " " + short_text),
        "about.md": _source(both),
        _built(long_src): _page(long_text),
        _built(short_src): _page(short_text + " " + short_text),
        _built("about.md"): _page(both),
    }
    git_dir, head = commit_files(tmp_path / "repo", files)
    spec: dict[str, Any] = {"folder": str(tmp_path / "out"), "seed": 1, "cap": 8}
    repo = {"name": "plots/society", "commit": head, "kind": "community", "built": "_site"}
    spec |= {
        "min_chars": 150,
        "repos": [{**repo, "pages": {long_src: long_kind, short_src: short_kind}}],
    }
    monkeypatch.setattr(module, "load_spec", lambda _path: spec)
    assert module.main(["build", "--git", str(git_dir), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "# dev: 1 repositories, 2 pages" in out and "# judge: 0 repositories, 0 pages" in out
    assert f'"plots+society/{long_src}" = "{long_kind}"' in out
    assert f'"plots+society/{short_src}" = "{short_kind}"' in out and "about.md" not in out
    assert (tmp_path / "out" / "plots+society" / short_src / "reference.txt").is_file()


@pytest.mark.parametrize("dev", SETS, ids=lambda d: d.stem)
def test_committed_split_follows_its_rule(dev: DevOnly) -> None:
    module, lp36 = load_benchmark(dev.stem), load_benchmark("lp36")
    spec = load_benchmark("sg35").load_spec(module.SPLIT_FILE)
    repos = {repo["name"]: repo for repo in spec["repos"]}
    assert dev.repos[0] <= len(repos) <= dev.repos[1]
    assert all(re.fullmatch(r"[0-9a-f]{40}", r["commit"]) for r in repos.values())
    assert all(set(r["pages"].values()) <= set(module.KINDS) for r in repos.values())
    pages = spec["pages"]["dev"]
    assert spec["pages"]["judge"] == {} and set(pages) == set(repos)
    flat = [k for keys in pages.values() for k in keys]
    assert len(flat) == len(set(flat)) == len(spec["kinds"]) == dev.pages
    assert all(len(keys) <= spec["cap"] for keys in pages.values())
    for name, keys in pages.items():
        for key in keys:
            source = key.split("/", 1)[1].replace("~", "/")
            assert spec["kinds"][key] == lp36.page_kind(repos[name]["pages"], source)
    assert set(spec["kinds"].values()) == set(module.KINDS)
    others = [p for p in module.SPLIT_FILE.parent.glob("*_split.toml") if p != module.SPLIT_FILE]
    text = "\n".join(p.read_text(encoding="utf-8") for p in others)
    assert not [name for name in repos if name in text]


@pytest.mark.parametrize("dev", SETS, ids=lambda d: d.stem)
def test_stage_table_reads_every_page(dev: DevOnly, tmp_path: Path) -> None:
    spec = load_benchmark("sg35").load_spec(load_benchmark(dev.stem).SPLIT_FILE)
    text = dev.long_kind[2]
    for keys in spec["pages"]["dev"].values():
        for key in keys:
            (tmp_path / key).mkdir(parents=True)
            (tmp_path / key / "page.html").write_bytes(_page(text))
            (tmp_path / key / "reference.txt").write_text(text, encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set(dev.stem, tmp_path))
    assert sorted(c.name for c in cases) == sorted(spec["kinds"])
