"""Bylines, credits and labelled author or outlet lines of an article's text."""

from __future__ import annotations

import re

_BYLINES = (
    re.compile(
        r"(?:^|[\s（(【\[])(?:本报|本報|新华社|新華社)?(?:记者|記者)\s*[:：]?\s*"
        r"([\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4}){0,3})"
    ),
    re.compile(
        r"^\s*(?:文|撰文|作者|文章作者)\s*[/／|:：]\s*((?:[^\s/|，,。（(]{2,20}\s+)?"
        r"[^\s/|，,。（(]{2,20})\s*$"
    ),
    re.compile(r"^\s*(?:文|撰文|作者|文章作者)\s*[/／|:：]\s*([^\s/|，,。（(]{2,20})"),
    # credit lines: "報導•攝影╱韓旭爾", "撰文、攝影／X", "文字/X"
    re.compile(
        r"^\s*(?:(?:报导|報導|报道|報道|采访|採訪|撰文|文字|文|摄影|攝影|图|圖|整理)\s*[•·．・、&及和]?\s*){1,3}"
        r"[/／╱|:：]\s*([\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4}){0,2})\s*$"
    ),
    re.compile(r"^\s*By\s+([A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|de|van|von)){0,5})\s*$"),
)


_TRAILING_CREDIT = re.compile(
    r"(?<=[。！？」”])\s*(?:(?:报导|報導|报道|報道|采访|採訪|撰文|文字|文|摄影|攝影|整理)\s*[•·．・、&及和]?\s*){1,3}"
    r"[/／╱]\s*([\u4e00-\u9fff·]{2,4}(?:、[\u4e00-\u9fff·]{2,4}){0,2})\s*$"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_LABELLED_AUTHOR = re.compile(
    r"(?:作者|作\s+者|文章作者|撰文)\s*[:：]\s*([\u4e00-\u9fff·]{2,5}|[A-Za-z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})"
    r"(?=$|[\s/／|，,（(【\]])"
)
_LABELLED_OUTLET = re.compile(r"(?:来源|來源|出处)\s*[:：]\s*[\[【]?\s*([^\s\]】|/，,]{2,20})")


def _person(value: str) -> str:
    """Return the person of "outlet person" bylines (文/科技政策观察 林知远 → 林知远)."""
    parts = value.split()
    if len(parts) == 2 and _PERSON.match(parts[1]):
        return parts[1]
    return value


def find_byline(lines: list[str]) -> tuple[str | None, int | None]:
    """Return an author named in a byline among the first lines, and that line's index."""
    for i, line in enumerate(lines[:12]):
        if len(line) > 80:
            continue
        for pattern in _BYLINES:
            m = pattern.search(line)
            if m:
                return _person(m.group(1).strip()), i
    return None, None


def split_trailing_credit(paras: list[str]) -> tuple[str | None, list[str]]:
    """Return the person of a credit glued after a lead sentence ("…。報導•攝影╱X") and the
    paragraphs without it."""
    for i, para in enumerate(paras[:12]):
        m = _TRAILING_CREDIT.search(para)
        if m is not None:
            return _person(m.group(1)), [*paras[:i], para[: m.start()].rstrip(), *paras[i + 1 :]]
    return None, paras


def find_labelled_author(text: str) -> str | None:
    """Return the author of an info line ("作者：周明远", "记者 X"), or None."""
    m = _LABELLED_AUTHOR.search(text)
    if m:
        return m.group(1).strip()
    for line in text.split("\n"):
        m = _BYLINES[0].search(line)
        if m:
            return m.group(1).strip()
    return None


def find_labelled_outlet(text: str) -> str | None:
    """Return the source outlet of an info line ("来源：中原数字报"), or None."""
    m = _LABELLED_OUTLET.search(text)
    return m.group(1).strip() if m else None
