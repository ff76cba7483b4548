"""Progress reporting: a rich bar on a terminal, nothing elsewhere."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)


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
