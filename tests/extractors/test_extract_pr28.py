"""Layout blocks of an article page read as a thread's posts: the story outweighing them stays alone."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page
from extractors.threads import Thread, thread_text

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
ARTICLE = "<meta property='og:type' content='article'>"
STORY = [
    "The county library board voted on Tuesday to keep the river branch open on Sundays "
    "through the summer, reversing a plan that would have closed it to save on staff costs.",
    "Board members said the vote followed a petition signed by more than two thousand "
    "residents, many of them parents who use the branch for its weekend reading hour.",
    "The extra hours will cost about forty thousand dollars, which the board intends to take "
    "from a reserve set aside for repairs to the roof of the main building next year.",
    "Librarians at the branch said Sunday visits had doubled since the reading hour began, "
    "and that the study rooms upstairs are booked by students almost every weekend.",
    "The board will review the arrangement in October, when it sets the budget for the next "
    "year and decides whether the Sunday hours should become permanent for all branches.",
]
POLICY = [
    "Comments are reviewed before they appear and may be removed if they are off topic, "
    "abusive or promotional, or if they share personal details of other readers.",
    "Readers who comment often may be offered a badge that marks their contributions, "
    "and editors may highlight replies they consider particularly useful to the debate.",
    "Questions about this policy can be sent to the community desk through the help page.",
]
SIGNUP = "Get the morning briefing from the city desk in your inbox every weekday at six."


def _text(body: str) -> str:
    page = Page(source="t", body=body.encode(), fetched_at=FETCHED)
    return extract_article(page).text


def _slots_page(meta: str) -> str:
    """Return a page whose layout slots are numbered blocks, each carrying a date."""
    story = "".join(f"<p>{para}</p>" for para in STORY)
    policy = "".join(f"<p>{para}</p>" for para in POLICY)
    return (
        f"<html><head><title>Library keeps Sunday hours</title>{meta}</head><body>"
        f"<div id='slot-1' class='slot'><p>{SIGNUP}</p><span>Updated March 3, 2026</span></div>"
        "<div id='slot-2' class='slot'><h1>Library keeps Sunday hours</h1>"
        f"<time>March 3, 2026</time><div class='article-body'>{story}</div></div>"
        f"<div id='slot-3' class='slot'><h3>Comment policy</h3>{policy}"
        "<span>Last updated January 5, 2026</span></div>"
        "</body></html>"
    )


def test_numbered_layout_slots_around_a_story_are_no_thread() -> None:
    text = _text(_slots_page(ARTICLE))
    assert all(para in text for para in STORY)
    assert SIGNUP not in text
    assert not any(para in text for para in POLICY)


def _thread(posts: list[list[str]]) -> Thread:
    return Thread(posts, by_schema=False, opening=" ".join(posts[0]), article=True)


def test_a_story_post_outweighing_the_other_blocks_keeps_the_body() -> None:
    body = "\n".join(STORY)
    thread = _thread([[SIGNUP], STORY, POLICY])
    assert thread_text(thread, body, "Library keeps Sunday hours") is None


def test_replies_outweighing_the_opening_post_still_replace_it_on_an_article_page() -> None:
    # A forum engine that calls its threads articles: the body is the opening post, the
    # replies together hold more than it, so the posts are the thread.
    opening = STORY[:1]
    replies = [[para] for para in STORY[1:]]
    thread = _thread([opening, *replies])
    posts = thread_text(thread, "\n".join(opening), "Library keeps Sunday hours")
    assert posts is not None
    assert all(para in posts for para in STORY)


def _run_page(meta: str) -> str:
    """Return a page whose story shares its block class with the boxes under it."""
    story = "".join(f"<p>{para}</p>" for para in STORY)
    return (
        f"<html><head><title>Library keeps Sunday hours</title>{meta}</head><body>"
        "<div class='header'><h1>Library keeps Sunday hours</h1><p>By the city desk</p></div>"
        f"<div class='article-body'>{story}</div>"
        "<div class='article-body'><p>Sources used for this report</p><p>Board minutes, own "
        "reporting at the river branch, interviews with staff members and parents</p></div>"
        "<div class='article-body'><p>Listen to this article: read aloud in four minutes</p>"
        "<p>Change the text size of this page for easier reading</p></div>"
        "</body></html>"
    )


def test_blocks_of_the_story_class_under_an_article_stay_out() -> None:
    text = _text(_run_page(ARTICLE))
    assert all(para in text for para in STORY)
    assert "Sources used for this report" not in text
    assert "Change the text size" not in text


def test_the_same_run_on_a_page_that_is_no_article_is_still_read_as_posts() -> None:
    text = _text(_run_page(""))
    assert all(para in text for para in STORY)
    assert "Sources used for this report" in text
