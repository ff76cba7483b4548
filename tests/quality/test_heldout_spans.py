"""benchmarks/heldoutkit/spans.py: a labelled span located in a page as offsets and resolved back."""

from __future__ import annotations

import importlib
import json
from types import ModuleType

import pytest
from scriptkit import load_benchmark

# Our own JSON article record, written escaped as a JSON encoder writes it (ensure_ascii).
RECORD = {
    "headline": "Agency opens the “AI sandbox” call",
    "body": 'The agency said: "Applications close in May."\nTen firms take part in 2026.',
}
PAGE = json.dumps(RECORD, ensure_ascii=True, indent=1) + "\n"


@pytest.fixture(scope="module")
def spans() -> ModuleType:
    load_benchmark("heldout")  # puts benchmarks/ on sys.path
    return importlib.import_module("heldoutkit.spans")


@pytest.mark.parametrize(
    ("page", "span", "mapped"),
    [
        ("The act passed in 2022.", "act passed", False),
        ("The act\n   passed in 2022.", "act passed in", True),  # a reflowed line
        ("芯片法案提供 527 亿美元补贴", "527亿美元", True),  # a space the labeller left out
        ("R&amp;D budget of &#36;3 billion", "R&D budget of $3 billion", True),
        ("Home&nbsp;&middot; Policy", "Home · Policy", True),
        ("  leading and trailing  ", " leading and\ttrailing ", True),
    ],
)
def test_a_span_resolves_to_the_labelled_text(
    spans: ModuleType, page: str, span: str, mapped: bool
) -> None:
    ref = spans.locate(page, span)
    assert ref.mapped is mapped
    assert spans.resolve(page, ref.as_json()) == span
    for _i, _j, piece in ref.edits:
        assert len(piece.strip()) <= 1  # an edit carries whitespace or one character


def test_a_span_that_is_not_there_is_refused(spans: ModuleType) -> None:
    with pytest.raises(spans.UnlocatedError, match="not in the page"):
        spans.locate("The act passed in 2022.", "the act failed")


@pytest.mark.parametrize(
    "span",
    [
        "Agency opens the “AI sandbox” call",  # \u201c and \u201d in the page
        'said: "Applications close in May." Ten firms',  # \" and a \n read as a line break
        '"Applications close in May."\nTen',  # the labeller kept the decoded line break
    ],
)
def test_a_span_is_found_through_json_escapes(spans: ModuleType, span: str) -> None:
    assert span not in PAGE
    ref = spans.locate(PAGE, span)
    assert ref.mapped
    assert spans.resolve(PAGE, ref.as_json()) == span
    for _i, _j, piece in ref.edits:
        assert len(piece.strip()) <= 1  # an escape stands for one character


def test_json_escapes_do_not_invent_text(spans: ModuleType) -> None:
    with pytest.raises(spans.UnlocatedError, match="JSON escapes"):
        spans.locate(PAGE, "Agency opens the “AI sandbox” round")
