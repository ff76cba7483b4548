"""Site names in titles: cut a trailing site name (" - 科技新報", " | Tech Ledger", "_新浪网")."""

from __future__ import annotations

import re

from extractors.formats import host_of
from extractors.language import HAN

__all__ = [
    "SITE_SPLIT",
    "TAIL_SEP",
    "clean_outlet",
    "drop_named_site_tail",
    "host_outlet",
    "strip_named_site",
    "strip_site_suffix",
]

# An unspaced "_" separates a site name ("标题_新浪网") unless it joins two ASCII letters or digits:
# then it is part of a word ("similarity_joins.py", "Redmi_K20"), not a separator.
SITE_SPLIT = re.compile(
    r"(\s+[-|–—_·•»>]\s+|\s*[|｜]\s*|\s*(?<![A-Za-z0-9])_\s*|_(?![A-Za-z0-9])\s*|\s+--\s+|\s*——\s*)"
)
TAIL_SEP = re.compile(r"(?:\s+[-|–—_·»>]|\s*[|｜_]|\s+--|\s*——)\s*$")
_QUOTES = '"“”„«»‹›'  # not ’: possessive site names ("Barron’s")


def strip_site_suffix(
    title: str, outlet: str | None = None, host: str | None = None, *, named: bool = False
) -> str:
    """Remove a site name from a title: " - 科技新報", " | Tech Ledger", "_新浪网".

    With named=True (a title someone wrote down: front matter, a clipper's field) only a
    segment the evidence names goes: the outlet, the URL's host, or a site repeated with its
    section (" - 腾讯云开发者社区 - 腾讯云").
    """
    title = " ".join(title.split())
    # A site name that holds a separator itself ("Kitchen Tales | Recipes and Tips") ends
    # the title whole: cut it before the segments are read.
    site = " ".join(outlet.split()) if outlet else ""
    if SITE_SPLIT.search(site) and title.lower().endswith(site.lower()):
        head = TAIL_SEP.sub("", title[: len(title) - len(site)])
        if len(head) >= 4 and len(head) < len(title) - len(site):
            title = head
    pieces = SITE_SPLIT.split(title)
    texts = [p.strip() for p in pieces[0::2]]
    seps = [p.strip() for p in pieces[1::2]]
    if len(texts) < 2 or not all(texts):
        return title
    if outlet and texts[0].lower() == outlet.lower():
        texts, seps = texts[1:], seps[1:]
    # Trailing site names (" | eHow", "_探索者_光明网"), all after the same separator; a
    # headline's own dash clause ("… — but so are the costs") is not a site name.
    first_sep: str | None = None
    while len(texts) >= 2 and (first_sep is None or seps[-1] == first_sep):
        last = texts[-1]
        chain = len(texts) >= 3 and seps[-2] == seps[-1] and _names_same_site(texts[-2], last)
        if named and chain and len(texts[0]) >= 4:
            texts, seps = texts[:-2], seps[:-2]  # the site and its section, both named
            break
        evident = _names_site(last, outlet, host)
        if not (evident or (not named and _is_site_name(last))):
            break
        if named and len(" ".join(texts[:-1])) < 4:
            break  # what would be left is too short to be the headline
        first_sep = first_sep or seps[-1]
        texts, seps = texts[:-1], seps[:-1]
    out = texts[0]
    for sep, text in zip(seps, texts[1:], strict=True):
        out += f" {sep} {text}" if sep.strip() not in "_｜" else f"{sep}{text}"
    return out


_SPACED_MARK = re.compile(r"\s+[^\w\s]{1,3}\s+")


def drop_named_site_tail(title: str, outlet: str | None, host: str | None) -> str:
    """Return a written title without a last segment, after any spaced mark, that names the site."""
    # "Headline \ Site", "Headline // Site": whatever mark a site puts before its name, the
    # tail goes only when the outlet or the URL's host names it.
    marks = list(_SPACED_MARK.finditer(title))
    if not marks:
        return title
    head, tail = title[: marks[-1].start()], title[marks[-1].end() :]
    return head if len(head) >= 4 and _names_site(tail, outlet, host) else title


def _names_site(text: str, outlet: str | None, host: str | None) -> bool:
    """Return True when a title segment is the outlet's name or spells the URL's host."""
    low = text.lower()
    if outlet and (low == outlet.lower() or (len(outlet) >= 2 and outlet.lower() in low)):
        return _is_short_name(text)
    if not host or not _is_short_name(text):
        return False
    letters = "".join(ch for ch in low if ch.isascii() and ch.isalnum())
    # "Papers With Code" and cs.paperswithcode.com, "Wikipedia" and en.wikipedia.org
    labels = host.lower().removeprefix("www.").split(".")[:-1]
    return len(letters) >= 4 and any(letters == label for label in labels)


def _names_same_site(section: str, site: str) -> bool:
    """Return True for "腾讯云开发者社区 - 腾讯云": a site name and a section that repeats it."""
    return (
        _is_short_name(section)
        and _is_short_name(site)
        and len(site) >= 2
        and section != site
        and section.lower().startswith(site.lower())
    )


def _is_short_name(text: str) -> bool:
    """Return True for a segment short enough to be a name, without clause punctuation."""
    if any(ch in text for ch in "，。！？：,:;?!"):
        return False
    return len(text) <= (12 if HAN.search(text) else 40) and len(text.split()) <= 6


def _is_site_name(text: str) -> bool:
    """Return True for a short name-like segment (a site or section name)."""
    if HAN.search(text):
        return len(text) <= 10 and not any(ch in text for ch in "，。！？：")
    words = text.split()
    if any(q in text for q in _QUOTES) or (
        len(words) > 1 and not any(w[0].isupper() for w in words)
    ):
        return False  # a quoted phrase or an all-lower-case clause ends a headline, not a name
    return len(text) <= 30 and len(words) <= 3 and not text.endswith(("?", "!", "."))


def _host(url: object) -> str | None:
    """Return the host of a page's address (None without one)."""
    return (
        host_of(url) if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    )


def strip_named_site(title: str, outlet: object, url: object) -> str:
    """Return a written-down title without a trailing site name that the page's evidence names."""
    name = outlet if isinstance(outlet, str) else None
    title = strip_site_suffix(title, name, _host(url), named=True).strip()
    return drop_named_site_tail(title, name, _host(url))


def clean_outlet(value: object) -> str | None:
    """Return an outlet name without a bracketed note or a trailing 'label: value' part."""
    if not isinstance(value, str):
        return None
    value = re.split(r"[（(]|\s+\S{1,4}[:：]", value.strip(), maxsplit=1)[0].strip()
    return value or None


# Hosts where many independent accounts publish: the account (the author line of a WeChat
# dump, a Zhihu column, a Medium or X profile) is the outlet, not the platform.
PLATFORM_HOSTS = frozenset(
    {
        "mp.weixin.qq.com",
        "weixin.qq.com",
        "zhuanlan.zhihu.com",
        "zhihu.com",
        "weibo.com",
        "m.weibo.cn",
        "toutiao.com",
        "x.com",
        "twitter.com",
        "medium.com",
        "threadreaderapp.com",
    }
)


def host_outlet(host: str | None, author: str | None) -> str | None:
    """Return the outlet a URL host stands for: the author's account on a platform host."""
    if host in PLATFORM_HOSTS:
        return author
    return host
