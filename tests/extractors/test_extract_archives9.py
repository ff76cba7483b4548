"""Archive pages, ninth round: slow patterns on code lines, credit blocks, trailing follow lines."""

from __future__ import annotations

import time

from archivekit import EN, extract_saved

from extractors.cues import BREADCRUMB


def test_breadcrumb_pattern_is_fast_on_a_long_line_of_slashes() -> None:
    # A config listing joined into one line: many "/" separators and no sentence end.
    line = " ".join(f"<rule>match:folder{i}/**</rule> </rules> <rules>" for i in range(30))
    start = time.perf_counter()
    assert BREADCRUMB.match(line) is None
    assert time.perf_counter() - start < 0.5
    assert BREADCRUMB.match("Home > World > Asia")
    assert BREADCRUMB.match("首页 / 新闻 / 科技")


def test_a_saved_post_with_a_slash_heavy_listing_extracts_quickly() -> None:
    listing = " ".join(f"<rule>match:folder{i}/**</rule>" for i in range(40))
    start = time.perf_counter()
    article = extract_saved(f"# Storage rules\n\n{EN}\n\n```\n{listing}\n```\n\n{EN}\n")
    assert time.perf_counter() - start < 5
    assert "folder39" in article.text
