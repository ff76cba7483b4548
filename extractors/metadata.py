"""Metadata from HTML and text: title, author, outlet, canonical URL and date candidates."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

from extractors.bounds import as_byline, as_headline
from extractors.headingtext import heading_text
from extractors.jsontext import load_json
from extractors.sitename import SITE_SPLIT, TAIL_SEP
from extractors.sitename import drop_named_site_tail as drop_named_site_tail  # re-exported
from extractors.sitename import strip_site_suffix as strip_site_suffix  # re-exported
from extractors.titleecho import echoed_title, titled_closing
from extractors.urlhost import web_address

_MANY_H1 = 3  # this many different h1 texts: the first is a section's, not the page's
_TITLE_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_]+|\d+")
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf€]")  # UTF-8 read as Latin-1 ("fÃ¼r")
# Soft hyphen, zero width, word joiner, BOM, and the private use area: icon-font glyphs (a
# heading's permalink icon, "Public API\uf0c1") that no font shows as a letter.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\ue000-\uf8ff]")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publishdate",
    "published_time",
    "published-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "og:release_date",
    "release_date",
    "originalpublicationdate",
    "publication_date",
    "pub_date",
    "weibo:article:create_at",
    "displaydate",
    "citation_publication_date",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "og:article:author",
    "twitter:creator",
)


@dataclass(slots=True)
class HtmlMeta:
    """Metadata read from an HTML tree before body extraction."""

    title: str | None = None
    h1: str | None = None
    page_title: str | None = None
    og_title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    dates: list[str] = field(default_factory=list)
    language: str | None = None
    # The topic that a site-first <title> ends with, as the page prints it (titleecho).
    echo: str | None = None
    # The heading a title-classed element prints where the <title> ends (titleecho).
    closing: str | None = None
    # The h1's whole text is a link to the site's home page (a logo or banner heading).
    h1_home: bool = False
    # Texts of links to the site's home page, lower case: what the site calls itself.
    home_names: frozenset[str] = frozenset()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


# XHTML-style pages wrap script data in a CDATA section ("<![CDATA[ {…} ]]>", maybe behind
# "//" so old browsers skip it): the wrapper is no part of the JSON.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _walk_jsonld(node: Any, out: HtmlMeta, dates: list[tuple[int, str]]) -> None:
    """Read one JSON-LD node into out; its dates go to dates with their rank (0 first)."""
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, out, dates)
        return
    if not isinstance(node, dict):
        return
    if "@graph" in node:
        _walk_jsonld(node["@graph"], out, dates)
    kind = str(node.get("@type", "")).lower()
    story = kind.endswith(("article", "posting", "report", "webpage")) or "headline" in node
    # The story's own datePublished, then its dateCreated (a draft's first save), then the
    # dates of other nodes (images, videos, related items), each in document order.
    for rank, key in enumerate(("datePublished", "dateCreated")):
        if ("date" in node or "datePublished" in node) and isinstance(node.get(key), str):
            dates.append((rank + (0 if story else 2), node[key]))
    if story:
        if out.title is None:
            out.title = as_headline(_clean(node.get("headline")))
        author = node.get("author")
        names = [
            a.get("name") if isinstance(a, dict) else a
            for a in (author if isinstance(author, list) else [author])
        ]
        joined = ", ".join(n for n in (_clean(x) for x in names) if n)
        if joined and out.author is None:
            out.author = as_byline(joined)
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and out.outlet is None:
            out.outlet = _clean(publisher.get("name"))


def read_html_meta(tree: lxml_html.HtmlElement) -> HtmlMeta:
    """Return title, author, outlet, canonical URL and date strings found in an HTML tree."""
    out = HtmlMeta()
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in metas:
            metas[key] = content.strip()
    # Tag iteration instead of "//tag" XPath scans: the same elements in document order,
    # and the first h1/title/canonical link ends its scan early.
    ld_dates: list[tuple[int, str]] = []
    for el in tree.iter("script"):
        if el.get("type") != "application/ld+json":
            continue
        source = _CDATA.sub("", el.text or "")
        try:
            _walk_jsonld(load_json(source), out, ld_dates)
        except (ValueError, RecursionError):
            continue
    out.dates.extend(value for _, value in sorted(ld_dates, key=lambda pair: pair[0]))
    out.dates.extend(metas[k] for k in _DATE_META if metas.get(k))
    for el in tree.xpath('//*[@itemprop="datePublished"]|//time[@pubdate]')[:2]:
        value = el.get("content") or el.get("datetime") or el.text_content()
        if value:
            out.dates.append(value)
    out.og_title = as_headline(_clean(metas.get("og:title"))) or as_headline(
        _clean(metas.get("twitter:title"))
    )
    out.title = out.title or out.og_title
    page_title = next(tree.iter("title"), None)
    if page_title is not None:
        out.page_title = as_headline(_clean(page_title.text_content()))
    out.h1 = _page_h1(tree, out.page_title or out.og_title)
    for key in _AUTHOR_META:
        value = as_byline(_clean(metas.get(key)))
        if value and out.author is None and not value.startswith(("http", "@")):
            out.author = value
    out.outlet = (
        out.outlet or _clean(metas.get("og:site_name")) or _clean(metas.get("application-name"))
    )
    links = [
        str(el.get("href"))
        for el in tree.iter("link")
        if el.get("rel") == "canonical" and el.get("href") is not None
    ]
    for candidate in [*links, metas.get("og:url")]:
        if (address := web_address(candidate)) is not None:
            out.url = address
            break
    out.home_names, out.h1_home = _home_links(tree, out.h1)
    out.echo = echoed_title(tree, out.page_title, out.outlet)
    out.closing = titled_closing(tree, out.page_title) if out.h1 is None else None
    langs = tree.xpath("/html/@lang")
    out.language = str(langs[0]) if langs else metas.get("content-language")
    return out


def unescape_title(title: str) -> str | None:
    """Return a title with entities decoded (twice-escaped too), soft hyphens out, spaces folded."""
    for _ in range(2):
        if "&" not in title:
            break
        title = html.unescape(title)
    return " ".join(_INVISIBLE.sub("", title).split()) or None


# A link to the site's home page: the site root, a directory index upward ("../../",
# "./index.php", an offline copy's "../index-2.html"), or an absolute URL without a path.
_HOME_HREF = re.compile(
    r"^(?:\.{1,2}/)*(?:index[\w-]*\.\w+)?$|^/(?:index[\w-]*\.\w+)?$|^https?://[^/?#]+/?$"
)
_HOME_NAME_MAX = 60


def _home_links(tree: lxml_html.HtmlElement, h1: str | None) -> tuple[frozenset[str], bool]:
    """Return the texts of links to the home page and whether the h1 is wholly such a link."""
    names: set[str] = set()
    h1_home = False
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or not _HOME_HREF.match(href):
            continue
        text = _clean(link.text_content())
        if not text or len(text) > _HOME_NAME_MAX:
            continue
        names.add(text.lower())
        heading = link.getparent()
        if heading is not None and heading.tag == "h1" and text == h1:
            h1_home = _clean(heading.text_content()) == text
    return frozenset(names), h1_home


def _title_words(text: str) -> set[str]:
    return {w.lower() for w in _TITLE_WORD.findall(text)}


def _page_h1(tree: lxml_html.HtmlElement, named: str | None) -> str | None:
    """Return the page's h1: the first with text, or of several, the one the title agrees with."""
    # An empty h1 is a logo or an icon's placeholder. A page of sections each headed by an
    # h1 (a portfolio, a one-page site) has no h1 of its own unless one is the page's title.
    # Of two, a banner or menu heading ("MENU", the site's name or slogan) may come first:
    # the one that shares most words with the title wins, the first when none agrees.
    found = (as_headline(_clean(heading_text(h))) for h in tree.iter("h1"))
    texts = list(dict.fromkeys(t for t in found if t))
    if len(texts) < 2 or not named:
        return texts[0] if texts else None
    agreeing = [t for t in texts if _agrees(t, named)]
    if not agreeing:
        return texts[0] if len(texts) < _MANY_H1 else None
    if len(texts) >= _MANY_H1:
        return agreeing[0]
    words = _title_words(named)
    return max(agreeing, key=lambda t: len(_title_words(t) & words))


