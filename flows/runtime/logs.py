"""Logging policy in one place: our package logs reach the Prefect UI, our errors print once."""

from __future__ import annotations

import logging
import os

from extractors.exceptions import RadarError

PACKAGE_LOGGER = "policy_radar"
EXTRA_LOGGERS = PACKAGE_LOGGER  # the value runs get in PREFECT_LOGGING_EXTRA_LOGGERS
PREFECT_RUN_LOGGERS = ("prefect.task_runs", "prefect.flow_runs", "prefect.engine")


def add_extra_loggers() -> None:
    """Send our package loggers (``policy_radar.*``) to the Prefect UI in every run we start."""
    current = [n for n in os.environ.get("PREFECT_LOGGING_EXTRA_LOGGERS", "").split(",") if n]
    if EXTRA_LOGGERS not in current:
        os.environ["PREFECT_LOGGING_EXTRA_LOGGERS"] = ",".join([*current, EXTRA_LOGGERS])


def route_package_logs() -> None:
    """Let ``policy_radar.*`` INFO logs reach the UI when it is in PREFECT_LOGGING_EXTRA_LOGGERS."""
    extra = os.environ.get("PREFECT_LOGGING_EXTRA_LOGGERS", "").replace(" ", "").split(",")
    package = logging.getLogger(PACKAGE_LOGGER)
    if PACKAGE_LOGGER in extra and package.level == logging.NOTSET:
        # Prefect attaches its API handler to extra loggers but leaves them at the root's WARNING.
        package.setLevel(os.environ.get("PREFECT_LOGGING_LEVEL", "INFO").upper())


class _OffTheConsole(logging.Filter):
    """Keep the records marked as repeating one of our errors off the console."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop a marked record (the API handlers, which have no such filter, still get it)."""
        return not getattr(record, "radar_error", False)


_OFF_CONSOLE = _OffTheConsole()


def _names_our_error(record: logging.LogRecord) -> bool:
    """Return True for Prefect's failure records about a RadarError (message or exception)."""
    if record.exc_info and isinstance(record.exc_info[1], RadarError):
        return True
    if record.levelno < logging.ERROR and "Failed(" not in str(record.msg):
        return False
    todo, names = [RadarError], []
    while todo:
        cls = todo.pop()
        names.append(cls.__name__)
        todo += cls.__subclasses__()
    message = record.getMessage()
    return any(f"{name}(" in message or f"{name}:" in message for name in names)


class _NoTracebackForOurErrors(logging.Filter):
    """Keep Prefect's failure records of our own errors off the console: the CLI prints one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record; strip a RadarError's traceback; mark it for the console filter."""
        if not _names_our_error(record):
            return True
        record.radar_error = True
        for handler in logging.getLogger().handlers:  # set up by Prefect once it is imported
            if "Console" in type(handler).__name__:
                handler.addFilter(_OFF_CONSOLE)  # idempotent: one filter object
        if record.exc_info and isinstance(record.exc_info[1], RadarError):
            record.exc_info = None
            record.exc_text = None
        return True


_QUIET = _NoTracebackForOurErrors()


def quiet_our_errors() -> None:
    """Keep tracebacks of our own errors off the console (the CLI prints them as one line)."""
    for name in PREFECT_RUN_LOGGERS:
        logging.getLogger(name).addFilter(_QUIET)  # idempotent: one filter object
