"""Thread dates do not follow the posts replacing the body; layout-cell prose is kept."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

from extractors.article import Parsed, build_article, extract_article
from extractors.rows import Page

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
# Our own text: a town library's new Sunday hours, discussed on a town forum (invented).
OPENING = [
    "The town library will open on Sunday afternoons from next month, the council said on "
    "Friday after a vote at its monthly meeting.",
    "The library has been closed on Sundays since the building was extended, and readers "
    "have asked for weekend hours in every survey since then.",
    "Two part-time posts will be added to cover the new hours, paid from the budget that "
    "used to rent the mobile library van.",
    "The reading room and the children's corner will be open, but the local history archive "
    "will keep its weekday hours for now.",
    "Members of the council said they would look at the number of visitors again after six "
    "months before deciding whether to keep the hours.",
]
REPLIES = [
    "Good news for families who work all week and can only bring the children at the weekend.",
    "I hope the archive follows soon, the weekday hours are hard for anyone with a job.",
    "Will the study desks upstairs be open as well, or only the ground floor rooms?",
]
STAMPS = [
    "2024/03/15 22:36:13",
    "2024/03/16 08:10:00",
    "2024/04/02 19:37:59",
    "2024/08/30 15:13:48",
]
NAMES = ["alice", "bob", "carol", "dave"]
OPENED = datetime(2024, 3, 15, 22, 36, 13, tzinfo=UTC)


def _thread_page() -> bytes:
    """Return an old table-layout forum thread: each post a cell, its stamp loose in a row."""
    posts = [OPENING, *([reply] for reply in REPLIES)]
    rows = "".join(
        f"<tr><td class='post' width='600'>{''.join(f'<p>{p}</p>' for p in paras)}</td></tr>"
        f"<tr><td class='stamp'>Posted {stamp} by {name}</td></tr>"
        for paras, stamp, name in zip(posts, STAMPS, NAMES, strict=True)
    )
    return (
        "<html><head><title>Library to open on Sundays</title></head><body>"
        "<table width='770'><tr><td><a href='/'>Forum home</a> | <a href='/town'>Town news</a>"
        "</td></tr></table><table width='770'><tr><td><b>Library to open on Sundays</b>"
        f"</td></tr>{rows}</table><table width='770'><tr><td><a href='/help'>Help</a> | "
        "<a href='/terms'>Terms</a></td></tr></table></body></html>"
    ).encode()


def test_a_thread_read_from_a_class_run_is_dated_by_its_opening_post() -> None:
    # The body pass keeps the opening post (its paragraphs), the run of post cells replaces it
    # with the whole thread; the zone after the body is read after the opening post, not after
    # the last reply, whose stamp is the thread's last activity.
    article = extract_article(Page(source="t", body=_thread_page(), fetched_at=FETCHED))
    assert all(p in article.text for p in OPENING + REPLIES)
    assert article.published_at == OPENED


def _parsed(paras: list[str], date_lines: list[str] | None) -> Parsed:
    return Parsed(
        paras, "Library to open on Sundays", None, None, None, None, "en", date_lines=date_lines
    )


def test_date_lines_are_read_from_the_body_pass_text_not_from_the_posts() -> None:
    # The posts are rendered without their stamp lines; the body pass's text had them.
    posts = OPENING + REPLIES
    body_pass = [
        *OPENING,
        *(
            line
            for reply, stamp, name in zip(["", *REPLIES], STAMPS, NAMES, strict=True)
            for line in ([reply] if reply else []) + [f"Posted {stamp} by {name}"]
        ),
    ]
    page = Page(source="t", body=b"", fetched_at=FETCHED)
    assert build_article(page, _parsed(posts, None)).published_at is None
    article = build_article(page, _parsed(posts, body_pass))
    assert article.published_at == OPENED
    assert article.text == "\n\n".join(posts)  # the posts stay the body


# Our own text: a county fair's opening day, on an old news page laid out in tables (invented).
FAIR_LEAD = (
    "Thousands of visitors queued at the gates of the county fair on Saturday morning, the "
    "first time the fair has opened on a weekend since the showground was rebuilt."
)
FAIR_PARAS = [
    "The organisers said the gates opened an hour early because the queue reached the car park "
    "before eight, and the first pens of sheep were judged soon after nine.",
    "Farmers from eleven villages entered cattle, sheep and poultry, and the ploughing match on "
    "the lower field drew a larger crowd than the organisers had planned for.",
    "The new grandstand, paid for by the county and a local building society, seated some two "
    "thousand people for the evening show of horses and vintage tractors.",
    "Stallholders in the food hall said they had sold most of their bread and cheese by the "
    "middle of the afternoon, and several had to send for more from their farms.",
    "The county's mounted police led the parade of prize cattle round the main ring at four "
    "o'clock, followed by the pony club and a band from the secondary school.",
]
FAIR_AFTER_QUOTE = (
    "The fair runs until Monday evening, and the organisers have asked visitors who come by "
    "car to use the park-and-ride from the railway station on the other side of town."
)
FAIR_CLOSE = (
    "Tickets can still be bought at the gate, and children under twelve go in free with an "
    "adult, as they have done every year since the fair first opened."
)
FAIR_DATE = datetime(2004, 8, 14, tzinfo=UTC)


def _fair_page() -> bytes:
    """Return an old table-layout news page: the story's lead and one paragraph stand loose."""
    nav = "".join(f"<a href='/n{i}'>Section {i}</a><br>" for i in range(10))
    paras = "".join(f"<p>{p}</p>" for p in FAIR_PARAS)
    return (
        "<html><head><title>Crowds at the county fair</title></head><body>"
        "<table width='780' cellpadding='0'><tr><td colspan='2'><img src='/mast.gif'></td></tr>"
        f"<tr><td width='150' valign='top' class='nav'>{nav}</td>"
        "<td width='630' valign='top'><font face='Arial' size='2'>"
        "<font size='4'><b>Crowds at the county fair</b></font><br>"
        "By a staff reporter<br>Published: 14 August 2004<br>"
        "<table align='left' width='210'><tr><td><img src='/fair.jpg' alt='The showground'>"
        "<br><i>The showground on Saturday</i></td></tr></table>"
        f"{FAIR_LEAD}{paras}"
        "<table align='right' width='180' border='1'><tr><td><b>We ran out of programmes by "
        "ten o'clock</b><br>The fair's secretary</td></tr></table>"
        f"{FAIR_AFTER_QUOTE}<p>{FAIR_CLOSE}</p>"
        "</font></td></tr><tr><td colspan='2'><a href='/contact'>Contact us</a> | "
        "<a href='/archive'>Archive</a></td></tr></table></body></html>"
    ).encode()


def test_loose_prose_in_an_old_layout_cell_is_kept_and_the_date_does_not_move() -> None:
    page = Page(source="t", body=_fair_page(), fetched_at=FETCHED)
    article = extract_article(page)
    assert FAIR_LEAD in article.text
    assert FAIR_AFTER_QUOTE in article.text
    assert all(p in article.text for p in (*FAIR_PARAS, FAIR_CLOSE))
    assert article.published_at == FAIR_DATE
    # Without the loose runs made paragraphs the body loses them; the date stays the same.
    with mock.patch("extractors.layouttables.wrap_loose_text"):
        unwrapped = extract_article(page)
    assert FAIR_LEAD not in unwrapped.text
    assert unwrapped.published_at == FAIR_DATE
