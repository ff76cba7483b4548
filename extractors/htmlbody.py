"""HTML body text: the fast trafilatura pass, and when its text is too thin to keep."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from extractors.bodypasses import Stages, extract_pass_measured
from extractors.layouttables import LOOSE_RUN
from extractors.postrun import KEY_CHARS, KEY_SKIP, PARA_CHARS, Run, holds_posts, key_line, post_run
from extractors.splitbody import join_split_bodies

# Below this many characters of body the fast pass is retried with trafilatura's fallbacks
# (a prose-line test was tried too: 11% slower on CWCE, no F1 gain).
MIN_FAST_CHARS = 200
# The fast pass is also retried when it kept less than this share of the page's visible
# paragraph text (<p> of >= PARA_CHARS outside nav/header/footer/aside/form, not hidden) on
# a page with at least _MIN_PARAS such paragraphs. Measured on 425 pages (mozilla/readability
# and goose3 test pages, AEB, CWCE; docs/quality.md): 0.3 fires on 2% of pages and takes
# every gain that 0.4-0.6 take, at half the extra passes.
MIN_FAST_SHARE = 0.3
# A fast pass that kept at most one of the _PROBES longest visible paragraphs is retried below
# this share (a recipe page: the intro kept, the steps and notes under it lost; tenth round,
# benchmarks/types10.py dev). On AEB it fires on one page more (same text), on CWCE on none.
MIN_PROBED_SHARE = 0.5
_MIN_PARAS = 3
# A fast pass that kept none of the page's _PROBES longest visible paragraphs took the wrong
# block (a menu, a teaser box) however long it is: it is retried with the fallbacks too. A
# piece of each paragraph is looked up (KEY_CHARS from the KEY_SKIP-th character, past a
# drop cap or a dateline that trafilatura may reshape).
# The test only counts when the fast text is a list of short lines (a menu: under _MENU_PROSE
# of its characters in prose lines); on prose the longest <p> are often comments or a sidebar.
# Measured on 447 pages (readability, goose3, newspaper, fundus dev): without this condition
# the test fired on 15 (12 of them prose, no F1 gain, goose3 time 0.73 -> 1.03); with it on 1.
_PROBES = 3
_MENU_PROSE = 0.25
_PROSE_LINE = 80
_TERMINAL = ".!?。！？…:;"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_AMONG = 2  # prose paragraphs beside a list that make it part of their text (prose_lists)
_OUTSIDE = {"nav", "header", "footer", "aside", "form", "script", "style", "noscript"}
_WRAPPABLE = {"aside", "header", "form"}  # sectioning tags that sometimes wrap the whole page
# An aside/header/form holding this share of the page's text wraps the page (an unclosed tag).
WRAPPER_SHARE = 0.5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
# Action lines of repeated items: at most _ACTION_CHARS long, each standing _ACTION_REPEATS
# times or more, _ACTION_LINES different ones (a reply, a share and a report link).
_ACTION_CHARS = 30
_ACTION_REPEATS = 3
_ACTION_LINES = 2
# A pass that keeps comment sections replaces the body only when it holds this share of the
# body's lines: the replies come with the body they answer.
_KEPT_SHARE = 0.5


def read_visible_paragraphs(tree: lxml_html.HtmlElement) -> tuple[int, int, list[str]]:
    """Return characters, count and the longest texts of a page's visible prose paragraphs."""
    hidden: dict[lxml_html.HtmlElement, bool] = {}
    body = tree.find(".//body")
    page_chars = int(_TEXT_LENGTH(tree if body is None else body))

    def is_side(el: lxml_html.HtmlElement) -> bool:
        # An aside/header/form holding most of the page's text is a wrapper, not a side box
        # (an unclosed <aside> of a sidebar nests the whole article in it).
        if el.tag not in _OUTSIDE:
            return False
        return el.tag not in _WRAPPABLE or _TEXT_LENGTH(el) < WRAPPER_SHARE * page_chars

    def is_hidden(el: lxml_html.HtmlElement | None) -> bool:
        if el is None:
            return False
        known = hidden.get(el)
        if known is None:
            style = el.get("style")
            known = (
                is_side(el)
                or el.get("hidden") is not None
                or el.get("aria-hidden") == "true"
                or bool(style and _HIDDEN_STYLE.search(style))
                or is_hidden(el.getparent())
            )
            hidden[el] = known
        return known

    chars = count = 0
    longest: list[tuple[int, lxml_html.HtmlElement | str]] = []
    for p in tree.iter("p"):
        size = int(_TEXT_LENGTH(p))
        if size >= PARA_CHARS and p.get(LOOSE_RUN) is None and not is_hidden(p):
            chars += size
            count += 1
            longest.append((size, p))
    if count < _MIN_PARAS:
        # A page written with line breaks instead of <p> (old forum engines' posts, plain
        # mail archives) has its paragraphs as runs of text between <br>: they count instead,
        # or a fast pass that kept one post of a thread is never found thin.
        for parent, run in _break_runs(tree):
            size = len(run)
            if size >= PARA_CHARS and not is_hidden(parent):
                chars += size
                count += 1
                longest.append((size, run))
    longest.sort(key=lambda pair: -pair[0])
    texts = [_flat(p) for _, p in longest[:_PROBES]]
    return chars, count, texts


