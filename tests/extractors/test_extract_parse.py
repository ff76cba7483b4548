"""parse_markup gives the tree trafilatura's load_html gives, with plain HtmlElement classes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

from extractors.decode import decode_bytes
from extractors.htmlparse import parse_markup

CASES = [
    "<html><head><title>T</title></head><body><p>One para.</p></body></html>",
    # an encoding declaration: lxml refuses the str, both parse the UTF-8 bytes
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déclaré</p></body></html>',
    '<html><head><meta charset="gbk"></head><body><p>中文段落</p></body></html>',
    # a fragment: "html" missing from its opening, one block only -> no tree
    "<p>alone</p>",
    "<div><p>one</p></div><div><p>two</p></div>",
    "",
    "   ",
    "<!DOCTYPE html>\n<html/>\n<body><p>self-closed html</p></body>",
    "<html><body><form><input name='q' value='v'><select><option>a</select>"
    "<textarea>t</textarea><label for='q'>L</label></form><!-- c --><?pi x?></body></html>",
    "<html><body><p>bad \ud800 surrogate</p></body></html>",
]


def _same(markup: str) -> None:
    """Assert both parsers give the same tree (or both none)."""
    ours, theirs = parse_markup(markup), load_html(markup)
    assert (ours is None) == (theirs is None), markup[:80]
    if ours is not None and theirs is not None:
        assert etree.tostring(ours, encoding="unicode") == etree.tostring(
            theirs, encoding="unicode"
        ), markup[:80]


@pytest.mark.parametrize("markup", CASES)
def test_same_tree_as_load_html(markup: str) -> None:
    _same(markup)


def test_form_fields_are_plain_elements() -> None:
    tree = parse_markup(CASES[8])
    assert tree is not None
    assert {type(el) for el in tree.iter(etree.Element)} == {lxml_html.HtmlElement}
    # lxml.html's own lookup makes them form classes: the lookup really differs
    theirs = load_html(CASES[8])
    assert theirs is not None
    assert type(theirs.find(".//input")) is lxml_html.InputElement


def test_same_tree_on_corpus_pages() -> None:
    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
    pages = sorted((corpus / "cwce" / "original").glob("*.html"))[:20]
    pages += sorted((corpus / "aeb" / "html").glob("*.html.gz"))[:20]
    if not pages:
        pytest.skip("../shared/corpus is not available")
    for page in pages:
        body = page.read_bytes()
        body = gzip.decompress(body) if page.suffix == ".gz" else body
        _same(decode_bytes(body, None)[0])
