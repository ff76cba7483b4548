"""DATA on s3://: the real CLI against moto's S3 server gives the rows of a local run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pytest
from s3kit import (
    CREDENTIALS,
    EXAMPLES,
    listing,
    new_bucket,
    polars_options,
    radar,
    s3fs,
    start_radar,
)

WEEK = "2025-W04"  # the Stargate announcement among the examples
BACKFILL_WEEK = "2025-W02"  # the week of 2025-01-06 .. 2025-01-12 (a quiet week still has files)


@dataclass(frozen=True)
class S3Run:
    """An ingest of the examples into s3://bucket/radar by a `radar` subprocess."""

    endpoint: str
    bucket: str
    cache: Path

    @property
    def url(self) -> str:
        """Return DATA as the CLI was given it."""
        return f"s3://{self.bucket}/radar"


def api_url() -> str:
    """Return the URL of the session's Prefect test server."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


@pytest.fixture(scope="module")
def runs(
    s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory, prefect_session: None
) -> Iterator[tuple[S3Run, Path]]:
    """Run `python -m flows.cli ingest --data s3://...` and, meanwhile, a local reference run.

    This process stays pointed at the S3 server (AWS variables, the same mirror) afterwards.
    """
    run = S3Run(s3_endpoint, new_bucket(s3_endpoint), tmp_path_factory.mktemp("cache"))
    env = {**CREDENTIALS, "AWS_ENDPOINT_URL": s3_endpoint, "RADAR_CACHE": str(run.cache)}
    args = ("ingest", "--sources", str(EXAMPLES), "--data", run.url)
    child = start_radar(*args, env={**env, "PREFECT_API_URL": api_url()})
    try:
        local = tmp_path_factory.mktemp("local") / "data"
        proc = radar("ingest", "--sources", str(EXAMPLES), "--data", str(local))
        assert proc.returncode == 0, proc.stderr
        out, err = child.communicate(timeout=240)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert "Traceback" not in err
    assert "samples-zh" in out  # the summary table
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        yield run, local


@pytest.fixture
def s3_run(runs: tuple[S3Run, Path]) -> S3Run:
    """Return the S3 run of the examples."""
    return runs[0]


@pytest.fixture
def local_run(runs: tuple[S3Run, Path]) -> Path:
    """Return the local DATA folder of the same sources (the reference)."""
    return runs[1]


def test_rows_read_from_s3_match_a_local_run(s3_run: S3Run, local_run: Path) -> None:
    fs = s3fs(s3_run.endpoint)
    base = f"{s3_run.bucket}/radar"
    for table, key in (
        ("articles", "article_id"),
        ("signals", "signal_id"),
        ("state/pages", "page_key"),
    ):
        local = ds.dataset(local_run / table, format="parquet", partitioning="hive").to_table()
        remote = ds.dataset(f"{base}/{table}", filesystem=fs, format="parquet", partitioning="hive")
        got = remote.to_table()
        assert got.num_rows == local.num_rows > 0, table
        assert sorted(got.column(key).to_pylist()) == sorted(local.column(key).to_pylist())
    frame = pl.scan_parquet(
        f"{s3_run.url}/signals/**/*.parquet",
        hive_partitioning=True,
        storage_options=polars_options(s3_run.endpoint),
    ).collect()
    local_signals = pl.scan_parquet(local_run / "signals/**/*.parquet", hive_partitioning=True)
    assert (
        frame.sort("signal_id")
        .select("signal_id", "amount_usd", "year")
        .equals(local_signals.collect().sort("signal_id").select("signal_id", "amount_usd", "year"))
    )


def test_only_data_files_reach_s3(s3_run: S3Run, local_run: Path) -> None:
    objects = listing(s3_run.endpoint, s3_run.bucket)
    markers = [k for k in objects if k.endswith("/")]  # pyarrow's folder markers after deletes
    assert all(objects[k][0] == 0 for k in markers)
    keys = [k.removeprefix("radar/") for k in objects if k not in markers]
    assert not [k for k in keys if any(part.startswith(".") for part in k.split("/"))]
    assert not [k for k in keys if k.endswith((".tmp", ".lock", ".json"))]
    raw = sorted(k for k in keys if k.startswith("raw/"))
    assert raw == sorted(
        p.relative_to(local_run).as_posix() for p in (local_run / "raw").rglob("*.zst")
    )
    assert {k.split("/")[0] for k in keys} == {
        "articles",
        "signals",
        "rejects",
        "digest_items",
        "measures",
        "measure_events",
        "state",
        "raw",
    }


def test_second_run_writes_and_deletes_nothing(
    s3_run: S3Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(s3_run.endpoint, s3_run.bucket)
    time.sleep(1.1)  # S3 times have 1 s resolution: a rewrite would now show a new time
    again = radar("ingest", "--sources", str(EXAMPLES), "--data", s3_run.url)
    assert again.returncode == 0, again.stderr
    assert listing(s3_run.endpoint, s3_run.bucket) == before
    monkeypatch.setenv("RADAR_CACHE", str(tmp_path / "new-machine"))  # an empty mirror
    fresh = radar("ingest", "--sources", str(EXAMPLES), "--data", s3_run.url)
    assert fresh.returncode == 0, fresh.stderr
    assert listing(s3_run.endpoint, s3_run.bucket) == before
    reextract = radar("ingest", "--sources", str(EXAMPLES), "--data", s3_run.url, "--reextract")
    assert reextract.returncode == 0, reextract.stderr
    assert listing(s3_run.endpoint, s3_run.bucket) == before
    fetched = list((tmp_path / "new-machine").rglob("raw/*/*.zst"))
    assert len(fetched) == len([k for k in before if "/raw/" in k])  # read back on demand


def test_digest_files_and_rows_reach_s3(s3_run: S3Run, local_run: Path) -> None:
    remote = radar("digest", "--week", WEEK, "--data", s3_run.url)
    assert remote.returncode == 0, remote.stderr
    assert f"{s3_run.url}/digests/{WEEK}/digest.md" in remote.stdout.replace("\n", "")
    local = radar("digest", "--week", WEEK, "--data", str(local_run))
    assert local.returncode == 0, local.stderr
    fs = s3fs(s3_run.endpoint)
    for name in ("digest.md", "digest.html"):
        with fs.open_input_stream(f"{s3_run.bucket}/radar/digests/{WEEK}/{name}") as src:
            assert src.read() == (local_run / "digests" / WEEK / name).read_bytes()
    items = pl.read_parquet(
        f"{s3_run.url}/digest_items/**/*.parquet",
        hive_partitioning=True,
        storage_options=polars_options(s3_run.endpoint),
    )
    expected = pl.read_parquet(local_run / "digest_items/**/*.parquet", hive_partitioning=True)
    assert expected.height > 0
    assert sorted(items["item_id"]) == sorted(expected["item_id"])


def test_backfill_with_radar_data_url(
    s3_run: S3Run, local_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = new_bucket(s3_run.endpoint)
    monkeypatch.setenv("RADAR_DATA", f"s3://{bucket}/radar")
    proc = radar(
        "backfill", "--since", "2025-01-06", "--until", "2025-01-12", "--sources", str(EXAMPLES)
    )
    assert proc.returncode == 0, proc.stderr
    keys = listing(s3_run.endpoint, bucket)
    assert f"radar/digests/{BACKFILL_WEEK}/digest.md" in keys
    got = ds.dataset(
        f"{bucket}/radar/articles", filesystem=s3fs(s3_run.endpoint), partitioning="hive"
    ).to_table()
    local = pl.read_parquet(local_run / "articles/**/*.parquet", hive_partitioning=True)
    day = pl.coalesce("published_at", "fetched_at").dt.date()
    expected = local.filter(day.is_between(date(2025, 1, 6), date(2025, 1, 12)))
    assert expected.height > 0
    assert sorted(got.column("article_id").to_pylist()) == sorted(expected["article_id"])
