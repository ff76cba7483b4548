"""Forum threads and docs pages (eleventh round): opening posts, greetings, code listings, icons."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.chrometail import is_listing
from extractors.clean import remove_chrome
from extractors.dates import get_zone
from extractors.metadata import unescape_title
from extractors.published import split_datelines
from extractors.rows import Page
from extractors.threads import Thread, replaces_body, thread_text

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)

PROSE = [
    "The settings module reads its values once at start-up and keeps them for the whole run,"
    " so a value changed while the crawler works has no effect until the next start.",
    "Each storage back end is named by the scheme of its address, and the table below maps"
    " every scheme the project ships with to the class that writes the exported items.",
    "To switch one of the built-in back ends off without replacing it, map its scheme to"
    " nothing in your own settings file, as the short listing that closes this page shows.",
]
LISTING = ["STORES = {", "'ftp': None,", "'s3': None,", "}", "run(STORES)"]


def test_a_code_listing_that_ends_a_docs_page_is_not_cut_as_its_tail() -> None:
    # Short lines that are no sentences read like a menu run; their code marks show a listing.
    paras = [*PROSE, *LISTING]
    kept = remove_chrome(paras, paras, "Storage back ends")
    assert kept == paras


def test_a_run_of_menu_lines_is_no_listing() -> None:
    assert not is_listing(["Home", "About us", "Comments (3)", "Share on social media"])
    assert is_listing(LISTING[:4])


def test_a_closing_bracket_line_next_to_code_stays() -> None:
    # A line of brackets alone has no words (chrome on its own); beside a code line it is code.
    paras = [*PROSE, "for item in items {", "total = total + item;", "}", *PROSE[:1]]
    kept = remove_chrome(paras, paras, None)
    assert "}" in kept
    lone = [*PROSE, "}", *PROSE[:1]]
    assert "}" not in remove_chrome(lone, lone, None)


def _post(num: int, day: int, body: str, heading: str = "") -> str:
    return (
        f'<div class="post" id="post-{num}">{heading}'
        f'<div class="meta"><span class="author">member{num}</span> '
        f'<span class="date">Jan {day}, 2020</span></div>'
        f'<div class="body">{body}</div></div>'
    )


def test_a_thread_keeps_the_greeting_that_opens_its_first_post() -> None:
    # The text opens with the first post: its short first line is the post's, not a crumb.
    opening = (
        "<p>Hey all,</p><p>My neighbour lent me a bench plane last month and I would like to"
        " buy one of my own now, but the shops near me only stock the cheapest kind.</p>"
    )
    replies = [
        "Try the second-hand market first; older planes are often better made than new ones.",
        "A block plane is the more useful first buy for small jobs around the house anyway.",
        "Whatever you buy, learn to sharpen the blade well before judging how it performs.",
        "Thanks all, I found a used one at a flea market and it cuts beautifully after honing.",
    ]
    posts = _post(1, 6, opening, "<h1>Looking for a decent bench plane</h1>") + "".join(
        _post(i + 2, 7 + i, f"<p>{text}</p>") for i, text in enumerate(replies)
    )
    markup = (
        "<html><head><title>Looking for a decent bench plane - Workshop Board</title></head>"
        f'<body><div class="crumbs"><a href="/">Board</a></div><div class="thread">{posts}'
        "</div></body></html>"
    )
    page = Page(source="t", body=markup.encode(), fetched_at=FETCHED, path="thread.html")
    text = extract_article(page).text
    assert text.startswith("Hey all,")
    assert "flea market" in text


def test_a_box_shared_with_one_reply_does_not_stand_for_the_opening_post() -> None:
    # The fast pass took a notice box for the body; one reply holds the same notice. The body's
    # other prose line is in no post: the body is looked for again before the posts replace it.
    notice = "If you are not a member yet, please consider joining us: it only takes a minute."
    replies = [
        [f"A reply with enough words in it to count as a post of its own, number {i}."]
        for i in range(5)
    ]
    replies[3].append(notice)
    thread = Thread(replies, by_schema=False, opening="Reply text")
    box = "This entry has four photos that only logged-in members of the forum can see here.\n"
    assert not replaces_body(thread, box + notice, None)
    assert replaces_body(thread, "\n".join(replies[1]), None)


def test_icon_font_glyphs_leave_a_title() -> None:
    assert unescape_title("Public API\uf0c1") == "Public API"


def test_a_thread_that_calls_itself_an_article_yields_to_its_posts_when_the_body_is_one() -> None:
    # Forum engines mark threads og:type article; a body that is the posts' own text (minus
    # a reply the body reader lost after a quote) is the thread, not a story over comments.
    line = "of the thread says something long enough to be read as prose by the reader."
    posts = [[f"Post number {i} {line}"] for i in range(5)]
    posts[2].append("Agreed, and see the note in the first post.")
    body = "\n".join(p[0] for p in posts)
    thread = Thread(posts, by_schema=False, opening="Post number 0", article=True)
    assert thread_text(thread, body, None) == "\n".join(line for p in posts for line in p)
    story = "\n".join(
        ["An article paragraph that no reader comment repeats, long enough here."] * 5
    )
    assert thread_text(thread, story, None) is None


def test_a_card_field_value_is_no_header_date() -> None:
    zone = get_zone(None)
    post = "A post body that is long enough to be read as the first real paragraph of the page."
    card = ["Joined:", "Jun 21, 2008", "Messages:", "661", post]
    assert split_datelines(card, zone)[1] is None
    posted = ["Posted:", "Jun 21, 2008", post]
    assert split_datelines(posted, zone)[1] is not None
