"""Embedded social posts: the byline and links an embed prints around a quoted post's text.

A page that embeds a post (Twitter/X's embed code, and Bluesky's, which copies its form) prints
the post's text, then a byline made of a dash, the author's name, the handle in brackets and
the date as a link: "— OpenAI (@OpenAI) February 2, 2026". The text is the page's quote; the
byline, the embed's picture address ("pic.twitter.com/…") and its shortened links ("https://t.co/…")
are the embed's furniture, which no hand-made reference of the dev sets keeps (docs/quality.md,
forty-eighth round). The forms are the embed code's own, so they hold for saved HTML, Markdown
with inline HTML and text dumps alike.
"""

from __future__ import annotations

import re
from datetime import UTC

from extractors.dates import iterate_dates

__all__ = ["drop_embed_furniture", "is_embed_byline"]

# A dash (the embed's "&mdash;"; never a lone hyphen, which opens a Markdown list's item such as
# "- Ada Lovelace (@ada)"), a name (no brackets, no @, at most 80 characters), the handle in
# brackets: "@" and a handle's characters (dots for handles that are domains, "@name.bsky.social").
_NAMED = r"(?:[—―–]|--)\s*[^\s()@][^\n()@]{0,79}?\s*\(@[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}\)"
_BYLINE = re.compile(rf"^{_NAMED}(.*)$")
# The byline run on at the end of the post's text ("…a quiet corner.— Town Library (@town) March
# 4, 2026"), where a converter set no break after the post's paragraph: the em dash and the date
# are both required there, so a sentence that names an account mid-way is never cut.
_RUN_ON = re.compile(rf"\s*(?=[—―])({_NAMED})([^\n]{{6,40}})$")
# The embed's picture address and shortened links, with the space before them.
_EMBED_LINK = re.compile(
    r"\s*(?:https?://|(?<![\w./:-]))(?:pic\.twitter\.com|pic\.x\.com|t\.co)/\w+"
)
_REST_MARKS = " \t,.·|"


def _only_a_date(rest: str) -> bool:
    """Return True when a byline's rest is one date and marks around it."""
    dates = list(iterate_dates(rest, UTC))
    if len(dates) != 1 or rest[: dates[0].start].strip(_REST_MARKS):
        return False
    return dates[0].end < 0 or not rest[dates[0].end :].strip(_REST_MARKS)


def is_embed_byline(para: str) -> bool:
    """Return True for a paragraph that is an embedded post's byline, nothing else."""
    match = _BYLINE.match(para.strip())
    if match is None:
        return False
    rest = match.group(1).strip(_REST_MARKS)
    return not rest or _only_a_date(rest)


def _cut_run_on_byline(para: str) -> str:
    """Return the paragraph without an embed byline run on at its end (dated, em dash)."""
    match = _RUN_ON.search(para)
    if match is None or match.start() == 0 or not _only_a_date(match.group(2).strip(_REST_MARKS)):
        return para
    return para[: match.start()]


def drop_embed_furniture(paras: list[str]) -> list[str]:
    """Return the paragraphs without embed bylines and without the embeds' addresses."""
    kept = []
    for para in paras:
        if is_embed_byline(para):
            continue
        if "(@" in para:
            para = _cut_run_on_byline(para)
        if "t.co/" in para or "pic." in para:
            para = _EMBED_LINK.sub("", para)
            if not para.strip():
                continue
        kept.append(para)
    return kept
