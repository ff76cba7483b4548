"""Golden tests: hand-written fixture pages in golden/ and the row each must produce."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from extractors.article import extract_article
from extractors.rows import EXTRACTOR_VERSION, Page, make_article_id

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p for p in GOLDEN.glob("*.json"))


def _page_file(expected: Path) -> Path:
    return next(p for p in GOLDEN.glob(expected.stem + ".*") if p.suffix != ".json")


def _load(expected: Path) -> tuple[Page, dict[str, Any]]:
    want = json.loads(expected.read_text(encoding="utf-8"))
    path = _page_file(expected)
    page = Page(
        source="golden",
        body=path.read_bytes(),
        path=path.name,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        timezone=want["timezone"],
    )
    return page, want


@pytest.mark.parametrize("expected", CASES, ids=[p.stem for p in CASES])
def test_golden_row(expected: Path) -> None:
    page, want = _load(expected)
    art = extract_article(page)
    for field in ("title", "author", "outlet", "url", "language"):
        if field in want:
            assert getattr(art, field) == want[field], field
    got = art.published_at.isoformat() if art.published_at else None
    assert got == want["published_at"]
    for marker in want["body_markers"]:
        assert marker in art.text, f"body lost: {marker}"
    for marker in want["chrome_markers"]:
        assert marker not in art.text, f"chrome kept: {marker}"
    for marker in want.get("text_hans_markers", []):
        assert art.text_hans is not None and marker in art.text_hans


@pytest.mark.parametrize("expected", CASES, ids=[p.stem for p in CASES])
def test_golden_row_invariants(expected: Path) -> None:
    page, _want = _load(expected)
    art = extract_article(page)
    assert art.article_id == make_article_id("golden", page.path, None)
    assert art.extractor_version == EXTRACTOR_VERSION
    assert art.published_at is None or art.published_at.utcoffset() is not None
    assert art.simhash is not None and -(2**63) <= art.simhash < 2**63
    assert art.near_duplicate_of is None
    assert "\n\n\n" not in art.text and art.text == art.text.strip()
    if art.language == "zh-Hant":
        assert art.text_hans is not None and art.text_hans != art.text
    if art.language == "zh-Hans":
        assert art.text_hans == art.text
    assert extract_article(page) == art  # deterministic
