"""Failure classes found on held-out news pages (issue 15): fast-pass probes, JSON-LD dates, titles."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from lxml import html as lxml_html

from extractors.htmlbody import misses_paragraphs, read_visible_paragraphs, share_of_prose
from extractors.metadata import (
    HtmlMeta,
    choose_title,
    read_html_meta,
    strip_site_suffix,
    unescape_title,
)
from extractors.splitbody import join_split_bodies

STORY = [
    "The harbour authority approved the new ferry timetable after a long public hearing.",
    "Residents of the outer islands had asked for an earlier morning crossing for years.",
    "The first boats on the revised schedule will leave the quay at half past five in May.",
]


def _page(inside: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><body>{inside}</body></html>")


def test_an_aside_that_wraps_the_whole_page_still_counts_as_visible() -> None:
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    wrapped = _page(f"<aside class='sidebar'><div><article>{paras}</article></div></aside>")
    chars, count, longest = read_visible_paragraphs(wrapped)
    assert count == 3 and chars == sum(len(p) for p in STORY)
    assert longest[0] == max(STORY, key=len)
    boxed = _page(f"<article>{paras}</article><aside><p>{'Most read this week. ' * 2}</p></aside>")
    assert read_visible_paragraphs(boxed)[1] == 3  # a real side box stays outside


def test_a_fast_pass_without_any_of_the_longest_paragraphs_is_a_miss() -> None:
    menu = "\n".join(["Home", "News", "Politics", "Sport", "Weather"] * 40)
    assert misses_paragraphs(menu, STORY)
    assert not misses_paragraphs("Intro.\n" + STORY[1] + "\nMore.", STORY)
    # reshaped spaces do not hide a kept paragraph
    assert not misses_paragraphs(STORY[2].replace(" ", "\n  "), STORY)
    # too few paragraphs to judge: never a miss
    assert not misses_paragraphs(menu, STORY[:2])


def test_a_menu_has_no_prose_and_an_article_does() -> None:
    assert share_of_prose("\n".join(["Home", "News", "Politics", "Sport"] * 30)) == 0.0
    assert share_of_prose("\n".join([*STORY, "Share", "Print"])) > 0.9
    # CJK lines count double: a 45-character Chinese sentence is a prose line
    assert (
        share_of_prose("港务局批准了新的渡轮时刻表" * 3 + "，居民多年来一直要求更早的班次。") == 1.0
    )


def _ld(*nodes: Mapping[str, object]) -> str:
    return "".join(
        f"<script type='application/ld+json'>{json.dumps(node)}</script>" for node in nodes
    )


def test_the_story_date_published_comes_before_created_and_media_dates() -> None:
    story = {
        "@type": "NewsArticle",
        "headline": "Ferry timetable approved",
        "datePublished": "2024-03-10T09:00:00Z",
        "dateCreated": "2024-03-08T17:45:00Z",
    }
    photo = {"@type": "ImageObject", "datePublished": "2023-11-02", "name": "Quay"}
    meta = read_html_meta(_page(_ld(photo) + _ld(story) + _ld(photo)))
    assert meta.dates[:2] == ["2024-03-10T09:00:00Z", "2024-03-08T17:45:00Z"]
    assert meta.dates[2:] == ["2023-11-02", "2023-11-02"]


def test_a_headline_two_other_sources_outvote_is_replaced_by_the_h1() -> None:
    meta = HtmlMeta(
        title="Ferry crisis: harbour board approves timetable after hearing",
        og_title="Harbour board approves ferry timetable after hearing",
        h1="Harbour board approves ferry timetable after hearing",
        page_title="Harbour board approves ferry timetable after hearing - Island Courier",
    )
    assert choose_title(meta) == "Harbour board approves ferry timetable after hearing"
    # one other source agreeing with the metadata headline keeps it
    kept = HtmlMeta(
        title="Ferry timetable approved after hearing",
        og_title="Short social title",
        h1="Short social title",
        page_title="Ferry timetable approved after hearing | Island Courier",
    )
    assert choose_title(kept) == "Ferry timetable approved after hearing"


def test_an_uncut_site_tail_or_garbled_source_does_not_outvote() -> None:
    tail = HtmlMeta(
        title="Ferry timetable approved",
        og_title="Ferry timetable approved-News ㅣ Island Courier",
        page_title="Ferry timetable approved-News ㅣ Island Courier",
    )
    assert choose_title(tail) == "Ferry timetable approved"
    garbled = HtmlMeta(
        title="Neue Fähre legt ab Dienstag früher zur Insel ab",
        og_title="Neue FÃ¤hre legt ab Dienstag frÃ¼her zur Insel ab",
        h1="Neue FÃ¤hre legt ab Dienstag frÃ¼her zur Insel ab",
        page_title="Neue FÃ¤hre legt ab Dienstag frÃ¼her zur Insel ab",
    )
    assert choose_title(garbled) == "Neue Fähre legt ab Dienstag früher zur Insel ab"


def test_a_long_site_name_after_the_h1_is_cut() -> None:
    meta = HtmlMeta(title="„Tireless work“ - The New Island Daily Courier", h1="„Tireless work“")
    assert choose_title(meta) == "„Tireless work“"
    clause = HtmlMeta(title="Storm hits coast - but damage is light", h1="Storm hits coast")
    assert choose_title(clause) == "Storm hits coast - but damage is light"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tears for the vaulter – then came the twist of fate", None),
        ("Fire in the depot: toxic smoke – „Extreme danger“", None),
        ("Ferry timetable approved - courier", "Ferry timetable approved"),
        ("Ferry timetable approved | Island Courier", "Ferry timetable approved"),
    ],
)
def test_quoted_or_lower_case_clauses_are_not_site_names(title: str, expected: str | None) -> None:
    assert strip_site_suffix(title) == (expected or title)


def test_titles_lose_soft_hyphens_and_the_first_empty_h1_is_skipped() -> None:
    assert unescape_title("Helicopter\u00adpad plan &amp; more") == "Helicopterpad plan & more"
    meta = read_html_meta(
        _page("<h1><a href='/'><img src='logo.png'></a></h1><h1>Real headline</h1>")
    )
    assert meta.h1 == "Real headline"


def _part(n: int) -> str:
    return "<div class='story-part'>" + "".join(f"<p>{p} ({n})</p>" for p in STORY * 2) + "</div>"


def test_a_story_split_by_ads_is_joined_into_its_first_block() -> None:
    ad = "<div class='ad'><p>Advertisement</p></div>"
    tree = _page(f"<article><h1>Ferries</h1>{_part(1)}{ad}{_part(2)}{ad}{_part(3)}</article>")
    assert join_split_bodies(tree)
    parts = tree.xpath("//div[@class='story-part']")
    assert len(parts) == 1 and len(parts[0].findall("p")) == 18
    assert len(tree.xpath("//div[@class='ad']")) == 2  # the ads stay where they were


def test_stories_of_other_articles_and_short_items_are_not_joined() -> None:
    scroll = _page(f"<article>{_part(1)}</article><article>{_part(2)}</article>")
    assert not join_split_bodies(scroll)
    comments = "".join(f"<div class='comment'><p>{STORY[i % 3]}</p></div>" for i in range(9))
    assert not join_split_bodies(_page(f"<article>{_part(1)}</article>{comments}"))
    between = "<div class='related'>" + "".join(f"<p>{p}</p>" for p in STORY * 2) + "</div>"
    assert not join_split_bodies(_page(f"<article>{_part(1)}{between}{_part(2)}</article>"))
