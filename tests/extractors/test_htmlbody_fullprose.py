"""A fast text of short lines that misses the page's paragraphs gives way to a full pass of prose."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html

from extractors import htmlbody

# The fast pass kept a post table's header cells (member, date, subject, a reply link) and not
# its message cells: short lines only, over the retry floor.
HEADERS = "\n".join(
    f"| {who} 0{day}.05.2020, 10:1{day} | Coastal path open again? |\n|  | Reply |"
    for day, who in enumerate(["Maren", "Jonas", "Ilse", "Maren"], start=1)
)
MESSAGES = "\n".join(
    [
        "Has anyone walked the coastal path from the lighthouse to the old harbour this spring, "
        "now that the storms are over?",
        "I walked it two weeks ago: the steps are open, but the lower part near the harbour is "
        "muddy after rain, so take boots.",
        "The council put up a new railing along the cliff in March; the viewpoint can be reached "
        "from the car park by wheelchair.",
    ]
)
# The page's longest visible paragraphs are its bottom boxes, which neither pass keeps.
PROBES = [
    f"The walking club {side} meets every month in the town hall to plan its routes."
    for side in ("north", "south", "east")
]


def _body(monkeypatch: pytest.MonkeyPatch, full: str) -> str:
    """Return extract_body's text when the fast pass gives HEADERS and the full pass full."""

    def passes(tree: Any, url: str | None, fast: bool, **_: Any) -> tuple[str, int, bool]:
        return (HEADERS if fast else full), 0, False

    monkeypatch.setattr(htmlbody, "read_visible_paragraphs", lambda tree: (500, 3, PROBES))
    monkeypatch.setattr(htmlbody, "extract_pass_measured", passes)
    tree = lxml_html.fromstring("<html><body><p>A page.</p></body></html>")
    return htmlbody.extract_body(tree, None, lambda: tree).text


def test_a_full_pass_of_prose_replaces_a_fast_text_of_short_lines_missing_the_probes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(HEADERS) >= htmlbody.MIN_FAST_CHARS
    assert htmlbody.share_of_prose(HEADERS) == 0.0
    assert htmlbody.misses_paragraphs(HEADERS, PROBES)
    assert htmlbody.misses_paragraphs(MESSAGES, PROBES)
    full = f"{HEADERS}\n{MESSAGES}"
    assert _body(monkeypatch, full) == full


def test_only_a_longer_full_pass_of_prose_replaces_it(monkeypatch: pytest.MonkeyPatch) -> None:
    longer = f"{HEADERS}\n{HEADERS.replace('Coastal path', 'Cliff steps')}"
    assert _body(monkeypatch, longer) == HEADERS  # short lines again: the fast text stays
    assert _body(monkeypatch, MESSAGES[:150]) == HEADERS  # prose, but shorter
    assert _body(monkeypatch, MESSAGES) == MESSAGES
