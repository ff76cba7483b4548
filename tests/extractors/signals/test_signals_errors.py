"""A detector failure is loud: SignalError from detect_signals, a counted error on the run."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from articlekit import make_article

import extractors.signals.detect as detect_module
from extractors.exceptions import SignalError
from extractors.pipeline import process_page
from extractors.rows import Page
from extractors.signals import detect_signals
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import SourceStats, Window


def _boom(*_: object, **__: object) -> list[object]:
    raise ZeroDivisionError("detector bug")


def test_a_detector_bug_raises_signal_error_not_an_empty_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = make_article("微软计划投入800亿美元建设AI数据中心。")
    assert detect_signals(article)  # the article has signals when the detector works
    monkeypatch.setattr(detect_module, "_detect", _boom)
    with pytest.raises(SignalError, match="ZeroDivisionError: detector bug"):
        detect_signals(article)


def test_the_pipeline_keeps_the_article_and_reports_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = Page(
        source="s",
        body="<html><head><title>AI</title></head><body><article><p>"
        "微软计划在2025财年投入约800亿美元建设AI数据中心，用于训练人工智能模型。</p></article></body></html>".encode(),
        fetched_at=datetime(2025, 1, 5, tzinfo=UTC),
        path="a.html",
        content_type="text/html",
        timezone="Asia/Shanghai",
    )
    fine = process_page(page)
    assert fine.article is not None and fine.signals and fine.signal_error is None
    monkeypatch.setattr(detect_module, "_detect", _boom)
    broken = process_page(page)
    assert broken.article is not None and broken.signals == []
    assert broken.signal_error is not None and "ZeroDivisionError" in broken.signal_error
    assert broken.reject is None


def test_the_ingest_summary_has_a_signal_error_counter() -> None:
    row = SourceStats("s", "directory", signal_errors=2).as_row()
    assert row["signal_errors"] == 2


def test_an_ingest_run_counts_and_logs_detector_errors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(2):
        (pages / f"p{n}.html").write_text(
            "<html><head><title>AI</title></head><body><article><p>"
            f"微软计划在2025财年投入约{800 + n}亿美元建设AI数据中心，用于训练人工智能模型。"
            "</p></article></body></html>",
            encoding="utf-8",
        )
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[sources]]\nname = "p"\nkind = "directory"\npath = "{pages}"\n')
    monkeypatch.setattr(detect_module, "_detect", _boom)  # small runs extract inline
    with caplog.at_level(logging.ERROR, logger="policy_radar.ingest"):
        (stats,) = run_ingest(load_sources(toml), str(tmp_path / "data"), Window())
    assert stats.signal_errors == 2 and stats.new_articles == 2 and stats.new_signals == 0
    assert sum("signal detection failed" in r.getMessage() for r in caplog.records) == 2
