"""Listing parsing: RSS/Atom feeds of every flavour, sitemaps, the window filter."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime

import pytest

from extractors.exceptions import FetchError
from flows.sources import (
    Listed,
    Window,
    keep_listed,
    parse_feed,
    parse_sitemap,
    read_any_feed,
    read_plain_rss,
)

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.org/"><title>t</title><link>http://x.org/</link></channel>
<item rdf:about="http://x.org/a"><title>a</title><link>http://x.org/a</link>
<dc:date>2025-03-01T08:00:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>
<updated>2025-03-02T00:00:00Z</updated>
<entry><title>b</title><id>urn:b</id><link rel="alternate" href="/news/b"/>
<published>2025-03-02T10:00:00+08:00</published><updated>2025-03-02T10:00:00+08:00</updated>
</entry></feed>"""
RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>t</title>
<link>http://x.org/</link><description>d</description>
<item><title>c</title><link>http://x.org/c</link></item></channel></rss>"""


def test_parse_feeds_of_every_flavour() -> None:
    (a,) = parse_feed(RSS1, "http://x.org/rss")
    assert a.url == "http://x.org/a"
    assert a.modified is not None and a.modified.date() == date(2025, 3, 1)
    (b,) = parse_feed(ATOM, "http://x.org/atom.xml")
    assert b.url == "http://x.org/news/b"
    assert b.published == datetime(2025, 3, 2, 2, 0, tzinfo=UTC)
    (c,) = parse_feed(RSS091, "http://x.org/rss")
    assert c == Listed("http://x.org/c")
    with pytest.raises(FetchError) as err:
        parse_feed(b"<html><body>not a feed</body></html>", "http://x.org/")
    assert err.value.reason == "parse_error"


def test_parse_sitemaps() -> None:
    index = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://x.org/s1.xml</loc><lastmod>2025-01-01</lastmod></sitemap>
<sitemap><loc>http://x.org/s2.xml.gz</loc></sitemap></sitemapindex>"""
    parsed = parse_sitemap(index, "http://x.org/index.xml")
    assert [c.url for c in parsed.children] == ["http://x.org/s1.xml", "http://x.org/s2.xml.gz"]
    assert parsed.pages == []
    news = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://x.org/a</loc><lastmod>2025-02-01T10:00:00+00:00</lastmod>
<news:news><news:publication_date>2025-01-30</news:publication_date></news:news></url>
<url><loc>http://x.org/b</loc></url></urlset>"""
    pages = parse_sitemap(gzip.compress(news), "http://x.org/s.xml.gz", "Asia/Shanghai").pages
    assert [p.url for p in pages] == ["http://x.org/a", "http://x.org/b"]
    assert pages[0].published is not None and pages[0].published.utcoffset() is not None
    assert pages[0].modified == datetime(2025, 2, 1, 10, tzinfo=UTC)
    plain = parse_sitemap(b"http://x.org/1\n\nhttp://x.org/2\n", "http://x.org/s.txt")
    assert [p.url for p in plain.pages] == ["http://x.org/1", "http://x.org/2"]
    with pytest.raises(FetchError):
        parse_sitemap(b"<html><body>no</body></html>", "http://x.org/s.xml")


def test_window_filters_listed_pages() -> None:
    window = Window(date(2025, 2, 1), date(2025, 2, 28))
    jan = datetime(2025, 1, 15, tzinfo=UTC)
    feb = datetime(2025, 2, 15, tzinfo=UTC)
    mar = datetime(2025, 3, 15, tzinfo=UTC)
    assert keep_listed(Listed("u", published=feb), window, "UTC")
    assert not keep_listed(Listed("u", published=jan), window, "UTC")
    assert not keep_listed(Listed("u", published=mar), window, "UTC")
    assert not keep_listed(Listed("u", modified=jan), window, "UTC")
    # Changed after the window: it may still have been published inside it.
    assert keep_listed(Listed("u", modified=mar), window, "UTC")
    assert keep_listed(Listed("u"), window, "UTC")
    late = datetime(2025, 1, 31, 20, tzinfo=UTC)  # 1 February in Shanghai
    assert keep_listed(Listed("u", published=late), window, "Asia/Shanghai")


def _rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return f'{head}<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


PLAIN_RSS = [
    _rss(""),
    _rss(
        "<item><link>https://a.example/1</link><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate></item>"
    ),
    _rss(
        "<item><pubDate>3 Mar 2025 08:00 +0800</pubDate><link> http://a.example/x?id=1 </link></item>"
    ),
    _rss(
        "<item><title>x</title><link><![CDATA[https://a.example/c]]></link>"
        "<guid>https://a.example/guid</guid><enclosure url='https://a.example/e.mp3'/>"
        "<source url='https://b.example/rss'>b</source><pubDate>Tue, 04 Mar 2025 23:59:59 -0500"
        "</pubDate></item><item><link>https://a.example/nodate</link></item>"
    ),
    _rss(
        "<item><link>https://a.example/gbk</link><title>人工智能</title></item>",
        '<?xml version="1.0" encoding="gb2312"?>',
    )
    .decode("utf-8")
    .encode("gb18030"),
]
NOT_PLAIN_RSS = [
    _rss("<item><link>/relative</link></item>"),  # feedparser resolves it against the feed URL
    _rss("<item><guid>https://a.example/only-guid</guid></item>"),
    _rss("<item><link>https://a.example/?a=1&amp;b=2</link></item>"),
    _rss("<item><link>https://a.example/1</link><pubDate>Monday 3 March</pubDate></item>"),
    _rss(
        "<item><link>https://a.example/1</link><pubDate>Mon, 03 Mar 2025 08:00 EST</pubDate></item>"
    ),
    _rss(
        '<item xmlns:dc="http://purl.org/dc/elements/1.1/"><link>https://a.example/1</link>'
        "<dc:date>2025-03-03</dc:date></item>"
    ),
    _rss("<item><link>https://a.example/1</link><link>https://a.example/2</link></item>"),
    _rss("<item><link>https://a.example/1</link>"),  # not well-formed
    # .NET's empty date written in a zone east of UTC: before the first day a datetime holds
    _rss(
        "<item><link>https://a.example/1</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0100</pubDate></item>"
    ),
    b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
]


@pytest.mark.parametrize("body", PLAIN_RSS)
def test_plain_rss_is_read_by_lxml_exactly_as_feedparser_reads_it(body: bytes) -> None:
    fast = read_plain_rss(body)
    assert fast is not None
    assert fast == read_any_feed(body, "https://a.example/rss.xml")
    assert parse_feed(body, "https://a.example/rss.xml") == fast


@pytest.mark.parametrize("body", NOT_PLAIN_RSS)
def test_other_feeds_are_left_to_feedparser(body: bytes) -> None:
    assert read_plain_rss(body) is None


def test_a_date_before_the_first_day_is_no_error_for_the_feed() -> None:
    body = _rss(
        "<item><link>https://a.example/1</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0100</pubDate>"
        "</item><item><link>https://a.example/2</link></item>"
    )
    assert [item.url for item in parse_feed(body, "https://a.example/rss.xml")] == [
        "https://a.example/1",
        "https://a.example/2",
    ]
