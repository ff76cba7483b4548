"""Non-news page types (tenth round): the fast-pass check by probes, and what goes with it."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html

import extractors.htmlbody as htmlbody
from extractors.htmlbody import extract_body_text

INTRO = "An opening paragraph about the dish, where it comes from, and who first cooked it at home."
STEPS = [
    "Soften the onions in a wide pan over a low flame, stirring now and then, for about ten"
    " minutes, until they turn soft and sweet but have not yet taken any colour at all.",
    "Meanwhile bring a large pot of salted water to the boil and cook the pasta until it is"
    " nearly tender, keeping back a cup of the starchy water before draining it well.",
    "Finally toss everything together off the heat with the grated cheese, loosening the"
    " sauce with a little of the saved water until it coats each strand, and serve at once.",
]


def _page() -> lxml_html.HtmlElement:
    paras = "".join(f"<p>{p}</p>" for p in [INTRO, *STEPS])
    return lxml_html.fromstring(f"<html><body><div>{paras}</div></body></html>")


@pytest.mark.parametrize(
    ("fast_text", "retried"), [(INTRO + "\n" + STEPS[0], True), ("\n".join(STEPS[:2]), False)]
)
def test_a_fast_pass_holding_one_long_paragraph_of_three_is_retried(
    monkeypatch: pytest.MonkeyPatch, fast_text: str, retried: bool
) -> None:
    # Under half of the page's visible paragraph text and one of its three longest paragraphs:
    # the full pass runs (and wins, being longer). Two of the three: the fast text stays.
    full_text = "\n".join([INTRO, *STEPS])

    def fake_pass(tree: Any, url: Any, fast: bool, **_: Any) -> tuple[str, int, bool]:
        return (fast_text if fast else full_text), 0, False

    monkeypatch.setattr(htmlbody, "extract_pass_measured", fake_pass)
    tree = _page()
    got = extract_body_text(tree, None, _page)
    assert got == (full_text if retried else fast_text)
