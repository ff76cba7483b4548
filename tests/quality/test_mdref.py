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


MYST = """(drawers)=
# Drawers
% the photo of the drawers comes later
See {ref}`the lending rules <rules>` and {doc}`keepers`.

```{warning} Sharp edges
:class: dropdown
Carry saws with the guard on.
```

````{tab-set}
```{code-block} python
:linenos:
tools = library.count()
```
````

```{toctree}
:maxdepth: 1
drills
```

```{figure} img/shelf.png
:width: 60%
The shelf by the door.
```

```python
text = "```{note}"
```
"""


def test_myst_directives_and_roles_read_as_their_text(mdref: ModuleType) -> None:
    assert mdref.reference_text(MYST, frozenset({"myst"})).splitlines() == [
        "Drawers",
        "See the lending rules and keepers.",
        "Sharp edges",
        "Carry saws with the guard on.",
        "tools = library.count()",
        "The shelf by the door.",
        'text = "```{note}"',
    ]
    # Without the dialect the same source keeps its directive lines (plain Markdown code).
    assert ":linenos:" in mdref.reference_text(MYST)


def test_containers_keep_their_titles_and_drop_their_markers(mdref: ModuleType) -> None:
    source = (
        "::: tip Book early\nTools go fast in May.\n:::\n\n:::note[Keys]\nAsk the keeper.\n:::\n"
    )
    source += "\n::: warning\nNo ladders in the rain.\n:::\n"
    assert mdref.reference_text(source, frozenset({"containers"})).splitlines() == [
        "Book early",
        "Tools go fast in May.",
        "Keys",
        "Ask the keeper.",
        "No ladders in the rain.",
    ]
    assert ":::" in mdref.reference_text(source)
