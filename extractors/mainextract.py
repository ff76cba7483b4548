"""trafilatura's main extractor (extract_content), its section prunes tested in Python."""

# Adapted from trafilatura 2.3.1 (main_extractor.py), Copyright Adrien Barbaresi and contributors,
# Apache License 2.0 (https://www.apache.org/licenses/LICENSE-2.0); changes: the section prunes
# call extractors.sectionfind instead of EXSLT XPath. Used only with the release it mirrors.

from __future__ import annotations

from copy import deepcopy
from importlib.metadata import version

from lxml.etree import Element, XPath, _Element, strip_elements, strip_tags
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import (
    delete_by_link_density,
    link_density_test_tables,
    process_node,
    prune_unwanted_nodes,
)
from trafilatura.main_extractor import (
    NOT_AT_THE_END,
    REBUILT_BLOCKS,
    _elem_text,
    handle_textelem,
)
from trafilatura.main_extractor import extract_content as trafilatura_extract_content
from trafilatura.settings import (
    DEDUPE_SCAN_CAP,
    INLINE_FORMATTABLE,
    MIN_DUPLICATE_LENGTH,
    TAG_CATALOG,
    Extractor,
)
from trafilatura.utils import SPACING_PROTECTED, text_chars_test, trim
from trafilatura.xml import delete_element
from trafilatura.xpaths import PRECISION_DISCARD_XPATH

from extractors.ptext import p_text_chars
from extractors.sectionfind import BODY_FINDERS, find_captions, find_discarded, find_teasers

__all__ = ["extract_content"]


def _prune_guarded(tree: HtmlElement) -> None:
    """prune_unwanted_nodes(tree, OVERALL_DISCARD_XPATH, with_backup=True), found in Python."""
    matches = dict.fromkeys(find_discarded(tree))
    outer = [elem for elem in matches if not any(a in matches for a in elem.iterancestors())]
    old_len = len(tree.text_content())
    if old_len - sum(len(elem.text_content()) for elem in outer) > old_len / 7:
        for elem in outer:
            delete_element(elem)


def _delete_all(found: list[_Element]) -> None:
    for el in found:
        delete_element(el)


def prune_unwanted_sections(
    tree: HtmlElement, potential_tags: set[str], options: Extractor, keep_teasers: bool = False
) -> HtmlElement:
    """Mirror trafilatura 2.3.1 prune_unwanted_sections with the Python finders above."""
    favor_precision = options.focus == "precision"
    _prune_guarded(tree)
    if "graphic" not in potential_tags:
        _delete_all(find_captions(tree))
    if options.focus != "recall":
        if not keep_teasers:
            _delete_all(find_teasers(tree))
        if favor_precision:
            tree = prune_unwanted_nodes(tree, PRECISION_DISCARD_XPATH)
    for _ in range(2):
        tree = delete_by_link_density(
            tree, "div", backtracking=True, favor_precision=favor_precision
        )
        tree = delete_by_link_density(
            tree, "list", backtracking=False, favor_precision=favor_precision
        )
        tree = delete_by_link_density(
            tree, "p", backtracking=False, favor_precision=favor_precision
        )
    if "table" in potential_tags or favor_precision:
        tables = [elem for elem in tree.iter("table") if link_density_test_tables(elem) is True]
        for elem in tables:
            delete_element(elem, keep_tail=False)
    if favor_precision:
        while len(tree) > 0 and (tree[-1].tag == "head"):
            delete_element(tree[-1], keep_tail=False)
        tree = delete_by_link_density(tree, "head", backtracking=False, favor_precision=True)
        tree = delete_by_link_density(tree, "quote", backtracking=False, favor_precision=True)
    strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
    return tree


def recover_wild_text(
    tree: HtmlElement,
    result_body: _Element,
    options: Extractor,
    potential_tags: set[str] | None = None,
    consumed: set[_Element] | None = None,
) -> _Element:
    """Mirror trafilatura 2.3.1 recover_wild_text (its prune is the one above)."""
    potential_tags = set(TAG_CATALOG if potential_tags is None else potential_tags)
    search_expr = ".//code|.//p|.//quote|.//table|.//div[contains(@class, 'w3-code')]"
    if options.focus == "recall":
        potential_tags.update(["div", "lb"])
        search_expr += "|.//div|.//lb|.//list"
    search_tree = prune_unwanted_sections(tree, potential_tags, options, keep_teasers=options.fast)
    subelems = search_tree.xpath(search_expr)
    elem_texts = [_elem_text(el) for el in result_body]
    existing = "\n".join(filter(None, elem_texts))
    existing_elems = set(elem_texts)
    handled: set[_Element] = set()
    for subelem in subelems:
        if (consumed and subelem in consumed) or any(a in handled for a in subelem.iterancestors()):
            continue
        processed = handle_textelem(subelem, potential_tags, options)
        if processed is None:
            continue
        if processed is subelem:
            handled.add(subelem)
        text = _elem_text(processed)
        images = {img.get("src") for img in processed.iter("graphic")}
        if not text and images and images <= {g.get("src") for g in result_body.iter("graphic")}:
            continue
        under_cap = len(existing) <= DEDUPE_SCAN_CAP
        fragment = trim(text + (processed.tail or "")) if text_chars_test(processed.tail) else ""
        if text and (
            text in existing_elems
            or (
                under_cap
                and (
                    (len(text) > MIN_DUPLICATE_LENGTH and text in existing)
                    or (fragment and fragment in existing)
                )
            )
        ):
            continue
        result_body.append(processed)
        if under_cap:
            existing += "\n" + (fragment or text)
        existing_elems.add(text)
    return result_body