def prose_lists(tree: lxml_html.HtmlElement) -> list[tuple[str, list[str]]]:
    """Return (paragraph key, item keys) for each list set among _AMONG or more prose paragraphs."""
    # Keys are key_line's (the longest paragraph's, the longest items'). A list whose parent
    # also holds _AMONG or more prose paragraphs is part of the text they belong to (a
    # service's terms, a programme's links). A fast pass that keeps one of those paragraphs but
    # (almost) none of the list took the container and lost the list in it (trafilatura's
    # wild-text recovery keeps no lists; its link-density test drops a list of links); bare
    # trafilatura's fallbacks keep it. Items and paragraphs count from PARA_CHARS, up to
    # _PROBES items; lists outside the page's text (_OUTSIDE) do not count.
    found: list[tuple[str, list[str]]] = []
    longest: dict[lxml_html.HtmlElement, str] = {}  # a parent's longest paragraph's key, once
    for block in _among_paras(tree):
        if any(up.tag in _OUTSIDE for up in block.iterancestors()):
            continue
        items = [(int(_TEXT_LENGTH(li)), li) for li in block if li.tag == "li"]
        items = sorted((pair for pair in items if pair[0] >= PARA_CHARS), key=lambda x: -x[0])
        keys = [k for k in (key_line(li) for _, li in items[:_PROBES]) if k]
        parent = block.getparent()
        if keys and parent not in longest:
            paras = [(int(_TEXT_LENGTH(p)), p) for p in parent if p.tag == "p"]
            longest[parent] = key_line(max(paras, key=lambda pair: pair[0])[1])
        para = longest.get(parent, "")
        if keys and para:
            found.append((para, keys))
    return found


def _among_paras(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Return the page's lists (<ul>, <ol>) whose parent holds _AMONG or more <p> of PARA_CHARS
    or more, in page order."""
    # Each parent's paragraphs are measured once: a docs page sets dozens of lists among
    # hundreds of paragraphs of one parent (one XPath predicate a list measured them all again).
    prose: dict[lxml_html.HtmlElement, int] = {}
    found = []
    for block in tree.getroottree().getroot().iter("ul", "ol"):
        parent = block.getparent()
        if parent is None:
            continue
        if parent not in prose:
            prose[parent] = sum(1 for p in parent if p.tag == "p" and _TEXT_LENGTH(p) >= PARA_CHARS)
        if prose[parent] >= _AMONG:
            found.append(block)
    return found


def loses_lists(text: str, lists: list[tuple[str, list[str]]]) -> bool:
    """Return True when text keeps a paragraph beside a list but at most one of its items."""
    # As the paragraph probes (at most one found): one item may stand elsewhere on the page too.
    flat = " ".join(text.split())
    for para, keys in lists:
        held = sum(1 for key in keys if key in flat)
        if para in flat and held <= 1 and held < len(keys):
            return True
    return False


def _flat(block: lxml_html.HtmlElement | str) -> str:
    """Return a paragraph's text (an element's or a line-break run's) with spaces collapsed."""
    return " ".join((block if isinstance(block, str) else block.text_content()).split())


def _break_runs(tree: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, str]]:
    """Return the runs of text between <br> elements outside <p>, each with its parent."""
    # A child holding line breaks of its own ends a run; its runs are read with it.
    runs: list[tuple[lxml_html.HtmlElement, str]] = []
    # parents in document order (a set's order would vary between runs and reorder ties)
    parents = dict.fromkeys(br.getparent() for br in tree.iter("br"))
    for parent in (p for p in parents if p is not None):
        if parent.tag == "p" or any(a.tag == "p" for a in parent.iterancestors()):
            continue
        pieces = [parent.text or ""]
        for child in parent:
            broken = child.tag == "br" or next(child.iter("br"), None) is not None
            if broken:
                runs.append((parent, _flat("".join(pieces))))
                pieces = []
            elif isinstance(child.tag, str):
                pieces.append(child.text_content())
            pieces.append(child.tail or "")
        runs.append((parent, _flat("".join(pieces))))
    return runs


