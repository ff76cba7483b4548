"""HTML tables: unwrap tables used for page layout, split Markdown-like table rows into cells."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import strip_tags

from extractors.chromeline import is_code_line
from extractors.ptext import p_text_chars

_CELL_TEXT = 120
_BOX_TEXT = 300  # a boxed one-row table (a signature) holds at most this much text
_WRAPPER = "radar-wrapper-cell"  # a temporary tag name, stripped at once
_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_ROW = re.compile(r"^[|\s:-]+$")
_LINE_NUMBERS = re.compile(r"^[\d\s]*$")  # a code listing's gutter: line numbers only
# Elements of an unwrapped layout table whose loose text is wrapped in paragraphs, and the tags
# that count as blocks beside it.
_LOOSE_HOLDERS = ("div", "font", "center", "span")
_BLOCKS = frozenset(
    (
        *("div", "p", "table", "ul", "ol", "dl", "blockquote", "pre", "form", "hr", "figure"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "aside", "header", "footer"),
        *("nav", "center", "address", "fieldset"),
    )
)
# trafilatura reads the text of divs too when the page's <p> hold under min_extracted_size x 3
# characters (250 x 3 with our balanced options: main_extractor._extract). Wrapping loose text
# in <p> there would turn that off and lose text that stands in divs: runs are wrapped only on
# pages past that floor, where divs' text is not read anyway.
_P_TEXT_FLOOR = 750
# A loose run is wrapped when it is prose: at least this many characters (htmlbody's prose line).
_PROSE_RUN = 80
# Marks a paragraph made here: the page's own paragraphs measure whether a fast pass was thin
# (htmlbody), and a loose run the fast pass leaves out (a box's text) made it run the full pass
# for nothing on pages whose text did not change (2 CWCE pages, 5 ms each).
LOOSE_RUN = "data-radar-loose-run"
# Containers whose loose text beside <p> children is read as paragraphs (wrap_loose_paragraphs).
_PARA_HOLDERS = frozenset((*_LOOSE_HOLDERS, "section", "article", "main", "body"))
# The text a reader sees (no script, style or form options): a div of ad code is no prose.
_SHOWN = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::select)]")
_TEXTS = etree.XPath(".//text()[normalize-space()]")


def unwrap_layout_tables(tree: lxml_html.HtmlElement) -> bool:
    """Turn tables used for page layout (nested tables, long cells) into divs, in place; return
    whether a table was turned."""
    # Rows and row groups are stripped (their cells become sibling divs), tables and cells
    # renamed, and a cell that only wraps one element (a nested table, a div) without a class
    # or id is dissolved into it: a div per row, row group and wrapper gave trafilatura's
    # link-density and BODY_XPATH passes more elements to visit (CWCE: 2.1 ms a page more).
    # On the CWCE, AEB, readability and goose3 pages four outputs changed (CWCE pages: one
    # more precise, three with a little more recall).
    # Loose text in the unwrapped cells (a lead in <b>, a paragraph after a boxed picture) is
    # then wrapped in paragraphs where trafilatura reads paragraphs only (wrap_loose_text).
    unwrapped: list[lxml_html.HtmlElement] = []
    for table in list(tree.iter("table")):
        if table.tag != "table" or table.getparent() is None:
            continue  # already renamed inside an outer layout table
        nested = table.find(".//table") is not None
        cells = [] if nested else _listing_cells(table)
        if cells:
            _keep_code_cells(table, cells)
            continue
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
        unwrapped.append(table)
    if unwrapped and _reads_paragraphs_only(tree):
        text_divs: list[tuple[lxml_html.HtmlElement, set[lxml_html.HtmlElement]]] = []
        for table in unwrapped:
            holders, holding = _holders_of_text(table), _holding_blocks(table)
            for el in list(table.iter(*_LOOSE_HOLDERS)):
                if el in holders and not wrap_loose_text(el, holding) and el.tag == "div":
                    text_divs.append((el, holding))
        if _story_in_text_divs(tree, [el for el, _ in text_divs]):
            for el, holding in text_divs:
                wrap_loose_text(el, holding, alone=True)
    return bool(unwrapped)


def wrap_loose_paragraphs(tree: lxml_html.HtmlElement) -> bool:
    """Wrap loose prose beside a container's <p> children in paragraphs of their own, in place;
    return whether some was wrapped."""
    # HTML 2 wrote paragraphs as text<p>text, and a lead often follows an empty <p/> (AP stories
    # on Yahoo, 2005): the container's loose text is a paragraph beside its <p>, which
    # trafilatura, reading paragraphs, drops. Outside layout tables too (docs/quality.md, lw42).
    # Only beside a paragraph of prose: a teaser box's blurb sits beside empty <p> separators.
    # The containers are found first: most pages have none, and skip the floor's text walk.
    seen: set[lxml_html.HtmlElement] = set()
    holders: list[lxml_html.HtmlElement] = []
    for para in tree.iter("p"):
        el = para.getparent()
        if el is None or el in seen:
            continue
        seen.add(el)
        if el.tag in _PARA_HOLDERS and _holds_loose_text(el) and _holds_prose(el):
            holders.append(el)
    wrapped = False
    if holders and _reads_paragraphs_only(tree):
        for el in holders:
            wrapped = wrap_loose_text(el) or wrapped
    return wrapped


def _reads_paragraphs_only(tree: lxml_html.HtmlElement) -> bool:
    """Return True when the page's <p> hold _P_TEXT_FLOOR characters (trafilatura skips divs)."""
    return p_text_chars(tree, cap=_P_TEXT_FLOOR) >= _P_TEXT_FLOOR


