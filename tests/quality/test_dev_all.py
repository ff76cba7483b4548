"""benchmarks/dev_all.py: dev halves only, page by page, and a compare that ignores times."""

from __future__ import annotations

from pathlib import Path

import pytest
from scriptkit import load_benchmark

dev_all = load_benchmark("dev_all")
heldout_all = load_benchmark("heldout_all")


def test_every_dev_set_scores_its_dev_half_page_by_page_from_a_held_out_sets_cache() -> None:
    held = {h.name for h in heldout_all.SETS} | set(dev_all.DEV_BUILDS)
    for dev in dev_all.SETS:
        assert dev.held in held, dev.name
        args = dev_all.command(dev, Path("/cache"))
        assert args[args.index("--split") + 1] == "dev", dev.name
        assert args.count("--split") == 1 and args[-1] == "--per-page", dev.name
        assert not {"test", "judge"} & set(args), dev.name
        assert all("{cache}" not in arg for arg in args), dev.name


def test_compare_ignores_times_and_names_the_lines_that_moved(tmp_path: Path) -> None:
    before, after = tmp_path / "a", tmp_path / "b"
    before.mkdir()
    after.mkdir()
    (before / "x_dev.txt").write_text("page1 ours P 1.000\nx ours: 3 pages, F1 0.9, 1.20 s\n")
    (after / "x_dev.txt").write_text("page1 ours P 1.000\nx ours: 3 pages, F1 0.9, 2.75 s\n")
    (before / "y_dev.txt").write_text("page1 ours P 0.900\npage2 ours P 1.000\n")
    (after / "y_dev.txt").write_text("page1 ours P 0.950\npage2 ours P 1.000\n")
    (before / "aeb.jsonl").write_bytes(b'{"id": 1}\n')
    (after / "aeb.jsonl").write_bytes(b'{"id": 2}\n')
    found = dev_all.differences(before, after)
    assert found["x_dev"] == []
    assert found["y_dev"] == ["- page1 ours P 0.900", "+ page1 ours P 0.950"]
    assert found["aeb"] == ["outputs differ (byte comparison)"]


def test_a_run_without_a_held_out_cache_is_a_failure_not_an_empty_result(tmp_path: Path) -> None:
    status = dev_all.run(tmp_path / "out", tmp_path / "no-mirror", tmp_path / "cache", ["sg35_dev"])
    assert status == 1
    assert not (tmp_path / "out" / "sg35_dev.txt").exists()


@pytest.mark.parametrize("stem", ["ot36", "rs38"])
def test_a_dev_only_set_is_built_from_the_repositories_its_split_pins(stem: str) -> None:
    build = dev_all.DEV_BUILDS[f"{stem}_pages"]
    assert build.built_from == heldout_all.split_repos(stem)
    assert any(dev.held == f"{stem}_pages" for dev in dev_all.SETS)
    assert not set(dev_all.DEV_BUILDS) & {h.name for h in heldout_all.SETS}
