"""cs37: contact, legal and cookie lines are a page's subject when they hold much of its text."""

from __future__ import annotations

from extractors.chromeline import chrome_by_subject_cue, measure
from extractors.clean import SUBJECT_SHARE, page_subject_lines, remove_chrome

# Our own text: a village hall's contact page (invented names and addresses).
CONTACT_PAGE = [
    "Get in touch",
    "The hall committee answers messages within a week, except in August.",
    "Bookings: bookings@villagehall.example",
    "Treasurer: money@villagehall.example",
    "Caretaker: keys@villagehall.example",
    "Post can be left in the box by the side door.",
]
# Our own text: a news story on the same hall with a reporter's closing address line.
STORY = [
    "The village hall reopened on Saturday after a year of repairs to its roof, its kitchen and "
    "the heating, paid for by a grant from the county and three years of jumble sales.",
    "More than two hundred people came to the opening, where the committee thanked the "
    "builders and the volunteers who had painted the main room over the winter months.",
    "The hall will host its first wedding in June, and the youth club moves back in next "
    "week after a year spent meeting in the school gym across the road from the green.",
    "The committee hopes to add a ramp at the front door before the autumn, once the parish "
    "council agrees to pay half of its cost, which the builders put at four thousand pounds.",
    "Jo Smith can be reached at jo.smith@gazette.example",
]


def _simple(lines: list[str]) -> list[str]:
    return list(lines)


def test_an_address_line_is_chrome_only_by_its_contact_cue() -> None:
    line = "Bookings: bookings@villagehall.example"
    assert chrome_by_subject_cue(line, line, measure(line, line))
    # A line with no such cue, or one another rule makes chrome, is not counted.
    plain = "The hall committee answers messages within a week."
    assert not chrome_by_subject_cue(plain, plain, measure(plain, plain))
    empty = "2023"
    assert not chrome_by_subject_cue(empty, empty, measure(empty, empty))


def test_a_contact_page_keeps_its_addresses() -> None:
    kept = remove_chrome(CONTACT_PAGE, _simple(CONTACT_PAGE))
    for line in CONTACT_PAGE[2:5]:
        assert line in kept


def test_a_story_still_drops_the_reporters_address() -> None:
    kept = remove_chrome(STORY, _simple(STORY))
    assert STORY[-1] not in kept
    assert STORY[0] in kept


def test_the_share_decides() -> None:
    feats = [measure(p, p) for p in CONTACT_PAGE]
    judged = list(range(len(CONTACT_PAGE)))
    assert page_subject_lines(CONTACT_PAGE, CONTACT_PAGE, feats, judged, set()) == {2, 3, 4}
    # The same three lines beside enough prose hold less than the share: chrome again.
    prose = STORY[:4] * 2
    page = prose + CONTACT_PAGE[2:5]
    feats = [measure(p, p) for p in page]
    cued = sum(len(p) for p in CONTACT_PAGE[2:5])
    assert cued < SUBJECT_SHARE * sum(len(p) for p in page)
    assert page_subject_lines(page, page, feats, list(range(len(page))), set()) == set()


def test_one_contact_line_on_a_short_page_stays_chrome() -> None:
    page = [STORY[0], STORY[1], "Press office: press@villagehall.example"]
    feats = [measure(p, p) for p in page]
    assert len(page[2]) >= SUBJECT_SHARE * sum(len(p) for p in page)  # a large share, one line
    assert page_subject_lines(page, page, feats, [0, 1, 2], set()) == set()
    assert page[2] not in remove_chrome(page, _simple(page))
