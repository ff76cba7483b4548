"""Signature delimiters, post headers and user cards, the page furniture below a thread."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import html as lxml_html

from extractors.article import extract_article
from extractors.postblock import drop_signatures
from extractors.posts import trim_bylines
from extractors.rows import Page
from extractors.threads import Thread, holds_prose, read_thread

_OPENING = (
    "The ferry timetable for the winter season has been posted at the harbour office, and "
    "the early crossing on weekdays now leaves twenty minutes later than it did in summer."
)
_REPLY = (
    "Thanks for the heads up. I had planned to catch the early boat on Monday, so this "
    "changes my whole morning; I will take the bus to the pier instead of cycling there."
)
_LAST = (
    "The office also said the Sunday service stops entirely in January while the ramp is "
    "repaired, so anyone travelling that month should book the coach link well in advance."
)
_FOOTER = (
    "You cannot start new topics on this board You cannot reply to topics on this board "
    "You cannot edit your posts on this board You cannot vote in polls on this board"
)


def test_a_signature_after_a_delimiter_line_goes_even_in_a_single_post() -> None:
    posts = [
        [_OPENING, "_________________", "Sailing since the last century."],
        [_REPLY],
        [_LAST, "--", "harbour watcher", "posting from the pier"],
    ]
    assert drop_signatures(posts) == [[_OPENING], [_REPLY], [_LAST]]


def test_a_rule_inside_a_post_far_from_its_end_stays() -> None:
    post = [_OPENING, "__________", _REPLY, _LAST, "one", "two", "three", "four"]
    assert drop_signatures([post]) == [post]


def test_user_card_fields_and_a_post_header_with_an_empty_subject_are_trimmed() -> None:
    opened = [
        "Posts: 412",
        "Location: the north pier",
        "Posted: Mon Jan 17, 2005 10:16 am Post subject:",
        _REPLY,
    ]
    assert trim_bylines(opened) == [_REPLY]
    assert trim_bylines(["Posted: Tue Feb 01, 2005 5:04 am Post subject:", "Count me in."]) == [
        "Count me in."
    ]


def test_a_quote_opener_ending_with_a_colon_still_stays() -> None:
    opener = "On Jan 17, 2005 10:16 am, harbourwatcher said:"
    assert trim_bylines([opener, _REPLY]) == [opener, _REPLY]


def test_furniture_below_the_last_post_and_stamps_do_not_count_against_the_posts() -> None:
    thread = Thread([[_OPENING], [_REPLY], [_LAST]], by_schema=False)
    stamp = "Last edited by harbourwatcher on Sun Jan 30, 2005 4:16 am, edited 1 time in total"
    body = "\n".join([_OPENING, stamp, _REPLY, _LAST, _FOOTER])
    assert holds_prose(thread, body)
    # Prose the posts do not hold between them still counts: the body is no thread then.
    assert not holds_prose(thread, "\n".join([_OPENING, _FOOTER, _LAST]))


def _post(number: int, name: str, text: str, signature: str = "") -> str:
    sig = f"<br />_________________<br />{signature}" if signature else ""
    # Laid out as a table board prints a post: card cell, then a header row and the body.
    return f"""
<tr>
  <td class="row1"><span class="name"><a name="{number}"></a><b>{name}</b></span><br />
    <span class="details">Joined: 02 Mar 2004<br />Posts: 31</span><br /></td>
  <td class="row1"><table>
    <tr><td><a href="viewtopic.php?p={number}#{number}">#</a><span class="details">Posted: Wed
      Mar 02, 2005 {number % 12 + 1}:15 pm &nbsp; Post subject: </span></td></tr>
    <tr><td colspan="2"><hr /></td></tr>
    <tr><td><span class="body">{text}{sig}</span></td></tr>
  </table></td>
</tr>
<tr><td colspan="2"><a href="profile.php">Profile</a> <a href="pm.php">PM</a></td></tr>
"""


def test_a_table_board_thread_keeps_every_reply_without_headers_signatures_or_footer() -> None:
    posts = (
        _post(7801, "ferryfan", _OPENING, "Sailing since the last century.")
        + _post(7802, "commuter", _REPLY)
        + _post(7803, "harbourwatcher", _LAST, "Tide tables are my bedtime reading.")
    )
    markup = (
        "<html><head><title>Harbour board :: View topic - Winter ferry times</title></head>"
        '<body><table><tr><td><a class="maintitle" href="viewtopic.php?t=9">'
        "Winter ferry times</a></td></tr></table>"
        f'<table class="forumline">{posts}</table>'
        f'<table><tr><td><span class="small">{_FOOTER}</span></td></tr></table>'
        "</body></html>"
    )
    page = Page("board", markup.encode(), datetime(2026, 1, 1, tzinfo=UTC), "t.html")
    text = extract_article(page).text
    for kept in (_OPENING, _REPLY, _LAST):
        assert kept in text
    for gone in ("Sailing since", "Tide tables", "Posted: Wed", "You cannot start", "Joined:"):
        assert gone not in text


def test_a_signature_box_in_the_body_does_not_keep_it_from_the_posts() -> None:
    motto = (
        "Every harbour has its own weather, and every skipper who ignores it learns that "
        "lesson the expensive way, usually on a Sunday."
    )
    thread = Thread([[_OPENING], [_REPLY], [_LAST]], by_schema=False, signatures=(motto,))
    body = "\n".join([_OPENING, _REPLY, motto, _LAST])
    assert holds_prose(thread, body)
    assert not holds_prose(Thread(thread.posts, by_schema=False), body)


def test_signature_boxes_are_found_by_their_class() -> None:
    motto = "Tide tables are my bedtime reading, and the almanac my breakfast."
    markup = "".join(
        f'<div id="p{100 + i}" class="post"><span class="when">Mar 0{i + 1}, 2005 4:1{i} pm</span>'
        f'<div class="content">{text}</div><div class="signature">{motto}</div></div>'
        for i, text in enumerate([_OPENING, _REPLY, _LAST])
    )
    tree = lxml_html.fromstring(f"<html><body>{markup}<div class='design'>x</div></body></html>")
    thread = read_thread(tree, "")
    assert thread is not None and thread.signatures == (motto,)
