"""Which elements trafilatura's main extractor prunes and where it looks for the body, in Python."""

# The patterns are trafilatura 2.3.1's (xpaths.py), Copyright Adrien Barbaresi and contributors,
# Apache License 2.0; tests check each still appears in the installed release's expressions.

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.etree import _Element

__all__ = ["BODY_FINDERS", "find_captions", "find_discarded", "find_teasers"]

# trafilatura 2.3.1's OVERALL_DISCARD_XPATH, DISCARD_IMAGE_ELEMENTS and TEASER_DISCARD_XPATH
# select elements by tag and by tests on their id, class, style and role. lxml runs the
# expressions' EXSLT re:test() by calling back into Python for every candidate node: the
# two discard expressions cost ~2.2 ms a CWCE page inside the main extractor (about an eighth
# of our extraction), more than the rest of its pruning. Here the same tests run on each
# element's attributes in one walk, ~5x faster (tests compare the selections with
# trafilatura's expressions on pages and on one element per test, and check that these
# patterns are theirs).
_SECTION_TAGS = ("div", "item", "list", "p", "section", "span")
DISCARD_ID = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related"
    "|message-container|premium|^ad-"
)
DISCARD_CLASS = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-"
    "|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-"
    "|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|next-|-stories"
    "|most-popular|more-on|meta|rating|attachment|timestamp|user-info|user-profile|-icon"
    "|article-infos|message-container|slide|viewport|overlay|options|expand|obfuscated|blurred"
    "|mol-factbox|yin|zlylin|nfoline"
)
HIDDEN_ID = re.compile("reader-comments|akismet")
HIDDEN_CLASS = re.compile(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded"
)


# BODY_XPATH's five expressions: the first element (document order) of a content-area tag
# whose attributes name an article body, a story, a main column; same tests, one walk that
# stops at the first match (the expressions' EXSLT calls cost ~1.3 ms a page).
_AREA_TAGS = ("article", "div", "main", "section")
ARTICLE_ID = re.compile(
    "(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text"
)
ARTICLE_CLASS = re.compile(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper"
    "|article-?text|articleText|(?:entry|page|text|article|art)-content|article__content"
    "|article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
STORY_ID = re.compile("^primary|story-body")
FULLTEXT = re.compile("fulltext", re.IGNORECASE)  # re:test(@class, 'fulltext', 'i')
STORY_CLASS = re.compile(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post"
    "|main-column|wpb_text_column|story-body|field-body"
)
MAIN_ID = re.compile("content-main|content-body|contentBody")
MAIN_CLASS = re.compile("content[-_]main|content(?:-|__)body")
_STORY_CLASSES = frozenset(("postarea", "art-postcontent", "text", "cell", "story"))
_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")
Finder = Callable[[_Element], "_Element | None"]


def _search(pattern: re.Pattern[str], value: str | None) -> bool:
    return value is not None and pattern.search(value) is not None


def _is_article_area(el: _Element) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (
        cls in ("post", "entry")
        or el.get("itemprop") == "articleBody"
        or ident == "articleContent"
        or _search(ARTICLE_ID, ident)
        or _search(ARTICLE_CLASS, cls)
    )


def _is_story_area(el: _Element) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (
        el.get("role") == "article"
        or ident in ("article", "story")
        or cls in _STORY_CLASSES
        or _search(STORY_ID, ident)
        or _search(FULLTEXT, cls)
        or _search(STORY_CLASS, cls)
    )


def _is_main_area(el: _Element) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (
        ident == "content"
        or cls == "content"
        or _search(MAIN_ID, ident)
        or _search(MAIN_CLASS, cls)
        or "main-content" in (ident or "").translate(_CM)
        or "main-content" in (cls or "").translate(_CM)
        or "page-content" in (cls or "").translate(_CP)
    )


def _is_main_start(el: _Element) -> bool:
    return el.tag == "main" or any(
        (el.get(name) or "").startswith("main") for name in ("class", "id", "role")
    )


def _first_area(test: Callable[[_Element], bool], tags: tuple[str, ...] = _AREA_TAGS) -> Finder:
    def find(tree: _Element) -> _Element | None:
        return next((el for el in tree.iterdescendants(*tags) if test(el)), None)

    return find


BODY_FINDERS: tuple[Finder, ...] = (
    _first_area(_is_article_area),
    _first_area(lambda el: True, ("article",)),
    _first_area(_is_story_area),
    _first_area(_is_main_area),
    # (.//*[article|div|section][starts-with(@class|@id|@role, 'main')])[1] | (.//main)[1]
    _first_area(_is_main_start),
)


def _first_of(el: _Element, a: str, b: str) -> str:
    """Return XPath's string(@a|@b): the attribute of the two written first ('' for neither)."""
    va: str | None = el.get(a)
    vb: str | None = el.get(b)
    if va is None:
        return vb or ""
    if vb is None:
        return va
    keys = el.keys()
    return va if keys.index(a) < keys.index(b) else vb


def _is_section_chrome(el: _Element, ident: str | None, cls: str | None) -> bool:
    """Return True when OVERALL_DISCARD_XPATH's first expression selects el (a section tag)."""
    role = el.get("role")
    component = el.get("data-component")
    return (
        el.get("data-lp-replacement-content") is not None
        or (role is not None and "nav" in role.replace("N", "n"))
        or (component is not None and "MostPopularStories" in component)
        or "cookie" in _first_of(el, "id", "class")
        or (ident is not None and DISCARD_ID.search(ident) is not None)
        or (cls is not None and DISCARD_CLASS.search(cls) is not None)
    )


def _is_hidden(el: _Element, ident: str | None, cls: str | None) -> bool:
    """Return True when OVERALL_DISCARD_XPATH's second expression selects el (any tag)."""
    style = el.get("style")
    return (
        cls == "comments-title"
        or _first_of(el, "id", "class").startswith("reply-")
        or "hidden" in _first_of(el, "id", "style")
        or (style is not None and ("display:none" in style or "display: none" in style))
        or (ident is not None and HIDDEN_ID.search(ident) is not None)
        or (cls is not None and HIDDEN_CLASS.search(cls) is not None)
        or el.get("aria-hidden") == "true"
    )


def find_discarded(tree: _Element) -> list[_Element]:
    """Return dict.fromkeys over OVERALL_DISCARD_XPATH's selections, in the same order."""
    first: list[_Element] = []
    second: list[_Element] = []
    for el in tree.iterdescendants(etree.Element):
        if not len(el.attrib):
            continue  # every test reads an attribute
        ident, cls = el.get("id"), el.get("class")
        if el.tag in _SECTION_TAGS and _is_section_chrome(el, ident, cls):
            first.append(el)
        elif _is_hidden(el, ident, cls):
            second.append(el)
    return first + second


def find_captions(tree: _Element) -> list[_Element]:
    """Return what DISCARD_IMAGE_ELEMENTS selects: section tags with 'caption' in id or class."""
    return [
        el
        for el in tree.iterdescendants(*_SECTION_TAGS)
        if "caption" in (el.get("id") or "") or "caption" in (el.get("class") or "")
    ]


def find_teasers(tree: _Element) -> list[_Element]:
    """Return what TEASER_DISCARD_XPATH selects: section tags with 'teaser' in id or class."""
    return [
        el
        for el in tree.iterdescendants(*_SECTION_TAGS)
        if "teaser" in (el.get("id") or "").replace("T", "t")
        or "teaser" in (el.get("class") or "").replace("T", "t")
    ]
