"""The bridge between the fetcher's event loop thread and the synchronous ingest runner."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Coroutine
from typing import Any

from flows.sources.contract import Candidate

BATCH = 16
FLUSH_S = 0.02


class StoppedError(Exception):
    """The consumer went away; the crawl stops."""


class Done:
    """Marks the end of the candidate stream."""


DONE = Done()


class Bridge:
    """Carry candidates from the fetcher's event loop thread to the sync consumer.

    Candidates travel in small batches (at most BATCH, or whatever is ready after
    FLUSH_S), so the consuming thread wakes once per batch rather than once per page.
    """

    def __init__(self, size: int) -> None:
        self.items: queue.Queue[list[Candidate] | Done] = queue.Queue(maxsize=max(2, size // BATCH))
        self.stop = threading.Event()
        self._pending: list[Candidate] = []
        self._timer: asyncio.TimerHandle | None = None
        self._flushes: set[asyncio.Task[None]] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None

    def cancel(self) -> None:
        """Stop the crawl from the consumer's thread: no more puts, in-flight fetches end."""
        self.stop.set()
        with self._lock:
            if self._loop is not None and self._task is not None:
                with contextlib.suppress(RuntimeError):  # the loop already closed
                    self._loop.call_soon_threadsafe(self._task.cancel)

    async def put(self, item: Candidate) -> None:
        """Queue one candidate for the consumer; wait while the consumer is behind."""
        if self.stop.is_set():
            raise StoppedError
        self._pending.append(item)
        if len(self._pending) >= BATCH:
            await self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(FLUSH_S, self._on_timer)

    async def put_all(self, items: list[Candidate]) -> None:
        """Queue many ready candidates as one batch (no per-item hand-over)."""
        if self.stop.is_set():
            raise StoppedError
        self._pending.extend(items)
        await self.flush()

    def _on_timer(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self._quiet_flush())
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _quiet_flush(self) -> None:
        with contextlib.suppress(StoppedError):
            await self.flush()

    async def flush(self) -> None:
        """Hand the pending candidates over, waiting (without blocking the loop) for room."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        while True:
            if self.stop.is_set():
                raise StoppedError
            try:
                self.items.put_nowait(batch)
                return
            except queue.Full:
                await asyncio.sleep(0.005)

    async def _main(self, work: Coroutine[Any, Any, None]) -> None:
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._task = asyncio.current_task()
        await work
        await self.flush()
        for task in list(self._flushes):
            await task

    def run(self, work: Coroutine[Any, Any, None]) -> None:
        """Run the async side in this thread, then signal the end of the stream."""
        try:
            asyncio.run(self._main(work))
        except* (StoppedError, asyncio.CancelledError):
            pass
        finally:
            while not self.stop.is_set():
                try:
                    self.items.put(DONE, timeout=0.05)
                    break
                except queue.Full:
                    continue
