"""A post's metadata boxes named in camelCase ("messageUserInfo") stay out of its text."""

from __future__ import annotations

from lxml import html as lxml_html

from extractors.postrender import is_meta_class, render_paragraphs
from extractors.posts import repeated_posts

_REPLIES = [
    "The ferry to the island leaves at nine on weekdays and at ten on Sundays.",
    "Buy the return ticket on board, the kiosk at the pier closes at eight.",
    "In winter the last boat back leaves at four, so plan the walk around it.",
    "Bikes travel free, but the crew asks you to wait until the cars are on.",
]


def _post(number: int, member: str, text: str) -> str:
    # The layout of a common board engine: the member's card beside the message, each a box
    # whose class is written in camelCase.
    return (
        f'<li id="post-{number}" class="message">'
        f'<div class="messageUserInfo"><h3 class="userText">{member} <em>Regular</em></h3>'
        '<div class="extraUserInfo"><dl><dt>Joined:</dt><dd>Mar 8, 2010</dd></dl>'
        "<dl><dt>Messages:</dt><dd>7,102</dd></dl></div></div>"
        f'<div class="messageInfo"><div class="messageContent"><blockquote class="messageText">'
        f"{text}</blockquote></div></div></li>"
    )


def test_camel_case_words_of_a_class_name_a_metadata_box() -> None:
    assert is_meta_class("messageUserInfo")
    assert is_meta_class("extraUserInfo")
    assert is_meta_class("postAuthor details")
    assert is_meta_class("user-info")
    assert not is_meta_class("messageContent")
    assert not is_meta_class("messageText ugc")
    assert not is_meta_class("unvoted")
    assert not is_meta_class("Authority")


def test_a_posts_camel_case_member_card_is_not_its_text() -> None:
    post = lxml_html.fromstring(_post(1, "harbourfan", _REPLIES[0]))
    assert render_paragraphs(post) == [_REPLIES[0]]


def test_a_thread_of_such_posts_reads_the_messages_alone() -> None:
    posts = "".join(_post(100 + i, f"member{i}", text) for i, text in enumerate(_REPLIES))
    markup = f'<html><body><ol class="messageList">{posts}</ol></body></html>'
    found = repeated_posts(lxml_html.fromstring(markup))
    assert found is not None
    assert found[0] == [[text] for text in _REPLIES]
