"""Parse HTML as trafilatura's load_html does, with element classes looked up in C."""

from __future__ import annotations

from importlib.metadata import version

from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    INVALID_XML_CHARS,
    is_dubious_html,
    repair_faulty_html,
)

__all__ = ["parse_markup"]

# trafilatura's HTML_PARSER options. lxml.html's parsers pick each element's Python class
# (HtmlElement, or FormElement, InputElement… for form fields) by calling back into Python
# for every element proxy created; trafilatura's passes and ours create ~25,000 of them on a
# forum page (~4% of its extraction time). Here every element is a plain HtmlElement, chosen
# in C: no code of ours, trafilatura's, justext's or htmldate's uses the form-field classes'
# extra properties (a test compares the trees with trafilatura's load_html).
_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)


# The characters INVALID_XML_CHARS removes, one by one: a substring test each (C scans) finds
# none on almost every page, where the character-class substitution walks the whole markup
# (~0.8 ms on a 160 kB page); a test compares the two.
INVALID_CHARS = (*(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)), "\ufffe", "\uffff")
REPAIR_RELEASE = "2.3.1"
_MIRRORS_REPAIR = version("trafilatura") == REPAIR_RELEASE


def repair_markup(markup: str, beginning: str) -> str:
    """Return trafilatura.utils.repair_faulty_html(markup, beginning), with fewer full scans."""
    if not _MIRRORS_REPAIR:  # another release: its own repair, whatever it changed
        return repair_faulty_html(markup, beginning)
    # Mirrors trafilatura 2.3.1 repair_faulty_html: invalid XML characters out (only when one
    # is there), a DOCTYPE with a slash in the first line cut, a self-closing <html/> opened.
    if any(ch in markup for ch in INVALID_CHARS):
        markup = INVALID_XML_CHARS.sub("", markup)
    if "doctype" in beginning:
        # The library's partition-and-join: a slashed DOCTYPE opening the first line cut (the
        # pattern is anchored), and a page of one line given the newline the join adds.
        end = markup.find("\n")
        found = DOCTYPE_TAG.match(markup, 0, len(markup) if end < 0 else end)
        if found is not None:
            markup = markup[found.end() :]
        if end < 0:
            markup += "\n"
    for line in markup[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            markup = FAULTY_HTML.sub(r"\1>", markup, count=1)
            break
    return markup


def _parse_bytes(markup: str) -> lxml_html.HtmlElement | None:
    """Return the tree of markup passed to lxml as UTF-8 bytes, or None."""
    try:
        return lxml_html.fromstring(markup.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # as trafilatura's fromstring_bytes: any failure is no tree
        return None


def parse_markup(markup: str) -> lxml_html.HtmlElement | None:
    """Return trafilatura.utils.load_html(markup) for a str, parsed with the C-lookup parser."""
    # Mirrors trafilatura 2.3 load_html for str input (decode_file returns a str unchanged).
    beginning = markup[:50].lower()
    dubious = is_dubious_html(beginning)
    markup = repair_markup(markup, beginning)
    tree: lxml_html.HtmlElement | None = None
    fallback = False
    try:
        tree = lxml_html.fromstring(markup, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _parse_bytes(markup)
        fallback = True
    except Exception:  # as load_html (which logs it): the bytes are tried next
        pass
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _parse_bytes(markup)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree
