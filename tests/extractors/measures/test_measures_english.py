"""English forms: a verb opening a bullet, roadmaps, and the date in an order's own name."""

from __future__ import annotations

from datetime import date

from measurekit import article, signal_of

from extractors.measures import build_measures, find_mentions


def test_a_verb_opening_a_bullet_is_no_part_of_the_name() -> None:
    found = find_mentions("Rescinds the Federal AI Procurement Order issued last year.")
    assert [m.name for m in found] == ["Federal AI Procurement Order"]
    assert [m.name for m in find_mentions("Texas Responsible AI Governance Act")] == [
        "Texas Responsible AI Governance Act"
    ]


def test_a_roadmap_is_a_plan() -> None:
    (found,) = find_mentions("The agency will publish the National AI Skills Roadmap.")
    assert (found.name, found.kind) == ("National AI Skills Roadmap", "plan")


def test_the_date_in_an_order_s_name_is_its_signing_not_the_other_step() -> None:
    row = article(
        "Agencies shall review actions taken under the revoked Executive Order 14110 of "
        "October 30, 2023, on AI safety.",
        "2025-01-23",
        "x1",
    )
    tables = build_measures([row], [signal_of(row)])
    got = sorted((e.status, e.event_date) for e in tables.events)
    assert got == [("revoked", date(2025, 1, 23)), ("signed", date(2023, 10, 30))]
    assert [m.name_en for m in tables.measures] == ["Executive Order 14110"]
