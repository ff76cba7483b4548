"""cb43: a caption credit names a photo or an image as a word, not inside an identifier."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.article import extract_article
from extractors.chromeline import is_line_chrome, measure
from extractors.cues import CAPTION_CREDIT
from extractors.rows import Page

# Our own text: notes on resizing pictures for a small website (invented).
PARAS = [
    "Large pictures slow a page down, so the site keeps two sizes of every picture: a small one "
    "for the list of posts and a wide one for the post itself, both made when the post is saved.",
    "The script reads each new file from the uploads folder, checks that it really is a picture, "
    "and writes both sizes next to it with the same name and a suffix for the width.",
    "Pictures wider than two thousand pixels are cut down first, because the phones that read the "
    "site never show more than that and the larger files only cost storage and time.",
]
IDENTIFIER = (
    "The script opens each file with the imaging library: im = Image.open(upload_image_path)"
)
VERSION = "Check which version the server has installed first (ImageMagick, 7.0.10-61)"


def _page(line: str) -> Page:
    paras = "".join(f"<p>{p}</p>\n" for p in [PARAS[0], line, *PARAS[1:]])
    html = (
        "<html><head><title>Resizing pictures</title></head><body>"
        f"<article><h1>Resizing pictures</h1>{paras}</article></body></html>"
    )
    return Page("t", html.encode(), datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize("line", [IDENTIFIER, VERSION], ids=["identifier", "version"])
def test_a_line_naming_an_identifier_is_kept(line: str) -> None:
    assert not is_line_chrome(line, line, measure(line, line))
    assert line in extract_article(_page(line)).text


@pytest.mark.parametrize(
    "credit",
    [
        "The harbour at dawn (Photo: Jane Doe)",
        "Volunteers at work [Photograph: the reading club]",
        "The new reading room (Images courtesy of the library)",
        "Opening day (Imagen: archivo municipal)",
        "开馆当天的阅览室（图片来源：图书馆）",
    ],
    ids=["photo", "photograph", "images", "imagen", "zh"],
)
def test_a_caption_credit_is_still_one(credit: str) -> None:
    assert CAPTION_CREDIT.search(credit) is not None
    assert is_line_chrome(credit, credit, measure(credit, credit))
