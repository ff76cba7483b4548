"""A page's declared address is kept only when it is a web address, so no later stage trips on it."""

from __future__ import annotations

import pytest
from archivekit import EN, ZH, extract_saved
from hypothesis import given
from hypothesis import strategies as st

from extractors.signals import detect_signals
from extractors.signals.places import region_of
from extractors.urlhost import address_problem, web_address

MALFORMED = [
    "http://[abc/x",
    "https://example.org:99999/a",
    "http://example.org:8o/a",
    "http://exa mple.org/",
]
POLICY = (
    "The European Union adopted the AI Act on Tuesday, a regulation of artificial "
    "intelligence systems that bans some uses in public places."
)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[abc/x", "malformed address"),
        ("https://example.org:99999/a", "malformed address"),
        ("http://example.org:8o/a", "malformed address"),
        ("http://exa mple.org/a", "a space or control character"),
        ("ftp://example.org/a", "not an http(s) address"),
        ("https:///a", "no host"),
        ("https://example.org/a b", None),  # a space in the path is the server's business
        ("HTTP://[2001:db8::1]:8080/a", None),
        ("https://user@example.org/a", None),
    ],
)
def test_address_problem_names_what_is_wrong(url: str, problem: str | None) -> None:
    found = address_problem(url)
    assert found is None if problem is None else found is not None and found.startswith(problem)


def test_web_address_strips_and_refuses() -> None:
    assert web_address("  https://example.org/a \n") == "https://example.org/a"
    assert web_address("http://[abc/x") is None
    assert web_address(42) is None and web_address("") is None


@given(st.text(max_size=40))
def test_address_problem_never_raises(tail: str) -> None:
    for url in (tail, "http://" + tail, "https://[" + tail):
        assert address_problem(url) is None or isinstance(address_problem(url), str)


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_front_matter_address_is_no_url_and_detection_runs(url: str) -> None:
    article = extract_saved(
        f"---\ntitle: The AI Act is adopted\nurl: {url}\n---\n\n{POLICY}\n\n{EN}\n"
    )
    assert article.url is None and article.outlet is None
    assert POLICY in article.text
    assert [s.signal_type for s in detect_signals(article)]  # no SignalError from the address


def test_a_good_front_matter_address_is_still_the_url() -> None:
    article = extract_saved(
        f"---\ntitle: T\nurl: https://news.example.org/a/1\n---\n\n{EN}\n\n{EN}\n"
    )
    assert article.url == "https://news.example.org/a/1"


def test_a_malformed_canonical_link_gives_way_to_the_open_graph_address() -> None:
    head = (
        '<link rel="canonical" href="https://[abc/x">'
        '<meta property="og:url" content="https://news.example.org/a/2">'
    )
    page = f"<html><head><title>T</title>{head}</head><body><article><p>{EN}</p><p>{EN}</p></article></body></html>"
    assert extract_saved(page).url == "https://news.example.org/a/2"


def test_a_clippers_callout_with_a_malformed_link_is_read_not_rejected() -> None:
    callout = (
        "> [!example]- [内部链接](<http://localhost:7026/unread/5>) [外部链接](<https://[abc/x>)"
    )
    article = extract_saved(f"{callout}\n\n# 新规划\n\n{ZH}\n\n{ZH}\n")
    assert article.url is None and "市政府今天公布" in article.text


def test_region_of_reads_past_a_malformed_address() -> None:
    assert region_of("Asia/Hong_Kong", "http://[abc/x", "zh-Hant") == "HK"