def share_of_prose(text: str) -> float:
    """Return the share of text's characters in prose lines (_PROSE_LINE wide, CJK counted 2)."""
    lines = join_wrapped([ln.strip() for ln in text.split("\n")])
    total = sum(len(ln) for ln in lines)
    prose = sum(
        len(ln)
        for ln in lines
        if len(ln) >= _PROSE_LINE or len(ln) + len(_CJK.findall(ln)) >= _PROSE_LINE
    )
    return prose / total if total else 0.0


def join_wrapped(lines: list[str]) -> list[str]:
    """Return lines with hard-wrapped sentences joined (a line going on in lower case)."""
    # Markup written with line breaks inside <p> keeps them in trafilatura's text: a
    # paragraph then reads as a column of short lines, like a menu.
    out: list[str] = []
    for ln in lines:
        if out and out[-1] and ln[:1].islower() and out[-1][-1] not in _TERMINAL:
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def missed_probes(text: str, probes: list[str]) -> list[str]:
    """Return the probe paragraphs text does not hold (a piece of each is looked up)."""
    flat = " ".join(text.split())
    return [p for p in probes if p[KEY_SKIP : KEY_SKIP + KEY_CHARS] not in flat]


def _another_story(tree: lxml_html.HtmlElement, text: str, missed: list[str]) -> bool:
    """Return True when the probes text missed sit in another <article> than its own."""
    # A news page that prints the next story below its own (each in an <article>) has that
    # story's paragraphs among its longest: the fast text missing them lost no body.
    articles = tree.xpath("//article")
    if len(articles) < 2:
        return False
    # Innermost first (document order puts an outer <article> before the ones it holds).
    inner_first = [(a, " ".join(a.text_content().split())) for a in reversed(articles)]
    key = " ".join(max(text.split("\n"), key=len).split())[KEY_SKIP : KEY_SKIP + KEY_CHARS]
    home = next((a for a, own in inner_first if key and key in own), None)
    if home is None:
        return False
    for probe in missed:
        piece = probe[KEY_SKIP : KEY_SKIP + KEY_CHARS]
        inner = next((a for a, own in inner_first if piece in own), None)
        if inner is None or inner is home:
            return False
        if home in inner.iterancestors() or inner in home.iterancestors():
            return False
    return True


def misses_paragraphs(text: str, probes: list[str]) -> bool:
    """Return True when text holds none of the probe paragraphs (a piece of each is looked up)."""
    return len(probes) >= _PROBES and len(missed_probes(text, probes)) == len(probes)


@dataclass(frozen=True)
class Body:
    """The body pass's text, and whether it holds a discussion's comment sections as content."""

    text: str
    replies: bool = False


