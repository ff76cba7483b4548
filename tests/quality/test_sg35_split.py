"""The sg35 set: pairing, the build rule, the halves, the split; the guards sd35 shares."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from gitkit import commit_files
from scriptkit import load_benchmark

PROSE = (
    "The allotment committee met in the church hall to share out the new plots by the river. "
    "Each member brought seed potatoes, and the treasurer read out the water bill for the year. "
    "We agreed to rebuild the compost bays before the first frost and to buy a second wheelbarrow."
)
OTHER = (
    "A walk along the canal towpath from the lock to the old mill takes about an hour at an easy "
    "pace. Herons fish by the weir in the morning, and the cafe by the boatyard opens at ten. "
    "Bring a coat: the wind off the reservoir is cold even in May."
)


@pytest.fixture(scope="module")
def sg35() -> ModuleType:
    """Return benchmarks/sg35.py as a module."""
    return load_benchmark("sg35")


def _post(body: str, front: str = "title: A post") -> bytes:
    return f"---\n{front}\n---\n\n{body}\n".encode()


def _page(body: str) -> bytes:
    nav = "<nav><a href='/'>Home</a> <a href='/archive/'>Archive</a></nav>"
    return (
        f"<html><body>{nav}<article><h1>A post</h1><p>{body}</p></article></body></html>".encode()
    )


def test_slugs_follow_front_matter_dates_and_index_pages(sg35: ModuleType) -> None:
    assert sg35.source_slug("_posts/2019-3-20-Plot-Day.md", "Text") == "plot-day"
    assert sg35.source_slug("content/post/first/index.md", "Text") == "first"
    assert sg35.source_slug("docs/a.md", "---\nslug: Garden-Notes\n---\nText") == "garden-notes"
    assert sg35.source_slug("a.md", "---\npermalink: /notes/hedges.html\n---\nText") == "hedges"
    assert sg35.built_slug("_site/2019/03/20/Plot-Day.html") == "plot-day"
    assert sg35.built_slug("public/first/index.html") == "first"


def _repo_files() -> dict[str, bytes]:
    return {
        "_posts/2020-01-02-compost.md": _post(PROSE),
        "_posts/2020-01-03-canal.md": _post(OTHER),
        "_posts/2020-01-04-short.md": _post("Too short to keep."),
        "_posts/2020-01-05-moved.md": _post(PROSE + " " + OTHER),
        "_posts/2020-01-06-twin.md": _post(PROSE),
        "_posts/2020-01-07-twice.md": _post(OTHER),
        "drafts/2020-01-08-elsewhere.md": _post(OTHER),
        "_site/2020/01/02/compost.html": _page(PROSE),
        "_site/2020/01/03/canal/index.html": _page(OTHER),
        "_site/2020/01/04/short.html": _page("Too short to keep."),
        "_site/2020/01/05/moved.html": _page("This page now says something else entirely."),
        "_site/2020/01/06/twin.html": _page(PROSE),
        "_site/2020/01/07/twice.html": _page(OTHER),
        "_site/tags/twice.html": _page(OTHER),
        "_site/2020/01/08/elsewhere.html": _page(OTHER),
    }


def _spec(commit: str, cap: int = 10) -> dict[str, Any]:
    repo = {"name": "someone/garden-blog", "commit": commit, "kind": "blog"}
    return {"cap": cap, "repos": [{**repo, "source": ["_posts"], "built": "_site"}]}


def test_build_keeps_rendered_pairs_once_by_the_rule(sg35: ModuleType, tmp_path: Path) -> None:
    git_dir, head = commit_files(tmp_path, _repo_files())
    kept = sg35.build([tmp_path / "missing", git_dir], _spec(head))
    # Visited in sha1(source path) order: twin (ca35…), compost (d8fa…, the same page bytes as
    # twin's: dropped), canal (fe3f…). short: under 200 characters; moved: the page does not
    # render the source; twice: two built pages share its slug; elsewhere: not under _posts.
    assert [k.key for k in kept] == [
        "someone+garden-blog/_posts~2020-01-06-twin.md",
        "someone+garden-blog/_posts~2020-01-03-canal.md",
    ]
    assert {k.site for k in kept} == {"someone/garden-blog"}
    assert kept[1].reference == OTHER and kept[1].body == _page(OTHER)


def test_build_caps_each_repository_in_sha1_order(sg35: ModuleType, tmp_path: Path) -> None:
    git_dir, head = commit_files(tmp_path, _repo_files())
    kept = sg35.build([git_dir], _spec(head, cap=1))
    assert [k.key for k in kept] == ["someone+garden-blog/_posts~2020-01-06-twin.md"]


def test_build_refuses_a_commit_no_mirror_holds(sg35: ModuleType, tmp_path: Path) -> None:
    git_dir, _ = commit_files(tmp_path, _repo_files())
    with pytest.raises(SystemExit, match="no mirror"):
        sg35.build([git_dir], _spec("0" * 40))


def test_halves_split_each_kind_by_repository(sg35: ModuleType) -> None:
    kinds = {f"owner/blog{i}": "blog" for i in range(5)} | {
        f"owner/docs{i}": "docs" for i in range(4)
    }
    half = sg35.halves(kinds, 7)
    assert half == sg35.halves(dict(reversed(kinds.items())), 7)
    for kind, dev in (("blog", 3), ("docs", 2)):
        assert sum(h == "dev" for n, h in half.items() if kinds[n] == kind) == dev


def test_committed_split_follows_its_rule(sg35: ModuleType) -> None:
    spec = sg35.load_spec()
    kinds = {repo["name"]: repo["kind"] for repo in spec["repos"]}
    assert all(re.fullmatch(r"[0-9a-f]{40}", repo["commit"]) for repo in spec["repos"])
    assert set(kinds.values()) == {"blog", "docs"}
    dev, judge = spec["pages"]["dev"], spec["pages"]["judge"]
    assert not set(dev) & set(judge) and set(dev) | set(judge) <= set(kinds)
    keys = [k for half in (dev, judge) for v in half.values() for k in v]
    assert len(keys) == len(set(keys)) == 125
    assert all(len(v) <= spec["cap"] for half in (dev, judge) for v in half.values())
    half = sg35.halves({n: kinds[n] for n in [*dev, *judge]}, spec["seed"])
    assert {n for n, h in half.items() if h == "dev"} == set(dev)
    assert {kinds[n] for n in dev} == {kinds[n] for n in judge} == {"blog", "docs"}


@pytest.mark.parametrize("name", ["sg35", "sd35"])
def test_per_page_listing_is_refused_on_the_judge_half(name: str) -> None:
    script = load_benchmark(name)
    with pytest.raises(SystemExit):
        script.main(["--split", "judge", "--per-page"])
    with pytest.raises(SystemExit):
        script.main(["time", "--split", "judge", "--per-page"])


@pytest.mark.parametrize("name", ["sg35", "sd35"])
def test_stage_table_reads_the_dev_half_only(sg35: ModuleType, name: str, tmp_path: Path) -> None:
    spec = sg35.load_spec(load_benchmark(name).SPLIT_FILE)
    for half in ("dev", "judge"):
        for keys in spec["pages"][half].values():
            for key in keys:
                (tmp_path / key).mkdir(parents=True)
                (tmp_path / key / "page.html").write_bytes(_page(PROSE))
                (tmp_path / key / "reference.txt").write_text(PROSE, encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set(name, tmp_path))
    dev = {k for keys in spec["pages"]["dev"].values() for k in keys}
    assert [c.name for c in cases] and {c.name for c in cases} == dev
