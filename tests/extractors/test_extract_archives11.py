"""Eleventh round: edge blocks of any length, rewritten or not; CJK reference links (own text)."""

from __future__ import annotations

from archivekit import process_saved
from articlekit import make_article
from boilerkit import find_boilerplate

from extractors.boilerplate import SourceBoilerplate, strip_boilerplate, stripped_keys
from extractors.edgeblocks import BLOCK, jaccard, tokens

RIVERS = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir"]
WORDS = ["windy", "rainy", "sunny", "misty", "frosty", "stormy"]


def notice(i: int) -> str:
    """Return the long closing notice of post ``i`` (one word and the date change)."""
    return (
        f"About this bulletin: it is written by volunteers of the river society on {WORDS[i]} "
        f"evenings and was last checked on 2025-0{i + 1}-15. Readings are provisional and may be "
        "corrected later; do not use them for navigation or flood decisions. Reprints are welcome "
        "with a link to the society's page and the date of the reading."
    )


BODIES = [
    (
        "The Alder rose by a hand's width over the weekend after rain in the upper valley.",
        "Volunteers found the towpath under water near the second bridge on Sunday.",
        "The society expects the level to fall by Wednesday if the forecast holds.",
        "Sandbags from the depot on Mill Road are free for households in the flood zone.",
    ),
    (
        "Kingfishers are back on the Birch for the first time since the dredging works.",
        "Two pairs were seen nesting in the clay bank below the sawmill in April.",
        "Walkers are asked to keep dogs on a lead along that stretch until August.",
        "Photographers should use the hide by the reed bed rather than the open bank.",
    ),
    (
        "The footbridge at Cedar Lane reopened after a month of repairs to its deck.",
        "Council workers replaced eleven planks and the rotten handrail on the east side.",
        "A ramp for wheelchairs and prams is planned for the autumn budget.",
        "The lane stays closed to cars, as before, to keep the bridge load low.",
    ),
    (
        "Anglers on the Dogwood reported a fish kill near the outfall of the old dairy.",
        "Samples taken on Tuesday are with the regional laboratory for testing.",
        "The dairy's owners say the outfall has not been used for six years.",
        "Fishing is suspended on that beat until the results are published.",
    ),
    (
        "School pupils planted four hundred willow whips along the Elm this winter.",
        "The whips should root by spring and hold the bank where cattle trampled it.",
        "Teachers plan to measure the growth each term as part of the science course.",
        "Parents are welcome to join the next planting day in March.",
    ),
    (
        "A survey of the Fir counted otters at three new sites upstream of the weir.",
        "Spraints and footprints were found on sandbars that were bare a year ago.",
        "Surveyors credit the cleaner water since the treatment works was rebuilt.",
        "The full survey will be presented at the society's meeting in June.",
    ),
]


def post(i: int, *, closing: str | None = None, middle: str = "") -> str:
    """Return the text of post ``i`` of an invented river bulletin."""
    paras = list(BODIES[i])
    if middle:
        paras.insert(2, middle)
    return "\n\n".join([*paras, closing if closing is not None else notice(i)])


def test_a_long_notice_rewritten_on_three_stories_is_learned() -> None:
    keys = find_boilerplate([post(i) for i in range(3)])
    assert any(k.startswith(BLOCK) for k in keys)
    for i in range(3):
        clean = strip_boilerplate(make_article(post(i), published=None, language="en"), keys)
        assert "About this bulletin" not in clean.text
        assert clean.text.endswith(BODIES[i][-1])


def test_a_long_notice_on_two_stories_is_not_enough() -> None:
    keys = find_boilerplate([post(i) for i in range(2)])
    assert not any(k.startswith(BLOCK) for k in keys)


def test_a_short_line_rewritten_needs_three_stories() -> None:
    line = "Send {} questions to the river desk, or just reply to this letter."
    texts = [post(i, closing=line.format(WORDS[i])) for i in range(3)]
    keys = find_boilerplate(texts)
    clean = strip_boilerplate(make_article(texts[1], published=None, language="en"), keys)
    assert "river desk" not in clean.text
    keys = find_boilerplate(texts[:2])  # two posts may share a sentence with one word swapped
    clean = strip_boilerplate(make_article(texts[1], published=None, language="en"), keys)
    assert "river desk" in clean.text


