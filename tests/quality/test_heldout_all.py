"""benchmarks/heldout_all.py: held-out modes only, pinned exports, missing snapshots named."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from scriptkit import load_benchmark

heldout_all = load_benchmark("heldout_all")

HELDOUT_MODE = {
    "realnews.py": "--totals",
    "heldout.py": "--totals",
    "nonnews.py": "test",
    "postlight.py": "test",
    "nn28.py": "test",
    "gn30.py": "judge",
    "nx31.py": "judge",
    "ex32.py": "judge",
    "fo34.py": "judge",
    "sg35.py": "judge",
    "sd35.py": "judge",
    "lp36.py": "judge",
    "rx24.py": "test",
}


def test_every_set_runs_its_scorer_in_held_out_mode() -> None:
    for held in heldout_all.SETS:
        args = heldout_all.command(held, Path("/cache"))
        assert "--per-page" not in args and "--json" not in args, held.name
        script = Path(args[1]).name
        if script == "collected.py" and "--split" in args:
            assert args[args.index("--split") + 1] == "test", held.name
        elif script in HELDOUT_MODE:
            assert HELDOUT_MODE[script] in args, held.name
        else:  # the three collected sets scored whole
            assert script == "collected.py" and held.name in {"readability", "newspaper", "goose3"}


def test_every_frozen_set_and_export_exists() -> None:
    for name in heldout_all.FROZEN:
        assert (heldout_all.BENCH / "heldout" / name / "manifest.json").is_file(), name
        assert heldout_all.frozen_repos(name), name
    for held in heldout_all.SETS:
        assert all(key in heldout_all.EXPORTS for key in held.exports), held.name


def test_totals_drop_times_and_temporary_paths() -> None:
    text = (
        "corpus: /tmp/heldout-x/corpus; split: all (3 labelled files)\n\n"
        "readability ours: 130 pages, F1 0.931 (P 0.965 R 0.900), 2.56 s\n"
        "time ours / bare: 0.95\n  pages sha1 0123abcd\n"
    )
    assert heldout_all.totals(text) == ["readability ours: 130 pages, F1 0.931 (P 0.965 R 0.900)"]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def mirror(tmp_path: Path) -> tuple[Path, str]:
    work = tmp_path / "mirror" / "own+pages" / "repo"
    (work / "data" / "en").mkdir(parents=True)
    (work / "data" / "en" / "a.txt").write_text("first page\n", encoding="utf-8")
    (work / "data" / "skip.txt").write_text("not exported\n", encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "pages")
    return tmp_path / "mirror", _git(work, "rev-parse", "HEAD")


def test_export_takes_a_pinned_folder_once(mirror: tuple[Path, str], tmp_path: Path) -> None:
    root, commit = mirror
    spec = heldout_all.Export("own/pages", commit, "data", ("en",), "sets/pages")
    heldout_all.export(spec, root, tmp_path / "cache")
    exported = tmp_path / "cache" / "sets" / "pages"
    assert (exported / "en" / "a.txt").read_text(encoding="utf-8") == "first page\n"
    assert not (exported / "skip.txt").exists()
    (exported / "en" / "a.txt").write_text("kept\n", encoding="utf-8")
    heldout_all.export(spec, root, tmp_path / "cache")  # already there: left as it is
    assert (exported / "en" / "a.txt").read_text(encoding="utf-8") == "kept\n"


def test_export_of_an_absent_commit_is_an_error(mirror: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = mirror
    spec = heldout_all.Export("own/pages", "0" * 40, "", (), "sets/none")
    with pytest.raises(OSError, match="git archive own/pages"):
        heldout_all.export(spec, root, tmp_path / "cache")
    assert not (tmp_path / "cache" / "sets" / "none").exists()


def test_missing_snapshots_are_named_and_their_sets_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "--out",
        str(tmp_path / "out"),
        "--mirror",
        str(tmp_path / "empty"),
        "--only",
        "pl19_test",
    ]
    assert heldout_all.main(argv) == 3
    captured = capsys.readouterr()
    assert "postlight/parser" in captured.err
    assert "pl19_test: skipped" in captured.out
    assert not (tmp_path / "out" / "pl19_test.txt").exists()


def test_a_scorer_built_set_is_built_once_and_a_failed_build_is_an_error(tmp_path: Path) -> None:
    held = next(h for h in heldout_all.SETS if h.built_from)
    cache = tmp_path / "cache"
    with pytest.raises(OSError, match=f"{held.name} build"):
        heldout_all.build(held, tmp_path / "no-mirror", cache)  # no snapshot: nn28.py build fails
    folder = cache / "nn28"
    (folder / "group").mkdir(parents=True)
    heldout_all.build(held, tmp_path / "no-mirror", cache)  # already built: nothing runs
    plain = next(h for h in heldout_all.SETS if not h.built_from)
    heldout_all.build(plain, tmp_path / "no-mirror", cache)  # nothing to build


def test_a_missing_url_list_snapshot_is_a_build_error(tmp_path: Path) -> None:
    held = next(h for h in heldout_all.SETS if h.urls_from)
    assert held.urls_from is not None
    repo = held.urls_from[0]
    assert repo in heldout_all.needed(held)
    with pytest.raises(OSError, match=f"{held.name} build: git show {repo}"):
        heldout_all.build(held, tmp_path / "no-mirror", tmp_path / "cache")


BUILT_SETS = [("nx31", "krdwrd/data"), ("ex32", "WubabooTR/evan_extract")]


@pytest.mark.parametrize(("stem", "repo"), BUILT_SETS)
def test_a_judge_half_is_built_from_the_repository_its_split_file_pins(
    stem: str, repo: str
) -> None:
    held = next(h for h in heldout_all.SETS if h.name == f"{stem}_judge")
    spec = tomllib.loads((heldout_all.BENCH / f"{stem}_split.toml").read_text(encoding="utf-8"))
    assert held.built_from == (spec["repository"],) == (repo,)
    assert len(spec["commit"]) == 40
    assert heldout_all.needed(held) == {repo}
    args = heldout_all.command(held, Path("/cache"))
    assert Path(args[1]).name == f"{stem}.py"
    assert args[2:] == ["--folder", f"/cache/{stem}", "--split", "judge"]


@pytest.mark.parametrize("stem", ["sg35", "sd35", "lp36"])
def test_a_multi_repository_judge_half_is_built_from_every_repository_its_split_file_pins(
    stem: str,
) -> None:
    held = next(h for h in heldout_all.SETS if h.name == f"{stem}_judge")
    spec = tomllib.loads((heldout_all.BENCH / f"{stem}_split.toml").read_text(encoding="utf-8"))
    pinned = [repo["name"] for repo in spec["repos"]]
    assert len(pinned) > 1 and held.built_from == tuple(pinned)
    assert heldout_all.needed(held) == set(pinned)
    args = heldout_all.command(held, Path("/cache"))
    assert Path(args[1]).name == f"{stem}.py"
    assert args[2:] == ["--folder", f"/cache/{stem}", "--split", "judge"]


def test_rx24s_test_half_is_built_from_the_repositories_its_split_file_keys() -> None:
    held = next(h for h in heldout_all.SETS if h.name == "rx24_test")
    spec = tomllib.loads((heldout_all.BENCH / "rx24_split.toml").read_text(encoding="utf-8"))
    pinned = {*spec["dev"], *spec["test"]}
    assert len(pinned) == 8 and set(held.built_from) == pinned == heldout_all.needed(held)
    args = heldout_all.command(held, Path("/cache"))
    assert args[2:] == ["--folder", "/cache/rx24", "--split", "test"]


def test_a_multi_repository_build_without_its_mirrors_is_a_build_error(tmp_path: Path) -> None:
    held = next(h for h in heldout_all.SETS if h.name == "sg35_judge")
    with pytest.raises(OSError, match="sg35_judge build"):
        heldout_all.build(held, tmp_path / "no-mirror", tmp_path / "cache")


@pytest.mark.parametrize(("stem", "repo"), BUILT_SETS)
def test_a_missing_snapshot_is_named_skipped_and_a_build_error(
    stem: str, repo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--out", str(tmp_path / "out"), "--mirror", str(tmp_path / "empty")]
    assert heldout_all.main([*argv, "--only", f"{stem}_judge"]) == 3
    captured = capsys.readouterr()
    assert repo in captured.err
    assert f"{stem}_judge: skipped" in captured.out
    held = next(h for h in heldout_all.SETS if h.name == f"{stem}_judge")
    with pytest.raises(OSError, match=f"{stem}_judge build"):
        heldout_all.build(held, tmp_path / "empty", tmp_path / "cache")
    assert not (tmp_path / "cache" / stem).exists()
