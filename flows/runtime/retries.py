"""Task retries: transient failures are retried, our own errors (config, data, storage) are not."""

from __future__ import annotations

from typing import Any

from extractors.exceptions import RadarError


def retry_unless_our_error(task: Any, task_run: Any, state: Any) -> bool:
    """Return True when a failed task run is worth another attempt (not one of our errors)."""
    error = state.result(raise_on_failure=False)
    return not isinstance(error, RadarError)
