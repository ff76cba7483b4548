"""Twenty-fourth round: a learned closing card run together with the short line below it (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import strip_boilerplate
from extractors.edgeblocks import BLOCK

NOTES = [
    (
        "This week the storage team finished moving the write path to the new log format, two weeks"
        " later than planned.",
        "Compaction now runs in the background and no longer blocks readers for long stretches.",
        "The query planner learned to push simple filters below joins on partitioned tables.",
        "A contributor fixed a rare crash when a client closed its connection mid-query.",
    ),
    (
        "The release candidate for version two went out on Tuesday with a new install script and"
        " fresh notes.",
        "Packages for three more operating systems are built by the nightly job from now on.",
        "Benchmarks on the sample data set show loading is about a third faster than before.",
        "The documentation site moved to a new theme with a search box on every page.",
    ),
    (
        "Most of this fortnight went into the scheduler, which now spreads work across the nodes of"
        " a cluster.",
        "Idle nodes hand back their memory after a few minutes instead of holding it forever.",
        "Two old configuration options were removed after a year of warnings in the logs.",
        "The command-line client can print results as comma-separated values on request.",
    ),
    (
        "Our first meetup in the new year drew a full room, three speakers and a long list of"
        " questions.",
        "Speakers showed how they load sensor data every minute from thousands of devices.",
        "Slides and recordings will be linked from the community page once they are edited.",
        "The next meetup is planned for the spring; proposals for talks are welcome.",
    ),
]
CARD = (
    "We hope you enjoy trying the project on your own data. Our maintainers answer questions on"
    " the forum every weekday, and a friendly review awaits every first change you send us."
)
LINE = "File a ticket for anything that looks wrong."
MORE = "Pull requests are welcome as well."


def note(i: int, *closing: str) -> str:
    """Return weekly note i closed by the given paragraphs."""
    return "\n\n".join([*NOTES[i], *closing])


def test_a_card_run_together_with_the_line_below_it_goes() -> None:
    # Learned as a block at the close of three notes, where the line below stands apart; the
    # fourth prints card and line as one paragraph, which no other note repeats.
    keys = find_boilerplate([note(i, CARD, LINE) for i in range(3)])
    assert any(k.startswith(BLOCK) for k in keys)
    text = note(3, f"{CARD} {LINE} {MORE}")
    assert strip_boilerplate(make_article(text), keys).text.split("\n\n") == list(NOTES[3])


def test_a_card_run_together_with_prose_stays() -> None:
    # What follows the card in its paragraph is longer than a closing line: the text goes on.
    keys = find_boilerplate([note(i, CARD, LINE) for i in range(3)])
    merged = f"{CARD} {NOTES[0][1]} {NOTES[0][2]}"
    text = note(3, merged)
    assert merged in strip_boilerplate(make_article(text), keys).text.split("\n\n")


def test_a_card_run_together_with_a_line_above_prose_stays() -> None:
    # Below the run-together paragraph stands prose: it is no closing paragraph.
    keys = find_boilerplate([note(i, CARD, LINE) for i in range(3)])
    merged = f"{CARD} {LINE}"
    prose = " ".join(NOTES[1])
    text = "\n\n".join([*NOTES[3], merged, prose])
    assert merged in strip_boilerplate(make_article(text), keys).text.split("\n\n")
