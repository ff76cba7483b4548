"""A quiet week: a digest with no items is one line (and the week's measure status changes)."""

from __future__ import annotations

from html import escape

from extractors.digest.html import CSS
from extractors.digest.markdown import escape_md
from extractors.digest.model import Digest
from extractors.digest.present import plural, week_span, week_title


def is_quiet(digest: Digest) -> bool:
    """Return True when a week has neither new items nor updates to earlier ones."""
    return not digest.new_items and not digest.updates


def quiet_line(digest: Digest) -> str:
    """Return the one sentence a quiet week's digest says."""
    read = plural(len(digest.articles), "article")
    return f"Quiet week. No new items this week. {read} read, none with a new AI-policy signal."


MEASURES_HEADING = "Measure status changes"


def render_quiet_markdown(digest: Digest) -> str:
    """Return a quiet week's digest as Markdown: title, days, one line, then any status changes."""
    text = f"# {week_title(digest)}\n\n_{week_span(digest)}_\n\n{quiet_line(digest)}\n"
    if digest.measure_updates:
        lines = "".join(f"- {escape_md(line)}\n" for line in digest.measure_updates)
        text += f"\n## {MEASURES_HEADING}\n\n{lines}"
    return text


def _measures_html(digest: Digest) -> str:
    """Return the section of the week's measure status changes ('' when none changed)."""
    if not digest.measure_updates:
        return ""
    lines = "".join(f"<li>{escape(line)}</li>" for line in digest.measure_updates)
    return f'<section id="measures"><h2>{MEASURES_HEADING}</h2><ul>{lines}</ul></section>'


def render_quiet_html(digest: Digest) -> str:
    """Return a quiet week's digest as a self-contained HTML page."""
    title = escape(week_title(digest))
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title><style>{CSS}</style></head><body><main>",
            f'<h1>{title}</h1><p class="muted">{escape(week_span(digest))}</p>',
            f"<p>{escape(quiet_line(digest))}</p>",
            _measures_html(digest),
            "</main></body></html>\n",
        ]
    )
