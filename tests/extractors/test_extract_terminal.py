"""Text saved from a terminal, and clipper banners tried on long runs of spaces."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.article import extract_article
from extractors.clippers import _SIMPREAD  # the pattern under test
from extractors.rows import Page

LOG = (
    "\x1b[1mTransit board minutes\x1b[0m\n\n"
    "The transit board voted on \x1b[32mThursday\x1b[0m to publish the rules its new fare "
    "system uses to flag suspected fare evasion, and to let riders appeal each flag.\n\n"
    "Board members said the \x1b]8;;https://transit.example/rules\x1b\\rules\x1b]8;;\x1b\\ "
    "will be reviewed every year by an outside auditor.\n"
)
# The banner pattern as it was, for the identity check: lazy address, whitespace split freely.
_PLAIN = re.compile(
    r"^\s*>?\s*本文由\s*\[?\s*简悦\s*SimpRead\s*\]?(?:\([^)]*\))?\s*转码\s*[，,]?\s*"
    r"(?:原文地址\s*[:：]?\s*(?P<rest>.*?))?\s*$"
)
PIECES = [
    " ",
    "\u3000",
    "\t",
    ">",
    "[",
    "]",
    "(http://ksria.com/simpread/)",
    "，",
    ",",
    "原文地址",
    "：",
    "https://a.example/x",
    "x y",
]


def test_terminal_sequences_leave_text_and_title_whole() -> None:
    page = Page(
        source="s", body=LOG.encode(), fetched_at=datetime(2025, 4, 2, tzinfo=UTC), path="board.md"
    )
    row = extract_article(page)
    assert "[32m" not in row.text and "[0m" not in row.text and "8;;" not in row.text
    assert "voted on Thursday to publish" in row.text
    assert "the rules will be reviewed" in row.text


def test_terminal_sequences_leave_a_front_matter_title() -> None:
    body = '---\ntitle: "\\e[1mTransit board minutes\\e[0m"\n---\n\n' + LOG.split("\n\n", 1)[1]
    page = Page(
        source="s", body=body.encode(), fetched_at=datetime(2025, 4, 2, tzinfo=UTC), path="b.md"
    )
    assert extract_article(page).title == "Transit board minutes"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6), st.lists(st.sampled_from(PIECES), max_size=6))
def test_the_banner_pattern_reads_every_line_as_before(head: list[str], tail: list[str]) -> None:
    line = "".join(head) + "本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码" + "".join(tail)
    before, now = _PLAIN.match(line), _SIMPREAD.match(line)
    assert (before is None) == (now is None)
    if before is not None and now is not None:
        assert (before.group("rest") or "") == (now.group("rest") or "")