def report(i: int) -> str:
    """Return a gauge report: the same template every day, new figures."""
    return (
        f"Gauge report: the {RIVERS[i]} stood at {310 + 7 * i} cm at 06:00, {295 + 11 * i} cm at "
        f"noon and {288 + 5 * i} cm at 18:00; the mean flow was {41 + 3 * i}.{i} cubic metres a "
        f"second, {2 + i} per cent above the ten-year mean for the day."
    )


def test_a_template_with_new_figures_each_day_is_kept() -> None:
    # Numbers are tokens as written: the same sentence with new readings is news every day.
    texts = [post(i, closing=report(i)) for i in range(6)]
    assert jaccard(tokens(report(0)), tokens(report(1))) < 0.8
    keys = find_boilerplate(texts)
    assert not any(k.startswith(BLOCK) for k in keys)


def test_a_long_repeated_paragraph_inside_the_text_is_kept() -> None:
    middle = notice(0).replace("About this bulletin", "A note on readings")
    texts = [post(i, closing="", middle=middle) for i in range(4)]
    texts = [t.rstrip("\n") for t in texts]
    keys = find_boilerplate(texts)
    clean = strip_boilerplate(make_article(texts[0], published=None, language="en"), keys)
    assert "A note on readings" in clean.text


def test_versions_of_one_story_count_once() -> None:
    # Three updates of one story share their closing notice: no evidence it is boilerplate.
    lead = (
        "The Alder rose by {} centimetres over the weekend after two days of heavy rain in the "
        "upper valley, the gauge at the old mill showed on Monday morning."
    )
    paras = post(0).split("\n\n")
    versions = ["\n\n".join([lead.format(12 + k), *paras[1:]]) for k in range(3)]
    keys = find_boilerplate(versions)
    assert not any(k.startswith(BLOCK) for k in keys)


def test_a_short_plug_below_the_lead_is_learned_from_two_stories() -> None:
    plug = "More posts on river walks are listed on the society's series page."
    texts = []
    for i in range(2):
        paras = post(i).split("\n\n")
        texts.append("\n\n".join([paras[0], plug, *paras[1:]]))
    keys = find_boilerplate(texts)
    clean = strip_boilerplate(make_article(texts[0], published=None, language="en"), keys)
    assert plug not in clean.text and "upper valley" in clean.text


def test_a_stripped_block_is_forced_on_the_next_run() -> None:
    fresh = post(0)
    stored = fresh.rsplit("\n\n", 1)[0]
    keys = stripped_keys(fresh, stored)
    assert any(k.startswith(BLOCK) for k in keys)
    learner = SourceBoilerplate()
    learner.force(keys)
    learner.observe("x", post(4))
    clean = strip_boilerplate(make_article(fresh, published=None, language="en"), learner.keys())
    assert clean.text == stored


def test_a_reference_link_right_after_cjk_text_shows_its_text() -> None:
    # A Chinese sentence runs into its links with no space; the definitions live in an include.
    body = (
        "---\ntitle: 河流简报第九期\n---\n\n"
        "本期介绍上游水文站的新设备，以及志愿者在河岸巡查时记录到的几处变化，供各位会员参考。\n\n"
        "新设备采用[超声波流量计][topic flow meters]（由市水务局提供）测量流速，"
        "比原来的浮标法更准确，也不受夜间光线的影响。\n\n"
        "巡查记录显示，二号桥下的河岸在雨后有轻微坍塌，协会已经通知有关部门前来查看。\n"
    )
    article = process_saved(body, "issue-9.md", source="bulletin", timezone="Asia/Shanghai")
    assert article is not None
    assert "采用超声波流量计（由市水务局提供）" in article.text
    assert "[topic flow meters]" not in article.text
