"""A headless Chromium screenshot of digest.html at phone width: the pixels show a rendered page."""

from __future__ import annotations

from pathlib import Path

from chromekit import HEIGHT, WIDTH, near, screenshot

from flows.digest import write_digest

ORANGE = (0xC0, 0x56, 0x21)  # this week's chart bars
BLUE = (0x2B, 0x6C, 0xB0)  # earlier weeks' bars, item borders, links


def test_digest_page_renders_at_phone_width(history_data: Path, tmp_path: Path) -> None:
    page = write_digest(str(history_data), "2025-W02").html_path
    pixels = screenshot(page, tmp_path / "digest.png")
    assert pixels.shape == (HEIGHT, WIDTH, 3)
    ink = pixels.min(axis=-1) < 160  # text, bars and borders; the page background is white
    assert (pixels[0, 0] >= 250).all(), "the page background is white"
    assert 0.02 < ink.mean() < 0.5, "a page of text, neither blank nor a solid block"
    assert ink[:60].any(), "the title is drawn at the top"
    assert ink[HEIGHT // 2 :].mean() > 0.01, "items fill the page below the fold"
    assert near(pixels[:700], ORANGE) > 100, "the inline SVG chart draws this week's bars"
    assert near(pixels, BLUE) > 300, "item borders and links are drawn"
    assert not ink[:, WIDTH - 6 :].any(), "nothing overflows the phone-width viewport"
    text_rows = ink[:, : WIDTH // 2].any(axis=1)
    assert text_rows.mean() > 0.3, "lines of text run down the page"
