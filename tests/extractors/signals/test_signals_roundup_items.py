"""A roundup page is judged item by item: its items are cut where it prints their headings."""

from __future__ import annotations

from bisect import bisect_left

from articlekit import make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.signals import detect_signals
from extractors.signals.align import build_match_text
from extractors.signals.page_items import _in_match, item_at, page_items, roundup_items

# Own words (public facts): a weekly tech roundup with one policy item (a US export rule on AI
# chips), two product items (a model release and a chat app) and one item whose measure is not
# about AI (an export rule on rare-earth magnets), each under a heading line the page prints.
TITLE = "Tech week: chip rules and new AI products"
LEAD = "This week brought one rule change for chips and a handful of product launches."
POLICY = [
    "US tightens export controls on AI chips to China",
    "The US Commerce Department tightened export controls on advanced AI chips to China, "
    "requiring licences for Nvidia's H20. The rule takes effect in thirty days.",
]
RELEASE = [
    "Meta releases a new open-source language model",
    "Meta released Llama 4, its newest open-source large language model, in April 2025. "
    "Developers can download the weights from the company's site.",
]
APP = [
    "Mistral opens its chat assistant to everyone",
    "Mistral released Le Chat, its AI chat assistant, as a free mobile app for iPhone and "
    "Android users. The company said the app answers in several languages.",
]
NON_AI = [
    "US restricts exports of rare earth magnets",
    "The US Commerce Department tightened export controls on rare earth magnets to China, "
    "requiring licences for every shipment. The rule takes effect in thirty days.",
]
# The same release told as a single story (no printed item headings): the release is its story.
SINGLE = "\n\n".join([RELEASE[1], "Several teams said they tried it within days."])


def _page(*items: list[str]) -> str:
    return "\n\n".join([LEAD, *("\n\n".join(item) for item in items)])


def _types(text: str, title: str) -> set[str]:
    return {r.signal_type for r in detect_signals(make_article(text, language="en", title=title))}


def test_the_policy_item_keeps_its_row_and_the_release_items_give_none() -> None:
    # the round-start code also gave a model_release row from the product items
    assert _types(_page(POLICY, RELEASE, APP), TITLE) == {"export_control"}


def test_an_item_that_names_no_ai_gives_no_row_beside_ai_items() -> None:
    # the magnets rule's item has no AI word of its own; on the round-start code the AI items
    # around it lent it their AI context and it gave an export_control row
    text = _page(RELEASE, APP, NON_AI)
    assert _types(text, TITLE) == set()


def test_a_single_release_story_keeps_its_release_row() -> None:
    assert "model_release" in _types(SINGLE, RELEASE[0])


def test_page_items_cuts_at_printed_headings_and_finds_the_roundup() -> None:
    text = _page(POLICY, RELEASE, APP, NON_AI)
    items = page_items(text)
    assert [it.heading for it in items] == [POLICY[0], RELEASE[0], APP[0], NON_AI[0]]
    roundup = roundup_items(text)
    assert roundup[0].heading == "" and roundup[0].start == 0  # the lead is an item of its own
    offset = text.index("rare earth magnets to China")
    found = item_at(roundup, offset)
    assert found is not None and found.heading == NON_AI[0]


def test_section_labels_of_a_single_story_do_not_make_a_roundup() -> None:
    text = "\n\n".join(
        [
            LEAD,
            "Background",
            POLICY[1],
            "Reactions",
            RELEASE[1],
            "What comes next",
            APP[1],
        ]
    )
    assert len(page_items(text)) == 3
    assert roundup_items(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab 中文\n\n  。.", max_size=60), st.integers(0, 70))
def test_an_item_bound_maps_into_the_match_text_as_the_full_offset_map_does(
    text: str, offset: int
) -> None:
    mt = build_match_text(text)
    full = [mt.original_index(i) for i in range(len(mt.text))]
    assert _in_match(mt, offset) == bisect_left(full, offset)
