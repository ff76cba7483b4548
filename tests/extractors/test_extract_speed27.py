"""Speed changes of the twenty-seventh round give what the code they replace gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytest

from extractors import chromeline, cues
from extractors.chromeline import measure, measure_all
from extractors.cuescan import CueScanner
from extractors.published import search_page_date

# --- the replaced code, kept here as the reference --------------------------------------------


def _scan_before(scanner: CueScanner, text: str) -> list[str]:
    """CueScanner.scan of round 26: every start character tried, gated or not."""
    if not scanner.usable or scanner.starts is None or any(map(text.__contains__, scanner.guards)):
        return [m.lastgroup or "" for m in scanner.full.finditer(text)]
    found: list[str] = []
    m = scanner.full.match(text)
    pos = 1
    if m is not None:
        found.append(m.lastgroup or "")
        pos = max(m.end(), 1)
    while (at := scanner.starts.search(text, pos)) is not None:
        start = at.start()
        pattern = scanner._for_char(text[start])
        m = pattern.match(text, start) if pattern is not None else None
        if m is not None:
            found.append(m.lastgroup or "")
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1
    return found


# --- the cue scanner's lean starts ------------------------------------------------------------

# Our own fixture words: prose, menu words, and the literals the gated cues need.
_WORDS = [
    "the",
    "committee",
    "published",
    "its",
    "interim",
    "report",
    "on",
    "copyright",
    "protected",
    "email",
    "incentive-icons",
    "video",
    "[video]",
    "[photos]",
    "insight",
    "follow us",
    "subscribe",
    "sign up",
    "read more",
    "contact us",
    "(c)",
    "2024",
    "©",
    "click here",
    "e-mail:",
    "[email protected]",
    "email\xa0protected",
    "微信",
    "打开app",
    "tags:",
    "re:",
    "3 comments",
    "ice",
    "cc",
    "ie",
]


def _random_line(rnd: random.Random) -> str:
    parts = [rnd.choice(_WORDS) for _ in range(rnd.randint(0, 9))]
    glue = rnd.choice([" ", "", " - ", ": ", "\n"])
    return glue.join(parts)


@pytest.mark.parametrize("seed", range(3))
def test_scanners_equal_the_full_start_scan_and_finditer(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(4000):
        text = _random_line(rnd)
        for scanner, line in ((cues._EN_SCAN, text.lower()), (cues._ZH_SCAN, text)):
            want = [m.lastgroup or "" for m in scanner.full.finditer(line)]
            assert scanner.scan(line) == _scan_before(scanner, line) == want, line


def test_latin_gates_are_the_unbounded_cues_literals() -> None:
    # The Latin cues not opening at a word boundary are gated; the Chinese scanner has no lean
    # starts (each of its cues is gated, and its literal prefilter runs first).
    assert {"copyright", "protected", "incentive-icons"} <= cues._EN_SCAN.gates
    assert cues._EN_SCAN.lean is not None
    assert cues._EN_SCAN.starts is not None
    assert cues._EN_SCAN.starts.pattern.startswith(cues._EN_SCAN.lean.pattern + "|")
    assert cues._ZH_SCAN.lean is None
    assert cues._ZH_SCAN.gates == frozenset()


# --- the keyword-spam pre-test -----------------------------------------------------------------


def _is_keyword_spam_before(para: str) -> bool:
    """is_keyword_spam of round 26: the separator pattern searched on every line."""
    if not chromeline._MENU_SPLIT.search(para):
        return False
    parts = [p.strip() for p in chromeline._MENU_SPLIT.split(para)]
    if len(parts) < 3 or not all(len(p) <= (12 if len(parts) == 3 else 16) for p in parts):
        return False
    numeric = sum(1 for p in parts if any(ch.isdigit() for ch in p))
    return numeric * 3 < len(parts)


_MENU_PIECES = [
    "Home",
    "News",
    "About",
    "2024",
    "|",
    "｜",
    " - ",
    " / ",
    " · ",
    " • ",
    "-",
    "/",
    "·",
]
_MENU_PIECES += [" ", "\t", "\u3000", "Contact us", "Policy papers", "政策"]


@pytest.mark.parametrize("seed", range(3))
def test_keyword_spam_equals_the_pattern_on_every_line(seed: int) -> None:
    rnd = random.Random(seed)
    hits = 0
    for _ in range(5000):
        para = "".join(rnd.choice(_MENU_PIECES) for _ in range(rnd.randint(0, 10)))
        want = _is_keyword_spam_before(para)
        hits += want
        assert chromeline.is_keyword_spam(para) == want, para
    assert hits > 100  # the random lines hold menus, too


# --- the per-page measure memo ----------------------------------------------------------------

_LINES = [
    "Share",
    "Read more",
    "Follow us on the network",
    "The committee published its interim report on Tuesday.",
    "- a listed item",
    "2024-03-05",
    "© 2024 Example Org. All rights reserved.",
    "人工智能监管新规发布。",
    "相关推荐",
    "",
]


@pytest.mark.parametrize("seed", range(3))
def test_measure_all_equals_measure_per_line(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(300):
        paras = [rnd.choice(_LINES) for _ in range(rnd.randint(0, 12))]
        simple = [p if rnd.random() < 0.8 else p.upper() for p in paras]
        assert measure_all(paras, simple) == [
            measure(p, s) for p, s in zip(paras, simple, strict=True)
        ]
    with pytest.raises(ValueError):
        measure_all(["a", "b"], ["a"])


# --- the htmldate fallback: one search, whatever month the URL names (wd27b) -------------------

_HEAD = [
    '<meta property="article:published_time" content="2021-03-04">',
    '<meta name="date" content="2021-02-30">',
    '<meta property="og:updated_time" content="2022-05-06T08:00:00+00:00">',
    '<script type="application/ld+json">{"datePublished": "2021-03-07"}</script>',
    '<link rel="canonical" href="https://example.org/2021/03/12/story">',
    "<title>Council notes, 9 March 2021</title>",
]
_BODY = [
    "<p>The council met to discuss the budget.</p>",
    '<time datetime="2021-03-05T10:00:00+02:00">5 March</time>',
    "<p>Posted on 12 March 2021 by the editor</p>",
    "<p>Updated 2021-03-15</p>",
    "<footer>© 2020 Example Org</footer>",
    '<p class="byline">By A. Writer, 3 April 2021</p>',
    '<div id="footer">Last modified 2022-01-02</div>',
    '<abbr class="published" title="2021-02-02">Feb 2</abbr>',
    '<img src="/uploads/2021/03/07/a.jpg">',
    '<script>var built = "2019-01-01";</script>',
    "<style>.a{width:2020px}</style>",
    "<small>March 2021</small>",
    "<li>Minutes of 2021/03/19</li>",
    "<span>18.03.2021</span>",
    "<h2>Plans for 2021</h2>",
    "<label>2021-03-20</label>",
]
_ZONES: list[tzinfo] = [UTC, timezone(timedelta(hours=8))]
_FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

# Pieces the quick search does not read as a date (the wider one read a date from all but the
# first, "Plans for 2021" as 1 January 2021 and "2020px" as 1 January 2020).
_FREE_TEXT = [
    "<p>The council met to discuss the budget.</p>",
    "<p>Posted on 12 March 2021 by the editor</p>",
    "<p>Minutes of the meeting held on 19 March 2021.</p>",
    "<p>Filed 2 April 2021, revised later.</p>",
    '<script>var built = "2019-01-01";</script>',
    "<style>.a{width:2020px}</style>",
    "<h2>Plans for 2021</h2>",
    "<footer>© 2020 Example Org</footer>",
]


def _random_html(rnd: random.Random) -> str:
    narrow = rnd.random() < 0.5
    head = "" if narrow else "".join(rnd.sample(_HEAD, rnd.randint(0, 2)))
    pieces = _FREE_TEXT if narrow else _BODY
    body = "".join(
        f"<{tag}>{piece}</{tag}>" if (tag := rnd.choice(["div", "section", ""])) else piece
        for piece in (rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
    )
    doctype = "<!DOCTYPE html>\n" if rnd.random() < 0.5 else ""
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("seed", range(2))
def test_a_url_month_no_longer_changes_the_fallback(seed: int) -> None:
    # Before wd27b a URL naming a month made a second, wider search (kept inside that month).
    rnd = random.Random(seed)
    for _ in range(120):
        markup, zone = _random_html(rnd), rnd.choice(_ZONES)
        plain = search_page_date(markup, "https://example.org/news/story", zone, _FETCHED, False)
        for url in ("https://example.org/2021/03/story", "https://example.org/2021/04/story"):
            assert search_page_date(markup, url, zone, _FETCHED, False) == plain, (markup, url)


def test_the_fallback_asks_only_the_search_it_is_told() -> None:
    markup = "<html><body><p>Posted on 12 March 2021 by the editor</p></body></html>"
    url = "https://example.org/2021/03/story"
    assert search_page_date(markup, url, UTC, _FETCHED, False) is None
    wide = search_page_date(markup, url, UTC, _FETCHED, True)
    assert wide is not None and (wide.year, wide.month, wide.day) == (2021, 3, 12)
