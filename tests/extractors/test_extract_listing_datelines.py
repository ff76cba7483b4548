"""A log printed in a code listing keeps its dated lines: they are code, not date lines."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.rows import Page

# Our own words: a note on running a nightly backup job, with the job's own log.
PARA = (
    "The backup job runs every night and copies the orchard records to a second disk, and the "
    "log below is what it printed on the first night after we moved it to the new server."
)
AFTER = (
    "Each line of the log starts with the time the step began, so a slow step is easy to find "
    "when the job takes longer than the hour it is given."
)
LOG = [
    "2023-01-06 14:21:45 [info] using region north-1",
    "2023-01-06 14:21:47 [info] copying 412 records to the second disk",
    "2023-01-06 14:22:03 [info] done in 18 seconds",
]


def _page() -> bytes:
    """Return a blog post dated in its meta, with the log in a <pre>."""
    log = "\n".join(LOG)
    return (
        "<html><head><title>The nightly backup</title>"
        "<meta property='article:published_time' content='2024-03-02T09:00:00+00:00'></head>"
        f"<body><article><h1>The nightly backup</h1><p>{PARA}</p><pre><code>{log}</code></pre>"
        f"<p>{AFTER}</p></article></body></html>"
    ).encode()


def test_a_logs_dated_lines_stay_and_do_not_date_the_page() -> None:
    page = Page(source="t", body=_page(), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    article = extract_article(page)
    assert all(line in article.text for line in LOG)
    assert article.published_at == datetime(2024, 3, 2, 9, 0, tzinfo=UTC)
