"""A quiet week: a digest with no items is one line (and the week's measure status changes)."""

from __future__ import annotations

from html import escape

from extractors.digest.html import CSS, measures_section
from extractors.digest.markdown import measures_lines
from extractors.digest.model import Digest
from extractors.digest.present import plural, week_span, week_title


def is_quiet(digest: Digest) -> bool:
    """Return True when a week has neither new items nor updates to earlier ones."""
    return not digest.new_items and not digest.updates


def quiet_line(digest: Digest) -> str:
    """Return the one sentence a quiet week's digest says."""
    read = plural(len(digest.articles), "article")
    return f"Quiet week. No new items this week. {read} read, none with a new AI-policy signal."


def render_quiet_markdown(digest: Digest) -> str:
    """Return a quiet week's digest as Markdown: title, days, one line, then any status changes."""
    text = f"# {week_title(digest)}\n\n_{week_span(digest)}_\n\n{quiet_line(digest)}\n"
    section = measures_lines(digest)
    return text + "\n" + "\n".join(section) if section else text


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
            measures_section(digest),
            "</main></body></html>\n",
        ]
    )
