"""tw48: an embedded post's byline and addresses are the embed's furniture, its text is the page's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from storykit import LIBRARY_PARAS, library_page

from extractors.article import extract_article
from extractors.embedposts import drop_embed_furniture, is_embed_byline
from extractors.rows import Page

POST = "The reading room reopens on Sunday with two new tables and a quiet corner."
BYLINE = "— Town Library (@townlibrary) March 4, 2026"
HEAD = "".join(f"<p>{p}</p>" for p in LIBRARY_PARAS[:3])
TAIL = "".join(f"<p>{p}</p>" for p in LIBRARY_PARAS[3:])
# Twitter/X's embed code as a page pastes it (our own post and account).
EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">'
    f'{POST} <a href="https://t.co/Ab12Cd34Ef">pic.twitter.com/Ab12Cd34Ef</a></p>'
    '&mdash; Town Library (@townlibrary) <a href="https://twitter.com/townlibrary/status/1">'
    "March 4, 2026</a></blockquote>"
)


@pytest.mark.parametrize(
    "line",
    [
        BYLINE,
        "— Town Library (@townlibrary)",
        "– Dr. A. N. Other (@a_n_other) 4 March 2026",
        "-- Town Library (@townlibrary) 2026年3月4日",
        "— Town Library (@townlibrary.bsky.social) March 4, 2026",
    ],
)
def test_an_embed_byline_is_recognised(line: str) -> None:
    assert is_embed_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "- Town Library (@townlibrary)",  # a Markdown list's item: a list of accounts to follow
        "— Town Library (@townlibrary) said the hours would change",  # prose after the handle
        "— Town Library (@townlibrary) March 4, 2026, in a reply to the council",
        "— Town Library, March 4, 2026",  # a quote's attribution without a handle
        "Follow the library (@townlibrary) for the new hours.",
    ],
)
def test_other_lines_are_no_byline(line: str) -> None:
    assert not is_embed_byline(line)


def test_furniture_goes_and_the_post_text_stays() -> None:
    paras = [f"{POST} pic.twitter.com/Ab12Cd34Ef", BYLINE, "pic.x.com/Zz9", LIBRARY_PARAS[0]]
    assert drop_embed_furniture(paras) == [POST, LIBRARY_PARAS[0]]


def test_only_the_embed_addresses_are_cut() -> None:
    kept = "Read it at https://t.co/Xy12 or microsoft.co/report and example.com/t.co/x today."
    assert drop_embed_furniture([kept]) == [
        "Read it at or microsoft.co/report and example.com/t.co/x today."
    ]


def test_an_html_page_keeps_the_post_without_its_byline() -> None:
    text = extract_article(library_page(f"{HEAD}{EMBED}{TAIL}")).text
    assert POST in text
    assert "@townlibrary" not in text
    assert "pic.twitter.com" not in text
    assert all(p in text for p in LIBRARY_PARAS)


def test_a_markdown_page_with_the_embed_inline_drops_its_byline() -> None:
    body = "\n\n".join(
        ["---", "title: Library hours", "---", "# Library hours", *LIBRARY_PARAS[:3], EMBED]
        + list(LIBRARY_PARAS[3:])
    ).replace("---\n\ntitle: Library hours\n\n---", "---\ntitle: Library hours\n---")
    page = Page("t", body.encode(), datetime(2026, 1, 1, tzinfo=UTC), path="hours.md")
    text = extract_article(page).text
    assert POST in text
    assert "(@townlibrary)" not in text
    assert "pic.twitter.com" not in text
    assert all(p in text for p in LIBRARY_PARAS)


def test_a_text_dump_drops_the_pasted_byline() -> None:
    body = "\n\n".join([*LIBRARY_PARAS[:2], POST, BYLINE, *LIBRARY_PARAS[2:]])
    page = Page("t", body.encode(), datetime(2026, 1, 1, tzinfo=UTC), path="hours.txt")
    text = extract_article(page).text
    assert POST in text
    assert BYLINE not in text


def test_a_byline_run_on_at_the_end_of_the_post_is_cut() -> None:
    assert drop_embed_furniture([f"{POST}{BYLINE}"]) == [POST]
    assert drop_embed_furniture([f"{POST} {BYLINE}"]) == [POST]


@pytest.mark.parametrize(
    "para",
    [
        f"{POST} — Town Library (@townlibrary)",  # no date: not the embed's full form
        f"{POST} – Town Library (@townlibrary) March 4, 2026",  # an en dash sets off prose
        "— Town Library (@townlibrary) March 4, 2026 is the date the hours change.",
    ],
)
def test_a_sentence_naming_an_account_keeps_its_end(para: str) -> None:
    assert drop_embed_furniture([para]) == [para]
