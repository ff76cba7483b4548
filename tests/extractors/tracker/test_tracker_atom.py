"""The Atom feed of the digests: RFC 4287 structure, feedparser round trip, stable stamps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from tracker_rows import item

from extractors.digest.model import ArticleRef
from extractors.tracker import FeedWeek, entry_id, feed_weeks, render_feed

A = "{http://www.w3.org/2005/Atom}"
T0 = datetime(2025, 3, 1, 12, 0, 30, 123456, tzinfo=UTC)
T1 = T0 + timedelta(days=7)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
NASTY = 'Rule <b>"chips"</b> & H20 — 美国商务部 \x0bshell'


def weeks() -> list[FeedWeek]:
    """Return three weeks with items (one with an awkward headline) and one without."""
    return [
        FeedWeek(
            "2025-W02", [item("2025-W02", 1, "BIS tightens chip rules", articles=("a", "b"))], 2
        ),
        FeedWeek(
            "2025-W05",
            [
                item("2025-W05", 2, "Second item", articles=("c",)),
                item("2025-W05", 1, NASTY, articles=("c", "d", "e")),
                item("2025-W05", 3, "An update", new=False, articles=("f",)),
            ],
            3,
        ),
        FeedWeek("2025-W04", [], 0),
        FeedWeek("2024-W52", [item("2024-W52", 1, "Year-end rule")], 1),
    ]


def check_rfc4287(xml: str) -> ET.Element:
    """Assert the required structure of RFC 4287 4.1.1 and 4.1.2; return the feed element."""
    feed = ET.fromstring(xml)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, f"feed has exactly one {name}"
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")
    has_author = feed.find(f"{A}author/{A}name") is not None
    for entry in feed.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"entry has exactly one {name}"
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert has_author or entry.find(f"{A}author") is not None
        alternates = [
            link
            for link in entry.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1 and alternates[0].get("href")
        assert entry.find(f"{A}content") is not None or alternates
        summary = entry.find(f"{A}summary")
        assert summary is None or summary.get("type") in ("text", "html", "xhtml")
    ids = [e.text for e in feed.iter(f"{A}id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    return feed


def test_feed_is_rfc4287_and_round_trips_through_feedparser() -> None:
    xml = render_feed(weeks(), T0)
    check_rfc4287(xml)
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "Policy Radar: AI policy weekly digests"
    assert parsed.feed.author == "Policy Radar"
    got = [(e.id, e.link, e.title) for e in parsed.entries]
    title = "AI policy weekly digest, {} (week of {})"
    assert got == [
        (entry_id("2025-W05"), "2025-W05/digest.html", title.format("2025-W05", "27 Jan 2025")),
        (entry_id("2025-W02"), "2025-W02/digest.html", title.format("2025-W02", "6 Jan 2025")),
        (entry_id("2024-W52"), "2024-W52/digest.html", title.format("2024-W52", "23 Dec 2024")),
    ], "one entry per week with items, newest first; the empty week has none"
    w05 = parsed.entries[0]
    assert "3 items (2 new, 1 update) from 4 articles in 3 outlets." in w05.summary
    top = re.findall(r"<li>(.*?)</li>", w05.summary)
    assert top[0] == "Rule &lt;b&gt;&quot;chips&quot;&lt;/b&gt; &amp; H20 — 美国商务部 shell"
    assert top[1:] == ["Second item", "An update <em>(update)</em>"], "rank order"
    assert "1 item (1 new, 0 updates) from 2 articles in 2 outlets." in parsed.entries[1].summary
    assert parsed.entries[0].updated_parsed[:6] == (2025, 3, 1, 12, 0, 30)


def test_ids_are_stable_urns_of_the_week() -> None:
    assert entry_id("2025-W05") == entry_id("2025-W05") != entry_id("2025-W06")
    assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", entry_id("2025-W05"))
    first = ET.fromstring(render_feed(weeks(), T0))
    later = ET.fromstring(render_feed(weeks()[:1], T1, base_url="https://x.example/d/"))
    assert first.findtext(f"{A}id") == later.findtext(f"{A}id")


def test_rerun_with_nothing_changed_is_byte_identical() -> None:
    first = render_feed(weeks(), T0)
    assert render_feed(weeks(), T1, previous=first) == first


def test_a_changed_week_is_restamped_and_the_others_keep_their_time() -> None:
    first = render_feed(weeks(), T0)
    changed = weeks()
    changed[0] = FeedWeek("2025-W02", [*changed[0].items, item("2025-W02", 2, "New")], 2)
    second = feedparser.parse(render_feed(changed, T1, previous=first))
    stamps = {e.id: e.updated for e in second.entries}
    assert stamps[entry_id("2025-W02")] == "2025-03-08T12:00:30Z"
    assert stamps[entry_id("2025-W05")] == "2025-03-01T12:00:30Z"
    assert second.feed.updated == "2025-03-08T12:00:30Z"


def test_a_change_below_the_top_items_still_restamps_the_week() -> None:
    base = [item("2025-W07", r, f"item {r}") for r in range(1, 8)]
    first = render_feed([FeedWeek("2025-W07", base, 4)], T0)
    edited = [*base[:-1], item("2025-W07", 7, "item 7, reworded")]
    second = render_feed([FeedWeek("2025-W07", edited, 4)], T1, previous=first)
    assert feedparser.parse(second).entries[0].updated == "2025-03-08T12:00:30Z"


def test_a_week_dropping_out_moves_the_feed_stamp_only() -> None:
    first = render_feed(weeks(), T0)
    second = feedparser.parse(render_feed(weeks()[1:], T1, previous=first))
    assert [e.id for e in second.entries] == [entry_id("2025-W05"), entry_id("2024-W52")]
    assert second.feed.updated == "2025-03-08T12:00:30Z"
    assert {e.updated for e in second.entries} == {"2025-03-01T12:00:30Z"}


@pytest.mark.parametrize("damage", ["truncate", "naive", "garbage-date"])
def test_an_unreadable_previous_feed_restamps_everything(damage: str) -> None:
    first = render_feed(weeks(), T0)
    previous = {
        "truncate": first[: len(first) // 2],
        "naive": first.replace("12:00:30Z", "12:00:30"),
        "garbage-date": first.replace("2025-03-01T12:00:30Z", "last week"),
    }[damage]
    assert previous != first
    feed = feedparser.parse(render_feed(weeks(), T1, previous=previous))
    assert {e.updated for e in feed.entries} == {"2025-03-08T12:00:30Z"}


def test_a_base_url_gives_a_self_link_and_absolute_entry_links() -> None:
    xml = render_feed(weeks(), T0, base_url="https://radar.example.org/data/digests")
    feed = check_rfc4287(xml)
    self_link = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [
        "https://radar.example.org/data/digests/feed.xml"
    ]
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    assert parsed.entries[0].link == "https://radar.example.org/data/digests/2025-W05/digest.html"
    no_base = check_rfc4287(render_feed(weeks(), T0))
    assert not [link for link in no_base.findall(f"{A}link") if link.get("rel") == "self"]


@pytest.mark.parametrize(
    "bad", ["radar.example.org/digests", "ftp://x.example/", "https://x.example/?q=1", "/digests/"]
)
def test_a_bad_base_url_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="base URL"):
        render_feed(weeks(), T0, base_url=bad)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_feed(weeks(), datetime(2025, 3, 1))  # a naive clock
    twice = [weeks()[0], weeks()[0]]
    with pytest.raises(ValueError, match="only once"):
        render_feed(twice, T0)


def test_no_weeks_is_a_valid_empty_feed() -> None:
    xml = render_feed([FeedWeek("2025-W04", [], 0)], T0)
    feed = check_rfc4287(xml)
    assert feed.findall(f"{A}entry") == []
    assert feedparser.parse(xml).bozo == 0


def test_feed_weeks_group_rows_and_count_independent_outlets() -> None:
    day = datetime(2025, 1, 7, tzinfo=UTC).date()
    refs = {
        "a": ArticleRef("a", day, "s", outlet="Reuters"),
        "b": ArticleRef("b", day, "s", outlet="Yahoo", near_duplicate_of="a"),
        "c": ArticleRef("c", day, "s", url="https://www.example.com/x"),
        "d": ArticleRef("d", day, "s", outlet="reuters"),
    }
    rows = [
        item("2025-W02", 2, "two", articles=("c", "d")),
        item("2025-W02", 1, "one", articles=("a", "b")),
        item("2025-W03", 1, "three", articles=("gone",)),
    ]
    w02, w03 = feed_weeks(rows, refs)
    assert (w02.week, [i.rank for i in w02.items], w02.n_articles, w02.n_outlets) == (
        "2025-W02",
        [1, 2],
        4,
        2,
    ), "the near-duplicate and the same outlet count once"
    assert (w03.week, w03.n_articles, w03.n_outlets) == ("2025-W03", 1, 0)
