"""Extraction on a real Dask cluster: same rows as the local pool, dead workers and schedulers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from boilerkit import ingest, story, write
from daskkit import EXAMPLES, REPO, copy_examples, table_rows
from distributed import LocalCluster

import flows.runner.source
from extractors.exceptions import ConfigError
from extractors.rows import Page
from flows.config import load_sources
from flows.ingest import run_ingest
from flows.runner.dask_batches import DaskBatches
from flows.runtime import DASK_ENV, ClusterError, check_scheduler, resolve_address
from flows.sources import Window

pytestmark = pytest.mark.slow  # a Dask cluster and flow runs per module


def closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_address_comes_from_the_parameter_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A parameter wins; an empty one falls back to $RADAR_DASK_ADDRESS; nothing set is local."""
    monkeypatch.delenv(DASK_ENV, raising=False)
    assert resolve_address(None) is None
    assert resolve_address("") is None
    assert resolve_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    monkeypatch.setenv(DASK_ENV, "tcp://sched:8786")
    assert resolve_address(None) == "tcp://sched:8786"
    assert resolve_address(" ") == "tcp://sched:8786"
    assert resolve_address("local") == "local"
    with pytest.raises(ConfigError, match="must be tcp://host:port"):
        check_scheduler("http://sched:8786")
    with pytest.raises(ConfigError, match="must be tcp://host:port"):
        check_scheduler("tcp://sched:port")


