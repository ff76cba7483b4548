"""Flow parameters checked once, in the caller's words; run summaries; settings (no server)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.encoders import jsonable_encoder

from extractors.exceptions import ConfigError
from flows.ingest import describe
from flows.params import (
    as_flag,
    check_backfill,
    check_digest,
    check_ingest,
    refuse,
)
from flows.runtime import BackfillReport, DigestLink, add_rows, source_table, week_key
from flows.settings import data_location, sources_location
from flows.sources import SourceStats

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "sources.toml"


def test_messages_name_parameters_in_the_ui_and_flags_on_the_command_line() -> None:
    """The same check says `since` to a UI user and `--since` to a CLI user."""
    late, early = date(2025, 2, 1), date(2025, 1, 1)
    with pytest.raises(ConfigError, match=r"^since 2025-02-01 is after until 2025-01-01$"):
        check_ingest(EXAMPLES, None, late, early)
    with pytest.raises(ConfigError, match=r"^--since 2025-02-01 is after --until 2025-01-01$"):
        check_ingest(EXAMPLES, None, late, early, as_flag)
    with pytest.raises(ConfigError, match=r"^--window-days must be between 1 and 366, got 0$"):
        check_backfill(early, late, EXAMPLES, window_days=0, names=as_flag)
    with pytest.raises(ConfigError, match=r"^a backfill needs both since and until$"):
        check_backfill(None, late, EXAMPLES)


def test_checked_requests_carry_typed_values() -> None:
    """A backfill request holds its sources, windows in order, weeks and timezone."""
    request = check_backfill(
        date(2025, 1, 5), date(2025, 1, 26), EXAMPLES, ["samples-en"], 7, "Asia/Shanghai"
    )
    assert [s.name for s in request.ingest.sources] == ["samples-en"]
    assert request.windows[0] == (date(2025, 1, 5), date(2025, 1, 11))
    assert request.windows[-1] == (date(2025, 1, 26), date(2025, 1, 26))
    assert request.weeks == ("2025-W01", "2025-W02", "2025-W03", "2025-W04")
    assert request.timezone == "Asia/Shanghai"
    with pytest.raises(ConfigError, match="unknown source"):
        check_ingest(EXAMPLES, ["ghost"])
    with pytest.raises(ConfigError, match="unknown timezone 'Mars/Olympus'"):
        check_digest("2025-W04", "Mars/Olympus")
    with pytest.raises(ConfigError, match="2025-W60"):
        check_digest("2025-W60", None)
    now = datetime(2025, 1, 22, 12, tzinfo=UTC)
    assert check_digest(None, "UTC", now).week == "2025-W03"


def test_a_missing_default_sources_file_points_at_the_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh clone has no ./sources.toml: the error says where the sample sources are."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RADAR_SOURCES", raising=False)
    with pytest.raises(ConfigError, match=r"examples/sources\.toml"):
        check_ingest(sources_location(None))


def test_run_parameters_never_show_source_settings(tmp_path: Path) -> None:
    """What the API stores of a checked request has names and days, not headers (secrets)."""
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "s"\nkind = "feed"\nurl = "https://example.org/rss"\n'
        '[sources.headers]\nAuthorization = "Bearer TOPSECRET"\n',
        encoding="utf-8",
    )
    request = check_ingest(toml, since=date(2025, 1, 1))
    shown = jsonable_encoder(request)
    assert shown == {
        "sources_file": str(toml),
        "sources": ["s"],
        "since": "2025-01-01",
        "until": None,
    }
    assert "TOPSECRET" not in str(jsonable_encoder({"request": request}))


def test_refused_parameters_are_one_failed_state_that_still_raises() -> None:
    """refuse() ends a run with the message only; the caller of the flow still gets the error."""
    state = refuse(ConfigError("since 2025-02-01 is after until 2025-01-01"))
    assert state.is_failed()
    assert state.message == "ConfigError: since 2025-02-01 is after until 2025-01-01"
    with pytest.raises(ConfigError):
        state.result()


def test_counters_add_up_in_the_log_line_and_the_summary() -> None:
    """found = unchanged + extracted + not read; the backfill summary sums windows per source."""
    stats = SourceStats("a", "directory", discovered=5, not_modified=2, extracted=2)
    stats.rejects["binary"] += 1
    line = describe(stats)
    assert line.startswith("5 found = 2 unchanged + 2 extracted + 1 not read")
    row = {
        "source": "a",
        "found": 5,
        "unchanged": 2,
        "extracted": 2,
        "rejected": 1,
        "signals": 3,
        "new_articles": 1,
        "updated_articles": 0,
        "out_of_range": 1,
        "error": "",
    }
    (total,) = add_rows([row, row])
    assert total["found"] == 10 and total["signals"] == 6
    table = source_table([total])
    assert "| a | 10 | 4 | 4 | 2 | 6 | 2 | 0 | 2 |" in table
    report = BackfillReport("2025-01-05", "2025-01-26", [row], [DigestLink("2025-W03", "x.md", 0)])
    assert "2025-W03: quiet week" in report.markdown()
    assert week_key("2025-W04") == "digest-2025-w04"


def test_settings_keep_environment_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a server: the argument, then the environment, then the default."""
    monkeypatch.setenv("RADAR_DATA", "/env/data")
    assert data_location("/given") == "/given"
    assert data_location(None) == "/env/data"
    monkeypatch.delenv("RADAR_DATA")
    assert data_location(None) == "radar-data"


def test_run_name_templates_format_with_checked_parameters() -> None:
    """The backfill templates resolve from a checked request (Prefect formats them at run start)."""
    from flows.backfill import backfill_checked, backfill_flow

    request = check_backfill(date(2025, 1, 5), date(2025, 1, 26), EXAMPLES)
    checked = str(backfill_checked.flow_run_name).format(request=request)
    direct = str(backfill_flow.flow_run_name).format(
        since=date(2025, 1, 5), until=date(2025, 1, 26)
    )
    assert checked == direct == "backfill-2025-01-05-to-2025-01-26"
