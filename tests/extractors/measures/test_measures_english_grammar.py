"""English grammar of instrument names and statuses: titles a noun introduces, acronyms,
appositives, verb forms and nominalisations (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest
from measurekit import article, signal_of

from extractors.measures import build_measures, find_mentions
from extractors.measures.resolve import en_key
from extractors.measures.status import find_cues


def _events(text: str, day: str = "2024-06-03") -> list[tuple[str, str, date | None]]:
    row = article(text, day, "g1")
    tables = build_measures([row], [signal_of(row)])
    names = {m.measure_id: m.name_en or "" for m in tables.measures}
    return sorted((names[e.measure_id], e.status, e.event_date) for e in tables.events)


def test_a_title_a_draft_guidance_introduces_is_a_proposed_guideline() -> None:
    (found,) = find_mentions(
        'The agency published the draft guidance entitled "Reporting Rules for Machine '
        'Learning Systems in Hospitals." Comments are due in July.'
    )
    assert (found.name, found.kind, found.draft) == (
        "Reporting Rules for Machine Learning Systems in Hospitals",
        "guideline",
        True,
    )


def test_a_quoted_remark_after_a_noun_is_no_title() -> None:
    assert find_mentions('He said the plan was "a very good thing for everyone" on Monday.') == []


def test_an_order_on_a_title_is_named_by_its_title_and_dated_by_its_issue() -> None:
    got = _events(
        "The request carries out the Executive order on Promoting Trustworthy Algorithms in "
        "Government issued on May 1, 2022, for artificial intelligence."
    )
    assert got == [("Promoting Trustworthy Algorithms in Government", "signed", date(2022, 5, 1))]


def test_an_acronym_with_a_lower_case_head_is_a_name() -> None:
    found = find_mentions(
        "The leaders launched the U.S.-Kenya BRIDGE (“Building Research in Digital Growth”) "
        "initiative on AI, and the “BRIDGE” initiative will report yearly."
    )
    assert [(m.name, m.kind) for m in found] == [
        ("U.S.-Kenya BRIDGE initiative", "plan"),
        ("BRIDGE initiative", "plan"),
    ]
    assert find_mentions("The USA program on chips") == []


@pytest.mark.parametrize(
    "text",
    [
        "Pursuant to Executive Order (E.O.) 14999, Fair and Open Models for Public Services, "
        "signed on March 4, 2024, the agency set up a board on AI.",
        "Actions taken under Executive Order 14999 of March 4, 2024 (Fair and Open Models for "
        "Public Services) on artificial intelligence are reviewed.",
    ],
)
def test_a_numbered_order_and_its_title_side_by_side_are_one_measure(text: str) -> None:
    row = article(text, "2024-06-03", "g2")
    tables = build_measures([row], [signal_of(row)])
    assert len(tables.measures) == 1
    assert {(e.status, e.event_date) for e in tables.events} == {("signed", date(2024, 3, 4))}


def test_a_memorandum_and_the_title_it_is_given_are_one_measure() -> None:
    row = article(
        "The request is issued with the OMB Memorandum titled Advancing Fair Use of Models by "
        "Agencies, which sets rules for artificial intelligence.",
        "2024-03-29",
        "g3",
    )
    tables = build_measures([row], [signal_of(row)])
    assert len(tables.measures) == 1


def test_a_list_of_acts_is_not_one_measure() -> None:
    row = article(
        "The AI Act, the Data Act, and the Digital Services Act were adopted by the Union.",
        "2024-06-03",
        "g4",
    )
    assert len(build_measures([row], [signal_of(row)]).measures) == 3


@pytest.mark.parametrize(
    ("phrase", "status"),
    [
        ("the passage of the bill", "adopted"),
        ("after its approval by the Senate", "adopted"),
        ("the agency is issuing the plan", "adopted"),
        ("the rule was finalized", "adopted"),
        ("the Senate approves the bill", "adopted"),
        ("the order was signed into law", "signed"),
        ("the agency requests comments on the plan", "proposed"),
        ("a notice of proposed rulemaking", "proposed"),
        ("the plan is open for public comment", "proposed"),
        ("the order directs the development of a plan", "announced"),
        ("the secretary shall develop a strategy", "announced"),
        ("the rule becomes effective", "in_force"),
        ("the rule goes into effect", "in_force"),
        ("a court enjoined the rule", "suspended"),
        ("the agency paused the rule", "suspended"),
        ("the guidance was updated", "amended"),
        ("the revocation of the order", "revoked"),
    ],
)
def test_english_status_verbs_and_nominalisations(phrase: str, status: str) -> None:
    assert [c.status for c in find_cues(phrase)] == [status]


def test_announcing_a_draft_proposes_it() -> None:
    assert {c.status for c in find_cues("announcing the draft rule", draft=True)} == {"proposed"}


def test_a_heading_in_capitals_is_read_in_title_case() -> None:
    found = find_mentions(
        "NATIONAL AI RESEARCH AND DEVELOPMENT STRATEGIC PLAN\nThe BRIDGE initiative is new."
    )
    assert [(m.name, m.kind, m.start) for m in found] == [
        ("National AI Research and Development Strategic Plan", "plan", 0),
        ("BRIDGE initiative", "plan", 56),
    ]


def test_a_subtitle_after_a_colon_is_the_same_plan() -> None:
    assert en_key("National AI Skills Plan: Fiscal Years 2024-2028") == en_key(
        "National AI Skills Plan"
    )
    assert en_key("Guidance: Reporting Rules") != en_key("Guidance")


def test_a_step_under_a_condition_is_no_event() -> None:
    assert _events(
        "The draft AI Reporting Guidance, when finalized, will set rules for artificial "
        "intelligence in hospitals."
    ) == [("AI Reporting Guidance", "proposed", date(2024, 6, 3))]


def test_an_order_dated_a_day_is_signed_that_day() -> None:
    assert _events(
        "Under Executive Order 14999, Fair and Open Models for Public Services, dated March 4, "
        "2024, the agency set up a board on artificial intelligence."
    ) == [("Executive Order 14999", "signed", date(2024, 3, 4))]


def test_a_body_named_with_a_head_word_is_no_instrument() -> None:
    assert find_mentions("The Office of Partnership and Engagement set up a board.") == []


def test_an_abbreviation_in_brackets_stays_inside_the_title() -> None:
    (found,) = find_mentions(
        "Comments are sought on the National Artificial Intelligence (AI) Skills Plan of the agency."
    )
    assert found.name == "National Artificial Intelligence Skills Plan"
    assert found.kind == "plan"
