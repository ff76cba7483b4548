"""Turn a raw Page into a clean Article row (pure: no I/O, no network)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import partial
from itertools import accumulate

from lxml.html import HtmlElement

from extractors.bounds import as_byline, as_headline
from extractors.bylines import (
    find_byline,
    find_labelled_author,
    find_labelled_outlet,
    split_trailing_credit,
)
from extractors.chromeline import looks_like_title
from extractors.clean import drop_title_heading, remove_chrome
from extractors.dates import (
    check_plausible,
    declared_date_note,
    find_dateline,
    find_path_date,
    get_zone,
)
from extractors.decode import decode_bytes, drop_controls
from extractors.exceptions import ExtractionError
from extractors.filetitle import title_from_file_name
from extractors.formats import Document, parse_document
from extractors.headerdates import find_issue_date
from extractors.headingtext import section_headings, wordless_headings
from extractors.htmlbody import extract_body
from extractors.htmlparse import parse_markup
from extractors.jsonrecord import json_document
from extractors.language import HAN, convert_to_simplified, detect_language, is_traditional
from extractors.layouttables import unwrap_layout_tables, wrap_loose_paragraphs
from extractors.linkzone import LinkZone
from extractors.metadata import (
    HtmlMeta,
    choose_title,
    read_html_meta,
    unescape_title,
)
from extractors.neardup import simhash_text
from extractors.opentitle import close_open_title
from extractors.parsed import Parsed
from extractors.postclass import choose_posts, class_runs
from extractors.postlines import PostSources, author_lines, text_lines
from extractors.published import (
    body_end,
    choose_html_date,
    choose_text_date,
    find_date_above_title,
    find_header_zone,
    find_near_zone,
    find_posted_date,
    read_author_card,
    search_page_date,
    split_datelines,
)
from extractors.repair import join_wrapped_lines, repair_text, strip_ruby, uses_blank_lines
from extractors.rows import EXTRACTOR_VERSION, Article, Page, make_article_id
from extractors.signatures import unlink_signatures
from extractors.sitename import clean_outlet, host_outlet, strip_named_site, strip_site_suffix
from extractors.threads import (
    declares_article,
    read_thread,
    replaces_body,
)
from extractors.urlhost import web_address
from extractors.verbatim import (
    listing_indices,
    page_listing,
    pre_texts,
    preformatted_texts,
    restore_verbatim,
    verbatim_lines,
)
from extractors.visibletext import render_visible_text

MAX_BYTES = 10 * 1024 * 1024
MIN_CHARS = 40
MIN_CJK_CHARS = 20
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_MAX_DEPTH = 400
_PROSE = re.compile(r"[。！？!?]|\.(?:\s|$)")
_DOC_START = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)
_NESTING_TAG = re.compile(
    r"<(/?)(?:div|span|p|section|table|td|tr|ul|li|b|i|font|a)\b", re.IGNORECASE
)
_DEPTH_STEP = {"": 1, "/": -1}
# htmldate's free-text search (extensive_search) costs 4x (11 vs 2.7 ms a call) for the same
# right/wrong on the 33 dated collected pages, and answers pages no reference can check:
# off (docs/quality.md).
EXTENSIVE_DATE_SEARCH = False


def _deepest(markup: str) -> int:
    # Depth is bounded by the opening tags; 0 when that bound is too small to matter (most
    # pages hold fewer "<" in all than the bound: the closing tags are not counted then).
    opened = markup.count("<")
    if opened <= _MAX_DEPTH * 5 or opened - markup.count("</") <= _MAX_DEPTH * 5:
        return 0
    # The running depth's maximum, summed in C (accumulate) rather than a Python loop.
    steps = map(_DEPTH_STEP.__getitem__, _NESTING_TAG.findall(markup[:2_000_000]))
    return max(0, max(accumulate(steps), default=0))


def _load_tree(markup: str, unwrap: bool) -> HtmlElement:
    """Return the parsed page (layout tables unwrapped if asked)."""
    tree = parse_markup(markup)
    if tree is None:
        raise ExtractionError("parse_error", "not parsable as HTML")
    if unwrap:
        _normalize_layout(tree)
    return tree


def _normalize_layout(tree: HtmlElement) -> bool:
    """Unwrap layout tables, wrap loose paragraphs and unlink signatures, in place; return
    whether any of them changed the tree."""
    unwrapped = unwrap_layout_tables(tree)
    wrapped = wrap_loose_paragraphs(tree)
    unlinked = unlink_signatures(tree)
    return unwrapped or wrapped or unlinked > 0


def is_fragment(markup: str) -> bool:
    """Return True for markup without a document start (no <html>, <head> or <body> early on)."""
    # Saved DOMs often open with <head> and no <html>; with a long head, <body> comes late.
    return _DOC_START.search(markup[:3000]) is None


def parse_html_page(
    doc: Document, page: Page, fetched_at: datetime, repair_layout: bool = True
) -> Parsed:
    """Return paragraphs and metadata of an HTML page (trafilatura for the body)."""
    markup = close_open_title(strip_ruby(_XML_DECL.sub("", doc.body, count=1)))
    if _deepest(markup) > _MAX_DEPTH * 5:
        raise ExtractionError("parse_error", "pathologically deep nesting")
    if is_fragment(markup):
        markup = f"<html><body><div>{markup}</div></body></html>"
    tree = _load_tree(markup, unwrap=False)
    meta: HtmlMeta = read_html_meta(tree)
    article = declares_article(tree, markup)
    thread = read_thread(tree, markup, article)
    repaired = _normalize_layout(tree) if repair_layout else False
    sections = section_headings(tree)
    figures = wordless_headings(tree)  # a year's or a release's heading, h1 included
    head = meta.h1 or meta.page_title
    replaced = None if thread is None else partial(replaces_body, thread, heading=head)
    reload = partial(_load_tree, markup, unwrap=repair_layout)
    # Replies in comment sections count as body only where no thread was found (its posts
    # are read from the page then) on a page that does not call itself an article.
    discussion = thread is None and not article
    runs = class_runs(tree)  # read before the body pass prunes the tree
    pres = pre_texts(tree)
    blocks = preformatted_texts(pres)
    listing = page_listing(pres)
    body = extract_body(tree, page.url, reload, replaced, discussion)
    text = body.text
    posts, first_post = choose_posts(thread, runs, text, head, body.replies, article)
    body_text, text = text, posts or text
    paras = text_lines(text, listing)
    title = as_headline(doc.meta.get("title")) or choose_title(meta)
    url = page.url or web_address(doc.meta.get("url")) or meta.url
    if isinstance(title, str) and title != meta.echo:
        title = (
            strip_site_suffix(title, meta.outlet)
            if "title" not in doc.meta
            else strip_named_site(title, doc.meta.get("outlet") or meta.outlet, url)
        )
    zone = get_zone(page.timezone)
    published = (
        choose_text_date(doc.meta["date"], [], None, zone, fetched_at)
        if doc.meta.get("date")
        else None
    )
    if published is None:
        published = choose_html_date(meta.dates, "", None, zone, fetched_at)
    heading = meta.h1 or (title if isinstance(title, str) else None)

    def find_zone(first: str | None, last: str | None) -> tuple[str, str]:
        visible = render_visible_text(markup)
        above = find_date_above_title(visible, heading, zone, fetched_at)
        header = above.isoformat() if above is not None else ""
        return (
            header + "\n" + find_header_zone(visible, heading, first),
            find_near_zone(visible, heading, first, last),
        )

    author = as_byline(doc.meta.get("author")) or meta.author
    links = LinkZone(partial(parse_markup, markup), url)  # one fresh parse, made when first asked
    return Parsed(
        paras,
        title if isinstance(title, str) else None,
        str(author) if author else None,
        doc.meta.get("outlet") or meta.outlet,
        url,
        published,
        page.language or meta.language,
        find_zone,
        date_finder=lambda: search_page_date(markup, url, zone, fetched_at, EXTENSIVE_DATE_SEARCH),
        outlet_host=doc.meta.get("outlet_host"),
        posts_last=posts is not None,
        posts_first=first_post is not None and paras[:1] == [first_post.strip()],
        heading_kept=not article,
        replies=body.replies and posts is None,
        sections=sections,
        headings=sections | figures,
        verbatim=verbatim_lines(blocks, paras) if posts is None else frozenset(),
        inner=author_lines(PostSources(thread, runs, posts, body_text, article), paras, title),
        linked=links.linked,
        in_flow=links.in_flow,
        listing=listing,
        date_lines=None if posts is None else text_lines(body_text),
        notes=_date_notes(doc, zone, fetched_at),
        layout_repaired=repaired,
    )


def parse_text_page(doc: Document, page: Page, fetched_at: datetime) -> Parsed:
    """Return paragraphs and metadata of a Markdown/plain-text dump."""
    body = repair_text(doc.body)
    lines = body.split("\n")
    paras: list[str] = []
    wraps = uses_blank_lines(body)
    for block in re.split(r"\n\s*\n", body):
        paras.extend(join_wrapped_lines(block, wraps))
    url = page.url or web_address(doc.meta.get("url"))
    title = as_headline(doc.meta.get("title"))
    if isinstance(title, str):
        title = strip_named_site(title, doc.meta.get("outlet"), url)
    html_title = as_headline(doc.meta.get("html_title"))
    if not title and isinstance(html_title, str):
        title = strip_site_suffix(html_title, doc.meta.get("outlet"))
    title = title or (as_headline(doc.headings[0]) if doc.headings else None)
    zone = get_zone(page.timezone)
    titles = (str(title), *doc.headings) if title else doc.headings
    published = choose_text_date(
        doc.meta.get("date"), lines, url, zone, fetched_at, titles, bool(doc.meta.get("date_items"))
    )
    author = as_byline(doc.meta.get("author")) or read_author_card(lines, zone)[1]
    return Parsed(
        paras,
        str(title).strip() if title else None,
        str(author).strip() if author else None,
        doc.meta.get("outlet"),
        url,
        published,
        page.language,
        kind="text",
        info="\n".join(lines[:20]),
        outlet_host=doc.meta.get("outlet_host"),
        title_in_body=not doc.meta.get("clipper"),
        headings=doc.sections,
        notes=_date_notes(doc, zone, fetched_at),
    )


def _date_notes(doc: Document, zone: tzinfo, fetched_at: datetime) -> tuple[str, ...]:
    """Return the note on a date the file declares (front matter, a record) that cannot be used."""
    declared = doc.meta.get("date")
    note = declared_date_note(declared, zone, fetched_at) if declared else None
    return (note,) if note else ()


def build_article(page: Page, parsed: Parsed) -> Article:
    """Clean the body, detect language and fill the Article row."""
    author = parsed.author
    byline, at = find_byline(parsed.paras)
    paras = list(parsed.paras)
    if byline is not None and at is not None:
        author = author or byline
        # A lead sentence that names its reporter ("新华社巴黎12月9日电（记者X）法国9日…。") is
        # article: only a line that is no sentence of its own is the byline.
        if not _PROSE.search(paras[at]):
            del paras[at]
    credit, paras = split_trailing_credit(paras)
    author = author or credit
    zone = get_zone(page.timezone)
    code = listing_indices(paras, parsed.listing)
    before = len(paras)
    paras, header_date, footer_date, header_text = split_datelines(paras, zone, parsed.title, code)
    if len(paras) != before:  # date lines went: the listing's lines stand at other indices
        code = listing_indices(paras, parsed.listing)
    body_lines = None
    if parsed.date_lines is not None:
        body_lines, header_date, footer_date, _ = split_datelines(
            parsed.date_lines, zone, parsed.title
        )
    # Cleaning reads a Traditional page on its Simplified form, so the raw lines' language is
    # decided first; the row's own language is decided again on its final text (below).
    probe = "\n".join(paras[:60])
    hant = is_traditional(probe, parsed.hint)
    simple = [convert_to_simplified(p) for p in paras] if hant else paras
    kept = remove_chrome(
        paras,
        simple,
        parsed.title,
        tail=not parsed.posts_last,
        head=not parsed.posts_first,
        keep_title=parsed.heading_kept,
        replies=parsed.replies,
        sections=parsed.sections,
        headings=parsed.headings,
        linked=parsed.linked,
        listing=code,
        in_flow=parsed.in_flow,
    )
    if parsed.inner:
        kept = restore_verbatim(paras, kept, parsed.inner)
    title = parsed.title
    first_is_title = parsed.kind == "text" and parsed.title_in_body and len(kept) > 1
    if title is None and first_is_title and looks_like_title(kept[0]):
        title = kept.pop(0)
    title = unescape_title(title) if title else title_from_file_name(page.path)
    text = "\n\n".join(kept).strip()
    if len(text) < MIN_CHARS and len(HAN.findall(text)) < MIN_CJK_CHARS:
        raise ExtractionError("no_body", f"only {len(text)} characters of body text")
    fetched_at = page.fetched_at if page.fetched_at.tzinfo else page.fetched_at.replace(tzinfo=UTC)
    published_at = parsed.published_at or check_plausible(header_date, fetched_at)
    zone_text = near_text = ""
    wanted = published_at is None or author is None or parsed.outlet is None
    if parsed.zone_finder is not None and kept and wanted:
        first = next((p for p in kept[:40] if len(p) > 60 and _PROSE.search(p)), kept[0])
        zone_text, near_text = parsed.zone_finder(first, body_end(kept, body_lines))
    if published_at is None and zone_text:
        published_at = choose_html_date([], zone_text, None, zone, fetched_at)
    for para in kept[:3] if published_at is None else ():
        published_at = published_at or check_plausible(find_dateline(para, zone), fetched_at)
    published_at = published_at or check_plausible(footer_date, fetched_at)
    if published_at is None and near_text:
        published_at = find_posted_date(near_text, zone, fetched_at)
    if published_at is None and parsed.kind == "html":
        published_at = choose_html_date([], "", parsed.url, zone, fetched_at)
    dated = published_at is not None
    published_at = published_at or check_plausible(find_issue_date(parsed.title, zone), fetched_at)
    if published_at is None and parsed.date_finder is not None:
        published_at = parsed.date_finder()
    if published_at is None:
        published_at = check_plausible(find_path_date(page.path, zone), fetched_at)
    if parsed.heading_kept and dated:
        # A dated page reads as news whatever its markup says: its headline is the title,
        # not body text (news ground truths leave it out; docs ones keep a docs page's heading).
        # Only a date the page shows or declares counts: the fallback search of the whole
        # markup also finds build stamps and file times in scripts (generated docs pages).
        kept = drop_title_heading(kept, parsed.title)
        text = "\n\n".join(kept).strip()
    if parsed.verbatim:
        kept = restore_verbatim(parsed.paras, kept, parsed.verbatim)
        text = "\n\n".join(kept).strip()
    info = "\n".join((header_text, zone_text, parsed.info))
    author = author or find_labelled_author(info)
    outlet = parsed.outlet or find_labelled_outlet(info) or host_outlet(parsed.outlet_host, author)
    # The language of the words the row holds: dropped furniture (an archiver's summary in
    # another language, an English menu over a Chinese story) no longer decides it.
    language = detect_language(text, parsed.hint)
    if language == "zh-Hant":
        text_hans: str | None = convert_to_simplified(text)
    else:
        text_hans = text if language == "zh-Hans" else None
    return Article(
        article_id=make_article_id(page.source, page.path, page.url),
        source=page.source,
        url=parsed.url,
        path=page.path,
        title=drop_controls(title),
        author=drop_controls(author),
        outlet=drop_controls(clean_outlet(outlet)),
        published_at=published_at,
        fetched_at=page.fetched_at,
        language=language,
        text=text,
        text_hans=text_hans,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        extractor_version=EXTRACTOR_VERSION,
        simhash=simhash_text(text_hans or text),
        raw_hash=page.raw_hash or None,
    )


def _extract(page: Page) -> Extracted:
    if len(page.body) > MAX_BYTES:
        raise ExtractionError("too_large", f"{len(page.body)} bytes > {MAX_BYTES}")
    text, _encoding = decode_bytes(page.body, page.content_type)
    if not text.strip():
        raise ExtractionError("empty", "no text after decoding")
    fetched_at = page.fetched_at if page.fetched_at.tzinfo else page.fetched_at.replace(tzinfo=UTC)
    doc = json_document(text, page.locator) or parse_document(text)
    if doc.kind != "html":
        text_page = parse_text_page(doc, page, fetched_at)
        return Extracted(build_article(page, text_page), text_page.notes)
    parsed = parse_html_page(doc, page, fetched_at)
    try:
        return Extracted(build_article(page, parsed), parsed.notes)
    except ExtractionError as exc:
        if exc.reason != "no_body" or not parsed.layout_repaired:
            raise
        # The layout repairs can lead the body pass to a menu that the cleaning then removes
        # whole (a page of nested layout tables): a page they left without a body is read once
        # more as parsed. If that finds no body either, the first reject stands.
        try:
            again = parse_html_page(doc, page, fetched_at, repair_layout=False)
            return Extracted(build_article(page, again), again.notes)
        except ExtractionError:
            raise exc from None


@dataclass(frozen=True, slots=True)
class Extracted:
    """A page's Article and what the run should be told about the page (not a table row)."""

    article: Article
    notes: tuple[str, ...] = ()


def extract_article(page: Page) -> Article:
    """Return the clean Article of a page; raise ExtractionError(reason, detail) otherwise."""
    return extract_noted(page).article


def extract_noted(page: Page) -> Extracted:
    """Return the Article of a page with its notes; raise ExtractionError(reason, detail) otherwise."""
    try:
        return _extract(page)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ExtractionError("parse_error", "recursion limit while parsing") from exc
    except Exception as exc:
        raise ExtractionError("parse_error", f"{type(exc).__name__}: {str(exc)[:200]}") from exc