def _agrees(a: str, b: str) -> bool:
    """Return True when two titles share at least half of the shorter one's words."""
    wa, wb = _title_words(a), _title_words(b)
    return bool(wa and wb) and len(wa & wb) * 2 >= min(len(wa), len(wb))


def choose_title(meta: HtmlMeta) -> str | None:
    """Return the article title: og/JSON-LD title, h1 or <title>, without the site suffix."""
    first = meta.title
    # A metadata headline that the <title> does not echo while the h1 and the <title> agree
    # is a description ("Wikimedia list article"), not this page's headline.
    h1, page = meta.h1, meta.page_title
    if first and h1 and page and not _agrees(first, page) and _agrees(h1, page):
        first = None
    # An h1 that is the site's banner (forums, old blogs) ends the <title>:
    # "Charging a battery in winter - Riders' Board" with <h1>Riders' Board</h1>.
    if h1 and page and not first and is_banner(meta):
        return strip_site_suffix(page, h1)
    if meta.echo and not first and not h1:
        return meta.echo
    # a closing heading that the site-suffix rules would not cut off as the site's name
    if meta.closing and not first and page and strip_site_suffix(page, meta.outlet) == page:
        return meta.closing
    first = _outvoted(first, meta) or first
    for candidate in (first, meta.h1, meta.page_title):
        if candidate and len(candidate) >= 4:
            if h1 and candidate != h1 and _ends_with_site(candidate, h1):
                return h1
            return strip_site_suffix(candidate, meta.outlet)
    return None


