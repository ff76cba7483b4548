"""Render a digest as Markdown (the file and the Prefect artifact)."""

from __future__ import annotations

import re

from extractors.digest.headline import type_label
from extractors.digest.model import ArticleRef, Digest, Item
from extractors.digest.present import (
    also_items,
    by_jurisdiction,
    chart_series,
    empty_top_text,
    full_updates,
    headline_numbers,
    item_facts,
    language_name,
    plural,
    section_items,
    top_items,
    week_span,
    week_title,
)
from extractors.digest.sections import SECTIONS

MEASURES_HEADING = "Measure status changes"

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape_md(text: str) -> str:
    """Return text with Markdown syntax escaped and whitespace collapsed to one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def quote_url(url: str) -> str:
    """Return a URL safe inside a Markdown angle-bracket link."""
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def anchor_of(item: Item) -> str:
    """Return the anchor name of an item."""
    return f"item-{item.item_id[:12]}"


def _source_link(article: ArticleRef) -> str:
    label = escape_md(article.title or article.outlet_label)
    local = f"{article.source}/{article.path}".replace("`", "") if article.path else ""
    path = f" (`{local}`)" if local else ""
    if article.url and article.url.startswith(("http://", "https://")):
        return f"[{label}](<{quote_url(article.url)}>){path}"
    return f"{label} (`{article.locator.replace('`', '')}`)"


def render_item(item: Item, level: str = "###") -> list[str]:
    """Return the Markdown lines of one item."""
    lines = [f'{level} <a id="{anchor_of(item)}"></a>{item.rank}. {escape_md(item.headline)}', ""]
    lines.append(f"> {escape_md(item.evidence)}")
    lines.append(f"> ({language_name(item.evidence_language)} original)")
    lines.append("")
    lines += [f"- **{fact.label}:** {escape_md(fact.value)}" for fact in item_facts(item)]
    sources = "; ".join(
        f"{_source_link(a)}, {escape_md(a.outlet_label)}, {a.day.isoformat()}"
        for a in item.articles
    )
    lines += [f"- **Sources:** {sources}", ""]
    return lines


def render_chart_table(digest: Digest) -> list[str]:
    """Return the 8-week signals-per-type table."""
    weeks, series = chart_series(digest)
    if not series:
        return ["No signals in the last 8 weeks.", ""]
    head = "| Type | " + " | ".join(w[-3:] for w in weeks) + " |"
    lines = [head, "|---|" + "---:|" * len(weeks)]
    lines += [
        f"| {type_label(t)} | " + " | ".join(str(c) for c in counts) + " |" for t, counts in series
    ]
    return [*lines, ""]


def render_markdown(digest: Digest) -> str:
    """Return the whole digest as Markdown (deterministic)."""
    lines = [f"# {week_title(digest)}", "", f"_{week_span(digest)}_", "", "## Headline numbers", ""]
    lines += [f"- {escape_md(line)}" for line in headline_numbers(digest)]
    lines += ["", "## Top items", ""]
    top = top_items(digest)
    if not top:
        lines.append(empty_top_text(digest))
    for item in top:
        lines.append(
            f"{item.rank}. [{escape_md(item.headline)}](#{anchor_of(item)}) "
            f"({plural(item.n_outlets, 'outlet')})"
        )
    lines.append("")
    for key, title, _ in SECTIONS:
        items = section_items(digest, key)
        lines += [f"## {title}", ""]
        if not items:
            lines += ["Nothing new this week.", ""]
        elif key == "rules":
            for place, group in by_jurisdiction(items):
                lines += [f"### {escape_md(place)}", ""]
                for item in group:
                    lines += render_item(item, "####")
        else:
            for item in items:
                lines += render_item(item)
    also = also_items(digest)
    if also:
        lines += ["## Also this week", ""]
        for item in also:
            first = item.articles[0] if item.articles else None
            where = f" — {_source_link(first)}" if first else ""
            lines.append(f"- {escape_md(item.headline)}{where}")
        lines.append("")
    lines += ["## Updates to earlier items", ""]
    if not digest.updates:
        lines += ["No updates to earlier items.", ""]
    elif not full_updates(digest):
        lines += ["Listed under Also this week.", ""]
    for item in full_updates(digest):
        lines += render_item(item)
    lines += measures_lines(digest)
    lines += ["## Signals per type, last 8 weeks", ""]
    lines += render_chart_table(digest)
    lines += ["## Sources", ""]
    if not digest.articles:
        lines += ["No articles this week.", ""]
    for n, article in enumerate(digest.articles, start=1):
        lines.append(
            f"{n}. {_source_link(article)}, {escape_md(article.outlet_label)}, "
            f"{article.day.isoformat()}, {language_name(article.language)}"
        )
    return "\n".join(lines).rstrip() + "\n"


def measures_lines(digest: Digest) -> list[str]:
    """Return the Markdown section of measure status changes (no lines when none changed)."""
    if not digest.measure_updates:
        return []
    items = [f"- {escape_md(line)}" for line in digest.measure_updates]
    return [f"## {MEASURES_HEADING}", "", *items, ""]
