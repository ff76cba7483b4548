"""Titles written down in front matter or by a clipper lose the site name the page's evidence names."""

from __future__ import annotations

import pytest
from archivekit import EN, ZH, extract_saved

from extractors.clippers import callout_url
from extractors.metadata import drop_named_site_tail, strip_site_suffix


def _front(title: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\n{extra}---\n\n'


@pytest.mark.parametrize(
    ("title", "outlet", "host", "expected"),
    [
        # the URL's host spells the trailing segment
        ("Library hours extended | Harbor Town Gazette", None, "harbortowngazette.com", None),
        ("Tram line opens - Wikipedia", None, "en.wikipedia.org", "Tram line opens"),
        ("Budget vote delayed _ City Desk", None, "news.citydesk.net", "Budget vote delayed"),
        # the outlet names it
        ("Notes on parsing dates – Quiet Loop", "Quiet Loop", None, "Notes on parsing dates"),
        ("新线路规划公布 - 城南晚报", "城南晚报", None, "新线路规划公布"),
        # a site and its section, both named by the same words
        ("地铁新线路规划详解 - 示例云开发者社区 - 示例云", None, None, "地铁新线路规划详解"),
    ],
)
def test_a_site_name_the_evidence_names_is_cut(
    title: str, outlet: str | None, host: str | None, expected: str | None
) -> None:
    want = expected or title.split(" | ")[0]
    assert strip_site_suffix(title, outlet, host, named=True) == want


@pytest.mark.parametrize(
    ("title", "outlet", "host"),
    [
        # a short name-like tail with no evidence stays: it may be the headline's own part
        ("Why the vote failed | Analysis", None, "news.example.org"),
        ("被误解的规划：我们没有说谎 | 深度报道", None, "news.example.org"),
        ("Set up the reader | Reader Docs", None, "docs.example.dev"),
        # nothing but a short word would be left
        ("Map - Wikipedia", None, "en.wikipedia.org"),
        # a clause, not a name, even where it contains the outlet's name
        ("Harbor Gazette wins award - and readers ask why, again", "Harbor Gazette", None),
        # two segments that do not repeat each other are not a site and its section
        ("规划详解 - 交通 - 城市", None, None),
    ],
)
def test_a_tail_without_evidence_stays(title: str, outlet: str | None, host: str | None) -> None:
    assert strip_site_suffix(title, outlet, host, named=True) == title


def test_html_title_cutting_is_unchanged_without_the_named_flag() -> None:
    assert strip_site_suffix("Why the vote failed | Analysis") == "Why the vote failed"


def test_a_front_matter_title_loses_the_site_its_source_url_names() -> None:
    article = extract_saved(
        _front(
            "Library budget approved - Harbor Town Gazette",
            "source: https://www.harbortowngazette.com/2025/budget\n",
        )
        + f"{EN}\n\n{EN}\n"
    )
    assert article.title == "Library budget approved"


def test_a_front_matter_title_loses_the_outlet_it_names() -> None:
    article = extract_saved(
        _front("新线路规划公布 - 城南晚报", "site_name: 城南晚报\n") + f"{ZH}\n\n{ZH}\n"
    )
    assert article.title == "新线路规划公布"


def test_a_front_matter_title_keeps_a_column_name_nothing_names() -> None:
    title = "被误解的规划：我们没有说谎 | 深度报道"
    article = extract_saved(_front(title) + f"{ZH}\n\n{ZH}\n")
    assert article.title == title


def test_a_note_callout_gives_the_page_address_and_the_title_its_site() -> None:
    callout = (
        "> [!example]- [内部链接](<http://localhost:7026/unread/3>) "
        "[外部链接](<https://en.wikipedia.org/wiki/Tram>)\n"
    )
    body = _front("Tram - Wikipedia") + "# Tram - Wikipedia\n\n" + callout + f"\n{EN}\n\n{EN}\n"
    article = extract_saved(body)
    assert article.url == "https://en.wikipedia.org/wiki/Tram"
    assert article.title == "Tram"
    assert "localhost" not in article.text


def test_callout_url_skips_local_links_and_reads_bare_targets() -> None:
    local = "> [!note] [open](<http://localhost:7026/x>) [open](<http://127.0.0.1/y>)"
    assert callout_url(local) is None
    assert callout_url("> [!info] [page](https://a.example.org/p)") == "https://a.example.org/p"


@pytest.mark.parametrize(
    ("title", "outlet", "host", "expected"),
    [
        # any spaced mark before a name the evidence gives
        (
            "Ferry timetable changes \\ Harbor Gazette",
            None,
            "harborgazette.org",
            "Ferry timetable changes",
        ),
        ("Ferry timetable changes // Quiet Loop", "Quiet Loop", None, "Ferry timetable changes"),
        # a mark before words nothing names stays, and so does a headline's own slash
        ("Ferry timetable changes \\ Weekend Edition", None, "harborgazette.org", None),
        ("AI / ML budgets rise", None, "harborgazette.org", None),
    ],
)
def test_a_named_site_after_any_spaced_mark_is_cut(
    title: str, outlet: str | None, host: str | None, expected: str | None
) -> None:
    assert drop_named_site_tail(title, outlet, host) == (expected or title)


def test_a_front_matter_title_loses_a_site_after_a_backslash() -> None:
    article = extract_saved(
        _front(
            "Ferry timetable changes \\\\ Harbor Gazette",
            "url: https://www.harborgazette.org/news/ferry\n",
        )
        + "# Ferry timetable changes\n\n"
        + f"{EN}\n\n{EN}\n"
    )
    assert article.title == "Ferry timetable changes"


def test_markdown_backslash_escapes_show_the_character() -> None:
    article = extract_saved(
        _front("Harbor fund") + "The council set aside \\$30 million \\(about 10\\% more\\).\n\n"
        f"{EN}\n"
    )
    assert "set aside $30 million (about 10% more)." in article.text
