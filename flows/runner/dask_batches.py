"""Extraction batches on a Dask cluster (prefect-dask): pages go out, PageResults come back."""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from types import TracebackType
from typing import Any

from distributed import KilledWorker
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.settings import PREFECT_API_URL
from prefect_dask.task_runners import DaskTaskRunner

from extractors.exceptions import ConfigError
from extractors.pipeline import process_pages
from extractors.rows import Page, PageResult
from flows.runtime import CONNECT_SECONDS, LOCAL, ClusterError, check_scheduler

DASK_BATCH_ENV = "RADAR_DASK_BATCH"
DASK_BATCH_PAGES = 32  # pages per task run: coarse, so the Prefect server sees few task runs
log = logging.getLogger("policy_radar.dask")


def batch_pages() -> int:
    """Return the pages per Dask batch: ``$RADAR_DASK_BATCH`` or DASK_BATCH_PAGES."""
    value = os.environ.get(DASK_BATCH_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else DASK_BATCH_PAGES


@task(
    name="extract-batch",
    task_run_name="extract-{source}-{index}",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def extract_batch(pages: list[Page], source: str, index: int) -> list[PageResult]:
    """Extract one batch of pages on a Dask worker (pure: the flow process does every write)."""
    return process_pages(pages)


def _without_parent_parameters() -> contextlib.AbstractContextManager[Any]:
    """Hide the enclosing task run's parameters while submitting (see the note below)."""
    # prefect-dask ships the current TaskRunContext, parameters included, to the worker; the
    # ingest-source task's parameters hold the store and this pool (locks, sockets) and cannot
    # be pickled. A copy without them keeps extract-batch nested under ingest-source.
    parent = TaskRunContext.get()
    if parent is None:
        return contextlib.nullcontext()
    return parent.model_copy(update={"parameters": {}})


def _runner(address: str, workers: int) -> DaskTaskRunner:
    """Return a task runner on an existing scheduler, or on a temporary local cluster."""
    client_kwargs = {"timeout": CONNECT_SECONDS, "set_as_default": False}
    if address != LOCAL:
        return DaskTaskRunner(address=address, client_kwargs=client_kwargs)
    cluster = {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": ":0",  # None still binds :8787 (a clash warns); :0 picks a free port
    }
    return DaskTaskRunner(cluster_kwargs=cluster, client_kwargs=client_kwargs)


class DaskBatches:
    """Runs ``process_pages`` batches on a Dask cluster and yields results in input order."""

    def __init__(self, address: str, workers: int = 2, pages_per_batch: int | None = None) -> None:
        self.address = address
        self.workers = workers
        self.pages_per_batch = pages_per_batch or batch_pages()
        self.slots = 1
        self._runner: DaskTaskRunner | None = None
        self._batches = 0

    def __enter__(self) -> DaskBatches:
        check_scheduler(self.address)
        runner = _runner(self.address, self.workers)
        runner.__enter__()  # type: ignore[no-untyped-call]  # unannotated in prefect-dask
        try:
            client = runner.client
            threads = client.nthreads()  # type: ignore[no-untyped-call]  # unannotated in distributed
            self.slots = max(1, sum(threads.values()))
        except (OSError, TimeoutError) as exc:
            runner.__exit__(type(exc), exc, exc.__traceback__)
            raise ConfigError(f"Dask scheduler {self.address} did not answer: {exc}") from None
        self._runner = runner
        log.info(
            "extraction on Dask %s: %d worker threads, %d pages a batch, %s",
            client.scheduler.address if client.scheduler else self.address,
            self.slots,
            self.pages_per_batch,
            "one Prefect task run per batch" if self._task_runs() else "plain Dask tasks",
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            runner.__exit__(exc_type, exc, tb)

    @staticmethod
    def _task_runs() -> bool:
        """Return True when batches can be Prefect task runs: in a flow, with a server workers reach."""
        return FlowRunContext.get() is not None and bool(PREFECT_API_URL.value())

    def _submit(self, batch: list[Page]) -> Callable[[], list[PageResult]]:
        """Send one batch to the cluster; return a callable that waits for its results."""
        assert self._runner is not None
        index = self._batches
        self._batches += 1
        future: Any
        if self._task_runs():
            params = {"pages": batch, "source": batch[0].source, "index": index}
            with _without_parent_parameters():
                future = self._runner.submit(extract_batch, parameters=params)
        else:
            future = self._runner.client.submit(process_pages, batch, pure=False)  # type: ignore[no-untyped-call]  # unannotated in prefect-dask

        def wait() -> list[PageResult]:
            try:
                results: list[PageResult] = future.result()
            except (KilledWorker, CancelledError, OSError, TimeoutError) as exc:
                reason = " ".join(str(exc).split())  # one line: distributed's messages wrap
                raise ClusterError(
                    f"Dask cluster {self.address} lost extraction batch {index} "
                    f"({len(batch)} pages of {batch[0].source}): {type(exc).__name__}: {reason}"
                ) from None
            return results

        return wait

    def map(self, pages: Iterable[Page]) -> Iterator[PageResult]:
        """Yield one result per page, in input order, with a bounded number of batches in flight."""
        stream = iter(pages)
        pending: deque[Callable[[], list[PageResult]]] = deque()
        limit = self.slots * 2  # one running and one queued per worker thread: bounded memory
        while batch := list(itertools.islice(stream, self.pages_per_batch)):
            pending.append(self._submit(batch))
            while len(pending) >= limit:
                yield from pending.popleft()()
        while pending:
            yield from pending.popleft()()
