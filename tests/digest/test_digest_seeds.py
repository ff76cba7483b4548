"""End to end on the real seeds: ingest them (twice for one article), then digest their weeks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.digest.weeks import iso_week_of
from flows.config import load_sources
from flows.digest import write_digest
from flows.ingest import run_ingest
from flows.runner import Window
from storage.read import scan_table

MICROSOFT_SEED = "000_7086a8affeac1dc1.txt"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return DATA after ingesting the seeds plus a mirror of the Microsoft seed."""
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not (seeds / MICROSOFT_SEED).is_file():
        pytest.skip("../shared/seeds is not beside the repository")
    base = tmp_path_factory.mktemp("seeded")
    mirror = base / "mirror"
    mirror.mkdir()
    shutil.copy(seeds / MICROSOFT_SEED, mirror / "microsoft-copy.txt")
    toml = base / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "seeds"\nkind = "directory"\npath = "{seeds}"\n\n'
        f'[[sources]]\nname = "mirror"\nkind = "directory"\npath = "{mirror}"\n',
        encoding="utf-8",
    )
    data = base / "data"
    run_ingest(load_sources(toml), str(data), Window())
    return data


def test_seed_weeks_carry_every_signal(seeded: Path) -> None:
    signals = scan_table(seeded, "signals").select("signal_id", "published_at").collect()
    if signals.height == 0:
        pytest.skip("signal detection produced no signals for the seeds")
    weeks: dict[str, set[str]] = {}
    for rec in signals.iter_rows(named=True):
        if rec["published_at"] is not None:
            weeks.setdefault(iso_week_of(rec["published_at"].date()), set()).add(rec["signal_id"])
    for week, ids in weeks.items():
        result = write_digest(str(seeded), week)
        carried = {sid for row in result.rows for sid in row.signal_ids}
        assert carried == ids, week
        assert all(row.is_new for row in result.rows), week


def test_microsoft_80bn_appears_once_with_both_sources(seeded: Path) -> None:
    result = write_digest(str(seeded), "2025-W01")
    hits = [r for r in result.rows if r.amount_usd is not None and abs(r.amount_usd - 80e9) < 1.6e9]
    if not hits:
        pytest.skip("signal detection did not find Microsoft's $80 billion")
    assert len(hits) == 1
    item = hits[0]
    assert "Microsoft" in item.actors and "$80 billion" in item.headline
    assert item.n_articles == 2
    assert "microsoft-copy.txt" in result.markdown and MICROSOFT_SEED in result.markdown
