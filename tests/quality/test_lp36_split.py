"""The lp36 set: page kinds, file sources, the page-balanced halves, the committed split."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

SERVICE = (
    "We repair bicycles of every kind in our workshop behind the station, from children's first "
    "bikes to cargo trikes. A standard service takes one working day and covers brakes, gears, "
    "wheels and a safety check; we ring you when it is ready to collect."
)
ABOUT = (
    "The workshop opened in a disused goods shed with two stands and a box of spanners. Today four "
    "mechanics work there, and on Saturday mornings members of the public can book a stand and "
    "learn to fix their own bikes with a mechanic on hand to help."
)
PERSON = (
    "Ada has built wheels for twenty years and trains every new mechanic in truing, tension and "
    "dishing. Outside the workshop she rides audax events and keeps bees on the roof of the shed."
)


@pytest.fixture(scope="module")
def lp36() -> ModuleType:
    """Return benchmarks/lp36.py as a module."""
    return load_benchmark("lp36")


def _source(body: str) -> bytes:
    return f"---\ntitle: A page\nlayout: page\n---\n\n{body}\n".encode()


def _page(body: str) -> bytes:
    nav = "<nav><a href='/'>Home</a> <a href='/services/'>Services</a></nav>"
    return f"<html><body>{nav}<main><h1>A page</h1><p>{body}</p></main></body></html>".encode()


def test_page_kind_takes_the_longest_entry(lp36: ModuleType) -> None:
    pages = {"_pages": "event", "_pages/about": "landing", "_pages/about/team.md": "people"}
    assert lp36.page_kind(pages, "_pages/schedule.md") == "event"
    assert lp36.page_kind(pages, "_pages/about/history.md") == "landing"
    assert lp36.page_kind(pages, "_pages/about/team.md") == "people"
    with pytest.raises(ValueError, match="no pages entry"):
        lp36.page_kind(pages, "_pages_old/schedule.md")


def test_build_reads_single_files_and_folders_by_kind(lp36: ModuleType, tmp_path: Path) -> None:
    files = {
        "about.md": _source(ABOUT),
        "contact.md": _source("Ring the workshop."),
        "_services/repairs.md": _source(SERVICE),
        "_team/ada.md": _source(PERSON),
        "_posts/2024-05-01-opening.md": _source(ABOUT + " " + SERVICE),
        "_site/about/index.html": _page(ABOUT),
        "_site/contact/index.html": _page("Ring the workshop."),
        "_site/services/repairs/index.html": _page(SERVICE),
        "_site/team/ada/index.html": _page(PERSON),
        "_site/2024/05/01/opening.html": _page(ABOUT + " " + SERVICE),
    }
    git_dir, head = commit_files(tmp_path, files)
    pages = {"about.md": "landing", "contact.md": "other", "_services": "service"}
    repo: dict[str, Any] = {"name": "shed/bikes", "commit": head, "kind": "business"}
    spec = {"cap": 8, "min_chars": 150, "repos": [{**repo, "built": "_site", "pages": pages}]}
    kept = load_benchmark("sg35").build([git_dir], lp36.with_sources(spec))
    # contact.md is under min_chars; _team and _posts are not in `pages`. About: a file source,
    # which sg35 read as a folder before this round and found nothing in.
    assert sorted(k.key for k in kept) == ["shed+bikes/_services~repairs.md", "shed+bikes/about.md"]
    assert lp36.kinds_of(kept, spec) == {
        "shed+bikes/_services~repairs.md": "service",
        "shed+bikes/about.md": "landing",
    }


def test_halves_balance_pages_within_site_types(lp36: ModuleType) -> None:
    counts = {"a/shop": 8, "b/shop": 3, "c/firm": 8, "d/firm": 8, "e/firm": 2, "f/fair": 5}
    types = {"a/shop": "shop", "b/shop": "shop", "c/firm": "business", "d/firm": "business"}
    types |= {"e/firm": "business", "f/fair": "event"}
    half = lp36.halves(counts, types, 3)
    assert half == lp36.halves(dict(reversed(counts.items())), types, 3)
    dev = sum(n for name, n in counts.items() if half[name] == "dev")
    assert abs(2 * dev - sum(counts.values())) <= max(counts.values())
    assert {half[n] for n in ("c/firm", "d/firm")} == {"dev", "judge"}


def test_committed_split_follows_its_rule(lp36: ModuleType) -> None:
    sg35 = load_benchmark("sg35")
    spec = sg35.load_spec(lp36.SPLIT_FILE)
    repos = {repo["name"]: repo for repo in spec["repos"]}
    assert all(re.fullmatch(r"[0-9a-f]{40}", r["commit"]) for r in repos.values())
    assert all(set(r["pages"].values()) <= set(lp36.KINDS) for r in repos.values())
    dev, judge = spec["pages"]["dev"], spec["pages"]["judge"]
    assert not set(dev) & set(judge) and set(dev) | set(judge) == set(repos)
    keys = {name: v for half in (dev, judge) for name, v in half.items()}
    flat = [k for v in keys.values() for k in v]
    assert len(flat) == len(set(flat)) == len(spec["kinds"]) == 88
    assert all(len(v) <= spec["cap"] for v in keys.values())
    for name, page_keys in keys.items():
        for key in page_keys:
            source = key.split("/", 1)[1].replace("~", "/")
            assert spec["kinds"][key] == lp36.page_kind(repos[name]["pages"], source)
    counts = {name: len(v) for name, v in keys.items()}
    types = {name: r["kind"] for name, r in repos.items()}
    half = lp36.halves(counts, types, spec["seed"])
    assert {n for n, h in half.items() if h == "dev"} == set(dev)
    dev_kinds = {spec["kinds"][k] for v in dev.values() for k in v}
    judge_kinds = {spec["kinds"][k] for v in judge.values() for k in v}
    assert dev_kinds == judge_kinds == set(lp36.KINDS)
    older = {
        r["name"]
        for name in ("sg35", "sd35")
        for r in sg35.load_spec(load_benchmark(name).SPLIT_FILE)["repos"]
    }
    assert not set(repos) & older and spec["folder"] != sg35.load_spec()["folder"]


def test_scores_are_labelled_by_page_kind(lp36: ModuleType, tmp_path: Path) -> None:
    spec: dict[str, Any] = {"pages": {"dev": {"shed/bikes": ["k1"]}, "judge": {"x/y": ["k2"]}}}
    spec["kinds"] = {"k1": "service", "k2": "product"}
    for key in ("k1", "k2"):
        (tmp_path / key).mkdir()
        (tmp_path / key / "page.html").write_bytes(_page(SERVICE))
        (tmp_path / key / "reference.txt").write_text(SERVICE, encoding="utf-8")
    labels = [label for label, _ in lp36.half_pages(tmp_path, "dev", spec)]
    assert labels == ["service shed/bikes"]


def test_per_page_listing_is_refused_on_the_judge_half(lp36: ModuleType) -> None:
    with pytest.raises(SystemExit):
        lp36.main(["--split", "judge", "--per-page"])
    with pytest.raises(SystemExit):
        lp36.main(["time", "--split", "judge", "--per-page"])


def test_stage_table_reads_the_dev_half_only(lp36: ModuleType, tmp_path: Path) -> None:
    spec = load_benchmark("sg35").load_spec(lp36.SPLIT_FILE)
    for half in ("dev", "judge"):
        for keys in spec["pages"][half].values():
            for key in keys:
                (tmp_path / key).mkdir(parents=True)
                (tmp_path / key / "page.html").write_bytes(_page(SERVICE))
                (tmp_path / key / "reference.txt").write_text(SERVICE, encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set("lp36", tmp_path))
    dev = {k for keys in spec["pages"]["dev"].values() for k in keys}
    assert [c.name for c in cases] and {c.name for c in cases} == dev