def _holds_loose_text(el: lxml_html.HtmlElement) -> bool:
    """Return True when el holds text of its own or a child's tail (loose text)."""
    return bool((el.text or "").strip()) or any((kid.tail or "").strip() for kid in el)


def _holds_prose(el: lxml_html.HtmlElement) -> bool:
    """Return True when one of el's <p> children is a paragraph of prose."""
    return any(
        kid.tag == "p" and len(" ".join(kid.text_content().split())) >= _PROSE_RUN for kid in el
    )


def _story_in_text_divs(tree: lxml_html.HtmlElement, divs: list[lxml_html.HtmlElement]) -> bool:
    """Return True when a div of text alone, one of its kind, outweighs any element's paragraphs."""
    # A div holding only text and inline markup (a story set with <br>) is no paragraph, and
    # trafilatura, reading paragraphs only, drops it. On 2008 news pages such divs are mostly
    # boxes (weather, promos, reader comments) beside a story set in <p>: they are wrapped only
    # where the longest of them, not a list of links, outweighs every element's paragraphs
    # together, i.e. where the page's story is not in <p> (docs/quality.md, sb38). A longest
    # div sharing a class name with another is one of a series (a thread's posts, a blog's
    # front page), which the post readers take as they are.
    longest, top = 0, None
    for div in divs:
        size = len(" ".join(" ".join(_SHOWN(div)).split()))
        if size > longest and not _is_link_table(div, size):
            longest, top = size, div
    if top is None:
        return False
    names = set(top.classes)
    if names and any(names & set(div.classes) for div in divs if div is not top):
        return False
    held: dict[lxml_html.HtmlElement | None, int] = {}
    for para in tree.iter("p"):
        parent = para.getparent()
        held[parent] = held.get(parent, 0) + len(" ".join(para.text_content().split()))
    return longest >= max(held.values(), default=0)


