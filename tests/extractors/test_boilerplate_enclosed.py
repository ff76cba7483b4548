"""Cross-page boilerplate: one-off short lines enclosed by a source's learned closing block."""

from __future__ import annotations

from articlekit import make_article

from extractors.boilerplate import SourceBoilerplate, strip_boilerplate

TOPICS = ("tomatoes", "roses", "compost", "beans", "orchards", "herbs", "bulbs")
CLOSING = (
    "You can read older issues in the club archive on our website.",
    "Join the club mailing list if you want news of upcoming plant swaps.",
    "Send us your garden photos and we may feature them next month.",
)
PLANTS = "Plant list"  # a section heading every post shares: learned, over each post's own list
ONE_OFF = "Seed packets from the spring swap are still at the library desk."
CONCLUSION = (
    "In short, the trial beds did better than last year, and the members who kept a diary of "
    "watering found the difference easiest to explain at the autumn meeting."
)


def _body(i: int) -> list[str]:
    topic = TOPICS[i]
    return [
        f"Issue {i} of the Riverside Garden Club newsletter is about {topic}, with notes from the "
        f"members who grew {topic} on the allotments this season and what they would change.",
        f"Most of the {topic} planted in March came through the cold spell, although the plots "
        f"by the river lost a few to frost and had to be replanted in the second week of April.",
    ]


def _plants(i: int) -> list[str]:
    return [PLANTS, f"- {TOPICS[i]} for the school beds", f"- {TOPICS[i]} for the care home"]


def _learner() -> SourceBoilerplate:
    learner = SourceBoilerplate()
    for i in range(6):
        learner.observe(f"a{i}", "\n\n".join([*_body(i), *_plants(i), *CLOSING]))
    return learner


def _stripped(paras: list[str]) -> list[str]:
    article = make_article("\n\n".join(paras), language="en")
    return strip_boilerplate(article, _learner().keys()).text.split("\n\n")


def test_one_off_line_inside_the_closing_block_goes() -> None:
    text = _stripped([*_body(6), CLOSING[0], ONE_OFF, CLOSING[1], CLOSING[2]])
    assert text == _body(6)


def test_prose_inside_the_closing_block_stays() -> None:
    # A conclusion between a source's closing lines is no furniture: prose stops the walk.
    text = _stripped([*_body(6), CLOSING[0], CONCLUSION, CLOSING[1], CLOSING[2]])
    assert CONCLUSION in text


def test_a_shared_section_heading_encloses_nothing() -> None:
    # The learned heading stands over the post's own list, under it the learned closing lines:
    # a heading is no evidence that the article ended.
    own = [f"- {TOPICS[6]} for the library garden", f"- {TOPICS[6]} for the station planters"]
    text = _stripped([*_body(6), PLANTS, *own, *CLOSING])
    assert all(line in text for line in own)