# _extract's expression, compiled once (not per body finder and call). Its paragraph texts
# ("//p//text()") are only joined and measured: p_text_chars counts them in linear time.
_DESCENDANTS = XPath(".//*")


def _extract(tree: HtmlElement, options: Extractor) -> tuple[_Element, str, set[str]]:
    """Mirror trafilatura 2.3.1 main_extractor._extract (its prune is the one above)."""
    potential_tags = set(TAG_CATALOG)
    if options.tables is True:
        potential_tags.update(["table", "td", "th", "tr"])
    if options.images is True:
        potential_tags.add("graphic")
    if options.links is True:
        potential_tags.add("ref")
    result_body = Element("body")
    for find in BODY_FINDERS:
        subtree = find(tree)
        if subtree is None:
            continue
        subtree = prune_unwanted_sections(subtree, potential_tags, options)
        if len(subtree) == 0:
            continue
        factor = 1 if options.focus == "precision" else 3
        floor = options.min_extracted_size * factor
        # trafilatura: not ptest or len("".join(ptest)) < floor, ptest = //p//text(); a text
        # node is never empty, so no text is 0 characters.
        chars = p_text_chars(subtree, cap=floor)
        if chars == 0 or chars < floor:
            potential_tags.add("div")
        subelems = _DESCENDANTS(subtree)
        tags = {e.tag for e in subelems}
        if tags == {"lb"} or (
            subtree.tag == "div" and "div" in potential_tags and tags <= INLINE_FORMATTABLE | {"lb"}
        ):
            subelems = [subtree]
        lead, start = None, len(result_body)
        if subelems != [subtree] and text_chars_test(subtree.text):
            lead = Element("p")
            lead.text = subtree.text
            lead = process_node(lead, options)
        for elem in subelems:
            if elem.getroottree().getroot() is result_body:
                continue
            tag, tail = elem.tag, elem.tail
            processed_elem = handle_textelem(elem, potential_tags, options)
            if processed_elem is not None:
                result_body.append(processed_elem)
                if elem.getroottree().getroot() is not result_body:
                    elem.tag = "done"
            if (
                tag in REBUILT_BLOCKS
                and text_chars_test(tail)
                and (processed_elem is None or processed_elem.tail is None)
            ):
                tail_elem = Element("p")
                tail_elem.text = tail
                if process_node(tail_elem, options) is not None:
                    result_body.append(tail_elem)
        while len(result_body) > 0 and (result_body[-1].tag in NOT_AT_THE_END):
            delete_element(result_body[-1], keep_tail=False)
        if sum(e.tag != "graphic" for e in result_body) > 1:
            if lead is not None:
                result_body.insert(start, lead)
            break
    temp_text = " ".join(result_body.itertext()).strip()
    return result_body, temp_text, potential_tags


MIRRORED_RELEASE = "2.3.1"
MIRRORS_INSTALLED = version("trafilatura") == MIRRORED_RELEASE


def extract_content(cleaned_tree: HtmlElement, options: Extractor) -> tuple[_Element, str]:
    """Return trafilatura.main_extractor.extract_content(cleaned_tree, options), same body and text."""
    if not MIRRORS_INSTALLED:  # another release: its own extractor, whatever it changed
        body, text = trafilatura_extract_content(cleaned_tree, options)
        return body, text
    # Mirrors trafilatura 2.3.1 extract_content, _extract, recover_wild_text and
    # prune_unwanted_sections line by line; only the three section prunes are found in
    # Python (find_discarded, find_captions, find_teasers) instead of by EXSLT XPath.
    backup_tree = deepcopy(cleaned_tree)
    order = list(cleaned_tree.iter())
    result_body, temp_text, potential_tags = _extract(cleaned_tree, options)
    if len(result_body) == 0 or len(temp_text) < options.min_extracted_size:
        consumed: set[_Element] = {
            twin for elem, twin in zip(order, backup_tree.iter(), strict=True) if elem.tag == "done"
        }
        result_body = recover_wild_text(backup_tree, result_body, options, potential_tags, consumed)
        temp_text = " ".join(result_body.itertext()).strip()
    previous = None
    for el in list(result_body):
        current = _elem_text(el)
        if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
            delete_element(el, keep_tail=False)
        else:
            previous = current
    strip_elements(result_body, "done")
    strip_tags(result_body, "div")
    for linebreak in result_body.iter("lb"):
        if (
            linebreak.tail
            and not text_chars_test(linebreak.tail)
            and not any(anc.tag in SPACING_PROTECTED for anc in linebreak.iterancestors())
        ):
            linebreak.tail = None
    return result_body, temp_text
