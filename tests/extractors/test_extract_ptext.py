"""The paragraph-text count equals XPath's //p//text() on every tree, nested <p> included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from extractors.ptext import p_text_chars

P_TEXTS = etree.XPath("//p//text()", smart_strings=False)
TAGS = ["p", "div", "b", "span", "td", "comment"]
words = st.sampled_from(["", "a", "word", " ", "多字", "x y"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    """Return a random element tree of <p>, <div>, inline elements and comments with texts."""
    tag = draw(st.sampled_from(TAGS[:-1]))
    el = etree.Element(tag)
    el.text = draw(words) or None
    if depth < 4:
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(TAGS))
            if kind == "comment":
                child = etree.Comment(draw(words))
                el.append(child)
            else:
                child = draw(trees(depth + 1))
                el.append(child)
            child.tail = draw(words) or None
    return el


@settings(max_examples=300, deadline=None)
@given(trees())
def test_counts_the_characters_xpath_finds(root: etree._Element) -> None:
    inner = next(root.iter("div", "td", "span"), root)  # any context: the expression is absolute
    expected = len("".join(P_TEXTS(inner)))
    assert p_text_chars(inner) == expected
    assert p_text_chars(inner, cap=3) == expected or p_text_chars(inner, cap=3) >= 3
