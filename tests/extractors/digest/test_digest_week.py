"""The digest of one stored week: items, new vs update, ranking, rows and files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import storage.read as read
from extractors.digest import build_digest
from extractors.exceptions import ConfigError
from extractors.rows import DigestItem
from flows.digest import DigestResult, write_digest
from storage.store import Store


def by_type(result: DigestResult) -> dict[str, list[DigestItem]]:
    """Return the rows of a result by signal type."""
    out: dict[str, list[DigestItem]] = {}
    for row in result.rows:
        out.setdefault(row.signal_type, []).append(row)
    return out


def test_same_event_from_several_articles_is_one_item_with_all_sources(history_data: Path) -> None:
    result = write_digest(str(history_data), "2025-W02")
    ms = [r for r in result.rows if "Microsoft" in r.actors]
    assert len(ms) == 1
    item = ms[0]
    assert item.n_articles == 3
    assert item.n_outlets == 2  # the Yahoo near-duplicate counts once
    assert item.is_new and item.first_seen == date(2025, 1, 7)
    assert item.amount_usd is not None and abs(item.amount_usd - 80e9) / 80e9 < 0.02
    assert "Microsoft" in item.headline and "$80" in item.headline
    assert "https://example.com/ms?a=1&b=2" in result.markdown
    assert "ms-zh.txt" in result.markdown


def test_earlier_items_become_updates(history_data: Path) -> None:
    result = write_digest(str(history_data), "2025-W02")
    capex = {r.actors[0]: r for r in by_type(result)["investment_capex"]}
    assert not capex["Amazon"].is_new
    assert capex["Amazon"].first_seen == date(2024, 12, 10)
    assert not capex["OpenAI"].is_new  # same type, actor and amount within 2%
    assert capex["OpenAI"].first_seen == date(2024, 12, 20)
    assert result.n_updates == 2
    updates = result.markdown.split("## Updates to earlier items", 1)[1]
    top = result.markdown.split("## Top items", 1)[1].split("\n## ", 1)[0]
    assert "Amazon" in updates and "Amazon" not in top


def test_ranking_puts_binding_government_measures_over_commentary(history_data: Path) -> None:
    result = write_digest(str(history_data), "2025-W02")
    ranks = {r.signal_type: r.rank for r in result.rows if r.is_new}
    assert [r.rank for r in result.rows] == list(range(1, len(result.rows) + 1))
    assert ranks["export_control"] < ranks["policy_statement"]
    assert ranks["investment_capex"] < ranks["policy_statement"]
    assert all(r.is_new for r in result.rows[: result.n_new])


def test_undated_articles_count_by_fetch_day(history_data: Path) -> None:
    utc = write_digest(str(history_data), "2025-W02")
    assert "cloud_compute_kyc" in by_type(utc)


def test_weeks_follow_the_timezone(history_data: Path) -> None:
    utc = write_digest(str(history_data), "2025-W02")
    assert "government_ai_budget" in by_type(utc)
    shanghai = write_digest(str(history_data), "2025-W02", timezone="Asia/Shanghai")
    assert "government_ai_budget" not in by_type(shanghai)
    next_week = write_digest(str(history_data), "2025-W03", timezone="Asia/Shanghai")
    budget = by_type(next_week)["government_ai_budget"][0]
    assert "CNY 10 billion" in next_week.markdown
    assert budget.amount_usd == pytest.approx(1.37e9)


def test_rewriting_a_week_replaces_its_rows(history_data: Path) -> None:
    store = Store(history_data)
    stale = DigestItem(
        "2025-W02", "stale", 1, "x", "Stale", [], [], None, 1, 1, date(2025, 1, 6), True, [], []
    )
    store.write_rows("digest_items", [stale], replace_groups=["2025-W02"])
    first = write_digest(str(history_data), "2025-W02")
    write_digest(str(history_data), "2025-W02")
    table = pq.read_table(history_data / "digest_items").to_pylist()
    week = [r for r in table if r["week"] == "2025-W02"]
    assert sorted(r["item_id"] for r in week) == sorted(r.item_id for r in first.rows)
    assert (history_data / "digest_items" / "year=2025").is_dir()
    assert not (history_data / "digest_items" / "year=2024").exists()  # updates first seen in 2024


def test_output_is_deterministic(history_data: Path) -> None:
    first = write_digest(str(history_data), "2025-W02")
    md, html = first.markdown_path.read_bytes(), first.html_path.read_bytes()
    second = write_digest(str(history_data), "2025-W02")
    assert second.markdown_path.read_bytes() == md
    assert second.html_path.read_bytes() == html
    assert second.markdown_path == history_data / "digests" / "2025-W02" / "digest.md"


def test_html_is_escaped_and_self_contained(history_data: Path) -> None:
    html = write_digest(str(history_data), "2025-W02").html_path.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<svg" in html and 'name="viewport"' in html
    assert not re.search(r"<(link|img|script|iframe)\b", html)
    assert not re.search(r"\bsrc=|@import|url\(", html)
    for section in ("Headline numbers", "Top items", "Security &amp; trade controls", "Sources"):
        assert section in html


def test_reads_only_the_partitions_of_the_week(
    history_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    far = history_data / "articles" / "year=2023" / "month=05"
    far.mkdir(parents=True)
    (far / "part-corrupt.parquet").write_bytes(b"not parquet")
    seen: list[str] = []
    original = read.scan_partitions

    def spy(root: object, table: str, partitions: list[str]) -> object:
        seen.extend(f"{table}/{p}" for p in partitions)
        return original(root, table, partitions)  # type: ignore[arg-type]

    monkeypatch.setattr(read, "scan_partitions", spy)
    inp = read.read_week(history_data, "2025-W02", lookback_weeks=4)
    assert len(inp.mentions) >= 8
    assert "articles/year=2023/month=05" not in seen
    assert {p.split("/", 1)[1] for p in seen} <= {
        "year=2024/month=11",
        "year=2024/month=12",
        "year=2025/month=01",
        "year=0000/month=00",
    }
    assert build_digest(inp, similar=None).new_items


def test_empty_week_and_bad_week(data_dir: Path) -> None:
    result = write_digest(str(data_dir), "2025-W10")
    assert result.rows == []
    assert "No new items this week." in result.markdown
    with pytest.raises(ConfigError):
        write_digest(str(data_dir), "2025-10")
