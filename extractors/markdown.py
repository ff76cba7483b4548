"""Markdown lines of saved archives: links, inline markup, code blocks, link-only sections."""

from __future__ import annotations

import itertools
import re

from extractors.chromeline import measure

# Inline HTML left in Markdown by archivers (<figcaption>, <span style=…>, <br/>): the tags go,
# their text stays. A tag needs a letter right after "<" so "a < b" and "<3" are left alone.
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_CODE_PROSE = re.compile(r"[。！？]|[.!?]\s*$")
_CODE_CJK = 10  # an indented block with a line of this many CJK characters is prose, not code
MD_LINK_TARGET = re.compile(r"\[([^\[\]]*)\]\((\S+?)(?:\s+\"[^\"]*\")?\)")
STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# Link text may hold balanced brackets ("[[Title in the source language].](url)", CommonMark).
_MD_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"
)
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
MD_CAPTION = re.compile(r"^\s*_[^_]+_\s*$")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
MD_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LINK_CARRY = 8
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_STRAY_EMPH = re.compile(r"\*{2,}|(?<!\w)_{2,}(?!\w)")
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# Backslash escapes that HTML-to-Markdown converters write: "8\. Title" (a heading that would
# read as a list item), "\[1\]", "\*", "\_", "\#"; Markdown shows the character alone.
_NUMBER_ESCAPE = re.compile(r"^(\s*\d+)\\\.")
# CommonMark: a backslash before any ASCII punctuation character is that character: "\$30" is "$30".
_PUNCT_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Inline code: "`useTransition`" shows the word without its backticks (a run of backticks of
# the same length closes it, CommonMark).
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
LIST_MARK = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
LINK_TEXT = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
WORD_CHAR = re.compile(r"[^\W_]")
# A line that is only Markdown links (menus, share rows, "more stories" lists) keeps at most
# this many letters/digits outside its links ("延伸阅读：1. … 2. …", list numbers).
_LINK_LINE_REST = 8
# What is left of a link whose text spanned several lines with an image inside: a lone "["
# or a lone "](target)" line.
_LINK_RESIDUE = re.compile(r"^\s*(?:\[|\]\([^()\s]*\))\s*$")
# The same residue at the edges of a line with more on it: "](profile-url)[" between two
# linked avatars, "](home-url)![](cover.jpg)Illustration by …" before a caption.
_RESIDUE_HEAD = re.compile(r"^\s*(?:\]\((?:[^()\s]|\([^()\s]*\))*\)\s*)+")
_RESIDUE_TAIL = re.compile(r"(?:(?<=\s)|(?<=\))|^)\[\s*$")


# Reference-style links: "[text][id]" / "[text][]" show their text; a definition line
# "[id]: https://… "title"" shows nothing. Footnotes: a reference "[^1]" is a superscript mark,
# a definition "[^1]: text" shows its text.
_LINK_DEFINITION = re.compile(
    r"^\s{0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*<?\S+>?(?:[ \t]+[\"'(].*[\"')])?[ \t]*$"
)
# The mark before "[" must not be a Latin letter, digit or "]" (code: "a[i][j]"); CJK text runs
# into its links with no space, so a CJK character before "[" is allowed.
_REF_LINK = re.compile(r"(?<![A-Za-z0-9_\])])\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[[^\[\]\n]*\]")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\[\]\s]+\]:[ \t]*")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")


def is_link_line(line: str) -> bool:
    """Return True for a Markdown line made of links only (navigation, share rows, lists)."""
    if _LINK_RESIDUE.match(line) or _LINK_DEFINITION.match(line):
        return True
    if "](" not in line:
        return False
    inside: list[str] = []

    def keep(m: re.Match[str]) -> str:
        inside.append(m.group(1))
        return " "

    rest = line
    for _ in range(2):  # a linked image inside a link: [![alt](img)](url)
        rest = LINK_TEXT.sub(keep, rest)
    if not inside:
        return False
    outside = len(WORD_CHAR.findall(rest))
    linked = sum(len(WORD_CHAR.findall(t)) for t in inside)
    return outside <= _LINK_LINE_REST and linked >= outside


