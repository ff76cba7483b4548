"""Measures in the flows: rebuilt by the digest of a week, its changes in the digest, the flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from measurekit import article, signal_of

from flows.digest import measures_flow, write_digest
from storage.read import read_measures
from storage.store import Store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Return DATA holding two articles about one act, half a year apart."""
    rows = [
        article("The EU AI Act entered into force on 1 August 2024.", "2024-08-01", "a1"),
        article("The EU AI Act prohibitions apply from 2 February 2025.", "2025-02-03", "a2"),
    ]
    store = Store(tmp_path)
    store.prepare()
    store.write_rows("articles", rows)
    store.write_rows("signals", [signal_of(r) for r in rows])
    return tmp_path


def test_digest_rebuilds_measures_and_lists_the_week_s_changes(data: Path) -> None:
    result = write_digest(str(data), "2025-W06", embeddings=False)
    assert result.measure_updates == [
        "EU AI Act (人工智能法): applies from 2 February 2025 (in force since 1 August 2024)"
    ]
    assert "## Measure status changes" in result.markdown
    html = result.html_path.read_text(encoding="utf-8")
    assert 'id="measures"' in html and "in force since 1 August 2024" in html
    measures, events = read_measures(data)
    assert [(m.measure_id, m.status) for m in measures] == [("eu-ai-act", "in_force")]
    assert len(events) == 2
    again = write_digest(str(data), "2025-W06", embeddings=False)
    assert read_measures(data) == (measures, events) and again.measure_updates


def test_digest_writes_the_measures_page_beside_the_weeks(data: Path) -> None:
    write_digest(str(data), "2025-W06", embeddings=False)
    page = (data / "digests" / "measures.html").read_text(encoding="utf-8")
    lines = (data / "digests" / "measures.md").read_text(encoding="utf-8")
    assert "EU AI Act" in page and "<svg" in page and "2025-02-02" in page
    assert "EU AI Act" in lines and "in_force" in lines.replace(" ", "_")


@pytest.mark.usefixtures("prefect_session")
def test_measures_flow_rebuilds_the_tables_and_records_the_artifact(data: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    assert measures_flow(data=str(data)) == {"measures": 1, "events": 2}
    with get_client(sync_client=True) as client:
        (found,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["measures"])), limit=1
        )
    assert found.type == "table" and "EU AI Act" in str(found.data)
    assert (data / "digests" / "measures.html").is_file()
