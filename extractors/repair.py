"""Text repair: pinyin annotations, ruby, stray tags and entities, hard line wraps."""

from __future__ import annotations

import html
import re
import unicodedata

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = f"a-zü{_TONED}"
# "網(wǎng)易", "A(yù)I": a pinyin syllable with a tone mark, in half- or full-width brackets.
# (The bracket comes first so the regex engine can skip to brackets; the look-behind then checks
# the character before it.)
_PINYIN_NOTE = re.compile(
    rf"[(（](?<=[\w\u3400-\u9fff][(（])(?=[{_PINYIN}]*[{_TONED}])[{_PINYIN}]{{1,7}}[)）]"
)
_RUBY_RT = re.compile(r"<rt[^>]*>.*?</rt>|<rp[^>]*>.*?</rp>", re.IGNORECASE | re.DOTALL)
_RUBY_PRESENT = re.compile(r"<r[tp]\b", re.IGNORECASE)
_CLOSED = r"(?:p|div|span|strong|b|em|i|section|a|li|ul|td|tr|font|h\d)>"
# A leftover closing tag with or without its "<" and a "?" before it ("?/p>"), or a whole tag.
# The optional prefix is spelled out as four alternatives, longest first (the order the
# optional parts are tried in), so that every alternative opens with a character and re
# skips to those instead of trying the pattern at every position (35 -> 24 ms on sg35-dev).
_STRAY_TAG = re.compile(
    rf"[?？]</{_CLOSED}|[?？]/{_CLOSED}|</{_CLOSED}|/{_CLOSED}"
    r"|<(?:/?(?:p|div|span|strong|b|em|i|section|a|li|ul|br|img|font|h\d)\b[^<>]{0,200})>",
    re.IGNORECASE,
)
# What a stray tag without "<" needs: "/" and a tag name closed by ">" (a literal start, so
# re skips ahead; _STRAY_TAG's optional prefix makes it try every position of the text).
_CLOSING = re.compile(
    r"/(?:p|div|span|strong|b|em|i|section|a|li|ul|td|tr|font|h\d)>", re.IGNORECASE
)
# A shortcode or BBCode tag opens after a blank or a mark, never right after a name or a
# closing bracket: "points[i, j]", "locs[i+1]", "grid[b][u]" are a listing's subscripts.
# The bracket opens the pattern (the look-behind, after it, checks the character before it), so
# re skips to brackets.
_SHORTCODE = re.compile(
    r"\[(?:/|(?<![A-Za-z0-9_)\]]\[))(?:button|caption|embed|video|audio|gallery|tweet|img|br"
    r"|marquee|url|color|size|font|b|i|u|quote|code|align|center)\b[^\]]{0,300}\]",
    re.IGNORECASE,
)
# Not in code: "cache.clear()", "items = []", "f(x)[]" keep their brackets (an empty pair
# right after a name, a closing bracket, or "=", "," and ":" with or without a space).
# The look-behinds sit after the opening bracket (one character wider), so re skips to brackets.
_CODE_BEFORE = r"(?<![A-Za-z0-9_)\]=,:.].)(?<!= .)(?<!, .)(?<!: .)"
_EMPTY_NOTE = re.compile(
    rf"[(（\[【]{_CODE_BEFORE}(?:(?<=[(（])\s*[)）]"
    r"|(?<=[\[【])\s*(?:图片|圖片|图|圖|image|img|photo|视频|video)?\s*[\]】])",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
# White space inside lines, collapsed in two steps: runs of the blanks other than " " become
# one space, then runs of spaces one space (what one "[ \t…]+" -> " " substitution gives, in
# half its time: that one replaces every single space of a text by itself).
_OTHER_BLANKS = re.compile(r"[\t\u00a0\u3000\u2002-\u200a]+")
_SPACE_RUN = re.compile("  +")
_TERMINAL = "。！？!?…；;」』”\"'）)】》:："
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_WRAP_WIDTH = 50
_WRAP_LINES = 3
_WRAP_COLUMN = 40
_INDENT = ("  ", "\t")
_BLOCK_START = re.compile(r"^(?:[-*+•]\s|\d{1,3}[.)]\s|#|>|\|)")


def strip_pinyin_notes(text: str) -> str:
    """Remove pinyin-in-parentheses annotations such as 網(wǎng)易 → 網易."""
    return _PINYIN_NOTE.sub("", text)


def strip_ruby(markup: str) -> str:
    """Remove <rt>/<rp> ruby annotations from HTML markup."""
    if not _RUBY_PRESENT.search(markup):
        return markup
    return _RUBY_RT.sub("", markup)


def strip_stray_markup(text: str) -> str:
    """Remove leftover tags (`?/p>`), empty `()`, image placeholders; decode stray entities."""
    if ">" in text and ("<" in text or _CLOSING.search(text)):  # every stray tag ends with ">"
        text = _strip_tags(text)
    if "(" in text or "（" in text or "[" in text or "【" in text:
        text = _EMPTY_NOTE.sub("", text)
    if "[" in text:
        text = _SHORTCODE.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if ">" in text and ("<" in text or _CLOSING.search(text)):  # escaped markup: "&lt;img…&gt;"
            text = _strip_tags(text)
    return _ZERO_WIDTH.sub("", text)


def _strip_tags(text: str) -> str:
    """Remove stray tags, except on indented lines (a code block's markup: "    <div>")."""
    # trafilatura keeps a <pre> block's indentation and nothing else's: an indented line
    # holding tags is an example of markup, not markup left over from a feed.
    if "\n " not in text and "\n\t" not in text and not text.startswith((" ", "\t")):
        return _STRAY_TAG.sub("", text)
    return "\n".join(
        line if line.startswith(_INDENT) else _STRAY_TAG.sub("", line) for line in text.split("\n")
    )


def measure_width(line: str) -> int:
    """Return the display width of a line (CJK characters count double)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if _CJK.match(left[-1]) or _CJK.match(right[0]) or left.endswith("-"):
        if left.endswith("-") and right[:1].islower():
            return left.rstrip("-") + right
        return left + right
    return f"{left} {right}"


def uses_blank_lines(text: str) -> bool:
    """Return True when a text separates paragraphs with blank lines (so single breaks wrap)."""
    lines = text.split("\n")
    blank = sum(1 for ln in lines if not ln.strip())
    return blank * 5 >= len(lines) - blank


def is_hard_wrapped(lines: list[str]) -> bool:
    """Return True for a block of >= 3 lines broken at one column (Markdown hard wraps)."""
    # Markdown joins the lines of a paragraph; we do it only where the widths show a wrap
    # column, so header fields and verse (short, uneven lines) stay apart.
    if len(lines) < _WRAP_LINES or any(_BLOCK_START.match(line) for line in lines[1:]):
        return False
    widths = [measure_width(line) for line in lines]
    widest = max(widths[:-1])
    return widest >= _WRAP_COLUMN and all(w >= 0.75 * widest for w in widths[:-1])


def join_wrapped_lines(block: str, wraps: bool = True) -> list[str]:
    """Split a block into paragraphs, joining hard wraps (long lines without final punctuation)."""
    stripped = [raw.strip() for raw in block.split("\n") if raw.strip()]
    if wraps and is_hard_wrapped(stripped):
        joined = stripped[0]
        for line in stripped[1:]:
            joined = _join(joined, line)
        return [joined]
    out: list[str] = []
    current = ""
    wrapped = False
    for raw in block.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                out.append(current)
            current, wrapped = "", False
            continue
        nested = raw[:1].isspace() and _BLOCK_START.match(line)  # an outline's indented item
        if current and wrapped and not nested:
            current = _join(current, line)
        else:
            if current:
                out.append(current)
            current = line
        wrapped = (
            wraps
            and current[-1] not in _TERMINAL
            and "|" not in line
            and measure_width(raw.rstrip()) >= _WRAP_WIDTH
        )
    if current:
        out.append(current)
    return out


def normalize_spaces(line: str) -> str:
    """Collapse runs of white space inside a line and trim it."""
    return collapse_spaces(line).strip()


def collapse_spaces(text: str) -> str:
    """Return text with each run of blanks (line breaks aside) made one space."""
    return _SPACE_RUN.sub(" ", _OTHER_BLANKS.sub(" ", text))


# UTF-8 read as Windows-1252 and saved again ("thanÂ\xa0the", "donâ€™t"): a lead byte
# (Â..ô) followed by one to three continuation bytes shown as Latin-1/1252 characters.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)


# The same with the no-break space already turned into a space or dropped ("edgeÂ (closest",
# "onlyÂthe"): a capital Â glued to the end of an ASCII word never starts a word there.
_LONE_A_CIRC = re.compile(r"(?<=[\x21-\x7e])\u00c2(?=\s|[a-z])")


def fix_mojibake(text: str) -> str:
    """Return text with UTF-8-read-as-1252 sequences decoded back (each only if it decodes)."""

    def back(m: re.Match[str]) -> str:
        try:
            return m.group(0).encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    text = _MOJIBAKE.sub(back, text)
    # The look-behind opens _LONE_A_CIRC: re would try it at every position of a text that
    # holds no "Â" at all (most texts).
    return _LONE_A_CIRC.sub(" ", text) if "\u00c2" in text else text


def repair_text(text: str) -> str:
    """Apply all inline repairs to extracted text (keeps line structure)."""
    text = strip_stray_markup(strip_pinyin_notes(fix_mojibake(text)))
    # normalize_spaces on every line: its runs never hold a line break, so one substitution
    # over the text does the same as one a line.
    return "\n".join(line.strip() for line in collapse_spaces(text).split("\n"))
