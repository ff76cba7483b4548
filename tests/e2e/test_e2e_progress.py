"""The ingest flow against Prefect's test server: progress artifact and writer slot in a real run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import flows.runtime.progress as run_progress
from flows.ingest import ingest_flow

REPO = Path(__file__).resolve().parents[2]
PAGES = ("techledger-stargate-500bn.html", "asiamarkets-alibaba-380bn-rmb.html")


@pytest.mark.usefixtures("prefect_session")
def test_e2e_ingest_run_reports_progress_and_takes_the_writer_slot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no delay, an ingest run creates `ingest-progress`, ends at 100 %, and commits."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    (tmp_path / "pages").mkdir()
    for name in PAGES:
        shutil.copy2(REPO / "examples" / "pages" / "en" / name, tmp_path / "pages" / name)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[sources]]\nname = "p-en"\nkind = "directory"\npath = "pages"\nlanguage = "en"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(run_progress, "START_AFTER_S", 0.0)
    monkeypatch.setattr(run_progress, "EVERY_S", 0.0)
    rows = ingest_flow(sources_file=str(sources), data=str(tmp_path / "data"))
    assert rows[0]["new_articles"] == 2
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(  # the newest: other runs of the session wrote the key
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-progress"])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
        limit = client.read_global_concurrency_limit_by_name("radar-writer")
    assert found and found[0].data == 100.0
    assert limit.limit == 1  # created on first use by the writer slot
