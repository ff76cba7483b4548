"""The runner strips a source's boilerplate before signals, whatever the batches, across runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from boilerkit import PROMO, ingest, story, write

import flows.runner.source


def test_ingest_strips_boilerplate_before_signals(tmp_path: Path) -> None:
    write(tmp_path / "pages", range(7))
    texts, signals = ingest(tmp_path / "data", tmp_path / "pages")
    assert len(texts) == 7
    for i, text in enumerate(texts[f"p{i}.html"] for i in range(7)):
        assert text == "\n\n".join(story(i)[:-1])  # promo gone, subheading kept
    assert not [s for s in signals if PROMO in s[2] or s[1] == "investment_capex"]


def test_ingest_is_the_same_whatever_the_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pages", range(7))
    whole = ingest(tmp_path / "one", tmp_path / "pages")
    monkeypatch.setattr(
        flows.runner.source, "COMMIT_PAGES", 2
    )  # 3 commits before the promo qualifies
    small = ingest(tmp_path / "small", tmp_path / "pages")
    assert small == whole
    assert ingest(tmp_path / "small", tmp_path / "pages", reextract=True) == whole
    assert ingest(tmp_path / "small", tmp_path / "pages") == whole  # unchanged re-run


def test_later_runs_keep_stripping_what_earlier_runs_learned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run 1 sees 6 pages and strips the promo from their stored text; run 2 brings one new
    # page, where the promo is found again only through the re-extracted recent pages.
    pages = tmp_path / "pages"
    write(pages, range(6))
    ingest(tmp_path / "data", pages)
    write(pages, range(6, 7))
    texts, signals = ingest(tmp_path / "data", pages)
    assert texts["p6.html"] == "\n\n".join(story(6)[:-1])
    write(tmp_path / "all", range(7))
    assert (texts, signals) == ingest(tmp_path / "cold", tmp_path / "all")
    monkeypatch.setattr("flows.runner.boilerplate.PROBE_PAGES", 0)  # without the probe: kept
    write(pages, range(7, 8))
    texts, _ = ingest(tmp_path / "data", pages)
    assert PROMO in texts["p7.html"]
