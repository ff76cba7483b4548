"""Post headers and salutations (fourteenth round): stamp lines leave the body, greetings stay."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.chromeline import measure
from extractors.clean import find_head_start
from extractors.published import split_datelines

FIRST = "We moved the weather station to the roof last week and the readings jumped by two degrees."
SECOND = "Is the new spot simply warmer, or is the sensor picking up heat from the tiles around it?"


def test_a_submitted_line_with_weekday_and_clock_is_a_date_line() -> None:
    # "<verb> by <name> on <weekday>, <date> - <clock>": the weekday's comma is no clause.
    paras = ["Submitted by fieldnotes on Tue, 14/02/2012 - 09:30", "Hello,", FIRST, SECOND]
    kept, header, _, header_text = split_datelines(paras, UTC)
    assert kept == paras[1:]
    assert header == datetime(2012, 2, 14, tzinfo=UTC)
    assert header_text == paras[0]


def test_a_tweet_credit_with_a_written_date_stays_in_the_text() -> None:
    # An embedded post's credit line ("— Name (@handle) October 9, 2018") is no stamp line.
    credit = "— Weather Desk (@weatherdesk) October 9, 2018"
    kept, _, _, _ = split_datelines([FIRST, credit, SECOND], UTC)
    assert credit in kept


def test_a_salutation_before_a_sentence_opens_the_body() -> None:
    paras = ["Forums", "Hello,", FIRST, SECOND]
    feats = [measure(p, p) for p in paras]
    assert find_head_start(paras, feats, "Station on the roof") == 1


def test_short_crumbs_before_the_body_are_still_skipped() -> None:
    paras = ["Home", "Forums", FIRST, SECOND]
    feats = [measure(p, p) for p in paras]
    assert find_head_start(paras, feats, "Station on the roof") == 2
