"""Speed changes of the thirty-sixth round give what the patterns they replace give."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import htmlbody, postrun, repair, visibletext
from extractors.repair import collapse_spaces, fix_mojibake, repair_text, strip_stray_markup
from extractors.visibletext import render_visible_text

# --- the replaced patterns, kept here as the reference ---------------------------------------

_TAGS = r"(?:p|div|span|strong|b|em|i|section|a|li|ul|td|tr|font|h\d)"
_STRAY_BEFORE = re.compile(
    rf"[?？]?<?/{_TAGS}>"
    r"|<(?:/?(?:p|div|span|strong|b|em|i|section|a|li|ul|br|img|font|h\d)\b[^<>]{0,200})>",
    re.IGNORECASE,
)
_SHORTCODE_BEFORE = re.compile(
    r"(?:\[/|(?<![A-Za-z0-9_)\]])\[)(?:button|caption|embed|video|audio|gallery|tweet|img|br"
    r"|marquee|url|color|size|font|b|i|u|quote|code|align|center)\b[^\]]{0,300}\]",
    re.IGNORECASE,
)
_EMPTY_NOTE_BEFORE = re.compile(
    r"(?<![A-Za-z0-9_)\]=,:.])(?<!= )(?<!, )(?<!: )(?:[(（]\s*[)）]"
    r"|[\[【]\s*(?:图片|圖片|图|圖|image|img|photo|视频|video)?\s*[\]】])",
    re.IGNORECASE,
)
_SPACES_BEFORE = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")
_LONE_BEFORE = re.compile(r"(?<=[\x21-\x7e])\u00c2(?=\s|[a-z])")
_BLANKS_BEFORE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")

# --- random texts over the characters the patterns turn on (our own fixture pieces) ----------

# fmt: off
_PIECES = [
    " ", "  ", "\t", "\xa0", "\u3000", "\u2003", "\r", "\x0c", "\n", "\n  ", "\n\t", "a",
    "x", "Z", "0", "_", ")", "]", "=", ",", ":", ".", "= ", ", ", ": ", "(", ")", "（",
    "）", "[", "]", "【", "】", "()", "[]", "( )", "【图片】", "[image]", "[ video ]", "?", "？",
    "<", ">", "/", "</p>", "?/p>", "？/div>", "/span>", "<br>", "<img src=x>", "<div class=a>",
    "</H2>", "<li", "[b]", "[/b]", "[url=x]", "[caption id=1]", "grid[b][u]", "f(x)[]",
    "items = []", "&amp;", "&#39;", "Â", "Â ", "aÂ b", "â€™", "donâ€™t", "the", "committee",
    "網", "(wǎng)", "code", " = ", "<pre>", "<script>x</script>",
]
# fmt: on


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


TEXTS = _texts(2026120636, 3000)


@pytest.mark.parametrize(
    ("new", "old", "replacement"),
    [
        (repair._STRAY_TAG, _STRAY_BEFORE, ""),
        (repair._SHORTCODE, _SHORTCODE_BEFORE, ""),
        (repair._EMPTY_NOTE, _EMPTY_NOTE_BEFORE, ""),
    ],
    ids=["stray_tag", "shortcode", "empty_note"],
)
def test_reordered_patterns_substitute_as_before(
    new: re.Pattern[str], old: re.Pattern[str], replacement: str
) -> None:
    """Test each pattern whose opening was spelled out against its round-35 form."""
    for text in TEXTS:
        assert new.sub(replacement, text) == old.sub(replacement, text), text


def test_two_step_space_collapse_equals_one_substitution() -> None:
    """Test collapse_spaces and the visible text's blank collapse against one substitution."""
    for text in TEXTS:
        assert collapse_spaces(text) == _SPACES_BEFORE.sub(" ", text), text
        steps = visibletext._SPACE_RUN.sub(" ", visibletext._OTHER_BLANKS.sub(" ", text))
        assert steps == _BLANKS_BEFORE.sub(" ", text), text


def test_mojibake_repair_without_a_circumflex_skips_the_lone_one() -> None:
    """Test fix_mojibake against its round-35 form, with and without a lone 'Â'."""
    for text in [*TEXTS, "costs 5Â euros", "Â alone", "xÂ", "donâ€™t"]:
        assert fix_mojibake(text) == _mojibake_before(text), text


