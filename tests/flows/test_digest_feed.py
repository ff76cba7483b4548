"""The digest flow keeps DATA/digests/feed.xml: one entry per week with items, idempotent."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from digest_rows import Rows, write_history
from typer.testing import CliRunner

from extractors.exceptions import ConfigError
from extractors.tracker import entry_id
from flows.cli import app
from flows.digest import write_digest, write_week
from flows.params import check_digest
from storage.digests import feed_path

WEEKS = ["2024-W50", "2024-W51", "2025-W01", "2025-W02"]  # 2025-W01 has no articles


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return DATA holding the digest tests' small history around 2025-W02."""
    monkeypatch.delenv("RADAR_FEED_BASE_URL", raising=False)
    data = tmp_path / "data"
    data.mkdir()
    return write_history(data, Rows())


def test_each_digest_run_refreshes_the_feed_of_all_weeks(history: Path) -> None:
    results = {week: write_digest(str(history), week) for week in WEEKS}
    assert not results["2025-W01"].rows, "a quiet week"
    xml = feed_path(history).read_text(encoding="utf-8")
    assert results["2025-W02"].feed_location == str(feed_path(history))
    feed = feedparser.parse(xml)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [e.id for e in feed.entries] == [
        entry_id("2025-W02"),
        entry_id("2024-W51"),
        entry_id("2024-W50"),
    ], "newest first; the quiet week has no entry"
    assert [e.link for e in feed.entries] == [
        f"{w}/digest.html" for w in ("2025-W02", "2024-W51", "2024-W50")
    ]
    for entry in feed.entries:
        assert (feed_path(history).parent / entry.link).is_file(), "links resolve beside feed.xml"
    w02 = results["2025-W02"]
    n_new = sum(r.is_new for r in w02.rows)
    n_articles = len({a for r in w02.rows for a in r.article_ids})
    numbers = f"{len(w02.rows)} items ({n_new} new, {len(w02.rows) - n_new} updates) from {n_articles} articles"
    assert numbers in feed.entries[0].summary
    top = min(w02.rows, key=lambda r: r.rank)
    assert f"<li>{top.headline}</li>" in feed.entries[0].summary


def test_rerunning_a_week_or_a_quiet_week_leaves_the_feed_byte_identical(history: Path) -> None:
    for week in WEEKS:
        write_digest(str(history), week)
    before = feed_path(history).read_bytes()
    write_digest(str(history), "2025-W02")
    assert feed_path(history).read_bytes() == before
    write_digest(str(history), "2025-W01")
    write_digest(str(history), "2025-W03")  # another quiet week: no entry, no change
    assert feed_path(history).read_bytes() == before


def test_base_url_from_the_setting_or_the_request(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_FEED_BASE_URL", "https://radar.example.org/digests")
    write_digest(str(history), "2024-W50")
    feed = feedparser.parse(feed_path(history).read_text(encoding="utf-8"))
    assert feed.entries[0].link == "https://radar.example.org/digests/2024-W50/digest.html"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        "https://radar.example.org/digests/feed.xml"
    ]
    request = check_digest("2024-W51", None, feed_base_url="https://other.example/d/")
    write_week(request, str(history))
    feed = feedparser.parse(feed_path(history).read_text(encoding="utf-8"))
    assert {e.link.split("/20")[0] for e in feed.entries} == {"https://other.example/d"}


def test_a_bad_base_url_is_a_clear_config_error(history: Path) -> None:
    with pytest.raises(ConfigError, match="absolute http"):
        check_digest("2025-W02", None, feed_base_url="radar.example.org")
    result = CliRunner().invoke(
        app, ["digest", "--week", "2025-W02", "--data", str(history), "--feed-base-url", "x/y"]
    )
    assert result.exit_code == 2
    assert "error:" in result.stderr and "feed base URL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not feed_path(history).exists()
