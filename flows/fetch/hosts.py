"""Per-host state of one fetcher: request slots, pacing, robots rules and health."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from extractors.exceptions import FetchError
from flows.fetch.robots import MEMORY, Rules


class RetryableError(FetchError):
    """A failure to connect: the request is tried again; each attempt is a strike on the host."""


class DroppedError(RetryableError):
    """A connection closed before any answer: tried again; a strike on the host once per URL."""


class AnsweredError(RetryableError):
    """A failure after the response head came: tried again, but no sign the host is down."""


@dataclass(slots=True)
class Host:
    """What the run knows of one scheme://host:port: pacing, robots, health."""

    slots: asyncio.Semaphore
    interval: float
    key: str
    next_start: float = 0.0
    last_sent: float = float("-inf")
    booked: float = 0.0
    rules: Rules = field(default_factory=Rules)
    refusal: FetchError | None = None
    checked: bool = False
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    failures: int = 0
    dead: str | None = None

    async def pace(self) -> None:
        """Wait until the host's next start slot, then book the one after it."""
        while True:
            now = time.monotonic()
            if now >= self.next_start:
                self.next_start = self.booked = now + self.interval
                MEMORY.book(self.key, self.next_start)
                return
            await asyncio.sleep(self.next_start - now)

    async def take_turn(self, shared: asyncio.Semaphore) -> None:
        """Acquire one of the run's shared slots at a moment this host's pacing allows."""
        while True:
            await self.pace()
            await shared.acquire()
            if self.clear_to_send():
                return
            shared.release()  # the slot came too late for the pacing: pace again

    def clear_to_send(self) -> bool:
        """Record a send if the host's last request left an interval ago and no wait was asked."""
        now = time.monotonic()
        if self.next_start > self.booked:  # a Retry-After came in while this one queued
            return False
        if now < self.last_sent + self.interval:
            self.next_start = max(self.next_start, self.last_sent + self.interval)
            return False
        self.last_sent = now
        self.next_start = max(self.next_start, now + self.interval)
        MEMORY.book(self.key, self.next_start)
        return True

    def strike(self, exc: RetryableError, attempt: int, detail: str, dead_after: int) -> bool:
        """Count a failed attempt against the host as its kind says; True when it is now dead."""
        # Failing to connect says the host is down. A connection dropped before an answer says
        # so once per URL (a server that crashes on one page serves the others), and an answer
        # cut short or malformed never: it costs that page only.
        again = isinstance(exc, DroppedError) and attempt > 1
        self.failures += not (isinstance(exc, AnsweredError) or again)
        if self.failures < dead_after:
            return False
        self.dead = f"host unreachable after {self.failures} failures; last {detail}"
        return True
