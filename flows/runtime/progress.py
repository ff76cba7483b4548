"""Progress: the page counter and terminal bar of a command, the progress artifact of a run."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, cast
from uuid import UUID

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

PROGRESS_KEY = "ingest-progress"
START_AFTER_S = 5.0
EVERY_S = 3.0


class Counted(Protocol):
    """What the tracker reads from a source's counters."""

    source: str
    discovered: int


Create = Callable[[float, str], UUID]
Update = Callable[[UUID, float, str], object]


def create_artifact(progress: float, description: str) -> UUID:
    """Create the run's progress artifact in Prefect."""
    from prefect.artifacts import create_progress_artifact

    made = create_progress_artifact(progress, key=PROGRESS_KEY, description=description)
    return cast(UUID, made)


def update_artifact(artifact_id: UUID, progress: float, description: str) -> object:
    """Update the run's progress artifact in Prefect."""
    from prefect.artifacts import update_progress_artifact

    return update_progress_artifact(artifact_id, progress, description=description)


class RunProgress:
    """Tracks pages across the sources of one run; reports to a progress artifact when long."""

    def __init__(
        self,
        n_sources: int,
        *,
        start_after: float | None = None,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        create: Create = create_artifact,
        update: Update = update_artifact,
    ) -> None:
        self.n_sources = max(1, n_sources)
        self.start_after = START_AFTER_S if start_after is None else start_after
        self.every = EVERY_S if every is None else every
        self.clock = clock
        self._create, self._update = create, update
        self.started = clock()
        self.last = self.started
        self.artifact: UUID | None = None
        self.pages = 0
        self.reports = 0

    def hook(self, index: int) -> Callable[[Counted, int], None]:
        """Return the page callback of the source at ``index`` (0-based)."""
        seen = 0

        def on_page(stats: Counted, n: int) -> None:
            nonlocal seen
            seen += n
            self.pages += n
            share = min(1.0, seen / stats.discovered) if stats.discovered else 0.0
            self.report((index + share) / self.n_sources, stats.source)

        return on_page

    def report(self, fraction: float, source: str, force: bool = False) -> None:
        """Send the progress when the run is long and the last report is old enough."""
        now = self.clock()
        if self.artifact is None and not force and now - self.started < self.start_after:
            return
        if self.artifact is not None and not force and now - self.last < self.every:
            return
        percent = round(100.0 * min(1.0, max(0.0, fraction)), 1)
        text = f"{self.pages} pages processed; source {source}"
        if self.artifact is None:
            self.artifact = self._create(percent, text)
        else:
            self._update(self.artifact, percent, text)
        self.last = now
        self.reports += 1

    def finish(self) -> None:
        """Mark a reported run complete (runs too short to report create nothing)."""
        if self.artifact is not None:
            self.report(1.0, "all done", force=True)


class PageProgress:
    """Counts pages; shows a rich progress bar when attached to a terminal."""

    def __init__(self, progress: Progress | None = None, label: str = "pages") -> None:
        self._progress = progress
        self._task = progress.add_task(label, total=None) if progress is not None else None
        self.done = 0

    def advance(self, n: int = 1) -> None:
        """Count n more pages done."""
        self.done += n
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, n)


_CURRENT: ContextVar[PageProgress | None] = ContextVar("radar_progress", default=None)


def current_progress() -> PageProgress:
    """Return the progress of the running command (a silent counter when none is shown)."""
    return _CURRENT.get() or PageProgress()


@contextmanager
def progress_bar(label: str, enabled: bool | None = None) -> Iterator[PageProgress]:
    """Show a progress bar for the block when stderr is a terminal (or when enabled)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        counter = PageProgress()
        token = _CURRENT.set(counter)
        try:
            yield counter
        finally:
            _CURRENT.reset(token)
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        counter = PageProgress(bar, label)
        token = _CURRENT.set(counter)
        try:
            yield counter
        finally:
            _CURRENT.reset(token)
