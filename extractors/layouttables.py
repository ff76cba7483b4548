"""HTML tables: unwrap tables used for page layout, split Markdown-like table rows into cells."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import strip_tags

from extractors.chromeline import is_code_line

_CELL_TEXT = 120
_BOX_TEXT = 300  # a boxed one-row table (a signature) holds at most this much text
_WRAPPER = "radar-wrapper-cell"  # a temporary tag name, stripped at once
_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"^[|\s:-]+$")


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> None:
    """Turn tables used for page layout (nested tables, long cells) into divs, in place."""
    # Rows and row groups are stripped (their cells become sibling divs), tables and cells
    # renamed, and a cell that only wraps one element (a nested table, a div) without a class
    # or id is dissolved into it: a div per row, row group and wrapper gave trafilatura's
    # link-density and BODY_XPATH passes more elements to visit (CWCE: 2.1 ms a page more).
    # On the CWCE, AEB, readability and goose3 pages four outputs changed (CWCE pages: one
    # more precise, three with a little more recall).
    for table in list(tree.iter("table")):
        if table.tag != "table" or table.getparent() is None:
            continue  # already renamed inside an outer layout table
        nested = table.find(".//table") is not None
        if not nested and _is_data_table(table):
            continue
        if nested and _is_boxed_row(table):
            continue
        layout = nested or table.find(".//p") is not None
        size = len(table.text_content()) if not layout else 0
        if not layout and size > _CELL_TEXT:
            layout = _is_link_table(table, size)
        if not layout and size > _CELL_TEXT:
            for cell in table.iter("td", "th"):
                text = cell.text_content()
                if len(text) > _CELL_TEXT:
                    layout = True
                    break
        if not layout:
            continue
        strip_tags(table, "tbody", "thead", "tfoot", "tr")
        for el in table.iter("table", "td", "th"):
            el.tag = _WRAPPER if _is_wrapper_cell(el) else "div"
        strip_tags(table, _WRAPPER)


def _is_wrapper_cell(el: lxml_html.HtmlElement) -> bool:
    """Return True for a cell that only wraps one element (no text, no class or id)."""
    return (
        el.tag != "table"
        and len(el) == 1
        and not (el.text or "").strip()
        and not (el[0].tail or "").strip()
        and el.get("class") is None
        and el.get("id") is None
    )


def _is_boxed_row(table: lxml_html.HtmlElement) -> bool:
    """Return True for a one-row table of short text around a nested one (a signature box)."""
    # Doc generators box a member's signature ("virtual double f ( const T & x ) const") in a
    # row whose cells are tables of their own; unwrapped, its cells become short divs that
    # trafilatura drops. Page layout puts blocks of text in its cells, not one short line.
    # Its text reads as a line of code; a row of links or crumbs ("汽车 >> 新闻 | 排行榜") is
    # furniture however short.
    rows = table.xpath("./tr|./tbody/tr|./thead/tr")
    text = " ".join(table.text_content().split())
    return len(rows) == 1 and len(text) <= _BOX_TEXT and is_code_line(text)


def _is_data_table(table: lxml_html.HtmlElement) -> bool:
    """Return True for a table that declares its structure (caption, header cells)."""
    # Layout tables do not label their columns; a data table with long cells (a list of
    # films with synopses) stays a table, which trafilatura keeps row by row.
    return table.find(".//caption") is not None or table.find(".//th") is not None


def _is_link_table(table: lxml_html.HtmlElement, size: int) -> bool:
    links = sum(len(a.text_content()) for a in table.iter("a"))
    return links > 0.5 * size


def split_table_rows(lines: list[str]) -> list[str]:
    """Return lines with Markdown-like table rows ("| a | b |") as cells joined by " | "."""
    out: list[str] = []
    for line in lines:
        if _ROW.match(line):
            if _RULE_ROW.match(line):
                continue
            cells = [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(line.strip("|"))]
            cells = [c for c in cells if c]
            if len(cells) == 1:
                out.append(cells[0])
            elif cells:
                out.append(" | ".join(cells))
        else:
            out.append(line)
    return out
