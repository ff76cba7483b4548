"""Twentieth round: prose paragraphs a source repeats mid-body, near copies with new figures (own text)."""

from __future__ import annotations

import pytest
from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import strip_boilerplate
from extractors.edgeblocks import BODY

MONTHS = ["March", "April", "May", "June", "July"]
FEATURES = [
    "tabs can now be dragged between windows",
    "the spell checker learned Welsh and Basque",
    "large files open in a quarter of the time",
    "the command palette remembers recent actions",
    "printing keeps syntax colours on paper",
]


def donations(i: int) -> str:
    """Return the monthly's donations paragraph: the same words, this month's figures."""
    return (
        f"We now receive {410 + 17 * i} dollars a month from {30 + i} sponsors "
        f"(+{2 + i} over {MONTHS[i - 1] if i else 'February'}). This pays for our build servers "
        "and the test machines that run every change, and any sponsor can ask about the public "
        "funding process on our forum, where the steering group posts what it decided and why."
    )


# Five distinct sentences per slot; a paragraph holds three, so paragraphs of two stories share
# at most two of three sentences: nothing but the middle paragraph is a near copy across stories.
SLOTS = [
    [
        "The change took three weeks of work, most of it on the window manager glue code.",
        "Two translators checked every new word list against their own dictionaries first.",
        "Loading is now done in the background, so the cursor never freezes on a big file.",
        "The palette keeps its history in a small file next to the user settings.",
        "Colours are taken from the screen theme and darkened a little for the printer.",
    ],
    [
        "Next we look at start-up time on older laptops, which grew since the winter release.",
        "The search panel is next: it should find words across a whole project in one pass.",
        "A volunteer from Porto offered to redraw the icons so they read well on dark themes.",
        "We also want the settings window to explain each option in a sentence or two.",
        "Work on right-to-left scripts starts in August with help from two Arabic speakers.",
    ],
    [
        "Download the new build from the usual page.",
        "The manual has a new chapter on keyboard macros.",
        "Our chat room moved to a new server last week.",
        "Two of our translators met in person for the first time.",
        "The old bug tracker is now read-only.",
    ],
    [
        "A school in Tartu now teaches its first programming course with the editor.",
        "Packagers for two Linux distributions joined the release checklist this time.",
        "The website got a dark mode, which was the most requested change of the year.",
        "Our test suite passed a thousand checks for the first time this spring.",
        "A long-standing crash on network drives turned out to be a rounding error.",
    ],
    [
        "Bug reports in Polish are welcome; one of the maintainers reads them every week.",
        "The plug-in gallery lists forty entries now, up from twelve last year.",
        "Sessions restore their split panes exactly as they were left.",
        "The installer no longer asks for administrator rights on Windows.",
        "Fonts with ligatures render without gaps at every zoom level.",
    ],
]


def slot(k: int, i: int) -> str:
    """Return paragraph k of story i: three of the slot's sentences, starting at the i-th."""
    return " ".join(SLOTS[k][(i + j) % 5] for j in range(3))


def story(i: int, middle: str | None = None) -> list[str]:
    """Return the paragraphs of monthly update i; the fourth (mid-body) is its donations."""
    return [
        f"In {MONTHS[i]} the Larkspur editor gained a feature many asked for: {FEATURES[i]}.",
        slot(0, i),
        slot(1, i),
        middle if middle is not None else donations(i),
        slot(3, i),
        slot(2, i),
        slot(4, i),
    ]


def texts(stories: list[list[str]]) -> list[str]:
    """Return the article texts of some stories."""
    return ["\n\n".join(paras) for paras in stories]


def test_a_donations_paragraph_with_new_figures_each_month_goes_mid_body() -> None:
    # Mid-body (three paragraphs above, four below), over 200 characters, near copies only:
    # neither the edge tiers nor the short-line tier look at it.
    stories = [story(i) for i in range(5)]
    keys = find_boilerplate(texts(stories))
    assert any(k.startswith(BODY) for k in keys)
    for paras, text in zip(stories, texts(stories), strict=True):
        out = strip_boilerplate(make_article(text, language="en"), keys).text
        assert out.split("\n\n") == [p for p in paras if p != paras[3]]


def test_a_paragraph_on_four_stories_stays() -> None:
    # Mid-body, a few near copies are as often a project's announcements quoted from one template
    # (the version swapped): five stories are asked for, the anywhere tier's bar.
    stories = [*(story(i) for i in range(4)), story(4, "Larkspur began in a library basement.")]
    keys = find_boilerplate(texts(stories))
    out = strip_boilerplate(make_article(texts(stories)[0], language="en"), keys).text
    assert donations(0) in out


# A running story quotes the same statement in each of its pieces: that is news. (Over 200
# characters: the anywhere tier's short exact lines are another matter.)
QUOTE = (
    "The maintainers said: “We will keep the file format stable for at least five more years, "
    "whatever happens to the plug-in interface, because libraries, courts and archives depend "
    "on being able to open old files without converting them first.”"
)
# A list's facts (a standing requirement in each release's list) are no section blurb.
LIST_ITEM_TEXT = (
    "- Every plug-in must declare the permissions it needs, and the editor asks the user "
    "before granting network access to any of them for the first time, and again whenever a "
    "new version of the plug-in asks for more than the version it replaces."
)


@pytest.mark.parametrize("repeated", [QUOTE, LIST_ITEM_TEXT], ids=["quotation", "list-item"])
def test_a_quotation_or_list_item_repeated_across_stories_stays(repeated: str) -> None:
    stories = [story(i, repeated) for i in range(5)]
    keys = find_boilerplate(texts(stories))
    for text in texts(stories):
        assert repeated in strip_boilerplate(make_article(text, language="en"), keys).text


def test_a_paragraph_that_is_most_of_a_short_notice_stays() -> None:
    # On a short notice the repeated paragraph is the notice: it is over a quarter of the text.
    notices = [
        f"Maintenance window {i}.\n\nThe forum and the download mirror will be offline for two "
        "hours on Sunday morning while we move them to new machines; nightly builds continue."
        for i in range(5)
    ]
    keys = find_boilerplate(notices)
    for text in notices:
        assert strip_boilerplate(make_article(text, language="en"), keys).text == text
