"""Damaged pages (round 45, fz45): a lost comment end or a long run is read once, not again and again."""

from __future__ import annotations

import random
from datetime import UTC
from pathlib import Path

import pytest
from scriptkit import load_benchmark
from storykit import LIBRARY_PARAS, html_page

from extractors.article import extract_article
from extractors.clean import find_foreign_inserts
from extractors.formats import _HEADER_LINE, parse_document
from extractors.htmlstart import starts_as_html
from extractors.published import read_author_card

damaged_pages = load_benchmark("damaged_pages")
STORY = "".join(f"<p>{p}</p>\n" for p in LIBRARY_PARAS)
DOCUMENT = f"<html><head><title>Library hours</title></head><body>{STORY}</body></html>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("  \n<?xml version='1.0'?>\n<!-- saved -->\n<!-- by a browser -->\n<html>", True),
        ("<!-- an ad slot --><HEAD><title>x</title>", True),
        ("<!-- a comment that lost its end --\n<!DOCTYPE html><html>", False),
        ("<!-- one --> text --> <html>", False),  # the first "-->" ends the comment (HTML's rule)
        ("<p>a fragment</p>", False),
        ("", False),
    ],
)
def test_a_document_start_is_read_comment_by_comment(text: str, expected: bool) -> None:
    assert starts_as_html(text) is expected


def test_a_saved_page_whose_first_comment_lost_its_end_is_still_read() -> None:
    ads = "<!-- ad slot -->\n" * 200
    page = html_page(f"<!-- google_ad_section_start(weight=ignore) --\n{ads}{DOCUMENT}")
    text = extract_article(page).text
    assert all(p in text for p in LIBRARY_PARAS)


def test_an_author_card_is_found_after_a_long_run_of_digits() -> None:
    lines = ["2024-05-06", "科技观察", "1" * 5_000 + " 3706文章数"]
    card = read_author_card(lines, UTC)
    assert card[0] is not None and card[0].day == 6 and card[1] == "科技观察"


def test_latin_prose_is_still_found_beside_a_long_run_of_letters() -> None:
    run = f"{LIBRARY_PARAS[0]} The key was {'x' * 5_000} in the letter."
    english = [
        run,
        *LIBRARY_PARAS[1:],
        "图书馆周日开放的消息在本地论坛上引起了许多读者的讨论和转发",
    ]
    assert find_foreign_inserts(english) == {len(english) - 1}


@pytest.mark.parametrize("kind", sorted(damaged_pages.DAMAGES))
def test_every_damage_returns_bytes_and_repeats_with_its_seed(kind: str) -> None:
    body = DOCUMENT.encode()
    damage = damaged_pages.DAMAGES[kind]
    first = damage(random.Random(7), body)
    assert isinstance(first, bytes)
    assert damage(random.Random(7), body) == first


def test_a_run_goes_into_the_longest_line() -> None:
    body = "short\n" + "a much longer line of text\n" + "end"
    out = damaged_pages.insert_run(body.encode(), "1元", 7).decode()
    assert out.split("\n")[1] == "a much longer1元1元1元1 line of text"


def test_the_benchmark_reports_outcomes_and_flags_only_real_slowdowns() -> None:
    outcome, seconds = damaged_pages.run_page("note.html", DOCUMENT.encode())
    assert outcome == "article" and seconds >= 0
    outcome, _ = damaged_pages.run_page("empty.html", b"")
    assert outcome.startswith("reject:")
    result = damaged_pages.Result("p", "cut", "article", 2.0, 0.01)
    assert damaged_pages.too_slow(result, limit=1.0)
    assert not damaged_pages.too_slow(damaged_pages.Result("p", "cut", "article", 2.0, 0.5), 1.0)
    assert not damaged_pages.too_slow(damaged_pages.Result("p", "cut", "article", 0.5, 0.0), 1.0)


def test_the_benchmark_runs_on_the_shared_pages(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "damaged.json"
    args = ["--shared", str(shared), "--count", "12", "--run-chars", "500", "--limit", "60"]
    assert damaged_pages.main([*args, "--json", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('"outcome"') > 12


def test_header_lines_after_a_long_run_of_spaces_are_still_read() -> None:
    text = (
        "# 图书馆周日开放\n\n文章作者: 本地" + " " * 5_000 + "记者\n发布时间: 2025-01-03\n\n"
        "图书馆从下周起周日开放，开放时间为下午一点到五点。\n"
    )
    assert str(parse_document(text).meta["date"]).startswith("2025-01-03")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("作者: 本地   记者  ", "本地   记者"),
        ("作者:   ", " "),
        ("> - 来源：[网站](https://a.b)", "[网站](https://a.b)"),
    ],
)
def test_a_header_value_runs_to_its_last_non_space(line: str, value: str) -> None:
    found = _HEADER_LINE.match(line)
    assert found is not None and found.group(2) == value
