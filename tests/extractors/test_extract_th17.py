"""A mail archive's message page: the body is one preformatted block, kept whole (seventeenth round)."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page
from extractors.verbatim import restore_verbatim, verbatim_lines

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
MESSAGE = """On Tuesday 4 March 2014 09:12:40 Dana Fischer wrote:
&gt; Would the garden committee agree to move the seed swap to the spring fair,
&gt; so that families who only come for the fair can take part as well?

I think moving it is a good idea, and the hall is free on that weekend.
The only thing we would need is a second table near the entrance, because
the fair draws far more people than our usual Saturday morning gathering.
Could someone check with the caretaker whether the folding tables are still
in the storage room behind the stage?

https://example.org/garden/seed-swap/planning-notes

Cheers
Robin
"""
PAGE = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//EN">
<html><head><title> [Garden-list] Seed swap at the spring fair</title></head>
<body>
<h1>[Garden-list] Seed swap at the spring fair</h1>
<b>Robin Meyer</b> <a href="mailto:list">robin at example.org</a><br>
<i>Tue Mar  4 10:02:11 CET 2014</i>
<p><ul>
<li>Previous message: <a href="000120.html">[Garden-list] Compost bins for the new plots</a></li>
<li>Next message: <a href="000122.html">[Garden-list] Seed swap at the spring fair</a></li>
<li><b>Messages sorted by:</b> <a href="date.html">[ date ]</a> <a href="thread.html">[ thread ]</a></li>
</ul>
<hr>
<!--beginarticle-->
<pre>{MESSAGE}</pre>
<!--endarticle-->
<hr>
<p><ul>
<li>Previous message: <a href="000120.html">[Garden-list] Compost bins for the new plots</a></li>
<li>Next message: <a href="000122.html">[Garden-list] Seed swap at the spring fair</a></li>
</ul>
<hr>
<a href="https://example.org/mailman/listinfo/garden-list">More information about the Garden-list
mailing list</a><br>
</body></html>
"""


def test_mail_message_keeps_attribution_link_and_sign_off() -> None:
    text = extract_article(Page(source="t", body=PAGE.encode(), fetched_at=FETCHED)).text
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert lines[0] == "On Tuesday 4 March 2014 09:12:40 Dana Fischer wrote:"
    assert "https://example.org/garden/seed-swap/planning-notes" in lines
    assert lines[-2:] == ["Cheers", "Robin"]
    assert "More information about the Garden-list" not in text
    assert "Previous message" not in text


def test_block_must_make_up_the_body() -> None:
    block = " ".join(("a listing line of some length " * 10).split())
    paras = ["A long article paragraph about something else entirely. " * 20, "a listing line"]
    assert verbatim_lines([block], paras) == frozenset()
    assert verbatim_lines([], paras) == frozenset()


def test_restore_keeps_page_order_and_gives_up_on_rewritten_lines() -> None:
    paras = ["Hi all,", "first line", "second line", "Bye"]
    keep = frozenset(paras)
    assert restore_verbatim(paras, ["first line", "second line"], keep) == paras
    assert restore_verbatim(paras, ["first line (edited)"], keep) == ["first line (edited)"]
