"""Static-site post sources and note exports: Hexo/Logseq headers, template tags, Markdown blocks."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.formats import looks_html, parse_document, parse_front_matter
from extractors.repair import join_wrapped_lines
from extractors.rows import Page
from extractors.sitetemplates import strip_site_templates

FETCHED = datetime(2026, 12, 3, tzinfo=UTC)

HEXO_OPEN = """title: Why the tram line was rerouted
date: 2019-05-06 08:30:00
tags:
- transport
- city
---
The council moved the tram line two streets east after the spring consultation closed.

<!-- more -->

Residents had asked for a stop nearer the market, and the new route gives them one.
"""

JEKYLL_POST = """---
layout: post
title: Counting the votes again
date: 2021-03-14
---
I recounted the ballots from the district results with a short script, and the totals held up.

{% highlight R %}
totals <- aggregate(votes ~ party, data = ballots, FUN = sum)
print(totals)
{% endhighlight %}

The script is in the [project folder]({{ site.baseurl }}/code/recount.R) with its data,
and an [older post]({{< relref "/posts/first-count.md" >}}) explains the first count.

{{< figure src="chart.png" caption="Votes by party" >}}
"""

LOGSEQ_PAGE = """title:: Notes on a river survey (highlights)
author:: [[Field Notes Weekly]]
url:: https://notes.example.org/river-survey
category:: #articles

- Highlights first synced by the reader app on the first of March 2024, from the article page
\t- The survey counted fish at twelve points along the river over two summers of work.
\t- Numbers rose where the old weir had been taken out by the water board that year.
"""


def page(text: str, name: str) -> Page:
    return Page(source="own", body=text.encode(), fetched_at=FETCHED, path=name)


def test_hexo_front_matter_without_its_opening_fence_is_metadata() -> None:
    split = parse_front_matter(HEXO_OPEN)
    assert split is not None
    data, body = split
    assert data["title"] == "Why the tram line was rerouted"
    assert data["tags"] == ["transport", "city"]
    assert body.startswith("The council moved")
    article = extract_article(page(HEXO_OPEN, "2019-05-06-tram.md"))
    assert article.title == "Why the tram line was rerouted"
    assert "title:" not in article.text and "tags:" not in article.text


def test_a_setext_heading_is_not_fence_less_front_matter() -> None:
    text = "Summary: the plan in short\n---\nThe plan has three parts and a budget.\n"
    assert parse_front_matter(text) is None


def test_template_tags_go_and_tag_code_blocks_become_code() -> None:
    article = extract_article(page(JEKYLL_POST, "2021-03-14-recount.md"))
    assert article.title == "Counting the votes again"
    for residue in ("{%", "{{", "](", "highlight"):
        assert residue not in article.text
    assert "project folder" in article.text and "older post" in article.text
    assert "totals <- aggregate" in article.text


def test_template_tags_inside_a_markdown_code_fence_are_code() -> None:
    text = "Intro.\n\n```\n{{ user_name }} and {% if x %}\n```\n\nAfter {{ site.title }} text.\n"
    out = strip_site_templates(text, html=False)
    assert "{{ user_name }} and {% if x %}" in out
    assert "After  text." in out


def test_html_post_source_code_tags_become_pre_blocks() -> None:
    text = "<p>Run this:</p>\n{% highlight python %}\nprint(1)\n{% endhighlight %}\n<p>Done.</p>"
    assert "<pre><code>\nprint(1)\n</code></pre>" in strip_site_templates(text, html=True)


def test_a_page_without_front_matter_keeps_its_braces() -> None:
    text = "A note on templates\n\nWrite {{ name }} where the name goes in the letter text.\n"
    assert "{{ name }}" in parse_document(text).body


def test_markdown_with_a_few_line_break_tags_stays_markdown() -> None:
    lines = [
        "# Setting up the tool",
        "",
        "See [the guide](https://example.org/guide) first.",
        "",
        "| step | note |",
        "| --- | --- |",
    ]
    lines += [f"| {i} | first<br>second |" for i in range(4)]
    lines += ["", "## Next", "", "```", "run --fast", "```", ""]
    assert not looks_html("\n".join(lines))
    assert looks_html("<p>One</p>\n<p>Two</p>\n<p>Three</p>\n")


def test_link_text_with_brackets_is_unwrapped() -> None:
    text = "---\ntitle: T\n---\n\n1. [[Study of river fish].](https://example.org/a) - a journal\n"
    assert "](" not in parse_document(text).body
    assert "[Study of river fish]." in parse_document(text).body


def test_a_heading_is_its_own_paragraph() -> None:
    text = (
        "---\ntitle: Daily digest\n---\n\n"
        "### 1. A long heading about a new phone model that the maker showed this week\n"
        "Filed under: phones and tablets\n"
    )
    # (A stamp line, "Posted: Mon, 01 Jan 2024", would leave the body as a date line.)
    article = extract_article(page(text, "digest.md"))
    assert "this week\n\nFiled under:" in article.text


def test_nested_list_items_are_not_joined_as_wrapped_lines() -> None:
    block = (
        "- A first point that is long enough to look like a wrapped line of text\n"
        "\t- A second point under it"
    )
    assert len(join_wrapped_lines(block)) == 2


def test_logseq_page_properties_are_metadata() -> None:
    doc = parse_document(LOGSEQ_PAGE)
    assert doc.meta["title"] == "Notes on a river survey (highlights)"
    assert doc.meta["author"] == "Field Notes Weekly"
    assert doc.meta["url"] == "https://notes.example.org/river-survey"
    assert "title::" not in doc.body


def test_a_markdown_link_author_is_the_name() -> None:
    text = (
        '---\ntitle: T\nauthor: "[Ana Ruiz](https://example.org/ana)"\ndate: 2020-01-02\n---\nB.\n'
    )
    assert parse_document(text).meta["author"] == "Ana Ruiz"
    assert parse_document(text).meta["date"] == dt.date(2020, 1, 2)


def test_a_code_block_is_kept_as_written() -> None:
    text = (
        "---\ntitle: T\n---\n\nThe helper takes keyword arguments.\n\n"
        "```python\ndef call(*args, **kwargs):\n    return [x](y) or '<div>'\n```\n"
    )
    body = parse_document(text).body
    assert "def call(*args, **kwargs): return [x](y) or '<div>'" in body


def test_reference_links_and_footnotes_show_their_text() -> None:
    text = (
        "---\ntitle: T\n---\n\n"
        "The [survey report][report] counted the fish twice.[^1] See also [the map][].\n\n"
        '[report]: https://example.org/report "The report"\n'
        "[the map]: <https://example.org/map>\n\n"
        "[^1]: The second count was in August.\n\n"
        "In code terms `grid[i][j]` is a cell.\n"
    )
    body = parse_document(text).body
    assert "The survey report counted the fish twice. See also the map." in body
    assert "https://example.org" not in body
    assert "The second count was in August." in body and "[^" not in body
    assert "grid[i][j]" in body
