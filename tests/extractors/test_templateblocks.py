"""extractors/templateblocks.py: one paragraph frame a source fills with a new slot on each post (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import strip_boilerplate
from extractors.edgeblocks import BODY_MIN_STORIES, NEAR_JACCARD, NEAR_MIN_STORIES, jaccard, tokens
from extractors.templateblocks import TEMPLATE, frame, one_template, words

NEWS = [
    (
        "The city council approved the new cycle lanes on the river road after a long debate about"
        " parking spaces.",
        "Work starts in the spring and the first stretch should open before the summer holidays.",
    ),
    (
        "The water board will replace the old pipes under the market square over the next two"
        " months.",
        "Traders keep their stalls open while the work moves from one side of the square to the other.",
    ),
    (
        "The school board chose a new head teacher for the secondary school in the north of the"
        " town.",
        "Parents can meet her at an open evening in the main hall next Thursday.",
    ),
    (
        "The museum shows old maps of the harbour from the days when ships still loaded grain by"
        " hand.",
        "Guided tours run every Saturday morning and are free for children under twelve.",
    ),
    (
        "The fire brigade opens its doors to visitors and shows how its new ladder truck reaches"
        " the roofs.",
        "Volunteers explain how to keep a kitchen safe and how to use a small extinguisher.",
    ),
    (
        "The tennis club marks its hundredth year with a tournament for players of every age on"
        " its clay courts.",
        "Old members bring photographs of the club house before it was rebuilt after the flood.",
    ),
    (
        "The post office on the main street gets a machine for parcels that works day and night.",
        "The machine takes cards and coins and prints a receipt with a tracking number.",
    ),
]
# The tool that wrote each post: a slot of several words, new on each post.
TOOLS = [
    "Harbour Helper second release",
    "Quill Writer large edition",
    "Lantern Notes beta build",
    "Kestrel Draft studio model",
    "Meadow Scribe mini preview",
    "Copper Pen long context",
    "Willow Text open weights",
]
INTRO = "Town notes brings the news of the council, the schools and the clubs every week."


def note(i: int) -> str:
    """Return post i's generator note: one frame, the tool's name as its slot."""
    return (
        f"Written by the {TOOLS[i]} assistant from the council's own notices and checked by"
        " nobody before it went out, so read the notices themselves before you rely on it."
    )


def post(i: int, *, mid: bool = False) -> str:
    """Return post i: an intro, its news, two other posts' leads and the note (last, or mid-body)."""
    news = [*NEWS[i], *(NEWS[(i + k) % len(NEWS)][j] for k in (1, 2) for j in (0, 1))]
    parts = [f"{INTRO} Post {i + 1}.", *news[:2], note(i), *news[2:], "See you next week."]
    return "\n\n".join(parts if mid else [f"{INTRO} Post {i + 1}.", *news, note(i)])


def test_the_notes_are_one_frame_that_no_near_copy_test_joins() -> None:
    a, b = words(note(0)), words(note(1))
    assert one_template(a, b)
    assert frame(a, b) >= len(a) - 4
    # The block tier's near-copy test does not join them: the slot is too long a part.
    assert jaccard(tokens(note(0)), tokens(note(1))) < NEAR_JACCARD
    assert not one_template(a, a)  # an exact copy is the other tiers' evidence


def test_a_generator_note_with_a_new_slot_goes_once_three_stories_close_with_it() -> None:
    keys = find_boilerplate([post(i) for i in range(NEAR_MIN_STORIES)])
    assert any(k.startswith(TEMPLATE) for k in keys)
    texts = [post(i) for i in range(NEAR_MIN_STORIES)] + [post(5)]
    keys = find_boilerplate(texts)
    out = strip_boilerplate(make_article(post(5), language="en"), keys).text
    assert "checked by nobody" not in out
    assert all(line in out for line in NEWS[5])


def test_two_stories_keep_it() -> None:
    keys = find_boilerplate([post(i) for i in range(NEAR_MIN_STORIES - 1)])
    out = strip_boilerplate(make_article(post(0), language="en"), keys).text
    assert "checked by nobody" in out


def test_mid_body_it_needs_as_many_stories_as_a_body_block() -> None:
    few = [post(i, mid=True) for i in range(BODY_MIN_STORIES - 1)]
    keys = find_boilerplate(few)
    assert "checked by nobody" in strip_boilerplate(make_article(few[0], language="en"), keys).text
    enough = [post(i, mid=True) for i in range(BODY_MIN_STORIES)]
    keys = find_boilerplate(enough)
    out = strip_boilerplate(make_article(enough[0], language="en"), keys).text
    assert "checked by nobody" not in out
    assert all(line in out for line in NEWS[0])


def test_a_lead_that_shares_a_formula_is_no_template() -> None:
    # A newsroom opens and closes its leads with the same words; what lies between is the news.
    def release(i: int) -> str:
        lead = (
            f"The district attorney today announced that {NEWS[i][0][4:-1].lower()}, and that"
            " the case goes to trial in the spring."
        )
        rest = [NEWS[(i + k) % len(NEWS)][j] for k in (1, 2) for j in (0, 1)]
        return "\n\n".join([lead, NEWS[i][1], *rest, "Contact the press office for questions."])

    keys = find_boilerplate([release(i) for i in range(len(NEWS))])
    assert not any(k.startswith(TEMPLATE) for k in keys)


def test_list_items_and_runs_of_like_items_stay() -> None:
    # A digest retells an item in the next issues, and every item carries fields of one form.
    def digest(i: int) -> str:
        items = [
            f"Summary: {NEWS[(i + k) % len(NEWS)][0]} More in the {TOOLS[(i + k) % 7]} notes."
            for k in range(3)
        ]
        fields = [
            f"- Original notice: {TOOLS[(i + k) % 7]} archive, kept by the town clerk for the"
            " readers of the weekly notes and the library"
            for k in range(2)
        ]
        return "\n\n".join([f"{INTRO} Issue {i}.", *items, *fields, "See you next week."])

    # (A retold item that stands verbatim on enough stories is the block tiers' call, not this one's.)
    keys = find_boilerplate([digest(i) for i in range(len(NEWS))])
    assert not any(k.startswith((TEMPLATE + "summary", TEMPLATE + "originalnotice")) for k in keys)
