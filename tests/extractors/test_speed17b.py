"""Forum-page speed cuts (sp17b) find what the full walks found."""

from __future__ import annotations

from lxml import html as lxml_html

from extractors.posts import _stamp
from extractors.threads import _signatures

LINE = "Sent from the allotment shed, where the seed trays live"


def test_signature_classes_are_found_in_any_letter_case() -> None:
    # The class walk keeps only values holding "sig" once folded (ſ, İ and ı included).
    tree = lxml_html.fromstring(
        "<div>"
        f'<p class="PostSİG">{LINE} one</p><p class="ſig box">{LINE} two</p>'
        f'<p class="sıgnature">{LINE} three</p><p class="design">{LINE} four</p>'
        "</div>"
    )
    assert _signatures(tree) == (f"{LINE} one", f"{LINE} two", f"{LINE} three")


def test_a_post_stamp_is_found_by_time_tag_class_or_id() -> None:
    by_time = lxml_html.fromstring("<div><p>hello there</p><span><time>now</time></span></div>")
    by_class = lxml_html.fromstring('<div><p>hello there</p><span class="post-date">x</span></div>')
    by_id = lxml_html.fromstring('<div><p>hello there</p><span id="postdate">x</span></div>')
    plain = lxml_html.fromstring("<div><p>hello there</p><span>x</span></div>")
    assert _stamp(by_time) == _stamp(by_class) == _stamp(by_id) != 0
    assert _stamp(plain) == 0
