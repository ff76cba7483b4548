"""Steps made cheaper give the answers they gave before (the old forms written out here)."""

from __future__ import annotations

import random

import numpy as np
from lxml import html as lxml_html

from extractors.chromeline import measure
from extractors.formats import looks_html
from extractors.markdown import without_fenced_code
from extractors.neardup import count_bit_votes
from extractors.titleecho import title_classed


def _shifted_votes(hashes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The bit votes as first written: each hash shifted by every bit position."""
    bits = np.arange(64, dtype=np.uint64)
    return weights @ ((hashes[:, None] >> bits) & np.uint64(1)).astype(np.int64)


def test_bit_votes_match_the_shifted_form() -> None:
    rng = np.random.default_rng(55)
    for size in (1, 2, 7, 300, 2_500):
        hashes = rng.integers(0, 2**64 - 1, size=size, dtype=np.uint64, endpoint=True)
        hashes[0] = np.uint64(2**64 - 1)  # every bit set, the top one too
        weights = rng.integers(1, 9, size=size, dtype=np.int64)
        assert count_bit_votes(hashes, weights).tolist() == _shifted_votes(hashes, weights).tolist()


def _lines(rng: random.Random) -> str:
    pieces = ["<div>", "</div>", "<p>a</p>", "# Heading", "- item", "text", "  ", "`code`", "~ ~"]
    return "\n".join(" ".join(rng.choices(pieces, k=rng.randint(0, 4))) for _ in range(60))


def test_a_text_without_fence_markers_is_left_as_it_is() -> None:
    # looks_html skips the fence scan when no line can open a fence: the scan must change nothing.
    rng = random.Random(55)
    for _ in range(300):
        text = _lines(rng)
        assert "```" not in text and "~~~" not in text
        assert without_fenced_code(text) == text


def test_markup_inside_a_fence_still_does_not_make_a_page_html() -> None:
    markdown = "# Notes\n\nSome text.\n\n```html\n" + "<div>\n<p>x</p>\n</div>\n" * 5 + "```\n"
    assert not looks_html(markdown)
    assert looks_html(markdown.replace("```html\n", "").replace("```\n", ""))


def test_title_classed_elements_are_the_xpath_s() -> None:
    # The walk replaces //*[contains(translate(@class, 'TITLE', 'title'), 'title')].
    rng = random.Random(55)
    parts = [
        "title",
        "TITLE",
        "Title",
        "tItLe",
        "subtitle",
        "tİtle",
        "titel",
        "ti tle",
        "x",
        "Ｔitle",
    ]
    for _ in range(200):
        body = []
        for n in range(rng.randint(1, 12)):
            names = " ".join(rng.choices(parts, k=rng.randint(0, 3)))
            attr = f' class="{names}"' if rng.random() < 0.8 else ""
            body.append(f"<div{attr}><span{attr}>t{n}</span><!-- c --></div>")
        tree = lxml_html.document_fromstring(f"<html><body>{''.join(body)}</body></html>")
        assert list(title_classed(tree)) == tree.xpath(
            "//*[contains(translate(@class, 'TITLE', 'title'), 'title')]"
        )


def test_a_line_s_width_counts_each_wide_character_twice() -> None:
    # Kana, CJK and Hangul count twice; the range ends included, their neighbours not.
    alphabet = "aZ 1.,\u3000\u303f\u3040\u30ff\u3100\u33ff\u3400\u9fff\ua000\uabff\uac00\ud7af\ud7b0好ア한𠀀"
    rng = random.Random(55)
    for _ in range(500):
        line = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        wide = sum(
            1
            for ch in line
            if "\u3040" <= ch <= "\u30ff"
            or "\u3400" <= ch <= "\u9fff"
            or "\uac00" <= ch <= "\ud7af"
        )
        assert measure(line, line).width == len(line) + wide
