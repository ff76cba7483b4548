"""Render a digest as one self-contained HTML page (inline CSS and SVG, phone friendly)."""

from __future__ import annotations

from html import escape

from extractors.digest.chart import render_chart
from extractors.digest.markdown import MEASURES_HEADING, anchor_of
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

CSS = """
*{box-sizing:border-box}
body{margin:0;padding:12px;font:16px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans",
"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1a202c;background:#fff}
main{max-width:760px;margin:0 auto}
h1{font-size:1.5em;line-height:1.25;margin:.2em 0}
h2{font-size:1.2em;border-bottom:2px solid #e2e8f0;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:1em 0 .3em}
h4{font-size:1em;margin:.8em 0 .3em;color:#4a5568}
.muted{color:#718096;font-size:.9em}
.item{border-left:4px solid #2b6cb0;padding:.2em 0 .2em .7em;margin:1em 0}
.item.update{border-left-color:#a0aec0}
blockquote{margin:.4em 0;padding:.4em .6em;background:#f7fafc;border-radius:4px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .6em;margin:.4em 0;font-size:.92em}
dt{font-weight:600;color:#4a5568}dd{margin:0}
a{color:#2b6cb0;overflow-wrap:anywhere}
ul,ol{padding-left:1.3em}
li{margin:.25em 0;overflow-wrap:anywhere}
.numbers li{font-size:1.02em}
.chart{max-width:520px;display:block}
code{font-size:.85em;overflow-wrap:anywhere}
"""


def _link(article: ArticleRef) -> str:
    label = escape(article.title or article.outlet_label)
    if article.url and article.url.startswith(("http://", "https://")):
        path = (
            f" <code>{escape(article.source)}/{escape(article.path)}</code>" if article.path else ""
        )
        return f'<a href="{escape(article.url, quote=True)}">{label}</a>{path}'
    return f"{label} <code>{escape(article.locator)}</code>"


def _source_line(article: ArticleRef) -> str:
    outlet = escape(article.outlet_label)
    return f"{_link(article)}, {outlet}, {article.day.isoformat()}"


def render_item(item: Item, heading: str = "h3") -> str:
    """Return the HTML of one item."""
    css = "item" if item.is_new else "item update"
    lang = escape(item.evidence_language or "und", quote=True)
    facts = "".join(
        f"<dt>{escape(f.label)}</dt><dd>{escape(f.value)}</dd>" for f in item_facts(item)
    )
    sources = "".join(f"<li>{_source_line(a)}</li>" for a in item.articles)
    return (
        f'<article class="{css}" id="{anchor_of(item)}">'
        f"<{heading}>{item.rank}. {escape(item.headline)}</{heading}>"
        f'<blockquote lang="{lang}">{escape(item.evidence)}</blockquote>'
        f'<div class="muted">{escape(language_name(item.evidence_language))} original</div>'
        f"<dl>{facts}</dl>"
        f"<div>Sources:</div><ul>{sources}</ul></article>"
    )


def _section(digest: Digest, key: str, title: str) -> str:
    items = section_items(digest, key)
    body: list[str] = [f'<section id="{key}"><h2>{escape(title)}</h2>']
    if not items:
        body.append('<p class="muted">Nothing new this week.</p>')
    elif key == "rules":
        for place, group in by_jurisdiction(items):
            body.append(f"<h3>{escape(place)}</h3>")
            body += [render_item(item, "h4") for item in group]
    else:
        body += [render_item(item) for item in items]
    body.append("</section>")
    return "\n".join(body)


def measures_section(digest: Digest) -> str:
    """Return the section of measure status changes (empty when none changed this week)."""
    if not digest.measure_updates:
        return ""
    lines = "".join(f"<li>{escape(line)}</li>" for line in digest.measure_updates)
    return f'<section id="measures"><h2>{MEASURES_HEADING}</h2><ul>{lines}</ul></section>'


def render_html(digest: Digest) -> str:
    """Return the whole digest as a self-contained HTML page (deterministic)."""
    title = escape(week_title(digest))
    numbers = "".join(f"<li>{escape(line)}</li>" for line in headline_numbers(digest))
    top = "".join(
        f'<li><a href="#{anchor_of(i)}">{escape(i.headline)}</a> '
        f'<span class="muted">({plural(i.n_outlets, "outlet")})</span></li>'
        for i in top_items(digest)
    )
    also = "".join(
        f"<li>{escape(i.headline)}" + (f" — {_link(i.articles[0])}" if i.articles else "") + "</li>"
        for i in also_items(digest)
    )
    updates = "\n".join(render_item(i) for i in full_updates(digest)) or (
        '<p class="muted">No updates to earlier items.</p>'
    )
    sources = "".join(
        f"<li>{_source_line(a)}, {escape(language_name(a.language))}</li>" for a in digest.articles
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{CSS}</style></head><body><main>",
        f'<h1>{title}</h1><p class="muted">{escape(week_span(digest))}</p>',
        f'<section id="numbers"><h2>Headline numbers</h2><ul class="numbers">{numbers}</ul>',
        '<h3>Signals per type, last 8 weeks <span class="muted">(this week in orange)</span></h3>',
        render_chart(*chart_series(digest)),
        "</section>",
        '<section id="top"><h2>Top items</h2>',
        f"<ol>{top}</ol>" if top else f'<p class="muted">{escape(empty_top_text(digest))}</p>',
        "</section>",
        *[_section(digest, key, title) for key, title, _ in SECTIONS],
        f'<section id="also"><h2>Also this week</h2><ul>{also}</ul></section>' if also else "",
        f'<section id="updates"><h2>Updates to earlier items</h2>{updates}</section>',
        measures_section(digest),
        '<section id="sources"><h2>Sources</h2>',
        f"<ol>{sources}</ol>" if sources else '<p class="muted">No articles this week.</p>',
        "</section></main></body></html>",
    ]
    return "\n".join(parts) + "\n"