def _mojibake_before(text: str) -> str:
    def back(m: re.Match[str]) -> str:
        try:
            return m.group(0).encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    return _LONE_BEFORE.sub(" ", repair._MOJIBAKE.sub(back, text))


def test_repairs_keep_their_results_on_written_lines() -> None:
    """Test the repairs' results on lines written for them (each pattern's case)."""
    assert strip_stray_markup("costs rose?/p> sharply</div>") == "costs rose sharply"
    assert strip_stray_markup("see [video id=3] the grid[b][u] and f(x)[]") == (
        "see  the grid[b][u] and f(x)[]"
    )
    assert strip_stray_markup("a photo 【图片】 here ( ) and cache.clear()") == (
        "a photo  here  and cache.clear()"
    )
    assert repair_text("one\u00a0\u00a0two  three\t four\n  five ") == "one two three four\nfive"
    assert render_visible_text("<p>a \t b</p>\n\n<p>c\u00a0 d</p>") == "a b\nc d"


# --- lists among prose paragraphs: one measure a parent instead of one a list ------------------

_PROSE_P = f"../p[string-length(normalize-space(.)) >= {postrun.PARA_CHARS}]"
_AMONG_BEFORE = etree.XPath(
    f"//ul[count({_PROSE_P}) >= {htmlbody._AMONG}] | //ol[count({_PROSE_P}) >= {htmlbody._AMONG}]"
)


def _page(rng: random.Random, depth: int = 0) -> str:
    """Return random nested markup of paragraphs, lists and boxes (our own filler words)."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["p", "p", "ul", "ol", "div", "li", "span"] if depth < 3 else ["p", "li"])
        words = " ".join(
            rng.choice(["apple", "pear", "\u00a0", " \t", "plum"])
            for _ in range(rng.randint(0, 30))
        )
        if kind in ("ul", "ol", "div"):
            parts.append(f"<{kind}>{_page(rng, depth + 1)}</{kind}>")
        else:
            parts.append(f"<{kind}>{words}</{kind}>")
    return "".join(parts)


def test_lists_among_paragraphs_are_the_ones_the_xpath_found() -> None:
    """Test _among_paras against the XPath it replaces on random pages."""
    rng = random.Random(2026120637)
    for _ in range(400):
        tree = lxml_html.fromstring(f"<html><body>{_page(rng)}</body></html>")
        assert htmlbody._among_paras(tree) == _AMONG_BEFORE(tree)


def _prose_lists_before(tree: lxml_html.HtmlElement) -> list[tuple[str, list[str]]]:
    """htmlbody.prose_lists as lp36 wrote it: the parent's paragraphs measured for every list."""
    found: list[tuple[str, list[str]]] = []
    for block in _AMONG_BEFORE(tree):
        if any(up.tag in htmlbody._OUTSIDE for up in block.iterancestors()):
            continue
        paras = [(int(htmlbody._TEXT_LENGTH(p)), p) for p in block.getparent() if p.tag == "p"]
        items = [(int(htmlbody._TEXT_LENGTH(li)), li) for li in block if li.tag == "li"]
        items = sorted((x for x in items if x[0] >= postrun.PARA_CHARS), key=lambda x: -x[0])
        keys = [k for k in (postrun.key_line(li) for _, li in items[: htmlbody._PROBES]) if k]
        para = postrun.key_line(max(paras, key=lambda pair: pair[0])[1])
        if keys and para:
            found.append((para, keys))
    return found


def test_prose_lists_read_each_parents_longest_paragraph_once_with_the_same_result() -> None:
    """Test prose_lists against lp36's form on random pages, some with keys found."""
    rng = random.Random(2026120638)
    found = 0
    for _ in range(400):
        tree = lxml_html.fromstring(f"<html><body>{_page(rng)}</body></html>")
        got = htmlbody.prose_lists(tree)
        assert got == _prose_lists_before(tree)
        found += bool(got)
    assert found  # the pages hold lists among paragraphs with items long enough to probe
