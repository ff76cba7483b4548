"""The nn28 set: reference cleaning, the selection rule, the split by group, and the scorer's guard."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scriptkit import load_benchmark

GOLD = (
    "URL: http://example.org/garden/\n"
    "<h> Spring planting notes\n"
    "<p> Sow the beans &amp; peas after the last frost,\n"
    "   two fingers deep.\n"
    "<l> Water every second day\n"
    "!@#$%^&*()  COMMENTS\n"
    "<p> Great tips, thanks!\n"
)


@pytest.fixture(scope="module")
def nn28() -> ModuleType:
    """Return benchmarks/nn28.py as a module."""
    return load_benchmark("nn28")


def test_reference_drops_url_line_markers_and_comments(nn28: ModuleType) -> None:
    assert nn28.reference_text(GOLD) == (
        "Spring planting notes\nSow the beans & peas after the last frost,\n"
        "two fingers deep.\nWater every second day"
    )


def test_gold_is_read_as_utf8_or_windows_1252(nn28: ModuleType) -> None:
    text = "Caf\u00e9 \u2013 open"
    assert nn28.decode_text(text.encode()) == nn28.decode_text(text.encode("cp1252")) == text


def test_selection_rule_wants_length_ascii_and_the_same_page(nn28: ModuleType) -> None:
    ref = "The allotment opens at nine on Saturdays and closes at dusk. " * 10
    page = "Menu Home " + ref + " Footer"
    assert nn28.keep(ref, page)
    assert not nn28.keep(ref[:200], page)  # too short
    assert not nn28.keep("\u00e9\u00e8" * 300 + ref[:100], page)  # mostly non-ASCII
    assert not nn28.keep(ref, "An unrelated page about harbour ferries and tide tables.")


def test_choice_is_seeded_sorted_and_capped(nn28: ModuleType) -> None:
    keys = [str(n) for n in range(40)]
    first = nn28.choose(keys, 7, 15)
    assert first == nn28.choose(list(reversed(keys)), 7, 15)
    assert len(first) == 15 and len(set(first)) == 15
    assert first != sorted(keys)[:15]


def test_each_pair_is_split_across_the_halves(nn28: ModuleType) -> None:
    spec = nn28.load_spec()
    halves = {g.name: g.half for g in nn28.groups(spec)}
    for first, second in spec["pairs"]:
        assert {halves[first], halves[second]} == {"dev", "test"}
    assert sorted(n for n, h in halves.items() if h == "dev") == ["cleaneval-dev", "dragnet_data"]
    assert all(len(spec["pages"][name]) == spec["per_group"] for name in halves)


def _write(folder: Path, group: str, key: str, text: str) -> None:
    base = folder / group / key
    base.mkdir(parents=True)
    (base / "page.html").write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    (base / "reference.txt").write_text(text, encoding="utf-8")


def test_pages_of_one_half_only(nn28: ModuleType, tmp_path: Path) -> None:
    spec: dict[str, Any] = {
        "seed": 20261228,
        "pairs": [["a-set", "b-set"]],
        "pages": {"a-set": ["k1"], "b-set": ["k2"]},
    }
    _write(tmp_path, "a-set", "k1", "Library hours change in May.")
    _write(tmp_path, "b-set", "k2", "The ferry runs twice a day.")
    dev = [(g, s.name) for g, s in nn28.nn28_pages(tmp_path, "dev", spec)]
    test = [(g, s.name) for g, s in nn28.nn28_pages(tmp_path, "test", spec)]
    assert dev == [("a-set", "k1")] and test == [("b-set", "k2")]
    assert len(list(nn28.nn28_pages(tmp_path, "all", spec))) == 2


def test_per_page_output_is_refused_for_test(
    nn28: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        nn28.run_score(["--split", "test", "--per-page"], nn28.load_spec())
    assert "dev split only" in capsys.readouterr().err


def test_stage_table_reads_the_dev_half_only(nn28: ModuleType, tmp_path: Path) -> None:
    # benchmarks/rc20_stages.py reads nn28's dev groups, page by page, and no test group.
    spec = nn28.load_spec()
    halves = {group.name: group.half for group in nn28.groups(spec)}
    for name, keys in spec["pages"].items():
        for key in keys:
            (tmp_path / name / key).mkdir(parents=True)
            (tmp_path / name / key / "page.html").write_bytes(b"<html><body><p>x</p></body></html>")
            (tmp_path / name / key / "reference.txt").write_text("x", encoding="utf-8")
    cases = list(load_benchmark("rc20_stages").read_set("nn28", tmp_path))
    dev = sorted(
        f"{n}/{k}" for n, keys in spec["pages"].items() for k in keys if halves[n] == "dev"
    )
    assert dev and sorted(c.name for c in cases) == dev