def strip_link_residue(line: str) -> str:
    """Return a line without the halves of links whose text spanned a blank line."""
    if "[" not in line and "](" not in line:
        return line
    return _RESIDUE_TAIL.sub("", _RESIDUE_HEAD.sub("", line))


def closes_soon(lines: list[str], start: int) -> bool:
    """Return True when a link target "](" follows within a few lines, before a blank line."""
    for line in lines[start : start + LINK_CARRY]:
        if not line.strip():
            return False
        if "](" in line:
            return True
    return False


# A link or image target cut by a hard wrap ("![](https://host/a.jpg?w=1\n&h=2)"): converters that
# wrap long lines break the address, which holds no spaces, so the two halves are one target.
_CUT_TARGET = re.compile(r"\]\((?:[A-Za-z][\w+.-]*:|/)(?:[^()\s]|\([^()\s]*\))*$")
_TARGET_REST = re.compile(r"[^\s()]*\)")


def cuts_target(line: str, nxt: str) -> bool:
    """Return True when a line ends inside a link target that the next line closes."""
    return bool(_CUT_TARGET.search(line.rstrip()) and _TARGET_REST.match(nxt.lstrip()))


def opens_link(line: str) -> bool:
    return line.count("[") > line.count("]")


def convert_markdown_line(line: str) -> str:
    """Return a Markdown line as plain text (images dropped, links and emphasis unwrapped)."""
    line = _RAW_IMG.sub("", MD_IMAGE.sub("", line))
    line = STRIKE.sub(r"\1", HTML_TAG.sub("", line))
    line = _FOOTNOTE_REF.sub("", _FOOTNOTE_DEF.sub("", line))
    for _ in range(2):
        line = _REF_LINK.sub(r"\1", _MD_LINK.sub(r"\1", line))
    line = _INLINE_CODE.sub(lambda m: m.group(2).strip() or m.group(0), line)
    line = _MD_EMPH.sub(lambda m: m.group(2) or m.group(3) or "", line)
    line = MD_HEADING.sub("", _STRAY_EMPH.sub("", line))
    line = re.sub(r"^\s*>\s?", "", line)
    line = _NUMBER_ESCAPE.sub(r"\1.", line)
    return _PUNCT_ESCAPE.sub(r"\1", line)


def _is_code(block: list[str]) -> bool:
    """Return True for an indented block that reads as code (short lines, no prose)."""
    lines = [ln.strip() for ln in block if ln.strip()]
    if not lines or any(len(CJK.findall(ln)) >= _CODE_CJK for ln in lines):
        return False
    return sum(1 for ln in lines if _CODE_PROSE.search(ln)) * 2 < len(lines)


def _fence_end(lines: list[str], i: int, mark: str) -> int | None:
    """Return the index of the line closing the fence opened at line i with mark, or None."""
    return next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(mark)), None)


def without_fenced_code(text: str) -> str:
    """Return the text with the lines inside each closed Markdown code fence left out."""
    # Markup a code block shows ("<html>", "<div>" in a listing) is code, not the page's markup;
    # the fence lines stay (they are Markdown's own). A fence never closed hides nothing, and
    # nothing after it is hidden either (one scan to the end at most: linear time).
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        end = None if fence is None else _fence_end(lines, i, fence.group(1))
        if fence is not None and end is None:
            out += lines[i:]
            break
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out += [lines[i], lines[end]]
        i = end + 1
    return "\n".join(out)


def fold_code_blocks(lines: list[str], code: set[int] | None = None) -> list[str]:
    """Return the lines with each Markdown code block (fenced or indented) on one line."""
    # code, when given, receives the indices of the folded code lines (left as written).
    # A code listing is one block of the article: line by line it reads as a run of short
    # non-sentence lines, which the chrome classifier takes for page furniture.
    out: list[str] = []
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence is not None:
            end = _fence_end(lines, i, fence.group(1))
            end = len(lines) if end is None else end  # an unclosed fence runs to the end
            if code is not None:
                code.add(len(out) + 1)
            out += ["", " ".join(ln.strip() for ln in lines[i + 1 : end] if ln.strip()), ""]
            i = end + 1
            continue
        prev = next((ln for ln in reversed(out) if ln.strip()), "")
        starts = (
            not (out and out[-1].strip())
            and not LIST_MARK.match(prev)
            and not _INDENTED.match(prev)
        )
        if starts and _INDENTED.match(lines[i]) and not LIST_MARK.match(lines[i]):
            end = i
            while end < len(lines) and (_INDENTED.match(lines[end]) or not lines[end].strip()):
                end += 1
            block = lines[i:end]
            if _is_code(block):
                if code is not None:
                    code.add(len(out))
                out += [" ".join(ln.strip() for ln in block if ln.strip()), ""]
                i = end
                continue
        out.append(lines[i])
        i += 1
    return out


