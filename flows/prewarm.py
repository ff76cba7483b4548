"""Preloaded by the extraction forkserver and by Dask workers: loads the models once, up front."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.pipeline import process_pages
from extractors.rows import Page

_SAMPLE = (
    "<html><head><title>warm-up</title></head><body><article><h1>Warm-up</h1>"
    "<p>The Commerce Department announced new export controls on AI chips worth $1 billion.</p>"
    "<p>国务院发布人工智能行动计划，投资约800亿元人民币。</p>"
    "<p>數位發展部表示將推動人工智慧產業發展。</p></article></body></html>"
)


def warm_up() -> None:
    """Run one small page through the whole pipeline so lazy resources are loaded."""
    page = Page(
        source="warm-up",
        body=_SAMPLE.encode(),
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        path="warm-up.html",
    )
    process_pages([page])


warm_up()
