"""Article bodies split over several same-class blocks (ads between), joined before extraction."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html
from trafilatura.xml import delete_element

_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
_PARA_CHARS = 30  # a prose paragraph, as htmlbody's paragraph measure counts it
_PART_PARAS = 2
_PART_CHARS = 400
_PART_SHARE = 0.6
_PART_GAP = 0.1

__all__ = ["join_split_bodies"]


def _story_of(el: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """Return the nearest <article> holding el, or None."""
    return next(el.iterancestors("article"), None)


def join_split_bodies(tree: lxml_html.HtmlElement) -> bool:
    """Move an article body split over same-class containers (ads between) into the first."""
    # Pages that cut the story into several <div class="body-part"> blocks, with ads or
    # newsletter boxes between, lose all but the first block to trafilatura. Only the group
    # that holds most of the page's paragraph text is joined, and only blocks of real prose
    # (_PART_CHARS in _PART_PARAS paragraphs each): comment and teaser lists have short items.
    size: dict[lxml_html.HtmlElement, list[int]] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        chars = int(_TEXT_LENGTH(p))
        if parent is None or chars < _PARA_CHARS or not parent.get("class"):
            continue
        size.setdefault(parent, []).append(chars)
    groups: dict[tuple[str, str], list[lxml_html.HtmlElement]] = {}
    for parent, paras in size.items():
        if len(paras) >= _PART_PARAS and sum(paras) >= _PART_CHARS:
            groups.setdefault((str(parent.tag), str(parent.get("class"))), []).append(parent)
    total = sum(sum(v) for v in size.values())
    best = max(groups.values(), key=lambda g: sum(sum(size[el]) for el in g), default=[])
    if len(best) < 2 or sum(sum(size[el]) for el in best) < _PART_SHARE * total:
        return False
    first = best[0]
    if any(a in best for el in best for a in el.iterancestors()):
        return False  # nested blocks: one already holds the others
    if len({_story_of(el) for el in best}) > 1:
        return False  # blocks of different <article>s: stories appended by infinite scroll
    # what lies between the blocks is chrome (ads, sign-up boxes), not other prose
    inside, between, started = set(best), 0, False
    last = best[-1]
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent in inside:
            started = True
            if parent is last:
                break
        elif started:
            between += int(_TEXT_LENGTH(p)) if int(_TEXT_LENGTH(p)) >= _PARA_CHARS else 0
    if between > _PART_GAP * sum(sum(size[el]) for el in best):
        return False
    for other in best[1:]:
        for child in list(other):
            first.append(child)
        if other.text and other.text.strip():
            extra = etree.SubElement(first, "p")
            extra.text = other.text
        delete_element(other, keep_tail=True)
    return True