def test_dead_scheduler_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    """`radar ingest` with a dead scheduler prints one line, exits 2 and writes nothing."""
    address = f"tcp://127.0.0.1:{closed_port()}"
    env = {**os.environ, DASK_ENV: address}
    data = tmp_path / "data"
    started = time.monotonic()
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--sources", str(EXAMPLES / "sources.toml")]
    proc = subprocess.run(
        [*cmd, "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines == [f"error: Dask scheduler {address} is not reachable: Connection refused"]
    assert not data.exists()
    assert time.monotonic() - started < 60
    with pytest.raises(ConfigError, match="not reachable"):
        run_ingest(
            load_sources(EXAMPLES / "sources.toml"), str(data), Window(), dask_address=address
        )
    assert not data.exists()


def test_dask_ingest_writes_the_rows_of_the_local_pool(
    cluster: LocalCluster,
    reference: dict[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every table row (articles, signals, rejects, page state) equals a local-pool run."""
    monkeypatch.setenv("RADAR_DASK_BATCH", "3")  # several batches per source
    data = tmp_path / "data"
    sources = load_sources(EXAMPLES / "sources.toml")
    stats = run_ingest(sources, str(data), Window(), dask_address=cluster.scheduler_address)
    assert sum(s.extracted for s in stats) == len(reference["pages"])
    assert table_rows(data) == reference
    again = run_ingest(sources, str(data), Window(), dask_address=cluster.scheduler_address)
    assert sum(s.extracted for s in again) == 0
    assert table_rows(data) == reference


def test_flow_records_one_extract_batch_task_run_per_batch(
    prefect_session: None,
    cluster: LocalCluster,
    reference: dict[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a flow with a server, each batch is an extract-batch task run; rows equal the local pool."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.ingest import ingest_flow

    monkeypatch.setenv("RADAR_DASK_BATCH", "4")
    data = tmp_path / "data"
    state = ingest_flow(
        sources_file=str(EXAMPLES / "sources.toml"),
        data=str(data),
        dask_address=cluster.scheduler_address,
        return_state=True,
    )
    assert state.is_completed(), state.message
    assert table_rows(data) == reference
    with get_client(sync_client=True) as client:
        assert state.state_details.flow_run_id is not None
        only_this_run = FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        runs = client.read_task_runs(flow_run_filter=only_this_run)
    batches = sorted(r.name for r in runs if r.name.startswith("extract-"))
    pages = {"samples-zh": 9, "samples-tw": 2, "samples-en": 6}
    assert len(batches) == sum(-(-n // 4) for n in pages.values())  # ceil(pages / 4) per source
    assert {name.rsplit("-", 1)[0] for name in batches} == {f"extract-{s}" for s in pages}
    assert all(r.state_type is not None and r.state_type.value == "COMPLETED" for r in runs)


def test_a_deployment_run_with_a_dead_scheduler_fails_at_start_with_one_message(
    prefect_session: None, tmp_path: Path
) -> None:
    """The flow parameter dask_address pointing nowhere: the run fails before writing anything."""
    from flows.ingest import ingest_flow

    address = f"tcp://127.0.0.1:{closed_port()}"
    data = tmp_path / "data"
    state = ingest_flow(
        sources_file=str(EXAMPLES / "sources.toml"),
        data=str(data),
        dask_address=address,
        return_state=True,
    )
    assert state.is_failed()
    assert state.message is not None
    assert f"ConfigError: Dask scheduler {address} is not reachable" in state.message
    assert not data.exists()


def kill_a_busy_worker(cluster: LocalCluster, stop: threading.Event, killed: list[str]) -> None:
    """Kill (SIGKILL) the first worker process seen running an extraction batch."""
    while not stop.is_set():
        for worker in list(cluster.scheduler.workers.values()):
            if worker.processing:
                for nanny in cluster.workers.values():
                    process = getattr(nanny, "process", None)
                    if nanny.worker_address == worker.address and process and process.pid:
                        os.kill(process.pid, signal.SIGKILL)
                        killed.append(worker.address)
                        return
        time.sleep(0.002)


def test_a_worker_killed_mid_batch_loses_nothing(
    cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker process killed while it extracts: Dask reruns its batch, the rows are complete."""
    toml = copy_examples(tmp_path / "src", copies=3)
    sources = load_sources(toml)
    run_ingest(sources, str(tmp_path / "local"), Window())
    monkeypatch.setenv("RADAR_DASK_BATCH", "2")
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=kill_a_busy_worker, args=(cluster, stop, killed))
    killer.start()
    try:
        run_ingest(
            sources, str(tmp_path / "dask"), Window(), dask_address=cluster.scheduler_address
        )
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was busy long enough to be killed"
    assert table_rows(tmp_path / "dask") == table_rows(tmp_path / "local")


def close_when_busy(cluster: LocalCluster, stop: threading.Event) -> None:
    """Close the whole cluster (scheduler included) as soon as it runs a batch."""
    while not stop.is_set():
        if any(worker.processing for worker in list(cluster.scheduler.workers.values())):
            cluster.close()
            return
        time.sleep(0.002)


def test_a_lost_cluster_fails_the_run_and_a_rerun_completes_it(
    reference: dict[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler dies mid-run: one ClusterError; committed state is consistent, a rerun fills in."""
    monkeypatch.setenv("RADAR_DASK_BATCH", "1")
    sources = load_sources(EXAMPLES / "sources.toml")
    data = tmp_path / "data"
    doomed = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,  # in-process worker threads: starts in a fraction of a second
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=":0",  # None still binds :8787 (a clash warns); :0 picks a free port
    )
    stop = threading.Event()
    closer = threading.Thread(target=close_when_busy, args=(doomed, stop))
    closer.start()
    try:
        with pytest.raises(ClusterError, match="lost extraction batch") as lost:
            run_ingest(sources, str(data), Window(), dask_address=doomed.scheduler_address)
    finally:
        stop.set()
        closer.join()
        doomed.close()
    assert "\n" not in str(lost.value)
    partial = table_rows(data)
    assert len(partial["pages"]) < len(reference["pages"])
    assert set(partial["articles"]) <= set(reference["articles"])
    run_ingest(sources, str(data), Window())
    assert table_rows(data) == reference


def test_a_batch_that_kills_its_worker_too_often_fails_cleanly(
    cluster: LocalCluster,
    reference: dict[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past Dask's allowed failures (set to 0 here) the run stops with one ClusterError line."""
    monkeypatch.setattr(cluster.scheduler, "allowed_failures", 0)
    monkeypatch.setenv("RADAR_DASK_BATCH", "1")
    sources = load_sources(EXAMPLES / "sources.toml")
    data = tmp_path / "data"
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=kill_a_busy_worker, args=(cluster, stop, killed))
    killer.start()
    try:
        with pytest.raises(ClusterError, match="KilledWorker") as lost:
            run_ingest(sources, str(data), Window(), dask_address=cluster.scheduler_address)
    finally:
        stop.set()
        killer.join()
    assert killed and "\n" not in str(lost.value)
    run_ingest(sources, str(data), Window())
    assert table_rows(data) == reference


def test_boilerplate_re_extraction_runs_on_the_dask_workers(
    cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe and the fix-ups of the boilerplate step go to the cluster like every page."""
    sent: list[str] = []
    submit = DaskBatches._submit

    def record(self: DaskBatches, batch: list[Page]) -> Any:
        sent.extend(page.locator for page in batch)
        return submit(self, batch)

    monkeypatch.setattr(DaskBatches, "_submit", record)
    address = cluster.scheduler_address
    pages = tmp_path / "pages"
    write(pages, range(6))
    ingest(tmp_path / "data", pages)  # the local pool: nothing goes to the cluster
    assert sent == []
    # Run 2 brings one page; the 6 stored ones are re-extracted (the probe) to find the promo
    # their stored text no longer has, on the cluster.
    write(pages, range(6, 7))
    texts, _ = ingest(tmp_path / "data", pages, dask_address=address)
    assert texts["p6.html"] == "\n\n".join(story(6)[:-1])
    assert sorted(sent) == [f"p{i}.html" for i in range(7)]
    # Commits of 2 pages: the first articles are committed before the promo qualifies and
    # are extracted again (the fix-ups), on the cluster too; the rows are the local pool's.
    monkeypatch.setattr(flows.runner.source, "COMMIT_PAGES", 2)
    write(tmp_path / "all", range(7))
    local = ingest(tmp_path / "local", tmp_path / "all")
    sent.clear()
    assert ingest(tmp_path / "dask", tmp_path / "all", dask_address=address) == local
    assert [n for n in Counter(sent).values() if n > 1], "no page was extracted again"
    assert set(sent) == {f"p{i}.html" for i in range(7)}