def _outvoted(first: str | None, meta: HtmlMeta) -> str | None:
    """Return the headline that two other sources agree on when the first one stands alone."""
    # JSON-LD headline, og:title, h1 and <title> (site suffix cut): an edited headline that
    # the h1, og:title and <title> all carry beats a stale or SEO headline left in JSON-LD.
    if not first:
        return None
    page = strip_site_suffix(meta.page_title, meta.outlet) if meta.page_title else None
    sources = [
        s for s in (meta.og_title, meta.h1, page) if s and len(s) >= 4 and not _MOJIBAKE.search(s)
    ]
    mine = _title_key(first)
    # a source that is the first headline plus a tail (an uncut site name) agrees with it
    if any(_title_key(s)[: len(mine)] == mine for s in sources):
        return None
    votes = Counter(_title_key(s) for s in sources)
    best = next((s for s in sources if votes[_title_key(s)] >= 2), None)
    if best is None:
        return None
    return meta.h1 if meta.h1 and _title_key(meta.h1) == _title_key(best) else best


def _title_key(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _TITLE_WORD.findall(text))


def _ends_with_site(title: str, h1: str) -> bool:
    """Return True when a title is the page's h1 plus a separated tail (a long site name)."""
    # "„Quote“ - The Long Regional Daily Of Somewhere" with <h1>„Quote“</h1>: the tail after
    # the separator is not a headline clause the h1 left out (it has no clause punctuation).
    if len(h1) < 4 or not title.startswith(h1):
        return False
    tail = SITE_SPLIT.match(title, len(h1))
    rest = title[tail.end() :] if tail else ""
    words = rest.split()
    if not words or len(words) > 6 or any(c in rest for c in ",:;?!."):
        return False
    # a name is capitalised ("Die Neue Zeitung", "The Standard"); a clause is not
    lower = [w for w in words if w[:1].islower() and len(w) > 3]
    return not words[0][:1].islower() and not lower


def is_banner(meta: HtmlMeta) -> bool:
    """Return True when the page's h1 is the site's banner, not the page's own heading."""
    h1, page = meta.h1, meta.page_title
    if not h1 or not page:
        return False
    # A logo heading (the h1 is a link home) that the <title> does not name at all: the
    # <title> carries the page's topic and a site name the logo spells otherwise.
    if meta.h1_home and h1.lower() not in " ".join(page.split()).lower():
        return True
    return _is_banner(h1, page, meta.home_names)


def _is_banner(h1: str, page: str, home_names: frozenset[str] = frozenset()) -> bool:
    """Return True when the h1 is the site name that the <title> adds to the headline."""
    h1_low, page_low = h1.lower(), " ".join(page.split()).lower()
    if h1_low == page_low or not page_low.endswith(h1_low):
        return False
    rest = strip_site_suffix(page, h1)
    # "Site – Topic" with <h1>Topic</h1>: the rest is what the page's link home says, so
    # the rest is the site and the h1 the page's heading.
    if TAIL_SEP.sub("", rest).lower() in home_names:
        return False
    return rest.lower() != page_low and h1_low not in rest.lower() and len(rest) >= 4