def _holders_of_text(table: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """Return the elements whose loose runs hold any text: those a text passes up to its block."""
    # Most holders (cells of blocks, menus' spans) have no loose text beside blocks; reading
    # each one's children cost about 1 ms a CWCE page; reading the text nodes once, far less.
    found: set[lxml_html.HtmlElement] = set()
    for text in _TEXTS(table):
        el = text.getparent()
        if text.is_tail:
            el = el.getparent()
        while el is not None:
            if el.tag in _LOOSE_HOLDERS:
                found.add(el)
            if el.tag in _BLOCKS:
                break
            el = el.getparent()
    return found


def _holding_blocks(root: lxml_html.HtmlElement) -> set[lxml_html.HtmlElement]:
    """Return the elements under root (root too) that hold a block somewhere below them."""
    holding: set[lxml_html.HtmlElement] = set()
    for block in root.iter(*_BLOCKS):
        el = block.getparent()
        while el is not None and el not in holding:
            holding.add(el)
            el = None if el is root else el.getparent()
    return holding


def _is_block(el: lxml_html.HtmlElement, holding: set[lxml_html.HtmlElement]) -> bool:
    """Return True for a block with text or an empty <p>, or an inline element holding a block."""
    # An inline element holding one: <font> around <p>. An empty <p> is HTML 2's paragraph
    # separator (text<p>text, the <p> closed at once by the next block); another empty block
    # (<hr>, a spacer <div>) does not split a run.
    if not isinstance(el.tag, str) or (el.tag not in _BLOCKS and el not in holding):
        return False  # a comment (its tail is loose text) or an inline element
    return el.tag == "p" or bool(el.text_content().strip())


def wrap_loose_text(
    el: lxml_html.HtmlElement,
    holding: set[lxml_html.HtmlElement] | None = None,
    *,
    alone: bool = False,
) -> bool:
    """Wrap each run of loose prose between block children in a <p>; False: no block to do it."""
    # A table cell holds text and inline markup beside blocks (a lead in <b>, a paragraph
    # after a boxed picture), which a table keeps as cell text. Turned into a div, those runs
    # are neither a block of their own nor a paragraph, and trafilatura drops them; as in a
    # browser's anonymous boxes, each run of prose becomes a paragraph of its own.
    # holding: the elements that hold a block (_holding_blocks of an element above el).
    # alone: wrap the prose of an element of text alone too (_story_in_text_divs).
    holding = _holding_blocks(el) if holding is None else holding
    kids = list(el)
    blocks = [_is_block(kid, holding) for kid in kids]
    if not any(blocks) and not alone:
        return False
    runs: list[tuple[lxml_html.HtmlElement | None, list[lxml_html.HtmlElement]]] = [(None, [])]
    for kid, block in zip(kids, blocks, strict=True):
        if block:
            runs.append((kid, []))
        else:
            runs[-1][1].append(kid)
    for anchor, inline in runs:
        lead = el.text if anchor is None else anchor.tail
        loose = (lead or "") + "".join(
            (kid.text_content() if isinstance(kid.tag, str) else "") + (kid.tail or "")
            for kid in inline
        )
        if len(" ".join(loose.split())) < _PROSE_RUN:
            continue  # a label, a byline or a menu line: furniture as often as text
        para = lxml_html.Element("p", {LOOSE_RUN: ""})
        para.text = lead
        if anchor is None:
            el.text = None
            el.insert(0, para)
        else:
            anchor.tail = None
            anchor.addnext(para)
        para.extend(inline)
    return True


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


def _listing_cells(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return the cells of a code listing (a one-row table whose every cell holds a <pre>: line
    numbers beside code), else an empty list."""
    rows = table.xpath("./tr|./tbody/tr")
    cells: list[lxml_html.HtmlElement] = rows[0].xpath("./td|./th") if len(rows) == 1 else []
    return cells if all(cell.find(".//pre") is not None for cell in cells) else []


def _keep_code_cells(table: lxml_html.HtmlElement, cells: list[lxml_html.HtmlElement]) -> None:
    """Put the <pre> of a code listing's code cells where its table stood, line numbers dropped."""
    parent = table.getparent()
    pres = [
        pre
        for cell in cells
        if not _LINE_NUMBERS.match(cell.text_content())
        for pre in cell.iterfind(".//pre")
    ]
    if parent is None or not pres:
        return
    if parent.tag == "figure":
        parent.tag = "div"  # trafilatura drops a figure that holds no table (Hexo's listings)
    for pre in pres:
        pre.tail = None
        table.addprevious(pre)
    pres[-1].tail = table.tail
    parent.remove(table)


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
