"""End to end without a server: sources -> Parquet, read back by three readers, idempotent."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as pads
import pytest

from flows.config import load_sources
from flows.ingest import run_ingest
from flows.sources import Window

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def snapshot(root: Path) -> dict[str, int]:
    """Return every Parquet file under DATA with its size (what a re-run must not change)."""
    return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*.parquet")}


def counts(root: Path) -> dict[str, int]:
    return {
        t: pl.scan_parquet(str(root / t / "**" / "*.parquet"), hive_partitioning=True)
        .select(pl.len())
        .collect()
        .item()
        for t in ("articles", "signals", "rejects")
    }


@pytest.fixture(scope="module")
def seeds_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent")
    root = tmp_path_factory.mktemp("seeds")
    toml = root / "sources.toml"
    toml.write_text(
        f'[[sources]]\nname = "seeds"\nkind = "directory"\npath = "{seeds}"\ntimezone = "Asia/Shanghai"\n'
    )
    run_ingest(load_sources(toml), str(root / "data"), Window())
    return root


def test_seeds_become_articles_readable_by_three_readers(seeds_data: Path) -> None:
    data = seeds_data / "data"
    glob = str(data / "articles" / "**" / "*.parquet")
    frames = {
        "polars": pl.scan_parquet(glob, hive_partitioning=True).collect(),
        "duckdb": duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning=true)").pl(),
        "pyarrow": pl.from_arrow(
            pads.dataset(data / "articles", format="parquet", partitioning="hive").to_table()
        ),
    }
    for name, frame in frames.items():
        assert isinstance(frame, pl.DataFrame)
        assert frame.height == 5, name
        assert frame["article_id"].n_unique() == 5, name
        assert set(frame["language"]) <= {"zh-Hans", "zh-Hant", "en"}, name
        assert frame["text"].str.len_chars().min() > 500, name
    for table in ("signals", "rejects"):
        pl.scan_parquet(str(data / table / "**" / "*.parquet"), hive_partitioning=True).collect()


def test_second_run_changes_nothing_and_reextract_keeps_counts(seeds_data: Path) -> None:
    data = seeds_data / "data"
    sources = load_sources(seeds_data / "sources.toml")
    before, before_counts = snapshot(data), counts(data)
    stats = run_ingest(sources, str(data), Window())
    assert stats[0].not_modified == 5 and stats[0].extracted == 0
    assert snapshot(data) == before
    stats = run_ingest(sources, str(data), Window(), reextract=True)
    assert stats[0].extracted == 5
    assert counts(data) == before_counts
    assert snapshot(data) == before  # same extractor, same rows: nothing rewritten


def test_examples_match_their_ground_truth(tmp_path: Path) -> None:
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["pages"]
    stats = run_ingest(load_sources(EXAMPLES / "sources.toml"), str(tmp_path), Window())
    assert sum(s.new_articles for s in stats) == len(expected)
    frame = pl.scan_parquet(
        str(tmp_path / "articles" / "**" / "*.parquet"), hive_partitioning=True
    ).collect()
    by_path = {row["path"].split("/")[-1]: row for row in frame.to_dicts()}
    problems: list[str] = []
    for page in expected:
        row = by_path[Path(page["path"]).name]
        if row["title"] != page["title"]:
            problems.append(f"{page['path']}: title {row['title']!r} != {page['title']!r}")
        if row["language"] != page["language"]:
            problems.append(f"{page['path']}: language {row['language']} != {page['language']}")
        want = page["published_at"]
        got = row["published_at"]
        if (want is None) != (got is None) or (want and got != datetime.fromisoformat(want)):
            problems.append(f"{page['path']}: published_at {got} != {want}")
        text = row["text"]
        problems += [f"{page['path']}: lost {m!r}" for m in page["body_markers"] if m not in text]
        problems += [
            f"{page['path']}: kept chrome {m!r}" for m in page["chrome_markers"] if m in text
        ]
    assert not problems, "\n".join(problems)


def test_directory_files_with_the_stored_size_and_mtime_are_not_read(tmp_path: Path) -> None:
    import os
    import shutil

    folder = tmp_path / "pages"
    shutil.copytree(EXAMPLES / "pages" / "en", folder)
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[sources]]\nname = "en"\nkind = "directory"\npath = "{folder}"\n')
    sources, data = load_sources(toml), str(tmp_path / "data")
    first = run_ingest(sources, data, Window())[0]
    assert first.extracted and not first.not_modified
    page = sorted(folder.glob("*.html"))[0]
    stat = page.stat()
    # Same size, same mtime, other bytes: taken as unchanged without reading (like a 304).
    page.write_bytes(b"x" * stat.st_size)
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = run_ingest(sources, data, Window())[0]
    assert second.fetched == 0 and second.extracted == 0
    assert second.not_modified == first.extracted + sum(first.rejects.values())
    # A new modification time makes it read again; the new bytes are now a reject.
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    third = run_ingest(sources, data, Window())[0]
    assert third.fetched == 1 and third.extracted == 1