def extract_body(
    tree: lxml_html.HtmlElement,
    url: str | None,
    reload: Callable[[], lxml_html.HtmlElement],
    replaced: Callable[[str], bool] | None = None,
    discussion: bool = False,
) -> Body:
    """Return the body pass (fast pass, fallbacks if it is thin) and whether it kept replies."""
    # The fast pass prunes `tree` as the full pass would; the full pass (about 3% of pages)
    # runs on it, or on reload() (a fresh tree identical to the one passed in) when the
    # fast pass it follows kept comment sections. replaced(text) says that a body will be
    # replaced anyway (a discussion page's posts): the retry is not run then.
    # discussion: the page may be a discussion (no thread found, and it does not call itself
    # an article): comment sections holding more text than the body are then its replies (a
    # question and its answers, a topic and its posts), kept as trafilatura keeps the posts
    # of DiscussionForumPosting pages.
    join_split_bodies(tree)
    visible, paragraphs, probes = read_visible_paragraphs(tree)
    stages: Stages = {}
    text, held, crude = extract_pass_measured(tree, url, fast=True, stages=stages)
    keep = False
    if discussion and held > len(text):
        fresh = reload()
        join_split_bodies(fresh)
        again, _, again_crude = extract_pass_measured(fresh, url, fast=True, keep_comments=True)
        # The comment sections are replies to the body: a pass that keeps them but drops the
        # body's lines (another block taken for the main one) loses the text they answer. A
        # crude fast text (every text node, no content block found) is no body to keep.
        if len(again) > len(text) and (crude or keeps_lines(again, text)):
            text, keep, crude = again, True, again_crude
    short = paragraphs >= _MIN_PARAS and len(text) < MIN_FAST_SHARE * visible
    # (read on the tree the fast pass pruned, and only when the share test did not fire)
    short = short or loses_lists(text, prose_lists(tree))
    opening: bool | None = None  # the fast text is one post of a run (found when needed)
    run = Run([], False)
    if not short and len(probes) == _PROBES and len(text) < MIN_PROBED_SHARE * visible:
        # A fast text holding under half the page's paragraphs is thin when it is one post of
        # a run (the body finder's first match of a post-body class) as when it misses probes
        # (unless they are another <article>'s: the next story printed below the page's own).
        lost = missed_probes(text, probes)
        short = len(probes) - len(lost) <= 1 and not _another_story(tree, text, lost)
        if not short and len(text) >= MIN_FAST_CHARS:
            run = post_run(tree, text)
            short = opening = bool(run.keys)
    # The probe lookup is cheaper and usually finds a probe: it goes first.
    missed = misses_paragraphs(text, probes) and share_of_prose(text) < _MENU_PROSE
    if len(text) >= MIN_FAST_CHARS and not short and not missed and not crude:
        return Body(text, keep)
    if replaced is not None and replaced(text):
        return Body(text, keep)
    if opening is None:
        run = post_run(tree, text) if len(text) >= MIN_FAST_CHARS else Run([], False)
        opening = bool(run.keys)
    if keep:  # the fast pass kept comment sections on a fresh tree: the full pass does too
        fresh = reload()
        join_split_bodies(fresh)
        again, _, again_crude = extract_pass_measured(fresh, url, fast=False, keep_comments=True)
    else:  # the first fast pass only pruned `tree`, as the full pass would: no reparse
        again, _, again_crude = extract_pass_measured(
            tree, url, fast=False, pruned=True, stages=stages
        )
    # crude: the fast pass found no content block and fell back to every text node of the
    # page; the full pass's fallback extractors (readability, justext) found one: theirs is
    # the text bare trafilatura gives (docs/quality.md, eighth round).
    if crude and not again_crude and again.strip():
        return Body(again, keep)
    if opening and run.listing and not holds_posts(again, run.keys, 1):
        # The run is a listing's entries (each with its title): a full pass holding none of
        # them took no other entry but the page's own text (a story beside a teaser box).
        opening = False
    if opening and not holds_posts(again, run.keys):
        # The fast text is one of a run of posts (or a blog's entries): a full pass that
        # does not hold several of them took another entry instead of the replies.
        return Body(text, keep)
    if missed and 2 * len(again) > len(text) and not misses_paragraphs(again, probes):
        return Body(text if repeats_furniture(again, text) and not opening else again, keep)
    if len(text) >= MIN_FAST_CHARS and not short:
        # Only the probe test fired and the full pass missed them too: the probes were the
        # page's furniture. The fast text of short lines is kept unless the full pass found
        # prose there (a post table whose header cells the fast pass kept, not its messages).
        prose = missed and not opening and share_of_prose(again) >= _MENU_PROSE
        return Body(again if prose and len(again) > len(text) else text, keep)
    if len(text) >= MIN_FAST_CHARS:
        longer = len(again) > 1.5 * len(text)
        # The items' repeated lines are furniture under an article, not under the first post
        # of a thread: there they are the members' signatures, quote captions, quoted code.
        furniture = repeats_furniture(again, text) and not opening
        return Body(again if longer and not furniture else text, keep)
    return Body(again if len(again) > len(text) else text, keep)


def keeps_lines(again: str, text: str) -> bool:
    """Return True when again holds most of text's lines of PARA_CHARS or more (by length)."""
    flat = " ".join(again.split())
    lines = [
        line for line in (" ".join(x.split()) for x in text.split("\n")) if len(line) >= PARA_CHARS
    ]
    held = sum(len(line) for line in lines if line in flat)
    return held >= _KEPT_SHARE * sum(map(len, lines))


def repeats_furniture(again: str, text: str) -> bool:
    """Return True when what the full pass adds is a run of items with repeated action lines."""
    # A comment thread or a listing under an article repeats the same short lines with every
    # item ("Reply", "Share", "Report"); the page's visible paragraphs then count the items
    # and make the fast pass look short. Its text is the article: the items are not.
    kept = set(text.split("\n"))
    added = [ln.strip() for ln in again.split("\n") if ln.strip() and ln not in kept]
    counts = Counter(ln for ln in added if len(ln) <= _ACTION_CHARS)
    return sum(1 for n in counts.values() if n >= _ACTION_REPEATS) >= _ACTION_LINES
