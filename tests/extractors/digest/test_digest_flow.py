"""The Prefect digest flow: files, rows, the `weekly-digest` artifacts, and parameter errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.exceptions import ConfigError
from flows.digest import digest_flow, measures_flow
from flows.runtime import LATEST_KEY, week_key


@pytest.mark.usefixtures("prefect_session")
def test_flow_writes_files_and_artifacts(history_data: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    summary = digest_flow(week="2025-W02", data=str(history_data))
    assert summary["week"] == "2025-W02"
    assert summary["new"] >= 3 and summary["updates"] == 2
    assert Path(summary["html"]).is_file() and Path(summary["markdown"]).is_file()
    keys = (week_key("2025-W02"), week_key("2025-W02", "digest-items"), LATEST_KEY)
    # The session's server is shared: earlier tests' digest runs wrote the same keys.
    with get_client(sync_client=True) as client:
        newest = {
            key: client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                sort=ArtifactSort.CREATED_DESC,
                limit=1,
            )[0]
            for key in keys
        }
    assert len({a.flow_run_id for a in newest.values()}) == 1  # all three from this run
    kinds = {key: a.type for key, a in newest.items() if key != LATEST_KEY}
    assert kinds == {"digest-2025-w02": "markdown", "digest-items-2025-w02": "table"}
    markdown = newest["digest-2025-w02"]
    assert "Microsoft" in str(markdown.data)
    latest = newest[LATEST_KEY]
    assert latest.data == markdown.data  # the newest week with items in this DATA


@pytest.mark.usefixtures("prefect_session")
def test_flow_rejects_a_bad_week(data_dir: Path) -> None:
    with pytest.raises(ConfigError, match="2025-W02"):
        digest_flow(week="2025-02", data=str(data_dir))


@pytest.mark.usefixtures("prefect_session")
def test_flows_refuse_a_data_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "radar-dat"  # a typo for the folder an ingest wrote
    with pytest.raises(ConfigError, match="does not exist: nothing has been ingested there"):
        digest_flow(week="2025-W02", data=str(missing))
    with pytest.raises(ConfigError, match="does not exist"):
        measures_flow(data=str(missing))
    assert not missing.exists(), "no empty week written into a new folder"


@pytest.mark.usefixtures("prefect_session")
def test_flow_counts_weeks_in_the_configured_timezone(
    history_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_TIMEZONE", "Asia/Shanghai")
    shanghai = digest_flow(week="2025-W02", data=str(history_data))
    assert "(Asia/Shanghai)" in Path(shanghai["markdown"]).read_text(encoding="utf-8")
    utc = digest_flow(week="2025-W02", data=str(history_data), timezone="UTC")
    assert utc["new"] == shanghai["new"] + 1  # the Jan 12 23:30 UTC budget is Jan 13 in Shanghai
