"""measures.html in headless Chromium: it renders at phone width, and its filter works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromekit import HEIGHT, WIDTH, dump_dom, near, screenshot
from tracker_rows import events, measures

from extractors.tracker import render_measures_html
from extractors.tracker.timeline import STATUS_COLORS

ROW = re.compile(r'<li class="measure" id="m-([\w-]+)"([^>]*)>')


def rgb(colour: str) -> tuple[int, int, int]:
    """Return '#rrggbb' as a tuple."""
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """Return measures.html of the six fixture measures, written to a file."""
    path = tmp_path / "measures.html"
    path.write_text(render_measures_html(measures(), events()), encoding="utf-8")
    return path


def shown_rows(dom: str) -> dict[str, bool]:
    """Return measure id -> whether its row is shown, from a dumped DOM."""
    return {m.group(1): " hidden" not in m.group(2) for m in ROW.finditer(dom)}


def test_measures_page_renders_at_phone_width(page: Path, tmp_path: Path) -> None:
    pixels = screenshot(page, tmp_path / "measures.png")
    assert pixels.shape == (HEIGHT, WIDTH, 3)
    ink = pixels.min(axis=-1) < 160
    assert (pixels[0, 0] >= 250).all(), "the page background is white"
    assert 0.02 < ink.mean() < 0.5, "a page of text, neither blank nor a solid block"
    assert ink[:60].any(), "the title is drawn at the top"
    for status in ("in_force", "revoked", "adopted", "proposed"):
        assert near(pixels, rgb(STATUS_COLORS[status]), tol=30) > 40, f"{status} dots are drawn"
    assert not ink[:, WIDTH - 6 :].any(), "nothing overflows the phone-width viewport"
    text_rows = ink[:, : WIDTH // 2].any(axis=1)
    assert text_rows.mean() > 0.3, "lines of text run down the page"


def test_filter_from_the_url_hash_hides_the_other_rows(page: Path, tmp_path: Path) -> None:
    everything = dump_dom(page.resolve().as_uri(), tmp_path / "profile")
    assert all(shown_rows(everything).values()) and len(shown_rows(everything)) == 6
    assert "6 of 6 shown" in everything
    assert re.search(r'<form id="filters" class="filters">', everything), "JS reveals the form"
    china_rules = dump_dom(f"{page.resolve().as_uri()}#jurisdiction=CN&kind=rule", tmp_path / "p2")
    assert shown_rows(china_rules) == {
        "cn-ai-labels": True,
        "cn-ai-plus": False,
        "bis-ai-diffusion": False,
        "eo-14110": False,
        "eu-ai-act": False,
        "tc260-genai-security": False,
    }
    assert "1 of 6 shown" in china_rules
    us = dump_dom(f"{page.resolve().as_uri()}#jurisdiction=US", tmp_path / "p3")
    assert [k for k, shown in shown_rows(us).items() if shown] == ["bis-ai-diffusion", "eo-14110"]
    unknown = dump_dom(f"{page.resolve().as_uri()}#kind=bill", tmp_path / "p4")
    assert all(shown_rows(unknown).values()), "an unknown value in the hash filters nothing"


def test_filtered_page_draws_fewer_rows(page: Path, tmp_path: Path) -> None:
    full = screenshot(page, tmp_path / "full.png")
    china = screenshot(f"{page.resolve().as_uri()}#jurisdiction=CN", tmp_path / "cn.png")
    ink_full = (full.min(axis=-1) < 160).any(axis=1).sum()
    ink_china = (china.min(axis=-1) < 160).any(axis=1).sum()
    assert ink_china < 0.7 * ink_full, "hidden rows are not drawn"
    red = rgb(STATUS_COLORS["revoked"])
    assert near(china, red) < near(full, red) / 4, "only the legend's red is left: no US rows"