def drop_empty_sections(lines: list[str], body: list[str]) -> None:
    """Blank the headings whose section held only links and images ("### More News" boxes)."""
    # lines and body are aligned; a body line is "" where its source line was a link list,
    # an image or a rule. A heading right above another heading is a section title, kept.
    heads = [i for i, ln in enumerate(lines) if MD_HEADING.match(ln)] + [len(lines)]
    for here, nxt in itertools.pairwise(heads):
        if here >= len(body) or not body[here].strip():
            continue
        section = [j for j in range(here + 1, min(nxt, len(body))) if lines[j].strip()]
        if section and not any(body[j].strip() for j in section):
            body[here] = ""


# A lead-in ends with a colon and holds one clause at most: no sentence ends before its colon.
_LEAD_IN = re.compile(r"^[^。！？.!?]*[:：]$")
_LEAD_IN_WIDTH = 80  # a wider line ending with a colon is text of its own (CJK counted twice)
# A list is two links or more; a lead-in over a single link is the author pointing at a source
# ("the official docs:"), part of the text even when the link line itself goes.
_LEAD_IN_LIST = 2


def is_lead_in(text: str) -> bool:
    """Return True for a short line that introduces what follows ("Related posts:", "系列文章：")."""
    text = text.strip()
    return bool(_LEAD_IN.match(text)) and len(text) + len(CJK.findall(text)) <= _LEAD_IN_WIDTH


def drop_orphan_lead_ins(lines: list[str], body: list[str]) -> None:
    """Blank the lead-in lines whose block held only link lines (a series or related list)."""
    # lines and body are aligned as for drop_empty_sections: the link lines are already "" in
    # body, so a lead-in above them introduces nothing left and goes with its list. The block
    # runs to the next text line, heading or rule; one that holds an image keeps its lead-in.
    for i, text in enumerate(body):
        if not text.strip() or MD_HEADING.match(lines[i]) or not is_lead_in(text):
            continue
        block: list[str] = []
        for j in range(i + 1, min(len(lines), len(body))):
            if body[j].strip() or MD_HEADING.match(lines[j]) or MD_RULE.match(lines[j]):
                break
            if lines[j].strip():
                block.append(lines[j])
        if len(block) >= _LEAD_IN_LIST and all(_is_text_link_line(line) for line in block):
            body[i] = ""


def _is_text_link_line(line: str) -> bool:
    """Return True for a link line that shows link text (no image in it)."""
    # "As the figure shows:" over an image, linked or not, introduces the figure.
    return "![" not in line and is_link_line(line)


# A post's closing block after a rule ("* * *"): follow me, subscribe, contact lines, with at
# most short lines beside them ("Enjoyed the post?"). A few lines, well under the article.
_CLOSING_CUES = frozenset({"follow", "contact", "promo"})
_CLOSING_LINES = 6
_CLOSING_CHARS = 600
_CLOSING_SHORT = 40


def drop_closing_blocks(body: list[str], rules: list[int]) -> None:
    """Blank the blocks after a post's last rules that only ask readers to follow or subscribe."""
    # rules: the indices of body lines that were Markdown rules, in order.
    end = len(body)
    for rule in reversed(rules):
        block = [ln.strip() for ln in body[rule + 1 : end] if ln.strip()]
        size = sum(map(len, block))
        if len(block) > _CLOSING_LINES or size > _CLOSING_CHARS:
            return
        feats = [measure(ln, ln) for ln in block]
        if block and not any(f.cues & _CLOSING_CUES for f in feats):
            return
        if any(not f.cues & _CLOSING_CUES and f.chars > _CLOSING_SHORT for f in feats):
            return
        if sum(map(len, body[:rule])) < 2 * size:
            return
        body[rule + 1 : end] = [""] * (end - rule - 1)
        end = rule
