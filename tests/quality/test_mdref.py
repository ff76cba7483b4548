"""The sg35 reference rule: a Markdown page source as plain text (benchmarks/mdref.py)."""

from __future__ import annotations

from types import ModuleType

import pytest
from scriptkit import load_benchmark


@pytest.fixture(scope="module")
def mdref() -> ModuleType:
    """Return benchmarks/mdref.py as a module."""
    return load_benchmark("mdref")


SOURCE = """---
title: "Pruning the plum tree"
slug: plum-pruning
tags: [garden]
---

Late winter is the time to prune a plum, before the buds {{ site.season }} swell.
{% include toc.html %}

## Tools

Use [a clean saw](https://example.org/saw) and ![a photo of the saw](saw.png) sharp shears.
{: .note}
<!-- remember to add the ladder photo -->

{% highlight python %}
cuts = [branch for branch in tree if branch.crossing()]  # <one> per branch
{% endhighlight %}

{{< figure src="plum.jpg" >}}
!!! tip "Keep the cuts small"
    A small cut heals before the sap runs.

| Month | Task |
|-------|------|
| March | Prune |
"""


def test_reference_keeps_the_body_text_code_links_and_tables(mdref: ModuleType) -> None:
    text = mdref.reference_text(SOURCE)
    assert text.splitlines()[:3] == [
        "Late winter is the time to prune a plum, before the buds swell.",
        "Tools",
        "Use a clean saw and sharp shears.",
    ]
    assert "cuts = [branch for branch in tree if branch.crossing()] # <one> per branch" in text
    assert "Keep the cuts small" in text
    assert "A small cut heals before the sap runs." in text
    assert "Month\nTask\nMarch\nPrune" in text


def test_reference_drops_front_matter_tags_comments_images_and_attribute_lists(
    mdref: ModuleType,
) -> None:
    text = mdref.reference_text(SOURCE)
    for gone in ("Pruning the plum tree", "slug", "site.season", "include", "toc.html", "photo"):
        assert gone not in text
    for gone in ("{:", ".note", "figure", "plum.jpg", "!!!", "tip", "ladder", "highlight"):
        assert gone not in text


def test_front_matter_reads_top_level_scalars_and_toml_blocks(mdref: ModuleType) -> None:
    assert mdref.front_matter(SOURCE)["slug"] == "plum-pruning"
    toml = '+++\ntitle = "Hedges"\npermalink = "/notes/hedges/"\n+++\nTrim the hedge in June.\n'
    assert mdref.front_matter(toml) == {"title": "Hedges", "permalink": "/notes/hedges/"}
    assert mdref.strip_front_matter(toml) == "Trim the hedge in June.\n"
    assert mdref.front_matter("No front matter here.\n---\n") == {}
