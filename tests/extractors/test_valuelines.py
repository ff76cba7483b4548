"""extractors/valuelines.py: a one-line label a source repeats with a new link or number (own text)."""

from __future__ import annotations

from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerkeys import EDGE, VALUE
from extractors.boilerplate import MIN_PAGES, strip_boilerplate
from extractors.valuelines import value_rest

ISSUES = [
    (
        "The city council approved the new cycle lanes on the river road after a long debate about"
        " parking spaces.",
        "Work starts in the spring and the first stretch should open before the summer holidays.",
        "The library extends its opening hours on weekdays and adds a quiet room for students.",
    ),
    (
        "The water board will replace the old pipes under the market square over the next two"
        " months.",
        "Traders keep their stalls open while the work moves from one side of the square to the other.",
        "A new bus line links the hospital with the railway station every twenty minutes.",
    ),
    (
        "The school board chose a new head teacher for the secondary school in the north of the"
        " town.",
        "Parents can meet her at an open evening in the main hall next Thursday.",
        "The swimming pool closes for repairs to its roof and reopens in the autumn.",
    ),
    (
        "The museum shows old maps of the harbour from the days when ships still loaded grain by"
        " hand.",
        "Guided tours run every Saturday morning and are free for children under twelve.",
        "The farmers' market moves indoors for the winter to the old tram depot.",
    ),
    (
        "The fire brigade opens its doors to visitors and shows how its new ladder truck reaches"
        " the roofs.",
        "Volunteers explain how to keep a kitchen safe and how to use a small extinguisher.",
        "Road works on the bridge end a week early and both lanes are open again.",
    ),
    (
        "The tennis club marks its hundredth year with a tournament for players of every age on"
        " its clay courts.",
        "Old members bring photographs of the club house before it was rebuilt after the flood.",
        "The post office on the main street gets a machine for parcels that works day and night.",
    ),
]
DATES = ["- Spring fair on the green", "- Choir concert in the old church"]


def permalink(i: int) -> str:
    """Return issue i's permalink line (the address names the issue)."""
    return f"Permanent address of this issue: https://townnotes.example/issue-{100 + i}/"


LEAD = (
    "Town notes gathers the week's news from the council, the schools and the clubs of the town,"
    " written by volunteers who live here."
)


def issue(i: int, *, dates: bool = True) -> str:
    """Return issue i: its news, the permalink line, then a list of coming dates."""
    tail = [permalink(i), "Coming dates", *DATES] if dates else [permalink(i)]
    return "\n\n".join([f"{LEAD} Issue {100 + i}.", *ISSUES[i], *tail])


def test_a_label_with_a_new_address_each_issue_is_keyed_without_it() -> None:
    assert value_rest(permalink(1)) == value_rest(permalink(2)) == "permanentaddressofthisissue"
    assert value_rest("Download the newest build here: https://get.example/app?v=7") is not None
    assert value_rest("本文首发于2021年08 月") is not None


def test_a_permalink_mid_close_goes_once_enough_issues_hold_it() -> None:
    # The line stands above the coming dates, outside every edge window, so the anywhere bar
    # (MIN_PAGES stories) applies; its address is new in every issue.
    keys = find_boilerplate([issue(i) for i in range(MIN_PAGES)])
    assert VALUE + "permanentaddressofthisissue" in keys
    out = strip_boilerplate(make_article(issue(5), language="en"), keys).text
    assert "Permanent address" not in out
    assert out.split("\n\n")[1:4] == list(ISSUES[5])


def test_fewer_issues_than_the_bar_keep_it_mid_close() -> None:
    keys = find_boilerplate([issue(i) for i in range(MIN_PAGES - 1)])
    assert (
        "Permanent address" in strip_boilerplate(make_article(issue(5), language="en"), keys).text
    )


def test_at_the_close_two_issues_suffice() -> None:
    keys = find_boilerplate([issue(i, dates=False) for i in range(2)])
    assert EDGE + VALUE + "permanentaddressofthisissue" in keys
    out = strip_boilerplate(make_article(issue(4, dates=False), language="en"), keys).text
    assert "Permanent address" not in out


def test_a_sentence_with_a_new_figure_is_news() -> None:
    # A release note a weekly prints in every issue with a new version: a sentence, not a label.
    assert value_rest("Version 2.4 of the tool came out today with a faster installer.") is None
    assert value_rest("本期发布 0.35 版本，欢迎下载试用。") is None


def test_a_record_with_several_addresses_or_a_list_item_is_no_label() -> None:
    two = "Story: https://a.example/one Discussion: https://b.example/two Points: 4"
    assert value_rest(two) is None
    assert value_rest("摘要：文章网址：https://a.example/x/评论网址：https://b.example/y") is None
    assert value_rest("- Registration closes: https://fair.example/2025") is None


def test_a_bare_caption_or_counter_is_no_key() -> None:
    assert value_rest("Figure 3") is None
    assert value_rest("第 12 期") is None


def test_a_label_repeated_in_one_text_is_an_item_field() -> None:
    # Every item of a digest carries "Read it here: <address>": the items' facts stay.
    def digest(i: int) -> str:
        items = [f"{ISSUES[i][k]}\n\nRead it here: https://news.example/{i}/{k}" for k in range(3)]
        return "\n\n".join(items)

    keys = find_boilerplate([digest(i) for i in range(MIN_PAGES + 1)])
    assert not any(k.lstrip(EDGE).startswith(VALUE) for k in keys)


def test_labelled_metadata_over_a_text_stays() -> None:
    # An archiver's head lines ("Document number: 2024-0117") are context the signals read.
    def record(i: int) -> str:
        return "\n\n".join([f"Document number: 2024-{i:04d}", *ISSUES[i], "End of record."])

    keys = find_boilerplate([record(i) for i in range(MIN_PAGES + 1)])
    out = strip_boilerplate(make_article(record(0), language="en"), keys).text
    assert out.startswith("Document number: 2024-0000")
