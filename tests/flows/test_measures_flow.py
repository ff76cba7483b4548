"""Measures in the flows: rebuilt by the digest of a week, its changes in the digest, the flow."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from measurekit import article, signal_of

from extractors.measures import MeasureTables, build_measures
from extractors.rows import Article
from flows.digest import measures_flow, rebuild_measures, write_digest
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
    from prefect.client.schemas.sorting import ArtifactSort

    assert measures_flow(data=str(data)) == {"measures": 1, "events": 2}
    with get_client(sync_client=True) as client:  # the server is shared: other runs wrote the key
        (found,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["measures"])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    assert found.type == "table" and "EU AI Act" in str(found.data)
    assert (data / "digests" / "measures.html").is_file()


def _add(data: Path, *rows: Article) -> None:
    store = Store(data)
    store.write_rows("articles", list(rows))
    store.write_rows("signals", [signal_of(r) for r in rows])


def test_weeks_of_one_run_build_the_measures_once(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.digest as digest

    built: list[int] = []
    real = build_measures

    def counting(*args: Any, **kwargs: Any) -> MeasureTables:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(digest, "build_measures", counting)
    for week in ("2024-W31", "2025-W05", "2025-W06"):
        write_digest(str(data), week, embeddings=False)
    assert len(built) == 1  # same articles and signals: one build serves every week
    (data / "digests" / "measures.md").unlink()
    write_digest(str(data), "2025-W06", embeddings=False)
    assert len(built) == 2 and (data / "digests" / "measures.md").is_file()


def test_an_incremental_rebuild_equals_a_full_one(data: Path, tmp_path: Path) -> None:
    write_digest(str(data), "2025-W06", embeddings=False)  # built before the new article
    later = article(
        "The EU AI Act rules for general-purpose models apply from 2 August 2025.",
        "2025-08-04",
        "a3",
    )
    _add(data, later)
    write_digest(str(data), "2025-W32", embeddings=False)
    incremental = read_measures(data)
    fresh = tmp_path / "fresh"
    shutil.copytree(
        data, fresh, ignore=shutil.ignore_patterns("measures", "measure_events", "digests")
    )
    rebuilt = rebuild_measures(Store(fresh))
    assert incremental == read_measures(fresh)
    assert ("in_force", date(2025, 8, 2)) in {(e.status, e.event_date) for e in incremental[1]}
    assert rebuilt.as_of == date(2025, 8, 4)
    pages = ("measures.md", "measures.html")
    assert [(data / "digests" / p).read_bytes() for p in pages] == [
        (fresh / "digests" / p).read_bytes() for p in pages
    ]


def test_articles_without_signal_rows_are_read_when_they_can_name_an_ai_measure(
    data: Path,
) -> None:
    from extractors.measures import AI_TERM_PREFILTER
    from storage.read import measure_inputs_key, read_measure_inputs

    before = measure_inputs_key(data)
    brief = article(
        "The Commission adopted the AI Transparency Rule on 3 March 2025.",
        "2025-03-04",
        "b1",
    )
    farm = article("The Soil Health Act took effect on 1 March 2025.", "2025-03-02", "f1")
    Store(data).write_rows("articles", [brief, farm])  # no signal rows
    assert measure_inputs_key(data) != before  # any new article may name a measure
    articles, signals = read_measure_inputs(data, AI_TERM_PREFILTER)
    assert sorted(a.article_id for a in articles) == ["a1", "a2", "b1"]  # no AI term: not read
    assert len(signals) == 2
    tables = rebuild_measures(Store(data))
    assert ("b1", "adopted", date(2025, 3, 3)) in {
        (e.article_id, e.status, e.event_date) for e in tables.events
    }
    assert tables.as_of == date(2025, 3, 4)
