"""The page pool: extraction in worker processes (or on Dask), started once per run, fed in batches."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING

from extractors.pipeline import process_pages
from extractors.rows import Page, PageResult

BATCH_PAGES = 8
_PRELOAD = ["flows.prewarm"]  # also the Dask workers' --preload (docs/deployments.md)
INLINE_BELOW = 24  # pages: fewer than this run inline, a pool would cost more than it saves

if TYPE_CHECKING:
    from flows.runner.dask_batches import DaskBatches


def default_workers() -> int:
    """Return the number of extraction processes: ``$RADAR_WORKERS`` or the CPU count."""
    value = os.environ.get("RADAR_WORKERS")
    if value and value.isdigit() and int(value) > 0:
        return int(value)
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def warm_forkserver(workers: int | None = None) -> None:
    """Start the extraction forkserver now: it loads the models while the run gets ready."""
    if (workers or default_workers()) <= 1:
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(_PRELOAD)
    forkserver.ensure_running()  # returns at once; the preload runs in the new process


class PagePool:
    """Runs ``process_pages`` in worker processes (inline with one worker, or on Dask), in order."""

    def __init__(self, workers: int | None = None, dask_address: str | None = None) -> None:
        self.workers = workers or default_workers()
        self.dask_address = dask_address
        self._executor: ProcessPoolExecutor | None = None
        self._dask: DaskBatches | None = None

    def __enter__(self) -> PagePool:
        if self.dask_address is not None:
            from flows.runner.dask_batches import DaskBatches  # dask is imported only when set

            self._dask = DaskBatches(self.dask_address, self.workers).__enter__()
        else:
            warm_forkserver(self.workers)  # overlaps discovery and the first reads
        return self

    def _start(self) -> None:
        if self.workers > 1 and self._executor is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_PRELOAD)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._dask is not None:
            dask, self._dask = self._dask, None
            dask.__exit__(exc_type, exc, tb)

    def map(self, pages: Iterable[Page]) -> Iterator[PageResult]:
        """Yield one result per page, in input order, with a bounded number of batches in flight."""
        if self._dask is not None:
            yield from self._dask.map(pages)
            return
        stream = iter(pages)
        head = list(itertools.islice(stream, INLINE_BELOW))
        if self.workers <= 1 or (len(head) < INLINE_BELOW and self._executor is None):
            for page in itertools.chain(head, stream):
                yield from process_pages([page])
            return
        self._start()
        assert self._executor is not None
        pages = itertools.chain(head, stream)
        pending: deque[Future[list[PageResult]]] = deque()
        limit = self.workers * 3
        batch: list[Page] = []
        for page in pages:
            batch.append(page)
            if len(batch) >= BATCH_PAGES:
                pending.append(self._executor.submit(process_pages, batch))
                batch = []
                while len(pending) >= limit:
                    yield from pending.popleft().result()
        if batch:
            pending.append(self._executor.submit(process_pages, batch))
        while pending:
            yield from pending.popleft().result()
