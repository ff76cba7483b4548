"""Speed changes of the tenth round give what the code they replace gives."""

from __future__ import annotations

import html
import random

import pytest

from extractors.visibletext import unescape_all

_PIECES = [
    "&amp;",
    "&amp",
    "&ampxyz",
    "&lt;b&gt;",
    "&nbsp;",
    "&#x306E;",
    "&#X41",
    "&#65;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#128;",
    "&notit;",
    "&notin;",
    "&unknownname;",
    "&;",
    "& ",
    "&#;",
    "&#x;",
    "&copy2026",
    "&Eacute;t&eacute;",
    "text",
    " ",
    "\n",
    "&",
    "#",
    ";",
    "x",
    "&" + "a" * 40 + ";",
    "中文",
    "&#20013;&#25991;",
]


@pytest.mark.parametrize("seed", range(20))
def test_unescape_all_equals_html_unescape(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(200):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12)))
        assert unescape_all(text) == html.unescape(text)
    # and again, now that the references are remembered
    assert unescape_all("&ampxyz &#x306E;&amp") == html.unescape("&ampxyz &#x306E;&amp")
